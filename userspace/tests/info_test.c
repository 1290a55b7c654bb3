// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the "aisched info" command line: info_parse_args() and the
 * paths of info_main() that end before any netlink I/O.
 */

#include <stdbool.h>
#include <stdint.h>

#include <linux/aisched.h>

#include "kselftest_harness.h"

#include "aisched.h"
#include "capture.h"
#include "info.h"

#define MAX_ARGS 8

FIXTURE(info_args) {
	struct info_opts opts;
	struct output output;
	int ret;
};

/*
 * @argv: the command line, "info" first, NULL-terminated
 * @ret: what info_parse_args() must return
 * @err: must appear on stderr; NULL if stderr must stay empty
 * The other members: the options expected when @ret is 0.
 */
FIXTURE_VARIANT(info_args) {
	const char *argv[MAX_ARGS];
	int ret;
	bool help;
	bool json;
	bool has_node;
	uint32_t node;
	const char *err;
};

FIXTURE_VARIANT_ADD(info_args, no_options) {
	.argv = { "info" },
};

FIXTURE_VARIANT_ADD(info_args, json) {
	.argv = { "info", "--json" },
	.json = true,
};

FIXTURE_VARIANT_ADD(info_args, json_short) {
	.argv = { "info", "-j" },
	.json = true,
};

FIXTURE_VARIANT_ADD(info_args, node_0) {
	.argv = { "info", "--node", "0" },
	.has_node = true,
	.node = 0,
};

FIXTURE_VARIANT_ADD(info_args, node_max) {
	.argv = { "info", "--node", "1023" },
	.has_node = true,
	.node = AISCHED_MAX_NODE_ID,
};

FIXTURE_VARIANT_ADD(info_args, node_equals) {
	.argv = { "info", "--node=7" },
	.has_node = true,
	.node = 7,
};

FIXTURE_VARIANT_ADD(info_args, node_short_and_json) {
	.argv = { "info", "-n", "12", "--json" },
	.json = true,
	.has_node = true,
	.node = 12,
};

FIXTURE_VARIANT_ADD(info_args, node_leading_zero) {
	.argv = { "info", "--node", "0010" },
	.has_node = true,
	.node = 10,
};

FIXTURE_VARIANT_ADD(info_args, help) {
	.argv = { "info", "--help" },
	.help = true,
};

FIXTURE_VARIANT_ADD(info_args, help_short_wins) {
	.argv = { "info", "--json", "-h", "--bogus" },
	.json = true,
	.help = true,
};

FIXTURE_VARIANT_ADD(info_args, node_above_max) {
	.argv = { "info", "--node", "1024" },
	.ret = 2,
	.err = "aisched: info: node id '1024' is out of range (0-1023)\n",
};

FIXTURE_VARIANT_ADD(info_args, node_overflows_u64) {
	.argv = { "info", "--node", "99999999999999999999999" },
	.ret = 2,
	.err = "is out of range (0-1023)",
};

FIXTURE_VARIANT_ADD(info_args, node_negative) {
	.argv = { "info", "--node", "-1" },
	.ret = 2,
	.err = "aisched: info: invalid node id '-1'\n",
};

FIXTURE_VARIANT_ADD(info_args, node_negative_equals) {
	.argv = { "info", "--node=-1" },
	.ret = 2,
	.err = "invalid node id '-1'",
};

FIXTURE_VARIANT_ADD(info_args, node_garbage) {
	.argv = { "info", "--node", "1x" },
	.ret = 2,
	.err = "aisched: info: invalid node id '1x'\n",
};

FIXTURE_VARIANT_ADD(info_args, node_plus) {
	.argv = { "info", "--node", "+1" },
	.ret = 2,
	.err = "invalid node id '+1'",
};

FIXTURE_VARIANT_ADD(info_args, node_space) {
	.argv = { "info", "--node", " 1" },
	.ret = 2,
	.err = "invalid node id ' 1'",
};

FIXTURE_VARIANT_ADD(info_args, node_hex) {
	.argv = { "info", "--node", "0x1" },
	.ret = 2,
	.err = "invalid node id '0x1'",
};

FIXTURE_VARIANT_ADD(info_args, node_empty) {
	.argv = { "info", "--node", "" },
	.ret = 2,
	.err = "invalid node id ''",
};

