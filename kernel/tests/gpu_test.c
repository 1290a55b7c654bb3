// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for what makes a PCI device a GPU: the classes aisched
 * matches, the gpu_ids rules, their precedence, and the message a
 * malformed rule gets.
 */

#include <kunit/test.h>
#include <linux/pci_ids.h>

#include "../compat.h"
#include "../gpu.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void gpu_class_match(struct kunit *test)
{
	/* Display VGA, 3D, other; processing accelerators; any prog-if. */
	KUNIT_EXPECT_TRUE(test, aisched_gpu_class_match(0x030000));
	KUNIT_EXPECT_TRUE(test, aisched_gpu_class_match(0x030001));
	KUNIT_EXPECT_TRUE(test, aisched_gpu_class_match(0x030200));
	KUNIT_EXPECT_TRUE(test, aisched_gpu_class_match(0x038000));
	KUNIT_EXPECT_TRUE(test, aisched_gpu_class_match(0x120000));
	/* XGA (0x0301), other display-less classes, bridges, NICs. */
	KUNIT_EXPECT_FALSE(test, aisched_gpu_class_match(0x030100));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_class_match(0x060000));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_class_match(0x020000));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_class_match(0x120100));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_class_match(0x000000));
}

static void gpu_rules_parse_good(struct kunit *test)
{
	struct aisched_gpu_rules r;
	const char *why = NULL;
	char bad[24];

	KUNIT_ASSERT_EQ(test, 0, aisched_gpu_rules_parse(NULL, &r, bad,
							 sizeof(bad), &why));
	KUNIT_EXPECT_EQ(test, r.nr, 0U);
	KUNIT_ASSERT_EQ(test, 0, aisched_gpu_rules_parse("", &r, bad,
							 sizeof(bad), &why));
	KUNIT_EXPECT_EQ(test, r.nr, 0U);

	KUNIT_ASSERT_EQ(test, 0,
			aisched_gpu_rules_parse("10de:20b0,-*:*,+1002:*,8086:7000",
						&r, bad, sizeof(bad), &why));
	KUNIT_ASSERT_EQ(test, r.nr, 4U);
	KUNIT_EXPECT_TRUE(test, r.rule[0].add);
	KUNIT_EXPECT_EQ(test, r.rule[0].vendor, 0x10deU);
	KUNIT_EXPECT_EQ(test, r.rule[0].device, 0x20b0U);
	KUNIT_EXPECT_FALSE(test, r.rule[1].add);
	KUNIT_EXPECT_EQ(test, r.rule[1].vendor, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.rule[1].device, U32_MAX);
	KUNIT_EXPECT_TRUE(test, r.rule[2].add);
	KUNIT_EXPECT_EQ(test, r.rule[2].vendor, 0x1002U);
	KUNIT_EXPECT_EQ(test, r.rule[2].device, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.rule[3].vendor, 0x8086U);
	KUNIT_EXPECT_EQ(test, r.rule[3].device, 0x7000U);

	/* Upper-case hex and short ids are ids like any other. */
	KUNIT_ASSERT_EQ(test, 0, aisched_gpu_rules_parse("-10DE:1,+f:*", &r, bad,
							 sizeof(bad), &why));
	KUNIT_EXPECT_EQ(test, r.rule[0].vendor, 0x10deU);
	KUNIT_EXPECT_EQ(test, r.rule[0].device, 1U);
	KUNIT_EXPECT_EQ(test, r.rule[1].vendor, 0xfU);
}

struct rule_refusal {
	const char *in;
	const char *bad;
	const char *why;
};

static const struct rule_refusal rule_refusals[] = {
	{ "10de", "10de", "expected vendor:device" },
	{ "10de:20b0,", "", "empty rule" },
	{ ",10de:20b0", "", "empty rule" },
	{ "10de:20b0,,1002:*", "", "empty rule" },
	{ "10de:g000", "10de:g000", "vendor and device must be 1-4 hex digits or *" },
	{ "10de0:1", "10de0:1", "vendor and device must be 1-4 hex digits or *" },
	{ "10de:", "10de:", "vendor and device must be 1-4 hex digits or *" },
	{ ":1", ":1", "vendor and device must be 1-4 hex digits or *" },
	{ "*x:1", "*x:1", "vendor and device must be 1-4 hex digits or *" },
	{ "+-10de:1", "+-10de:1", "vendor and device must be 1-4 hex digits or *" },
	{ "1:2:3", "1:2:3", "vendor and device must be 1-4 hex digits or *" },
	{ "0x10de:1", "0x10de:1", "vendor and device must be 1-4 hex digits or *" },
	{ "-10de:20b0:1234567", "-10de:20b0:1234", "too long for [+|-]VVVV:DDDD" },
};

