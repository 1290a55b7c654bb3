/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: AI-workload classes and the policy bundle a tag applies.
 */

#ifndef _AISCHED_CLASS_H
#define _AISCHED_CLASS_H

#include <linux/types.h>

struct netlink_ext_ack;

/* Runaway budget of a SCHED_FIFO task unless the tag sets one. */
#define AISCHED_RT_BUDGET_MS_DEFAULT	100
/* The slice the inference class asks for, on kernels with custom slices. */
#define AISCHED_SLICE_US_INFERENCE	1000
/* rt_prio_max can never exceed this: the runaway guard runs at
 * MAX_RT_PRIO / 2 (sched_set_fifo()) and must outrank every task it guards.
 */
#define AISCHED_RT_PRIO_CAP		49

/* Which fields of struct aisched_bundle_req a request gave. */
enum {
	AISCHED_REQ_POLICY	= BIT(0),
	AISCHED_REQ_NICE	= BIT(1),
	AISCHED_REQ_RT_PRIO	= BIT(2),
	AISCHED_REQ_RT_BUDGET	= BIT(3),
	AISCHED_REQ_IO_CLASS	= BIT(4),
	AISCHED_REQ_IO_LEVEL	= BIT(5),
	AISCHED_REQ_SLICE	= BIT(6),
};

/**
 * struct aisched_bundle_req - a TAG_SET request's bundle fields
 * @given: AISCHED_REQ_* bits of the fields the request gave
 * @class: enum aisched_class; always given
 * @policy: enum aisched_policy
 * @nice: nice value
 * @rt_prio: SCHED_FIFO priority
 * @rt_budget_ms: runaway budget
 * @io_class: enum aisched_io_class
 * @io_level: I/O priority level
 * @slice_us: EEVDF slice in microseconds
 *
 * The values have passed the netlink policy's range checks; the rules that
 * tie fields together are aisched_bundle_build()'s.
 */
struct aisched_bundle_req {
	u32 given;
	u32 class;
	u32 policy;
	s32 nice;
	u32 rt_prio;
	u32 rt_budget_ms;
	u32 io_class;
	u32 io_level;
	u32 slice_us;
};

/**
 * struct aisched_bundle - what a tag applies to each task it covers
 * @class: enum aisched_class
 * @policy: enum aisched_policy
 * @nice: nice value for normal and batch (0 otherwise)
 * @rt_prio: SCHED_FIFO priority (fifo only, else 0)
 * @rt_budget_ms: runaway budget (fifo only, else 0)
 * @io_class: enum aisched_io_class (equal to the kernel's IOPRIO_CLASS_*)
 * @io_level: I/O priority level (rt and be only, else 0)
 * @slice_us: EEVDF slice in microseconds for normal and batch, 0 for none
 *	(each task keeps its own); always 0 on a kernel without custom slices
 * @fallback_policy: enum aisched_policy a demoted fifo task gets
 * @fallback_nice: nice value a demoted fifo task gets
 * @fallback_slice_us: slice a demoted fifo task gets, 0 for its own
 */
struct aisched_bundle {
	u32 class;
	u32 policy;
	s32 nice;
	u32 rt_prio;
	u32 rt_budget_ms;
	u32 io_class;
	u32 io_level;
	u32 slice_us;
	u32 fallback_policy;
	s32 fallback_nice;
	u32 fallback_slice_us;
};

int aisched_bundle_build(struct aisched_bundle *b,
			 const struct aisched_bundle_req *req,
			 unsigned int rt_prio_max, bool have_slice,
			 struct netlink_ext_ack *extack);
int aisched_policy_to_sched(u32 policy);
int aisched_bundle_ioprio(const struct aisched_bundle *b);
const char *aisched_class_name(u32 class);

#endif /* _AISCHED_CLASS_H */
