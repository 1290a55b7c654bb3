// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the NUMA topology snapshot: it must equal the live
 * topology of the machine the suite runs on (the test VM has two nodes),
 * and lookups must find exactly the online nodes.
 */

#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/topology.h>

#include "../topology.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void topo_exit(struct kunit *test)
{
	aisched_topo_free(test->priv);
}

static int topo_init(struct kunit *test)
{
	test->priv = aisched_topo_snapshot(GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void snapshot_lists_online_nodes_in_order(struct kunit *test)
{
	const struct aisched_topo *topo = test->priv;
	unsigned int i = 0;
	int nid;

	KUNIT_EXPECT_EQ(test, topo->nr_nodes, num_online_nodes());
	for_each_online_node(nid) {
		KUNIT_ASSERT_LT(test, i, topo->nr_nodes);
		KUNIT_EXPECT_EQ(test, topo->nodes[i].nid, nid);
		i++;
	}
}

static void snapshot_cpus_are_online_node_cpus(struct kunit *test)
{
	const struct aisched_topo *topo = test->priv;
	cpumask_var_t want;
	unsigned int i;

	KUNIT_ASSERT_TRUE(test, zalloc_cpumask_var(&want, GFP_KERNEL));
	cpus_read_lock();
	for (i = 0; i < topo->nr_nodes; i++) {
		const struct aisched_node_snap *n = &topo->nodes[i];

		cpumask_and(want, cpumask_of_node(n->nid), cpu_online_mask);
		KUNIT_EXPECT_TRUE_MSG(test, cpumask_equal(n->cpus, want),
				      "node %d: %*pbl, want %*pbl", n->nid,
				      cpumask_pr_args(n->cpus), cpumask_pr_args(want));
		KUNIT_EXPECT_TRUE(test, cpumask_subset(n->cpus, cpu_online_mask));
	}
	cpus_read_unlock();
	free_cpumask_var(want);
}

/* Every online CPU belongs to exactly one node of the snapshot. */
static void snapshot_cpus_partition_online_cpus(struct kunit *test)
{
	const struct aisched_topo *topo = test->priv;
	unsigned int i, cpu, owners;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		owners = 0;
		for (i = 0; i < topo->nr_nodes; i++)
			owners += cpumask_test_cpu(cpu, topo->nodes[i].cpus);
		KUNIT_EXPECT_EQ_MSG(test, owners, 1U, "CPU %u", cpu);
	}
	cpus_read_unlock();
}

static void snapshot_memory_is_managed_pages(struct kunit *test)
{
	const struct aisched_topo *topo = test->priv;
	unsigned int i;

	for (i = 0; i < topo->nr_nodes; i++) {
		const struct aisched_node_snap *n = &topo->nodes[i];
		unsigned long pages = 0;
		int z;

		for (z = 0; z < MAX_NR_ZONES; z++)
			pages += zone_managed_pages(&NODE_DATA(n->nid)->node_zones[z]);
		KUNIT_EXPECT_EQ(test, n->mem_bytes, (u64)pages << PAGE_SHIFT);
		/* Every node of the test VM has memory. */
		KUNIT_EXPECT_GT(test, n->mem_bytes, 0ULL);
	}
}

static void lookup_finds_exactly_online_nodes(struct kunit *test)
{
	const struct aisched_topo *topo = test->priv;
	const struct aisched_node_snap *n;
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		n = aisched_topo_node(topo, nid);
		if (node_online(nid)) {
			KUNIT_ASSERT_NOT_NULL_MSG(test, n, "node %d", nid);
			KUNIT_EXPECT_EQ(test, n->nid, nid);
		} else {
			KUNIT_EXPECT_NULL_MSG(test, n, "node %d", nid);
		}
	}
	KUNIT_EXPECT_NULL(test, aisched_topo_node(topo, -1));
}

static struct kunit_case aisched_topology_test_cases[] = {
	KUNIT_CASE(snapshot_lists_online_nodes_in_order),
	KUNIT_CASE(snapshot_cpus_are_online_node_cpus),
	KUNIT_CASE(snapshot_cpus_partition_online_cpus),
	KUNIT_CASE(snapshot_memory_is_managed_pages),
	KUNIT_CASE(lookup_finds_exactly_online_nodes),
	{}
};

static struct kunit_suite aisched_topology_test_suite = {
	.name = "aisched_topology",
	.init = topo_init,
	.exit = topo_exit,
	.test_cases = aisched_topology_test_cases,
};

kunit_test_suite(aisched_topology_test_suite);
