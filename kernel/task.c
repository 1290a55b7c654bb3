// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: the per-task side of class hints.
 *
 * For each task a tag covers, aisched keeps a struct aisched_task: what the
 * task had before (to give it back), what aisched set (to notice when the
 * task changes it itself), and whether it did. This file applies a tag's
 * bundle to a task, restores a task, detects overrides, and runs the
 * runaway guard for SCHED_FIFO tasks. See tags.h for the locking rules.
 */

#include <linux/cgroup.h>
#include <linux/hrtimer.h>
#include <linux/iocontext.h>
#include <linux/ioprio.h>
#include <linux/kthread.h>
#include <linux/mempolicy.h>
#include <linux/rhashtable.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <uapi/linux/sched.h>
#include <uapi/linux/sched/types.h>
#include <linux/aisched.h>

#include "compat.h"
#include "events.h"
#include "kapi.h"
#include "tags.h"
#include "trace.h"

atomic_t aisched_nr_states = ATOMIC_INIT(0);

static const struct rhashtable_params aisched_state_params = {
	.key_len = sizeof(struct task_struct *),
	.key_offset = offsetof(struct aisched_task, task),
	.head_offset = offsetof(struct aisched_task, node),
	.automatic_shrinking = true,
};

static struct rhashtable aisched_states;

/* The runaway guard's list of SCHED_FIFO states (aisched_state_lock). */
static LIST_HEAD(aisched_fifo_list);
static unsigned int aisched_nr_fifo;
static DECLARE_WAIT_QUEUE_HEAD(aisched_guard_wq);
static struct task_struct *aisched_guard_thread;

/* ------------------------------------------------------------------ */
/* State lifetime                                                      */

static void aisched_state_free_rcu(struct rcu_head *rcu)
{
	struct aisched_task *ts = container_of(rcu, struct aisched_task, rcu);

	put_task_struct(ts->task);
	free_cpumask_var(ts->saved_cpus);
	free_cpumask_var(ts->applied_cpus);
	kfree(ts);
}

/**
 * aisched_state_put() - drop a reference to a task's state
 * @ts: the state
 *
 * Context: any context; the last reference frees @ts after an RCU grace
 * period.
 */
void aisched_state_put(struct aisched_task *ts)
{
	if (refcount_dec_and_test(&ts->ref))
		call_rcu(&ts->rcu, aisched_state_free_rcu);
}

/**
 * aisched_state_lookup() - find a task's state
 * @p: the task
 *
 * Context: any context.
 * Return: the state with a reference the caller puts, or NULL.
 */
struct aisched_task *aisched_state_lookup(struct task_struct *p)
{
	struct aisched_task *ts;

	if (!atomic_read(&aisched_nr_states))
		return NULL;
	rcu_read_lock();
	ts = rhashtable_lookup(&aisched_states, &p, aisched_state_params);
	if (ts && !refcount_inc_not_zero(&ts->ref))
		ts = NULL;
	rcu_read_unlock();
	return ts;
}

/**
 * aisched_task_covered() - whether aisched tracks a task
 * @p: the task
 *
 * Context: any context; the answer may be stale by the time it is used.
 */
bool aisched_task_covered(struct task_struct *p)
{
	bool found;

	if (!atomic_read(&aisched_nr_states))
		return false;
	rcu_read_lock();
	found = rhashtable_lookup(&aisched_states, &p, aisched_state_params);
	rcu_read_unlock();
	return found;
}

/* Reads what the task has now. Takes p's alloc_lock; atomic-safe. */
static void aisched_vals_read(struct task_struct *p, struct aisched_vals *v)
{
	v->policy = READ_ONCE(p->policy);
	v->nice = task_nice(p);
	v->rt_prio = READ_ONCE(p->rt_priority);
	v->reset_on_fork = p->sched_reset_on_fork;
	v->slice = aisched_task_slice(p);
	task_lock(p);
	v->ioprio = p->io_context ? p->io_context->ioprio : IOPRIO_DEFAULT;
	task_unlock(p);
}

static void aisched_cpus_read(struct task_struct *p, struct cpumask *mask)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&p->pi_lock, flags);
	cpumask_copy(mask, &p->cpus_mask);
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
}

static struct aisched_task *aisched_state_alloc(struct task_struct *p)
{
	struct aisched_task *ts;

	ts = kzalloc(sizeof(*ts), GFP_KERNEL);
	if (!ts)
		return NULL;
	if (!zalloc_cpumask_var(&ts->saved_cpus, GFP_KERNEL) ||
	    !zalloc_cpumask_var(&ts->applied_cpus, GFP_KERNEL)) {
		free_cpumask_var(ts->saved_cpus);
		kfree(ts);
		return NULL;
	}
	get_task_struct(p);
	ts->task = p;
	refcount_set(&ts->ref, 1);
	ts->home = NUMA_NO_NODE;
	ts->saved_mpol.mode = -1;
	ts->applied_mpol.mode = -1;
	INIT_LIST_HEAD(&ts->tag_node);
	INIT_LIST_HEAD(&ts->fifo_node);
	return ts;
}

static void aisched_state_discard(struct aisched_task *ts)
{
	put_task_struct(ts->task);
	free_cpumask_var(ts->saved_cpus);
	free_cpumask_var(ts->applied_cpus);
	kfree(ts);
}

/*
 * Puts @ts in the table, unless the task is exiting or has a state already.
 * Return: the state now in the table, with a reference for the caller
 * (@ts or the one that won), or NULL if the task is exiting.
 */
