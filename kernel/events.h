/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: notifications on the "events" multicast group.
 */

#ifndef _AISCHED_EVENTS_H
#define _AISCHED_EVENTS_H

#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/types.h>

struct aisched_tag;
struct cpumask;

/**
 * struct aisched_event - one event, as aisched_event_send() sends it
 * @type: enum aisched_event_type
 * @tag: the tag (a reference, dropped by aisched_event_send())
 * @cgid: the tag's cgroup id
 * @class: the tag's class
 * @pid: the task, for task events (0 otherwise)
 * @tgid: the task's process
 * @comm: the task's name
 * @reason: enum aisched_remove_reason, for tag-removed
 * @override: AISCHED_OVERRIDE_* fields, for override
 * @runtime_ms: for demotion
 * @cpus: the tag's CPUs, for conflict
 * @cpuset: the task's effective cpuset, for conflict
 */
struct aisched_event {
	u32 type;
	struct aisched_tag *tag;
	u64 cgid;
	u32 class;
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
	u32 reason;
	u32 override;
	u32 runtime_ms;
	const struct cpumask *cpus;
	const struct cpumask *cpuset;
};

void aisched_event_fill_tag(struct aisched_event *ev, struct aisched_tag *tag);
void aisched_event_fill_task(struct aisched_event *ev, struct aisched_tag *tag,
			     struct task_struct *p);
void aisched_event_send(struct aisched_event *ev, gfp_t gfp);

#endif /* _AISCHED_EVENTS_H */