static void rule_refusal_desc(const struct rule_refusal *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "'%s'", c->in);
}

KUNIT_ARRAY_PARAM(rule_refusal, rule_refusals, rule_refusal_desc);

static void gpu_rules_parse_bad(struct kunit *test)
{
	const struct rule_refusal *c = test->param_value;
	struct aisched_gpu_rules r;
	const char *why = NULL;
	char bad[16];

	KUNIT_EXPECT_EQ(test, -EINVAL,
			aisched_gpu_rules_parse(c->in, &r, bad, sizeof(bad), &why));
	KUNIT_EXPECT_STREQ(test, bad, c->bad);
	KUNIT_EXPECT_STREQ(test, why, c->why);
}

static void gpu_rules_too_many(struct kunit *test)
{
	struct aisched_gpu_rules r;
	const char *why = NULL;
	char *s, bad[24];
	int i, len = 0;

	s = kunit_kzalloc(test, 40 * 8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	for (i = 0; i < AISCHED_GPU_RULES_MAX; i++)
		len += sprintf(s + len, "%s%x:1", i ? "," : "", i + 1);
	KUNIT_EXPECT_EQ(test, 0, aisched_gpu_rules_parse(s, &r, bad, sizeof(bad),
							 &why));
	KUNIT_EXPECT_EQ(test, r.nr, (unsigned int)AISCHED_GPU_RULES_MAX);
	strcat(s, ",ffff:1");
	KUNIT_EXPECT_EQ(test, -EINVAL, aisched_gpu_rules_parse(s, &r, bad,
							       sizeof(bad), &why));
	KUNIT_EXPECT_STREQ(test, bad, "ffff:1");
	KUNIT_EXPECT_STREQ(test, why, "more than 32 rules");
}

static void gpu_wanted(struct kunit *test)
{
	struct aisched_gpu_rules r;
	const char *why = NULL;
	char bad[24];

	/* No rules: the class decides. */
	KUNIT_ASSERT_EQ(test, 0, aisched_gpu_rules_parse("", &r, bad,
							 sizeof(bad), &why));
	KUNIT_EXPECT_TRUE(test, aisched_gpu_wanted(&r, 0x10de, 0x20b0, 0x030200));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_wanted(&r, 0x8086, 0x7000, 0x060100));

	/* Extend by id; exclude by id; the class still decides the rest. */
	KUNIT_ASSERT_EQ(test, 0, aisched_gpu_rules_parse("8086:7000,-1234:1111",
							 &r, bad, sizeof(bad),
							 &why));
	KUNIT_EXPECT_TRUE(test, aisched_gpu_wanted(&r, 0x8086, 0x7000, 0x060100));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_wanted(&r, 0x8086, 0x7001, 0x060100));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_wanted(&r, 0x1234, 0x1111, 0x038000));
	KUNIT_EXPECT_TRUE(test, aisched_gpu_wanted(&r, 0x1234, 0x1112, 0x038000));

	/* Narrow to one vendor: the last matching rule wins. */
	KUNIT_ASSERT_EQ(test, 0, aisched_gpu_rules_parse("-*:*,+10de:*,-10de:1af1",
							 &r, bad, sizeof(bad),
							 &why));
	KUNIT_EXPECT_TRUE(test, aisched_gpu_wanted(&r, 0x10de, 0x20b0, 0x030200));
	KUNIT_EXPECT_TRUE(test, aisched_gpu_wanted(&r, 0x10de, 0x1234, 0x068000));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_wanted(&r, 0x10de, 0x1af1, 0x030200));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_wanted(&r, 0x1002, 0x740f, 0x038000));
	KUNIT_EXPECT_FALSE(test, aisched_gpu_wanted(&r, 0x1234, 0x1111, 0x038000));
}

static struct kunit_case gpu_test_cases[] = {
	KUNIT_CASE(gpu_class_match),
	KUNIT_CASE(gpu_rules_parse_good),
	KUNIT_CASE_PARAM(gpu_rules_parse_bad, rule_refusal_gen_params),
	KUNIT_CASE(gpu_rules_too_many),
	KUNIT_CASE(gpu_wanted),
	{}
};

static struct kunit_suite gpu_test_suite = {
	.name = "aisched_gpu",
	.test_cases = gpu_test_cases,
};

kunit_test_suite(gpu_test_suite);