FIXTURE_VARIANT_ADD(info_args, node_missing_value) {
	.argv = { "info", "--node" },
	.ret = 2,
	.err = "aisched: info: option '--node' needs a value\n",
};

FIXTURE_VARIANT_ADD(info_args, node_short_missing_value) {
	.argv = { "info", "-n" },
	.ret = 2,
	.err = "aisched: info: option '-n' needs a value\n",
};

FIXTURE_VARIANT_ADD(info_args, unknown_long_option) {
	.argv = { "info", "--bogus" },
	.ret = 2,
	.err = "aisched: info: unknown option '--bogus'\n",
};

FIXTURE_VARIANT_ADD(info_args, unknown_short_option) {
	.argv = { "info", "-x" },
	.ret = 2,
	.err = "aisched: info: unknown option '-x'\n",
};

FIXTURE_VARIANT_ADD(info_args, unknown_short_in_cluster) {
	.argv = { "info", "-jx" },
	.ret = 2,
	.err = "aisched: info: unknown option '-x'\n",
};

FIXTURE_VARIANT_ADD(info_args, value_on_flag) {
	.argv = { "info", "--json=yes" },
	.ret = 2,
	.err = "aisched: info: option '--json' takes no value\n",
};

FIXTURE_VARIANT_ADD(info_args, operand) {
	.argv = { "info", "node0" },
	.ret = 2,
	.err = "aisched: info: unexpected argument 'node0'\n",
};

FIXTURE_VARIANT_ADD(info_args, operand_before_option) {
	.argv = { "info", "0", "--json" },
	.ret = 2,
	.err = "aisched: info: unexpected argument '0'\n",
};

FIXTURE_SETUP(info_args)
{
	char *argv[MAX_ARGS] = { NULL };
	int i;

	for (i = 0; variant->argv[i]; i++)
		argv[i] = (char *)variant->argv[i];
	/* A first, failing parse must not leak state into the one tested. */
	CAPTURE(&self->output,
		info_parse_args(3, (char *[]){ "info", "-xj", "-n", NULL }, &self->opts));
	output_free(&self->output);

	CAPTURE(&self->output,
		self->ret = info_parse_args(argv_count(argv), argv, &self->opts));
}

FIXTURE_TEARDOWN(info_args)
{
	output_free(&self->output);
}

TEST_F(info_args, parse)
{
	ASSERT_EQ(variant->ret, self->ret);
	/* Parsing prints nothing on stdout, ever. */
	EXPECT_STREQ("", self->output.out);
	if (variant->ret) {
		ASSERT_NE(NULL, strstr(self->output.err, variant->err))
			TH_LOG("stderr: %s", self->output.err);
		/* The message is followed by the usage. */
		EXPECT_NE(NULL, strstr(self->output.err, "Usage: aisched info"));
		return;
	}
	EXPECT_STREQ("", self->output.err);
	EXPECT_EQ(variant->help, self->opts.help);
	EXPECT_EQ(variant->json, self->opts.json);
	EXPECT_EQ(variant->has_node, self->opts.has_node);
	EXPECT_EQ(variant->node, self->opts.node);
}

TEST(info_main_help_goes_to_stdout)
{
	char *argv[] = { "info", "--help", NULL };
	struct output o;
	int ret;

	CAPTURE(&o, ret = info_main(2, argv));
	EXPECT_EQ(0, ret);
	EXPECT_NE(NULL, strstr(o.out, "Usage: aisched info [--json] [--node <id>]\n"));
	EXPECT_NE(NULL, strstr(o.out, "--node <id>  show only NUMA node <id> (0-1023)"));
	EXPECT_STREQ("", o.err);
	output_free(&o);
}

TEST(info_main_bad_usage_exits_2)
{
	char *argv[] = { "info", "--node", "-5", NULL };
	struct output o;
	int ret;

	CAPTURE(&o, ret = info_main(3, argv));
	EXPECT_EQ(2, ret);
	EXPECT_STREQ("", o.out);
	EXPECT_NE(NULL, strstr(o.err, "aisched: info: invalid node id '-5'\n"
				       "Usage: aisched info"));
	output_free(&o);
}

TEST_HARNESS_MAIN
