// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the global command line (aisched_main()) and of the one
 * netlink path a host without the module can exercise for real.
 */

#include <errno.h>
#include <sys/socket.h>

#include <linux/aisched.h>
#include <linux/netlink.h>

#include "kselftest_harness.h"

#include "aisched.h"
#include "capture.h"
#include "nl.h"

#define MAX_ARGS 8

static const char subcommand_line[] =
	"  info: Shows the module version, features and NUMA nodes\n";

static const char subcommand_lines[] =
	"  info: Shows the module version, features and NUMA nodes\n"
	"  gpus: Lists the GPUs with their NUMA nodes, or sets a GPU's node\n"
	"  pool: Shows the huge-page pool per node, or resizes a node's pool\n"
	"  tag: Tags a cgroup with a workload class\n"
	"  untag: Removes a cgroup's tag\n"
	"  list: Lists the tags with their counters\n"
	"  show: Shows a tag and the threads it covers\n"
	"  monitor: Prints the module's events as they happen\n";

FIXTURE(dispatch) {
	struct output output;
	int ret;
};

/*
 * @argv: the command line, "aisched" first, NULL-terminated
 * @ret: the exit status
 * @out: must appear on stdout; NULL if stdout must stay empty
 * @err: must appear on stderr; NULL if stderr must stay empty
 */
FIXTURE_VARIANT(dispatch) {
	const char *argv[MAX_ARGS];
	int ret;
	const char *out;
	const char *err;
};

FIXTURE_VARIANT_ADD(dispatch, no_command) {
	.argv = { "aisched" },
	.ret = 2,
	.err = "Usage: aisched <cmd> [<args>]\n",
};

FIXTURE_VARIANT_ADD(dispatch, help) {
	.argv = { "aisched", "--help" },
	.out = "Usage: aisched <cmd> [<args>]\n",
};

FIXTURE_VARIANT_ADD(dispatch, help_short) {
	.argv = { "aisched", "-h" },
	.out = subcommand_line,
};

FIXTURE_VARIANT_ADD(dispatch, help_command) {
	.argv = { "aisched", "help" },
	.out = subcommand_line,
};

FIXTURE_VARIANT_ADD(dispatch, version) {
	.argv = { "aisched", "--version" },
	.out = "aisched " AISCHED_TOOL_VERSION " (netlink ABI 1)\n",
};

FIXTURE_VARIANT_ADD(dispatch, unknown_command) {
	.argv = { "aisched", "frobnicate" },
	.ret = 2,
	.err = "aisched: unknown command 'frobnicate'\nUsage: aisched <cmd>",
};

FIXTURE_VARIANT_ADD(dispatch, unknown_option) {
	.argv = { "aisched", "--frobnicate" },
	.ret = 2,
	.err = "aisched: unknown option '--frobnicate'\nUsage: aisched <cmd>",
};

FIXTURE_VARIANT_ADD(dispatch, command_prefix_is_not_a_command) {
	.argv = { "aisched", "inf" },
	.ret = 2,
	.err = "aisched: unknown command 'inf'\n",
};

FIXTURE_VARIANT_ADD(dispatch, subcommand_help) {
	.argv = { "aisched", "info", "--help" },
	.out = "Usage: aisched info [--json] [--node <id>]\n",
};

FIXTURE_VARIANT_ADD(dispatch, subcommand_bad_usage) {
	.argv = { "aisched", "info", "--node", "1024" },
	.ret = 2,
	.err = "aisched: info: node id '1024' is out of range (0-1023)\n"
	       "Usage: aisched info",
};

FIXTURE_VARIANT_ADD(dispatch, tag_help) {
	.argv = { "aisched", "tag", "--help" },
	.out = "Usage: aisched tag PATH --class <class> [options]\n",
};

FIXTURE_VARIANT_ADD(dispatch, tag_bad_usage) {
	.argv = { "aisched", "tag", "/jobs/a", "--class", "training", "--nice", "x" },
	.ret = 2,
	.err = "aisched: tag: --nice: 'x' is not an integer\nUsage: aisched tag",
};

FIXTURE_VARIANT_ADD(dispatch, gpus_help) {
	.argv = { "aisched", "gpus", "--help" },
	.out = "Usage: aisched gpus [--json]\n"
	       "       aisched gpus set GPU --node <node>|auto [--json]\n",
};

FIXTURE_VARIANT_ADD(dispatch, gpus_set_bad_usage) {
	.argv = { "aisched", "gpus", "set", "0", "--node", "x" },
	.ret = 2,
	.err = "aisched: gpus: --node: 'x' is not a node (0-1023) or auto\n"
	       "Usage: aisched gpus",
};

FIXTURE_VARIANT_ADD(dispatch, pool_help) {
	.argv = { "aisched", "pool", "--help" },
	.out = "Usage: aisched pool [--json]\n"
	       "       aisched pool set --node N --pages P [--json]\n",
};

FIXTURE_VARIANT_ADD(dispatch, pool_set_bad_usage) {
	.argv = { "aisched", "pool", "set", "--node", "1", "--pages", "-1" },
	.ret = 2,
	.err = "aisched: pool: --pages: '-1' is not a number of pages\n"
	       "Usage: aisched pool",
};

FIXTURE_VARIANT_ADD(dispatch, tag_bad_placement) {
	.argv = { "aisched", "tag", "/jobs/a", "-c", "training", "--placement", "near" },
	.ret = 2,
	.err = "aisched: tag: --placement: 'near' is not a placement (local, spread, prefer or none)\n"
	       "Usage: aisched tag",
};

