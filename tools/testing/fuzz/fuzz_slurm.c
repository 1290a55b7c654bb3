// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the parsers of the SPANK plugin (userspace/slurm/):
 * gres.conf, the hostlist expressions in it, the GRES index lists of
 * SLURM_STEP_GPUS, plugstack.conf's arguments and the --aisched-* options.
 *
 * Input: a letter that picks the parser, then its text:
 *   'g' gres.conf, for node "vm1" (the files must be absolute paths, as
 *       many as the limit allows)
 *   'h' one hostlist expression (every name non-empty, at most 64)
 *   'i' a GRES index list
 *   'c' plugstack.conf arguments, one a line
 *   'p' a /proc/PID/cgroup, for the cgroup to tag (a path from the root,
 *       never longer than the text, never ending in /task_K under user/)
 *   'o' option lines "N VALUE" (N the option's number), then the limits
 *       of a fixed configuration checked, and the request turned into the
 *       "aisched tag" command line, which the tool's own parser must take
 */

#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#include "aisched.h"
#include "gres.h"
#include "policy.h"
#include "tag.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "fuzz_slurm: %s:%d: %s does not hold\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

static void gres(const char *text)
{
	struct aisched_gres g;
	char err[256];
	size_t i;

	if (aisched_gres_parse(text, "gres.conf", "vm1", &g, err, sizeof(err))) {
		CHECK(!g.nr && !g.files);
		CHECK(!strncmp(err, "gres.conf:", 10));
		return;
	}
	CHECK(g.nr <= AISCHED_GRES_MAX_FILES);
	for (i = 0; i < g.nr; i++)
		CHECK(g.files[i][0] == '/');
	aisched_gres_free(&g);
}

static void hostlist(const char *text)
{
	char **names, err[256];
	size_t n, i;

	if (aisched_hostlist_expand(text, &names, &n, 64, err, sizeof(err))) {
		CHECK(!names && !n);
		return;
	}
	CHECK(n >= 1 && n <= 64);
	for (i = 0; i < n; i++)
		CHECK(names[i][0] && !strchr(names[i], '[') && !strchr(names[i], ','));
	aisched_strv_free(names, n);
}

static void indices(const char *text)
{
	uint32_t *idx;
	char err[256];
	size_t n;

	if (!aisched_gres_indices(text, &idx, &n, err, sizeof(err))) {
		CHECK(n >= 1);
		free(idx);
	} else {
		CHECK(!idx && !n);
	}
}

/* Splits @text at newlines, in place; returns the lines. */
static char **lines(char *text, int *n)
{
	char **v = NULL, *s, *save = NULL;

	*n = 0;
	for (s = strtok_r(text, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
		v = realloc(v, (size_t)(*n + 1) * sizeof(*v));
		if (!v)
			abort();
		v[(*n)++] = s;
	}
	return v;
}

static void conf(char *text)
{
	struct aisched_spank_conf c;
	char **av, err[512];
	int ac;

	av = lines(text, &ac);
	aisched_spank_conf_init(&c);
	if (!aisched_spank_conf_parse(&c, ac, av, err, sizeof(err))) {
		CHECK(c.max_rt_prio <= AISCHED_SPANK_RT_PRIO_CAP);
		CHECK(c.min_nice >= -20 && c.min_nice <= 19);
		CHECK(c.gres_conf[0] == '/');
		CHECK(c.default_class < 0 || (c.classes & (1u << c.default_class)));
	} else {
		CHECK(!strncmp(err, "plugstack.conf: ", 16));
	}
	free(av);
}

static void options(char *text)
{
	static char *const limits[] = {
		"min_nice=-10", "max_rt_prio=10", "max_hugepages=64", "io_rt=no",
	};
	struct aisched_spank_conf c;
	struct aisched_spank_req r;
	struct tag_opts o;
	char **av, err[512], **argv;
	int ac, i, argc;

	aisched_spank_conf_init(&c);
	CHECK(!aisched_spank_conf_parse(&c, 4, limits, err, sizeof(err)));
	aisched_spank_req_init(&r);
	av = lines(text, &ac);
	for (i = 0; i < ac; i++) {
		char *sp = strchr(av[i], ' ');

		if (!sp || sp == av[i] || sp - av[i] > 2)
			continue;
		*sp = '\0';
		aisched_spank_req_set(&r, atoi(av[i]) % (AISCHED_SPANK_NR_OPTS + 1),
				      sp + 1, err, sizeof(err));
	}
	free(av);
	if (aisched_spank_req_check(&c, &r, err, sizeof(err)) != 1)
		return;
	CHECK(!r.has_rt_prio || r.rt_prio <= c.max_rt_prio);
	CHECK(!r.has_hugepages || r.hugepages <= c.max_hugepages);
	CHECK(aisched_spank_tag_argv(&r, "/jobs/fuzz/user", NULL, 0, &argv,
				     &argc) == 0);
	/* What the plugin hands the tool, the tool takes. */
	CHECK(tag_parse_args(argc, argv, &o) == 0);
	tag_opts_free(&o);
	aisched_spank_argv_free(argv, argc);
}

static void step_cgroup(const char *text)
{
	char out[64];
	size_t n;

	if (aisched_spank_step_cgroup(text, out, sizeof(out)))
		return;
	n = strlen(out);
	CHECK(out[0] == '/' && n < sizeof(out) && n <= strlen(text));
	CHECK(!strchr(out, '\n'));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (!size)
		return 0;
	text = fuzz_string(data + 1, size - 1);
	aisched_streams_set(fuzz_sink(), fuzz_sink());
	switch (data[0]) {
	case 'g': gres(text); break;
	case 'h': hostlist(text); break;
	case 'i': indices(text); break;
	case 'c': conf(text); break;
	case 'p': step_cgroup(text); break;
	case 'o': options(text); break;
	default: break;
	}
	aisched_streams_set(NULL, NULL);
	free(text);
	return 0;
}
