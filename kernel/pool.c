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
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "compat.h"
#include "gpu.h"
#include "pool.h"

static char *pool;
module_param(pool, charp, 0444);
MODULE_PARM_DESC(pool,
		 "2 MiB pages to reserve per NUMA node at load, as node:pages pairs, e.g. 0:64,1:512");

/**
 * struct aisched_pool_node - one node's pool
 * @lock: protects the other fields
 * @free: free pages (compound heads, linked by lru)
 * @total: pages the pool holds on this node
 * @nr_free: pages on @free
 */
struct aisched_pool_node {
	spinlock_t lock;	/* the fields below; faults take it */
	struct list_head free;
	unsigned long total;
	unsigned long nr_free;
};

static DEFINE_MUTEX(aisched_pool_mutex);
static struct aisched_pool_node *aisched_pool_nodes;	/* nr_node_ids */

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
 * pages in use stay. Returns how many it gave back. Caller holds
 * aisched_pool_mutex.
 */
static unsigned long aisched_pool_shrink_locked(int nid, unsigned long pages)
{
	struct aisched_pool_node *pn = &aisched_pool_nodes[nid];
	struct page *page;
	unsigned long n = 0;

	lockdep_assert_held(&aisched_pool_mutex);
	while (n < pages) {
		spin_lock(&pn->lock);
		page = list_first_entry_or_null(&pn->free, struct page, lru);
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
	out->in_use = pn->total - pn->nr_free;
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
		aisched_pool_shrink_locked(nid, total - pages);
	mutex_unlock(&aisched_pool_mutex);
	aisched_pool_fill(nid, out);
	pr_info("pool: node %d: %u of %lu 2 MiB pages asked for\n", nid,
		out->total, pages);
	return 0;
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
 * Context: process context, module exit. No page is in use: a mapping
 * holds a reference on the module.
 */
void aisched_pool_exit(void)
{
	int nid;

	if (!aisched_pool_nodes)
		return;
	mutex_lock(&aisched_pool_mutex);
	for (nid = 0; nid < nr_node_ids; nid++) {
		unsigned long total = aisched_pool_nodes[nid].total;

		if (total && aisched_pool_shrink_locked(nid, total) != total)
			pr_err("pool: node %d: pages still in use at exit\n", nid);
	}
	mutex_unlock(&aisched_pool_mutex);
	kfree(aisched_pool_nodes);
	aisched_pool_nodes = NULL;
}
