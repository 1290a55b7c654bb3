// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: the table of tagged cgroups.
 *
 * A tag belongs to a cgroup v2 directory and covers the cgroup and its
 * descendants; the nearest tagged ancestor of a task's cgroup decides its
 * bundle. The table is a small hash by cgroup id, read under RCU by the
 * probes (so an untagged fork costs a few lookups and no lock) and changed
 * under aisched_mutex. See tags.h for the locking rules.
 */

#include <linux/cgroup.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/hashtable.h>
#include <linux/magic.h>
#include <linux/namei.h>
#include <linux/netlink.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/aisched.h>

#include "compat.h"
#include "events.h"
#include "pool.h"
#include "tags.h"

/* The rules of both locks are in tags.h. */
DEFINE_MUTEX(aisched_mutex);
DEFINE_SPINLOCK(aisched_state_lock);
DEFINE_STATIC_KEY_FALSE(aisched_tags_active);
struct workqueue_struct *aisched_wq;

/* Tags by cgroup id: RCU readers, aisched_mutex writers. */
static DEFINE_HASHTABLE(aisched_tags, 6);
static unsigned int aisched_nr_tags;
/* Set once module exit has begun; no tag is created after (aisched_mutex). */
static bool aisched_shutting_down;

static void aisched_reap_fn(struct work_struct *work);
static DECLARE_WORK(aisched_reap_work, aisched_reap_fn);

/**
 * aisched_tag_find_exact() - the tag of exactly this cgroup
 * @cgid: the cgroup's id
 *
 * Context: under rcu_read_lock() or aisched_mutex.
 * Return: the tag, or NULL.
 */
struct aisched_tag *aisched_tag_find_exact(u64 cgid)
{
	struct aisched_tag *tag;

	hash_for_each_possible_rcu(aisched_tags, tag, hnode, cgid,
				   lockdep_is_held(&aisched_mutex))
		if (tag->cgid == cgid)
			return tag;
	return NULL;
}

/**
 * aisched_tag_find() - the tag that covers a cgroup
 * @cgrp: the cgroup
 *
 * The nearest tagged ancestor (or the cgroup itself) wins. With no tag at
 * all, this is a static branch and nothing else.
 *
 * Context: under rcu_read_lock() or aisched_mutex.
 * Return: the tag, or NULL.
 */
struct aisched_tag *aisched_tag_find(struct cgroup *cgrp)
{
	struct aisched_tag *tag;

	if (!static_branch_unlikely(&aisched_tags_active))
		return NULL;
	for (; cgrp; cgrp = cgroup_parent(cgrp)) {
		tag = aisched_tag_find_exact(cgroup_id(cgrp));
		if (tag)
			return tag;
	}
	return NULL;
}

/**
 * aisched_tag_get() - take a reference to a tag
 * @tag: a tag its caller knows to be alive
 *
 * Context: any context.
 */
void aisched_tag_get(struct aisched_tag *tag)
{
	refcount_inc(&tag->ref);
}

static void aisched_tag_free_fn(struct work_struct *work)
{
	struct aisched_tag *tag = container_of(to_rcu_work(work),
					       struct aisched_tag, free_work);

	path_put(&tag->dir);
	cgroup_put(tag->cgrp);
	free_cpumask_var(tag->cpus);
	kfree(tag->place);
	kfree(tag->cgpath);
	kfree(tag);
}

/**
 * aisched_tag_put() - drop a reference to a tag
 * @tag: the tag
 *
 * The last reference frees the tag from aisched_wq after an RCU grace
 * period (dropping the directory's reference may sleep).
 *
 * Context: any context.
 */
void aisched_tag_put(struct aisched_tag *tag)
{
	if (refcount_dec_and_test(&tag->ref))
		queue_rcu_work(aisched_wq, &tag->free_work);
}

/**
 * aisched_cgroup_resolve() - the cgroup of a directory path
 * @name: the path, resolved in the caller's context
 * @dir: where the directory goes (a reference the caller puts)
 * @extack: where a refusal's message goes
 *
 * Context: process context, in the requesting task.
 * Return: the cgroup with a reference, or an ERR_PTR with a message.
 */
