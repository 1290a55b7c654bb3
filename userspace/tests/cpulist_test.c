// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the CPU bitmap decoding and cpulist formatting.
 */

#include <errno.h>
#include <stdint.h>

#include "kselftest_harness.h"

#include "aisched.h"
#include "capture.h"
#include "cpulist.h"
#include "print.h"

#define MAX_WORDS 4

FIXTURE(cpulist) {
	struct aisched_cpumask mask;
};

/*
 * @words: the bitmap as the kernel sends it (host order, word 0 = CPUs 0-31)
 * @nr_words: how many of @words are sent
 * @list: the cpulist it must format as
 * @json: the JSON array of CPU numbers it must give, if not NULL
 */
FIXTURE_VARIANT(cpulist) {
	uint32_t words[MAX_WORDS];
	size_t nr_words;
	const char *list;
	const char *json;
};

FIXTURE_VARIANT_ADD(cpulist, empty) {
	.words = { 0 }, .nr_words = 1, .list = "", .json = "[]",
};

FIXTURE_VARIANT_ADD(cpulist, empty_several_words) {
	.words = { 0, 0, 0 }, .nr_words = 3, .list = "", .json = "[]",
};

FIXTURE_VARIANT_ADD(cpulist, cpu_0) {
	.words = { 0x1 }, .nr_words = 1, .list = "0", .json = "[0]",
};

FIXTURE_VARIANT_ADD(cpulist, single_cpu) {
	.words = { 0x8 }, .nr_words = 1, .list = "3", .json = "[3]",
};

FIXTURE_VARIANT_ADD(cpulist, two_cpus_are_a_range) {
	.words = { 0x3 }, .nr_words = 1, .list = "0-1", .json = "[0,1]",
};

FIXTURE_VARIANT_ADD(cpulist, range) {
	.words = { 0xf0 }, .nr_words = 1, .list = "4-7", .json = "[4,5,6,7]",
};

FIXTURE_VARIANT_ADD(cpulist, gaps) {
	.words = { 0x35 }, .nr_words = 1, .list = "0,2,4-5", .json = "[0,2,4,5]",
};

FIXTURE_VARIANT_ADD(cpulist, whole_word) {
	.words = { 0xffffffff }, .nr_words = 1, .list = "0-31",
};

FIXTURE_VARIANT_ADD(cpulist, cpu_31) {
	.words = { 0x80000000 }, .nr_words = 1, .list = "31", .json = "[31]",
};

FIXTURE_VARIANT_ADD(cpulist, second_word) {
	.words = { 0, 0x3 }, .nr_words = 2, .list = "32-33", .json = "[32,33]",
};

FIXTURE_VARIANT_ADD(cpulist, range_across_words) {
	.words = { 0x80000000, 0x1 }, .nr_words = 2, .list = "31-32",
	.json = "[31,32]",
};

FIXTURE_VARIANT_ADD(cpulist, two_full_words) {
	.words = { 0xffffffff, 0xffffffff }, .nr_words = 2, .list = "0-63",
};

FIXTURE_VARIANT_ADD(cpulist, last_bit_of_last_word) {
	.words = { 0, 0, 0, 0x80000000 }, .nr_words = 4, .list = "127",
	.json = "[127]",
};

FIXTURE_VARIANT_ADD(cpulist, mixed_words) {
	.words = { 0x3, 0, 0x10, 0xc0000000 }, .nr_words = 4,
	.list = "0-1,68,126-127", .json = "[0,1,68,126,127]",
};

FIXTURE_VARIANT_ADD(cpulist, alternate_bits) {
	.words = { 0x55 }, .nr_words = 1, .list = "0,2,4,6", .json = "[0,2,4,6]",
};

FIXTURE_SETUP(cpulist)
{
	ASSERT_EQ(0, aisched_cpumask_decode(&self->mask, variant->words,
					    variant->nr_words * sizeof(uint32_t)));
	ASSERT_EQ(variant->nr_words, self->mask.nr_words);
}

