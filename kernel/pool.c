// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: the huge-page reservation pool.
 *
 * Per NUMA node, 2 MiB compound pages taken from the page allocator on that
 * node only and kept out of it until they are given back. The pool is
 * sized at load by the pool parameter (so that /etc/modprobe.d can reserve
 * it early in boot, before memory fragments) and grown or shrunk later.
 *
 * Locking: pool.h.
 */

#include <kunit/visibility.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/nodemask.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "gpu.h"
#include "pool.h"
#include "tags.h"

static char *pool;
module_param(pool, charp, 0444);
MODULE_PARM_DESC(pool,
		 "2 MiB pages to reserve per NUMA node at load, as node:pages pairs, e.g. 0:64,1:512");

/**
 * struct aisched_pool_node - one node's pool
 * @lock: protects the other fields, and every quota account of the node
 * @free: free pages (compound heads, linked by lru)
 * @held: pages no mapping has that someone else still references (linked
 *	by lru, page->private the account they are charged to)
 * @total: pages the pool holds on this node
 * @nr_free: pages on @free
 * @nr_held: pages on @held
 * @reserved: pages quota accounts hold (struct aisched_pool_acct)
 */
struct aisched_pool_node {
	spinlock_t lock;	/* the fields below; faults take it */
	struct list_head free;
	struct list_head held;
	unsigned long total;
	unsigned long nr_free;
	unsigned long nr_held;
	unsigned long reserved;
};

/**
 * struct aisched_pool_acct - a quota: pages of one node held for a tag
 * @ref: the tag's reference (while it is the tag's quota), one per mapping
 *	charged to it and one per held page charged to it
 * @rcu: frees it; /dev/aisched looks it up under rcu_read_lock()
 * @nid: its node, for life
 * @quota: pages the tag's quota holds (0 once the tag is gone)
 * @charged: pages mappings have charged to it (at mmap, until the last
 *	unmap, or until a held page comes back)
 * @orphan: the tag is gone; it holds only @charged
 *
 * @quota, @charged and @orphan are under the node's lock. It holds
 * max(@quota, @charged) of the node's pages: @charged <= @quota while it
 * is the tag's, and @quota is 0 once it is an orphan.
 */
struct aisched_pool_acct {
	refcount_t ref;
	struct rcu_head rcu;
	int nid;
	unsigned long quota;
	unsigned long charged;
	bool orphan;
};

static DEFINE_MUTEX(aisched_pool_mutex);
static struct aisched_pool_node *aisched_pool_nodes;	/* nr_node_ids */

static void aisched_pool_held_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(aisched_pool_held_work, aisched_pool_held_fn);

/* A decimal number that ends the string; no sign. */
static int aisched_pool_number(const char *s, unsigned long *out)
{
	if (!*s || *s < '0' || *s > '9')
		return -EINVAL;
	return kstrtoul(s, 10, out);
}

/**
 * aisched_pool_param_parse() - parse the pool parameter
 * @s: the parameter, or NULL
 * @max_node: the largest node id accepted
 * @param: filled in
 * @bad: receives the token refused
 * @badlen: size of @bad
 * @why: receives the reason it was refused
 *
 * The parameter is a comma-separated list of node:pages pairs, both
 * decimal, each node at most once.
 *
 * Context: any context.
 * Return: 0, or -EINVAL with @bad and @why set.
 */
