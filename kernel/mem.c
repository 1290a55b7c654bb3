// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: the memory side of placement, through the kernel hooks of
 * patches/ (kapi.h).
 *
 * With the mempolicy hook a placed task's memory policy names its nodes;
 * with the migrate hook the pages a process had before it was tagged move
 * to them, from a workqueue so that a large process never holds up
 * TAG_SET or aisched_mutex. Without the hooks nothing here runs: memory
 * follows CPU placement by first touch, as placement.rst says.
 */

#include <kunit/visibility.h>
#include <linux/aisched.h>
#include <linux/mempolicy.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "kapi.h"
#include "tags.h"
#include "trace.h"

/**
 * aisched_mem_want() - the memory policy a placement gives a task
 * @placement: the tag's AISCHED_PLACEMENT_*
 * @mem: the tag's AISCHED_MEM_*
 * @home: the task's home node under local or prefer, or NUMA_NO_NODE
 *	(one target node, or local without an affinity of aisched's)
 * @target: the tag's target nodes
 * @want: filled in: mode -1 and no nodes for placement none
 *
 * The task's home node under local and prefer, else all target nodes;
 * MPOL_BIND for mem strict, else MPOL_PREFERRED, or MPOL_PREFERRED_MANY
 * for several nodes.
 */
void aisched_mem_want(u32 placement, u32 mem, int home,
		      const nodemask_t *target, struct aisched_mpol *want)
{
	nodes_clear(want->nodes);
	want->mode = -1;
	if (placement == AISCHED_PLACEMENT_NONE)
		return;
	if (home != NUMA_NO_NODE && placement != AISCHED_PLACEMENT_SPREAD)
		node_set(home, want->nodes);
	else
		want->nodes = *target;
	if (mem == AISCHED_MEM_STRICT)
		want->mode = MPOL_BIND;
	else if (nodes_weight(want->nodes) > 1)
		want->mode = MPOL_PREFERRED_MANY;
	else
		want->mode = MPOL_PREFERRED;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_mem_want);

/**
 * aisched_mpol_read() - a task's memory policy
 * @p: the task
 * @m: filled in; @m->mode is -1 if it cannot be read (no hook, or the
 *	task is exiting)
 *
 * Context: process context or atomic; takes @p's alloc_lock.
 */
void aisched_mpol_read(struct task_struct *p, struct aisched_mpol *m)
{
	nodes_clear(m->nodes);
	if (!aisched_have_mempolicy() ||
	    aisched_kapi.get_mempolicy(p, &m->mode, &m->nodes))
		m->mode = -1;
}

/**
 * aisched_mpol_equal() - whether two policies read back are the same
 * @a: one
 * @b: the other
 *
 * An unknown policy equals nothing.
 */
bool aisched_mpol_equal(const struct aisched_mpol *a,
			const struct aisched_mpol *b)
{
	return a->mode >= 0 && a->mode == b->mode &&
	       nodes_equal(a->nodes, b->nodes);
}
EXPORT_SYMBOL_IF_KUNIT(aisched_mpol_equal);

/**
 * aisched_mpol_set() - give a task a memory policy
 * @p: the task
 * @m: the policy; an unknown one (mode -1) is not set
 *
 * Context: process context.
 * Return: 0 or a negative errno.
 */
int aisched_mpol_set(struct task_struct *p, const struct aisched_mpol *m)
{
	int ret;

	if (!aisched_have_mempolicy() || m->mode < 0)
		return -EOPNOTSUPP;
	ret = aisched_kapi.set_mempolicy(p, m->mode, &m->nodes);
	if (ret)
		pr_debug("pid %d: cannot set memory policy %d to nodes %*pbl: %d\n",
			 task_pid_nr(p), m->mode, nodemask_pr_args(&m->nodes),
			 ret);
	return ret;
}

struct aisched_migrate {
	struct work_struct work;
	struct task_struct *task;
	nodemask_t to;
};

static struct workqueue_struct *aisched_migrate_wq;

static void aisched_migrate_fn(struct work_struct *work)
{
	struct aisched_migrate *m = container_of(work, struct aisched_migrate,
						 work);
	nodemask_t from;
	long left;

	nodes_andnot(from, node_states[N_MEMORY], m->to);
	left = nodes_empty(from) ? 0 :
	       aisched_kapi.migrate_pages(m->task, &from, &m->to,
					  MPOL_MF_MOVE);
	trace_aisched_migrate(m->task, &m->to, left);
	put_task_struct(m->task);
	kfree(m);
}

/**
 * aisched_mem_migrate() - move a process's pages to nodes, later
 * @p: a thread of the process (its pages are its mm's)
 * @to: the nodes
 *
 * Pages mapped by this process alone move (MPOL_MF_MOVE, as
 * migrate_pages(2) does for an unprivileged caller): shared libraries and
 * memory shared with other processes stay. Nothing happens without the
 * migrate hook, or when out of memory.
 *
 * Context: process context.
 */
void aisched_mem_migrate(struct task_struct *p, const nodemask_t *to)
{
	struct aisched_migrate *m;

	if (!aisched_have_migrate() || !aisched_migrate_wq)
		return;
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return;
	INIT_WORK(&m->work, aisched_migrate_fn);
	get_task_struct(p);
	m->task = p;
	m->to = *to;
	queue_work(aisched_migrate_wq, &m->work);
}

/**
 * aisched_mem_init() - set up migration
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int aisched_mem_init(void)
{
	if (!aisched_have_migrate())
		return 0;
	/* Unbound, and one at a time: migration is bound by memory. */
	aisched_migrate_wq = alloc_ordered_workqueue("aisched_migrate", 0);
	return aisched_migrate_wq ? 0 : -ENOMEM;
}

/**
 * aisched_mem_exit() - wait for migrations in flight
 *
 * Context: process context, module exit, after the last tag is gone.
 */
void aisched_mem_exit(void)
{
	if (aisched_migrate_wq)
		destroy_workqueue(aisched_migrate_wq);
	aisched_migrate_wq = NULL;
}
