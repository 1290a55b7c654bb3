// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the class bundles: each class's defaults, each override
 * a tag may make, and each combination aisched_bundle_build() refuses,
 * with the message the administrator sees.
 */

#include <kunit/test.h>
#include <linux/ioprio.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <uapi/linux/sched.h>
#include <linux/aisched.h>

#include "../class.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define CAP	49

/*
 * @old_kernel: the kernel has no EEVDF custom slices (before Linux 6.12);
 * every other case runs as on a kernel that has them.
 */
struct bundle_case {
	const char *name;
	bool old_kernel;
	struct aisched_bundle_req req;
	struct aisched_bundle want;
};

static const struct bundle_case bundle_cases[] = {
	{
		.name = "training defaults",
		.req = { .class = AISCHED_CLASS_TRAINING },
		.want = { .class = AISCHED_CLASS_TRAINING,
			  .policy = AISCHED_POLICY_NORMAL, .nice = 0,
			  .io_class = AISCHED_IO_CLASS_BE, .io_level = 4,
			  .fallback_policy = AISCHED_POLICY_NORMAL },
	},
	{
		.name = "inference defaults",
		.req = { .class = AISCHED_CLASS_INFERENCE },
		.want = { .class = AISCHED_CLASS_INFERENCE,
			  .policy = AISCHED_POLICY_NORMAL, .nice = -10,
			  .io_class = AISCHED_IO_CLASS_BE, .io_level = 0,
			  .slice_us = 1000,
			  .fallback_policy = AISCHED_POLICY_NORMAL,
			  .fallback_nice = -10, .fallback_slice_us = 1000 },
	},
	{
		.name = "inference defaults without custom slices",
		.old_kernel = true,
		.req = { .class = AISCHED_CLASS_INFERENCE },
		.want = { .class = AISCHED_CLASS_INFERENCE,
			  .policy = AISCHED_POLICY_NORMAL, .nice = -10,
			  .io_class = AISCHED_IO_CLASS_BE, .io_level = 0,
			  .fallback_policy = AISCHED_POLICY_NORMAL,
			  .fallback_nice = -10 },
	},
	{
		.name = "inference with its own slice",
		.req = { .class = AISCHED_CLASS_INFERENCE,
			 .given = AISCHED_REQ_SLICE, .slice_us = 300 },
		.want = { .class = AISCHED_CLASS_INFERENCE,
			  .policy = AISCHED_POLICY_NORMAL, .nice = -10,
			  .io_class = AISCHED_IO_CLASS_BE, .io_level = 0,
			  .slice_us = 300,
			  .fallback_policy = AISCHED_POLICY_NORMAL,
			  .fallback_nice = -10, .fallback_slice_us = 1000 },
	},
	{
		.name = "dataloader (batch) with the largest slice",
		.req = { .class = AISCHED_CLASS_DATALOADER,
			 .given = AISCHED_REQ_SLICE, .slice_us = 100000 },
		.want = { .class = AISCHED_CLASS_DATALOADER,
			  .policy = AISCHED_POLICY_BATCH,
			  .io_class = AISCHED_IO_CLASS_BE, .io_level = 0,
			  .slice_us = 100000,
			  .fallback_policy = AISCHED_POLICY_BATCH },
	},
	{
		.name = "background made normal may set a slice",
		.req = { .class = AISCHED_CLASS_BACKGROUND,
			 .given = AISCHED_REQ_POLICY | AISCHED_REQ_SLICE,
			 .policy = AISCHED_POLICY_NORMAL, .slice_us = 100 },
		.want = { .class = AISCHED_CLASS_BACKGROUND,
			  .policy = AISCHED_POLICY_NORMAL,
			  .io_class = AISCHED_IO_CLASS_IDLE,
			  .slice_us = 100,
			  .fallback_policy = AISCHED_POLICY_NORMAL },
	},
	{
		.name = "inference made idle sets no slice",
		.req = { .class = AISCHED_CLASS_INFERENCE,
			 .given = AISCHED_REQ_POLICY,
			 .policy = AISCHED_POLICY_IDLE },
		.want = { .class = AISCHED_CLASS_INFERENCE,
			  .policy = AISCHED_POLICY_IDLE,
			  .io_class = AISCHED_IO_CLASS_BE, .io_level = 0,
			  .fallback_policy = AISCHED_POLICY_NORMAL,
			  .fallback_nice = -10, .fallback_slice_us = 1000 },
	},
	{
		.name = "dataloader defaults",
		.req = { .class = AISCHED_CLASS_DATALOADER },
		.want = { .class = AISCHED_CLASS_DATALOADER,
			  .policy = AISCHED_POLICY_BATCH,
			  .io_class = AISCHED_IO_CLASS_BE, .io_level = 0,
			  .fallback_policy = AISCHED_POLICY_BATCH },
	},
	{
		.name = "background defaults",
		.req = { .class = AISCHED_CLASS_BACKGROUND },
		.want = { .class = AISCHED_CLASS_BACKGROUND,
			  .policy = AISCHED_POLICY_IDLE,
			  .io_class = AISCHED_IO_CLASS_IDLE,
			  .fallback_policy = AISCHED_POLICY_IDLE },
	},
	{
		.name = "inference with rt-prio is fifo with the default budget",
		.req = { .class = AISCHED_CLASS_INFERENCE,
			 .given = AISCHED_REQ_RT_PRIO, .rt_prio = 10 },
		.want = { .class = AISCHED_CLASS_INFERENCE,
			  .policy = AISCHED_POLICY_FIFO, .rt_prio = 10,
			  .rt_budget_ms = AISCHED_RT_BUDGET_MS_DEFAULT,
			  .io_class = AISCHED_IO_CLASS_BE, .io_level = 0,
			  .fallback_policy = AISCHED_POLICY_NORMAL,
			  .fallback_nice = -10, .fallback_slice_us = 1000 },
	},
	{
		.name = "fifo at the cap, own budget, nice for the fallback",
		.req = { .class = AISCHED_CLASS_INFERENCE,
			 .given = AISCHED_REQ_POLICY | AISCHED_REQ_RT_PRIO |
				  AISCHED_REQ_RT_BUDGET | AISCHED_REQ_NICE,
			 .policy = AISCHED_POLICY_FIFO, .rt_prio = CAP,
			 .rt_budget_ms = 50, .nice = -5 },
		.want = { .class = AISCHED_CLASS_INFERENCE,
			  .policy = AISCHED_POLICY_FIFO, .rt_prio = CAP,
			  .rt_budget_ms = 50,
			  .io_class = AISCHED_IO_CLASS_BE, .io_level = 0,
			  .fallback_policy = AISCHED_POLICY_NORMAL,
			  .fallback_nice = -5, .fallback_slice_us = 1000 },
	},
	{
		.name = "training with policy batch, nice 5 and io rt:2",
		.req = { .class = AISCHED_CLASS_TRAINING,
			 .given = AISCHED_REQ_POLICY | AISCHED_REQ_NICE |
				  AISCHED_REQ_IO_CLASS | AISCHED_REQ_IO_LEVEL,
			 .policy = AISCHED_POLICY_BATCH, .nice = 5,
			 .io_class = AISCHED_IO_CLASS_RT, .io_level = 2 },
		.want = { .class = AISCHED_CLASS_TRAINING,
			  .policy = AISCHED_POLICY_BATCH, .nice = 5,
			  .io_class = AISCHED_IO_CLASS_RT, .io_level = 2,
			  .fallback_policy = AISCHED_POLICY_BATCH,
			  .fallback_nice = 5 },
	},
	{
		.name = "an io class alone starts at level 0",
		.req = { .class = AISCHED_CLASS_TRAINING,
			 .given = AISCHED_REQ_IO_CLASS,
			 .io_class = AISCHED_IO_CLASS_IDLE },
		.want = { .class = AISCHED_CLASS_TRAINING,
			  .policy = AISCHED_POLICY_NORMAL,
			  .io_class = AISCHED_IO_CLASS_IDLE, .io_level = 0,
			  .fallback_policy = AISCHED_POLICY_NORMAL },
	},
	{
		.name = "background made normal keeps nice 0",
		.req = { .class = AISCHED_CLASS_BACKGROUND,
			 .given = AISCHED_REQ_POLICY,
			 .policy = AISCHED_POLICY_NORMAL },
		.want = { .class = AISCHED_CLASS_BACKGROUND,
			  .policy = AISCHED_POLICY_NORMAL,
			  .io_class = AISCHED_IO_CLASS_IDLE,
			  .fallback_policy = AISCHED_POLICY_NORMAL },
	},
};

