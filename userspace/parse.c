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
 *	missing value as ':')
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
		fprintf(stderr, c == ':' ? "aisched: %s: option '-%c' needs a value\n"
				       : "aisched: %s: unknown option '-%c'\n",
			cmd, optopt);
		return '?';
	}
	len = strcspn(arg, "=");
	if (c == ':')
		fprintf(stderr, "aisched: %s: option '%.*s' needs a value\n",
			cmd, len, arg);
	else if (optopt && arg[len])
		fprintf(stderr, "aisched: %s: option '%.*s' takes no value\n",
			cmd, len, arg);
	else
		fprintf(stderr, "aisched: %s: unknown option '%.*s'\n",
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
