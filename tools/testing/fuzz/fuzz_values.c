// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the parsers of command-line values, and the formatters
 * whose output the tool prints or parses back.
 *
 * Input: a letter that picks the parser (see cases[]: "c0-3,8" is a CPU
 * list), then its text (up to the first NUL) or, for the formatters, its
 * binary value.
 * Besides what the sanitizers catch, each case checks what must hold of
 * a result: a number parsed is in range and reads back the same once
 * printed; a CPU or node list parsed, printed and parsed again is the same
 * mask; a list or a set of names printed into a buffer too small for it is
 * the start of the whole text, as snprintf() would leave it.
 */

#include <errno.h>
#include <inttypes.h>

#include <json-c/json.h>

#include "fuzz.h"

#include "aisched.h"
#include "cpulist.h"
#include "names.h"
#include "parse.h"
#include "print.h"
#include "tag.h"

/* A property that does not hold: report it as the crash it is. */
#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "fuzz_values: %s:%d: %s does not hold\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

static void u32_case(const char *s, uint32_t max)
{
	uint32_t v, again;
	char buf[16];
	int ret;

	ret = aisched_parse_u32(s, max, &v);
	CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	if (ret)
		return;
	CHECK(v <= max);
	snprintf(buf, sizeof(buf), "%" PRIu32, v);
	CHECK(!aisched_parse_u32(buf, max, &again) && again == v);
}

static void parse_u32(const char *s)
{
	u32_case(s, UINT32_MAX);
	u32_case(s, AISCHED_MAX_NODE_ID);
}

static void parse_u64(const char *s)
{
	uint64_t v, again;
	char buf[24];
	int ret;

	ret = aisched_parse_u64(s, &v);
	CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	if (ret)
		return;
	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	CHECK(!aisched_parse_u64(buf, &again) && again == v);
}

static void parse_s32(const char *s)
{
	int32_t v, again;
	char buf[16];
	int ret;

	ret = aisched_parse_s32(s, &v);
	CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	if (ret)
		return;
	snprintf(buf, sizeof(buf), "%" PRId32, v);
	CHECK(!aisched_parse_s32(buf, &again) && again == v);
}

static void parse_gpu(const char *s)
{
	uint32_t index;
	int ret;

	ret = aisched_parse_gpu(s, &index);
	CHECK(ret == 1 || ret == 0 || ret == -EINVAL || ret == -ERANGE);
	/* An index is digits only; anything else is an address. */
	if (ret == 1 || ret == -ERANGE)
		CHECK(s[0] && !s[strspn(s, "0123456789")]);
	if (!ret)
		CHECK(s[0] && s[strspn(s, "0123456789")]);
}

static void parse_ioprio(const char *s)
{
	uint32_t io_class = 99, level = 99;
	bool has_level = false;

	if (aisched_parse_ioprio(s, &io_class, &has_level, &level))
		return;
	CHECK(io_class <= AISCHED_IO_CLASS_IDLE);
	CHECK(has_level == !!strchr(s, ':'));
}

static bool same_mask(const struct aisched_cpumask *a,
		      const struct aisched_cpumask *b)
{
	return a->nr_words == b->nr_words &&
	       !memcmp(a->words, b->words, a->nr_words * sizeof(*a->words));
}

/* A mask formatted into every buffer size is the start of the whole list. */
static void check_format(const struct aisched_cpumask *mask)
{
	char *full = aisched_cpulist_alloc(mask), *buf;
	size_t len, size;
	json_object *arr;

	if (!full)
		abort();
	len = strlen(full);
	CHECK(aisched_cpulist_format(NULL, 0, mask) == len);
	/* Every size up to a few past the end; beyond that, a few spot sizes. */
	for (size = 1; size <= len + 2; size += size < 64 ? 1 : size / 4) {
		buf = fuzz_alloc(size);
		memset(buf, 'x', size);
		CHECK(aisched_cpulist_format(buf, size, mask) == len);
		CHECK(strlen(buf) == (len < size ? len : size - 1));
		CHECK(!strncmp(buf, full, strlen(buf)));
		free(buf);
	}
	arr = aisched_json_cpu_array(mask);
	if (!arr)
		abort();
	json_object_put(arr);
	free(full);
}

static void cpulist_case(const char *s, unsigned long max)
{
	struct aisched_cpumask mask, again;
	unsigned long bad = 0, cpu;
	char *list;
	int ret;

	ret = aisched_cpulist_parse(&mask, s, max, &bad);
	CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	if (ret == -ERANGE)
		CHECK(bad > max);
	if (ret)
		goto out;
	CHECK(mask.nr_words >= 1);
	for (cpu = 0; cpu < aisched_cpumask_nr_bits(&mask); cpu++)
		CHECK(cpu <= max || !aisched_cpumask_test(&mask, cpu));
	check_format(&mask);
	list = aisched_cpulist_alloc(&mask);
	if (!list)
		abort();
	CHECK(!aisched_cpulist_parse(&again, list, max, NULL));
	CHECK(same_mask(&mask, &again));
	aisched_cpumask_free(&again);
	free(list);
out:
	aisched_cpumask_free(&mask);
}

static void parse_cpus(const char *s)
{
	cpulist_case(s, AISCHED_MAX_CPU);
}

static void parse_nodes(const char *s)
{
	cpulist_case(s, AISCHED_MAX_NODE);
}

