/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: the huge-page reservation pool.
 *
 * Locking: aisched_pool_mutex (a mutex, process context only) serialises
 * growing and shrinking a node's pool; each node's free list and counters
 * are under that node's spinlock, which page faults take too. Nothing else
 * is taken under either.
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
 */
struct aisched_pool_info {
	u32 node;
	u32 total;
	u32 free;
	u32 reserved;
	u32 in_use;
	u32 capacity;
};

struct netlink_ext_ack;

int aisched_pool_init(void);
void aisched_pool_exit(void);
int aisched_pool_get(int nid, struct aisched_pool_info *out,
		     struct netlink_ext_ack *extack);
int aisched_pool_get_next(int nid, struct aisched_pool_info *out);
int aisched_pool_set(int nid, unsigned long pages,
		     struct aisched_pool_info *out,
		     struct netlink_ext_ack *extack);

#endif /* _AISCHED_POOL_H */
