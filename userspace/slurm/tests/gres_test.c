// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the gres.conf reader and the hostlist expander of the
 * SPANK plugin: the device files of a node's GPUs in GRES index order,
 * from files shaped as gres.conf(5)'s examples, and each way a line can be
 * refused.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "gres.h"

#define MAX_NAMES 16

/* The names, or the refusal, an expression must give. */
FIXTURE(hostlist) {
	char **names;
	size_t nr;
	char err[256];
	int ret;
};

FIXTURE_VARIANT(hostlist) {
	const char *expr;
	int ret;
	const char *names[MAX_NAMES];
	const char *err;
};

FIXTURE_VARIANT_ADD(hostlist, plain) {
	.expr = "/dev/nvidia0", .names = { "/dev/nvidia0" },
};

FIXTURE_VARIANT_ADD(hostlist, range) {
	.expr = "/dev/nvidia[0-3]",
	.names = { "/dev/nvidia0", "/dev/nvidia1", "/dev/nvidia2", "/dev/nvidia3" },
};

FIXTURE_VARIANT_ADD(hostlist, list_and_range_in_order) {
	.expr = "/dev/nvidia[3,0-1]",
	.names = { "/dev/nvidia3", "/dev/nvidia0", "/dev/nvidia1" },
};

FIXTURE_VARIANT_ADD(hostlist, zero_padded_with_suffix) {
	.expr = "gpu[08-10]a,login",
	.names = { "gpu08a", "gpu09a", "gpu10a", "login" },
};

FIXTURE_VARIANT_ADD(hostlist, dri) {
	.expr = "/dev/dri/renderD[128-129],/dev/accel/accel0",
	.names = { "/dev/dri/renderD128", "/dev/dri/renderD129", "/dev/accel/accel0" },
};

FIXTURE_VARIANT_ADD(hostlist, backwards) {
	.expr = "n[3-1]", .ret = -EINVAL, .err = "range 3-1 goes backwards",
};

FIXTURE_VARIANT_ADD(hostlist, unclosed) {
	.expr = "n[1-3", .ret = -EINVAL, .err = "'[' without ']'",
};

FIXTURE_VARIANT_ADD(hostlist, stray_close) {
	.expr = "n1]", .ret = -EINVAL, .err = "']' without '['",
};

FIXTURE_VARIANT_ADD(hostlist, stray_close_before_a_range) {
	/* Found by fuzz_slurm: the commas after it were taken as a range's. */
	.expr = "lo]x[2-3],y", .ret = -EINVAL, .err = "']' without '['",
};

FIXTURE_VARIANT_ADD(hostlist, nested) {
	.expr = "n[1[2]]", .ret = -EINVAL, .err = "'[' inside '[...]'",
};

FIXTURE_VARIANT_ADD(hostlist, two_ranges) {
	.expr = "r[1-2]n[1-2]", .ret = -EINVAL, .err = "only one bracketed range",
};

FIXTURE_VARIANT_ADD(hostlist, not_decimal) {
	.expr = "n[a-b]", .ret = -EINVAL, .err = "a range is N or N-M",
};

FIXTURE_VARIANT_ADD(hostlist, empty_range) {
	.expr = "n[]", .ret = -EINVAL, .err = "a range is N or N-M",
};

FIXTURE_VARIANT_ADD(hostlist, empty_range_item) {
	.expr = "n[1,]", .ret = -EINVAL, .err = "a range is N or N-M",
};

FIXTURE_VARIANT_ADD(hostlist, empty_item) {
	.expr = "a,,b", .ret = -EINVAL, .err = "an empty name",
};

FIXTURE_VARIANT_ADD(hostlist, empty) {
	.expr = "", .ret = -EINVAL, .err = "an empty list",
};

FIXTURE_VARIANT_ADD(hostlist, too_many) {
	.expr = "n[1-17]", .ret = -E2BIG, .err = "more than 16 names",
};

