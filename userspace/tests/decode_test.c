// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the reply decoders and printers of "aisched info": replies
 * are built with libnl as the kernel would send them, correct or broken in
 * one way each, and fed to info_decode() and info_decode_node().
 */

#include <errno.h>
#include <stdint.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "kselftest_harness.h"

#include "capture.h"
#include "info.h"

#define GIB	(1ull << 30)
#define FAMILY	0x1d	/* any id: the decoders do not look at it */

static struct nl_msg *new_reply(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, FAMILY, 0, 0,
				 cmd, AISCHED_FAMILY_VERSION))
		abort();
	return msg;
}

static void put_node_attrs(struct nl_msg *msg, uint32_t id, uint32_t cpus,
			   uint64_t mem)
{
	if (nla_put_u32(msg, AISCHED_A_NODE_ID, id) ||
	    nla_put(msg, AISCHED_A_NODE_CPUS, sizeof(cpus), &cpus) ||
	    nla_put_u64(msg, AISCHED_A_NODE_MEM_TOTAL, mem))
		abort();
}

static void put_node(struct nl_msg *msg, uint32_t id, uint32_t cpus,
		     uint64_t mem)
{
	struct nlattr *nest = nla_nest_start(msg, AISCHED_A_INFO_NODE);

	if (!nest)
		abort();
	put_node_attrs(msg, id, cpus, mem);
	nla_nest_end(msg, nest);
}

static void put_info_header(struct nl_msg *msg)
{
	if (nla_put_string(msg, AISCHED_A_INFO_VERSION, "0.1.0") ||
	    nla_put_u32(msg, AISCHED_A_INFO_ABI_VERSION, 1) ||
	    nla_put_u64(msg, AISCHED_A_INFO_FEATURES, 0))
		abort();
}

/* Decode with stderr captured; returns what info_decode() returned. */
static int decode_info(struct nl_msg *msg, struct aisched_info *info,
		       struct output *o)
{
	int ret;

	CAPTURE(o, ret = info_decode(nlmsg_hdr(msg), info));
	return ret;
}

static char *print_to_string(int (*print)(FILE *f, const void *obj),
			     const void *obj, int *ret)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f)
		abort();
	*ret = print(f, obj);
	fclose(f);
	return text;
}

static int print_info(FILE *f, const void *obj)
{
	return info_print(f, obj);
}

static int print_info_json(FILE *f, const void *obj)
{
	return info_print_json(f, obj);
}

static int print_node(FILE *f, const void *obj)
{
	return info_print_node(f, obj);
}

static int print_node_json(FILE *f, const void *obj)
{
	return info_print_node_json(f, obj);
}

TEST(info_two_nodes)
{
	struct nl_msg *msg = new_reply(AISCHED_CMD_GET_INFO);
	struct aisched_info info;
	struct output o;
	char *text;
	int ret;

	put_info_header(msg);
	put_node(msg, 0, 0x3, 1 * GIB);
	put_node(msg, 1, 0xc, 2 * GIB);

	ASSERT_EQ(0, decode_info(msg, &info, &o));
	EXPECT_STREQ("", o.err);
	EXPECT_STREQ("0.1.0", info.version);
	EXPECT_EQ(1, info.abi_version);
	EXPECT_EQ(0, info.features);
	ASSERT_EQ(2, info.nr_nodes);
	EXPECT_EQ(0, info.nodes[0].id);
	EXPECT_EQ(1 * GIB, info.nodes[0].mem_total);
	EXPECT_EQ(1, info.nodes[1].id);
	EXPECT_EQ(1, info.nodes[1].cpus.nr_words);
	EXPECT_EQ(0xc, info.nodes[1].cpus.words[0]);

	text = print_to_string(print_info, &info, &ret);
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("module version: 0.1.0\n"
		     "abi version:    1\n"
		     "features:       0x0\n"
		     "kernel hooks:   none (a stock kernel; see patches/README)\n"
		     "\n"
		     "node        memory  cpus\n"
		     "   0      1024 MiB  0-1\n"
		     "   1      2048 MiB  2-3\n", text);
	free(text);

	text = print_to_string(print_info_json, &info, &ret);
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("{\"version\":\"0.1.0\",\"abi_version\":1,\"features\":0,\"nodes\":["
		     "{\"id\":0,\"cpus\":\"0-1\",\"cpu_list\":[0,1],\"mem_total\":1073741824},"
		     "{\"id\":1,\"cpus\":\"2-3\",\"cpu_list\":[2,3],\"mem_total\":2147483648}"
		     "]}\n", text);
	free(text);

	info_free(&info);
	EXPECT_EQ(NULL, info.nodes);
	output_free(&o);
	nlmsg_free(msg);
}