int aisched_pool_param_parse(const char *s, unsigned int max_node,
			     struct aisched_pool_param *param, char *bad,
			     size_t badlen, const char **why)
{
	char tok[32], *colon;
	unsigned long node;
	const char *end;
	unsigned int i;
	size_t len;

	memset(param, 0, sizeof(*param));
	if (!s || !*s)
		return 0;
	for (;;) {
		struct aisched_pool_want *w = &param->want[param->nr];

		end = strchrnul(s, ',');
		len = end - s;
		strscpy(bad, s, min(len + 1, badlen));
		if (!len) {
			*why = "empty pair";
			return -EINVAL;
		}
		if (len >= sizeof(tok)) {
			*why = "too long for node:pages";
			return -EINVAL;
		}
		if (param->nr == AISCHED_POOL_PARAM_MAX) {
			*why = "more than 64 pairs";
			return -EINVAL;
		}
		memcpy(tok, s, len);
		tok[len] = '\0';
		colon = strchr(tok, ':');
		if (!colon) {
			*why = "expected node:pages";
			return -EINVAL;
		}
		*colon = '\0';
		if (aisched_pool_number(tok, &node) ||
		    aisched_pool_number(colon + 1, &w->pages)) {
			*why = "node and pages must be decimal numbers";
			return -EINVAL;
		}
		if (node > max_node) {
			*why = "no such node";
			return -EINVAL;
		}
		w->node = node;
		for (i = 0; i < param->nr; i++) {
			if (param->want[i].node == w->node) {
				*why = "node given twice";
				return -EINVAL;
			}
		}
		param->nr++;
		if (!*end)
			break;
		s = end + 1;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_pool_param_parse);

/* Pages of the node's memory the page allocator manages, in 2 MiB pages. */
static unsigned long aisched_pool_node_capacity(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long pages = 0;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		pages += zone_managed_pages(&pgdat->node_zones[z]);
	return pages >> AISCHED_POOL_ORDER;
}

/*
 * Reserves up to @pages more 2 MiB pages on @nid, each from @nid only
 * (__GFP_THISNODE), after the page allocator has tried compaction and
 * reclaim once (__GFP_RETRY_MAYFAIL). Returns how many it got: fewer if
 * the node's memory is too fragmented or too full. Caller holds
 * aisched_pool_mutex and has checked the node's capacity. Sleeps, for a
 * long time if reclaim has much to do.
 */
static unsigned long aisched_pool_grow_locked(int nid, unsigned long pages)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[nid];
	gfp_t gfp = GFP_KERNEL | __GFP_THISNODE | __GFP_COMP | __GFP_NOWARN |
		    __GFP_RETRY_MAYFAIL;
	struct page *page;
	unsigned long n;

	lockdep_assert_held(&aisched_pool_mutex);
	for (n = 0; n < pages; n++) {
		if (fatal_signal_pending(current))
			break;
		page = alloc_pages_node(nid, gfp, AISCHED_POOL_ORDER);
		if (!page)
			break;
		spin_lock(&pn->lock);
		list_add(&page->lru, &pn->free);
		pn->nr_free++;
		pn->total++;
		spin_unlock(&pn->lock);
		cond_resched();
	}
	return n;
}

/*
 * Gives up to @pages free pool pages on @nid back to the page allocator;
 * pages in use stay, and so do the pages quotas hold: the pool never
 * shrinks below reserved (unless @all, at exit). Returns how many it gave
 * back. Caller holds aisched_pool_mutex.
 */
static unsigned long aisched_pool_shrink_locked(int nid, unsigned long pages,
						bool all)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[nid];
	struct page *page;
	unsigned long n = 0;

	lockdep_assert_held(&aisched_pool_mutex);
	while (n < pages) {
		spin_lock(&pn->lock);
		page = NULL;
		if (all || pn->total > pn->reserved)
			page = list_first_entry_or_null(&pn->free, struct page,
							lru);
		if (page) {
			list_del(&page->lru);
			pn->nr_free--;
			pn->total--;
		}
		spin_unlock(&pn->lock);
		if (!page)
			break;
		__free_pages(page, AISCHED_POOL_ORDER);
		n++;
		cond_resched();
	}
	return n;
}

static void aisched_pool_fill(int nid, struct aisched_pool_info *out)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[nid];

	memset(out, 0, sizeof(*out));
	out->node = nid;
	out->capacity = aisched_pool_node_capacity(nid);
	spin_lock(&pn->lock);
	out->total = pn->total;
	out->free = pn->nr_free;
	out->reserved = pn->reserved;
	out->in_use = pn->total - pn->nr_free;
	out->held = pn->nr_held;
	spin_unlock(&pn->lock);
}

/**
 * aisched_pool_get() - one node's pool
 * @nid: node id
 * @out: its figures
 * @extack: where a refusal's message goes
 *
 * Context: process context.
 * Return: 0, or -EINVAL with a message for a node that is not online or
 * has no memory.
 */
int aisched_pool_get(int nid, struct aisched_pool_info *out,
		     struct netlink_ext_ack *extack)
{
	int ret;

	ret = aisched_node_check(nid, extack);
	if (!ret)
		aisched_pool_fill(nid, out);
	return ret;
}

/**
 * aisched_pool_get_next() - the next node with memory, for a dump
 * @nid: the node to start from
 * @out: its figures
 *
 * Context: process context.
 * Return: the node reported, or -ENOENT past the last one.
 */
int aisched_pool_get_next(int nid, struct aisched_pool_info *out)
{
	for (; nid < nr_node_ids; nid++) {
		if (node_online(nid) && node_state(nid, N_MEMORY)) {
			aisched_pool_fill(nid, out);
			return nid;
		}
	}
	return -ENOENT;
}

