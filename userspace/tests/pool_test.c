// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of "aisched pool": its command line, the POOL_SET request it
 * builds, the POOL_GET/POOL_SET reply decoder, the printers and the
 * warnings of a POOL_SET that leaves other than the pages asked, fed
 * replies built with libnl as the kernel would send them, correct or
 * broken in one way each.
 */

#include <errno.h>
#include <stdint.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "kselftest_harness.h"

#include "aisched.h"
#include "capture.h"
#include "pool.h"

#define MAX_ARGS 10
#define FAMILY	0x1d	/* any id: the decoders do not look at it */

FIXTURE(pool_args) {
	struct pool_opts opts;
	struct output output;
	int ret;
};

/*
 * @argv: the command line, "pool" first, NULL-terminated
 * @ret: what pool_parse_args() must return
 * @err: must appear on stderr when @ret is not 0
 * @want: the options expected when @ret is 0
 */
FIXTURE_VARIANT(pool_args) {
	const char *argv[MAX_ARGS];
	int ret;
	const char *err;
	struct pool_opts want;
};

FIXTURE_VARIANT_ADD(pool_args, list) {
	.argv = { "pool" },
};

FIXTURE_VARIANT_ADD(pool_args, list_json) {
	.argv = { "pool", "--json" },
	.want = { .json = true },
};

FIXTURE_VARIANT_ADD(pool_args, set) {
	.argv = { "pool", "set", "--node", "1", "--pages", "16" },
	.want = { .set = true, .has_node = true, .node = 1, .has_pages = true,
		  .pages = 16 },
};

FIXTURE_VARIANT_ADD(pool_args, set_short_options_json) {
	.argv = { "pool", "-j", "-p", "0", "-n", "0", "set" },
	.want = { .set = true, .has_node = true, .node = 0, .has_pages = true,
		  .pages = 0, .json = true },
};

FIXTURE_VARIANT_ADD(pool_args, set_equals_limits) {
	.argv = { "pool", "set", "--node=1023", "--pages=4294967295" },
	.want = { .set = true, .has_node = true, .node = 1023, .has_pages = true,
		  .pages = UINT32_MAX },
};

FIXTURE_VARIANT_ADD(pool_args, last_pages_wins) {
	.argv = { "pool", "set", "-n", "1", "-p", "8", "-p", "4" },
	.want = { .set = true, .has_node = true, .node = 1, .has_pages = true,
		  .pages = 4 },
};

FIXTURE_VARIANT_ADD(pool_args, help) {
	.argv = { "pool", "set", "--help", "--pages", "x" },
	.want = { .help = true, .set = true },
};

#define POOL_BAD(name, message, ...)					\
	FIXTURE_VARIANT_ADD(pool_args, name) {				\
		.argv = { "pool", __VA_ARGS__ },			\
		.ret = 2,						\
		.err = message,						\
	}

POOL_BAD(list_operand, "aisched: pool: unexpected argument '1'\n", "1");
POOL_BAD(set_twice, "aisched: pool: unexpected argument 'set'\n",
	 "set", "set", "-n", "1", "-p", "1");
POOL_BAD(set_operand, "aisched: pool: unexpected argument '1'\n",
	 "set", "1", "-n", "1", "-p", "1");
POOL_BAD(node_without_set,
	 "aisched: pool: --node goes with set: aisched pool set --node N --pages P\n",
	 "--node", "1");
POOL_BAD(pages_without_set,
	 "aisched: pool: --pages goes with set: aisched pool set --node N --pages P\n",
	 "--pages", "1", "--json");
POOL_BAD(set_without_node, "aisched: pool: set: missing --node (a node)\n",
	 "set", "--pages", "1");
POOL_BAD(set_without_pages,
	 "aisched: pool: set: missing --pages (the pages the node's pool should hold)\n",
	 "set", "--node", "1");
POOL_BAD(node_word, "aisched: pool: --node: 'one' is not a node (0-1023)\n",
	 "set", "--node", "one", "--pages", "1");
POOL_BAD(node_negative, "aisched: pool: --node: '-1' is not a node (0-1023)\n",
	 "set", "--node=-1", "--pages", "1");
