// SPDX-License-Identifier: GPL-2.0
/*
 * Slurm's gres.conf, as far as aisched needs it.
 *
 * SLURM_STEP_GPUS and SLURM_JOB_GPUS name a step's GPUs by their GRES
 * index on the node: the position of the GPU's device file in the list
 * slurmd builds from the File= entries of the Name=gpu lines that apply to
 * the node, in the order of the file, each entry's hostlist expression
 * (/dev/nvidia[0-3]) expanded in place (common_node_config_load() in
 * Slurm's src/plugins/gres/common/gres_common.c). This reads the same
 * list, from the same file, so that an index becomes a device file, which
 * devmap.c then turns into a PCI address.
 *
 * What it reads of a line: NodeName= (a hostlist; a line without it
 * applies to every node), Name= and File=. Parameter names are case
 * insensitive and "#" starts a comment, as gres.conf(5) says. Other
 * parameters (Type, Cores, Links, Count, Flags, AutoDetect...) are
 * Slurm's, and left to it. MultipleFiles= (MIG) names several files of one
 * GPU and Include is not followed: both are refused, naming the line, so
 * that no index is ever mapped to the wrong GPU.
 */

#define _GNU_SOURCE	/* asprintf, strndup */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "errbuf.h"
#include "gres.h"

/* The largest number a hostlist range may have. */
#define RANGE_MAX	999999999UL

/**
 * aisched_strv_free() - free an array of strings
 * @v: the array, or NULL
 * @n: how many strings it holds
 */
void aisched_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static int strv_push(char ***v, size_t *n, size_t max, char *s, char *err,
		     size_t errlen)
{
	char **nv;

	if (!s)
		return aisched_errbuf(err, errlen, -ENOMEM, "out of memory");
	if (*n >= max) {
		free(s);
		return aisched_errbuf(err, errlen, -E2BIG, "more than %zu names", max);
	}
	nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (!nv) {
		free(s);
		return aisched_errbuf(err, errlen, -ENOMEM, "out of memory");
	}
	nv[(*n)++] = s;
	*v = nv;
	return 0;
}

static int parse_num(const char *s, size_t len, unsigned long *out)
{
	unsigned long v = 0;
	size_t i;

	if (!len || len > 9)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -EINVAL;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	*out = v;
	return 0;
}