FIXTURE_SETUP(hostlist)
{
	self->ret = aisched_hostlist_expand(variant->expr, &self->names,
					    &self->nr, MAX_NAMES, self->err,
					    sizeof(self->err));
}

FIXTURE_TEARDOWN(hostlist)
{
	aisched_strv_free(self->names, self->nr);
}

TEST_F(hostlist, expand)
{
	size_t i, want = 0;

	ASSERT_EQ(variant->ret, self->ret) TH_LOG("err: %s", self->err);
	if (variant->ret) {
		EXPECT_NE(NULL, strstr(self->err, variant->err))
			TH_LOG("err: %s", self->err);
		EXPECT_EQ(NULL, self->names);
		EXPECT_EQ(0, self->nr);
		return;
	}
	while (want < MAX_NAMES && variant->names[want])
		want++;
	ASSERT_EQ(want, self->nr);
	for (i = 0; i < want; i++)
		EXPECT_STREQ(variant->names[i], self->names[i]);
}

/* A gres.conf, the node, and the files or the refusal it must give. */
FIXTURE(gres) {
	struct aisched_gres g;
	char err[256];
	int ret;
};

FIXTURE_VARIANT(gres) {
	const char *text;
	const char *node;
	int ret;
	const char *files[MAX_NAMES];
	const char *err;
};

FIXTURE_VARIANT_ADD(gres, manual_example) {
	/* gres.conf(5)'s second example: nvidia2 is out of service. */
	.text = "##########\n"
		"# Overwrite system defaults and explicitly configure three GPUs\n"
		"Name=gpu Type=tesla File=/dev/nvidia[0-1] COREs=0,1\n"
		"# Name=gpu Type=tesla  File=/dev/nvidia[2-3] COREs=2,3\n"
		"# NOTE: nvidia2 device is out of service\n"
		"Name=gpu Type=tesla  File=/dev/nvidia3 COREs=2,3\n",
	.node = "vm1",
	.files = { "/dev/nvidia0", "/dev/nvidia1", "/dev/nvidia3" },
};

FIXTURE_VARIANT_ADD(gres, mps_and_other_names_are_not_gpus) {
	.text = "AutoDetect=off\n"
		"Name=gpu File=/dev/nvidia0\n"
		"Name=mps Count=100 File=/dev/nvidia0\n"
		"Name=nic File=/dev/infiniband/uverbs0\n"
		"name=GPU file=/dev/nvidia1 # case does not matter\n",
	.node = "vm1",
	.files = { "/dev/nvidia0", "/dev/nvidia1" },
};

FIXTURE_VARIANT_ADD(gres, node_lines) {
	.text = "NodeName=tux[0-3] Name=gpu File=/dev/nvidia[0-3]\n"
		"NodeName=tux[4-7],big Name=gpu File=/dev/dri/renderD[128-129]\n"
		"Name=gpu File=/dev/accel/accel0\n",
	.node = "big",
	.files = { "/dev/dri/renderD128", "/dev/dri/renderD129", "/dev/accel/accel0" },
};

FIXTURE_VARIANT_ADD(gres, node_without_gpus) {
	.text = "NodeName=tux[0-3] Name=gpu File=/dev/nvidia[0-3]\n",
	.node = "login1",
};

FIXTURE_VARIANT_ADD(gres, count_without_file) {
	.text = "Name=gpu Count=4\n", .node = "vm1",
};

FIXTURE_VARIANT_ADD(gres, include) {
	.text = "Name=gpu File=/dev/nvidia0\nInclude /etc/slurm/more.conf\n",
	.node = "vm1", .ret = -EINVAL,
	.err = "gres.conf:2: Include is not followed",
};

FIXTURE_VARIANT_ADD(gres, multiple_files) {
	.text = "Name=gpu MultipleFiles=/dev/nvidia0,/dev/nvidia-caps/nvidia-cap21\n",
	.node = "vm1", .ret = -EINVAL,
	.err = "gres.conf:1: MultipleFiles (MIG) is not supported",
};