struct cgroup *aisched_cgroup_resolve(const char *name, struct path *dir,
				      struct netlink_ext_ack *extack)
{
	struct cgroup *cgrp;
	unsigned long magic;
	int ret;

	ret = kern_path(name, LOOKUP_FOLLOW, dir);
	if (ret) {
		if (ret == -ENOENT || ret == -ENOTDIR)
			NL_SET_ERR_MSG_FMT(extack, "%s: no such directory", name);
		else
			NL_SET_ERR_MSG_FMT(extack, "%s: cannot look it up (error %d)",
					   name, ret);
		return ERR_PTR(ret);
	}
	magic = dir->dentry->d_sb->s_magic;
	if (magic == CGROUP_SUPER_MAGIC) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s is in a cgroup v1 hierarchy; aisched needs cgroup v2",
				   name);
		ret = -EINVAL;
		goto err;
	}
	if (magic != CGROUP2_SUPER_MAGIC || !d_is_dir(dir->dentry)) {
		NL_SET_ERR_MSG_FMT(extack, "%s is not a cgroup v2 directory", name);
		ret = -EINVAL;
		goto err;
	}
	/* A cgroup's id is its directory's inode number (64-bit kernfs ids). */
	cgrp = cgroup_get_from_id(d_inode(dir->dentry)->i_ino);
	if (IS_ERR(cgrp)) {
		NL_SET_ERR_MSG_FMT(extack, "%s is not a cgroup v2 directory", name);
		ret = PTR_ERR(cgrp);
		goto err;
	}
	return cgrp;

err:
	path_put(dir);
	return ERR_PTR(ret);
}

/* ------------------------------------------------------------------ */
/* Effective cpusets                                                   */

/*
 * The effective cpuset of one scan's last cgroup. A tag's scan applies to
 * many tasks of a few cgroups; reading the file once per cgroup is enough.
 * Valid between aisched_cpuset_cache_begin() and _end() (aisched_mutex).
 */
static struct {
	bool valid;
	bool have;
	u64 cgid;
	int ret;
	cpumask_var_t mask;
} aisched_cs_cache;

static void aisched_cpuset_cache_begin(void)
{
	lockdep_assert_held(&aisched_mutex);
	aisched_cs_cache.valid = true;
	aisched_cs_cache.have = false;
}

static void aisched_cpuset_cache_end(void)
{
	aisched_cs_cache.valid = false;
}

#define AISCHED_CPUSET_FILE	"cpuset.cpus.effective"

/*
 * Reads cpuset.cpus.effective of the directory @rel under @dir ("" for @dir
 * itself), or of its nearest ancestor that has one: the file exists only
 * where the cpuset controller is enabled. Without any, every online CPU.
 * @rel is a PATH_MAX buffer that this shortens as it goes up. Consumes the
 * reference on @dir.
 */
static int aisched_cpuset_read_at(struct path *dir, char *rel,
				  struct cpumask *out)
{
	struct dentry *parent;
	struct file *f;
	loff_t pos = 0;
	char *name, *slash;
	ssize_t n;
	int ret;

	name = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!name) {
		path_put(dir);
		return -ENOMEM;
	}
	for (;;) {
		if (*rel)
			snprintf(name, PATH_MAX, "%s/" AISCHED_CPUSET_FILE, rel);
		else
			strscpy(name, AISCHED_CPUSET_FILE, PATH_MAX);
		f = file_open_root(dir, name, O_RDONLY, 0);
		if (!IS_ERR(f))
			break;
		ret = PTR_ERR(f);
		if (ret != -ENOENT)
			goto out;
		if (*rel) {
			slash = strrchr(rel, '/');
			if (slash)
				*slash = '\0';
			else
				*rel = '\0';
			continue;
		}
		if (dir->dentry == dir->mnt->mnt_root) {
			cpumask_copy(out, cpu_online_mask);
			ret = 0;
			goto out;
		}
		parent = dget_parent(dir->dentry);
		dput(dir->dentry);
		dir->dentry = parent;
	}
	/* The file's contents are small; reuse @name for them. */
	n = kernel_read(f, name, PATH_MAX - 1, &pos);
	fput(f);
	if (n < 0) {
		ret = n;
		goto out;
	}
	name[n] = '\0';
	ret = cpulist_parse(strim(name), out);
	if (!ret && cpumask_empty(out))
		ret = -ENOENT;
