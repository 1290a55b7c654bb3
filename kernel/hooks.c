// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: where tasks appear and move.
 *
 * Probes on the scheduler's and cgroup's tracepoints decide, in atomic
 * context, whether a task concerns aisched; the work itself (setting a
 * policy sleeps) is deferred:
 *
 * - sched_process_fork, sched_process_exec: a task_work on the new (or
 *   exec'ing) task applies its tag's bundle in the task's own context,
 *   before it returns to user space, so its first instruction already runs
 *   under the bundle.
 * - cgroup_attach_task: a worker applies the new tag, or gives the task
 *   back what it had, within milliseconds of the move.
 * - sched_process_exit: forgets the task.
 * - cgroup_rmdir: the reaper removes the cgroup's tag.
 *
 * For a task no tag concerns, each probe costs a static branch, or the
 * lookups of its cgroup's ancestors under RCU, and nothing more.
 *
 * task_work callbacks live in this module's text, and 6.1 exports no way to
 * cancel them, so module exit waits until every queued one has run (they
 * run at the task's next return to user space, which for a new task is
 * immediate) and then for an RCU-tasks grace period, after which no task
 * can still be executing the tail of one.
 */

#include <linux/cgroup.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <linux/tracepoint.h>
#include <linux/wait.h>

#include "tags.h"

/* A new or exec'ing task's deferred work; @cpus holds @snap's masks. */
struct aisched_new_work {
	struct callback_head cb;
	struct aisched_snap snap;
	unsigned long cpus[];
};

static atomic_t aisched_tw_pending = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(aisched_tw_wq);

/* Moved tasks waiting for the move worker (aisched_move_lock). */
struct aisched_move {
	struct list_head node;
	struct task_struct *task;
};

static DEFINE_SPINLOCK(aisched_move_lock);
static LIST_HEAD(aisched_moves);
static void aisched_move_fn(struct work_struct *work);
static DECLARE_WORK(aisched_move_work, aisched_move_fn);

/* Tasks left uncovered because an atomic allocation failed. */
static atomic_long_t aisched_missed = ATOMIC_LONG_INIT(0);

static void aisched_missed_one(struct task_struct *p)
{
	atomic_long_inc(&aisched_missed);
	pr_warn_ratelimited("pid %d: out of memory; the task keeps its policy\n",
			    task_pid_nr(p));
}

/* ------------------------------------------------------------------ */
/* New tasks                                                           */

static void aisched_tw_done(void)
{
	if (atomic_dec_and_test(&aisched_tw_pending))
		wake_up(&aisched_tw_wq);
}

static void aisched_tw_new_task(struct callback_head *cb)
{
	struct aisched_new_work *w = container_of(cb, struct aisched_new_work, cb);
	struct aisched_tag *tag;

	mutex_lock(&aisched_mutex);
	if (!(current->flags & PF_EXITING)) {
		rcu_read_lock();
		tag = aisched_tag_find(task_dfl_cgroup(current));
		rcu_read_unlock();
		/* Tags change only under aisched_mutex: @tag stays valid. */
		if (tag)
			aisched_task_cover(current, tag, &w->snap, false);
		else
			aisched_task_restore_snapshot(current, &w->snap);
	}
	mutex_unlock(&aisched_mutex);
	kfree(w);
	aisched_tw_done();
}

static struct aisched_new_work *aisched_new_work_alloc(void)
{
	struct aisched_new_work *w;

	w = kmalloc(struct_size(w, cpus, 0) + 2 * cpumask_size(), GFP_ATOMIC);
	if (!w)
		return NULL;
	w->snap.valid = false;
	w->snap.saved_cpus = (struct cpumask *)w->cpus;
	w->snap.applied_cpus = (struct cpumask *)((char *)w->cpus +
						   cpumask_size());
	return w;
}

static void aisched_new_work_queue(struct task_struct *p,
				   struct aisched_new_work *w)
{
	init_task_work(&w->cb, aisched_tw_new_task);
	atomic_inc(&aisched_tw_pending);
	if (task_work_add(p, &w->cb, TWA_RESUME)) {
		/* Exiting: it will run no user instruction. */
		kfree(w);
		aisched_tw_done();
	}
}

static bool aisched_cgroup_tagged(struct task_struct *p)
{
	bool tagged;

	rcu_read_lock();
	tagged = aisched_tag_find(task_dfl_cgroup(p));
	rcu_read_unlock();
	return tagged;
}

static void aisched_probe_fork(void *data, struct task_struct *parent,
			       struct task_struct *child)
{
	struct aisched_new_work *w;
	bool tagged;

	if (child->flags & (PF_KTHREAD | PF_IO_WORKER))
		return;
	tagged = aisched_cgroup_tagged(child);
	/*
	 * An untagged child of a covered parent (CLONE_INTO_CGROUP, or a tag
	 * removed meanwhile) inherited the bundle; it gets it undone.
	 */
	if (!tagged && !aisched_task_covered(parent))
		return;

	w = aisched_new_work_alloc();
	if (!w) {
		aisched_missed_one(child);
		return;
	}
	aisched_task_snapshot(parent, &w->snap);
	if (!tagged && !w->snap.valid) {
		kfree(w);
		return;
	}
	aisched_new_work_queue(child, w);
}

static void aisched_probe_exec(void *data, struct task_struct *p,
			       pid_t old_pid, struct linux_binprm *bprm)
{
	struct aisched_new_work *w;

	if (!aisched_cgroup_tagged(p))
		return;
	w = aisched_new_work_alloc();
	if (!w) {
		aisched_missed_one(p);
		return;
	}
	aisched_new_work_queue(p, w);
}

static void aisched_probe_exit(void *data, struct task_struct *p)
{
	aisched_task_exited(p);
}

/* ------------------------------------------------------------------ */
/* Moves                                                               */

static void aisched_move_queue(struct task_struct *p)
{
	struct aisched_move *m;

	m = kmalloc(sizeof(*m), GFP_ATOMIC);
	if (!m) {
		aisched_missed_one(p);
		return;
	}
	get_task_struct(p);
	m->task = p;
	spin_lock(&aisched_move_lock);
	list_add_tail(&m->node, &aisched_moves);
	spin_unlock(&aisched_move_lock);
	queue_work(aisched_wq, &aisched_move_work);
}

static void aisched_probe_attach(void *data, struct cgroup *dst,
				 const char *path, struct task_struct *leader,
				 bool threadgroup)
{
	struct aisched_tag *tag;
	struct task_struct *t;

	rcu_read_lock();
	tag = aisched_tag_find(dst);
	if (!threadgroup) {
		if (tag || aisched_task_covered(leader))
			aisched_move_queue(leader);
	} else {
		for_each_thread(leader, t)
			if (tag || aisched_task_covered(t))
				aisched_move_queue(t);
	}
	rcu_read_unlock();
}

static void aisched_move_fn(struct work_struct *work)
{
	struct aisched_move *m, *tmp;
	struct aisched_task *ts;
	struct aisched_tag *tag;
	LIST_HEAD(moves);

	spin_lock(&aisched_move_lock);
	list_splice_init(&aisched_moves, &moves);
	spin_unlock(&aisched_move_lock);

	list_for_each_entry_safe(m, tmp, &moves, node) {
		mutex_lock(&aisched_mutex);
		if (!(m->task->flags & PF_EXITING)) {
			rcu_read_lock();
			tag = aisched_tag_find(task_dfl_cgroup(m->task));
			rcu_read_unlock();
			if (tag) {
				aisched_task_cover(m->task, tag, NULL, true);
			} else {
				ts = aisched_state_lookup(m->task);
				if (ts) {
					aisched_task_uncover(ts, true);
					aisched_state_put(ts);
				}
			}
		}
		mutex_unlock(&aisched_mutex);
		put_task_struct(m->task);
		kfree(m);
		cond_resched();
	}
}

static void aisched_probe_rmdir(void *data, struct cgroup *cgrp,
				const char *path)
{
	aisched_tag_reap(cgrp);
}

/* ------------------------------------------------------------------ */
/* Registration                                                        */

static struct aisched_hook {
	const char *name;
	void *probe;
	struct tracepoint *tp;
	bool registered;
} aisched_hooks[] = {
	/* Forget exiting tasks before anything can remember them. */
	{ .name = "sched_process_exit", .probe = aisched_probe_exit },
	{ .name = "cgroup_rmdir", .probe = aisched_probe_rmdir },
	{ .name = "cgroup_attach_task", .probe = aisched_probe_attach },
	{ .name = "sched_process_exec", .probe = aisched_probe_exec },
	{ .name = "sched_process_fork", .probe = aisched_probe_fork },
};

static void aisched_hook_lookup(struct tracepoint *tp, void *priv)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(aisched_hooks); i++)
		if (!strcmp(tp->name, aisched_hooks[i].name))
			aisched_hooks[i].tp = tp;
}