FIXTURE_VARIANT_ADD(gres, not_key_value) {
	.text = "\n\nName=gpu File=/dev/nvidia0 tesla\n",
	.node = "vm1", .ret = -EINVAL,
	.err = "gres.conf:3: 'tesla' is not PARAMETER=VALUE",
};

FIXTURE_VARIANT_ADD(gres, relative_file) {
	.text = "Name=gpu File=nvidia0\n",
	.node = "vm1", .ret = -EINVAL,
	.err = "gres.conf:1: File=nvidia0 is not an absolute path",
};

FIXTURE_VARIANT_ADD(gres, bad_range) {
	.text = "Name=gpu File=/dev/nvidia[0-3\n",
	.node = "vm1", .ret = -EINVAL,
	.err = "gres.conf:1: '/dev/nvidia[0-3': '[' without ']'",
};

FIXTURE_VARIANT_ADD(gres, bad_node_list_on_a_line_for_others) {
	/* A broken line is refused even if it might not be this node's. */
	.text = "NodeName=tux[0-3 Name=gpu File=/dev/nvidia0\n",
	.node = "vm1", .ret = -EINVAL,
	.err = "gres.conf:1: 'tux[0-3': '[' without ']'",
};

FIXTURE_SETUP(gres)
{
	self->ret = aisched_gres_parse(variant->text, "gres.conf", variant->node,
				       &self->g, self->err, sizeof(self->err));
}

FIXTURE_TEARDOWN(gres)
{
	aisched_gres_free(&self->g);
}

TEST_F(gres, parse)
{
	size_t i, want = 0;

	ASSERT_EQ(variant->ret, self->ret) TH_LOG("err: %s", self->err);
	if (variant->ret) {
		EXPECT_NE(NULL, strstr(self->err, variant->err))
			TH_LOG("err: %s", self->err);
		EXPECT_EQ(0, self->g.nr);
		return;
	}
	while (want < MAX_NAMES && variant->files[want])
		want++;
	ASSERT_EQ(want, self->g.nr);
	for (i = 0; i < want; i++)
		EXPECT_STREQ(variant->files[i], self->g.files[i]);
}

TEST(gres_too_many_files)
{
	struct aisched_gres g;
	char err[256];

	EXPECT_EQ(-E2BIG, aisched_gres_parse("Name=gpu File=/dev/g[0-1024]\n",
					     "gres.conf", "n", &g, err,
					     sizeof(err)));
	EXPECT_EQ(0, g.nr);
}

TEST(gres_load_missing_file)
{
	struct aisched_gres g;
	char err[256];

	EXPECT_EQ(-ENOENT, aisched_gres_load("/nonexistent/gres.conf", "n", &g,
					     err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "cannot read /nonexistent/gres.conf"));
}

TEST(indices)
{
	uint32_t *idx;
	size_t n;
	char err[256];

	ASSERT_EQ(0, aisched_gres_indices("0,2", &idx, &n, err, sizeof(err)));
	ASSERT_EQ(2, n);
	EXPECT_EQ(0, idx[0]);
	EXPECT_EQ(2, idx[1]);
	free(idx);
	ASSERT_EQ(0, aisched_gres_indices("3,0-1", &idx, &n, err, sizeof(err)));
	ASSERT_EQ(3, n);
	EXPECT_EQ(3, idx[0]);
	EXPECT_EQ(1, idx[2]);
	free(idx);
	EXPECT_EQ(-EINVAL, aisched_gres_indices("", &idx, &n, err, sizeof(err)));
	EXPECT_EQ(-EINVAL, aisched_gres_indices("gpu0", &idx, &n, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "'gpu0' is not a list of GPU indices"));
	EXPECT_EQ(-EINVAL, aisched_gres_indices("1]", &idx, &n, err, sizeof(err)));
	EXPECT_EQ(NULL, idx);
}

TEST_HARNESS_MAIN