/* A bitmap as the kernel sends it (AISCHED_A_*_CPUS), then as a list. */
static void decode_mask(const uint8_t *data, size_t size)
{
	struct aisched_cpumask mask, again;
	char *list;
	int ret;

	ret = aisched_cpumask_decode(&mask, data, size);
	CHECK(ret == 0 || ret == -EINVAL);
	if (ret)
		return;
	check_format(&mask);
	list = aisched_cpulist_alloc(&mask);
	if (!list)
		abort();
	/* Any CPU a bitmap holds, a list parses back (trailing zero words aside). */
	if (list[0]) {
		CHECK(!aisched_cpulist_parse(&again, list, ~0ul, NULL));
		CHECK(again.nr_words <= mask.nr_words);
		CHECK(!memcmp(again.words, mask.words,
			      again.nr_words * sizeof(*again.words)));
		aisched_cpumask_free(&again);
	}
	free(list);
	aisched_cpumask_free(&mask);
}

static const struct aisched_names *const all_names[] = {
	&aisched_class_names, &aisched_policy_names, &aisched_io_class_names,
	&aisched_placement_names, &aisched_mem_names,
	&aisched_node_source_names, &aisched_event_names,
	&aisched_reason_names, &aisched_override_names,
	&aisched_feature_names, &aisched_sched_policy_names,
};

static void lookup_names(const char *s)
{
	char num[AISCHED_NAME_MAX];
	uint32_t value;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(all_names); i++) {
		if (aisched_name_lookup(all_names[i], s, &value))
			continue;
		CHECK(!strcmp(aisched_name(all_names[i], value, num), s));
	}
}

/* Up to 8 bytes of @data as a number, little end first. */
static uint64_t number(const uint8_t *data, size_t size)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < size && i < 8; i++)
		v |= (uint64_t)data[i] << (8 * i);
	return v;
}

/* A flag formatter, into every buffer size up to the whole text. */
static void check_flags(size_t (*format)(char *buf, size_t size, uint64_t v),
			uint64_t v)
{
	size_t len = format(NULL, 0, v), size;
	char *full = fuzz_alloc(len + 1), *buf;

	CHECK(format(full, len + 1, v) == len && strlen(full) == len);
	for (size = 1; size <= len + 1; size++) {
		buf = fuzz_alloc(size);
		CHECK(format(buf, size, v) == len);
		CHECK(strlen(buf) == (len < size ? len : size - 1));
		CHECK(!strncmp(buf, full, strlen(buf)));
		free(buf);
	}
	free(full);
}

static size_t override_format(char *buf, size_t size, uint64_t v)
{
	return aisched_override_format(buf, size, (uint32_t)v);
}

static size_t feature_format(char *buf, size_t size, uint64_t v)
{
	return aisched_feature_format(buf, size, v);
}

static void format_flags(const uint8_t *data, size_t size)
{
	uint64_t v = number(data, size);

	check_flags(override_format, v);
	check_flags(feature_format, v);
}

/* The policy and I/O priority formats, into their callers' buffers. */
static void format_policies(const uint8_t *data, size_t size)
{
	uint64_t v = number(data, size);
	uint32_t a = v, b = v >> 32;
	char buf[2 * AISCHED_NAME_MAX];

	aisched_policy_format(buf, sizeof(buf), a & 0xff, (int32_t)b, b);
	CHECK(strlen(buf) < sizeof(buf));
	aisched_sched_policy_format(buf, sizeof(buf), a & 0xff, (int32_t)b, b);
	CHECK(strlen(buf) < sizeof(buf));
	aisched_ioprio_format(buf, sizeof(buf), a, b);
	CHECK(strlen(buf) < sizeof(buf));
	aisched_policy_format(buf, sizeof(buf), a, (int32_t)b, b);
	aisched_sched_policy_format(buf, sizeof(buf), a, (int32_t)b, b);
}

static void escape(const char *s)
{
	char *e = aisched_escape(s);
	const unsigned char *p;

	if (!e)
		abort();
	CHECK(strlen(e) <= 4 * strlen(s));
	/* One word: no space or control character is left as it was. */
	for (p = (const unsigned char *)e; *p; p++)
		CHECK(*p > ' ' && *p != 0x7f);
	free(e);
}

/**
 * struct value_case - one parser or formatter, and the letter that picks it
 * @letter: the input's first byte, so that seeds read as "c0-3,8"
 * @text: takes the rest of the input as a string, or NULL
 * @binary: takes it as bytes, or NULL
 */
struct value_case {
	char letter;
	void (*text)(const char *s);
	void (*binary)(const uint8_t *data, size_t size);
};

static const struct value_case cases[] = {
	{ 'u', parse_u32, NULL },
	{ 'U', parse_u64, NULL },
	{ 's', parse_s32, NULL },
	{ 'g', parse_gpu, NULL },
	{ 'i', parse_ioprio, NULL },
	{ 'c', parse_cpus, NULL },
	{ 'n', parse_nodes, NULL },
	{ 'N', lookup_names, NULL },
	{ 'e', escape, NULL },
	{ 'm', NULL, decode_mask },
	{ 'f', NULL, format_flags },
	{ 'p', NULL, format_policies },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct value_case *c = NULL;
	size_t i;
	char *s;

	for (i = 0; size && i < ARRAY_SIZE(cases); i++) {
		if (cases[i].letter == data[0])
			c = &cases[i];
	}
	if (!c)
		return 0;
	if (c->binary) {
		c->binary(data + 1, size - 1);
		return 0;
	}
	s = fuzz_string(data + 1, size - 1);
	c->text(s);
	free(s);
	return 0;
}