static void aisched_hooks_unregister(void)
{
	int i;

	for (i = ARRAY_SIZE(aisched_hooks) - 1; i >= 0; i--) {
		if (!aisched_hooks[i].registered)
			continue;
		tracepoint_probe_unregister(aisched_hooks[i].tp,
					    aisched_hooks[i].probe, NULL);
		aisched_hooks[i].registered = false;
	}
	tracepoint_synchronize_unregister();
}

/**
 * aisched_hooks_init() - attach the probes
 *
 * Context: process context, module init.
 * Return: 0, or a negative errno if a tracepoint is missing.
 */
int aisched_hooks_init(void)
{
	unsigned int i;
	int ret;

	for_each_kernel_tracepoint(aisched_hook_lookup, NULL);
	for (i = 0; i < ARRAY_SIZE(aisched_hooks); i++) {
		if (!aisched_hooks[i].tp) {
			pr_err("the kernel has no tracepoint %s\n",
			       aisched_hooks[i].name);
			ret = -ENOENT;
			goto err;
		}
		ret = tracepoint_probe_register(aisched_hooks[i].tp,
						aisched_hooks[i].probe, NULL);
		if (ret) {
			pr_err("cannot attach to tracepoint %s: %d\n",
			       aisched_hooks[i].name, ret);
			goto err;
		}
		aisched_hooks[i].registered = true;
	}
	return 0;

err:
	aisched_hooks_unregister();
	return ret;
}

/**
 * aisched_hooks_exit() - detach the probes and drain their work
 *
 * Context: process context, module exit, after every tag is gone.
 */
void aisched_hooks_exit(void)
{
	aisched_hooks_unregister();
	/* Queued task_works run at their task's next return to user space. */
	wait_event(aisched_tw_wq, !atomic_read(&aisched_tw_pending));
	/* No task is still in the tail of a callback after this. */
	synchronize_rcu_tasks();
	flush_work(&aisched_move_work);
	if (atomic_long_read(&aisched_missed))
		pr_info("%ld tasks were missed for lack of memory\n",
			atomic_long_read(&aisched_missed));
}
