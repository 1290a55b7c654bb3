// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the event decoder and printers of "aisched monitor":
 * events are built with libnl as the kernel would send them, correct or
 * broken in one way each.
 */

#include <errno.h>
#include <stdint.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "kselftest_harness.h"

#include "capture.h"
#include "monitor.h"

#define FAMILY	0x1d

/* Attributes to leave out or break, by bit of attribute type. */
#define OMIT(type)	(1u << (type))

static struct nl_msg *event(uint8_t cmd, uint32_t type, unsigned int omit)
{
	static const uint32_t cpus = 0xc, cpuset = 0x3;
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, FAMILY, 0, 0,
				 cmd, AISCHED_FAMILY_VERSION))
		abort();
	if (!(omit & OMIT(AISCHED_A_EVENT_TYPE)))
		nla_put_u32(msg, AISCHED_A_EVENT_TYPE, type);
	if (!(omit & OMIT(AISCHED_A_EVENT_CGROUP_ID)))
		nla_put_u64(msg, AISCHED_A_EVENT_CGROUP_ID, 77);
	if (!(omit & OMIT(AISCHED_A_EVENT_CGROUP)))
		nla_put_string(msg, AISCHED_A_EVENT_CGROUP, "/jobs/a");
	if (!(omit & OMIT(AISCHED_A_EVENT_CLASS)))
		nla_put_u32(msg, AISCHED_A_EVENT_CLASS, AISCHED_CLASS_TRAINING);
	switch (type) {
	case AISCHED_EVENT_TYPE_TAG_REMOVED:
		if (!(omit & OMIT(AISCHED_A_EVENT_REASON)))
			nla_put_u32(msg, AISCHED_A_EVENT_REASON,
				    AISCHED_REMOVE_REASON_UNTAG);
		break;
	case AISCHED_EVENT_TYPE_OVERRIDE:
	case AISCHED_EVENT_TYPE_DEMOTION:
	case AISCHED_EVENT_TYPE_CONFLICT:
		if (!(omit & OMIT(AISCHED_A_EVENT_PID)))
			nla_put_u32(msg, AISCHED_A_EVENT_PID, 123);
		if (!(omit & OMIT(AISCHED_A_EVENT_TGID)))
			nla_put_u32(msg, AISCHED_A_EVENT_TGID, 120);
		if (!(omit & OMIT(AISCHED_A_EVENT_COMM)))
			nla_put_string(msg, AISCHED_A_EVENT_COMM, "foo");
		break;
	}
	if (type == AISCHED_EVENT_TYPE_OVERRIDE && !(omit & OMIT(AISCHED_A_EVENT_OVERRIDE)))
		nla_put_u32(msg, AISCHED_A_EVENT_OVERRIDE,
			    AISCHED_OVERRIDE_SCHED | AISCHED_OVERRIDE_AFFINITY);
	if (type == AISCHED_EVENT_TYPE_DEMOTION &&
	    !(omit & OMIT(AISCHED_A_EVENT_RUNTIME_MS)))
		nla_put_u32(msg, AISCHED_A_EVENT_RUNTIME_MS, 105);
	if (type == AISCHED_EVENT_TYPE_CONFLICT) {
		if (!(omit & OMIT(AISCHED_A_EVENT_CPUS)))
			nla_put(msg, AISCHED_A_EVENT_CPUS, sizeof(cpus), &cpus);
		if (!(omit & OMIT(AISCHED_A_EVENT_CPUSET)))
			nla_put(msg, AISCHED_A_EVENT_CPUSET, sizeof(cpuset), &cpuset);
	}
	return msg;
}

static char *print_event(int (*print)(FILE *f, const struct aisched_event *ev),
			 const struct aisched_event *ev)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f || print(f, ev))
		abort();
	fclose(f);
	return text;
}

FIXTURE(good_event) {
	struct aisched_event ev;
	struct output output;
	int ret;
};

/*
 * @type: the event's type
 * @omit_class: leave the class out (only tag-added needs it)
 * @text: the line monitor prints
 * @json: the line monitor --json prints
 */
FIXTURE_VARIANT(good_event) {
	uint32_t type;
	bool omit_class;
	const char *text;
	const char *json;
};

FIXTURE_VARIANT_ADD(good_event, tag_added) {
	.type = AISCHED_EVENT_TYPE_TAG_ADDED,
	.text = "tag-added /jobs/a class=training\n",
	.json = "{\"type\":\"tag-added\",\"cgroup\":\"/jobs/a\",\"cgroup_id\":77,"
		"\"class\":\"training\"}\n",
};