POOL_BAD(node_above_max, "aisched: pool: --node: '1024' is out of range (0-1023)\n",
	 "set", "--node", "1024", "--pages", "1");
POOL_BAD(pages_word, "aisched: pool: --pages: '1G' is not a number of pages\n",
	 "set", "--node", "1", "--pages", "1G");
POOL_BAD(pages_empty, "aisched: pool: --pages: '' is not a number of pages\n",
	 "set", "--node", "1", "--pages=");
POOL_BAD(pages_too_big, "aisched: pool: --pages: '4294967296' does not fit 32 bits\n",
	 "set", "--node", "1", "--pages", "4294967296");
POOL_BAD(pages_missing_value, "aisched: pool: option '--pages' needs a value\n",
	 "set", "--node", "1", "--pages");
POOL_BAD(unknown_option, "aisched: pool: unknown option '--all'\n", "--all");
POOL_BAD(json_with_value, "aisched: pool: option '--json' takes no value\n",
	 "--json=1");

FIXTURE_SETUP(pool_args)
{
	char *argv[MAX_ARGS];
	int i;

	for (i = 0; i < MAX_ARGS; i++)
		argv[i] = (char *)variant->argv[i];
	CAPTURE(&self->output,
		self->ret = pool_parse_args(argv_count(argv), argv, &self->opts));
}

FIXTURE_TEARDOWN(pool_args)
{
	output_free(&self->output);
}

TEST_F(pool_args, parse)
{
	const struct pool_opts *w = &variant->want, *o = &self->opts;

	ASSERT_EQ(variant->ret, self->ret) TH_LOG("stderr: %s", self->output.err);
	EXPECT_STREQ("", self->output.out);
	if (variant->ret) {
		ASSERT_NE(NULL, strstr(self->output.err, variant->err))
			TH_LOG("stderr: %s", self->output.err);
		EXPECT_TRUE(starts_with(self->output.err, variant->err));
		EXPECT_NE(NULL, strstr(self->output.err, "Usage: aisched pool [--json]\n"));
		return;
	}
	EXPECT_STREQ("", self->output.err);
	EXPECT_EQ(w->help, o->help);
	if (w->help)
		return;
	EXPECT_EQ(w->json, o->json);
	EXPECT_EQ(w->set, o->set);
	EXPECT_EQ(w->has_node, o->has_node);
	EXPECT_EQ(w->node, o->node);
	EXPECT_EQ(w->has_pages, o->has_pages);
	EXPECT_EQ(w->pages, o->pages);
}

static struct nl_msg *new_msg(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, FAMILY, 0, 0,
				 cmd, AISCHED_FAMILY_VERSION))
		abort();
	return msg;
}

static int count_attrs(struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *a;
	int rem, n = 0;

	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem)
		n++;
	return n;
}

static struct nlattr *attr(struct nl_msg *msg, int type)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	return nla_find(genlmsg_attrdata(nlmsg_data(nlh), 0),
			genlmsg_attrlen(nlmsg_data(nlh), 0), type);
}

/* POOL_SET: node and pages, each a u32, and nothing else. */
TEST(set_request)
{
	char *argv[] = { "pool", "set", "--node", "1", "--pages", "512", NULL };
	struct pool_opts o;
	struct nl_msg *msg;
	struct nlattr *a;

	ASSERT_EQ(0, pool_parse_args(argv_count(argv), argv, &o));
	msg = new_msg(AISCHED_CMD_POOL_SET);
	ASSERT_EQ(0, pool_put_request(msg, &o));
	EXPECT_EQ(2, count_attrs(msg));
	a = attr(msg, AISCHED_A_POOL_NODE);
	ASSERT_NE(NULL, a);
	EXPECT_EQ(4, nla_len(a));
	EXPECT_EQ(1, nla_get_u32(a));
	a = attr(msg, AISCHED_A_POOL_PAGES);
	ASSERT_NE(NULL, a);
	EXPECT_EQ(4, nla_len(a));
	EXPECT_EQ(512, nla_get_u32(a));
	nlmsg_free(msg);

	EXPECT_STREQ("--node", pool_attr_options[AISCHED_A_POOL_NODE]);
	EXPECT_STREQ("--pages", pool_attr_options[AISCHED_A_POOL_PAGES]);
	EXPECT_EQ(NULL, pool_attr_options[AISCHED_A_POOL_TOTAL]);
}