FIXTURE_VARIANT_ADD(dispatch, monitor_bad_usage) {
	.argv = { "aisched", "monitor", "--count" },
	.ret = 2,
	.err = "aisched: monitor: option '--count' needs a value\nUsage: aisched monitor",
};

FIXTURE_SETUP(dispatch)
{
	char *argv[MAX_ARGS] = { NULL };
	int i;

	for (i = 0; variant->argv[i]; i++)
		argv[i] = (char *)variant->argv[i];
	CAPTURE(&self->output, self->ret = aisched_main(argv_count(argv), argv));
}

FIXTURE_TEARDOWN(dispatch)
{
	output_free(&self->output);
}

TEST_F(dispatch, exit_status_and_output)
{
	EXPECT_EQ(variant->ret, self->ret);
	if (variant->out) {
		EXPECT_NE(NULL, strstr(self->output.out, variant->out))
			TH_LOG("stdout: %s", self->output.out);
	} else {
		EXPECT_STREQ("", self->output.out);
	}
	if (variant->err) {
		EXPECT_NE(NULL, strstr(self->output.err, variant->err))
			TH_LOG("stderr: %s", self->output.err);
	} else {
		EXPECT_STREQ("", self->output.err);
	}
}

/* The usage lists every subcommand, one line each, from the table. */
TEST(usage_lists_info)
{
	char *argv[] = { "aisched", "--help", NULL };
	struct output o;
	int ret;

	CAPTURE(&o, ret = aisched_main(2, argv));
	ASSERT_EQ(0, ret);
	EXPECT_NE(NULL, strstr(o.out, "Available subcommands:\n"));
	EXPECT_NE(NULL, strstr(o.out, subcommand_line));
	EXPECT_NE(NULL, strstr(o.out, subcommand_lines));
	output_free(&o);
}

/* The kernel's refusal, and the option it blames, in the tool's words. */
TEST(kernel_errors)
{
	struct aisched_nl_error e = {
		.error = -ERANGE, .msg = "integer out of range", .bad_offset = 40,
		.bad_attr = 6, .miss_type = -1, .miss_nest = -1,
	};
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	ASSERT_NE(NULL, f);
	aisched_nl_print_error(f, &e, "tagging /a", "--nice");
	aisched_nl_print_error(f, &e, "tagging /a", NULL);
	e.msg[0] = '\0';
	aisched_nl_print_error(f, &e, "tagging /a", "--nice");
	e.error = -EPERM;
	aisched_nl_print_error(f, &e, "tagging /a", NULL);
	e.miss_type = 4;
	aisched_nl_print_error(f, &e, "tagging /a", NULL);
	fclose(f);
	EXPECT_STREQ("aisched: kernel: integer out of range (--nice)\n"
		     "aisched: kernel: integer out of range\n"
		     "aisched: tagging /a: Numerical result out of range (--nice)\n"
		     "aisched: tagging /a: Operation not permitted (are you root?)\n"
		     "aisched: kernel: missing attribute 4\n", text);
	free(text);
}

/*
 * Without the module, "aisched info" must say so in the words the man page
 * documents and exit 1, never print a bare ENOENT.
 */
TEST(info_without_module)
{
	static const char hint[] =
		"aisched: the aisched module is not loaded (run: modprobe aisched)\n";
	char *argv[] = { "aisched", "info", NULL };
	struct aisched_nl *nl;
	struct output o;
	int fd, ret;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		SKIP(return, "no generic netlink socket: %s", strerror(errno));
	close(fd);

	CAPTURE(&o, nl = aisched_nl_open());
	if (nl) {
		aisched_nl_close(nl);
		output_free(&o);
		SKIP(return, "the aisched module is loaded on this host");
	}
	EXPECT_STREQ(hint, o.err);
	EXPECT_STREQ("", o.out);
	output_free(&o);

	CAPTURE(&o, ret = aisched_main(2, argv));
	EXPECT_EQ(1, ret);
	EXPECT_STREQ("", o.out);
	EXPECT_STREQ(hint, o.err);
	output_free(&o);
}

/* Every command that talks to the module says it is missing, and exits 1. */
TEST(commands_without_module)
{
	static const char hint[] =
		"aisched: the aisched module is not loaded (run: modprobe aisched)\n";
	static const char *const cmds[][7] = {
		{ "aisched", "gpus" },
		{ "aisched", "gpus", "--json" },
		{ "aisched", "gpus", "set", "0000:00:02.0", "--node=auto" },
		{ "aisched", "tag", "/", "--class", "training" },
		{ "aisched", "tag", "/", "-c", "training", "--gpu=0,1" },
		{ "aisched", "untag", "--id", "1" },
		{ "aisched", "list" },
		{ "aisched", "list", "/", "--json" },
		{ "aisched", "show", "/" },
		{ "aisched", "monitor", "--count", "1" },
	};
	struct aisched_nl *nl;
	struct output o;
	size_t i;
	int ret;

	CAPTURE(&o, nl = aisched_nl_open());
	output_free(&o);
	if (nl) {
		aisched_nl_close(nl);
		SKIP(return, "the aisched module is loaded on this host");
	}
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		char *argv[7] = { NULL };

		memcpy(argv, cmds[i], sizeof(argv));
		CAPTURE(&o, ret = aisched_main(argv_count(argv), argv));
		EXPECT_EQ(1, ret) TH_LOG("%s", cmds[i][1]);
		EXPECT_STREQ("", o.out);
		EXPECT_STREQ(hint, o.err);
		output_free(&o);
	}
}

TEST_HARNESS_MAIN
