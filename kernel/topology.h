/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: snapshots of the host's NUMA topology.
 */

#ifndef _AISCHED_TOPOLOGY_H
#define _AISCHED_TOPOLOGY_H

#include <linux/cpumask.h>
#include <linux/types.h>

/**
 * struct aisched_node_snap - one online NUMA node at snapshot time
 * @nid: node id
 * @mem_bytes: memory the node's page allocator manages (MemTotal), bytes
 * @cpus: the node's online CPUs
 */
struct aisched_node_snap {
	int nid;
	u64 mem_bytes;
	cpumask_var_t cpus;
};

/**
 * struct aisched_topo - the online NUMA nodes at one moment
 * @nr_nodes: number of entries used in @nodes
 * @nodes: online nodes in increasing node-id order
 *
 * A snapshot is private to its taker and never changes after it is taken,
 * so it needs no locking.
 */
struct aisched_topo {
	unsigned int nr_nodes;
	struct aisched_node_snap nodes[];
};

struct aisched_topo *aisched_topo_snapshot(gfp_t gfp);
void aisched_topo_free(struct aisched_topo *topo);
const struct aisched_node_snap *aisched_topo_node(const struct aisched_topo *topo,
						  int nid);

#endif /* _AISCHED_TOPOLOGY_H */