/* What a pool reply holds; a field of -1 is left out. */
struct reply {
	int64_t node;
	int64_t total;
	int64_t free;
	int64_t reserved;
	int64_t in_use;
	int64_t capacity;
	int64_t held;
};

/* The test guest after loading with pool=1:16. */
static const struct reply node_0 = {
	.node = 0, .total = 0, .free = 0, .reserved = 0, .in_use = 0,
	.capacity = 480, .held = 0,
};

static const struct reply node_1 = {
	.node = 1, .total = 16, .free = 16, .reserved = 0, .in_use = 0,
	.capacity = 503, .held = 0,
};

static struct nl_msg *build(const struct reply *r)
{
	struct nl_msg *msg = new_msg(AISCHED_CMD_POOL_GET);

	if (r->node >= 0)
		nla_put_u32(msg, AISCHED_A_POOL_NODE, r->node);
	if (r->total >= 0)
		nla_put_u32(msg, AISCHED_A_POOL_TOTAL, r->total);
	if (r->free >= 0)
		nla_put_u32(msg, AISCHED_A_POOL_FREE, r->free);
	if (r->reserved >= 0)
		nla_put_u32(msg, AISCHED_A_POOL_RESERVED, r->reserved);
	if (r->in_use >= 0)
		nla_put_u32(msg, AISCHED_A_POOL_IN_USE, r->in_use);
	if (r->capacity >= 0)
		nla_put_u32(msg, AISCHED_A_POOL_CAPACITY, r->capacity);
	if (r->held >= 0)
		nla_put_u32(msg, AISCHED_A_POOL_HELD, r->held);
	return msg;
}

static char *print_pool(int (*print)(FILE *f, const struct aisched_pool *pool),
			const struct aisched_pool *pool)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f || print(f, pool))
		abort();
	fclose(f);
	return text;
}

static char *print_list(int (*print)(FILE *f, const struct aisched_pool *pools,
				    size_t nr),
			const struct aisched_reply_list *list)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f || print(f, list->items, list->nr))
		abort();
	fclose(f);
	return text;
}

static char *warning(uint32_t pages, const struct aisched_pool *pool)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f)
		abort();
	aisched_pool_warn(f, pages, pool);
	fclose(f);
	return text;
}

static void list_add(struct aisched_reply_list *list, const struct reply *r)
{
	struct nl_msg *msg = build(r);

	if (aisched_reply_list_add(list, nlmsg_hdr(msg)))
		abort();
	nlmsg_free(msg);
}

/* The list's nr-th pool. */
static const struct aisched_pool *pool_at(const struct aisched_reply_list *list,
					  size_t nr)
{
	return &((const struct aisched_pool *)list->items)[nr];
}

TEST(decode_pool)
{
	struct reply r = { 1, 480, 470, 7, 10, 503, 3 };
	struct nl_msg *msg = build(&r);
	struct aisched_pool pool;
	struct output o;
	int ret;

	CAPTURE(&o, ret = aisched_pool_decode(nlmsg_hdr(msg), &pool));
	ASSERT_EQ(0, ret);
	EXPECT_STREQ("", o.err);
	EXPECT_EQ(1, pool.node);
	EXPECT_EQ(480, pool.total);
	EXPECT_EQ(470, pool.free);
	EXPECT_EQ(7, pool.reserved);
	EXPECT_EQ(10, pool.in_use);
	EXPECT_EQ(503, pool.capacity);
	EXPECT_EQ(3, pool.held);
	output_free(&o);
	nlmsg_free(msg);
}

