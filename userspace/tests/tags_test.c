// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the TAG_SET/TAG_GET reply decoder and of the three forms
 * tags print in: replies are built with libnl as the kernel would send
 * them, correct or broken in one way each.
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
#include "tags.h"

#define FAMILY	0x1d	/* any id: the decoders do not look at it */

/*
 * struct reply - what a reply holds; a field of -1 (or NULL) is left out
 */
struct reply {
	int64_t cgroup_id;
	const char *cgroup;
	int64_t class;
	int64_t policy;
	int64_t nice;
	int64_t rt_prio;
	int64_t rt_budget_ms;
	int64_t io_class;
	int64_t io_level;
	const uint32_t *cpus;
	size_t cpus_len;
	int64_t tasks;
	int64_t applied;
	int64_t overrides;
	int64_t demotions;
	int64_t conflicts;
	const char *gpus[4];
	const uint32_t *nodes;
	size_t nodes_len;
	const uint32_t *placement;
	const uint32_t *mem;
	const uint32_t *target;
	size_t target_len;
	const uint32_t *hugepages;
	const uint32_t *hugepages_node;
	const uint32_t *hugepages_used;
	const uint32_t *slice_us;
};

static const uint32_t cpus_0_3_6[] = { 0x4f };
static const uint32_t node_1[] = { 0x2 };
static const uint32_t nodes_0_1[] = { 0x3 };
static const uint32_t placement_none = AISCHED_PLACEMENT_NONE;
static const uint32_t placement_local = AISCHED_PLACEMENT_LOCAL;
static const uint32_t placement_spread = AISCHED_PLACEMENT_SPREAD;
static const uint32_t mem_preferred = AISCHED_MEM_PREFERRED;
static const uint32_t mem_strict = AISCHED_MEM_STRICT;

/* inference on /jobs/a, normal with nice -10, be:0 */
static const struct reply good = {
	.cgroup_id = 4242, .cgroup = "/jobs/a", .class = AISCHED_CLASS_INFERENCE,
	.policy = AISCHED_POLICY_NORMAL, .nice = -10, .rt_prio = -1,
	.rt_budget_ms = -1, .io_class = AISCHED_IO_CLASS_BE, .io_level = 0,
	.tasks = 3, .applied = 5, .overrides = 1, .demotions = 0, .conflicts = 2,
	.placement = &placement_none,
};

/* training near the node-1 GPU 0000:0b:00.0, as the kernel replies. */
static const struct reply placed = {
	.cgroup_id = 77, .cgroup = "/jobs/t", .class = AISCHED_CLASS_TRAINING,
	.policy = AISCHED_POLICY_NORMAL, .nice = 0, .rt_prio = -1,
	.rt_budget_ms = -1, .io_class = AISCHED_IO_CLASS_BE, .io_level = 4,
	.cpus = (const uint32_t[]){ 0xc }, .cpus_len = 4,
	.tasks = 2, .applied = 2, .overrides = 0, .demotions = 0, .conflicts = 0,
	.gpus = { "0000:0b:00.0" }, .placement = &placement_local,
	.mem = &mem_preferred, .target = node_1, .target_len = sizeof(node_1),
};

static struct nl_msg *build(const struct reply *r)
{
	struct nl_msg *msg = nlmsg_alloc();
	size_t i;

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, FAMILY, 0, 0,
				 AISCHED_CMD_TAG_GET, AISCHED_FAMILY_VERSION))
		abort();
	if (r->cgroup_id >= 0)
		nla_put_u64(msg, AISCHED_A_TAG_CGROUP_ID, r->cgroup_id);
	if (r->cgroup)
		nla_put_string(msg, AISCHED_A_TAG_CGROUP, r->cgroup);
	if (r->class >= 0)
		nla_put_u32(msg, AISCHED_A_TAG_CLASS, r->class);
	if (r->policy >= 0)
		nla_put_u32(msg, AISCHED_A_TAG_POLICY, r->policy);
	if (r->nice >= -20 && r->nice <= 19) {
		int32_t nice = r->nice;

		nla_put(msg, AISCHED_A_TAG_NICE, sizeof(nice), &nice);
	}
	if (r->rt_prio >= 0)
		nla_put_u32(msg, AISCHED_A_TAG_RT_PRIO, r->rt_prio);
	if (r->rt_budget_ms >= 0)
		nla_put_u32(msg, AISCHED_A_TAG_RT_BUDGET_MS, r->rt_budget_ms);
	if (r->io_class >= 0)
		nla_put_u32(msg, AISCHED_A_TAG_IO_CLASS, r->io_class);
	if (r->io_level >= 0)
		nla_put_u32(msg, AISCHED_A_TAG_IO_LEVEL, r->io_level);
	if (r->cpus)
		nla_put(msg, AISCHED_A_TAG_CPUS, r->cpus_len, r->cpus);
	if (r->tasks >= 0)
		nla_put_u32(msg, AISCHED_A_TAG_TASKS, r->tasks);
	if (r->applied >= 0)
		nla_put_u64(msg, AISCHED_A_TAG_APPLIED, r->applied);
	if (r->overrides >= 0)
		nla_put_u64(msg, AISCHED_A_TAG_OVERRIDES, r->overrides);
	if (r->demotions >= 0)
		nla_put_u64(msg, AISCHED_A_TAG_DEMOTIONS, r->demotions);
	if (r->conflicts >= 0)
		nla_put_u64(msg, AISCHED_A_TAG_CONFLICTS, r->conflicts);
	for (i = 0; i < ARRAY_SIZE(r->gpus) && r->gpus[i]; i++)
		nla_put_string(msg, AISCHED_A_TAG_GPU, r->gpus[i]);
	if (r->nodes)
		nla_put(msg, AISCHED_A_TAG_NODES, r->nodes_len, r->nodes);
	if (r->placement)
		nla_put_u32(msg, AISCHED_A_TAG_PLACEMENT, *r->placement);
	if (r->mem)
		nla_put_u32(msg, AISCHED_A_TAG_MEM, *r->mem);
	if (r->target)
		nla_put(msg, AISCHED_A_TAG_TARGET_NODES, r->target_len, r->target);
	if (r->hugepages)
		nla_put_u32(msg, AISCHED_A_TAG_HUGEPAGES, *r->hugepages);
	if (r->hugepages_node)
		nla_put_u32(msg, AISCHED_A_TAG_HUGEPAGES_NODE, *r->hugepages_node);
	if (r->slice_us)
		nla_put_u32(msg, AISCHED_A_TAG_SLICE_US, *r->slice_us);
	if (r->hugepages_used)
		nla_put_u32(msg, AISCHED_A_TAG_HUGEPAGES_USED, *r->hugepages_used);
	return msg;
}

