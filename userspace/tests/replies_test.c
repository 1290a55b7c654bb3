// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the list of decoded replies that every dump and single
 * request gathers into, with a reply type of the test's own: replies are
 * built with libnl, and its decoder allocates, so that a leak on any path
 * shows under valgrind.
 */

#define _GNU_SOURCE	/* asprintf() */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "kselftest_harness.h"

#include "capture.h"
#include "decode.h"
#include "replies.h"

#define FAMILY	0x1d	/* any id: the decoders do not look at it */
#define A_VALUE	1

/*
 * struct item - what the test type decodes a reply into
 * @value: the reply's u32 attribute A_VALUE
 * @text: an allocated copy of it, in decimal
 */
struct item {
	uint32_t value;
	char *text;
};

static int nr_freed;

/* Allocates first, then refuses a value of 0: @free must undo it. */
static int item_decode(struct nlmsghdr *nlh, void *p)
{
	struct item *item = p;
	struct nlattr *head, *a;
	int len;

	head = aisched_genl_attrs(nlh, &len);
	if (!head)
		return -EBADMSG;
	a = nla_find(head, len, A_VALUE);
	if (!a)
		return aisched_bad_reply("item: missing attribute value (%d)", A_VALUE);
	item->value = nla_get_u32(a);
	if (asprintf(&item->text, "%u", item->value) < 0)
		return -ENOMEM;
	if (!item->value)
		return aisched_bad_reply("item: value 0");
	return 0;
}

static void item_free(void *p)
{
	struct item *item = p;

	free(item->text);
	item->text = NULL;
	nr_freed++;
}

static const struct aisched_reply_type item_reply = {
	.size = sizeof(struct item),
	.decode = item_decode,
	.free = item_free,
};

/* A type whose replies hold nothing to free. */
static int plain_decode(struct nlmsghdr *nlh, void *p)
{
	struct nlattr *head;
	int len;

	head = aisched_genl_attrs(nlh, &len);
	if (!head)
		return -EBADMSG;
	*(uint32_t *)p = nla_get_u32(nla_find(head, len, A_VALUE));
	return 0;
}

static const struct aisched_reply_type plain_reply = {
	.size = sizeof(uint32_t),
	.decode = plain_decode,
};

/* A reply with value @value, or without it if @value is negative. */
static struct nl_msg *reply(int64_t value)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, FAMILY, 0, 0,
				 1, 1))
		abort();
	if (value >= 0 && nla_put_u32(msg, A_VALUE, value))
		abort();
	return msg;
}

/* Feed one reply to @cb, capturing what it prints. */
static int feed(int (*cb)(struct nl_msg *msg, void *arg),
		struct aisched_reply_list *list, int64_t value, struct output *o)
{
	struct nl_msg *msg = reply(value);
	int ret;

	CAPTURE(o, ret = cb(msg, list));
	nlmsg_free(msg);
	return ret;
}

static const struct item *item_at(const struct aisched_reply_list *list,
				  size_t nr)
{
	return &((const struct item *)list->items)[nr];
}

/* A dump's replies, in the order received; free frees each. */
TEST(dump_in_order)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&item_reply);
	struct output o;
	size_t i;

	for (i = 1; i <= 3; i++) {
		ASSERT_EQ(0, feed(aisched_reply_list_dump_cb, &list, 10 * i, &o));
		EXPECT_STREQ("", o.err);
		EXPECT_STREQ("", o.out);
		output_free(&o);
	}
	ASSERT_EQ(3, list.nr);
	EXPECT_EQ(10, item_at(&list, 0)->value);
	EXPECT_STREQ("20", item_at(&list, 1)->text);
	EXPECT_EQ(30, item_at(&list, 2)->value);

	nr_freed = 0;
	aisched_reply_list_free(&list);
	EXPECT_EQ(3, nr_freed);
	EXPECT_EQ(0, list.nr);
	EXPECT_EQ(NULL, list.items);
	EXPECT_EQ(&item_reply, list.type);

	/* Empty, of the same type: usable again. */
	ASSERT_EQ(0, feed(aisched_reply_list_dump_cb, &list, 7, &o));
	output_free(&o);
	EXPECT_EQ(1, list.nr);
	aisched_reply_list_free(&list);
}

