// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: snapshots of the host's NUMA topology.
 *
 * GET_INFO and NODE_GET report the online nodes with their online CPUs and
 * memory. The answer is built from a snapshot taken under cpus_read_lock(),
 * so a node's CPU list is consistent with itself even while CPUs go on- or
 * offline, and the message is built without holding any lock.
 */

#include <kunit/visibility.h>
#include <linux/cpu.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/topology.h>

#include "topology.h"

static u64 aisched_node_mem_bytes(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long pages = 0;
	int z;

	/* The same sum as si_meminfo_node(), i.e. the node's MemTotal. */
	for (z = 0; z < MAX_NR_ZONES; z++)
		pages += zone_managed_pages(&pgdat->node_zones[z]);
	return (u64)pages << PAGE_SHIFT;
}

/**
 * aisched_topo_free() - free a snapshot
 * @topo: snapshot from aisched_topo_snapshot(), or NULL
 *
 * Context: any context.
 */
void aisched_topo_free(struct aisched_topo *topo)
{
	unsigned int i;

	if (!topo)
		return;
	for (i = 0; i < topo->nr_nodes; i++)
		free_cpumask_var(topo->nodes[i].cpus);
	kfree(topo);
}
EXPORT_SYMBOL_IF_KUNIT(aisched_topo_free);

/**
 * aisched_topo_snapshot() - snapshot the online NUMA nodes
 * @gfp: allocation flags; must allow sleeping
 *
 * Records every online node in increasing id order, with the node's online
 * CPUs and the memory its page allocator manages.
 *
 * Context: process context; takes and releases cpus_read_lock().
 * Return: the snapshot, to be freed with aisched_topo_free(), or NULL if
 * memory ran out.
 */
struct aisched_topo *aisched_topo_snapshot(gfp_t gfp)
{
	struct aisched_topo *topo;
	int nid;

	might_sleep();

	/* nr_node_ids bounds every node id, online now or later. */
	topo = kzalloc(struct_size(topo, nodes, nr_node_ids), gfp);
	if (!topo)
		return NULL;

	cpus_read_lock();
	for_each_online_node(nid) {
		struct aisched_node_snap *n = &topo->nodes[topo->nr_nodes];

		if (WARN_ON_ONCE(topo->nr_nodes >= nr_node_ids))
			break;
		if (!zalloc_cpumask_var(&n->cpus, gfp))
			goto nomem;
		topo->nr_nodes++;
		n->nid = nid;
		n->mem_bytes = aisched_node_mem_bytes(nid);
		cpumask_and(n->cpus, cpumask_of_node(nid), cpu_online_mask);
	}
	cpus_read_unlock();
	return topo;

nomem:
	cpus_read_unlock();
	aisched_topo_free(topo);
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_topo_snapshot);

/**
 * aisched_topo_node() - find a node in a snapshot
 * @topo: the snapshot
 * @nid: node id
 *
 * Context: any context.
 * Return: the node's entry, or NULL if @nid was not online at snapshot time.
 */
const struct aisched_node_snap *aisched_topo_node(const struct aisched_topo *topo,
						  int nid)
{
	unsigned int i;

	for (i = 0; i < topo->nr_nodes; i++)
		if (topo->nodes[i].nid == nid)
			return &topo->nodes[i];
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_topo_node);