/* One item: PREFIX[RANGES]SUFFIX, or a plain name. */
static int expand_item(const char *item, size_t len, char ***out, size_t *nr,
		       size_t max, char *err, size_t errlen)
{
	const char *open = memchr(item, '[', len), *close, *r, *end;
	int width, ret;

	if (!open) {
		if (memchr(item, ']', len))
			return aisched_errbuf(err, errlen, -EINVAL, "'%.*s': ']' without '['",
					      (int)len, item);
		return strv_push(out, nr, max, strndup(item, len), err, errlen);
	}
	close = memchr(open, ']', len - (size_t)(open - item));
	if (!close)
		return aisched_errbuf(err, errlen, -EINVAL, "'%.*s': '[' without ']'",
				      (int)len, item);
	if (memchr(close + 1, '[', len - (size_t)(close + 1 - item)) ||
	    memchr(close + 1, ']', len - (size_t)(close + 1 - item)))
		return aisched_errbuf(err, errlen, -EINVAL,
				      "'%.*s': only one bracketed range is supported",
				      (int)len, item);
	for (r = open + 1, end = open; end < close; r = end + 1) {
		unsigned long lo, hi, v;
		const char *dash;
		size_t lo_len;

		end = memchr(r, ',', (size_t)(close - r));
		if (!end)
			end = close;
		dash = memchr(r, '-', (size_t)(end - r));
		lo_len = (size_t)((dash ? dash : end) - r);
		if (parse_num(r, lo_len, &lo) ||
		    (dash && parse_num(dash + 1, (size_t)(end - dash - 1), &hi)))
			return aisched_errbuf(err, errlen, -EINVAL,
					      "'%.*s': a range is N or N-M, in decimal",
					      (int)len, item);
		if (!dash)
			hi = lo;
		if (hi < lo || hi > RANGE_MAX)
			return aisched_errbuf(err, errlen, -EINVAL,
					      "'%.*s': range %lu-%lu goes backwards",
					      (int)len, item, lo, hi);
		/* Leading zeros give the width, as in Slurm: [01-10]. */
		width = lo_len > 1 && r[0] == '0' ? (int)lo_len : 0;
		for (v = lo; v <= hi; v++) {
			char *name;

			if (asprintf(&name, "%.*s%0*lu%.*s", (int)(open - item),
				     item, width, v,
				     (int)(len - (size_t)(close + 1 - item)),
				     close + 1) < 0)
				name = NULL;
			ret = strv_push(out, nr, max, name, err, errlen);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/**
 * aisched_hostlist_expand() - expand a Slurm hostlist expression
 * @expr: names separated by commas, each with at most one bracketed list
 *	of decimal numbers and ranges: "node[01-03,7],login",
 *	"/dev/nvidia[0-3]"
 * @out: set to the names, in order; free with aisched_strv_free()
 * @nr: set to how many
 * @max: the most names it may give
 * @err: why not, on failure
 * @errlen: the size of @err
 *
 * Return: 0, -EINVAL for a malformed expression, -E2BIG past @max, or
 * -ENOMEM. On failure @out is NULL.
 */
int aisched_hostlist_expand(const char *expr, char ***out, size_t *nr,
			    size_t max, char *err, size_t errlen)
{
	const char *s = expr;
	int ret = 0;

	*out = NULL;
	*nr = 0;
	if (!*expr)
		return aisched_errbuf(err, errlen, -EINVAL, "an empty list");
	while (!ret) {
		const char *p = s;
		int depth = 0;

		/* Up to the next comma outside brackets. */
		while (*p && (depth || *p != ',')) {
			depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
			if (depth < 0 || depth > 1)
				break;
			p++;
		}
		if (depth < 0)
			ret = aisched_errbuf(err, errlen, -EINVAL, "'%s': ']' without '['", expr);
		else if (depth > 1)
			ret = aisched_errbuf(err, errlen, -EINVAL, "'%s': '[' inside '[...]'", expr);
		else if (p == s)
			ret = aisched_errbuf(err, errlen, -EINVAL, "'%s': an empty name", expr);
		else
			ret = expand_item(s, (size_t)(p - s), out, nr, max, err,
					  errlen);
		if (ret || !*p)
			break;
		s = p + 1;
	}
	if (ret) {
		aisched_strv_free(*out, *nr);
		*out = NULL;
		*nr = 0;
	}
	return ret;
}

/**
 * aisched_gres_free() - free what aisched_gres_parse() gave
 * @g: the list
 */
void aisched_gres_free(struct aisched_gres *g)
{
	aisched_strv_free(g->files, g->nr);
	g->files = NULL;
	g->nr = 0;
}

/* Whether @node is one of the names of hostlist @expr (0 or 1), or -errno. */
static int node_in(const char *expr, const char *node, char *err, size_t errlen)
{
	size_t n, i;
	char **names;
	int ret;

	ret = aisched_hostlist_expand(expr, &names, &n, 1u << 20, err, errlen);
	if (ret)
		return ret;
	for (i = 0; i < n && strcmp(names[i], node); i++)
		;
	aisched_strv_free(names, n);
	return i < n;
}

struct line {
	const char *node_name;	/* NodeName=, or NULL */
	const char *name;	/* Name= */
	const char *file;	/* File= */
};

/* Splits a line into its KEY=VALUE words. Return: 0 or -EINVAL. */
static int parse_line(char *s, struct line *l, char *err, size_t errlen)
{
	memset(l, 0, sizeof(*l));
	for (;;) {
		char *word, *eq;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			return 0;
		word = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (*s)
			*s++ = '\0';
		if (!strcasecmp(word, "include"))
			return aisched_errbuf(err, errlen, -EINVAL,
					      "Include is not followed: list the GPUs in this file");
		eq = strchr(word, '=');
		if (!eq || eq == word || !eq[1])
			return aisched_errbuf(err, errlen, -EINVAL,
					      "'%s' is not PARAMETER=VALUE", word);
		*eq = '\0';
		if (!strcasecmp(word, "NodeName"))
			l->node_name = eq + 1;
		else if (!strcasecmp(word, "Name"))
			l->name = eq + 1;
		else if (!strcasecmp(word, "File"))
			l->file = eq + 1;
		else if (!strcasecmp(word, "MultipleFiles"))
			return aisched_errbuf(err, errlen, -EINVAL,
					      "MultipleFiles (MIG) is not supported: aisched cannot tell which GPU an index is");
	}
}

/**
 * aisched_gres_parse() - this node's GPU device files, from gres.conf text
 * @text: the file's contents, NUL-terminated
 * @file: its name, for the messages
 * @node: this node's name (slurmd's NodeName)
 * @g: set to the list; free with aisched_gres_free()
 * @err: why not, "FILE:LINE: ...", on failure
 * @errlen: the size of @err
 *
 * Return: 0, -EINVAL for a line it cannot read, -E2BIG for more than
 * AISCHED_GRES_MAX_FILES files, or -ENOMEM. On failure @g is empty.
 */
int aisched_gres_parse(const char *text, const char *file, const char *node,
		       struct aisched_gres *g, char *err, size_t errlen)
{
	char *copy, *line, *next, why[256];
	unsigned int lineno = 0;
	int ret = 0;

	g->files = NULL;
	g->nr = 0;
	copy = strdup(text);
	if (!copy)
		return aisched_errbuf(err, errlen, -ENOMEM, "out of memory");
	for (line = copy; line && !ret; line = next) {
		char **files = NULL;
		size_t nr = 0, i;
		struct line l;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line[strcspn(line, "#")] = '\0';
		ret = parse_line(line, &l, why, sizeof(why));
		if (ret)
			break;
		if (!l.name || strcasecmp(l.name, "gpu") || !l.file)
			continue;
		if (l.node_name) {
			ret = node_in(l.node_name, node, why, sizeof(why));
			if (ret < 0)
				break;
			if (!ret)
				continue;
		}
		ret = aisched_hostlist_expand(l.file, &files, &nr,
					      AISCHED_GRES_MAX_FILES - g->nr,
					      why, sizeof(why));
		for (i = 0; !ret && i < nr; i++)
			if (files[i][0] != '/')
				ret = aisched_errbuf(why, sizeof(why), -EINVAL,
						     "File=%s is not an absolute path",
						     files[i]);
		for (i = 0; !ret && i < nr; i++) {
			ret = strv_push(&g->files, &g->nr, AISCHED_GRES_MAX_FILES,
					files[i], why, sizeof(why));
			files[i] = NULL;
		}
		aisched_strv_free(files, nr);
	}
	free(copy);
	if (ret) {
		aisched_errbuf(err, errlen, ret, "%s:%u: %s", file, lineno, why);
		aisched_gres_free(g);
	}
	return ret;
}

/**
 * aisched_gres_load() - this node's GPU device files, from a gres.conf
 * @file: the path, such as /etc/slurm/gres.conf
 * @node: this node's name
 * @g: set to the list; free with aisched_gres_free()
 * @err: why not, on failure
 * @errlen: the size of @err
 *
 * Return: 0, -errno of reading the file, or as aisched_gres_parse().
 */
int aisched_gres_load(const char *file, const char *node,
		      struct aisched_gres *g, char *err, size_t errlen)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f, *m;
	char buf[4096];
	size_t n;
	int ret;

	g->files = NULL;
	g->nr = 0;
	f = fopen(file, "re");
	if (!f)
		return aisched_errbuf(err, errlen, -errno, "cannot read %s: %s", file,
				      strerror(errno));
	m = open_memstream(&text, &len);
	if (!m) {
		fclose(f);
		return aisched_errbuf(err, errlen, -ENOMEM, "out of memory");
	}
	while ((n = fread(buf, 1, sizeof(buf), f)))
		fwrite(buf, 1, n, m);
	ret = ferror(f) ? -EIO : 0;
	fclose(f);
	if (fclose(m) && !ret)
		ret = -ENOMEM;
	if (!ret && strlen(text) != len)
		ret = aisched_errbuf(err, errlen, -EINVAL, "%s: a NUL byte in the file", file);
	else if (ret)
		aisched_errbuf(err, errlen, ret, "cannot read %s", file);
	if (!ret)
		ret = aisched_gres_parse(text, file, node, g, err, errlen);
	free(text);
	return ret;
}

/**
 * aisched_gres_indices() - parse a GRES index list, as SLURM_STEP_GPUS is
 * @s: decimal indices separated by commas, such as "0,2"; ranges "0-3" are
 *	taken too
 * @out: set to the indices, in order; free()
 * @nr: set to how many
 * @err: why not, on failure
 * @errlen: the size of @err
 *
 * Return: 0, -EINVAL or -ENOMEM. On failure @out is NULL.
 */
int aisched_gres_indices(const char *s, uint32_t **out, size_t *nr,
			 char *err, size_t errlen)
{
	char *expr, **names;
	size_t n, i;
	int ret;

	*out = NULL;
	*nr = 0;
	if (asprintf(&expr, "[%s]", s) < 0)
		return aisched_errbuf(err, errlen, -ENOMEM, "out of memory");
	ret = aisched_hostlist_expand(expr, &names, &n, AISCHED_GRES_MAX_FILES,
				      err, errlen);
	free(expr);
	if (ret == -E2BIG || (!ret && !n))
		ret = aisched_errbuf(err, errlen, -EINVAL, "'%s': not a GPU index list", s);
	if (ret) {
		if (ret != -ENOMEM)
			aisched_errbuf(err, errlen, -EINVAL,
				       "'%s' is not a list of GPU indices (such as 0,2)", s);
		return ret == -ENOMEM ? ret : -EINVAL;
	}
	*out = calloc(n, sizeof(**out));
	if (!*out) {
		aisched_strv_free(names, n);
		return aisched_errbuf(err, errlen, -ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++)
		(*out)[i] = (uint32_t)strtoul(names[i], NULL, 10);
	*nr = n;
	aisched_strv_free(names, n);
	return 0;
}
