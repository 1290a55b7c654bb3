// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for building GET_INFO and NODE_GET replies: the attributes
 * aisched_nl_info_fill() and aisched_nl_node_fill() put, and the sizes
 * aisched_nl_info_size() and aisched_nl_node_size() promise.
 */

#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <linux/aisched.h>

#include "../aisched.h"
#include "../netlink.h"
#include "../topology.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define MAX_TEST_NODES	4
#define MAX_TEST_CPUS	8

/* A topology to report: node ids, their CPUs (-1 ends a list), memory. */
struct info_case {
	const char *name;
	unsigned int nr_nodes;
	int nid[MAX_TEST_NODES];
	int cpus[MAX_TEST_NODES][MAX_TEST_CPUS];
	u64 mem[MAX_TEST_NODES];
	u64 features;
};

static const struct info_case info_cases[] = {
	{
		.name = "no nodes",
		.nr_nodes = 0,
	},
	{
		.name = "one node, no CPUs",
		.nr_nodes = 1,
		.nid = { 0 },
		.cpus = { { -1 } },
		.mem = { 4096 },
	},
	{
		.name = "two nodes like the test VM",
		.nr_nodes = 2,
		.nid = { 0, 1 },
		.cpus = { { 0, 1, -1 }, { 2, 3, -1 } },
		.mem = { 1ULL << 30, 1ULL << 30 },
		.features = 0x5,
	},
	{
		.name = "sparse node ids, every possible CPU",
		.nr_nodes = 2,
		.nid = { 1, 3 },
		.cpus = { { 0, -1 }, { 1, 2, 3, -1 } },
		.mem = { 0, U64_MAX },
		.features = U64_MAX,
	},
};

static void info_case_to_desc(const struct info_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(info, info_cases, info_case_to_desc);

/* The test's own snapshot; CPUs beyond nr_cpu_ids are left out. */
static struct aisched_topo *topo_from_case(struct kunit *test,
					   const struct info_case *c)
{
	struct aisched_topo *topo;
	unsigned int i, j;

	topo = kzalloc(struct_size(topo, nodes, MAX_TEST_NODES), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, topo);
	for (i = 0; i < c->nr_nodes; i++) {
		struct aisched_node_snap *n = &topo->nodes[i];

		if (!zalloc_cpumask_var(&n->cpus, GFP_KERNEL)) {
			aisched_topo_free(topo);
			KUNIT_ASSERT_FAILURE(test, "out of memory");
		}
		topo->nr_nodes++;
		n->nid = c->nid[i];
		n->mem_bytes = c->mem[i];
		for (j = 0; j < MAX_TEST_CPUS && c->cpus[i][j] >= 0; j++)
			if (c->cpus[i][j] < nr_cpu_ids)
				cpumask_set_cpu(c->cpus[i][j], n->cpus);
	}
	return topo;
}

/* Checks one node's attributes against the snapshot entry they came from. */
static void expect_node_attrs(struct kunit *test, const struct nlattr *head,
			      int len, const struct aisched_node_snap *n)
{
	size_t cpus_len = DIV_ROUND_UP(nr_cpu_ids, 32) * sizeof(u32);
	struct nlattr *tb[AISCHED_A_NODE_MAX + 1];
	unsigned int cpu;
	u32 *words;

	KUNIT_ASSERT_EQ(test, 0, nla_parse_deprecated(tb, AISCHED_A_NODE_MAX,
						      head, len, NULL, NULL));
	KUNIT_ASSERT_NOT_NULL(test, tb[AISCHED_A_NODE_ID]);
	KUNIT_ASSERT_NOT_NULL(test, tb[AISCHED_A_NODE_CPUS]);
	KUNIT_ASSERT_NOT_NULL(test, tb[AISCHED_A_NODE_MEM_TOTAL]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[AISCHED_A_NODE_ID]), (u32)n->nid);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[AISCHED_A_NODE_MEM_TOTAL]), n->mem_bytes);

	/* The bitmap covers every possible CPU, in 32-bit words. */
	KUNIT_ASSERT_EQ(test, (size_t)nla_len(tb[AISCHED_A_NODE_CPUS]), cpus_len);
	words = kunit_kzalloc(test, cpus_len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, words);
	memcpy(words, nla_data(tb[AISCHED_A_NODE_CPUS]), cpus_len);
	for (cpu = 0; cpu < cpus_len * BITS_PER_BYTE; cpu++) {
		bool set = words[cpu / 32] & BIT(cpu % 32);

		KUNIT_EXPECT_EQ_MSG(test, set,
				    cpu < nr_cpu_ids && cpumask_test_cpu(cpu, n->cpus),
				    "node %d, CPU %u", n->nid, cpu);
	}
}