static struct aisched_task *aisched_state_insert(struct aisched_task *ts)
{
	struct aisched_task *old;

	spin_lock(&aisched_state_lock);
	if (ts->task->flags & PF_EXITING) {
		spin_unlock(&aisched_state_lock);
		aisched_state_discard(ts);
		return NULL;
	}
	/*
	 * The table's reference and the caller's, before the state is
	 * published: a lookup may take a reference the moment it is.
	 */
	refcount_set(&ts->ref, 2);
	old = rhashtable_lookup_get_insert_fast(&aisched_states, &ts->node,
						aisched_state_params);
	if (IS_ERR(old)) {
		spin_unlock(&aisched_state_lock);
		pr_warn_ratelimited("pid %d: cannot track the task: %ld\n",
				    task_pid_nr(ts->task), PTR_ERR(old));
		aisched_state_discard(ts);
		return NULL;
	}
	if (old) {
		refcount_inc(&old->ref);
		spin_unlock(&aisched_state_lock);
		aisched_state_discard(ts);
		return old;
	}
	atomic_inc(&aisched_nr_states);
	spin_unlock(&aisched_state_lock);
	return ts;
}

/* Takes @ts out of its tag, the FIFO list and the table. */
static void aisched_state_unlink_locked(struct aisched_task *ts)
{
	lockdep_assert_held(&aisched_state_lock);
	if (ts->flags & AISCHED_TS_DEAD)
		return;
	ts->flags |= AISCHED_TS_DEAD;
	if (ts->tag) {
		list_del_init(&ts->tag_node);
		ts->tag->nr_tasks--;
		ts->tag = NULL;
	}
	if (!list_empty(&ts->fifo_node)) {
		list_del_init(&ts->fifo_node);
		aisched_nr_fifo--;
	}
	rhashtable_remove_fast(&aisched_states, &ts->node, aisched_state_params);
	atomic_dec(&aisched_nr_states);
}

static void aisched_state_unlink(struct aisched_task *ts)
{
	bool put;

	spin_lock(&aisched_state_lock);
	put = !(ts->flags & AISCHED_TS_DEAD);
	aisched_state_unlink_locked(ts);
	spin_unlock(&aisched_state_lock);
	if (put)
		aisched_state_put(ts);	/* the table's reference */
}

/* ------------------------------------------------------------------ */
/* Setting a task's values                                            */

static bool aisched_policy_is_fair(int policy)
{
	return policy == SCHED_NORMAL || policy == SCHED_BATCH;
}

/*
 * Sets a complete policy. @slice (ns, 0 for the default) is the EEVDF slice
 * of a normal or batch task: on a kernel with custom slices, sched_setattr()
 * sets it, and its sched_runtime 0 drops a custom slice, so every caller
 * passes the slice the task is to have, its own (saved) one included.
 */
static int aisched_set_sched(struct task_struct *p, int policy, int nice,
			     int rt_prio, u64 slice, bool reset_on_fork)
{
	struct sched_attr attr = {
		.size = sizeof(attr),
		.sched_policy = policy,
		.sched_nice = nice,
		.sched_priority = rt_prio,
		.sched_flags = reset_on_fork ? SCHED_FLAG_RESET_ON_FORK : 0,
	};
	int ret;

	if (policy != SCHED_FIFO && policy != SCHED_RR)
		attr.sched_priority = 0;
	if (aisched_policy_is_fair(policy) && aisched_have_custom_slice())
		attr.sched_runtime = slice;
	ret = sched_setattr_nocheck(p, &attr);
	/*
	 * sched_setattr() sets the nice value of normal and batch tasks only;
	 * the others keep theirs, and a restore must give that back too.
	 */
	if (!ret && !aisched_policy_is_fair(policy))
		set_user_nice(p, nice);
	return ret;
}