static int decode(struct nl_msg *msg, struct aisched_tag *tag, struct output *o)
{
	int ret;

	CAPTURE(o, ret = aisched_tag_decode(nlmsg_hdr(msg), tag));
	return ret;
}

static int count_lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

static char *print_tag(int (*print)(FILE *f, const struct aisched_tag *tag),
		       const struct aisched_tag *tag)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f || print(f, tag))
		abort();
	fclose(f);
	return text;
}

static char *print_list(int (*print)(FILE *f, const struct aisched_tag *tags,
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

TEST(normal_tag)
{
	struct nl_msg *msg = build(&good);
	struct aisched_tag tag;
	struct output o;
	char *text;

	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	EXPECT_EQ(4242, tag.cgroup_id);
	EXPECT_STREQ("/jobs/a", tag.cgroup);
	EXPECT_EQ(AISCHED_CLASS_INFERENCE, tag.class);
	EXPECT_EQ(-10, tag.nice);
	EXPECT_FALSE(tag.has_cpus);
	EXPECT_EQ(3, tag.tasks);
	EXPECT_EQ(2, tag.conflicts);

	text = print_tag(aisched_tag_print, &tag);
	EXPECT_STREQ("cgroup:     /jobs/a\n"
		     "cgroup id:  4242\n"
		     "class:      inference\n"
		     "policy:     normal:-10\n"
		     "ioprio:     be:0\n"
		     "cpus:       -\n"
		     "gpus:       -\n"
		     "nodes:      -\n"
		     "placement:  none\n"
		     "tasks:      3\n"
		     "applied:    5\n"
		     "overrides:  1\n"
		     "demotions:  0\n"
		     "conflicts:  2\n", text);
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_STREQ("{\"cgroup\":\"/jobs/a\",\"cgroup_id\":4242,\"class\":\"inference\","
		     "\"policy\":\"normal\",\"nice\":-10,\"io_class\":\"be\",\"io_level\":0,"
		     "\"gpus\":[],\"placement\":\"none\",\"tasks\":3,\"applied\":5,\"overrides\":1,\"demotions\":0,"
		     "\"conflicts\":2}\n", text);
	free(text);

	aisched_tag_free(&tag);
	EXPECT_EQ(NULL, tag.cgroup);
	output_free(&o);
	nlmsg_free(msg);
}

/* A tag with an EEVDF slice: its line after the policy, its JSON key. */
TEST(slice_tag)
{
	struct reply r = good;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.slice_us = (const uint32_t[]){ 1000 };
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	EXPECT_TRUE(tag.has_slice);
	EXPECT_EQ(1000, tag.slice_us);
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_NE(NULL, strstr(text, "policy:     normal:-10\n"
				     "slice:      1000 us\n"
				     "ioprio:     be:0\n"));
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_NE(NULL, strstr(text, "\"nice\":-10,\"slice_us\":1000,\"io_class\":\"be\""));
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);

	/* Without the attribute: no line, no key. */
	msg = build(&good);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_FALSE(tag.has_slice);
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_EQ(NULL, strstr(text, "slice"));
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_EQ(NULL, strstr(text, "slice"));
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

TEST(fifo_tag_with_cpus)
{
	struct reply r = good;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.policy = AISCHED_POLICY_FIFO;
	r.nice = -100;
	r.rt_prio = 10;
	r.rt_budget_ms = 100;
	r.cpus = cpus_0_3_6;
	r.cpus_len = sizeof(cpus_0_3_6);
	r.demotions = UINT64_MAX >> 1;
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_TRUE(tag.has_cpus);

	text = print_tag(aisched_tag_print, &tag);
	EXPECT_STREQ("cgroup:     /jobs/a\n"
		     "cgroup id:  4242\n"
		     "class:      inference\n"
		     "policy:     fifo:10\n"
		     "rt budget:  100 ms\n"
		     "ioprio:     be:0\n"
		     "cpus:       0-3,6\n"
		     "gpus:       -\n"
		     "nodes:      -\n"
		     "placement:  none\n"
		     "tasks:      3\n"
		     "applied:    5\n"
		     "overrides:  1\n"
		     "demotions:  9223372036854775807\n"
		     "conflicts:  2\n", text);
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_STREQ("{\"cgroup\":\"/jobs/a\",\"cgroup_id\":4242,\"class\":\"inference\","
		     "\"policy\":\"fifo\",\"rt_prio\":10,\"rt_budget_ms\":100,"
		     "\"io_class\":\"be\",\"io_level\":0,\"cpus\":\"0-3,6\","
		     "\"gpus\":[],\"placement\":\"none\",\"tasks\":3,\"applied\":5,\"overrides\":1,"
		     "\"demotions\":9223372036854775807,\"conflicts\":2}\n", text);
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/* idle takes no nice; a stray one (or rt-prio) is ignored, not refused. */
TEST(idle_tag_ignores_stray_attributes)
{
	struct reply r = good;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.class = AISCHED_CLASS_BACKGROUND;
	r.policy = AISCHED_POLICY_IDLE;
	r.nice = 5;
	r.rt_prio = 3;
	r.io_class = AISCHED_IO_CLASS_IDLE;
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_STREQ("{\"cgroup\":\"/jobs/a\",\"cgroup_id\":4242,\"class\":\"background\","
		     "\"policy\":\"idle\",\"io_class\":\"idle\",\"io_level\":0,"
		     "\"gpus\":[],\"placement\":\"none\",\"tasks\":3,\"applied\":5,\"overrides\":1,\"demotions\":0,"
		     "\"conflicts\":2}\n", text);
	free(text);
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_NE(NULL, strstr(text, "policy:     idle\nioprio:     idle\n"));
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/* Values from a newer module print as numbers; new attributes are ignored. */
TEST(newer_module)
{
	struct reply r = good;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.class = 7;
	r.policy = 9;
	r.io_class = 6;
	r.io_level = 1;
	msg = build(&r);
	ASSERT_EQ(0, nla_put_u64(msg, AISCHED_A_TAG_MAX + 1, 1));
	ASSERT_EQ(0, nla_put_string(msg, AISCHED_A_TAG_PATH, "ignored"));
	ASSERT_EQ(0, nla_put(msg, AISCHED_A_TAG_PAD, 0, NULL));
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_STREQ("{\"cgroup\":\"/jobs/a\",\"cgroup_id\":4242,\"class\":\"7\","
		     "\"policy\":\"9\",\"io_class\":\"6\",\"io_level\":1,"
		     "\"gpus\":[],\"placement\":\"none\",\"tasks\":3,\"applied\":5,\"overrides\":1,\"demotions\":0,"
		     "\"conflicts\":2}\n", text);
	free(text);
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_NE(NULL, strstr(text, "class:      7\npolicy:     9\nioprio:     6:1\n"));
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/* A tag placed near its GPU: the placement lines, and their JSON keys. */
TEST(placed_tag)
{
	struct nl_msg *msg = build(&placed);
	struct aisched_tag tag;
	struct output o;
	char *text;

	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	ASSERT_EQ(1, tag.nr_gpus);
	EXPECT_STREQ("0000:0b:00.0", tag.gpus[0]);
	EXPECT_FALSE(tag.has_nodes);
	EXPECT_EQ(AISCHED_PLACEMENT_LOCAL, tag.placement);
	EXPECT_TRUE(aisched_tag_is_placed(&tag));

	text = print_tag(aisched_tag_print, &tag);
	EXPECT_STREQ("cgroup:     /jobs/t\n"
		     "cgroup id:  77\n"
		     "class:      training\n"
		     "policy:     normal:0\n"
		     "ioprio:     be:4\n"
		     "cpus:       2-3\n"
		     "gpus:       0000:0b:00.0\n"
		     "nodes:      -\n"
		     "placement:  local\n"
		     "mem:        preferred\n"
		     "target:     1\n"
		     "tasks:      2\n"
		     "applied:    2\n"
		     "overrides:  0\n"
		     "demotions:  0\n"
		     "conflicts:  0\n", text);
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_STREQ("{\"cgroup\":\"/jobs/t\",\"cgroup_id\":77,\"class\":\"training\","
		     "\"policy\":\"normal\",\"nice\":0,\"io_class\":\"be\",\"io_level\":4,"
		     "\"cpus\":\"2-3\",\"gpus\":[\"0000:0b:00.0\"],\"placement\":\"local\","
		     "\"mem\":\"preferred\",\"target_nodes\":\"1\",\"tasks\":2,\"applied\":2,"
		     "\"overrides\":0,\"demotions\":0,\"conflicts\":0}\n", text);
	free(text);
	aisched_tag_free(&tag);
	EXPECT_EQ(NULL, tag.gpus);
	EXPECT_EQ(0, tag.nr_gpus);
	output_free(&o);
	nlmsg_free(msg);
}

/* Several GPUs in the reply's order, named nodes, spread, strict. */
TEST(gpus_and_nodes)
{
	struct reply r = placed;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.gpus[0] = "0000:0b:00.0";
	r.gpus[1] = "0000:00:02.0";
	r.gpus[2] = "0001:c1:00.0";
	r.nodes = nodes_0_1;
	r.nodes_len = sizeof(nodes_0_1);
	r.placement = &placement_spread;
	r.mem = &mem_strict;
	r.target = nodes_0_1;
	r.target_len = sizeof(nodes_0_1);
	r.cpus = (const uint32_t[]){ 0xf };
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	ASSERT_EQ(3, tag.nr_gpus);
	EXPECT_STREQ("0001:c1:00.0", tag.gpus[2]);
	EXPECT_TRUE(tag.has_nodes);

	text = print_tag(aisched_tag_print, &tag);
	EXPECT_NE(NULL, strstr(text, "cpus:       0-3\n"
				     "gpus:       0000:0b:00.0,0000:00:02.0,0001:c1:00.0\n"
				     "nodes:      0-1\n"
				     "placement:  spread\n"
				     "mem:        strict\n"
				     "target:     0-1\n"
				     "tasks:      2\n")) TH_LOG("%s", text);
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_NE(NULL, strstr(text, "\"cpus\":\"0-3\",\"gpus\":[\"0000:0b:00.0\","
				     "\"0000:00:02.0\",\"0001:c1:00.0\"],\"nodes\":\"0-1\","
				     "\"placement\":\"spread\",\"mem\":\"strict\","
				     "\"target_nodes\":\"0-1\",\"tasks\":2,")) TH_LOG("%s", text);
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/*
 * Placement none with GPUs (a background tag records them): no mem or
 * target line, and a stray mem or target-nodes is ignored.
 */
TEST(unplaced_tag_with_gpu)
{
	struct reply r = placed;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.class = AISCHED_CLASS_BACKGROUND;
	r.cpus = NULL;
	r.placement = &placement_none;
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	EXPECT_FALSE(aisched_tag_is_placed(&tag));
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_NE(NULL, strstr(text, "cpus:       -\n"
				     "gpus:       0000:0b:00.0\n"
				     "nodes:      -\n"
				     "placement:  none\n"
				     "tasks:      2\n")) TH_LOG("%s", text);
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_NE(NULL, strstr(text, "\"io_level\":4,\"gpus\":[\"0000:0b:00.0\"],"
				     "\"placement\":\"none\",\"tasks\":2,")) TH_LOG("%s", text);
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/* A module without the gpus feature sends no placement: none. */
TEST(module_without_placement)
{
	struct reply r = good;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.placement = NULL;
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	EXPECT_EQ(AISCHED_PLACEMENT_NONE, tag.placement);
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_NE(NULL, strstr(text, "placement:  none\ntasks:"));
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/* A placement from a newer module is a number, and still needs mem. */
TEST(newer_placement)
{
	struct reply r = placed;
	static const uint32_t seven = 7;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.placement = &seven;
	r.mem = &seven;
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_NE(NULL, strstr(text, "placement:  7\nmem:        7\ntarget:     1\n"));
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/* A cgroup name with a space and a newline stays one cell, one line. */
TEST(odd_cgroup_name)
{
	struct reply r = good;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.cgroup = "/jobs/my job\n\\x";
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_TRUE(starts_with(text, "cgroup:     /jobs/my\\040job\\012\\134x\n"));
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_TRUE(starts_with(text, "{\"cgroup\":\"/jobs/my job\\n\\\\x\","));
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/*
 * A quota of 16 pages on node 1, 4 of them mapped: a line in the block, an
 * object in JSON, after the placement's.
 */
TEST(hugepages_tag)
{
	struct reply r = placed;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.hugepages = (const uint32_t[]){ 16 };
	r.hugepages_node = (const uint32_t[]){ 1 };
	r.hugepages_used = (const uint32_t[]){ 4 };
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	EXPECT_TRUE(tag.has_hugepages);
	EXPECT_EQ(16, tag.hugepages);
	EXPECT_EQ(1, tag.hugepages_node);
	EXPECT_EQ(4, tag.hugepages_used);

	text = print_tag(aisched_tag_print, &tag);
	EXPECT_NE(NULL, strstr(text, "mem:        preferred\n"
				     "target:     1\n"
				     "hugepages:  4 of 16 on node 1 (2 MiB pages)\n"
				     "tasks:      2\n")) TH_LOG("%s", text);
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_NE(NULL, strstr(text, "\"target_nodes\":\"1\","
				     "\"hugepages\":{\"quota\":16,\"node\":1,\"used\":4},"
				     "\"tasks\":2,")) TH_LOG("%s", text);
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/* A quota on an unplaced tag (given @NODE), at its limits. */
TEST(hugepages_unplaced_limits)
{
	struct reply r = good;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.hugepages = (const uint32_t[]){ UINT32_MAX };
	r.hugepages_node = (const uint32_t[]){ 1023 };
	r.hugepages_used = (const uint32_t[]){ 0 };
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_NE(NULL, strstr(text, "placement:  none\n"
				     "hugepages:  0 of 4294967295 on node 1023 (2 MiB pages)\n"
				     "tasks:      3\n")) TH_LOG("%s", text);
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_NE(NULL, strstr(text, "\"placement\":\"none\",\"hugepages\":{\"quota\":"
				     "4294967295,\"node\":1023,\"used\":0},\"tasks\":3,"))
		TH_LOG("%s", text);
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

/* Without hugepages, the tag has no quota: a stray node or use is ignored. */
TEST(hugepages_stray_attributes)
{
	struct reply r = good;
	struct nl_msg *msg;
	struct aisched_tag tag;
	struct output o;
	char *text;

	r.hugepages_node = (const uint32_t[]){ 1 };
	r.hugepages_used = (const uint32_t[]){ 2 };
	msg = build(&r);
	ASSERT_EQ(0, decode(msg, &tag, &o));
	EXPECT_STREQ("", o.err);
	EXPECT_FALSE(tag.has_hugepages);
	text = print_tag(aisched_tag_print, &tag);
	EXPECT_EQ(NULL, strstr(text, "hugepages")) TH_LOG("%s", text);
	free(text);
	text = print_tag(aisched_tag_print_json, &tag);
	EXPECT_EQ(NULL, strstr(text, "hugepages")) TH_LOG("%s", text);
	free(text);
	aisched_tag_free(&tag);
	output_free(&o);
	nlmsg_free(msg);
}

static void list_add(struct aisched_reply_list *list, const struct reply *r)
{
	struct nl_msg *msg = build(r);

	if (aisched_reply_list_add(list, nlmsg_hdr(msg)))
		abort();
	nlmsg_free(msg);
}

TEST(list_table)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_tag_reply);
	struct reply r = good;
	char *text;

	r.slice_us = (const uint32_t[]){ 1000 };
	list_add(&list, &r);
	r = good;
	r.cgroup = "/jobs/train0";
	r.class = AISCHED_CLASS_TRAINING;
	r.policy = AISCHED_POLICY_FIFO;
	r.rt_prio = 5;
	r.rt_budget_ms = 100;
	r.io_class = AISCHED_IO_CLASS_BE;
	r.io_level = 4;
	r.cpus = cpus_0_3_6;
	r.cpus_len = sizeof(cpus_0_3_6);
	r.tasks = 1000;
	r.applied = 123456;
	list_add(&list, &r);
	r = good;
	r.cgroup = "/b";
	r.class = AISCHED_CLASS_BACKGROUND;
	r.policy = AISCHED_POLICY_IDLE;
	r.io_class = AISCHED_IO_CLASS_IDLE;
	r.tasks = 0;
	list_add(&list, &r);
	list_add(&list, &placed);
	r = placed;
	r.cgroup = "/jobs/s";
	r.placement = &placement_spread;
	r.target = nodes_0_1;
	r.hugepages = (const uint32_t[]){ 512 };
	r.hugepages_node = (const uint32_t[]){ 1 };
	r.hugepages_used = (const uint32_t[]){ 12 };
	list_add(&list, &r);
	ASSERT_EQ(5, list.nr);

	text = print_list(aisched_tag_print_table, &list);
	EXPECT_STREQ(
		"cgroup        class       policy      slice   ioprio  cpus   target  hugepages  tasks  applied  overrides  demotions  conflicts\n"
		"/jobs/a       inference   normal:-10  1000us  be:0    -      -       -              3        5          1          0          2\n"
		"/jobs/train0  training    fifo:5      -       be:4    0-3,6  -       -           1000   123456          1          0          2\n"
		"/b            background  idle        -       idle    -      -       -              0        5          1          0          2\n"
		"/jobs/t       training    normal:0    -       be:4    2-3    1       -              2        2          0          0          0\n"
		"/jobs/s       training    normal:0    -       be:4    2-3    0-1     12/512@1       2        2          0          0          0\n",
		text);
	free(text);

	text = print_list(aisched_tag_list_print_json, &list);
	EXPECT_TRUE(starts_with(text, "[{\"cgroup\":\"/jobs/a\","));
	EXPECT_NE(NULL, strstr(text, "},{\"cgroup\":\"/jobs/train0\","));
	EXPECT_NE(NULL, strstr(text, "},{\"cgroup\":\"/jobs/s\","));
	EXPECT_NE(NULL, strstr(text, "\"target_nodes\":\"0-1\","
				     "\"hugepages\":{\"quota\":512,\"node\":1,\"used\":12},"
				     "\"tasks\":2,\"applied\":2,"
				     "\"overrides\":0,\"demotions\":0,\"conflicts\":0}]\n"));
	/* One line. */
	EXPECT_EQ(1, count_lines(text));
	free(text);
	aisched_reply_list_free(&list);
	EXPECT_EQ(0, list.nr);
}

TEST(empty_list)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_tag_reply);
	char *text;

	text = print_list(aisched_tag_print_table, &list);
	EXPECT_STREQ("", text);
	free(text);
	text = print_list(aisched_tag_list_print_json, &list);
	EXPECT_STREQ("[]\n", text);
	free(text);
}

/*
 * A reply that breaks after the decoder allocated (the cgroup, a first
 * GPU) leaves a dump's list as it was, and nothing behind.
 */
TEST(list_add_refuses_broken)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_tag_reply);
	struct reply r = placed;
	struct nl_msg *msg;
	struct output o;
	int ret;

	list_add(&list, &good);
	msg = build(&r);
	ASSERT_EQ(0, nla_put(msg, AISCHED_A_TAG_GPU, 3, "0000"));
	CAPTURE(&o, ret = aisched_reply_list_add(&list, nlmsg_hdr(msg)));
	EXPECT_EQ(-EBADMSG, ret);
	EXPECT_EQ(1, list.nr);
	EXPECT_STREQ("/jobs/a", ((struct aisched_tag *)list.items)[0].cgroup);
	EXPECT_STREQ("aisched: invalid reply from the kernel: tag: attribute gpu (18) is not NUL-terminated\n",
		     o.err);
	output_free(&o);
	nlmsg_free(msg);
	aisched_reply_list_free(&list);
}

enum breakage {
	NO_CGROUP_ID, NO_CGROUP, NO_CLASS, NO_POLICY, NO_IO_CLASS, NO_IO_LEVEL,
	NO_TASKS, NO_APPLIED, NO_OVERRIDES, NO_DEMOTIONS, NO_CONFLICTS,
	NORMAL_NO_NICE, BATCH_NO_NICE, FIFO_NO_PRIO, FIFO_NO_BUDGET,
	SHORT_NICE, LONG_CLASS, SHORT_CGROUP_ID, SHORT_TASKS, LONG_APPLIED,
	UNTERMINATED_CGROUP, EMPTY_CGROUP, TWO_CLASSES, CPUS_EMPTY, CPUS_3_BYTES,
	CPUS_6_BYTES, TRAILING_BYTES, NO_GENL_HEADER, PLACED_NO_MEM,
	PLACED_NO_TARGET, SPREAD_NO_MEM, NODES_5_BYTES, NODES_EMPTY,
	TARGET_EMPTY, GPU_UNTERMINATED, GPU_EMPTY, SHORT_PLACEMENT,
	TWO_PLACEMENTS, LONG_MEM, HUGEPAGES_NO_NODE, HUGEPAGES_NO_USED,
	SHORT_HUGEPAGES, LONG_HUGEPAGES_NODE, EMPTY_HUGEPAGES_USED,
	TWO_HUGEPAGES,
};

FIXTURE(bad_tag) {
	struct aisched_tag tag;
	struct output output;
	int ret;
};

FIXTURE_VARIANT(bad_tag) {
	enum breakage breakage;
	const char *err;
};

#define BAD_TAG(name, b, msg)				\
	FIXTURE_VARIANT_ADD(bad_tag, name) {		\
		.breakage = b,				\
		.err = msg,				\
	}

BAD_TAG(no_cgroup_id, NO_CGROUP_ID, "tag: missing attribute cgroup-id (2)");
BAD_TAG(no_cgroup, NO_CGROUP, "tag: missing attribute cgroup (3)");
BAD_TAG(no_class, NO_CLASS, "tag: missing attribute class (4)");
BAD_TAG(no_policy, NO_POLICY, "tag: missing attribute policy (5)");
BAD_TAG(no_io_class, NO_IO_CLASS, "tag: missing attribute io-class (9)");
BAD_TAG(no_io_level, NO_IO_LEVEL, "tag: missing attribute io-level (10)");
BAD_TAG(no_tasks, NO_TASKS, "tag: missing attribute tasks (12)");
BAD_TAG(no_applied, NO_APPLIED, "tag: missing attribute applied (13)");
BAD_TAG(no_overrides, NO_OVERRIDES, "tag: missing attribute overrides (14)");
BAD_TAG(no_demotions, NO_DEMOTIONS, "tag: missing attribute demotions (15)");
BAD_TAG(no_conflicts, NO_CONFLICTS, "tag: missing attribute conflicts (16)");
BAD_TAG(normal_without_nice, NORMAL_NO_NICE,
	"tag /jobs/a: missing attribute nice (6), which policy normal needs");
BAD_TAG(batch_without_nice, BATCH_NO_NICE,
	"tag /jobs/a: missing attribute nice (6), which policy batch needs");
BAD_TAG(fifo_without_rt_prio, FIFO_NO_PRIO,
	"tag /jobs/a: missing attribute rt-prio (7), which policy fifo needs");
BAD_TAG(fifo_without_budget, FIFO_NO_BUDGET,
	"tag /jobs/a: missing attribute rt-budget-ms (8), which policy fifo needs");
BAD_TAG(short_nice, SHORT_NICE, "tag: attribute nice (6) has 2 bytes, expected 4");
BAD_TAG(long_class, LONG_CLASS, "tag: attribute class (4) has 8 bytes, expected 4");
BAD_TAG(short_cgroup_id, SHORT_CGROUP_ID,
	"tag: attribute cgroup-id (2) has 4 bytes, expected 8");
BAD_TAG(short_tasks, SHORT_TASKS, "tag: attribute tasks (12) has 1 bytes, expected 4");
BAD_TAG(long_applied, LONG_APPLIED,
	"tag: attribute applied (13) has 12 bytes, expected 8");
BAD_TAG(unterminated_cgroup, UNTERMINATED_CGROUP,
	"tag: attribute cgroup (3) is not NUL-terminated");
BAD_TAG(empty_cgroup, EMPTY_CGROUP, "tag: attribute cgroup (3) is not NUL-terminated");
BAD_TAG(two_classes, TWO_CLASSES, "tag: attribute class (4) appears twice");
BAD_TAG(cpus_empty, CPUS_EMPTY,
	"tag /jobs/a: attribute cpus (11) has 0 bytes, expected a non-zero multiple of 4");
BAD_TAG(cpus_3_bytes, CPUS_3_BYTES,
	"tag /jobs/a: attribute cpus (11) has 3 bytes, expected a non-zero multiple of 4");
BAD_TAG(cpus_6_bytes, CPUS_6_BYTES,
	"tag /jobs/a: attribute cpus (11) has 6 bytes, expected a non-zero multiple of 4");
BAD_TAG(trailing_bytes, TRAILING_BYTES,
	"tag: 3 bytes after the last attribute do not form one");
BAD_TAG(no_genl_header, NO_GENL_HEADER,
	"message of 16 bytes has no generic netlink header");
BAD_TAG(placed_without_mem, PLACED_NO_MEM,
	"tag /jobs/a: missing attribute mem (22), which placement local needs");
BAD_TAG(placed_without_target, PLACED_NO_TARGET,
	"tag /jobs/a: missing attribute target-nodes (23), which placement local needs");
BAD_TAG(spread_without_mem, SPREAD_NO_MEM,
	"tag /jobs/a: missing attribute mem (22), which placement spread needs");
BAD_TAG(nodes_5_bytes, NODES_5_BYTES,
	"tag /jobs/a: attribute nodes (20) has 5 bytes, expected a non-zero multiple of 4");
BAD_TAG(nodes_empty, NODES_EMPTY,
	"tag /jobs/a: attribute nodes (20) has 0 bytes, expected a non-zero multiple of 4");
BAD_TAG(target_empty, TARGET_EMPTY,
	"tag /jobs/a: attribute target-nodes (23) has 0 bytes, expected a non-zero multiple of 4");
BAD_TAG(gpu_unterminated, GPU_UNTERMINATED,
	"tag: attribute gpu (18) is not NUL-terminated");
BAD_TAG(gpu_empty, GPU_EMPTY, "tag: attribute gpu (18) is not NUL-terminated");
BAD_TAG(short_placement, SHORT_PLACEMENT,
	"tag: attribute placement (21) has 2 bytes, expected 4");
BAD_TAG(two_placements, TWO_PLACEMENTS, "tag: attribute placement (21) appears twice");
BAD_TAG(long_mem, LONG_MEM, "tag: attribute mem (22) has 8 bytes, expected 4");
BAD_TAG(hugepages_without_node, HUGEPAGES_NO_NODE,
	"tag /jobs/a: missing attribute hugepages-node (25), which hugepages needs");
BAD_TAG(hugepages_without_used, HUGEPAGES_NO_USED,
	"tag /jobs/a: missing attribute hugepages-used (26), which hugepages needs");
BAD_TAG(short_hugepages, SHORT_HUGEPAGES,
	"tag: attribute hugepages (24) has 2 bytes, expected 4");
BAD_TAG(long_hugepages_node, LONG_HUGEPAGES_NODE,
	"tag: attribute hugepages-node (25) has 8 bytes, expected 4");
BAD_TAG(empty_hugepages_used, EMPTY_HUGEPAGES_USED,
	"tag: attribute hugepages-used (26) has 0 bytes, expected 4");
BAD_TAG(two_hugepages, TWO_HUGEPAGES, "tag: attribute hugepages (24) appears twice");

static struct nl_msg *build_broken(enum breakage b)
{
	static const uint8_t bytes[12] = { 0xff };
	static const uint8_t junk[3] = { 1, 2, 3 };
	struct reply r = good;
	struct nl_msg *msg;

	switch (b) {
	case NO_GENL_HEADER:
		msg = nlmsg_alloc();
		if (!msg || !nlmsg_put(msg, 0, 0, FAMILY, 0, 0))
			abort();
		return msg;
	case NO_CGROUP_ID:
		r.cgroup_id = -1;
		break;
	case NO_CGROUP:
		r.cgroup = NULL;
		break;
	case NO_CLASS:
		r.class = -1;
		break;
	case NO_POLICY:
		r.policy = -1;
		break;
	case NO_IO_CLASS:
		r.io_class = -1;
		break;
	case NO_IO_LEVEL:
		r.io_level = -1;
		break;
	case NO_TASKS:
		r.tasks = -1;
		break;
	case NO_APPLIED:
		r.applied = -1;
		break;
	case NO_OVERRIDES:
		r.overrides = -1;
		break;
	case NO_DEMOTIONS:
		r.demotions = -1;
		break;
	case NO_CONFLICTS:
		r.conflicts = -1;
		break;
	case NORMAL_NO_NICE:
		r.nice = -100;
		break;
	case BATCH_NO_NICE:
		r.nice = -100;
		r.policy = AISCHED_POLICY_BATCH;
		break;
	case FIFO_NO_PRIO:
		r.policy = AISCHED_POLICY_FIFO;
		r.rt_budget_ms = 100;
		break;
	case FIFO_NO_BUDGET:
		r.policy = AISCHED_POLICY_FIFO;
		r.rt_prio = 1;
		break;
	case SHORT_NICE:
		r.nice = -100;
		break;
	case LONG_CLASS:
		r.class = -1;
		break;
	case SHORT_CGROUP_ID:
		r.cgroup_id = -1;
		break;
	case SHORT_TASKS:
		r.tasks = -1;
		break;
	case LONG_APPLIED:
		r.applied = -1;
		break;
	case UNTERMINATED_CGROUP:
	case EMPTY_CGROUP:
		r.cgroup = NULL;
		break;
	case TWO_CLASSES:
		break;
	case CPUS_EMPTY:
		r.cpus = (const uint32_t *)bytes;
		r.cpus_len = 0;
		break;
	case CPUS_3_BYTES:
		r.cpus = (const uint32_t *)bytes;
		r.cpus_len = 3;
		break;
	case CPUS_6_BYTES:
		r.cpus = (const uint32_t *)bytes;
		r.cpus_len = 6;
		break;
	case TRAILING_BYTES:
		break;
	case PLACED_NO_MEM:
		r.placement = &placement_local;
		r.target = node_1;
		r.target_len = sizeof(node_1);
		break;
	case PLACED_NO_TARGET:
		r.placement = &placement_local;
		r.mem = &mem_preferred;
		break;
	case SPREAD_NO_MEM:
		r.placement = &placement_spread;
		r.target = node_1;
		r.target_len = sizeof(node_1);
		break;
	case NODES_5_BYTES:
		r.nodes = (const uint32_t *)bytes;
		r.nodes_len = 5;
		break;
	case NODES_EMPTY:
		r.nodes = (const uint32_t *)bytes;
		r.nodes_len = 0;
		break;
	case TARGET_EMPTY:
		r.placement = &placement_local;
		r.mem = &mem_preferred;
		r.target = (const uint32_t *)bytes;
		r.target_len = 0;
		break;
	case GPU_UNTERMINATED:
	case GPU_EMPTY:
		r.gpus[0] = "0000:0b:00.0";
		break;
	case SHORT_PLACEMENT:
	case TWO_PLACEMENTS:
		r.placement = NULL;
		break;
	case LONG_MEM:
		r.placement = &placement_local;
		r.target = node_1;
		r.target_len = sizeof(node_1);
		break;
	case HUGEPAGES_NO_NODE:
		r.hugepages = (const uint32_t[]){ 16 };
		r.hugepages_used = (const uint32_t[]){ 0 };
		break;
	case HUGEPAGES_NO_USED:
		r.hugepages = (const uint32_t[]){ 16 };
		r.hugepages_node = (const uint32_t[]){ 1 };
		break;
	case SHORT_HUGEPAGES:
	case TWO_HUGEPAGES:
		r.hugepages_node = (const uint32_t[]){ 1 };
		r.hugepages_used = (const uint32_t[]){ 0 };
		break;
	case LONG_HUGEPAGES_NODE:
		r.hugepages = (const uint32_t[]){ 16 };
		r.hugepages_used = (const uint32_t[]){ 0 };
		break;
	case EMPTY_HUGEPAGES_USED:
		r.hugepages = (const uint32_t[]){ 16 };
		r.hugepages_node = (const uint32_t[]){ 1 };
		break;
	}
	msg = build(&r);
	switch (b) {
	case SHORT_NICE:
		nla_put_u16(msg, AISCHED_A_TAG_NICE, 1);
		break;
	case LONG_CLASS:
		nla_put_u64(msg, AISCHED_A_TAG_CLASS, 1);
		break;
	case SHORT_CGROUP_ID:
		nla_put_u32(msg, AISCHED_A_TAG_CGROUP_ID, 1);
		break;
	case SHORT_TASKS:
		nla_put_u8(msg, AISCHED_A_TAG_TASKS, 1);
		break;
	case LONG_APPLIED:
		nla_put(msg, AISCHED_A_TAG_APPLIED, 12, bytes);
		break;
	case UNTERMINATED_CGROUP:
		nla_put(msg, AISCHED_A_TAG_CGROUP, 2, "/a");
		break;
	case EMPTY_CGROUP:
		nla_put(msg, AISCHED_A_TAG_CGROUP, 0, NULL);
		break;
	case TWO_CLASSES:
		nla_put_u32(msg, AISCHED_A_TAG_CLASS, 1);
		break;
	case TRAILING_BYTES:
		nlmsg_append(msg, (void *)junk, sizeof(junk), 0);
		break;
	case GPU_UNTERMINATED:
		nla_put(msg, AISCHED_A_TAG_GPU, 12, "0000:00:02.0");
		break;
	case GPU_EMPTY:
		nla_put(msg, AISCHED_A_TAG_GPU, 0, NULL);
		break;
	case SHORT_PLACEMENT:
		nla_put_u16(msg, AISCHED_A_TAG_PLACEMENT, AISCHED_PLACEMENT_LOCAL);
		break;
	case TWO_PLACEMENTS:
		nla_put_u32(msg, AISCHED_A_TAG_PLACEMENT, AISCHED_PLACEMENT_NONE);
		nla_put_u32(msg, AISCHED_A_TAG_PLACEMENT, AISCHED_PLACEMENT_NONE);
		break;
	case LONG_MEM:
		nla_put_u64(msg, AISCHED_A_TAG_MEM, AISCHED_MEM_PREFERRED);
		break;
	case SHORT_HUGEPAGES:
		nla_put_u16(msg, AISCHED_A_TAG_HUGEPAGES, 16);
		break;
	case LONG_HUGEPAGES_NODE:
		nla_put_u64(msg, AISCHED_A_TAG_HUGEPAGES_NODE, 1);
		break;
	case EMPTY_HUGEPAGES_USED:
		nla_put(msg, AISCHED_A_TAG_HUGEPAGES_USED, 0, NULL);
		break;
	case TWO_HUGEPAGES:
		nla_put_u32(msg, AISCHED_A_TAG_HUGEPAGES, 16);
		nla_put_u32(msg, AISCHED_A_TAG_HUGEPAGES, 8);
		break;
	default:
		break;
	}
	return msg;
}

FIXTURE_SETUP(bad_tag)
{
	struct nl_msg *msg = build_broken(variant->breakage);

	self->ret = decode(msg, &self->tag, &self->output);
	nlmsg_free(msg);
}

FIXTURE_TEARDOWN(bad_tag)
{
	aisched_tag_free(&self->tag);
	output_free(&self->output);
}

TEST_F(bad_tag, rejected)
{
	char want[256];

	EXPECT_EQ(-EBADMSG, self->ret);
	snprintf(want, sizeof(want), "aisched: invalid reply from the kernel: %s\n",
		 variant->err);
	EXPECT_STREQ(want, self->output.err);
	EXPECT_STREQ("", self->output.out);
}

TEST_HARNESS_MAIN