FIXTURE_VARIANT_ADD(good_event, tag_removed) {
	.type = AISCHED_EVENT_TYPE_TAG_REMOVED,
	.text = "tag-removed /jobs/a reason=untag\n",
	.json = "{\"type\":\"tag-removed\",\"cgroup\":\"/jobs/a\",\"cgroup_id\":77,"
		"\"class\":\"training\",\"reason\":\"untag\"}\n",
};

FIXTURE_VARIANT_ADD(good_event, tag_removed_without_class) {
	.type = AISCHED_EVENT_TYPE_TAG_REMOVED,
	.omit_class = true,
	.text = "tag-removed /jobs/a reason=untag\n",
	.json = "{\"type\":\"tag-removed\",\"cgroup\":\"/jobs/a\",\"cgroup_id\":77,"
		"\"reason\":\"untag\"}\n",
};

FIXTURE_VARIANT_ADD(good_event, override) {
	.type = AISCHED_EVENT_TYPE_OVERRIDE,
	.text = "override /jobs/a pid=123 tgid=120 comm=foo fields=sched,affinity\n",
	.json = "{\"type\":\"override\",\"cgroup\":\"/jobs/a\",\"cgroup_id\":77,"
		"\"class\":\"training\",\"pid\":123,\"tgid\":120,\"comm\":\"foo\","
		"\"fields\":[\"sched\",\"affinity\"]}\n",
};

FIXTURE_VARIANT_ADD(good_event, demotion) {
	.type = AISCHED_EVENT_TYPE_DEMOTION,
	.omit_class = true,
	.text = "demotion /jobs/a pid=123 tgid=120 comm=foo ran=105ms\n",
	.json = "{\"type\":\"demotion\",\"cgroup\":\"/jobs/a\",\"cgroup_id\":77,"
		"\"pid\":123,\"tgid\":120,\"comm\":\"foo\",\"runtime_ms\":105}\n",
};

FIXTURE_VARIANT_ADD(good_event, conflict) {
	.type = AISCHED_EVENT_TYPE_CONFLICT,
	.omit_class = true,
	.text = "conflict /jobs/a pid=123 tgid=120 comm=foo cpus=2-3 cpuset=0-1\n",
	.json = "{\"type\":\"conflict\",\"cgroup\":\"/jobs/a\",\"cgroup_id\":77,"
		"\"pid\":123,\"tgid\":120,\"comm\":\"foo\",\"cpus\":\"2-3\","
		"\"cpuset\":\"0-1\"}\n",
};

/* A type from a newer module: its number, and what every event has. */
FIXTURE_VARIANT_ADD(good_event, unknown_type) {
	.type = 9,
	.omit_class = true,
	.text = "9 /jobs/a\n",
	.json = "{\"type\":\"9\",\"cgroup\":\"/jobs/a\",\"cgroup_id\":77}\n",
};

FIXTURE_SETUP(good_event)
{
	struct nl_msg *msg = event(AISCHED_CMD_EVENT, variant->type,
				   variant->omit_class ? OMIT(AISCHED_A_EVENT_CLASS) : 0);

	/* Newer attributes are ignored. */
	nla_put_u32(msg, AISCHED_A_EVENT_MAX + 3, 1);
	nla_put(msg, AISCHED_A_EVENT_PAD, 0, NULL);
	CAPTURE(&self->output,
		self->ret = monitor_decode_event(nlmsg_hdr(msg), &self->ev));
	nlmsg_free(msg);
}

FIXTURE_TEARDOWN(good_event)
{
	monitor_free_event(&self->ev);
	output_free(&self->output);
}

TEST_F(good_event, decoded_and_printed)
{
	char *text;

	ASSERT_EQ(0, self->ret) TH_LOG("%s", self->output.err);
	EXPECT_STREQ("", self->output.err);
	EXPECT_EQ(variant->type, self->ev.type);
	EXPECT_EQ(77, self->ev.cgroup_id);
	text = print_event(monitor_print_event, &self->ev);
	EXPECT_STREQ(variant->text, text);
	free(text);
	text = print_event(monitor_print_event_json, &self->ev);
	EXPECT_STREQ(variant->json, text);
	free(text);
}