/*
 * A reply that does not decode fails with the decoder's error and leaves
 * the list as it was, what the decoder allocated freed; later ones still
 * add.
 */
TEST(broken_reply_leaves_list)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&item_reply);
	struct output o;

	ASSERT_EQ(0, feed(aisched_reply_list_dump_cb, &list, 1, &o));
	output_free(&o);

	nr_freed = 0;
	EXPECT_EQ(-EBADMSG, feed(aisched_reply_list_dump_cb, &list, 0, &o));
	EXPECT_STREQ("aisched: invalid reply from the kernel: item: value 0\n", o.err);
	output_free(&o);
	EXPECT_EQ(1, nr_freed);
	EXPECT_EQ(1, list.nr);
	EXPECT_EQ(1, item_at(&list, 0)->value);

	EXPECT_EQ(-EBADMSG, feed(aisched_reply_list_dump_cb, &list, -1, &o));
	EXPECT_STREQ("aisched: invalid reply from the kernel: item: missing attribute value (1)\n",
		     o.err);
	output_free(&o);
	EXPECT_EQ(1, list.nr);

	ASSERT_EQ(0, feed(aisched_reply_list_dump_cb, &list, 2, &o));
	output_free(&o);
	ASSERT_EQ(2, list.nr);
	EXPECT_STREQ("2", item_at(&list, 1)->text);
	aisched_reply_list_free(&list);
}

/* A single request's reply: one, and a second is refused. */
TEST(one_reply)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&item_reply);
	struct output o;

	ASSERT_EQ(0, feed(aisched_reply_list_one_cb, &list, 5, &o));
	EXPECT_STREQ("", o.err);
	output_free(&o);
	ASSERT_EQ(1, list.nr);

	EXPECT_EQ(-EBADMSG, feed(aisched_reply_list_one_cb, &list, 6, &o));
	EXPECT_STREQ("aisched: invalid reply from the kernel: more than one reply to a single request\n",
		     o.err);
	output_free(&o);
	EXPECT_EQ(1, list.nr);
	EXPECT_EQ(5, item_at(&list, 0)->value);
	aisched_reply_list_free(&list);
}

/* A broken first reply leaves the list empty: the caller sees no reply. */
TEST(one_reply_broken)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&item_reply);
	struct output o;

	EXPECT_EQ(-EBADMSG, feed(aisched_reply_list_one_cb, &list, 0, &o));
	output_free(&o);
	EXPECT_EQ(0, list.nr);
	aisched_reply_list_free(&list);
	EXPECT_EQ(NULL, list.items);
}

/* A type without a free callback. */
TEST(nothing_to_free)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&plain_reply);
	struct output o;

	ASSERT_EQ(0, feed(aisched_reply_list_dump_cb, &list, 3, &o));
	output_free(&o);
	ASSERT_EQ(0, feed(aisched_reply_list_dump_cb, &list, 4, &o));
	output_free(&o);
	ASSERT_EQ(2, list.nr);
	EXPECT_EQ(4, ((uint32_t *)list.items)[1]);
	aisched_reply_list_free(&list);
	EXPECT_EQ(0, list.nr);
}

/* A message without a generic netlink header is refused as such. */
TEST(no_genl_header)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&item_reply);
	struct nl_msg *msg = nlmsg_alloc();
	struct output o;
	int ret;

	if (!msg || !nlmsg_put(msg, 0, 0, FAMILY, 0, 0))
		abort();
	nr_freed = 0;
	CAPTURE(&o, ret = aisched_reply_list_add(&list, nlmsg_hdr(msg)));
	EXPECT_EQ(-EBADMSG, ret);
	EXPECT_STREQ("aisched: invalid reply from the kernel: message of 16 bytes has no generic netlink header\n",
		     o.err);
	EXPECT_EQ(1, nr_freed);
	EXPECT_EQ(0, list.nr);
	output_free(&o);
	nlmsg_free(msg);
	aisched_reply_list_free(&list);
}

TEST_HARNESS_MAIN
