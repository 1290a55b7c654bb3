/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: struct sched_attr of <linux/sched/types.h> (its first version
 * and the utilization clamps, 56 bytes), under a name of its own: the
 * kernel header cannot be included together with <sched.h>, and glibc
 * 2.36 does not wrap sched_getattr(). The tool, the guest test helpers and
 * the benchmarks share it.
 */
#ifndef AISCHED_SCHED_ATTR_H
#define AISCHED_SCHED_ATTR_H

#include <stdint.h>

struct aisched_sched_attr {
	uint32_t size;
	uint32_t sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime;
	uint64_t sched_deadline;
	uint64_t sched_period;
	uint32_t sched_util_min;
	uint32_t sched_util_max;
};

#endif
