/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: cgroup tags and the tasks they cover.
 *
 * Locking (Documentation/aisched/design.rst has the full story):
 *
 * aisched_mutex (a mutex, process context only) serialises every change of
 *   policy the module makes: the tag table, applying and restoring a task,
 *   and the per-task state's saved and applied values. Taken by netlink
 *   handlers, task_work callbacks, the move worker, the reaper and module
 *   exit. It nests outside cgroup_mutex (cgroup_path_ns()), the scheduler's
 *   locks and aisched_state_lock; no probe takes it.
 *
 * aisched_state_lock (a spinlock, never taken from interrupts) protects the
 *   per-task state table, each tag's task list and task count, the FIFO
 *   list, and the fields of a state that atomic readers look at (tag,
 *   saved, applied, overrides, flags, home). Probes take it; so do
 *   writers, who also hold aisched_mutex, so holders of the mutex may read
 *   those fields without it.
 *
 * The tag table is read under RCU (the fork, exec, exit and attach probes)
 *   and written under aisched_mutex. A tag is freed after an RCU grace
 *   period, once it is out of the table and covers no task.
 */

#ifndef _AISCHED_TAGS_H
#define _AISCHED_TAGS_H

#include <linux/cpumask.h>
#include <linux/jump_label.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/nodemask.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <linux/aisched.h>

#include "class.h"

struct aisched_pool_acct;
struct cgroup;
struct netlink_ext_ack;
struct task_struct;

extern struct mutex aisched_mutex;
extern spinlock_t aisched_state_lock;
DECLARE_STATIC_KEY_FALSE(aisched_tags_active);

/**
 * struct aisched_place - where a tag puts its tasks
 * @placement: enum aisched_placement
 * @mem: enum aisched_mem
 * @nr_gpus: entries in @gpus
 * @has_nodes: the tag names @nodes
 * @nodes: the nodes the tag names
 * @target: the nodes of its GPUs and @nodes, if @placement is not none
 * @gpus: PCI addresses of the GPUs the tag names, in the order named
 *
 * Resolved once, when the tag is set: a later node override or hotplug
 * does not move a tag's tasks.
 */
struct aisched_place {
	u32 placement;
	u32 mem;
	unsigned int nr_gpus;
	bool has_nodes;
	nodemask_t nodes;
	nodemask_t target;
	char gpus[AISCHED_MAX_TAG_GPUS][AISCHED_MAX_GPU_ADDR_LEN + 1];
};

/**
 * struct aisched_tag - a tagged cgroup
 * @hnode: entry in the tag table (RCU readers, aisched_mutex writers)
 * @rcu: frees the tag after readers are done
 * @cgid: the cgroup's id
 * @cgrp: the cgroup (a reference)
 * @dir: the cgroup's directory as the tagger named it (a reference), for
 *	reading cpuset files under it
 * @cgpath: the cgroup's path in the initial cgroup namespace, for events
 * @bundle: what the tag applies (aisched_mutex)
 * @has_cpus: @cpus restricts affinity (aisched_mutex)
 * @place: GPUs and nodes, or NULL if the tag names none (aisched_mutex)
 * @quota: its quota of the huge-page pool, or NULL (changed under
 *	aisched_mutex, read under RCU by /dev/aisched)
 * @gen: bumped on each replacement of @bundle (aisched_mutex)
 * @dead: out of the table (aisched_mutex)
 * @reap: the cgroup was removed; the reaper removes the tag (atomic)
 * @tasks: states of the tasks the tag covers (aisched_state_lock)
 * @nr_tasks: length of @tasks (aisched_state_lock)
 * @applied: times the bundle was applied to a task
 * @overrides: tasks that overrode the bundle
 * @demotions: fifo tasks the runaway guard demoted
 * @conflicts: tasks whose cpuset did not meet @cpus
 * @ref: references: the table's, and events' in flight
 * @free_work: frees the tag after an RCU grace period
 * @cpus: CPUs the tag allows, if @has_cpus: given, or the online CPUs
 *	of @place's target nodes (aisched_mutex)
 *
 * @bundle is written under both aisched_mutex and aisched_state_lock, so
 * the runaway guard may read it under the lock alone.
 */
