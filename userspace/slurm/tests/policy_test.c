// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the SPANK plugin's rules: plugstack.conf's arguments, the
 * --aisched-* options, each admin limit with a request at it and one past
 * it, and the "aisched tag" command line a request becomes.
 */

#include <errno.h>
#include <string.h>

#include <linux/aisched.h>

#include "kselftest_harness.h"

#include "policy.h"

#define MAX_ARGS 12

static int conf(struct aisched_spank_conf *c, char *err, size_t errlen,
		const char *const *args)
{
	int ac = 0;

	aisched_spank_conf_init(c);
	while (args[ac])
		ac++;
	return aisched_spank_conf_parse(c, ac, (char *const *)args, err, errlen);
}

TEST(conf_defaults)
{
	static const char *const none[] = { NULL };
	struct aisched_spank_conf c;
	char err[256];

	ASSERT_EQ(0, conf(&c, err, sizeof(err), none));
	EXPECT_EQ(-1, c.default_class);
	EXPECT_EQ(0xf, c.classes);
	EXPECT_EQ(0, c.max_rt_prio);
	EXPECT_EQ(0, c.min_nice);
	EXPECT_EQ(0, c.max_hugepages);
	EXPECT_FALSE(c.io_rt);
	EXPECT_EQ(AISCHED_SPANK_MISSING_WARN, c.missing);
	EXPECT_STREQ("/etc/slurm/gres.conf", c.gres_conf);
}

TEST(conf_every_argument)
{
	static const char *const args[] = {
		"default_class=background", "classes=training,background",
		"max_rt_prio=20", "min_nice=-5", "max_hugepages=512", "io_rt=yes",
		"missing_module=fail", "gres_conf=/etc/slurm/gres-gpu.conf", NULL,
	};
	struct aisched_spank_conf c;
	char err[256];

	ASSERT_EQ(0, conf(&c, err, sizeof(err), args)) TH_LOG("%s", err);
	EXPECT_EQ(AISCHED_CLASS_BACKGROUND, c.default_class);
	EXPECT_EQ((1u << AISCHED_CLASS_TRAINING) | (1u << AISCHED_CLASS_BACKGROUND),
		  c.classes);
	EXPECT_EQ(20, c.max_rt_prio);
	EXPECT_EQ(-5, c.min_nice);
	EXPECT_EQ(512, c.max_hugepages);
	EXPECT_TRUE(c.io_rt);
	EXPECT_EQ(AISCHED_SPANK_MISSING_FAIL, c.missing);
	EXPECT_STREQ("/etc/slurm/gres-gpu.conf", c.gres_conf);
}

FIXTURE(conf_bad) {
	struct aisched_spank_conf c;
	char err[256];
};

FIXTURE_VARIANT(conf_bad) {
	const char *args[4];
	const char *err;
};

FIXTURE_VARIANT_ADD(conf_bad, unknown) {
	.args = { "defualt_class=training" },
	.err = "plugstack.conf: unknown argument 'defualt_class' (default_class, classes,",
};
FIXTURE_VARIANT_ADD(conf_bad, not_key_value) {
	.args = { "strict" }, .err = "plugstack.conf: 'strict' is not KEY=VALUE",
};
FIXTURE_VARIANT_ADD(conf_bad, default_class) {
	.args = { "default_class=serving" },
	.err = "default_class: 'serving' is not a class",
};
FIXTURE_VARIANT_ADD(conf_bad, classes) {
	.args = { "classes=training,gpu" }, .err = "classes: 'gpu' is not a class",
};
FIXTURE_VARIANT_ADD(conf_bad, default_not_allowed) {
	.args = { "classes=training", "default_class=background" },
	.err = "default_class=background is not among classes=",
};
FIXTURE_VARIANT_ADD(conf_bad, rt_prio_above_cap) {
	.args = { "max_rt_prio=50" },
	.err = "max_rt_prio: '50' is not a number from 0 to 49",
};
FIXTURE_VARIANT_ADD(conf_bad, min_nice) {
	.args = { "min_nice=-21" }, .err = "min_nice: '-21' is not a nice value",
};
FIXTURE_VARIANT_ADD(conf_bad, hugepages) {
	.args = { "max_hugepages=lots" },
	.err = "max_hugepages: 'lots' is not a number",
};
FIXTURE_VARIANT_ADD(conf_bad, io_rt) {
	.args = { "io_rt=1" }, .err = "io_rt: '1' is not yes or no",
};
FIXTURE_VARIANT_ADD(conf_bad, missing) {
	.args = { "missing_module=ignore" },
	.err = "missing_module: 'ignore' is not warn or fail",
};
FIXTURE_VARIANT_ADD(conf_bad, gres_relative) {
	.args = { "gres_conf=gres.conf" },
	.err = "gres_conf: 'gres.conf' is not an absolute path",
};

