/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: the huge-page reservation pool.
 *
 * Locking:
 * - aisched_pool_mutex (a mutex, process context only) serialises growing
 *   and shrinking a node's pool. Taken alone.
 * - Each node's spinlock guards its free and held lists, its counters and
 *   the quota accounts of that node; mmap, faults, unmap and the held-page
 *   work take it. It is a leaf, except that a quota moving between nodes
 *   takes two, the lower address first. Never held across a sleep.
 * - A tag's quota pointer changes under aisched_mutex only (TAG_SET,
 *   removal); /dev/aisched reads it under rcu_read_lock() and takes a
 *   reference (accounts are freed after a grace period).
 */

#ifndef _AISCHED_POOL_H
#define _AISCHED_POOL_H

#include <linux/types.h>

/* 2 MiB pages: order 9 on x86-64 with 4 KiB base pages. */
#define AISCHED_POOL_ORDER	(21 - PAGE_SHIFT)

#define AISCHED_POOL_PARAM_MAX	64

/**
 * struct aisched_pool_want - one node:pages pair of the pool parameter
 * @node: node id
 * @pages: 2 MiB pages to reserve on it
 */
struct aisched_pool_want {
	unsigned int node;
	unsigned long pages;
};

/**
 * struct aisched_pool_param - the parsed pool parameter
 * @nr: pairs in @want
 * @want: in the order given; a node appears at most once
 */
struct aisched_pool_param {
	unsigned int nr;
	struct aisched_pool_want want[AISCHED_POOL_PARAM_MAX];
};

int aisched_pool_param_parse(const char *s, unsigned int max_node,
			     struct aisched_pool_param *param, char *bad,
			     size_t badlen, const char **why);

/**
 * struct aisched_pool_info - what POOL_GET reports of one node
 * @node: node id
 * @total: pages the pool holds on the node
 * @free: pages nobody maps
 * @reserved: pages quotas hold
 * @in_use: pages mapped
 * @capacity: 2 MiB pages of memory the node's allocator manages
 * @held: unmapped pages something still references
 */
struct aisched_pool_info {
	u32 node;
	u32 total;
	u32 free;
	u32 reserved;
	u32 in_use;
	u32 capacity;
	u32 held;
};

/**
 * struct aisched_pool_quota - what TAG_GET reports of a tag's quota
 * @node: its node
 * @pages: its size
 * @used: pages the tag's mappings hold
 */
struct aisched_pool_quota {
	u32 node;
	u32 pages;
	u32 used;
};

struct aisched_pool_acct;
struct page;

struct netlink_ext_ack;

int aisched_pool_init(void);
void aisched_pool_exit(void);
int aisched_pool_get(int nid, struct aisched_pool_info *out,
		     struct netlink_ext_ack *extack);
int aisched_pool_get_next(int nid, struct aisched_pool_info *out);
int aisched_pool_set(int nid, unsigned long pages,
		     struct aisched_pool_info *out,
		     struct netlink_ext_ack *extack);

int aisched_pool_quota_set(struct aisched_pool_acct __rcu **slot, int nid,
			   unsigned long pages, struct netlink_ext_ack *extack);
void aisched_pool_quota_drop(struct aisched_pool_acct __rcu **slot);
void aisched_pool_quota_info(struct aisched_pool_acct *acct,
			     struct aisched_pool_quota *out);
struct aisched_pool_acct *aisched_pool_acct_tryget(struct aisched_pool_acct *acct);
void aisched_pool_acct_put(struct aisched_pool_acct *acct);
int aisched_pool_charge(struct aisched_pool_acct *acct, unsigned long pages);
void aisched_pool_uncharge(struct aisched_pool_acct *acct, unsigned long pages);
struct page *aisched_pool_take(struct aisched_pool_acct *acct);
void aisched_pool_untake(struct aisched_pool_acct *acct, struct page *page);
void aisched_pool_release(struct aisched_pool_acct *acct, struct page **pages,
			  unsigned long nr);
int aisched_pool_acct_node(const struct aisched_pool_acct *acct);

/* dev.c: /dev/aisched */
int aisched_dev_init(void);
void aisched_dev_exit(void);

#endif /* _AISCHED_POOL_H */