/**
 * aisched_pool_set() - grow or shrink a node's pool
 * @nid: node id
 * @pages: the size it should have, in 2 MiB pages
 * @out: its figures afterwards
 * @extack: where a refusal's message goes
 *
 * A grow that gets fewer pages than asked is no error: @out shows what
 * the pool holds. A shrink gives back free pages only.
 *
 * Context: process context; may sleep for a long time (reclaim).
 * Return: 0, or -EINVAL with a message (a node that is not online or has
 * no memory, more than its memory).
 */
int aisched_pool_set(int nid, unsigned long pages,
		     struct aisched_pool_info *out,
		     struct netlink_ext_ack *extack)
{
	unsigned long total, cap;
	int ret;

	ret = aisched_node_check(nid, extack);
	if (ret)
		return ret;
	cap = aisched_pool_node_capacity(nid);
	if (pages > cap) {
		NL_SET_ERR_MSG_FMT(extack,
				   "node %d holds at most %lu 2 MiB pages; %lu is more",
				   nid, cap, pages);
		return -EINVAL;
	}
	mutex_lock(&aisched_pool_mutex);
	total = aisched_pool_nodes[nid].total;
	if (pages > total)
		aisched_pool_grow_locked(nid, pages - total);
	else
		aisched_pool_shrink_locked(nid, total - pages, false);
	mutex_unlock(&aisched_pool_mutex);
	aisched_pool_fill(nid, out);
	pr_info("pool: node %d: %u of %lu 2 MiB pages asked for\n", nid,
		out->total, pages);
	return 0;
}

/* Caller holds the node's lock. */
static void aisched_pool_uncharge_locked(struct aisched_pool_node *pn,
					 struct aisched_pool_acct *acct,
					 unsigned long pages)
{
	acct->charged -= pages;
	if (acct->orphan)
		pn->reserved -= pages;
}

/**
 * aisched_pool_acct_tryget() - a reference to a quota found under RCU
 * @acct: the quota, or NULL
 *
 * Context: under rcu_read_lock().
 * Return: @acct with a reference, or NULL if it is NULL or being freed.
 */
struct aisched_pool_acct *aisched_pool_acct_tryget(struct aisched_pool_acct *acct)
{
	return acct && refcount_inc_not_zero(&acct->ref) ? acct : NULL;
}

/**
 * aisched_pool_acct_put() - drop a reference to a quota
 * @acct: the quota, or NULL
 *
 * Context: any context.
 */
void aisched_pool_acct_put(struct aisched_pool_acct *acct)
{
	if (acct && refcount_dec_and_test(&acct->ref))
		kfree_rcu(acct, rcu);
}

/**
 * aisched_pool_acct_node() - a quota's node
 * @acct: the quota
 *
 * Context: any context.
 * Return: the node, fixed for the quota's life.
 */
int aisched_pool_acct_node(const struct aisched_pool_acct *acct)
{
	return acct->nid;
}

/* Locks one or two nodes, the lower address first. */
static void aisched_pool_lock_two(struct aisched_pool_node *a,
				  struct aisched_pool_node *b)
{
	if (!a || !b || a == b) {
		spin_lock(&(a ? a : b)->lock);
		return;
	}
	if (a > b)
		swap(a, b);
	spin_lock(&a->lock);
	spin_lock_nested(&b->lock, SINGLE_DEPTH_NESTING);
}

static void aisched_pool_unlock_two(struct aisched_pool_node *a,
				    struct aisched_pool_node *b)
{
	if (a && b && a != b)
		spin_unlock(&b->lock);
	spin_unlock(&(a ? a : b)->lock);
}

/**
 * aisched_pool_quota_set() - give a tag a quota, change it or drop it
 * @slot: the tag's quota (NULL for none)
 * @nid: the quota's node
 * @pages: its size in 2 MiB pages; 0 drops the quota
 * @extack: where a refusal's message goes
 *
 * The quotas of a node never add up to more than its pool, and a quota
 * never drops below what the tag's mappings hold (nor moves to another
 * node while they hold any). A refusal changes nothing.
 *
 * Context: process context; caller holds aisched_mutex, which serialises
 * every change of @slot. Takes the nodes' locks.
 * Return: 0; -EINVAL (bad node, more than the pool), -EBUSY (mappings
 * hold more) or -ENOMEM, with a message.
 */