/* The two nodes of the test guest, as the contract's header prints them. */
TEST(pool_table_and_json)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_pool_reply);
	char *text;

	list_add(&list, &node_0);
	list_add(&list, &node_1);
	ASSERT_EQ(2, list.nr);

	text = print_list(aisched_pool_print_table, &list);
	EXPECT_STREQ("node  total  free  reserved  in use  held  capacity\n"
		     "   0      0     0         0       0     0       480\n"
		     "   1     16    16         0       0     0       503\n"
		     "(2 MiB pages)\n", text);
	free(text);

	text = print_list(aisched_pool_list_print_json, &list);
	EXPECT_STREQ("[{\"node\":0,\"total\":0,\"free\":0,\"reserved\":0,"
		     "\"in_use\":0,\"held\":0,\"capacity\":480},"
		     "{\"node\":1,\"total\":16,\"free\":16,\"reserved\":0,"
		     "\"in_use\":0,\"held\":0,\"capacity\":503}]\n", text);
	free(text);
	aisched_reply_list_free(&list);
	EXPECT_EQ(0, list.nr);
	EXPECT_EQ(NULL, list.items);
}

/*
 * Quotas of 12 on node 1, 4 pages mapped, 2 more unmapped but pinned: in
 * use is mapped plus held, free the rest.
 */
TEST(quotas_and_held_pages)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_pool_reply);
	struct reply r = { 1, 16, 10, 12, 6, 503, 2 };
	char *text;

	list_add(&list, &r);
	text = print_list(aisched_pool_print_table, &list);
	EXPECT_STREQ("node  total  free  reserved  in use  held  capacity\n"
		     "   1     16    10        12       6     2       503\n"
		     "(2 MiB pages)\n", text);
	free(text);
	text = print_pool(aisched_pool_print_json, pool_at(&list, 0));
	EXPECT_STREQ("{\"node\":1,\"total\":16,\"free\":10,\"reserved\":12,"
		     "\"in_use\":6,\"held\":2,\"capacity\":503}\n", text);
	free(text);
	aisched_reply_list_free(&list);
}

/* Wide values widen their columns; the header stays right-aligned. */
TEST(wide_values)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_pool_reply);
	struct reply r = { 1023, UINT32_MAX, 1234567, 12345678, 123456, 4000000000,
			   98765 };
	char *text;

	list_add(&list, &r);
	list_add(&list, &node_1);
	text = print_list(aisched_pool_print_table, &list);
	EXPECT_STREQ("node       total     free  reserved  in use   held    capacity\n"
		     "1023  4294967295  1234567  12345678  123456  98765  4000000000\n"
		     "   1          16       16         0       0      0         503\n"
		     "(2 MiB pages)\n", text);
	free(text);
	text = print_pool(aisched_pool_print_json, pool_at(&list, 0));
	EXPECT_STREQ("{\"node\":1023,\"total\":4294967295,\"free\":1234567,"
		     "\"reserved\":12345678,\"in_use\":123456,\"held\":98765,"
		     "\"capacity\":4000000000}\n", text);
	free(text);
	aisched_reply_list_free(&list);
}

/* No node: nothing for people, "[]" for programs. */
TEST(no_nodes)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_pool_reply);
	char *text;

	text = print_list(aisched_pool_print_table, &list);
	EXPECT_STREQ("", text);
	free(text);
	text = print_list(aisched_pool_list_print_json, &list);
	EXPECT_STREQ("[]\n", text);
	free(text);
}

/* pool set got what it asked for: the row, and no warning. */
TEST(set_exact)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_pool_reply);
	char *text;

	list_add(&list, &node_1);
	text = print_list(aisched_pool_print_table, &list);
	EXPECT_STREQ("node  total  free  reserved  in use  held  capacity\n"
		     "   1     16    16         0       0     0       503\n"
		     "(2 MiB pages)\n", text);
	free(text);
	text = print_pool(aisched_pool_print_json, pool_at(&list, 0));
	EXPECT_STREQ("{\"node\":1,\"total\":16,\"free\":16,\"reserved\":0,"
		     "\"in_use\":0,\"held\":0,\"capacity\":503}\n", text);
	free(text);
	text = warning(16, pool_at(&list, 0));
	EXPECT_STREQ("", text);
	free(text);
	aisched_reply_list_free(&list);
}