/* A newer module may send attributes this tool does not know. */
TEST(info_unknown_attributes_are_ignored)
{
	struct nl_msg *msg = new_reply(AISCHED_CMD_GET_INFO);
	struct aisched_info info;
	struct nlattr *nest;
	struct output o;
	uint32_t cpus = 0x1;

	ASSERT_EQ(0, nla_put_u32(msg, 99, 0xdead));
	put_info_header(msg);
	ASSERT_EQ(0, nla_put(msg, AISCHED_A_INFO_PAD, 0, NULL));
	nest = nla_nest_start(msg, AISCHED_A_INFO_NODE);
	ASSERT_NE(NULL, nest);
	ASSERT_EQ(0, nla_put_string(msg, 42, "from the future"));
	ASSERT_EQ(0, nla_put_u32(msg, AISCHED_A_NODE_ID, 5));
	ASSERT_EQ(0, nla_put(msg, AISCHED_A_NODE_PAD, 0, NULL));
	ASSERT_EQ(0, nla_put(msg, AISCHED_A_NODE_CPUS, sizeof(cpus), &cpus));
	ASSERT_EQ(0, nla_put_u64(msg, AISCHED_A_NODE_MEM_TOTAL, GIB));
	nla_nest_end(msg, nest);
	ASSERT_EQ(0, nla_put_u64(msg, AISCHED_A_INFO_MAX + 1, 7));

	EXPECT_EQ(0, decode_info(msg, &info, &o));
	EXPECT_STREQ("", o.err);
	ASSERT_EQ(1, info.nr_nodes);
	EXPECT_EQ(5, info.nodes[0].id);
	info_free(&info);
	output_free(&o);
	nlmsg_free(msg);
}

TEST(info_without_nodes)
{
	struct nl_msg *msg = new_reply(AISCHED_CMD_GET_INFO);
	struct aisched_info info;
	struct output o;
	char *text;
	int ret;

	put_info_header(msg);
	ASSERT_EQ(0, decode_info(msg, &info, &o));
	EXPECT_EQ(0, info.nr_nodes);
	text = print_to_string(print_info, &info, &ret);
	EXPECT_EQ(0, ret);
	EXPECT_NE(NULL, strstr(text, "\nno online NUMA node reported\n"));
	free(text);
	text = print_to_string(print_info_json, &info, &ret);
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("{\"version\":\"0.1.0\",\"abi_version\":1,\"features\":0,\"nodes\":[]}\n",
		     text);
	free(text);
	info_free(&info);
	output_free(&o);
	nlmsg_free(msg);
}

/* u64 values keep all their bits, in the table and in JSON. */
TEST(info_u64_extremes)
{
	struct nl_msg *msg = new_reply(AISCHED_CMD_GET_INFO);
	struct aisched_info info;
	struct output o;
	char *text;
	int ret;

	ASSERT_EQ(0, nla_put_string(msg, AISCHED_A_INFO_VERSION, "9.9.9-rc1"));
	ASSERT_EQ(0, nla_put_u32(msg, AISCHED_A_INFO_ABI_VERSION, 0xffffffff));
	ASSERT_EQ(0, nla_put_u64(msg, AISCHED_A_INFO_FEATURES, 1ull << 63 | 0x5));
	put_node(msg, 1023, 0, UINT64_MAX);
	ASSERT_EQ(0, decode_info(msg, &info, &o));

	text = print_to_string(print_info, &info, &ret);
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("module version: 9.9.9-rc1\n"
		     "abi version:    4294967295\n"
		     "features:       0x8000000000000005 (tags, pool)\n"
		     "kernel hooks:   none (a stock kernel; see patches/README)\n"
		     "\n"
		     "node        memory  cpus\n"
		     "1023  17592186044415 MiB  -\n", text);
	free(text);
	text = print_to_string(print_info_json, &info, &ret);
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("{\"version\":\"9.9.9-rc1\",\"abi_version\":4294967295,"
		     "\"features\":9223372036854775813,\"nodes\":["
		     "{\"id\":1023,\"cpus\":\"\",\"cpu_list\":[],"
		     "\"mem_total\":18446744073709551615}]}\n", text);
	free(text);
	info_free(&info);
	output_free(&o);
	nlmsg_free(msg);
}