int aisched_pool_quota_set(struct aisched_pool_acct __rcu **slot, int nid,
			   unsigned long pages, struct netlink_ext_ack *extack)
{
	struct aisched_pool_acct *old, *new = NULL;
	struct aisched_pool_node *a = NULL, *b = NULL;
	unsigned long others;
	int ret = 0;

	old = rcu_dereference_protected(*slot, lockdep_is_held(&aisched_mutex));
	if (!pages && !old)
		return 0;
	if (pages) {
		ret = aisched_node_check(nid, extack);
		if (ret)
			return ret;
		b = &aisched_pool_nodes[nid];
	}
	if (pages && (!old || old->nid != nid)) {
		new = kzalloc(sizeof(*new), GFP_KERNEL);
		if (!new)
			return -ENOMEM;
		refcount_set(&new->ref, 1);
		new->nid = nid;
	}
	if (old)
		a = &aisched_pool_nodes[old->nid];

	aisched_pool_lock_two(a, b);
	if (old && old->charged > (new ? 0 : pages)) {
		if (pages && new)
			NL_SET_ERR_MSG_FMT(extack,
					   "the cgroup maps %lu pool pages on node %d; unmap them first",
					   old->charged, old->nid);
		else
			NL_SET_ERR_MSG_FMT(extack,
					   "the cgroup maps %lu pool pages; a quota of %lu is less",
					   old->charged, pages);
		ret = -EBUSY;
		goto unlock;
	}
	if (pages) {
		others = b->reserved - (old && !new ? old->quota : 0);
		if (pages > b->total - others) {
			NL_SET_ERR_MSG_FMT(extack,
					   "node %d's pool has %lu pages, %lu held by other quotas; %lu is more",
					   nid, b->total, others, pages);
			ret = -EINVAL;
			goto unlock;
		}
	}
	if (old && (new || !pages)) {
		/* charged is 0: the old quota goes entirely. */
		a->reserved -= old->quota;
		old->quota = 0;
		old->orphan = true;
	}
	if (new) {
		new->quota = pages;
		b->reserved += pages;
	} else if (pages) {
		b->reserved = b->reserved - old->quota + pages;
		old->quota = pages;
	}
unlock:
	aisched_pool_unlock_two(a, b);
	if (ret) {
		kfree(new);
		return ret;
	}
	if (new || !pages) {
		rcu_assign_pointer(*slot, new);
		aisched_pool_acct_put(old);
	}
	return 0;
}

/**
 * aisched_pool_quota_drop() - the tag of a quota is going
 * @slot: the tag's quota (NULL for none)
 *
 * The unused part of the quota is released at once; the pages the tag's
 * mappings hold stay reserved until they are unmapped.
 *
 * Context: process context; caller holds aisched_mutex.
 */
void aisched_pool_quota_drop(struct aisched_pool_acct __rcu **slot)
{
	struct aisched_pool_acct *old;
	struct aisched_pool_node *pn;

	old = rcu_dereference_protected(*slot, lockdep_is_held(&aisched_mutex));
	if (!old)
		return;
	RCU_INIT_POINTER(*slot, NULL);
	pn = &aisched_pool_nodes[old->nid];
	spin_lock(&pn->lock);
	pn->reserved -= old->quota - old->charged;
	old->quota = 0;
	old->orphan = true;
	spin_unlock(&pn->lock);
	aisched_pool_acct_put(old);
}

/**
 * aisched_pool_quota_info() - a quota's figures
 * @acct: the quota, which the caller keeps alive
 * @out: its node, size and use
 *
 * Context: any context; takes the node's lock.
 */
void aisched_pool_quota_info(struct aisched_pool_acct *acct,
			     struct aisched_pool_quota *out)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[acct->nid];

	out->node = acct->nid;
	spin_lock(&pn->lock);
	out->pages = acct->quota;
	out->used = acct->charged;
	spin_unlock(&pn->lock);
}

/**
 * aisched_pool_charge() - take pages of a quota for a new mapping
 * @acct: the quota, with a reference the mapping keeps
 * @pages: how many
 *
 * Context: any context; takes the node's lock.
 * Return: 0; -ENOMEM over the quota; -EPERM if the quota's tag is gone.
 */
int aisched_pool_charge(struct aisched_pool_acct *acct, unsigned long pages)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[acct->nid];
	int ret = 0;

	spin_lock(&pn->lock);
	if (acct->orphan)
		ret = -EPERM;
	else if (pages > acct->quota - acct->charged)
		ret = -ENOMEM;
	else
		acct->charged += pages;
	spin_unlock(&pn->lock);
	return ret;
}

