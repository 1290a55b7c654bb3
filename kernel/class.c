// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: AI-workload classes and the policy bundle a tag applies.
 *
 * A class is a set of defaults; a tag starts from its class's defaults and
 * overrides any field. Documentation/aisched/classes.rst gives the table and
 * the reasons for each default. This file is pure logic: it touches no task
 * and takes no lock, so KUnit covers it completely.
 */

#include <kunit/visibility.h>
#include <linux/ioprio.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <uapi/linux/sched.h>
#include <linux/aisched.h>

#include "class.h"
#include "compat.h"

static const struct aisched_bundle aisched_class_defaults[] = {
	[AISCHED_CLASS_TRAINING] = {
		.class = AISCHED_CLASS_TRAINING,
		.policy = AISCHED_POLICY_NORMAL,
		.nice = 0,
		.io_class = AISCHED_IO_CLASS_BE,
		.io_level = 4,
	},
	[AISCHED_CLASS_INFERENCE] = {
		.class = AISCHED_CLASS_INFERENCE,
		.policy = AISCHED_POLICY_NORMAL,
		.nice = -10,
		.io_class = AISCHED_IO_CLASS_BE,
		.io_level = 0,
		.slice_us = AISCHED_SLICE_US_INFERENCE,
	},
	[AISCHED_CLASS_DATALOADER] = {
		.class = AISCHED_CLASS_DATALOADER,
		.policy = AISCHED_POLICY_BATCH,
		.nice = 0,
		.io_class = AISCHED_IO_CLASS_BE,
		.io_level = 0,
	},
	[AISCHED_CLASS_BACKGROUND] = {
		.class = AISCHED_CLASS_BACKGROUND,
		.policy = AISCHED_POLICY_IDLE,
		.nice = 0,
		.io_class = AISCHED_IO_CLASS_IDLE,
		.io_level = 0,
	},
};

static const char * const aisched_class_names[] = {
	[AISCHED_CLASS_TRAINING] = "training",
	[AISCHED_CLASS_INFERENCE] = "inference",
	[AISCHED_CLASS_DATALOADER] = "dataloader",
	[AISCHED_CLASS_BACKGROUND] = "background",
};

/**
 * aisched_class_name() - the name of a class
 * @class: enum aisched_class
 *
 * Context: any context.
 * Return: the name, or "unknown".
 */
const char *aisched_class_name(u32 class)
{
	if (class >= ARRAY_SIZE(aisched_class_names))
		return "unknown";
	return aisched_class_names[class];
}
EXPORT_SYMBOL_IF_KUNIT(aisched_class_name);

static bool aisched_policy_fair(u32 policy)
{
	return policy == AISCHED_POLICY_NORMAL || policy == AISCHED_POLICY_BATCH;
}

/**
 * aisched_bundle_build() - the bundle a TAG_SET request asks for
 * @b: the bundle to fill in
 * @req: the request's fields, range-checked by the netlink policy
 * @rt_prio_max: the largest SCHED_FIFO priority the module allows
 * @have_slice: the kernel has EEVDF custom slices
 *	(aisched_have_custom_slice())
 * @extack: where a refusal's message goes (may be NULL)
 *
 * Starts from @req's class defaults and applies each field the request
 * gave. An rt-prio implies the fifo policy. A class's default slice holds
 * only where the kernel has custom slices; elsewhere the bundle sets none,
 * and a slice-us is refused. Fields that make no sense
 * together are refused rather than ignored, so the tag always does what
 * the administrator wrote.
 *
 * Context: any context.
 * Return: 0, or -EINVAL with a message in @extack.
 */
int aisched_bundle_build(struct aisched_bundle *b,
			 const struct aisched_bundle_req *req,
			 unsigned int rt_prio_max, bool have_slice,
			 struct netlink_ext_ack *extack)
{
	u32 given = req->given;
	u32 class_slice;

	if (req->class >= ARRAY_SIZE(aisched_class_defaults)) {
		NL_SET_ERR_MSG(extack, "unknown class");
		return -EINVAL;
	}
	*b = aisched_class_defaults[req->class];
	class_slice = have_slice ? b->slice_us : 0;
	b->slice_us = class_slice;

	if (given & AISCHED_REQ_POLICY)
		b->policy = req->policy;
	else if (given & AISCHED_REQ_RT_PRIO)
		b->policy = AISCHED_POLICY_FIFO;