/* Another command on the group is not an event: skipped, not refused. */
TEST(other_command_is_skipped)
{
	struct nl_msg *msg = event(AISCHED_CMD_TAG_GET, 0, 0);
	struct aisched_event ev;
	struct output o;
	int ret;

	CAPTURE(&o, ret = monitor_decode_event(nlmsg_hdr(msg), &ev));
	EXPECT_EQ(1, ret);
	EXPECT_STREQ("", o.err);
	monitor_free_event(&ev);
	output_free(&o);
	nlmsg_free(msg);
}

TEST(odd_names_and_flags)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct aisched_event ev;
	struct output o;
	char *text;
	int ret;

	ASSERT_NE(NULL, genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, FAMILY, 0, 0,
				    AISCHED_CMD_EVENT, AISCHED_FAMILY_VERSION));
	nla_put_u32(msg, AISCHED_A_EVENT_TYPE, AISCHED_EVENT_TYPE_OVERRIDE);
	nla_put_u64(msg, AISCHED_A_EVENT_CGROUP_ID, UINT64_MAX);
	nla_put_string(msg, AISCHED_A_EVENT_CGROUP, "/my jobs/a");
	nla_put_u32(msg, AISCHED_A_EVENT_PID, 4194304);
	nla_put_u32(msg, AISCHED_A_EVENT_TGID, 1);
	nla_put_string(msg, AISCHED_A_EVENT_COMM, "a b\tc");
	nla_put_u32(msg, AISCHED_A_EVENT_OVERRIDE, AISCHED_OVERRIDE_IOPRIO | 0x80);
	CAPTURE(&o, ret = monitor_decode_event(nlmsg_hdr(msg), &ev));
	ASSERT_EQ(0, ret);
	text = print_event(monitor_print_event, &ev);
	EXPECT_STREQ("override /my\\040jobs/a pid=4194304 tgid=1 comm=a\\040b\\011c fields=ioprio,0x80\n",
		     text);
	free(text);
	text = print_event(monitor_print_event_json, &ev);
	EXPECT_STREQ("{\"type\":\"override\",\"cgroup\":\"/my jobs/a\","
		     "\"cgroup_id\":18446744073709551615,\"pid\":4194304,\"tgid\":1,"
		     "\"comm\":\"a b\\tc\",\"fields\":[\"ioprio\",\"0x80\"]}\n", text);
	free(text);
	monitor_free_event(&ev);
	output_free(&o);
	nlmsg_free(msg);
}

FIXTURE(bad_event) {
	struct aisched_event ev;
	struct output output;
	int ret;
};

/*
 * @type: the event's type
 * @omit: the attributes left out
 * @extra: an attribute type to add once more, broken (0: none)
 * @err: what the error message must say
 */
FIXTURE_VARIANT(bad_event) {
	uint32_t type;
	unsigned int omit;
	int extra;
	const char *err;
};

#define BAD_EVENT(name, t, o, x, msg)				\
	FIXTURE_VARIANT_ADD(bad_event, name) {			\
		.type = t, .omit = o, .extra = x, .err = msg,	\
	}

BAD_EVENT(no_type, 0, OMIT(AISCHED_A_EVENT_TYPE), 0,
	  "event: missing attribute type (1)");
BAD_EVENT(no_cgroup_id, AISCHED_EVENT_TYPE_TAG_ADDED,
	  OMIT(AISCHED_A_EVENT_CGROUP_ID), 0, "event: missing attribute cgroup-id (2)");
BAD_EVENT(no_cgroup, AISCHED_EVENT_TYPE_TAG_ADDED,
	  OMIT(AISCHED_A_EVENT_CGROUP), 0, "event: missing attribute cgroup (3)");
BAD_EVENT(tag_added_no_class, AISCHED_EVENT_TYPE_TAG_ADDED,
	  OMIT(AISCHED_A_EVENT_CLASS), 0,
	  "event tag-added on /jobs/a: missing attribute class (4)");
BAD_EVENT(tag_removed_no_reason, AISCHED_EVENT_TYPE_TAG_REMOVED,
	  OMIT(AISCHED_A_EVENT_REASON), 0,
	  "event tag-removed on /jobs/a: missing attribute reason (8)");
BAD_EVENT(override_no_pid, AISCHED_EVENT_TYPE_OVERRIDE,
	  OMIT(AISCHED_A_EVENT_PID), 0,
	  "event override on /jobs/a: missing attribute pid (5)");