FIXTURE_SETUP(conf_bad) {}
FIXTURE_TEARDOWN(conf_bad) {}

TEST_F(conf_bad, refused)
{
	ASSERT_EQ(-EINVAL, conf(&self->c, self->err, sizeof(self->err),
				variant->args));
	EXPECT_NE(NULL, strstr(self->err, variant->err)) TH_LOG("%s", self->err);
}

FIXTURE(opt_bad) {
	struct aisched_spank_req r;
	char err[256];
};

FIXTURE_VARIANT(opt_bad) {
	int opt;
	const char *val;
	const char *err;
};

FIXTURE_VARIANT_ADD(opt_bad, class) {
	.opt = AISCHED_SPANK_OPT_CLASS, .val = "Inference",
	.err = "--aisched-class: 'Inference' is not a class (training, inference, dataloader or background)",
};
FIXTURE_VARIANT_ADD(opt_bad, class_empty) {
	.opt = AISCHED_SPANK_OPT_CLASS, .val = NULL,
	.err = "--aisched-class: '' is not a class",
};
FIXTURE_VARIANT_ADD(opt_bad, nice) {
	.opt = AISCHED_SPANK_OPT_NICE, .val = "20",
	.err = "--aisched-nice: '20' is not a nice value (-20 to 19)",
};
FIXTURE_VARIANT_ADD(opt_bad, rt_prio_zero) {
	.opt = AISCHED_SPANK_OPT_RT_PRIO, .val = "0",
	.err = "--aisched-rt-prio: '0' is not a priority (1 to 49)",
};
FIXTURE_VARIANT_ADD(opt_bad, rt_prio_high) {
	.opt = AISCHED_SPANK_OPT_RT_PRIO, .val = "99",
	.err = "--aisched-rt-prio: '99' is not a priority (1 to 49)",
};
FIXTURE_VARIANT_ADD(opt_bad, ioprio) {
	.opt = AISCHED_SPANK_OPT_IOPRIO, .val = "be:8",
	.err = "--aisched-ioprio: 'be:8' is not CLASS[:LEVEL]",
};
FIXTURE_VARIANT_ADD(opt_bad, placement) {
	.opt = AISCHED_SPANK_OPT_PLACEMENT, .val = "near",
	.err = "--aisched-placement: 'near' is not a placement (local, spread, prefer or none)",
};
FIXTURE_VARIANT_ADD(opt_bad, mem) {
	.opt = AISCHED_SPANK_OPT_MEM, .val = "bind",
	.err = "--aisched-mem: 'bind' is not a memory placement (preferred or strict)",
};
FIXTURE_VARIANT_ADD(opt_bad, hugepages) {
	.opt = AISCHED_SPANK_OPT_HUGEPAGES, .val = "1G",
	.err = "--aisched-hugepages: '1G' is not a number of 2 MiB pages",
};

FIXTURE_SETUP(opt_bad)
{
	aisched_spank_req_init(&self->r);
}

FIXTURE_TEARDOWN(opt_bad) {}

TEST_F(opt_bad, refused)
{
	ASSERT_EQ(-EINVAL, aisched_spank_req_set(&self->r, variant->opt,
						 variant->val, self->err,
						 sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, variant->err)) TH_LOG("%s", self->err);
}

/* A request against limits: at each limit passes, one past is refused. */
FIXTURE(limits) {
	struct aisched_spank_conf c;
	struct aisched_spank_req r;
	char err[256];
};

FIXTURE_VARIANT(limits) {
	const char *conf[4];
	const char *opts[2 * 4];	/* option number as text, value */
	int ret;
	int class;
	const char *err;
};

#define O(opt) #opt