	if (b->policy == AISCHED_POLICY_FIFO) {
		if (!(given & AISCHED_REQ_RT_PRIO)) {
			NL_SET_ERR_MSG(extack, "policy fifo needs an rt-prio");
			return -EINVAL;
		}
		if (req->rt_prio > rt_prio_max) {
			NL_SET_ERR_MSG_FMT(extack,
					   "rt-prio %u is above the module's cap of %u (rt_prio_max)",
					   req->rt_prio, rt_prio_max);
			return -EINVAL;
		}
		b->rt_prio = req->rt_prio;
		b->rt_budget_ms = given & AISCHED_REQ_RT_BUDGET ?
				  req->rt_budget_ms : AISCHED_RT_BUDGET_MS_DEFAULT;
	} else if (given & AISCHED_REQ_RT_PRIO) {
		NL_SET_ERR_MSG(extack, "rt-prio needs policy fifo");
		return -EINVAL;
	} else if (given & AISCHED_REQ_RT_BUDGET) {
		NL_SET_ERR_MSG(extack, "rt-budget-ms needs policy fifo");
		return -EINVAL;
	}

	/* A demoted fifo task falls back to its class's own fair policy. */
	b->fallback_policy = aisched_policy_fair(b->policy) ? b->policy :
			     aisched_class_defaults[req->class].policy;
	if (b->fallback_policy == AISCHED_POLICY_FIFO)
		b->fallback_policy = AISCHED_POLICY_NORMAL;
	b->fallback_nice = aisched_class_defaults[req->class].nice;
	b->fallback_slice_us = aisched_policy_fair(b->fallback_policy) ?
			       class_slice : 0;

	if (given & AISCHED_REQ_NICE) {
		if (b->policy == AISCHED_POLICY_IDLE) {
			NL_SET_ERR_MSG(extack, "nice does not apply to policy idle");
			return -EINVAL;
		}
		/* With fifo, nice is what a demoted task gets. */
		b->fallback_nice = req->nice;
		b->nice = req->nice;
	}
	if (!aisched_policy_fair(b->policy))
		b->nice = 0;

	if (given & AISCHED_REQ_SLICE) {
		if (!aisched_policy_fair(b->policy)) {
			NL_SET_ERR_MSG(extack,
				       "slice-us needs policy normal or batch");
			return -EINVAL;
		}
		if (!have_slice) {
			NL_SET_ERR_MSG(extack,
				       "slice-us needs EEVDF custom slices (Linux 6.12 or later)");
			return -EINVAL;
		}
		b->slice_us = req->slice_us;
	}
	if (!aisched_policy_fair(b->policy))
		b->slice_us = 0;

	if (given & AISCHED_REQ_IO_CLASS) {
		b->io_class = req->io_class;
		b->io_level = 0;
	}
	if (given & AISCHED_REQ_IO_LEVEL) {
		if (b->io_class != AISCHED_IO_CLASS_RT &&
		    b->io_class != AISCHED_IO_CLASS_BE) {
			NL_SET_ERR_MSG(extack,
				       "io-level applies only to io classes rt and be");
			return -EINVAL;
		}
		b->io_level = req->io_level;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_bundle_build);

/**
 * aisched_policy_to_sched() - the kernel's SCHED_* for a bundle policy
 * @policy: enum aisched_policy
 *
 * Context: any context.
 * Return: SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE or SCHED_FIFO.
 */
int aisched_policy_to_sched(u32 policy)
{
	switch (policy) {
	case AISCHED_POLICY_BATCH:
		return SCHED_BATCH;
	case AISCHED_POLICY_IDLE:
		return SCHED_IDLE;
	case AISCHED_POLICY_FIFO:
		return SCHED_FIFO;
	default:
		return SCHED_NORMAL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(aisched_policy_to_sched);

/**
 * aisched_bundle_ioprio() - the bundle's I/O priority as ioprio_set() takes it
 * @b: the bundle
 *
 * Context: any context.
 * Return: IOPRIO_PRIO_VALUE(class, level).
 */
int aisched_bundle_ioprio(const struct aisched_bundle *b)
{
	/* enum aisched_io_class is numbered as IOPRIO_CLASS_*. */
	BUILD_BUG_ON((int)AISCHED_IO_CLASS_NONE != (int)IOPRIO_CLASS_NONE ||
		     (int)AISCHED_IO_CLASS_RT != (int)IOPRIO_CLASS_RT ||
		     (int)AISCHED_IO_CLASS_BE != (int)IOPRIO_CLASS_BE ||
		     (int)AISCHED_IO_CLASS_IDLE != (int)IOPRIO_CLASS_IDLE);
	return IOPRIO_PRIO_VALUE(b->io_class, b->io_level);
}
EXPORT_SYMBOL_IF_KUNIT(aisched_bundle_ioprio);
