// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the memory policy a placement gives a task, and for
 * comparing policies read back.
 */

#include <kunit/test.h>
#include <linux/aisched.h>
#include <linux/mempolicy.h>

#include "../tags.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

struct mem_want_case {
	const char *what;
	u32 placement;
	u32 mem;
	int home;
	unsigned long target;	/* bits: nodes 0-7 */
	int mode;
	unsigned long nodes;
};

static const struct mem_want_case mem_want_cases[] = {
	{ "none", AISCHED_PLACEMENT_NONE, AISCHED_MEM_PREFERRED, 1, 0x2,
	  -1, 0 },
	{ "local, one node", AISCHED_PLACEMENT_LOCAL, AISCHED_MEM_PREFERRED,
	  NUMA_NO_NODE, 0x2, MPOL_PREFERRED, 0x2 },
	{ "local, its home of two", AISCHED_PLACEMENT_LOCAL,
	  AISCHED_MEM_PREFERRED, 0, 0x3, MPOL_PREFERRED, 0x1 },
	{ "local, no home of two", AISCHED_PLACEMENT_LOCAL,
	  AISCHED_MEM_PREFERRED, NUMA_NO_NODE, 0x3, MPOL_PREFERRED_MANY,
	  0x3 },
	{ "local strict", AISCHED_PLACEMENT_LOCAL, AISCHED_MEM_STRICT, 3,
	  0xc, MPOL_BIND, 0x8 },
	{ "spread, two nodes", AISCHED_PLACEMENT_SPREAD,
	  AISCHED_MEM_PREFERRED, 1, 0x6, MPOL_PREFERRED_MANY, 0x6 },
	{ "spread, one node", AISCHED_PLACEMENT_SPREAD, AISCHED_MEM_PREFERRED,
	  NUMA_NO_NODE, 0x2, MPOL_PREFERRED, 0x2 },
	{ "spread strict", AISCHED_PLACEMENT_SPREAD, AISCHED_MEM_STRICT,
	  NUMA_NO_NODE, 0x3, MPOL_BIND, 0x3 },
	{ "prefer", AISCHED_PLACEMENT_PREFER, AISCHED_MEM_PREFERRED, 1, 0x3,
	  MPOL_PREFERRED, 0x2 },
	{ "prefer strict", AISCHED_PLACEMENT_PREFER, AISCHED_MEM_STRICT, 0,
	  0x1, MPOL_BIND, 0x1 },
};

static void mem_want_desc(const struct mem_want_case *c, char *desc)
{
	strscpy(desc, c->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mem_want, mem_want_cases, mem_want_desc);

static nodemask_t mem_nodes(unsigned long bits)
{
	nodemask_t m = NODE_MASK_NONE;
	int n;

	for (n = 0; n < 8 && n < MAX_NUMNODES; n++)
		if (bits & BIT(n))
			node_set(n, m);
	return m;
}

static void mem_want_policy(struct kunit *test)
{
	const struct mem_want_case *c = test->param_value;
	struct aisched_mpol *want;
	nodemask_t target = mem_nodes(c->target), nodes = mem_nodes(c->nodes);

	want = kunit_kzalloc(test, sizeof(*want), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, want);
	aisched_mem_want(c->placement, c->mem, c->home, &target, want);
	KUNIT_EXPECT_EQ(test, want->mode, c->mode);
	KUNIT_EXPECT_TRUE_MSG(test, nodes_equal(want->nodes, nodes),
			      "nodes %*pbl, expected %*pbl",
			      nodemask_pr_args(&want->nodes),
			      nodemask_pr_args(&nodes));
}

/* A policy that could not be read (mode -1) equals nothing, not even itself. */
static void mem_mpol_equal(struct kunit *test)
{
	struct aisched_mpol *a, *b;

	a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	a->mode = MPOL_PREFERRED;
	a->nodes = mem_nodes(0x2);
	*b = *a;
	KUNIT_EXPECT_TRUE(test, aisched_mpol_equal(a, b));
	b->nodes = mem_nodes(0x1);
	KUNIT_EXPECT_FALSE(test, aisched_mpol_equal(a, b));
	*b = *a;
	b->mode = MPOL_BIND;
	KUNIT_EXPECT_FALSE(test, aisched_mpol_equal(a, b));
	a->mode = -1;
	*b = *a;
	KUNIT_EXPECT_FALSE(test, aisched_mpol_equal(a, b));
	a->mode = MPOL_DEFAULT;
	nodes_clear(a->nodes);
	*b = *a;
	KUNIT_EXPECT_TRUE(test, aisched_mpol_equal(a, b));
}

static struct kunit_case mem_cases[] = {
	KUNIT_CASE_PARAM(mem_want_policy, mem_want_gen_params),
	KUNIT_CASE(mem_mpol_equal),
	{}
};

static struct kunit_suite mem_suite = {
	.name = "aisched_mem",
	.test_cases = mem_cases,
};

kunit_test_suite(mem_suite);