static void bundle_case_to_desc(const struct bundle_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bundle, bundle_cases, bundle_case_to_desc);

static void class_bundle_build(struct kunit *test)
{
	const struct bundle_case *c = test->param_value;
	struct netlink_ext_ack extack = {};
	struct aisched_bundle b;

	memset(&b, 0xa5, sizeof(b));
	KUNIT_ASSERT_EQ(test, 0, aisched_bundle_build(&b, &c->req, CAP,
						      !c->old_kernel, &extack));
	KUNIT_EXPECT_NULL(test, extack._msg);
	KUNIT_EXPECT_EQ(test, b.class, c->want.class);
	KUNIT_EXPECT_EQ(test, b.policy, c->want.policy);
	KUNIT_EXPECT_EQ(test, b.nice, c->want.nice);
	KUNIT_EXPECT_EQ(test, b.rt_prio, c->want.rt_prio);
	KUNIT_EXPECT_EQ(test, b.rt_budget_ms, c->want.rt_budget_ms);
	KUNIT_EXPECT_EQ(test, b.io_class, c->want.io_class);
	KUNIT_EXPECT_EQ(test, b.io_level, c->want.io_level);
	KUNIT_EXPECT_EQ(test, b.slice_us, c->want.slice_us);
	KUNIT_EXPECT_EQ(test, b.fallback_policy, c->want.fallback_policy);
	KUNIT_EXPECT_EQ(test, b.fallback_nice, c->want.fallback_nice);
	KUNIT_EXPECT_EQ(test, b.fallback_slice_us, c->want.fallback_slice_us);
}