FIXTURE_VARIANT_ADD(limits, nothing_asked_nothing_done) {
	.ret = 0, .class = -1,
};
FIXTURE_VARIANT_ADD(limits, default_class) {
	.conf = { "default_class=background" }, .ret = 1,
	.class = AISCHED_CLASS_BACKGROUND,
};
FIXTURE_VARIANT_ADD(limits, options_need_a_class) {
	.opts = { O(1), "0" }, .ret = -EINVAL,
	.err = "--aisched-* options need --aisched-class",
};
FIXTURE_VARIANT_ADD(limits, training) {
	.opts = { O(0), "training" }, .ret = 1, .class = AISCHED_CLASS_TRAINING,
};
FIXTURE_VARIANT_ADD(limits, class_not_allowed) {
	.conf = { "classes=training,dataloader" },
	.opts = { O(0), "background" }, .ret = -EINVAL,
	.err = "--aisched-class=background is not allowed here (classes=: training or dataloader)",
};
FIXTURE_VARIANT_ADD(limits, inference_needs_negative_nice) {
	.opts = { O(0), "inference" }, .ret = -EINVAL,
	.err = "--aisched-class=inference runs at nice -10, below this cluster's limit (min_nice=0): add --aisched-nice=0",
};
FIXTURE_VARIANT_ADD(limits, inference_at_nice_0) {
	.opts = { O(0), "inference", O(1), "0" }, .ret = 1,
	.class = AISCHED_CLASS_INFERENCE,
};
FIXTURE_VARIANT_ADD(limits, inference_where_allowed) {
	.conf = { "min_nice=-10" }, .opts = { O(0), "inference" }, .ret = 1,
	.class = AISCHED_CLASS_INFERENCE,
};
FIXTURE_VARIANT_ADD(limits, nice_below) {
	.conf = { "min_nice=-10" },
	.opts = { O(0), "inference", O(1), "-11" }, .ret = -EINVAL,
	.err = "--aisched-nice=-11 is below this cluster's limit (min_nice=-10)",
};
FIXTURE_VARIANT_ADD(limits, rt_none_allowed) {
	.conf = { "min_nice=-10" },
	.opts = { O(0), "inference", O(2), "1" }, .ret = -EINVAL,
	.err = "--aisched-rt-prio=1: real-time priorities are not allowed here (max_rt_prio=0)",
};
FIXTURE_VARIANT_ADD(limits, rt_at_limit) {
	.conf = { "min_nice=-10", "max_rt_prio=10" },
	.opts = { O(0), "inference", O(2), "10" }, .ret = 1,
	.class = AISCHED_CLASS_INFERENCE,
};
FIXTURE_VARIANT_ADD(limits, rt_above_limit) {
	.conf = { "min_nice=-10", "max_rt_prio=10" },
	.opts = { O(0), "inference", O(2), "11" }, .ret = -EINVAL,
	.err = "--aisched-rt-prio=11 is above this cluster's limit (max_rt_prio=10)",
};
FIXTURE_VARIANT_ADD(limits, io_rt_refused) {
	.opts = { O(0), "training", O(3), "rt:0" }, .ret = -EINVAL,
	.err = "the realtime I/O class is not allowed here (io_rt=no)",
};
FIXTURE_VARIANT_ADD(limits, io_rt_allowed) {
	.conf = { "io_rt=yes" },
	.opts = { O(0), "training", O(3), "rt:0" }, .ret = 1,
	.class = AISCHED_CLASS_TRAINING,
};
FIXTURE_VARIANT_ADD(limits, hugepages_none_allowed) {
	.opts = { O(0), "training", O(6), "1" }, .ret = -EINVAL,
	.err = "--aisched-hugepages=1: huge-page quotas are not allowed here (max_hugepages=0)",
};
FIXTURE_VARIANT_ADD(limits, hugepages_at_limit) {
	.conf = { "max_hugepages=64" },
	.opts = { O(0), "training", O(6), "64" }, .ret = 1,
	.class = AISCHED_CLASS_TRAINING,
};
FIXTURE_VARIANT_ADD(limits, hugepages_above_limit) {
	.conf = { "max_hugepages=64" },
	.opts = { O(0), "training", O(6), "65" }, .ret = -EINVAL,
	.err = "--aisched-hugepages=65 is above this cluster's limit (max_hugepages=64)",
};

FIXTURE_SETUP(limits)
{
	const char *const *a = variant->conf;
	size_t i;

	ASSERT_EQ(0, conf(&self->c, self->err, sizeof(self->err), a));
	aisched_spank_req_init(&self->r);
	for (i = 0; i + 1 < sizeof(variant->opts) / sizeof(variant->opts[0]) &&
		    variant->opts[i]; i += 2)
		ASSERT_EQ(0, aisched_spank_req_set(&self->r, variant->opts[i][0] - '0',
						   variant->opts[i + 1], self->err,
						   sizeof(self->err)))
			TH_LOG("%s", self->err);
}