BAD_EVENT(override_no_flags, AISCHED_EVENT_TYPE_OVERRIDE,
	  OMIT(AISCHED_A_EVENT_OVERRIDE), 0,
	  "event override on /jobs/a: missing attribute override (9)");
BAD_EVENT(demotion_no_tgid, AISCHED_EVENT_TYPE_DEMOTION,
	  OMIT(AISCHED_A_EVENT_TGID), 0,
	  "event demotion on /jobs/a: missing attribute tgid (6)");
BAD_EVENT(demotion_no_runtime, AISCHED_EVENT_TYPE_DEMOTION,
	  OMIT(AISCHED_A_EVENT_RUNTIME_MS), 0,
	  "event demotion on /jobs/a: missing attribute runtime-ms (10)");
BAD_EVENT(conflict_no_comm, AISCHED_EVENT_TYPE_CONFLICT,
	  OMIT(AISCHED_A_EVENT_COMM), 0,
	  "event conflict on /jobs/a: missing attribute comm (7)");
BAD_EVENT(conflict_no_cpuset, AISCHED_EVENT_TYPE_CONFLICT,
	  OMIT(AISCHED_A_EVENT_CPUSET), 0,
	  "event conflict on /jobs/a: missing attribute cpuset (12)");
BAD_EVENT(conflict_short_cpus, AISCHED_EVENT_TYPE_CONFLICT,
	  OMIT(AISCHED_A_EVENT_CPUS), AISCHED_A_EVENT_CPUS,
	  "event on /jobs/a: attribute cpus (11) has 2 bytes, expected a non-zero multiple of 4");
BAD_EVENT(short_pid, AISCHED_EVENT_TYPE_DEMOTION,
	  OMIT(AISCHED_A_EVENT_PID), AISCHED_A_EVENT_PID,
	  "event: attribute pid (5) has 2 bytes, expected 4");
BAD_EVENT(short_cgroup_id, AISCHED_EVENT_TYPE_TAG_ADDED,
	  OMIT(AISCHED_A_EVENT_CGROUP_ID), AISCHED_A_EVENT_CGROUP_ID,
	  "event: attribute cgroup-id (2) has 2 bytes, expected 8");
BAD_EVENT(unterminated_comm, AISCHED_EVENT_TYPE_DEMOTION,
	  OMIT(AISCHED_A_EVENT_COMM), AISCHED_A_EVENT_COMM,
	  "event: attribute comm (7) is not NUL-terminated");
BAD_EVENT(two_types, AISCHED_EVENT_TYPE_TAG_ADDED, 0, AISCHED_A_EVENT_TYPE,
	  "event: attribute type (1) has 2 bytes, expected 4");

FIXTURE_SETUP(bad_event)
{
	struct nl_msg *msg = event(AISCHED_CMD_EVENT, variant->type, variant->omit);

	/* Two bytes: too short for any number, and not a string. */
	if (variant->extra)
		nla_put(msg, variant->extra, 2, "ab");
	CAPTURE(&self->output,
		self->ret = monitor_decode_event(nlmsg_hdr(msg), &self->ev));
	nlmsg_free(msg);
}

FIXTURE_TEARDOWN(bad_event)
{
	monitor_free_event(&self->ev);
	output_free(&self->output);
}

TEST_F(bad_event, rejected)
{
	char want[256];

	EXPECT_EQ(-EBADMSG, self->ret);
	snprintf(want, sizeof(want), "aisched: invalid reply from the kernel: %s\n",
		 variant->err);
	EXPECT_STREQ(want, self->output.err);
	EXPECT_STREQ("", self->output.out);
}

TEST(duplicate_attribute)
{
	struct nl_msg *msg = event(AISCHED_CMD_EVENT, AISCHED_EVENT_TYPE_TAG_ADDED, 0);
	struct aisched_event ev;
	struct output o;
	int ret;

	nla_put_string(msg, AISCHED_A_EVENT_CGROUP, "/b");
	CAPTURE(&o, ret = monitor_decode_event(nlmsg_hdr(msg), &ev));
	EXPECT_EQ(-EBADMSG, ret);
	EXPECT_STREQ("aisched: invalid reply from the kernel: event: attribute cgroup (3) appears twice\n",
		     o.err);
	monitor_free_event(&ev);
	output_free(&o);
	nlmsg_free(msg);
}

TEST_HARNESS_MAIN