struct refusal_case {
	const char *name;
	bool old_kernel;
	struct aisched_bundle_req req;
	const char *msg;
};

static const struct refusal_case refusal_cases[] = {
	{
		.name = "unknown class",
		.req = { .class = 4 },
		.msg = "unknown class",
	},
	{
		.name = "fifo without rt-prio",
		.req = { .class = AISCHED_CLASS_INFERENCE,
			 .given = AISCHED_REQ_POLICY,
			 .policy = AISCHED_POLICY_FIFO },
		.msg = "policy fifo needs an rt-prio",
	},
	{
		.name = "rt-prio above the cap",
		.req = { .class = AISCHED_CLASS_INFERENCE,
			 .given = AISCHED_REQ_RT_PRIO, .rt_prio = CAP + 1 },
		.msg = "rt-prio 50 is above the module's cap of 49 (rt_prio_max)",
	},
	{
		.name = "rt-prio with policy batch",
		.req = { .class = AISCHED_CLASS_DATALOADER,
			 .given = AISCHED_REQ_POLICY | AISCHED_REQ_RT_PRIO,
			 .policy = AISCHED_POLICY_BATCH, .rt_prio = 5 },
		.msg = "rt-prio needs policy fifo",
	},
	{
		.name = "budget without fifo",
		.req = { .class = AISCHED_CLASS_INFERENCE,
			 .given = AISCHED_REQ_RT_BUDGET, .rt_budget_ms = 50 },
		.msg = "rt-budget-ms needs policy fifo",
	},
	{
		.name = "nice with idle",
		.req = { .class = AISCHED_CLASS_BACKGROUND,
			 .given = AISCHED_REQ_NICE, .nice = 5 },
		.msg = "nice does not apply to policy idle",
	},
	{
		.name = "io level with io class idle",
		.req = { .class = AISCHED_CLASS_BACKGROUND,
			 .given = AISCHED_REQ_IO_LEVEL, .io_level = 3 },
		.msg = "io-level applies only to io classes rt and be",
	},
	{
		.name = "io level with io class none",
		.req = { .class = AISCHED_CLASS_TRAINING,
			 .given = AISCHED_REQ_IO_CLASS | AISCHED_REQ_IO_LEVEL,
			 .io_class = AISCHED_IO_CLASS_NONE, .io_level = 3 },
		.msg = "io-level applies only to io classes rt and be",
	},
	{
		.name = "slice with policy idle",
		.req = { .class = AISCHED_CLASS_BACKGROUND,
			 .given = AISCHED_REQ_SLICE, .slice_us = 300 },
		.msg = "slice-us needs policy normal or batch",
	},
	{
		.name = "slice with policy idle without custom slices",
		.old_kernel = true,
		.req = { .class = AISCHED_CLASS_BACKGROUND,
			 .given = AISCHED_REQ_SLICE, .slice_us = 300 },
		.msg = "slice-us needs policy normal or batch",
	},
	{
		.name = "slice with policy fifo",
		.req = { .class = AISCHED_CLASS_INFERENCE,
			 .given = AISCHED_REQ_RT_PRIO | AISCHED_REQ_SLICE,
			 .rt_prio = 10, .slice_us = 300 },
		.msg = "slice-us needs policy normal or batch",
	},
	{
		.name = "slice without custom slices",
		.old_kernel = true,
		.req = { .class = AISCHED_CLASS_INFERENCE,
			 .given = AISCHED_REQ_SLICE, .slice_us = 300 },
		.msg = "slice-us needs EEVDF custom slices (Linux 6.12 or later)",
	},
};