out:
	path_put(dir);
	kfree(name);
	return ret;
}

/**
 * aisched_cpuset_read() - a covered cgroup's effective cpuset
 * @tag: the tag that covers @cgrp
 * @cgrp: the cgroup, @tag's or a descendant
 * @out: the CPUs
 *
 * Reads the cgroup's cpuset.cpus.effective through the tag's directory,
 * as any reader of the file would (cpuset_cpus_allowed() is not exported).
 *
 * Context: process context; caller holds aisched_mutex.
 * Return: 0, or a negative errno if the file cannot be read.
 */
int aisched_cpuset_read(struct aisched_tag *tag, struct cgroup *cgrp,
			struct cpumask *out)
{
	u64 cgid = cgroup_id(cgrp);
	struct path dir;
	size_t len;
	char *buf;
	int ret;

	lockdep_assert_held(&aisched_mutex);
	if (aisched_cs_cache.valid && aisched_cs_cache.have &&
	    aisched_cs_cache.cgid == cgid) {
		cpumask_copy(out, aisched_cs_cache.mask);
		return aisched_cs_cache.ret;
	}

	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = cgroup_path(cgrp, buf, PATH_MAX);
	len = strlen(tag->cgpath);
	if (ret < 0 || ret >= PATH_MAX || strncmp(buf, tag->cgpath, len) ||
	    (buf[len] != '/' && buf[len] != '\0')) {
		/* Renamed under us; the caller falls back. */
		kfree(buf);
		return -ENOENT;
	}
	/* The part below the tag's directory, without the leading slash. */
	len += buf[len] == '/';
	memmove(buf, buf + len, strlen(buf + len) + 1);
	dir = tag->dir;
	path_get(&dir);
	ret = aisched_cpuset_read_at(&dir, buf, out);
	kfree(buf);

	if (aisched_cs_cache.valid) {
		aisched_cs_cache.have = true;
		aisched_cs_cache.cgid = cgid;
		aisched_cs_cache.ret = ret;
		cpumask_copy(aisched_cs_cache.mask, out);
	}
	return ret;
}

/* ------------------------------------------------------------------ */
/* Creating, scanning and removing tags                                */

/*
 * Applies @tag to every task whose nearest tag it is now. New tasks are the
 * fork probe's; this covers those that existed when the tag was published.
 */
static int aisched_tag_scan(struct aisched_tag *tag)
{
	struct task_struct *g, *t, **tasks;
	unsigned int i, n, cap;
	bool full;

	lockdep_assert_held(&aisched_mutex);
	do {
		cap = 64;
		rcu_read_lock();
		for_each_process_thread(g, t)
			if (cgroup_is_descendant(task_dfl_cgroup(t), tag->cgrp))
				cap++;
		rcu_read_unlock();

		tasks = kvmalloc_array(cap, sizeof(*tasks), GFP_KERNEL);
		if (!tasks)
			return -ENOMEM;

		n = 0;
		full = false;
		rcu_read_lock();
		for_each_process_thread(g, t) {
			if (t->flags & (PF_KTHREAD | PF_IO_WORKER | PF_EXITING))
				continue;
			if (aisched_tag_find(task_dfl_cgroup(t)) != tag)
				continue;
			if (n == cap) {
				full = true;
				break;
			}
			get_task_struct(t);
			tasks[n++] = t;
		}
		rcu_read_unlock();
		if (full) {
			/* Grew since the count; count again. */
			for (i = 0; i < n; i++)
				put_task_struct(tasks[i]);
			kvfree(tasks);
		}
	} while (full);

	aisched_cpuset_cache_begin();
	for (i = 0; i < n; i++) {
		aisched_task_cover(tasks[i], tag, NULL, false);
		put_task_struct(tasks[i]);
		cond_resched();
	}
	aisched_cpuset_cache_end();
	kvfree(tasks);
	return 0;
}