/* A grow the node could give only part of. */
TEST(warn_partial_grow)
{
	struct aisched_pool pool = { .node = 1, .total = 480, .free = 480,
				     .capacity = 503 };
	char *text;

	text = warning(503, &pool);
	EXPECT_STREQ("aisched: node 1: the pool holds 480 of the 503 pages asked for\n",
		     text);
	free(text);

	/* A grow from nothing that got nothing. */
	pool.total = pool.free = 0;
	text = warning(UINT32_MAX, &pool);
	EXPECT_STREQ("aisched: node 1: the pool holds 0 of the 4294967295 pages asked for\n",
		     text);
	free(text);
}

/* A shrink that met quotas and pages in use. */
TEST(warn_shrink_in_use)
{
	struct aisched_pool pool = { .node = 0, .total = 12, .free = 0,
				     .reserved = 12, .in_use = 12,
				     .capacity = 480 };
	char *text;

	text = warning(0, &pool);
	EXPECT_STREQ("aisched: node 0: the pool holds 12 pages, more than the 0 asked for: quotas hold 12, 12 in use\n",
		     text);
	free(text);

	pool.total = 20;
	pool.free = 8;
	pool.in_use = 12;
	pool.held = 2;
	text = warning(8, &pool);
	EXPECT_STREQ("aisched: node 0: the pool holds 20 pages, more than the 8 asked for: quotas hold 12, 12 in use\n",
		     text);
	free(text);
}

/* POOL_SET node 1 pages 0 with quotas of 12 and nothing mapped. */
TEST(warn_shrink_reserved)
{
	struct aisched_pool pool = { .node = 1, .total = 12, .free = 12,
				     .reserved = 12, .capacity = 503 };
	char *text;

	text = warning(0, &pool);
	EXPECT_STREQ("aisched: node 1: the pool holds 12 pages, more than the 0 asked for: quotas hold 12, 0 in use\n",
		     text);
	free(text);
}

/* Attributes of a newer module, and pages (requests only), are ignored. */
TEST(newer_module)
{
	struct nl_msg *msg = build(&node_1);
	struct aisched_pool pool;
	struct output o;
	int ret;

	ASSERT_EQ(0, nla_put_u64(msg, AISCHED_A_POOL_MAX + 1, 1));
	ASSERT_EQ(0, nla_put_u64(msg, AISCHED_A_POOL_PAGES, 1));
	CAPTURE(&o, ret = aisched_pool_decode(nlmsg_hdr(msg), &pool));
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("", o.err);
	EXPECT_EQ(16, pool.total);
	output_free(&o);
	nlmsg_free(msg);
}

enum breakage {
	B_NO_NODE, B_NO_TOTAL, B_NO_FREE, B_NO_RESERVED, B_NO_IN_USE,
	B_NO_CAPACITY, B_NO_HELD, B_SHORT_NODE, B_LONG_TOTAL, B_EMPTY_FREE,
	B_SHORT_HELD, B_TWO_NODES, B_TRAILING_BYTES,
};

FIXTURE(bad_pool) {
	struct aisched_pool pool;
	struct output output;
	int ret;
};

FIXTURE_VARIANT(bad_pool) {
	enum breakage breakage;
	const char *err;
};

#define BAD_POOL(name, b, msg)				\
	FIXTURE_VARIANT_ADD(bad_pool, name) {		\
		.breakage = b,				\
		.err = msg,				\
	}

BAD_POOL(no_node, B_NO_NODE, "pool: missing attribute node (1)");
BAD_POOL(no_total, B_NO_TOTAL, "pool: missing attribute total (3)");
BAD_POOL(no_free, B_NO_FREE, "pool: missing attribute free (4)");
BAD_POOL(no_reserved, B_NO_RESERVED, "pool: missing attribute reserved (5)");
BAD_POOL(no_in_use, B_NO_IN_USE, "pool: missing attribute in-use (6)");
BAD_POOL(no_capacity, B_NO_CAPACITY, "pool: missing attribute capacity (7)");
BAD_POOL(no_held, B_NO_HELD, "pool: missing attribute held (8)");
BAD_POOL(short_node, B_SHORT_NODE, "pool: attribute node (1) has 2 bytes, expected 4");
BAD_POOL(long_total, B_LONG_TOTAL, "pool: attribute total (3) has 8 bytes, expected 4");
BAD_POOL(empty_free, B_EMPTY_FREE, "pool: attribute free (4) has 0 bytes, expected 4");
BAD_POOL(short_held, B_SHORT_HELD, "pool: attribute held (8) has 1 bytes, expected 4");
BAD_POOL(two_nodes, B_TWO_NODES, "pool: attribute node (1) appears twice");
BAD_POOL(trailing_bytes, B_TRAILING_BYTES,
	 "pool: 4 bytes after the last attribute do not form one");