static void refusal_case_to_desc(const struct refusal_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(refusal, refusal_cases, refusal_case_to_desc);

static void class_bundle_refused(struct kunit *test)
{
	const struct refusal_case *c = test->param_value;
	struct netlink_ext_ack extack = {};
	struct aisched_bundle b;

	KUNIT_EXPECT_EQ(test, -EINVAL,
			aisched_bundle_build(&b, &c->req, CAP, !c->old_kernel,
					     &extack));
	KUNIT_ASSERT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_STREQ(test, extack._msg, c->msg);
}

/* A lower rt_prio_max is the cap the request is held to. */
static void class_rt_prio_max_param(struct kunit *test)
{
	struct aisched_bundle_req req = {
		.class = AISCHED_CLASS_INFERENCE,
		.given = AISCHED_REQ_RT_PRIO,
		.rt_prio = 20,
	};
	struct netlink_ext_ack extack = {};
	struct aisched_bundle b;

	KUNIT_EXPECT_EQ(test, 0,
			aisched_bundle_build(&b, &req, 20, true, &extack));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			aisched_bundle_build(&b, &req, 19, true, &extack));
	KUNIT_EXPECT_STREQ(test, extack._msg,
			   "rt-prio 20 is above the module's cap of 19 (rt_prio_max)");
}

static void class_kernel_values(struct kunit *test)
{
	struct aisched_bundle b = {
		.io_class = AISCHED_IO_CLASS_BE,
		.io_level = 4,
	};

	KUNIT_EXPECT_EQ(test, aisched_policy_to_sched(AISCHED_POLICY_NORMAL),
			SCHED_NORMAL);
	KUNIT_EXPECT_EQ(test, aisched_policy_to_sched(AISCHED_POLICY_BATCH),
			SCHED_BATCH);
	KUNIT_EXPECT_EQ(test, aisched_policy_to_sched(AISCHED_POLICY_IDLE),
			SCHED_IDLE);
	KUNIT_EXPECT_EQ(test, aisched_policy_to_sched(AISCHED_POLICY_FIFO),
			SCHED_FIFO);
	KUNIT_EXPECT_EQ(test, aisched_bundle_ioprio(&b),
			IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4));
	b.io_class = AISCHED_IO_CLASS_IDLE;
	b.io_level = 0;
	KUNIT_EXPECT_EQ(test, aisched_bundle_ioprio(&b),
			IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 0));
	KUNIT_EXPECT_STREQ(test, aisched_class_name(AISCHED_CLASS_DATALOADER),
			   "dataloader");
	KUNIT_EXPECT_STREQ(test, aisched_class_name(17), "unknown");
}

static struct kunit_case class_test_cases[] = {
	KUNIT_CASE_PARAM(class_bundle_build, bundle_gen_params),
	KUNIT_CASE_PARAM(class_bundle_refused, refusal_gen_params),
	KUNIT_CASE(class_rt_prio_max_param),
	KUNIT_CASE(class_kernel_values),
	{}
};

static struct kunit_suite class_test_suite = {
	.name = "aisched_class",
	.test_cases = class_test_cases,
};

kunit_test_suite(class_test_suite);