/* The feature bits the tool knows are named after the number. */
TEST(info_features_named)
{
	struct nl_msg *msg = new_reply(AISCHED_CMD_GET_INFO);
	struct aisched_info info;
	struct output o;
	char *text;
	int ret;

	ASSERT_EQ(0, nla_put_string(msg, AISCHED_A_INFO_VERSION, "0.2.0"));
	ASSERT_EQ(0, nla_put_u32(msg, AISCHED_A_INFO_ABI_VERSION, 1));
	ASSERT_EQ(0, nla_put_u64(msg, AISCHED_A_INFO_FEATURES,
				 AISCHED_FEATURE_TAGS | AISCHED_FEATURE_GPUS));
	ASSERT_EQ(0, decode_info(msg, &info, &o));
	text = print_to_string(print_info, &info, &ret);
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("module version: 0.2.0\n"
		     "abi version:    1\n"
		     "features:       0x3 (tags, gpus)\n"
		     "kernel hooks:   none (a stock kernel; see patches/README)\n"
		     "\n"
		     "no online NUMA node reported\n", text);
	free(text);
	/* A bit the tool has no name for shows in the number only. */
	info.features = AISCHED_FEATURE_GPUS | 0x100;
	text = print_to_string(print_info, &info, &ret);
	EXPECT_NE(NULL, strstr(text, "features:       0x102 (gpus)\n"));
	free(text);
	/* A module with the huge-page pool. */
	info.features = AISCHED_FEATURE_TAGS | AISCHED_FEATURE_GPUS |
			AISCHED_FEATURE_POOL;
	text = print_to_string(print_info, &info, &ret);
	EXPECT_NE(NULL, strstr(text, "features:       0x7 (tags, gpus, pool)\n"
				     "kernel hooks:   none (a stock kernel; see patches/README)\n"));
	free(text);
	/* A kernel with the whole series of patches/, and with one hook. */
	info.features = 0x7f;
	text = print_to_string(print_info, &info, &ret);
	EXPECT_NE(NULL, strstr(text, "features:       0x7f (tags, gpus, pool, mempolicy, migrate, numa-hint, pin)\n"
				     "kernel hooks:   mempolicy, migrate, numa-hint, pin\n"));
	free(text);
	/* Custom slices are the kernel's own: no hook. */
	info.features = AISCHED_FEATURE_TAGS | AISCHED_FEATURE_SLICE;
	text = print_to_string(print_info, &info, &ret);
	EXPECT_NE(NULL, strstr(text, "features:       0x81 (tags, slice)\n"
				     "kernel hooks:   none (a stock kernel; see patches/README)\n"));
	free(text);
	info.features = AISCHED_FEATURE_TAGS | AISCHED_FEATURE_PIN;
	text = print_to_string(print_info, &info, &ret);
	EXPECT_NE(NULL, strstr(text, "features:       0x41 (tags, pin)\n"
				     "kernel hooks:   pin\n"));
	free(text);
	info_free(&info);
	output_free(&o);
	nlmsg_free(msg);
}

enum breakage {
	NO_VERSION,
	NO_ABI_VERSION,
	NO_FEATURES,
	SHORT_ABI_VERSION,
	LONG_ABI_VERSION,
	SHORT_FEATURES,
	UNTERMINATED_VERSION,
	EMPTY_VERSION,
	TWO_ABI_VERSIONS,
	NODE_WITHOUT_ID,
	NODE_WITHOUT_CPUS,
	NODE_WITHOUT_MEM,
	NODE_SHORT_ID,
	NODE_SHORT_MEM,
	NODE_CPUS_EMPTY,
	NODE_CPUS_3_BYTES,
	NODE_CPUS_6_BYTES,
	NODE_TWO_CPUS,
	TRAILING_BYTES,
	TRUNCATED_ATTRIBUTE,
	NO_GENL_HEADER,
};

FIXTURE(bad_info) {
	struct aisched_info info;
	struct output output;
	int ret;
};

/*
 * @breakage: what is wrong with the reply
 * @err: what the error message must say
 */
FIXTURE_VARIANT(bad_info) {
	enum breakage breakage;
	const char *err;
};

#define BAD_INFO(name, b, msg)				\
	FIXTURE_VARIANT_ADD(bad_info, name) {		\
		.breakage = b,				\
		.err = msg,				\
	}

BAD_INFO(no_version, NO_VERSION, "info: missing attribute version (1)");
BAD_INFO(no_abi_version, NO_ABI_VERSION, "info: missing attribute abi-version (2)");
BAD_INFO(no_features, NO_FEATURES, "info: missing attribute features (3)");
BAD_INFO(short_abi_version, SHORT_ABI_VERSION,
	 "info: attribute abi-version (2) has 2 bytes, expected 4");
BAD_INFO(long_abi_version, LONG_ABI_VERSION,
	 "info: attribute abi-version (2) has 8 bytes, expected 4");