static struct nl_msg *build_broken(enum breakage b)
{
	struct reply r = node_1;
	struct nl_msg *msg;

	switch (b) {
	case B_NO_NODE:
	case B_SHORT_NODE:
		r.node = -1;
		break;
	case B_NO_TOTAL:
	case B_LONG_TOTAL:
		r.total = -1;
		break;
	case B_NO_FREE:
	case B_EMPTY_FREE:
		r.free = -1;
		break;
	case B_NO_RESERVED:
		r.reserved = -1;
		break;
	case B_NO_IN_USE:
		r.in_use = -1;
		break;
	case B_NO_CAPACITY:
		r.capacity = -1;
		break;
	case B_NO_HELD:
	case B_SHORT_HELD:
		r.held = -1;
		break;
	case B_TWO_NODES:
	case B_TRAILING_BYTES:
		break;
	}
	msg = build(&r);
	switch (b) {
	case B_SHORT_NODE:
		nla_put_u16(msg, AISCHED_A_POOL_NODE, 1);
		break;
	case B_LONG_TOTAL:
		nla_put_u64(msg, AISCHED_A_POOL_TOTAL, 16);
		break;
	case B_EMPTY_FREE:
		nla_put(msg, AISCHED_A_POOL_FREE, 0, NULL);
		break;
	case B_SHORT_HELD:
		nla_put_u8(msg, AISCHED_A_POOL_HELD, 0);
		break;
	case B_TWO_NODES:
		nla_put_u32(msg, AISCHED_A_POOL_NODE, 0);
		break;
	case B_TRAILING_BYTES:
		/* Half an attribute header too many, in the message's length. */
		if (!nlmsg_reserve(msg, 4, 1))
			abort();
		break;
	default:
		break;
	}
	return msg;
}

FIXTURE_SETUP(bad_pool)
{
	struct nl_msg *msg = build_broken(variant->breakage);

	CAPTURE(&self->output,
		self->ret = aisched_pool_decode(nlmsg_hdr(msg), &self->pool));
	nlmsg_free(msg);
}

FIXTURE_TEARDOWN(bad_pool)
{
	output_free(&self->output);
}

TEST_F(bad_pool, rejected)
{
	char want[256];

	EXPECT_EQ(-EBADMSG, self->ret);
	snprintf(want, sizeof(want), "aisched: invalid reply from the kernel: %s\n",
		 variant->err);
	EXPECT_STREQ(want, self->output.err);
	EXPECT_STREQ("", self->output.out);
}

/* pool --help on stdout with status 0, bad usage 2. */
TEST(main_help_and_usage)
{
	char *help[] = { "pool", "--help", NULL };
	char *bad[] = { "pool", "set", "--pages", "1", NULL };
	struct output out;
	int ret;

	CAPTURE(&out, ret = pool_main(2, help));
	EXPECT_EQ(0, ret);
	EXPECT_TRUE(starts_with(out.out, "Usage: aisched pool [--json]\n"
					 "       aisched pool set --node N --pages P [--json]\n"));
	EXPECT_NE(NULL, strstr(out.out, "  -n, --node N   with set: the node (0-1023)\n"));
	EXPECT_STREQ("", out.err);
	output_free(&out);

	CAPTURE(&out, ret = pool_main(argv_count(bad), bad));
	EXPECT_EQ(2, ret);
	EXPECT_STREQ("", out.out);
	EXPECT_TRUE(starts_with(out.err, "aisched: pool: set: missing --node (a node)\n"
					 "Usage: aisched pool [--json]\n"));
	output_free(&out);
}

TEST_HARNESS_MAIN
