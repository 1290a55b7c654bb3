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
	output_free(&o);
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

TEST_HARNESS_MAIN
