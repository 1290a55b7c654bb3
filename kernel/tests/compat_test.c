// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for compat.h: on kernels before 6.3, NL_SET_ERR_MSG_FMT()
 * formats into a ring of static message slots.
 */

#include <kunit/test.h>
#include <linux/netlink.h>

#include "../compat.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void fmt_msg_formats_into_extack(struct kunit *test)
{
	struct netlink_ext_ack extack = {};

	NL_SET_ERR_MSG_FMT(&extack, "got %u of %u", 480, 512);
	KUNIT_ASSERT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_STREQ(test, extack._msg, "got 480 of 512");

	/* A NULL extack is allowed, as for the kernel's own macro. */
	NL_SET_ERR_MSG_FMT(NULL, "ignored %d", 1);
}

#ifdef AISCHED_COMPAT_MSG_SLOTS
static void fmt_msg_truncates(struct kunit *test)
{
	char long_arg[2 * AISCHED_COMPAT_MSG_LEN];
	const char *msg;

	memset(long_arg, 'x', sizeof(long_arg) - 1);
	long_arg[sizeof(long_arg) - 1] = '\0';
	msg = aisched_compat_fmt_msg("%s", long_arg);
	KUNIT_EXPECT_EQ(test, strlen(msg), (size_t)AISCHED_COMPAT_MSG_LEN - 1);
}

/* A message stays intact until every other slot has been used once. */
static void fmt_msg_survives_a_full_ring(struct kunit *test)
{
	const char *first = aisched_compat_fmt_msg("first %d", 1);
	const char *msg;
	int i;

	for (i = 1; i < AISCHED_COMPAT_MSG_SLOTS; i++) {
		msg = aisched_compat_fmt_msg("other %d", i);
		KUNIT_EXPECT_PTR_NE(test, msg, first);
	}
	KUNIT_EXPECT_STREQ(test, first, "first 1");
	/* The next one reuses the first slot. */
	msg = aisched_compat_fmt_msg("next");
	KUNIT_EXPECT_PTR_EQ(test, msg, first);
}
#endif

static struct kunit_case aisched_compat_test_cases[] = {
	KUNIT_CASE(fmt_msg_formats_into_extack),
#ifdef AISCHED_COMPAT_MSG_SLOTS
	KUNIT_CASE(fmt_msg_truncates),
	KUNIT_CASE(fmt_msg_survives_a_full_ring),
#endif
	{}
};

static struct kunit_suite aisched_compat_test_suite = {
	.name = "aisched_compat",
	.test_cases = aisched_compat_test_cases,
};

kunit_test_suite(aisched_compat_test_suite);