FIXTURE_TEARDOWN(cpulist)
{
	aisched_cpumask_free(&self->mask);
}

TEST_F(cpulist, format)
{
	char buf[64];
	size_t len;

	memset(buf, 'X', sizeof(buf));
	len = aisched_cpulist_format(buf, sizeof(buf), &self->mask);
	EXPECT_STREQ(variant->list, buf);
	EXPECT_EQ(strlen(variant->list), len);
}

TEST_F(cpulist, format_alloc)
{
	char *list = aisched_cpulist_alloc(&self->mask);

	ASSERT_NE(NULL, list);
	EXPECT_STREQ(variant->list, list);
	free(list);
}

/* Every truncation is terminated, a prefix, and reports the full length. */
TEST_F(cpulist, format_truncated)
{
	size_t full = strlen(variant->list), size, len;
	char buf[64];

	for (size = 1; size <= full; size++) {
		memset(buf, 'X', sizeof(buf));
		len = aisched_cpulist_format(buf, size, &self->mask);
		ASSERT_EQ(full, len);
		ASSERT_EQ(size - 1, strlen(buf));
		ASSERT_EQ(0, strncmp(buf, variant->list, size - 1));
	}
	EXPECT_EQ(full, aisched_cpulist_format(NULL, 0, &self->mask));
}

TEST_F(cpulist, json_array)
{
	unsigned long cpu, nbits = variant->nr_words * 32;
	struct json_object *arr;
	size_t i = 0;

	arr = aisched_json_cpu_array(&self->mask);
	ASSERT_NE(NULL, arr);
	if (variant->json)
		EXPECT_STREQ(variant->json,
			     json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN));
	/* Whatever the bitmap, the array lists its set bits in order. */
	for (cpu = 0; cpu < nbits; cpu++) {
		if (!(variant->words[cpu / 32] & (1u << (cpu % 32))))
			continue;
		ASSERT_LT(i, json_object_array_length(arr));
		EXPECT_EQ(cpu, json_object_get_uint64(json_object_array_get_idx(arr, i)));
		i++;
	}
	EXPECT_EQ(i, json_object_array_length(arr));
	json_object_put(arr);
}

TEST_F(cpulist, test_bits)
{
	unsigned long cpu, nbits = variant->nr_words * 32;

	for (cpu = 0; cpu < nbits; cpu++)
		EXPECT_EQ(!!(variant->words[cpu / 32] & (1u << (cpu % 32))),
			  aisched_cpumask_test(&self->mask, cpu));
	/* Beyond the bitmap nothing is set. */
	EXPECT_FALSE(aisched_cpumask_test(&self->mask, nbits));
	EXPECT_FALSE(aisched_cpumask_test(&self->mask, ~0ul));
}

/* The attribute length must be a non-zero multiple of 4 bytes. */
TEST(decode_lengths)
{
	static const uint8_t data[16] = { 0xff, 0x01, 0, 0, 0x02 };
	struct aisched_cpumask mask;
	size_t len;

	for (len = 0; len <= sizeof(data); len++) {
		int ret = aisched_cpumask_decode(&mask, data, len);

		if (len && len % 4 == 0) {
			ASSERT_EQ(0, ret) TH_LOG("length %zu", len);
			EXPECT_EQ(len / 4, mask.nr_words);
			aisched_cpumask_free(&mask);
		} else {
			ASSERT_EQ(-EINVAL, ret) TH_LOG("length %zu", len);
			EXPECT_EQ(NULL, mask.words);
			EXPECT_EQ(0, mask.nr_words);
		}
	}
}