/**
 * aisched_pool_uncharge() - give back pages charged but never taken
 * @acct: the quota
 * @pages: how many
 *
 * Context: any context; takes the node's lock.
 */
void aisched_pool_uncharge(struct aisched_pool_acct *acct, unsigned long pages)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[acct->nid];

	spin_lock(&pn->lock);
	aisched_pool_uncharge_locked(pn, acct, pages);
	spin_unlock(&pn->lock);
}

/**
 * aisched_pool_take() - a free page of a quota's node
 * @acct: the quota, charged for the page
 *
 * A charge is a promise the pool keeps: the node's free pages are never
 * fewer than the pages charged and not yet taken.
 *
 * Context: any context; takes the node's lock.
 * Return: a 2 MiB compound page with one reference (the pool's), not
 * zeroed; NULL only if the accounting is broken.
 */
struct page *aisched_pool_take(struct aisched_pool_acct *acct)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[acct->nid];
	struct page *page;

	spin_lock(&pn->lock);
	page = list_first_entry_or_null(&pn->free, struct page, lru);
	if (page) {
		list_del(&page->lru);
		pn->nr_free--;
	}
	spin_unlock(&pn->lock);
	return page;
}

/**
 * aisched_pool_untake() - put back a page aisched_pool_take() gave
 * @acct: the quota
 * @page: the page, mapped by no one
 *
 * Context: any context; takes the node's lock.
 */
void aisched_pool_untake(struct aisched_pool_acct *acct, struct page *page)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[acct->nid];

	spin_lock(&pn->lock);
	list_add(&page->lru, &pn->free);
	pn->nr_free++;
	spin_unlock(&pn->lock);
}

/* Pages released under one hold of the node's lock. */
#define AISCHED_POOL_RELEASE_BATCH	64

/**
 * aisched_pool_release() - a mapping is gone: its pages and charge return
 * @acct: the quota it was charged to
 * @pages: its pages, NULL where it never faulted
 * @nr: its size in pages, all charged
 *
 * A page that something still references (the lockless get_user_pages
 * path can take references on a PFN-mapped page) is held: charged to
 * @acct and given to no one until the reference goes.
 *
 * Context: process context (the last unmap); takes the node's lock.
 */
void aisched_pool_release(struct aisched_pool_acct *acct, struct page **pages,
			  unsigned long nr)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[acct->nid];
	unsigned long i, done, held = 0;
	struct page *page;

	for (i = 0; i < nr; i = done) {
		done = min(nr, i + AISCHED_POOL_RELEASE_BATCH);
		spin_lock(&pn->lock);
		for (; i < done; i++) {
			page = pages[i];
			if (!page) {
				aisched_pool_uncharge_locked(pn, acct, 1);
			} else if (page_ref_count(page) == 1) {
				list_add(&page->lru, &pn->free);
				pn->nr_free++;
				aisched_pool_uncharge_locked(pn, acct, 1);
			} else {
				refcount_inc(&acct->ref);
				set_page_private(page, (unsigned long)acct);
				list_add(&page->lru, &pn->held);
				pn->nr_held++;
				held++;
			}
		}
		spin_unlock(&pn->lock);
		cond_resched();
	}
	if (held) {
		pr_info_ratelimited("pool: node %d: %lu unmapped pages are still referenced; held until released\n",
				    acct->nid, held);
		schedule_delayed_work(&aisched_pool_held_work, HZ);
	}
}

/*
 * Takes a held page off the held list and out of its account's charge.
 * Caller holds the node's lock, puts the page somewhere and drops the
 * account's reference.
 */
static struct aisched_pool_acct *
aisched_pool_unhold_locked(struct aisched_pool_node *pn, struct page *page)
{
	struct aisched_pool_acct *acct;

	acct = (struct aisched_pool_acct *)page_private(page);
	set_page_private(page, 0);
	list_del(&page->lru);
	pn->nr_held--;
	aisched_pool_uncharge_locked(pn, acct, 1);
	return acct;
}

/* Returns held pages nobody references any more; again in a second if any remain. */
static void aisched_pool_held_fn(struct work_struct *work)
{
	struct aisched_pool_node *pn;
	struct page *page, *tmp;
	bool again = false;
	int nid;

	for (nid = 0; nid < nr_node_ids; nid++) {
		pn = &aisched_pool_nodes[nid];
		spin_lock(&pn->lock);
		list_for_each_entry_safe(page, tmp, &pn->held, lru) {
			if (page_ref_count(page) != 1) {
				again = true;
				continue;
			}
			aisched_pool_acct_put(aisched_pool_unhold_locked(pn, page));
			list_add(&page->lru, &pn->free);
			pn->nr_free++;
		}
		spin_unlock(&pn->lock);
	}
	if (again)
		schedule_delayed_work(&aisched_pool_held_work, HZ);
}