static void aisched_tag_event(struct aisched_tag *tag, u32 type, u32 reason)
{
	struct aisched_event ev = { .type = type, .reason = reason };

	aisched_event_fill_tag(&ev, tag);
	aisched_event_send(&ev, GFP_KERNEL);
}

/*
 * Refuses a tag whose CPUs miss the effective cpuset of its own cgroup:
 * none of its tasks could ever run there. An unreadable cpuset is no
 * refusal; each task's own mask bounds it.
 */
static int aisched_tag_cpuset_check(const struct path *dir,
				    const struct cpumask *cpus,
				    const struct aisched_place *place,
				    struct netlink_ext_ack *extack)
{
	cpumask_var_t cpuset;
	char empty[1] = "";
	struct path own;
	int ret;

	if (!alloc_cpumask_var(&cpuset, GFP_KERNEL))
		return -ENOMEM;
	own = *dir;
	path_get(&own);
	ret = aisched_cpuset_read_at(&own, empty, cpuset);
	if (ret || cpumask_intersects(cpus, cpuset)) {
		free_cpumask_var(cpuset);
		return 0;
	}
	/* Short enough for the 80 bytes of a formatted extack message. */
	if (place)
		NL_SET_ERR_MSG_FMT(extack,
				   "CPUs %*pbl of nodes %*pbl miss the cgroup's cpuset %*pbl",
				   cpumask_pr_args(cpus),
				   nodemask_pr_args(&place->target),
				   cpumask_pr_args(cpuset));
	else
		NL_SET_ERR_MSG_FMT(extack, "cpus %*pbl miss the cgroup's cpuset %*pbl",
				   cpumask_pr_args(cpus),
				   cpumask_pr_args(cpuset));
	free_cpumask_var(cpuset);
	return -EINVAL;
}

/**
 * aisched_tag_set() - create or replace a cgroup's tag
 * @cgrp: the cgroup
 * @dir: its directory
 * @b: the bundle
 * @cpus: CPUs the tag allows, or NULL to leave affinity alone
 * @place: the GPUs and nodes the tag names, or NULL; if its placement is
 *	not none, @cpus are its target nodes' CPUs
 * @quota: the quota of the huge-page pool it holds (pages 0 for none)
 * @extack: where a refusal's message goes
 * @out: the tag, with a reference the caller puts
 *
 * Every task the tag covers has the bundle when this returns. A refusal
 * (the quota's among them) changes nothing.
 *
 * Context: process context; takes aisched_mutex.
 * Return: 0, or a negative errno with a message in @extack.
 */
int aisched_tag_set(struct cgroup *cgrp, const struct path *dir,
		    const struct aisched_bundle *b, const struct cpumask *cpus,
		    const struct aisched_place *place,
		    const struct aisched_quota_req *quota,
		    struct netlink_ext_ack *extack, struct aisched_tag **out)
{
	struct aisched_place *newplace = NULL;
	struct aisched_tag *tag;
	char *buf;
	int ret;

	if (!cgroup_parent(cgrp)) {
		NL_SET_ERR_MSG(extack, "refusing to tag the root cgroup");
		return -EINVAL;
	}
	if (cpus) {
		ret = aisched_tag_cpuset_check(dir, cpus,
					       place && place->placement !=
					       AISCHED_PLACEMENT_NONE ?
					       place : NULL, extack);
		if (ret)
			return ret;
	}
	if (place) {
		newplace = kmemdup(place, sizeof(*place), GFP_KERNEL);
		if (!newplace)
			return -ENOMEM;
	}

	mutex_lock(&aisched_mutex);
	if (aisched_shutting_down) {
		NL_SET_ERR_MSG(extack, "aisched is being unloaded");
		ret = -ESHUTDOWN;
		goto unlock;
	}