struct aisched_tag {
	struct hlist_node hnode;
	struct rcu_head rcu;
	u64 cgid;
	struct cgroup *cgrp;
	struct path dir;
	char *cgpath;
	struct aisched_bundle bundle;
	bool has_cpus;
	struct aisched_place *place;
	struct aisched_pool_acct __rcu *quota;
	unsigned int gen;
	bool dead;
	atomic_t reap;
	struct list_head tasks;
	unsigned int nr_tasks;
	atomic64_t applied;
	atomic64_t overrides;
	atomic64_t demotions;
	atomic64_t conflicts;
	refcount_t ref;
	struct rcu_work free_work;
	cpumask_var_t cpus;
};

/**
 * struct aisched_vals - the scheduling values aisched saves and applies
 * @policy: SCHED_*
 * @nice: nice value
 * @rt_prio: real-time priority
 * @reset_on_fork: SCHED_RESET_ON_FORK
 * @ioprio: I/O priority as ioprio_get() reports it
 * @slice: EEVDF custom slice in ns, 0 for the default slice (and on a
 *	kernel without custom slices); aisched_task_slice()
 */
struct aisched_vals {
	int policy;
	int nice;
	int rt_prio;
	bool reset_on_fork;
	int ioprio;
	u64 slice;
};

/**
 * struct aisched_mpol - a task's memory policy, as set_mempolicy(2) has it
 * @mode: MPOL_* with its mode flags, or -1 if unknown (no mempolicy hook)
 * @nodes: its nodes
 */
struct aisched_mpol {
	int mode;
	nodemask_t nodes;
};

/**
 * struct aisched_snap - a covered parent's state, copied at fork
 * @valid: the parent was covered
 * @flags: its AISCHED_TS_* flags
 * @overrides: its AISCHED_OVERRIDE_* fields
 * @saved: what it had before aisched
 * @applied: what aisched set
 * @saved_cpus: its affinity before aisched
 * @applied_cpus: the affinity aisched set
 * @home: its home node (struct aisched_task), or NUMA_NO_NODE
 * @saved_mpol: its memory policy before aisched
 * @applied_mpol: the memory policy aisched set
 */
struct aisched_snap {
	bool valid;
	int home;
	unsigned int flags;
	unsigned int overrides;
	struct aisched_vals saved;
	struct aisched_vals applied;
	struct aisched_mpol saved_mpol;
	struct aisched_mpol applied_mpol;
	struct cpumask *saved_cpus;
	struct cpumask *applied_cpus;
};

/* struct aisched_task flags */
enum {
	AISCHED_TS_SCHED	= BIT(0),	/* applied the policy */
	AISCHED_TS_CPUS		= BIT(1),	/* applied an affinity */
	AISCHED_TS_IOPRIO	= BIT(2),	/* applied an I/O priority */
	AISCHED_TS_DEMOTED	= BIT(3),	/* the runaway guard demoted it */
	AISCHED_TS_CONFLICT	= BIT(4),	/* its cpuset met no tag CPU */
	AISCHED_TS_DEAD		= BIT(5),	/* out of the table */
	/*
	 * aisched is changing the task's values and has not recorded them
	 * yet: an override scan (the fork and exit probes) cannot tell its
	 * changes from the task's own, and skips it. BUSY is set by apply
	 * and restore (aisched_mutex), DEMOTING by the runaway guard.
	 */
	AISCHED_TS_BUSY		= BIT(6),
	AISCHED_TS_DEMOTING	= BIT(7),
	AISCHED_TS_MEMPOL	= BIT(8),	/* applied a memory policy */
	AISCHED_TS_HINT		= BIT(9),	/* applied a NUMA hint */
	/* The task set a memory policy of its own: aisched leaves it. */
	AISCHED_TS_MPOL_OWN	= BIT(10),
};

/**
 * struct aisched_task - what aisched knows of one covered task
 * @node: entry in the state table, keyed by @task
 * @task: the task (a reference)
 * @tag_node: entry in @tag's task list
 * @fifo_node: entry in the runaway guard's list while SCHED_FIFO
 * @tag: the tag whose bundle the task has
 * @gen: @tag's generation when applied
 * @ref: references: the table's and each user's
 * @flags: AISCHED_TS_*
 * @overrides: AISCHED_OVERRIDE_* fields the task changed itself
 * @saved: what the task had before aisched touched it
 * @applied: what aisched last set (read back from the task)
 * @rt_nvcsw: voluntary switches when the runaway clock last restarted
 * @rt_runtime: run time (ns) when the runaway clock last restarted
 * @home: the target node whose CPUs it has, under placement local with
 *	several target nodes, or that it prefers under placement prefer;
 *	else NUMA_NO_NODE
 * @rcu: frees the state after table readers are done
 * @saved_cpus: the affinity before aisched
 * @applied_cpus: the affinity aisched set
 * @saved_mpol: the memory policy before aisched (mempolicy hook)
 * @applied_mpol: the memory policy aisched set (read back)
 *
 * The memory policy fields are filled outside aisched_state_lock (reading
 * a policy takes the task's alloc_lock) and stored under it, as the fork
 * snapshot copies them.
 */