/**
 * aisched_pool_init() - set up the pool and reserve what the parameter asks
 *
 * A malformed parameter, a node that is not online or has no memory, or a
 * size beyond a node's memory refuses the load, with the pair named in the
 * kernel log. A node that gives fewer pages than asked (fragmentation) is
 * logged with what it gave, and the load goes on.
 *
 * Context: process context, module init.
 * Return: 0, -EINVAL or -ENOMEM.
 */
int aisched_pool_init(void)
{
	struct aisched_pool_param *param;
	const char *why = NULL;
	unsigned long got;
	unsigned int i;
	char bad[32];
	int nid, ret;

	aisched_pool_nodes = kcalloc(nr_node_ids, sizeof(*aisched_pool_nodes),
				     GFP_KERNEL);
	if (!aisched_pool_nodes)
		return -ENOMEM;
	for (nid = 0; nid < nr_node_ids; nid++) {
		spin_lock_init(&aisched_pool_nodes[nid].lock);
		INIT_LIST_HEAD(&aisched_pool_nodes[nid].free);
		INIT_LIST_HEAD(&aisched_pool_nodes[nid].held);
	}

	param = kmalloc(sizeof(*param), GFP_KERNEL);
	if (!param) {
		ret = -ENOMEM;
		goto err;
	}
	ret = aisched_pool_param_parse(pool, nr_node_ids - 1, param, bad,
				       sizeof(bad), &why);
	for (i = 0; !ret && i < param->nr; i++) {
		nid = param->want[i].node;
		snprintf(bad, sizeof(bad), "%u:%lu", nid, param->want[i].pages);
		if (!node_online(nid) || !node_state(nid, N_MEMORY)) {
			why = "the node is not online or has no memory";
			ret = -EINVAL;
		} else if (param->want[i].pages >
			   aisched_pool_node_capacity(nid)) {
			why = "more than the node's memory";
			ret = -EINVAL;
		}
	}
	if (ret) {
		pr_err("pool: bad pair '%s': %s\n", bad, why);
		goto err_param;
	}
	mutex_lock(&aisched_pool_mutex);
	for (i = 0; i < param->nr; i++) {
		nid = param->want[i].node;
		got = aisched_pool_grow_locked(nid, param->want[i].pages);
		if (got < param->want[i].pages)
			pr_warn("pool: node %d: got %lu of %lu 2 MiB pages\n",
				nid, got, param->want[i].pages);
		else
			pr_info("pool: node %d: %lu 2 MiB pages reserved\n",
				nid, got);
	}
	mutex_unlock(&aisched_pool_mutex);
	kfree(param);
	return 0;

err_param:
	kfree(param);
err:
	aisched_pool_exit();
	return ret;
}

/**
 * aisched_pool_exit() - give every pool page back
 *
 * No page is mapped: a mapping holds a reference on the module. A held
 * page (one something in the kernel still references) is left to its last
 * user, who frees it to the page allocator.
 *
 * Context: process context, module exit, after the tags are gone.
 */
void aisched_pool_exit(void)
{
	struct aisched_pool_node *pn;
	struct page *page, *tmp;
	int nid;

	if (!aisched_pool_nodes)
		return;
	cancel_delayed_work_sync(&aisched_pool_held_work);
	mutex_lock(&aisched_pool_mutex);
	for (nid = 0; nid < nr_node_ids; nid++) {
		pn = &aisched_pool_nodes[nid];
		aisched_pool_shrink_locked(nid, pn->total, true);
		list_for_each_entry_safe(page, tmp, &pn->held, lru) {
			spin_lock(&pn->lock);
			aisched_pool_acct_put(aisched_pool_unhold_locked(pn, page));
			pn->total--;
			spin_unlock(&pn->lock);
			/* Drops the pool's reference; the last user frees it. */
			__free_pages(page, AISCHED_POOL_ORDER);
		}
		if (pn->nr_free || pn->reserved)
			pr_err("pool: node %d: %lu pages free, %lu reserved at exit\n",
			       nid, pn->nr_free, pn->reserved);
	}
	mutex_unlock(&aisched_pool_mutex);
	kfree(aisched_pool_nodes);
	aisched_pool_nodes = NULL;
}