/* Netlink only promises 4-byte alignment; any alignment must do. */
TEST(decode_unaligned)
{
	uint32_t word = 0x00000106;	/* CPUs 1, 2 and 8 */
	uint8_t buf[sizeof(word) + 1];
	struct aisched_cpumask mask;
	char list[16];

	memcpy(buf + 1, &word, sizeof(word));
	ASSERT_EQ(0, aisched_cpumask_decode(&mask, buf + 1, sizeof(word)));
	aisched_cpulist_format(list, sizeof(list), &mask);
	EXPECT_STREQ("1-2,8", list);
	aisched_cpumask_free(&mask);
	EXPECT_EQ(NULL, mask.words);
}

/* Parsing, and formatting back: the canonical form of each list. */
TEST(parse)
{
	static const struct {
		const char *in;
		const char *out;
		size_t nr_words;
	} cases[] = {
		{ "0", "0", 1 },
		{ "31", "31", 1 },
		{ "32", "32", 2 },
		{ "0-3,6", "0-3,6", 1 },
		{ "6,0-3", "0-3,6", 1 },
		{ "1,1,1", "1", 1 },
		{ "0-2,1-4", "0-4", 1 },
		{ "5-5", "5", 1 },
		{ "0-63", "0-63", 2 },
		{ "000,010", "0,10", 1 },
		{ "8191", "8191", 256 },
		{ "3,2,1,0", "0-3", 1 },
	};
	struct aisched_cpumask mask;
	char buf[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_EQ(0, aisched_cpulist_parse(&mask, cases[i].in, 8191, NULL))
			TH_LOG("%s", cases[i].in);
		EXPECT_EQ(cases[i].nr_words, mask.nr_words) TH_LOG("%s", cases[i].in);
		aisched_cpulist_format(buf, sizeof(buf), &mask);
		EXPECT_STREQ(cases[i].out, buf);
		aisched_cpumask_free(&mask);
	}
}

TEST(parse_bad)
{
	static const char *const bad[] = {
		"", ",", "1,", ",1", "1,,2", "-1", "1-", "3-1", "1-2-3", "a",
		"1 ", " 1", "1, 2", "0x1", "+1", "1:2", "0-3:2/4", "1\n",
	};
	struct aisched_cpumask mask;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, aisched_cpulist_parse(&mask, bad[i], 8191, NULL))
			TH_LOG("'%s'", bad[i]);
		aisched_cpumask_free(&mask);
	}
}

TEST(parse_range)
{
	struct aisched_cpumask mask;
	unsigned long bad = 0;

	EXPECT_EQ(-ERANGE, aisched_cpulist_parse(&mask, "0,64", 63, &bad));
	EXPECT_EQ(64, bad);
	aisched_cpumask_free(&mask);
	EXPECT_EQ(-ERANGE, aisched_cpulist_parse(&mask, "60-70", 63, &bad));
	EXPECT_EQ(70, bad);
	aisched_cpumask_free(&mask);
	EXPECT_EQ(-ERANGE, aisched_cpulist_parse(&mask, "100-200", 63, &bad));
	EXPECT_EQ(100, bad);
	aisched_cpumask_free(&mask);
	EXPECT_EQ(-ERANGE, aisched_cpulist_parse(&mask, "99999999999999999999999",
						 63, &bad));
	EXPECT_EQ(~0ul, bad);
	aisched_cpumask_free(&mask);
	EXPECT_EQ(0, aisched_cpulist_parse(&mask, "63", 63, NULL));
	EXPECT_EQ(2, mask.nr_words);
	aisched_cpumask_free(&mask);
}

TEST(set_grows)
{
	struct aisched_cpumask mask = { NULL, 0 };

	ASSERT_EQ(0, aisched_cpumask_set(&mask, 70));
	EXPECT_EQ(3, mask.nr_words);
	ASSERT_EQ(0, aisched_cpumask_set(&mask, 1));
	EXPECT_EQ(3, mask.nr_words);
	EXPECT_EQ(0x2, mask.words[0]);
	EXPECT_EQ(0, mask.words[1]);
	EXPECT_EQ(0x40, mask.words[2]);
	aisched_cpumask_free(&mask);
}

TEST_HARNESS_MAIN