static void info_fill_round_trip(struct kunit *test)
{
	const struct info_case *c = test->param_value;
	struct aisched_topo *topo = topo_from_case(test, c);
	struct nlattr *tb[AISCHED_A_INFO_MAX + 1], *attr;
	unsigned int seen = 0;
	struct sk_buff *skb;
	int rem;

	skb = alloc_skb(aisched_nl_info_size(topo), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, 0, aisched_nl_info_fill(skb, topo, c->features));

	KUNIT_ASSERT_EQ(test, 0, nla_parse_deprecated(tb, AISCHED_A_INFO_MAX,
						      (struct nlattr *)skb->data,
						      skb->len, NULL, NULL));
	KUNIT_ASSERT_NOT_NULL(test, tb[AISCHED_A_INFO_VERSION]);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[AISCHED_A_INFO_VERSION]),
			   AISCHED_VERSION);
	KUNIT_ASSERT_NOT_NULL(test, tb[AISCHED_A_INFO_ABI_VERSION]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[AISCHED_A_INFO_ABI_VERSION]),
			(u32)AISCHED_FAMILY_VERSION);
	KUNIT_ASSERT_NOT_NULL(test, tb[AISCHED_A_INFO_FEATURES]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[AISCHED_A_INFO_FEATURES]), c->features);

	/* One NODE nest per node, in snapshot order. */
	nla_for_each_attr(attr, (struct nlattr *)skb->data, skb->len, rem) {
		if (nla_type(attr) != AISCHED_A_INFO_NODE)
			continue;
		KUNIT_ASSERT_LT(test, seen, topo->nr_nodes);
		expect_node_attrs(test, nla_data(attr), nla_len(attr),
				  &topo->nodes[seen]);
		seen++;
	}
	KUNIT_EXPECT_EQ(test, seen, topo->nr_nodes);

	kfree_skb(skb);
	aisched_topo_free(topo);
}

/*
 * The promised size is enough and close: it may only exceed what is used by
 * the alignment padding of the u64 attributes (4 bytes each, features and
 * every node's memory) that the tail's alignment made unnecessary.
 */
static void info_size_is_tight(struct kunit *test)
{
	const struct info_case *c = test->param_value;
	struct aisched_topo *topo = topo_from_case(test, c);
	size_t size = aisched_nl_info_size(topo);
	struct sk_buff *skb;

	skb = alloc_skb(size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, 0, aisched_nl_info_fill(skb, topo, c->features));
	KUNIT_EXPECT_LE(test, (size_t)skb->len, size);
	KUNIT_EXPECT_LE(test, size - skb->len, (size_t)4 * (1 + topo->nr_nodes));
	kfree_skb(skb);
	aisched_topo_free(topo);
}

/* With less room than the reply needs, filling fails with -EMSGSIZE. */
static void info_fill_short_buffer(struct kunit *test)
{
	const struct info_case *c = test->param_value;
	struct aisched_topo *topo = topo_from_case(test, c);
	unsigned int need, filler, start;
	struct sk_buff *skb;

	skb = alloc_skb(aisched_nl_info_size(topo), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, 0, aisched_nl_info_fill(skb, topo, c->features));
	need = skb->len;
	kfree_skb(skb);

	/*
	 * Leave between need - 15 and need - 8 bytes of room; the filler is a
	 * multiple of 8 so the tail keeps its alignment, and with it the
	 * padding the reply needs.
	 */
	skb = alloc_skb(need, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	filler = round_up(skb_tailroom(skb) - (need - 8), 8);
	skb_put_zero(skb, filler);
	start = skb->len;
	KUNIT_ASSERT_LT(test, skb_tailroom(skb), (int)need);
	KUNIT_EXPECT_EQ(test, -EMSGSIZE, aisched_nl_info_fill(skb, topo, c->features));
	KUNIT_EXPECT_LE(test, skb->len - start, need);
	kfree_skb(skb);
	aisched_topo_free(topo);
}

/* NODE_GET's reply is the same node attributes, at the top level. */
static void node_fill_round_trip(struct kunit *test)
{
	const struct info_case *c = &info_cases[2];
	struct aisched_topo *topo = topo_from_case(test, c);
	unsigned int i;

	for (i = 0; i < topo->nr_nodes; i++) {
		struct sk_buff *skb = alloc_skb(aisched_nl_node_size(), GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_ASSERT_EQ(test, 0, aisched_nl_node_fill(skb, &topo->nodes[i]));
		KUNIT_EXPECT_LE(test, skb->len, (unsigned int)aisched_nl_node_size());
		expect_node_attrs(test, (struct nlattr *)skb->data, skb->len,
				  &topo->nodes[i]);
		kfree_skb(skb);
	}
	aisched_topo_free(topo);
}

static struct kunit_case aisched_netlink_test_cases[] = {
	KUNIT_CASE_PARAM(info_fill_round_trip, info_gen_params),
	KUNIT_CASE_PARAM(info_size_is_tight, info_gen_params),
	KUNIT_CASE_PARAM(info_fill_short_buffer, info_gen_params),
	KUNIT_CASE(node_fill_round_trip),
	{}
};

static struct kunit_suite aisched_netlink_test_suite = {
	.name = "aisched_netlink",
	.test_cases = aisched_netlink_test_cases,
};

kunit_test_suite(aisched_netlink_test_suite);