	tag = aisched_tag_find_exact(cgroup_id(cgrp));
	if (tag) {
		ret = aisched_pool_quota_set(&tag->quota, quota->node,
					     quota->pages, extack);
		if (ret)
			goto unlock;
		/* Replace: the bundle the guard reads changes under the lock. */
		spin_lock(&aisched_state_lock);
		tag->bundle = *b;
		spin_unlock(&aisched_state_lock);
		tag->has_cpus = cpus;
		if (cpus)
			cpumask_copy(tag->cpus, cpus);
		swap(tag->place, newplace);
		tag->gen++;
	} else {
		ret = -ENOMEM;
		tag = kzalloc(sizeof(*tag), GFP_KERNEL);
		if (!tag)
			goto unlock;
		buf = kmalloc(PATH_MAX, GFP_KERNEL);
		if (!buf || !zalloc_cpumask_var(&tag->cpus, GFP_KERNEL)) {
			kfree(buf);
			kfree(tag);
			goto unlock;
		}
		ret = cgroup_path(cgrp, buf, PATH_MAX);
		tag->cgpath = ret < 0 ? NULL : kstrdup(buf, GFP_KERNEL);
		kfree(buf);
		if (!tag->cgpath) {
			free_cpumask_var(tag->cpus);
			kfree(tag);
			ret = ret < 0 ? ret : -ENOMEM;
			goto unlock;
		}
		ret = aisched_pool_quota_set(&tag->quota, quota->node,
					     quota->pages, extack);
		if (ret) {
			kfree(tag->cgpath);
			free_cpumask_var(tag->cpus);
			kfree(tag);
			goto unlock;
		}
		tag->cgid = cgroup_id(cgrp);
		cgroup_get(cgrp);
		tag->cgrp = cgrp;
		tag->dir = *dir;
		path_get(&tag->dir);
		tag->bundle = *b;
		tag->has_cpus = cpus;
		if (cpus)
			cpumask_copy(tag->cpus, cpus);
		swap(tag->place, newplace);
		INIT_LIST_HEAD(&tag->tasks);
		refcount_set(&tag->ref, 1);	/* the table's */
		INIT_RCU_WORK(&tag->free_work, aisched_tag_free_fn);
		hash_add_rcu(aisched_tags, &tag->hnode, tag->cgid);
		if (!aisched_nr_tags++)
			static_branch_enable(&aisched_tags_active);
	}
	aisched_tag_event(tag, AISCHED_EVENT_TYPE_TAG_ADDED, 0);
	aisched_tag_check_overrides(tag);
	ret = aisched_tag_scan(tag);
	if (ret)
		NL_SET_ERR_MSG(extack,
			       "out of memory while applying the tag; it covers new tasks only");
	aisched_tag_get(tag);
	*out = tag;
unlock:
	mutex_unlock(&aisched_mutex);
	kfree(newplace);
	return ret;
}

/**
 * aisched_tag_remove() - remove a tag and give its tasks back
 * @tag: the tag, in the table
 * @reason: enum aisched_remove_reason, for the event
 *
 * Each task the tag covered gets its nearest tagged ancestor's bundle, or
 * what it had before aisched, except fields it overrode.
 *
 * Context: process context; caller holds aisched_mutex.
 */
