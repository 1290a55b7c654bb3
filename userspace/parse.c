// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing of command lines and command-line values, shared by the
 * subcommands. Nothing here exits: errors are printed and returned.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aisched.h"
#include "names.h"
#include "parse.h"

/**
 * aisched_getopt_reset() - start parsing a new command line
 *
 * getopt() keeps its state in globals; zero makes glibc and musl start
 * afresh, including in the middle of a cluster like "-jx".
 */
void aisched_getopt_reset(void)
{
	optind = 0;
	opterr = 0;
}

/**
 * aisched_getopt() - getopt_long() that explains errors in aisched's words
 * @argc: argument count, as for getopt_long()
 * @argv: arguments; argv[0] is the subcommand
 * @shortopts: must start with "+:" (stop at the first operand, report a
 *	missing value as ':') or "-:" (return each operand as option 1 with
 *	optarg set, so that options may follow operands; after "--" the rest
 *	are left at optind)
 * @longopts: as for getopt_long()
 * @cmd: subcommand name, for messages
 *
 * Prints "aisched: <cmd>: unknown option '--foo'" and the like to stderr.
 * The caller prints its usage and returns 2.
 *
 * Return: as getopt_long(), except that every error is returned as '?'.
 */
int aisched_getopt(int argc, char *argv[], const char *shortopts,
		   const struct option *longopts, const char *cmd)
{
	int cur = optind ? optind : 1;
	const char *arg;
	int c, idx, len;

	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c != '?' && c != ':')
		return c;

	/* getopt moves past the element only once it is used up. */
	idx = optind > cur ? optind - 1 : optind;
	arg = idx < argc ? argv[idx] : "";
	if (strncmp(arg, "--", 2)) {
		fprintf(aisched_err, c == ':' ? "aisched: %s: option '-%c' needs a value\n"
				       : "aisched: %s: unknown option '-%c'\n",
			cmd, optopt);
		return '?';
	}
	len = strcspn(arg, "=");
	if (c == ':')
		fprintf(aisched_err, "aisched: %s: option '%.*s' needs a value\n",
			cmd, len, arg);
	else if (optopt && arg[len])
		fprintf(aisched_err, "aisched: %s: option '%.*s' takes no value\n",
			cmd, len, arg);
	else
		fprintf(aisched_err, "aisched: %s: unknown option '%.*s'\n",
			cmd, len, arg);
	return '?';
}

/**
 * aisched_parse_u32() - parse a decimal number in [0, @max]
 * @s: the text; digits only, no sign, no spaces, no base prefix
 * @max: largest value accepted
 * @out: the value, set only on success
 *
 * Return: 0, -EINVAL if @s is not a decimal number, or -ERANGE if it is
 * larger than @max.
 */
int aisched_parse_u32(const char *s, uint32_t max, uint32_t *out)
{
	unsigned long long v;
	char *end;

	/* strtoull() would take " 1", "+1" and "-1" (as ULLONG_MAX). */
	if (!isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

/**
 * aisched_parse_u64() - parse a decimal number that fits 64 bits
 * @s: the text; digits only, no sign, no spaces, no base prefix
 * @out: the value, set only on success
 *
 * Return: 0, -EINVAL if @s is not a decimal number, or -ERANGE if it does
 * not fit.
 */
int aisched_parse_u64(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE)
		return -ERANGE;
	*out = v;
	return 0;
}

/**
 * aisched_parse_s32() - parse a decimal integer that fits 32 bits, signed
 * @s: the text: an optional '-' or '+', then digits; no spaces, no base
 *	prefix
 * @out: the value, set only on success
 *
 * Return: 0, -EINVAL if @s is not a decimal integer, or -ERANGE if it does
 * not fit an int32_t.
 */
int aisched_parse_s32(const char *s, int32_t *out)
{
	const char *digits = s + (s[0] == '-' || s[0] == '+');
	long long v;
	char *end;

	if (!isdigit((unsigned char)digits[0]))
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < INT32_MIN || v > INT32_MAX)
		return -ERANGE;
	*out = v;
	return 0;
}