BAD_INFO(short_features, SHORT_FEATURES,
	 "info: attribute features (3) has 4 bytes, expected 8");
BAD_INFO(unterminated_version, UNTERMINATED_VERSION,
	 "info: attribute version (1) is not NUL-terminated");
BAD_INFO(empty_version, EMPTY_VERSION,
	 "info: attribute version (1) is not NUL-terminated");
BAD_INFO(two_abi_versions, TWO_ABI_VERSIONS,
	 "info: attribute abi-version (2) appears twice");
BAD_INFO(node_without_id, NODE_WITHOUT_ID, "node: missing attribute id (1)");
BAD_INFO(node_without_cpus, NODE_WITHOUT_CPUS, "node: missing attribute cpus (2)");
BAD_INFO(node_without_mem, NODE_WITHOUT_MEM, "node: missing attribute mem-total (3)");
BAD_INFO(node_short_id, NODE_SHORT_ID, "node: attribute id (1) has 1 bytes, expected 4");
BAD_INFO(node_short_mem, NODE_SHORT_MEM,
	 "node: attribute mem-total (3) has 4 bytes, expected 8");
BAD_INFO(node_cpus_empty, NODE_CPUS_EMPTY,
	 "node 0: attribute cpus (2) has 0 bytes, expected a non-zero multiple of 4");
BAD_INFO(node_cpus_3_bytes, NODE_CPUS_3_BYTES,
	 "node 0: attribute cpus (2) has 3 bytes, expected a non-zero multiple of 4");
BAD_INFO(node_cpus_6_bytes, NODE_CPUS_6_BYTES,
	 "node 0: attribute cpus (2) has 6 bytes, expected a non-zero multiple of 4");
BAD_INFO(node_two_cpus, NODE_TWO_CPUS, "node: attribute cpus (2) appears twice");
BAD_INFO(trailing_bytes, TRAILING_BYTES,
	 "info: 3 bytes after the last attribute do not form one");
BAD_INFO(truncated_attribute, TRUNCATED_ATTRIBUTE,
	 "info: 4 bytes after the last attribute do not form one");
BAD_INFO(no_genl_header, NO_GENL_HEADER,
	 "message of 16 bytes has no generic netlink header");

static void put_broken_node(struct nl_msg *msg, enum breakage b)
{
	static const uint8_t cpus[8] = { 0x3 };
	struct nlattr *nest;

	nest = nla_nest_start(msg, AISCHED_A_INFO_NODE);
	if (b == NODE_SHORT_ID)
		nla_put_u8(msg, AISCHED_A_NODE_ID, 0);
	else if (b != NODE_WITHOUT_ID)
		nla_put_u32(msg, AISCHED_A_NODE_ID, 0);
	switch (b) {
	case NODE_WITHOUT_CPUS:
		break;
	case NODE_CPUS_EMPTY:
		nla_put(msg, AISCHED_A_NODE_CPUS, 0, NULL);
		break;
	case NODE_CPUS_3_BYTES:
		nla_put(msg, AISCHED_A_NODE_CPUS, 3, cpus);
		break;
	case NODE_CPUS_6_BYTES:
		nla_put(msg, AISCHED_A_NODE_CPUS, 6, cpus);
		break;
	case NODE_TWO_CPUS:
		nla_put(msg, AISCHED_A_NODE_CPUS, 4, cpus);
		nla_put(msg, AISCHED_A_NODE_CPUS, 4, cpus);
		break;
	default:
		nla_put(msg, AISCHED_A_NODE_CPUS, 4, cpus);
	}
	if (b == NODE_SHORT_MEM)
		nla_put_u32(msg, AISCHED_A_NODE_MEM_TOTAL, 1);
	else if (b != NODE_WITHOUT_MEM)
		nla_put_u64(msg, AISCHED_A_NODE_MEM_TOTAL, GIB);
	nla_nest_end(msg, nest);
}

static struct nl_msg *build_broken_info(enum breakage b)
{
	static const char unterminated[] = { '0', '.', '1' };
	struct nlattr bad_hdr = { .nla_len = 12, .nla_type = 1 };
	uint8_t junk[3] = { 1, 2, 3 };
	struct nl_msg *msg;

	if (b == NO_GENL_HEADER) {
		msg = nlmsg_alloc();
		if (!msg || !nlmsg_put(msg, 0, 0, FAMILY, 0, 0))
			abort();
		return msg;
	}

