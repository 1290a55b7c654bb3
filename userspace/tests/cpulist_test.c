// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the CPU bitmap decoding and cpulist formatting.
 */

#include <errno.h>
#include <stdint.h>

#include "kselftest_harness.h"

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

TEST_HARNESS_MAIN