struct aisched_task {
	struct rhash_head node;
	struct task_struct *task;
	struct list_head tag_node;
	struct list_head fifo_node;
	struct aisched_tag *tag;
	unsigned int gen;
	refcount_t ref;
	unsigned int flags;
	unsigned int overrides;
	struct aisched_vals saved;
	struct aisched_vals applied;
	unsigned long rt_nvcsw;
	u64 rt_runtime;
	int home;
	struct rcu_head rcu;
	cpumask_var_t saved_cpus;
	cpumask_var_t applied_cpus;
	struct aisched_mpol saved_mpol;
	struct aisched_mpol applied_mpol;
};

/* Parameters */
extern unsigned int aisched_rt_prio_max;

/* tags.c */
int aisched_tags_init(void);
void aisched_tags_exit(void);
struct aisched_tag *aisched_tag_find(struct cgroup *cgrp);
struct aisched_tag *aisched_tag_find_exact(u64 cgid);
struct cgroup *aisched_cgroup_resolve(const char *path, struct path *dir,
				      struct netlink_ext_ack *extack);
/**
 * struct aisched_quota_req - the quota TAG_SET asks for
 * @node: its node
 * @pages: its size in 2 MiB pages; 0 for none
 */
struct aisched_quota_req {
	int node;
	unsigned long pages;
};

int aisched_tag_set(struct cgroup *cgrp, const struct path *dir,
		    const struct aisched_bundle *b, const struct cpumask *cpus,
		    const struct aisched_place *place,
		    const struct aisched_quota_req *quota,
		    struct netlink_ext_ack *extack, struct aisched_tag **out);
void aisched_tag_remove(struct aisched_tag *tag, u32 reason);
int aisched_tag_for_each(int (*fn)(struct aisched_tag *tag, void *arg),
			 void *arg);
void aisched_tags_shutdown(void);
void aisched_tag_reap(struct cgroup *cgrp);
void aisched_tag_get(struct aisched_tag *tag);
void aisched_tag_put(struct aisched_tag *tag);
extern struct workqueue_struct *aisched_wq;
int aisched_cpuset_read(struct aisched_tag *tag, struct cgroup *cgrp,
			struct cpumask *out);

/* task.c */
int aisched_task_init(void);
void aisched_task_exit(void);
extern atomic_t aisched_nr_states;
struct aisched_task *aisched_state_lookup(struct task_struct *p);
bool aisched_task_covered(struct task_struct *p);
void aisched_tag_check_overrides(struct aisched_tag *tag);
void aisched_state_put(struct aisched_task *ts);
void aisched_task_cover(struct task_struct *p, struct aisched_tag *tag,
			const struct aisched_snap *parent, bool moved);
void aisched_task_uncover(struct aisched_task *ts, bool moved);
void aisched_task_check_override(struct aisched_task *ts, bool atomic);
void aisched_task_exited(struct task_struct *p);
void aisched_task_snapshot(struct task_struct *p, struct aisched_snap *snap);
void aisched_task_restore_snapshot(struct task_struct *p,
				   const struct aisched_snap *snap);
int aisched_guard_start(void);
void aisched_guard_stop(void);

/* mem.c */
void aisched_mem_want(u32 placement, u32 mem, int home,
		      const nodemask_t *target, struct aisched_mpol *want);
void aisched_mpol_read(struct task_struct *p, struct aisched_mpol *m);
bool aisched_mpol_equal(const struct aisched_mpol *a,
			const struct aisched_mpol *b);
int aisched_mpol_set(struct task_struct *p, const struct aisched_mpol *m);
void aisched_mem_migrate(struct task_struct *p, const nodemask_t *to);
int aisched_mem_init(void);
void aisched_mem_exit(void);

/* hooks.c */
int aisched_hooks_init(void);
void aisched_hooks_exit(void);

#endif /* _AISCHED_TAGS_H */