void aisched_tag_remove(struct aisched_tag *tag, u32 reason)
{
	struct aisched_task *ts;
	struct aisched_tag *next;
	struct cgroup *cgrp;

	lockdep_assert_held(&aisched_mutex);
	hash_del_rcu(&tag->hnode);
	tag->dead = true;
	aisched_pool_quota_drop(&tag->quota);

	aisched_cpuset_cache_begin();
	spin_lock(&aisched_state_lock);
	while (!list_empty(&tag->tasks)) {
		ts = list_first_entry(&tag->tasks, struct aisched_task, tag_node);
		refcount_inc(&ts->ref);
		spin_unlock(&aisched_state_lock);

		rcu_read_lock();
		cgrp = task_dfl_cgroup(ts->task);
		next = aisched_tag_find(cgrp);
		rcu_read_unlock();
		if (next)
			aisched_task_cover(ts->task, next, NULL, false);
		/* No ancestor tag, or the switch failed: give it back. */
		if (READ_ONCE(ts->tag) == tag)
			aisched_task_uncover(ts, false);
		aisched_state_put(ts);
		cond_resched();

		spin_lock(&aisched_state_lock);
	}
	spin_unlock(&aisched_state_lock);
	aisched_cpuset_cache_end();

	aisched_tag_event(tag, AISCHED_EVENT_TYPE_TAG_REMOVED, reason);
	if (!--aisched_nr_tags)
		static_branch_disable(&aisched_tags_active);
	aisched_tag_put(tag);
}

/**
 * aisched_tag_reap() - note that a tagged cgroup is being removed
 * @cgrp: the cgroup
 *
 * Context: the cgroup_rmdir probe; atomic. The reaper removes the tag.
 */
void aisched_tag_reap(struct cgroup *cgrp)
{
	struct aisched_tag *tag;

	rcu_read_lock();
	tag = aisched_tag_find_exact(cgroup_id(cgrp));
	if (tag) {
		atomic_set(&tag->reap, 1);
		queue_work(aisched_wq, &aisched_reap_work);
	}
	rcu_read_unlock();
}

static void aisched_reap_fn(struct work_struct *work)
{
	struct aisched_tag *tag;
	struct hlist_node *tmp;
	unsigned int bkt;

	mutex_lock(&aisched_mutex);
	hash_for_each_safe(aisched_tags, bkt, tmp, tag, hnode)
		if (atomic_read(&tag->reap))
			aisched_tag_remove(tag, AISCHED_REMOVE_REASON_RMDIR);
	mutex_unlock(&aisched_mutex);
}

/**
 * aisched_tag_for_each() - call a function for each tag
 * @fn: the function; a non-zero return stops the walk and is returned
 * @arg: its argument
 *
 * Context: process context; caller holds aisched_mutex.
 * Return: 0 or @fn's return.
 */
int aisched_tag_for_each(int (*fn)(struct aisched_tag *tag, void *arg),
			 void *arg)
{
	struct aisched_tag *tag;
	unsigned int bkt;
	int ret;

	lockdep_assert_held(&aisched_mutex);
	hash_for_each(aisched_tags, bkt, tag, hnode) {
		ret = fn(tag, arg);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * aisched_tags_init() - set up the tag table
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int aisched_tags_init(void)
{
	if (!zalloc_cpumask_var(&aisched_cs_cache.mask, GFP_KERNEL))
		return -ENOMEM;
	aisched_wq = alloc_workqueue("aisched", WQ_UNBOUND, 0);
	if (!aisched_wq) {
		free_cpumask_var(aisched_cs_cache.mask);
		return -ENOMEM;
	}
	return 0;
}

/**
 * aisched_tags_shutdown() - remove every tag, giving every task back
 *
 * From here on no tag can be created.
 *
 * Context: process context, module exit, with the probes still in place.
 */
void aisched_tags_shutdown(void)
{
	struct aisched_tag *tag;
	struct hlist_node *tmp;
	unsigned int bkt;

	mutex_lock(&aisched_mutex);
	aisched_shutting_down = true;
	hash_for_each_safe(aisched_tags, bkt, tmp, tag, hnode)
		aisched_tag_remove(tag, AISCHED_REMOVE_REASON_UNLOAD);
	mutex_unlock(&aisched_mutex);
}

/**
 * aisched_tags_exit() - free what the tag table used
 *
 * Context: process context, module exit, after the probes are gone and the
 * last task_work has run.
 */
void aisched_tags_exit(void)
{
	cancel_work_sync(&aisched_reap_work);
	/* Tags are freed by RCU work items on aisched_wq. */
	rcu_barrier();
	destroy_workqueue(aisched_wq);
	free_cpumask_var(aisched_cs_cache.mask);
}
