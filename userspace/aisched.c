// SPDX-License-Identifier: GPL-2.0
/*
 * aisched - control the aisched kernel module.
 *
 * Global options and the subcommand table. Each subcommand lives in its own
 * file as X_main(argc, argv), with argv[0] the subcommand's name.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/aisched.h>

#include "aisched.h"

static const struct {
	const char *name;
	aisched_subcommand_fn *main;
	const char *description;
} subcommands[] = {
	{ "info", info_main, "Shows the module version, features and NUMA nodes" },
	{ "gpus", gpus_main, "Lists the GPUs with their NUMA nodes, or sets a GPU's node" },
	{ "pool", pool_main, "Shows the huge-page pool per node, or resizes a node's pool" },
	{ "tag", tag_main, "Tags a cgroup with a workload class" },
	{ "untag", untag_main, "Removes a cgroup's tag" },
	{ "list", list_main, "Lists the tags with their counters" },
	{ "show", show_main, "Shows a tag and the threads it covers" },
	{ "monitor", monitor_main, "Prints the module's events as they happen" },
};

static void show_usage(FILE *f)
{
	size_t i;

	fputs("Usage: aisched <cmd> [<args>]\n"
	      "       aisched --help | --version\n"
	      "\n"
	      "Available subcommands:\n", f);
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		fprintf(f, "  %s: %s\n", subcommands[i].name,
			subcommands[i].description);
	fputs("You may pass `--help' to any of these subcommands to view usage.\n",
	      f);
}

/* A failed write to stdout (a full disk, a closed pipe) is a failure. */
static int finish_output(int ret)
{
	if (fflush(aisched_out) || ferror(aisched_out)) {
		fprintf(aisched_err, "aisched: writing output: %s\n", strerror(errno));
		return AISCHED_EXIT_FAIL;
	}
	return ret;
}

/**
 * aisched_subcommand() - the subcommand of a name
 * @name: the name, as argv[1] gives it; matched exactly
 *
 * Lets the fuzzers tell which command lines aisched_main() would hand to a
 * subcommand (which talks to the kernel) from those it answers itself.
 *
 * Return: the subcommand's X_main(), or NULL if @name is none.
 */
aisched_subcommand_fn *aisched_subcommand(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(subcommands); i++) {
		if (!strcmp(name, subcommands[i].name))
			return subcommands[i].main;
	}
	return NULL;
}

/**
 * aisched_main() - the tool's main(), callable from the unit tests
 * @argc: argument count
 * @argv: arguments; argv[0] is the program, argv[1] the subcommand
 *
 * Return: the exit status, 0 ok, 1 refused or failed, 2 bad usage.
 */
int aisched_main(int argc, char *argv[])
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	aisched_subcommand_fn *sub;

	if (!cmd) {
		show_usage(aisched_err);
		return AISCHED_EXIT_USAGE;
	}
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		show_usage(aisched_out);
		return finish_output(AISCHED_EXIT_OK);
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("aisched %s (netlink ABI %d)\n", AISCHED_TOOL_VERSION,
		       AISCHED_FAMILY_VERSION);
		return finish_output(AISCHED_EXIT_OK);
	}

	sub = aisched_subcommand(cmd);
	if (sub)
		return finish_output(sub(argc - 1, argv + 1));

	if (cmd[0] == '-')
		fprintf(aisched_err, "aisched: unknown option '%s'\n", cmd);
	else
		fprintf(aisched_err, "aisched: unknown command '%s'\n", cmd);
	show_usage(aisched_err);
	return AISCHED_EXIT_USAGE;
}