	msg = new_reply(AISCHED_CMD_GET_INFO);
	if (b == UNTERMINATED_VERSION)
		nla_put(msg, AISCHED_A_INFO_VERSION, sizeof(unterminated), unterminated);
	else if (b == EMPTY_VERSION)
		nla_put(msg, AISCHED_A_INFO_VERSION, 0, NULL);
	else if (b != NO_VERSION)
		nla_put_string(msg, AISCHED_A_INFO_VERSION, "0.1.0");

	if (b == SHORT_ABI_VERSION)
		nla_put_u16(msg, AISCHED_A_INFO_ABI_VERSION, 1);
	else if (b == LONG_ABI_VERSION)
		nla_put_u64(msg, AISCHED_A_INFO_ABI_VERSION, 1);
	else if (b != NO_ABI_VERSION)
		nla_put_u32(msg, AISCHED_A_INFO_ABI_VERSION, 1);
	if (b == TWO_ABI_VERSIONS)
		nla_put_u32(msg, AISCHED_A_INFO_ABI_VERSION, 1);

	if (b == SHORT_FEATURES)
		nla_put_u32(msg, AISCHED_A_INFO_FEATURES, 0);
	else if (b != NO_FEATURES)
		nla_put_u64(msg, AISCHED_A_INFO_FEATURES, 0);

	/* A good node first: the bad one must not be hidden behind it. */
	put_node(msg, 1, 0x1, GIB);
	put_broken_node(msg, b);

	if (b == TRAILING_BYTES)
		nlmsg_append(msg, junk, sizeof(junk), 0);
	if (b == TRUNCATED_ATTRIBUTE)
		nlmsg_append(msg, &bad_hdr, sizeof(bad_hdr), 0);
	return msg;
}

FIXTURE_SETUP(bad_info)
{
	struct nl_msg *msg = build_broken_info(variant->breakage);

	self->ret = decode_info(msg, &self->info, &self->output);
	nlmsg_free(msg);
}

FIXTURE_TEARDOWN(bad_info)
{
	info_free(&self->info);
	output_free(&self->output);
}

TEST_F(bad_info, rejected)
{
	char want[256];

	EXPECT_EQ(-EBADMSG, self->ret);
	snprintf(want, sizeof(want), "aisched: invalid reply from the kernel: %s\n",
		 variant->err);
	EXPECT_STREQ(want, self->output.err);
	EXPECT_STREQ("", self->output.out);
}

TEST(node_reply)
{
	static const uint32_t cpus[3] = { 0, 0, 0x3 };	/* CPUs 64-65 */
	struct nl_msg *msg = new_reply(AISCHED_CMD_NODE_GET);
	struct aisched_node node;
	struct output o;
	char *text;
	int ret;

	ASSERT_EQ(0, nla_put_u32(msg, AISCHED_A_NODE_ID, 3));
	ASSERT_EQ(0, nla_put(msg, AISCHED_A_NODE_CPUS, sizeof(cpus), cpus));
	ASSERT_EQ(0, nla_put_u64(msg, AISCHED_A_NODE_MEM_TOTAL, GIB / 2 + 12345));
	ASSERT_EQ(0, nla_put_u32(msg, 77, 1));

	CAPTURE(&o, ret = info_decode_node(nlmsg_hdr(msg), &node));
	ASSERT_EQ(0, ret);
	EXPECT_STREQ("", o.err);
	EXPECT_EQ(3, node.id);
	EXPECT_EQ(3, node.cpus.nr_words);

	text = print_to_string(print_node, &node, &ret);
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("node        memory  cpus\n"
		     "   3       512 MiB  64-65\n", text);
	free(text);
	text = print_to_string(print_node_json, &node, &ret);
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("{\"id\":3,\"cpus\":\"64-65\",\"cpu_list\":[64,65],"
		     "\"mem_total\":536883257}\n", text);
	free(text);

	info_free_node(&node);
	output_free(&o);
	nlmsg_free(msg);
}

TEST(node_reply_without_mem_total)
{
	struct nl_msg *msg = new_reply(AISCHED_CMD_NODE_GET);
	uint32_t cpus = 0x1;
	struct aisched_node node;
	struct output o;
	int ret;

	ASSERT_EQ(0, nla_put_u32(msg, AISCHED_A_NODE_ID, 0));
	ASSERT_EQ(0, nla_put(msg, AISCHED_A_NODE_CPUS, sizeof(cpus), &cpus));
	CAPTURE(&o, ret = info_decode_node(nlmsg_hdr(msg), &node));
	EXPECT_EQ(-EBADMSG, ret);
	EXPECT_STREQ("aisched: invalid reply from the kernel: node: missing attribute mem-total (3)\n",
		     o.err);
	info_free_node(&node);
	output_free(&o);
	nlmsg_free(msg);
}

TEST_HARNESS_MAIN
