/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: tracepoints (tracefs events/aisched/), for perf and bpftrace.
 */

#undef TRACE_SYSTEM
#define TRACE_SYSTEM aisched

#if !defined(_AISCHED_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _AISCHED_TRACE_H

#include <linux/sched.h>
#include <linux/tracepoint.h>

TRACE_EVENT(aisched_apply,

	TP_PROTO(struct task_struct *p, u64 cgid, u32 class, int policy,
		 int nice, int rt_prio, int ioprio),

	TP_ARGS(p, cgid, class, policy, nice, rt_prio, ioprio),

	TP_STRUCT__entry(
		__field(pid_t, pid)
		__array(char, comm, TASK_COMM_LEN)
		__field(u64, cgid)
		__field(u32, class)
		__field(int, policy)
		__field(int, nice)
		__field(int, rt_prio)
		__field(int, ioprio)
	),

	TP_fast_assign(
		__entry->pid = task_pid_nr(p);
		memcpy(__entry->comm, p->comm, TASK_COMM_LEN);
		__entry->cgid = cgid;
		__entry->class = class;
		__entry->policy = policy;
		__entry->nice = nice;
		__entry->rt_prio = rt_prio;
		__entry->ioprio = ioprio;
	),

	TP_printk("pid=%d comm=%s cgroup=%llu class=%u policy=%d nice=%d rt_prio=%d ioprio=0x%x",
		  __entry->pid, __entry->comm, __entry->cgid, __entry->class,
		  __entry->policy, __entry->nice, __entry->rt_prio,
		  __entry->ioprio)
);

TRACE_EVENT(aisched_restore,

	TP_PROTO(struct task_struct *p, u64 cgid, int policy, int nice,
		 int rt_prio, int ioprio, unsigned int overrides),

	TP_ARGS(p, cgid, policy, nice, rt_prio, ioprio, overrides),

	TP_STRUCT__entry(
		__field(pid_t, pid)
		__array(char, comm, TASK_COMM_LEN)
		__field(u64, cgid)
		__field(int, policy)
		__field(int, nice)
		__field(int, rt_prio)
		__field(int, ioprio)
		__field(unsigned int, overrides)
	),

	TP_fast_assign(
		__entry->pid = task_pid_nr(p);
		memcpy(__entry->comm, p->comm, TASK_COMM_LEN);
		__entry->cgid = cgid;
		__entry->policy = policy;
		__entry->nice = nice;
		__entry->rt_prio = rt_prio;
		__entry->ioprio = ioprio;
		__entry->overrides = overrides;
	),

	TP_printk("pid=%d comm=%s cgroup=%llu policy=%d nice=%d rt_prio=%d ioprio=0x%x overrides=0x%x",
		  __entry->pid, __entry->comm, __entry->cgid, __entry->policy,
		  __entry->nice, __entry->rt_prio, __entry->ioprio,
		  __entry->overrides)
);

TRACE_EVENT(aisched_demote,

	TP_PROTO(struct task_struct *p, u64 cgid, u32 runtime_ms),

	TP_ARGS(p, cgid, runtime_ms),

	TP_STRUCT__entry(
		__field(pid_t, pid)
		__array(char, comm, TASK_COMM_LEN)
		__field(u64, cgid)
		__field(u32, runtime_ms)
	),

	TP_fast_assign(
		__entry->pid = task_pid_nr(p);
		memcpy(__entry->comm, p->comm, TASK_COMM_LEN);
		__entry->cgid = cgid;
		__entry->runtime_ms = runtime_ms;
	),

	TP_printk("pid=%d comm=%s cgroup=%llu ran=%ums",
		  __entry->pid, __entry->comm, __entry->cgid,
		  __entry->runtime_ms)
);

TRACE_EVENT(aisched_migrate,

	TP_PROTO(struct task_struct *p, const nodemask_t *to, long left),

	TP_ARGS(p, to, left),

	TP_STRUCT__entry(
		__field(pid_t, pid)
		__array(char, comm, TASK_COMM_LEN)
		__field(int, to)
		__field(long, left)
	),

	TP_fast_assign(
		__entry->pid = task_pid_nr(p);
		memcpy(__entry->comm, p->comm, TASK_COMM_LEN);
		__entry->to = first_node(*to);
		__entry->left = left;
	),

	TP_printk("pid=%d comm=%s to=%d left=%ld",
		  __entry->pid, __entry->comm, __entry->to, __entry->left)
);

#endif /* _AISCHED_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