static bool aisched_policy_is_rt(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* Does the task's policy differ from what aisched applied? */
static bool aisched_sched_differs(const struct aisched_vals *now,
				  const struct aisched_vals *applied)
{
	if (now->policy != applied->policy)
		return true;
	if (aisched_policy_is_rt(now->policy))
		return now->rt_prio != applied->rt_prio;
	if (aisched_policy_is_fair(now->policy))
		return now->nice != applied->nice ||
		       now->slice != applied->slice;
	return false;
}

/*
 * The slice (ns) a task gets under a bundle slice of @slice_us: that, or
 * with none the task's own from before aisched (0: the default).
 */
static u64 aisched_slice_ns(const struct aisched_task *ts, u32 slice_us)
{
	return slice_us ? (u64)slice_us * NSEC_PER_USEC : ts->saved.slice;
}

/*
 * Compares what the task has now with what aisched applied, and records
 * fields the task (or anyone but aisched) changed, except those in
 * @ignore. Caller holds aisched_state_lock. Return: the fields newly found
 * overridden.
 */
static unsigned int aisched_override_scan_locked(struct aisched_task *ts,
						 unsigned int ignore)
{
	struct task_struct *p = ts->task;
	struct aisched_vals now;
	unsigned int what = 0;

	lockdep_assert_held(&aisched_state_lock);
	if (!ts->tag || (ts->flags & (AISCHED_TS_BUSY | AISCHED_TS_DEMOTING)))
		return 0;
	aisched_vals_read(p, &now);
	if ((ts->flags & AISCHED_TS_SCHED) &&
	    !(ts->overrides & AISCHED_OVERRIDE_SCHED) &&
	    aisched_sched_differs(&now, &ts->applied))
		what |= AISCHED_OVERRIDE_SCHED;
	if ((ts->flags & AISCHED_TS_CPUS) &&
	    !(ts->overrides & AISCHED_OVERRIDE_AFFINITY) &&
	    !cpumask_equal(&p->cpus_mask, ts->applied_cpus))
		what |= AISCHED_OVERRIDE_AFFINITY;
	if ((ts->flags & AISCHED_TS_IOPRIO) &&
	    !(ts->overrides & AISCHED_OVERRIDE_IOPRIO) &&
	    now.ioprio != ts->applied.ioprio)
		what |= AISCHED_OVERRIDE_IOPRIO;
	what &= ~ignore;
	if (!what)
		return 0;
	if (!ts->overrides)
		atomic64_inc(&ts->tag->overrides);
	ts->overrides |= what;
	if ((what & AISCHED_OVERRIDE_SCHED) && !list_empty(&ts->fifo_node)) {
		/* Its own policy now; the guard no longer watches it. */
		list_del_init(&ts->fifo_node);
		aisched_nr_fifo--;
	}
	return what;
}

static void aisched_task_check_override_but(struct aisched_task *ts,
					    bool atomic, unsigned int ignore)
{
	struct aisched_event ev = { .type = AISCHED_EVENT_TYPE_OVERRIDE };
	unsigned int what;

	spin_lock(&aisched_state_lock);
	what = aisched_override_scan_locked(ts, ignore);
	if (what)
		aisched_event_fill_task(&ev, ts->tag, ts->task);
	spin_unlock(&aisched_state_lock);
	if (what) {
		ev.override = what;
		aisched_event_send(&ev, atomic ? GFP_ATOMIC : GFP_KERNEL);
	}
}

/**
 * aisched_task_check_override() - notice a task's own changes
 * @ts: the task's state
 * @atomic: the caller is in atomic context (the event is sent GFP_ATOMIC)
 *
 * A field the task changed is counted once, reported by an event, and left
 * alone from then on.
 *
 * Context: any context; takes aisched_state_lock.
 */
void aisched_task_check_override(struct aisched_task *ts, bool atomic)
{
	aisched_task_check_override_but(ts, atomic, 0);
}

/* Starts the runaway clock of a task that just became SCHED_FIFO. */
static void aisched_fifo_watch_locked(struct aisched_task *ts)
{
	struct task_struct *p = ts->task;

	ts->rt_nvcsw = READ_ONCE(p->nvcsw);
	ts->rt_runtime = READ_ONCE(p->se.sum_exec_runtime);
	if (list_empty(&ts->fifo_node)) {
		list_add_tail(&ts->fifo_node, &aisched_fifo_list);
		aisched_nr_fifo++;
	}
}

/* Marks a state that aisched_mutex's holder is about to change. */
static void aisched_state_set_busy(struct aisched_task *ts)
{
	lockdep_assert_held(&aisched_mutex);
	spin_lock(&aisched_state_lock);
	ts->flags |= AISCHED_TS_BUSY;
	spin_unlock(&aisched_state_lock);
}

/*
 * The target node a process's other threads run on under placement local,
 * or NUMA_NO_NODE. Caller holds aisched_mutex, under which nodes are set.
 */
static int aisched_leader_node(struct task_struct *p)
{
	struct aisched_task *lts;
	int node = NUMA_NO_NODE;

	if (thread_group_leader(p))
		return NUMA_NO_NODE;
	rcu_read_lock();
	lts = aisched_state_lookup(READ_ONCE(p->group_leader));
	rcu_read_unlock();
	if (lts) {
		node = lts->home;
		aisched_state_put(lts);
	}
	return node;
}

/*
 * Under placement local or prefer with several target nodes, each process
 * has one of them as its home: the one it has (inherited from its parent
 * at fork, or from an earlier tag), else its process's, else target node
 * number (tgid mod the number of target nodes). Under local, if that
 * node's CPUs miss the cpuset, the next target node in order whose CPUs
 * meet it (aisched_local_cpus()).
 */
static int aisched_home_pick(struct aisched_tag *tag, struct aisched_task *ts)
{
	const nodemask_t *target = &tag->place->target;
	int nr = nodes_weight(*target), want = ts->home, i;

	if (want == NUMA_NO_NODE || !node_isset(want, *target))
		want = aisched_leader_node(ts->task);
	if (want == NUMA_NO_NODE || !node_isset(want, *target)) {
		i = task_tgid_nr(ts->task) % nr;
		for (want = first_node(*target); i--; )
			want = next_node(want, *target);
	}
	return want;
}

static bool aisched_local_cpus(struct aisched_tag *tag, struct aisched_task *ts,
			       const struct cpumask *cpuset, struct cpumask *out,
			       int *node)
{
	const nodemask_t *target = &tag->place->target;
	int nr = nodes_weight(*target), want = aisched_home_pick(tag, ts), i;

	for (i = 0; i < nr; i++, want = next_node_in(want, *target)) {
		if (cpumask_and(out, cpumask_of_node(want), cpuset)) {
			*node = want;
			return true;
		}
	}
	return false;
}

/*
 * The affinity a task in @cgrp gets under @tag: the tag's CPUs within the
 * cgroup's effective cpuset, under placement local with several target
 * nodes only one node's (@node, else NUMA_NO_NODE). Return: false if they
 * do not intersect (@cpuset then holds the cpuset, for the conflict report).
 */
static bool aisched_target_cpus(struct aisched_tag *tag, struct cgroup *cgrp,
				struct aisched_task *ts, struct cpumask *out,
				struct cpumask *cpuset, int *node)
{
	*node = NUMA_NO_NODE;
	if (aisched_cpuset_read(tag, cgrp, cpuset))
		/* Unreadable: the task's own mask is within its cpuset. */
		cpumask_copy(cpuset, ts->saved_cpus);
	if (tag->place && tag->place->placement == AISCHED_PLACEMENT_LOCAL &&
	    nodes_weight(tag->place->target) > 1)
		return aisched_local_cpus(tag, ts, cpuset, out, node);
	return cpumask_and(out, tag->cpus, cpuset);
}

/*
 * Drops the hint aisched gave a task under placement prefer (@home), unless
 * someone else in the kernel has given it another one since.
 */
static void aisched_task_clear_hint(struct task_struct *p, int home)
{
	if (aisched_kapi.get_numa_hint(p) == home)
		aisched_kapi.set_numa_hint(p, NUMA_NO_NODE);
}

/*
 * The memory side of a placement, through the kernel hooks (kapi.h): the
 * task's memory policy (its home node under local or prefer, all target
 * nodes under spread; preferred or bound as the tag's mem says), the hint
 * of placement prefer, and a migration of its process's pages when
 * @migrate. A memory policy the task set itself after aisched's stays.
 * Return: the AISCHED_TS_MEMPOL, _HINT and _MPOL_OWN flags; @applied
 * receives the policy read back.
 */
static unsigned int aisched_task_apply_mem(struct aisched_task *ts,
					   struct aisched_tag *tag, int node,
					   bool migrate,
					   struct aisched_mpol *applied)
{
	const struct aisched_place *place = tag->place;
	struct task_struct *p = ts->task;
	struct aisched_mpol want, now;
	unsigned int flags = 0;
	bool placed;

	placed = place && place->placement != AISCHED_PLACEMENT_NONE;
	if (placed)
		aisched_mem_want(place->placement, place->mem, node,
				 &place->target, &want);

	if (placed && place->placement == AISCHED_PLACEMENT_PREFER &&
	    aisched_have_numa_hint() && !aisched_kapi.set_numa_hint(p, node))
		flags |= AISCHED_TS_HINT;
	else if (ts->flags & AISCHED_TS_HINT)
		aisched_task_clear_hint(p, ts->home);

	if (aisched_have_mempolicy()) {
		aisched_mpol_read(p, &now);
		if ((ts->flags & AISCHED_TS_MPOL_OWN) ||
		    ((ts->flags & AISCHED_TS_MEMPOL) &&
		     !aisched_mpol_equal(&now, &ts->applied_mpol))) {
			flags |= AISCHED_TS_MPOL_OWN;
		} else if (placed && aisched_mpol_equal(&now, &want)) {
			/* Most often a new child, which inherited it. */
			flags |= AISCHED_TS_MEMPOL;
			*applied = now;
		} else if (placed && !aisched_mpol_set(p, &want)) {
			flags |= AISCHED_TS_MEMPOL;
			aisched_mpol_read(p, applied);
		} else if (ts->flags & AISCHED_TS_MEMPOL) {
			/* No placement now, or its policy cannot be set. */
			aisched_mpol_set(p, &ts->saved_mpol);
		}
	}
	if (placed && migrate && thread_group_leader(p))
		aisched_mem_migrate(p, &want.nodes);
	return flags;
}

/**
 * aisched_task_apply() - give a covered task its tag's bundle
 * @ts: the task's state, in the table
 * @tag: the tag that covers the task now
 * @cgrp: the task's cgroup (for its cpuset)
 * @again: apply even if the task has this generation of @tag already
 * @migrate: move the pages its process has to the placement's nodes
 *	(the migrate hook); not for a new child, whose pages are its
 *	parent's
 *
 * Saves the task's values on first cover, and leaves every field the task
 * overrode alone. Applying the same generation of the same tag twice does
 * nothing, unless @again (after a move, for the new cgroup's cpuset); a
 * demoted task then stays demoted.
 *
 * Context: process context; caller holds aisched_mutex.
 */
static void aisched_task_apply(struct aisched_task *ts, struct aisched_tag *tag,
			       struct cgroup *cgrp, bool again, bool migrate)
{
	struct aisched_mpol mpol = { .mode = -1 };
	struct aisched_event ev = { .type = AISCHED_EVENT_TYPE_CONFLICT };
	const struct aisched_bundle *b = &tag->bundle;
	struct task_struct *p = ts->task;
	cpumask_var_t want, cpuset;
	unsigned int flags = 0;
	bool conflict = false, same, demoted;
	int policy, ret, node = NUMA_NO_NODE;

	lockdep_assert_held(&aisched_mutex);
	same = ts->tag == tag && ts->gen == tag->gen;
	if (same && !again)
		return;
	/* A demoted task stays demoted until its tag or bundle changes. */
	demoted = same && (ts->flags & AISCHED_TS_DEMOTED);

	if (!alloc_cpumask_var(&want, GFP_KERNEL))
		return;
	if (!alloc_cpumask_var(&cpuset, GFP_KERNEL)) {
		free_cpumask_var(want);
		return;
	}
	aisched_state_set_busy(ts);

	/* A change of tag or bundle undoes a demotion; overrides stay. */
	policy = aisched_policy_to_sched(demoted ? b->fallback_policy :
					 b->policy);
	if (!(ts->overrides & AISCHED_OVERRIDE_SCHED) &&
	    ts->saved.policy != SCHED_DEADLINE) {
		ret = aisched_set_sched(p, policy,
					demoted ? b->fallback_nice : b->nice,
					demoted ? 0 : b->rt_prio,
					aisched_slice_ns(ts, demoted ?
							 b->fallback_slice_us :
							 b->slice_us),
					ts->saved.reset_on_fork);
		if (!ret)
			flags |= AISCHED_TS_SCHED;
		else
			pr_debug("pid %d: cannot set policy: %d\n",
				 task_pid_nr(p), ret);
	}
	if (tag->has_cpus && !(ts->overrides & AISCHED_OVERRIDE_AFFINITY)) {
		if (aisched_target_cpus(tag, cgrp, ts, want, cpuset, &node)) {
			if (!set_cpus_allowed_ptr(p, want))
				flags |= AISCHED_TS_CPUS;
		} else {
			conflict = true;
		}
	}
	/* An affinity the previous tag or bundle set, and this one does not. */
	if (!(flags & AISCHED_TS_CPUS) && (ts->flags & AISCHED_TS_CPUS) &&
	    !(ts->overrides & AISCHED_OVERRIDE_AFFINITY))
		set_cpus_allowed_ptr(p, ts->saved_cpus);
	if (!(ts->overrides & AISCHED_OVERRIDE_IOPRIO) &&
	    !set_task_ioprio(p, aisched_bundle_ioprio(b)))
		flags |= AISCHED_TS_IOPRIO;
	if (tag->place && tag->place->placement == AISCHED_PLACEMENT_PREFER)
		node = aisched_home_pick(tag, ts);
	flags |= aisched_task_apply_mem(ts, tag, node, migrate, &mpol);

	/* What aisched set is what the task has now. */
	spin_lock(&aisched_state_lock);
	if (!(ts->flags & AISCHED_TS_DEAD)) {
		if (ts->tag != tag) {
			if (ts->tag) {
				list_del(&ts->tag_node);
				ts->tag->nr_tasks--;
			}
			list_add_tail(&ts->tag_node, &tag->tasks);
			tag->nr_tasks++;
			ts->tag = tag;
		}
		ts->gen = tag->gen;
		ts->home = node;
		ts->flags = (ts->flags & ~(AISCHED_TS_SCHED | AISCHED_TS_CPUS |
					   AISCHED_TS_IOPRIO | AISCHED_TS_DEMOTED |
					   AISCHED_TS_CONFLICT | AISCHED_TS_BUSY |
					   AISCHED_TS_MEMPOL | AISCHED_TS_HINT)) |
			    flags;
		if (flags & AISCHED_TS_MEMPOL)
			ts->applied_mpol = mpol;
		aisched_vals_read(p, &ts->applied);
		aisched_cpus_read(p, ts->applied_cpus);
		if (conflict) {
			ts->flags |= AISCHED_TS_CONFLICT;
			atomic64_inc(&tag->conflicts);
			aisched_event_fill_task(&ev, tag, p);
		}
		if (demoted)
			ts->flags |= AISCHED_TS_DEMOTED;
		if ((flags & AISCHED_TS_SCHED) && policy == SCHED_FIFO) {
			aisched_fifo_watch_locked(ts);
		} else if (!list_empty(&ts->fifo_node)) {
			list_del_init(&ts->fifo_node);
			aisched_nr_fifo--;
		}
	}
	spin_unlock(&aisched_state_lock);

	atomic64_inc(&tag->applied);
	trace_aisched_apply(p, tag->cgid, b->class, ts->applied.policy,
			    ts->applied.nice, ts->applied.rt_prio,
			    ts->applied.ioprio);
	if (policy == SCHED_FIFO)
		wake_up(&aisched_guard_wq);
	if (conflict) {
		ev.cpus = tag->cpus;
		ev.cpuset = cpuset;
		aisched_event_send(&ev, GFP_KERNEL);
	}
	free_cpumask_var(cpuset);
	free_cpumask_var(want);
}

/*
 * sched_setattr() sets the slice of normal and batch tasks only. A task
 * that goes back to another policy gets its own slice back first, under
 * the fair policy and nice value it has from aisched. Process context.
 */
static void aisched_restore_slice(struct task_struct *p,
				  const struct aisched_vals *saved)
{
	int policy = READ_ONCE(p->policy);

	if (aisched_policy_is_fair(saved->policy) ||
	    !aisched_policy_is_fair(policy) ||
	    aisched_task_slice(p) == saved->slice)
		return;
	aisched_set_sched(p, policy, task_nice(p), 0, saved->slice,
			  p->sched_reset_on_fork);
}

/**
 * aisched_task_restore_vals() - give a task back saved values
 * @p: the task
 * @flags: AISCHED_TS_* of the fields aisched had applied
 * @overrides: AISCHED_OVERRIDE_* of the fields the task changed itself
 * @saved: what to give back
 * @saved_cpus: the affinity to give back (within the task's cpuset)
 *
 * Context: process context.
 */
static void aisched_task_restore_vals(struct task_struct *p, unsigned int flags,
				      unsigned int overrides,
				      const struct aisched_vals *saved,
				      const struct cpumask *saved_cpus)
{
	if ((flags & AISCHED_TS_SCHED) && !(overrides & AISCHED_OVERRIDE_SCHED)) {
		aisched_restore_slice(p, saved);
		aisched_set_sched(p, saved->policy, saved->nice, saved->rt_prio,
				  saved->slice, saved->reset_on_fork);
	}
	/*
	 * If the cpuset shrank meanwhile, set_cpus_allowed_ptr() would widen
	 * the task beyond it; the kernel refuses a mask with no active CPU.
	 * The cpuset code gives such tasks the cpuset on its next change.
	 */
	if ((flags & AISCHED_TS_CPUS) && !(overrides & AISCHED_OVERRIDE_AFFINITY))
		set_cpus_allowed_ptr(p, saved_cpus);
	if ((flags & AISCHED_TS_IOPRIO) && !(overrides & AISCHED_OVERRIDE_IOPRIO))
		set_task_ioprio(p, saved->ioprio);
}

/*
 * Gives back a task's memory policy, unless it changed the one aisched set
 * (@applied), and drops the hint of placement prefer (on @home). The pages
 * stay where they are. Context: process context.
 */
static void aisched_task_restore_mem(struct task_struct *p, unsigned int flags,
				     int home, const struct aisched_mpol *saved,
				     const struct aisched_mpol *applied)
{
	struct aisched_mpol now;

	if (flags & AISCHED_TS_HINT)
		aisched_task_clear_hint(p, home);
	if (!(flags & AISCHED_TS_MEMPOL) || (flags & AISCHED_TS_MPOL_OWN))
		return;
	aisched_mpol_read(p, &now);
	if (aisched_mpol_equal(&now, applied))
		aisched_mpol_set(p, saved);
}

/**
 * aisched_task_uncover() - give a task back what it had and forget it
 * @ts: the task's state (the caller's reference is not consumed)
 * @moved: the task has just left the tag's subtree; if the cpuset
 *	controller gave it the new cgroup's CPUs, they stay
 *
 * Fields the task overrode stay as the task set them.
 *
 * Context: process context; caller holds aisched_mutex.
 */
void aisched_task_uncover(struct aisched_task *ts, bool moved)
{
	struct task_struct *p = ts->task;
	unsigned int flags = ts->flags;

	lockdep_assert_held(&aisched_mutex);
	if (moved) {
		aisched_task_check_override_but(ts, false,
						AISCHED_OVERRIDE_AFFINITY);
		if (!cpumask_equal(&p->cpus_mask, ts->applied_cpus))
			flags &= ~AISCHED_TS_CPUS;
	} else {
		aisched_task_check_override(ts, false);
	}
	/* Unlinked below, so never cleared: its values are not aisched's. */
	aisched_state_set_busy(ts);
	aisched_task_restore_vals(p, flags, ts->overrides, &ts->saved,
				  ts->saved_cpus);
	aisched_task_restore_mem(p, flags, ts->home, &ts->saved_mpol,
				 &ts->applied_mpol);
	trace_aisched_restore(p, ts->tag ? ts->tag->cgid : 0, ts->saved.policy,
			      ts->saved.nice, ts->saved.rt_prio,
			      ts->saved.ioprio, ts->overrides);
	aisched_state_unlink(ts);
}

/**
 * aisched_task_cover() - make a task follow a tag
 * @p: the task
 * @tag: the tag that covers its cgroup now
 * @parent: for a new task, its parent's state as it was at fork (else
 *	NULL): the child's saved values are its parent's, and fields its
 *	parent overrode stay as inherited
 * @moved: the task has just changed cgroups. The cpuset controller then
 *	sets its affinity to the new cpuset's, which is no override; the tag's
 *	CPUs are applied again within the new cpuset.
 *
 * Context: process context; caller holds aisched_mutex.
 */
void aisched_task_cover(struct task_struct *p, struct aisched_tag *tag,
			const struct aisched_snap *parent, bool moved)
{
	struct aisched_task *ts, *new;
	struct cgroup *cgrp;

	lockdep_assert_held(&aisched_mutex);
	ts = aisched_state_lookup(p);
	if (ts) {
		aisched_task_check_override_but(ts, false, moved ?
						AISCHED_OVERRIDE_AFFINITY : 0);
	} else {
		new = aisched_state_alloc(p);
		if (!new)
			return;
		if (parent && parent->valid) {
			new->saved = parent->saved;
			cpumask_copy(new->saved_cpus, parent->saved_cpus);
			new->overrides = parent->overrides;
			new->home = parent->home;
			new->saved_mpol = parent->saved_mpol;
			/* The policy its parent chose itself, it inherited. */
			new->flags |= parent->flags & AISCHED_TS_MPOL_OWN;
		} else {
			aisched_vals_read(p, &new->saved);
			aisched_cpus_read(p, new->saved_cpus);
			aisched_mpol_read(p, &new->saved_mpol);
		}
		ts = aisched_state_insert(new);
		if (!ts)
			return;
	}

	rcu_read_lock();
	cgrp = task_dfl_cgroup(p);
	cgroup_get(cgrp);
	rcu_read_unlock();
	aisched_task_apply(ts, tag, cgrp, moved, !parent);
	cgroup_put(cgrp);
	/* Out of memory before it applied anything: do not keep a state. */
	if (!READ_ONCE(ts->tag))
		aisched_state_unlink(ts);
	aisched_state_put(ts);
}

/**
 * aisched_tag_check_overrides() - notice the own changes of a tag's tasks
 * @tag: the tag
 *
 * Context: process context; caller holds aisched_mutex.
 */
void aisched_tag_check_overrides(struct aisched_tag *tag)
{
	struct aisched_task *ts;
	unsigned int what;

	spin_lock(&aisched_state_lock);
	list_for_each_entry(ts, &tag->tasks, tag_node) {
		struct aisched_event ev = {
			.type = AISCHED_EVENT_TYPE_OVERRIDE,
		};

		what = aisched_override_scan_locked(ts, 0);
		if (!what)
			continue;
		aisched_event_fill_task(&ev, tag, ts->task);
		ev.override = what;
		aisched_event_send(&ev, GFP_ATOMIC);
	}
	spin_unlock(&aisched_state_lock);
}

/**
 * aisched_task_snapshot() - what a new child needs of its parent's state
 * @p: the parent
 * @snap: filled in; @snap->valid is false if the parent is not covered
 *
 * Context: any context (the fork probe); takes aisched_state_lock.
 */
void aisched_task_snapshot(struct task_struct *p, struct aisched_snap *snap)
{
	struct aisched_event ev = { .type = AISCHED_EVENT_TYPE_OVERRIDE };
	struct aisched_task *ts;

	snap->valid = false;
	ts = aisched_state_lookup(p);
	if (!ts)
		return;
	spin_lock(&aisched_state_lock);
	if (ts->tag) {
		/* The parent's own changes count before the child copies. */
		ev.override = aisched_override_scan_locked(ts, 0);
		if (ev.override)
			aisched_event_fill_task(&ev, ts->tag, p);
		snap->valid = true;
		snap->home = ts->home;
		snap->flags = ts->flags;
		snap->overrides = ts->overrides;
		snap->saved = ts->saved;
		snap->applied = ts->applied;
		snap->saved_mpol = ts->saved_mpol;
		snap->applied_mpol = ts->applied_mpol;
		cpumask_copy(snap->saved_cpus, ts->saved_cpus);
		cpumask_copy(snap->applied_cpus, ts->applied_cpus);
	}
	spin_unlock(&aisched_state_lock);
	if (ev.override)
		aisched_event_send(&ev, GFP_ATOMIC);
	aisched_state_put(ts);
}

/**
 * aisched_task_restore_snapshot() - undo what a new task inherited
 * @p: the new task (current)
 * @snap: its parent's state at fork
 *
 * A child forked while its parent was covered, whose cgroup is no longer
 * (or never was) tagged, inherited the bundle. It gets what its parent had
 * before aisched instead, for each field it still has as inherited.
 *
 * Context: process context; caller holds aisched_mutex.
 */
void aisched_task_restore_snapshot(struct task_struct *p,
				   const struct aisched_snap *snap)
{
	struct aisched_vals now;
	unsigned int flags = snap->flags;
	cpumask_var_t cpus;

	lockdep_assert_held(&aisched_mutex);
	if (!snap->valid)
		return;
	aisched_vals_read(p, &now);
	if (aisched_sched_differs(&now, &snap->applied))
		flags &= ~AISCHED_TS_SCHED;
	if (now.ioprio != snap->applied.ioprio)
		flags &= ~AISCHED_TS_IOPRIO;
	if (alloc_cpumask_var(&cpus, GFP_KERNEL)) {
		aisched_cpus_read(p, cpus);
		if (!cpumask_equal(cpus, snap->applied_cpus))
			flags &= ~AISCHED_TS_CPUS;
		free_cpumask_var(cpus);
	} else {
		flags &= ~AISCHED_TS_CPUS;
	}
	aisched_task_restore_vals(p, flags, snap->overrides, &snap->saved,
				  snap->saved_cpus);
	/* A child inherits the policy, never the hint. */
	aisched_task_restore_mem(p, flags & ~AISCHED_TS_HINT, NUMA_NO_NODE,
				 &snap->saved_mpol, &snap->applied_mpol);
}

/**
 * aisched_task_exited() - forget an exiting task
 * @p: the task
 *
 * Counts a last override (a task that changed its policy and exited
 * before anything else looked) and drops the state.
 *
 * Context: the sched_process_exit probe; atomic.
 */
void aisched_task_exited(struct task_struct *p)
{
	struct aisched_task *ts;

	ts = aisched_state_lookup(p);
	if (!ts)
		return;
	aisched_task_check_override(ts, true);
	aisched_state_unlink(ts);
	aisched_state_put(ts);
}

/* ------------------------------------------------------------------ */
/* The runaway guard                                                   */

struct aisched_runaway {
	struct aisched_task *ts;
	u64 ran_ns;
};

#define AISCHED_GUARD_BATCH	16

/* The shortest budget of a watched task, in ms (aisched_state_lock). */
static unsigned int aisched_guard_period_ms_locked(void)
{
	unsigned int min = AISCHED_RT_BUDGET_MS_DEFAULT;
	struct aisched_task *ts;

	list_for_each_entry(ts, &aisched_fifo_list, fifo_node)
		if (ts->tag && ts->tag->bundle.rt_budget_ms < min)
			min = ts->tag->bundle.rt_budget_ms;
	return min;
}

/*
 * Finds tasks that ran their budget without a voluntary switch. A task
 * that slept since the last look restarts its clock. Return: how many it
 * put in @out, each with a reference.
 */
static unsigned int aisched_guard_scan(struct aisched_runaway *out,
				       unsigned int *period_ms)
{
	struct aisched_task *ts;
	unsigned int n = 0;

	spin_lock(&aisched_state_lock);
	list_for_each_entry(ts, &aisched_fifo_list, fifo_node) {
		struct task_struct *p = ts->task;
		unsigned long nvcsw = READ_ONCE(p->nvcsw);
		u64 runtime = READ_ONCE(p->se.sum_exec_runtime);
		u64 budget = (u64)ts->tag->bundle.rt_budget_ms * NSEC_PER_MSEC;

		if (nvcsw != ts->rt_nvcsw) {
			ts->rt_nvcsw = nvcsw;
			ts->rt_runtime = runtime;
		} else if (runtime - ts->rt_runtime >= budget &&
			   n < AISCHED_GUARD_BATCH) {
			refcount_inc(&ts->ref);
			out[n].ts = ts;
			out[n].ran_ns = runtime - ts->rt_runtime;
			n++;
		}
	}
	*period_ms = aisched_guard_period_ms_locked();
	spin_unlock(&aisched_state_lock);
	return n;
}

/*
 * Demotes a runaway to its tag's fallback policy. The guard does not take
 * aisched_mutex: a normal-priority holder could be starved by the very
 * runaway the guard is there to stop. Racing with an apply or a restore is
 * harmless; each sets a complete policy, and the guard looks again.
 */
static void aisched_guard_demote(struct aisched_runaway *r)
{
	struct aisched_event ev = { .type = AISCHED_EVENT_TYPE_DEMOTION };
	struct aisched_task *ts = r->ts;
	struct task_struct *p = ts->task;
	struct aisched_bundle b;
	bool demote = false;
	int policy;

	spin_lock(&aisched_state_lock);
	if (ts->tag && !list_empty(&ts->fifo_node)) {
		b = ts->tag->bundle;
		ts->flags |= AISCHED_TS_DEMOTING;
		demote = true;
	}
	spin_unlock(&aisched_state_lock);
	if (!demote)
		return;

	policy = aisched_policy_to_sched(b.fallback_policy);
	demote = !aisched_set_sched(p, policy, b.fallback_nice, 0,
				    aisched_slice_ns(ts, b.fallback_slice_us),
				    ts->saved.reset_on_fork);

	spin_lock(&aisched_state_lock);
	ts->flags &= ~AISCHED_TS_DEMOTING;
	if (demote && ts->tag && !list_empty(&ts->fifo_node)) {
		list_del_init(&ts->fifo_node);
		aisched_nr_fifo--;
		ts->flags |= AISCHED_TS_DEMOTED;
		aisched_vals_read(p, &ts->applied);
		atomic64_inc(&ts->tag->demotions);
		aisched_event_fill_task(&ev, ts->tag, p);
		ev.runtime_ms = div_u64(r->ran_ns, NSEC_PER_MSEC);
	} else {
		demote = false;
	}
	spin_unlock(&aisched_state_lock);
	if (!demote)
		return;
	trace_aisched_demote(p, ev.cgid, ev.runtime_ms);
	aisched_event_send(&ev, GFP_KERNEL);
}

/*
 * Sleeps @ms milliseconds, or until kthread_stop(), on a hard-interrupt
 * hrtimer. Not schedule_timeout(): a timer-wheel timer expires in the
 * timer softirq, and 6.1 leaves every pending softirq but tasklets to
 * ksoftirqd while ksoftirqd is runnable (ksoftirqd_running()). ksoftirqd is
 * a SCHED_NORMAL thread, so once it was woken on a CPU where a runaway now
 * spins, that CPU's timers wait for the runaway to stop: the guard would
 * sleep until the runaways it is there to stop gave up by themselves. An
 * hrtimer sleeper in HRTIMER_MODE_REL_HARD expires in the timer interrupt
 * itself, on every kernel and with PREEMPT_RT too.
 */
static void aisched_guard_sleep(unsigned int ms)
{
	ktime_t t = ms_to_ktime(ms);

	set_current_state(TASK_INTERRUPTIBLE);
	if (kthread_should_stop()) {
		__set_current_state(TASK_RUNNING);
		return;
	}
	/* A slack of an eighth lets the timer share an interrupt. */
	schedule_hrtimeout_range(&t, (u64)ms * NSEC_PER_MSEC / 8,
				 HRTIMER_MODE_REL_HARD);
}

static int aisched_guard_fn(void *unused)
{
	struct aisched_runaway found[AISCHED_GUARD_BATCH];

	/* Above every priority a tag may ask for (AISCHED_RT_PRIO_CAP). */
	sched_set_fifo(current);
	while (!kthread_should_stop()) {
		unsigned int i, n, period_ms;

		wait_event_interruptible(aisched_guard_wq,
					 READ_ONCE(aisched_nr_fifo) ||
					 kthread_should_stop());
		n = aisched_guard_scan(found, &period_ms);
		for (i = 0; i < n; i++) {
			aisched_guard_demote(&found[i]);
			aisched_state_put(found[i].ts);
		}
		/* A quarter budget: a runaway is caught within 1.25 budgets. */
		aisched_guard_sleep(DIV_ROUND_UP(period_ms, 4));
	}
	return 0;
}

/**
 * aisched_guard_start() - start the runaway guard thread
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int aisched_guard_start(void)
{
	struct task_struct *t;

	t = kthread_run(aisched_guard_fn, NULL, "aisched_guard");
	if (IS_ERR(t))
		return PTR_ERR(t);
	aisched_guard_thread = t;
	return 0;
}

/**
 * aisched_guard_stop() - stop the runaway guard thread
 *
 * Context: process context, module exit.
 */
void aisched_guard_stop(void)
{
	kthread_stop(aisched_guard_thread);
}

/**
 * aisched_task_init() - set up the per-task state table
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int aisched_task_init(void)
{
	return rhashtable_init(&aisched_states, &aisched_state_params);
}

/**
 * aisched_task_exit() - tear down the per-task state table
 *
 * Every tag is gone by now, so the table is empty.
 *
 * Context: process context, module exit.
 */
void aisched_task_exit(void)
{
	WARN_ON(atomic_read(&aisched_nr_states));
	rhashtable_destroy(&aisched_states);
	/* States are freed by RCU callbacks of this module. */
	rcu_barrier();
}
