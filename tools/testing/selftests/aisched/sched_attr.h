/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct sched_attr of <linux/sched/types.h> (56 bytes, with uclamp), under
 * a name of its own: glibc 2.36 does not wrap sched_getattr(), and the
 * kernel header clashes with newer glibc's <sched.h>. For the helpers that
 * read or set a task's scheduling attributes (taskprobe, slicectl).
 */
#ifndef AISCHED_TEST_SCHED_ATTR_H
#define AISCHED_TEST_SCHED_ATTR_H

#include <stdint.h>

struct test_sched_attr {
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
