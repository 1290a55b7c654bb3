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

int aisched_pool_init(void);
void aisched_pool_exit(void);
int aisched_pool_grow(int nid, unsigned long pages, unsigned long *got);
unsigned long aisched_pool_shrink(int nid, unsigned long pages);

#endif /* _AISCHED_POOL_H */
