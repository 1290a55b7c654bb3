// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the pool parameter: the pairs it takes, and the message
 * each malformed one gets.
 */

#include <kunit/test.h>

#include "../pool.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void pool_param_good(struct kunit *test)
{
	struct aisched_pool_param *p;
	const char *why = NULL;
	char bad[32];

	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, 0, aisched_pool_param_parse(NULL, 1, p, bad,
							  sizeof(bad), &why));
	KUNIT_EXPECT_EQ(test, p->nr, 0U);
	KUNIT_ASSERT_EQ(test, 0, aisched_pool_param_parse("", 1, p, bad,
							  sizeof(bad), &why));
	KUNIT_EXPECT_EQ(test, p->nr, 0U);
	KUNIT_ASSERT_EQ(test, 0, aisched_pool_param_parse("0:64,1:512", 1, p,
							  bad, sizeof(bad), &why));
	KUNIT_ASSERT_EQ(test, p->nr, 2U);
	KUNIT_EXPECT_EQ(test, p->want[0].node, 0U);
	KUNIT_EXPECT_EQ(test, p->want[0].pages, 64UL);
	KUNIT_EXPECT_EQ(test, p->want[1].node, 1U);
	KUNIT_EXPECT_EQ(test, p->want[1].pages, 512UL);
	KUNIT_ASSERT_EQ(test, 0, aisched_pool_param_parse("1:0", 1, p, bad,
							  sizeof(bad), &why));
	KUNIT_EXPECT_EQ(test, p->want[0].pages, 0UL);
}

struct pool_refusal {
	const char *in;
	const char *bad;
	const char *why;
};

static const struct pool_refusal pool_refusals[] = {
	{ "0", "0", "expected node:pages" },
	{ "0:64,", "", "empty pair" },
	{ ",0:64", "", "empty pair" },
	{ "0:x", "0:x", "node and pages must be decimal numbers" },
	{ "0:-1", "0:-1", "node and pages must be decimal numbers" },
	{ "+0:1", "+0:1", "node and pages must be decimal numbers" },
	{ "0:0x10", "0:0x10", "node and pages must be decimal numbers" },
	{ ":64", ":64", "node and pages must be decimal numbers" },
	{ "0:", "0:", "node and pages must be decimal numbers" },
	{ "0:1:2", "0:1:2", "node and pages must be decimal numbers" },
	{ "0:99999999999999999999", "0:99999999999999999999",
	  "node and pages must be decimal numbers" },
	{ "2:64", "2:64", "no such node" },
	{ "1:8,0:1,1:2", "1:2", "node given twice" },
	{ "0:123456789012345678901234567890", "0:123456789012345678901234567",
	  "too long for node:pages" },
};

static void pool_refusal_desc(const struct pool_refusal *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "'%s'", c->in);
}

KUNIT_ARRAY_PARAM(pool_refusal, pool_refusals, pool_refusal_desc);

static void pool_param_bad(struct kunit *test)
{
	const struct pool_refusal *c = test->param_value;
	struct aisched_pool_param *p;
	const char *why = NULL;
	char bad[30];

	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, -EINVAL, aisched_pool_param_parse(c->in, 1, p, bad,
								sizeof(bad),
								&why));
	KUNIT_EXPECT_STREQ(test, bad, c->bad);
	KUNIT_EXPECT_STREQ(test, why, c->why);
}

static struct kunit_case pool_test_cases[] = {
	KUNIT_CASE(pool_param_good),
	KUNIT_CASE_PARAM(pool_param_bad, pool_refusal_gen_params),
	{}
};

static struct kunit_suite pool_test_suite = {
	.name = "aisched_pool",
	.test_cases = pool_test_cases,
};

kunit_test_suite(pool_test_suite);