/**
 * aisched_parse_gpu() - tell a GPU's index from its PCI address
 * @s: the GPU as given: digits only are an index (as "aisched gpus" lists
 *	them), anything else a PCI address, such as 0000:17:00.0, which the
 *	kernel checks
 * @index: set to the index if @s is one
 *
 * Return: 1 if @s is an index, 0 if it is an address, -EINVAL if it is
 * empty, or -ERANGE if it is an index that does not fit 32 bits.
 */
int aisched_parse_gpu(const char *s, uint32_t *index)
{
	int ret;

	if (!s[0])
		return -EINVAL;
	if (s[strspn(s, "0123456789")])
		return 0;
	ret = aisched_parse_u32(s, UINT32_MAX, index);
	return ret ?: 1;
}

/* ionice's names and numbers of the classes, besides the spec's names. */
static const struct {
	const char *name;
	uint32_t io_class;
} io_class_aliases[] = {
	{ "0", 0 }, { "1", 1 }, { "2", 2 }, { "3", 3 },
	{ "realtime", 1 }, { "best-effort", 2 },
};

/**
 * aisched_parse_ioprio() - parse an I/O priority, CLASS[:LEVEL]
 * @s: the text. CLASS is a name of the spec (none, rt, be, idle), one of
 *	ionice's numbers (0 none, 1 rt, 2 be, 3 idle) or names (realtime,
 *	best-effort); LEVEL a decimal number.
 * @io_class: set to the AISCHED_IO_CLASS_* value
 * @has_level: set to whether a level was given
 * @level: set to the level, if given
 *
 * Only the syntax is checked: whether the level is in range, and whether
 * the class takes one, is for the kernel to say.
 *
 * Return: 0, or -EINVAL if @s is not an I/O priority (nothing is set).
 */
int aisched_parse_ioprio(const char *s, uint32_t *io_class, bool *has_level,
			 uint32_t *level)
{
	const char *colon = strchr(s, ':');
	size_t len = colon ? (size_t)(colon - s) : strlen(s);
	uint32_t c = 0, l = 0;
	char word[16];
	size_t i;

	if (!len || len >= sizeof(word))
		return -EINVAL;
	memcpy(word, s, len);
	word[len] = '\0';
	if (aisched_name_lookup(&aisched_io_class_names, word, &c)) {
		for (i = 0; i < ARRAY_SIZE(io_class_aliases); i++)
			if (!strcmp(io_class_aliases[i].name, word))
				break;
		if (i == ARRAY_SIZE(io_class_aliases))
			return -EINVAL;
		c = io_class_aliases[i].io_class;
	}
	if (colon && aisched_parse_u32(colon + 1, UINT32_MAX, &l))
		return -EINVAL;
	*io_class = c;
	*has_level = colon;
	if (colon)
		*level = l;
	return 0;
}

static const struct option path_json_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "json", no_argument, NULL, 'j' },
	{ NULL,   0,           NULL, 0 },
};

/**
 * aisched_parse_path_json() - parse "CMD [PATH] [--json]"
 * @argc: argument count
 * @argv: arguments, argv[0] being the subcommand
 * @cmd: the subcommand's name, for messages
 * @usage: prints the subcommand's usage
 * @o: filled in
 *
 * PATH may come before or after the options. On a usage error, prints why
 * and the usage to stderr. Never exits.
 *
 * Return: 0, also for --help (@o->help is set), or 2 (bad usage).
 */
int aisched_parse_path_json(int argc, char *argv[], const char *cmd,
			    void (*usage)(FILE *f), struct aisched_path_opts *o)
{
	const char *arg;
	int c;

	memset(o, 0, sizeof(*o));
	aisched_getopt_reset();
	for (;;) {
		c = aisched_getopt(argc, argv, "-:hj", path_json_options, cmd);
		if (c == -1) {
			if (optind >= argc)
				return 0;
			arg = argv[optind++];
		} else if (c == 'h') {
			o->help = true;
			return 0;
		} else if (c == 'j') {
			o->json = true;
			continue;
		} else if (c == 1) {
			arg = optarg;
		} else {
			usage(aisched_err);
			return AISCHED_EXIT_USAGE;
		}
		if (o->path) {
			fprintf(aisched_err, "aisched: %s: unexpected argument '%s'\n",
				cmd, arg);
			usage(aisched_err);
			return AISCHED_EXIT_USAGE;
		}
		o->path = arg;
	}
}