FIXTURE_TEARDOWN(limits) {}

TEST_F(limits, check)
{
	int ret = aisched_spank_req_check(&self->c, &self->r, self->err,
					  sizeof(self->err));

	ASSERT_EQ(variant->ret, ret) TH_LOG("%s", self->err);
	if (ret < 0) {
		EXPECT_NE(NULL, strstr(self->err, variant->err)) TH_LOG("%s", self->err);
		return;
	}
	EXPECT_EQ(variant->class, self->r.class);
}

TEST(tag_argv)
{
	static const char *const want[] = {
		"tag", "/sys/fs/cgroup/job/user", "--class=inference", "--nice=0",
		"--rt-prio=5", "--ioprio=be:2", "--placement=spread",
		"--mem=strict", "--hugepages=16", "--gpu=0000:0b:00.0",
		"--gpu=0000:00:03.0",
	};
	char *gpus[] = { "0000:0b:00.0", "0000:00:03.0" };
	struct aisched_spank_req r;
	char err[256], **argv;
	int argc, i;

	aisched_spank_req_init(&r);
	ASSERT_EQ(0, aisched_spank_req_set(&r, AISCHED_SPANK_OPT_CLASS, "inference", err, sizeof(err)));
	ASSERT_EQ(0, aisched_spank_req_set(&r, AISCHED_SPANK_OPT_NICE, "0", err, sizeof(err)));
	ASSERT_EQ(0, aisched_spank_req_set(&r, AISCHED_SPANK_OPT_RT_PRIO, "5", err, sizeof(err)));
	ASSERT_EQ(0, aisched_spank_req_set(&r, AISCHED_SPANK_OPT_IOPRIO, "2:2", err, sizeof(err)));
	ASSERT_EQ(0, aisched_spank_req_set(&r, AISCHED_SPANK_OPT_PLACEMENT, "spread", err, sizeof(err)));
	ASSERT_EQ(0, aisched_spank_req_set(&r, AISCHED_SPANK_OPT_MEM, "strict", err, sizeof(err)));
	ASSERT_EQ(0, aisched_spank_req_set(&r, AISCHED_SPANK_OPT_HUGEPAGES, "16", err, sizeof(err)));
	ASSERT_EQ(0, aisched_spank_tag_argv(&r, "/sys/fs/cgroup/job/user", gpus, 2,
					    &argv, &argc));
	ASSERT_EQ((int)(sizeof(want) / sizeof(want[0])), argc);
	for (i = 0; i < argc; i++)
		EXPECT_STREQ(want[i], argv[i]);
	EXPECT_EQ(NULL, argv[argc]);
	aisched_spank_argv_free(argv, argc);
}

TEST(step_cgroup)
{
	char out[128];

	ASSERT_EQ(0, aisched_spank_step_cgroup(
		"0::/system.slice/slurmstepd.scope/job_42/step_0/user/task_3\n",
		out, sizeof(out)));
	EXPECT_STREQ("/system.slice/slurmstepd.scope/job_42/step_0/user", out);
	/* A hybrid host lists v1 hierarchies first. */
	ASSERT_EQ(0, aisched_spank_step_cgroup(
		"12:cpuset:/slurm\n1:name=systemd:/x\n0::/s/job_1/step_batch/user/task_0",
		out, sizeof(out)));
	EXPECT_STREQ("/s/job_1/step_batch/user", out);
	/* Not Slurm's layout: the task's own cgroup, as it is. */
	ASSERT_EQ(0, aisched_spank_step_cgroup("0::/jobs/a/task_1\n", out, sizeof(out)));
	EXPECT_STREQ("/jobs/a/task_1", out);
	ASSERT_EQ(0, aisched_spank_step_cgroup("0::/user/task_\n", out, sizeof(out)));
	EXPECT_STREQ("/user/task_", out);
	ASSERT_EQ(0, aisched_spank_step_cgroup("0::/\n", out, sizeof(out)));
	EXPECT_STREQ("/", out);
	EXPECT_EQ(-ENOENT, aisched_spank_step_cgroup("1:cpu:/a\n", out, sizeof(out)));
	EXPECT_EQ(-ENOENT, aisched_spank_step_cgroup("", out, sizeof(out)));
	EXPECT_EQ(-ENAMETOOLONG, aisched_spank_step_cgroup("0::/a/b/c/d/e\n", out, 5));
}

TEST_HARNESS_MAIN
