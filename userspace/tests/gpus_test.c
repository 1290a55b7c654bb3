// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of "aisched gpus": its command line, the GPU_SET request it
 * builds, and the GPU_GET/GPU_SET reply decoder and printers, fed replies
 * built with libnl as the kernel would send them, correct or broken in one
 * way each.
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
#include "gpus.h"

#define MAX_ARGS 10
#define FAMILY	0x1d	/* any id: the decoders do not look at it */

FIXTURE(gpus_args) {
	struct gpus_opts opts;
	struct output output;
	int ret;
};

/*
 * @argv: the command line, "gpus" first, NULL-terminated
 * @ret: what gpus_parse_args() must return
 * @err: must appear on stderr when @ret is not 0
 * @want: the options expected when @ret is 0
 */
FIXTURE_VARIANT(gpus_args) {
	const char *argv[MAX_ARGS];
	int ret;
	const char *err;
	struct gpus_opts want;
};

FIXTURE_VARIANT_ADD(gpus_args, list) {
	.argv = { "gpus" },
};

FIXTURE_VARIANT_ADD(gpus_args, list_json) {
	.argv = { "gpus", "--json" },
	.want = { .json = true },
};

FIXTURE_VARIANT_ADD(gpus_args, set_by_index) {
	.argv = { "gpus", "set", "1", "--node", "0" },
	.want = { .set = true, .gpu = "1", .by_index = true, .index = 1,
		  .has_node = true, .node = 0 },
};

FIXTURE_VARIANT_ADD(gpus_args, set_by_address_auto_json) {
	.argv = { "gpus", "set", "--node=auto", "0000:00:02.0", "-j" },
	.want = { .set = true, .gpu = "0000:00:02.0", .has_node = true,
		  .node = -1, .json = true },
};

FIXTURE_VARIANT_ADD(gpus_args, set_after_options) {
	.argv = { "gpus", "-j", "-n", "1023", "set", "0000:0b:00.0" },
	.want = { .set = true, .gpu = "0000:0b:00.0", .has_node = true,
		  .node = 1023, .json = true },
};

/* After "--", everything is an operand. */
FIXTURE_VARIANT_ADD(gpus_args, double_dash_ends_options) {
	.argv = { "gpus", "set", "--", "-1", "-n", "5" },
	.ret = 2,
	.err = "aisched: gpus: unexpected argument '-n'\n",
};

/* The kernel checks the address, and the index against the GPUs there. */
FIXTURE_VARIANT_ADD(gpus_args, set_odd_address) {
	.argv = { "gpus", "set", "gpu7", "-n", "5" },
	.want = { .set = true, .gpu = "gpu7", .has_node = true, .node = 5 },
};

FIXTURE_VARIANT_ADD(gpus_args, set_big_index) {
	.argv = { "gpus", "set", "4294967295", "--node", "1" },
	.want = { .set = true, .gpu = "4294967295", .by_index = true,
		  .index = UINT32_MAX, .has_node = true, .node = 1 },
};

FIXTURE_VARIANT_ADD(gpus_args, last_node_wins) {
	.argv = { "gpus", "set", "0", "--node", "1", "--node", "auto" },
	.want = { .set = true, .gpu = "0", .by_index = true, .has_node = true,
		  .node = -1 },
};

FIXTURE_VARIANT_ADD(gpus_args, help) {
	.argv = { "gpus", "set", "--help", "--node", "x" },
	.want = { .help = true, .set = true },
};

#define GPUS_BAD(name, message, ...)					\
	FIXTURE_VARIANT_ADD(gpus_args, name) {				\
		.argv = { "gpus", __VA_ARGS__ },			\
		.ret = 2,						\
		.err = message,						\
	}

GPUS_BAD(list_operand, "aisched: gpus: unexpected argument '0'\n", "0");
GPUS_BAD(node_without_set,
	 "aisched: gpus: --node goes with set: aisched gpus set GPU --node <node>\n",
	 "--node", "1");
GPUS_BAD(set_without_gpu,
	 "aisched: gpus: set: missing the GPU (an index or a PCI address)\n",
	 "set", "--node", "1");
GPUS_BAD(set_without_node, "aisched: gpus: set: missing --node (a node, or auto)\n",
	 "set", "0");
GPUS_BAD(set_two_gpus, "aisched: gpus: unexpected argument '1'\n",
	 "set", "0", "1", "--node", "1");
/* The second set is a GPU (an address, for the kernel to refuse). */
GPUS_BAD(set_twice, "aisched: gpus: unexpected argument '0'\n",
	 "set", "set", "0", "--node", "1");
GPUS_BAD(set_empty_gpu,
	 "aisched: gpus: '' is not a GPU (an index or a PCI address such as 0000:17:00.0)\n",
	 "set", "", "--node", "1");
GPUS_BAD(set_index_too_big, "aisched: gpus: GPU index '4294967296' does not fit 32 bits\n",
	 "set", "4294967296", "--node", "1");
GPUS_BAD(node_word, "aisched: gpus: --node: 'one' is not a node (0-1023) or auto\n",
	 "set", "0", "--node", "one");
GPUS_BAD(node_negative, "aisched: gpus: --node: '-1' is not a node (0-1023) or auto\n",
	 "set", "0", "--node=-1");
GPUS_BAD(node_above_max, "aisched: gpus: --node: '1024' is out of range (0-1023)\n",
	 "set", "0", "--node", "1024");
GPUS_BAD(node_auto_case, "aisched: gpus: --node: 'AUTO' is not a node",
	 "set", "0", "--node", "AUTO");
GPUS_BAD(node_missing_value, "aisched: gpus: option '--node' needs a value\n",
	 "set", "0", "--node");
GPUS_BAD(unknown_option, "aisched: gpus: unknown option '--all'\n", "--all");

FIXTURE_SETUP(gpus_args)
{
	char *argv[MAX_ARGS];
	int i;

	for (i = 0; i < MAX_ARGS; i++)
		argv[i] = (char *)variant->argv[i];
	CAPTURE(&self->output,
		self->ret = gpus_parse_args(argv_count(argv), argv, &self->opts));
}

FIXTURE_TEARDOWN(gpus_args)
{
	output_free(&self->output);
}

TEST_F(gpus_args, parse)
{
	const struct gpus_opts *w = &variant->want, *o = &self->opts;

	ASSERT_EQ(variant->ret, self->ret) TH_LOG("stderr: %s", self->output.err);
	EXPECT_STREQ("", self->output.out);
	if (variant->ret) {
		ASSERT_NE(NULL, strstr(self->output.err, variant->err))
			TH_LOG("stderr: %s", self->output.err);
		EXPECT_NE(NULL, strstr(self->output.err, "Usage: aisched gpus [--json]\n"));
		return;
	}
	EXPECT_STREQ("", self->output.err);
	EXPECT_EQ(w->help, o->help);
	if (w->help)
		return;
	EXPECT_EQ(w->json, o->json);
	EXPECT_EQ(w->set, o->set);
	if (w->gpu) {
		EXPECT_STREQ(w->gpu, o->gpu);
	} else {
		EXPECT_EQ(NULL, o->gpu);
	}
	EXPECT_EQ(w->by_index, o->by_index);
	EXPECT_EQ(w->index, o->index);
	EXPECT_EQ(w->has_node, o->has_node);
	EXPECT_EQ(w->node, o->node);
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

/* GPU_SET: index or address as given, and the node, -1 for auto. */
TEST(set_request)
{
	char *by_index[] = { "gpus", "set", "3", "--node", "1", NULL };
	char *by_address[] = { "gpus", "set", "0000:0b:00.0", "--node", "auto", NULL };
	struct gpus_opts o;
	struct nl_msg *msg;
	struct nlattr *a;
	int32_t node;

	ASSERT_EQ(0, gpus_parse_args(argv_count(by_index), by_index, &o));
	msg = new_msg(AISCHED_CMD_GPU_SET);
	ASSERT_EQ(0, gpus_put_request(msg, &o));
	EXPECT_EQ(2, count_attrs(msg));
	a = attr(msg, AISCHED_A_GPU_INDEX);
	ASSERT_NE(NULL, a);
	EXPECT_EQ(4, nla_len(a));
	EXPECT_EQ(3, nla_get_u32(a));
	a = attr(msg, AISCHED_A_GPU_NODE);
	ASSERT_NE(NULL, a);
	ASSERT_EQ(4, nla_len(a));
	memcpy(&node, nla_data(a), sizeof(node));
	EXPECT_EQ(1, node);
	nlmsg_free(msg);

	ASSERT_EQ(0, gpus_parse_args(argv_count(by_address), by_address, &o));
	msg = new_msg(AISCHED_CMD_GPU_SET);
	ASSERT_EQ(0, gpus_put_request(msg, &o));
	EXPECT_EQ(2, count_attrs(msg));
	a = attr(msg, AISCHED_A_GPU_ADDRESS);
	ASSERT_NE(NULL, a);
	EXPECT_STREQ("0000:0b:00.0", nla_get_string(a));
	EXPECT_EQ(strlen("0000:0b:00.0") + 1, nla_len(a));
	a = attr(msg, AISCHED_A_GPU_NODE);
	ASSERT_NE(NULL, a);
	memcpy(&node, nla_data(a), sizeof(node));
	EXPECT_EQ(-1, node);
	nlmsg_free(msg);

	EXPECT_STREQ("--node", gpu_attr_options[AISCHED_A_GPU_NODE]);
	EXPECT_EQ(NULL, gpu_attr_options[AISCHED_A_GPU_INDEX]);
}

/*
 * struct reply - what a GPU reply holds; a field of -2 (or NULL) is left
 * out, since -1 is a node the kernel sends
 */
struct reply {
	int64_t index;
	const char *address;
	int64_t vendor;
	int64_t device;
	int64_t class;
	int64_t node;
	int64_t node_source;
	int64_t discovered_node;
	const uint32_t *cpus;
	size_t cpus_len;
};

static const uint32_t cpus_2_3[] = { 0xc };

/* The emulated display on the root bus: no node. */
static const struct reply no_node = {
	.index = 0, .address = "0000:00:02.0", .vendor = 0x1234, .device = 0x1111,
	.class = 0x038000, .node = -1, .node_source = AISCHED_NODE_SOURCE_UNKNOWN,
	.discovered_node = -1,
};

/* The bochs-display behind the node-1 bridge. */
static const struct reply on_node_1 = {
	.index = 1, .address = "0000:0b:00.0", .vendor = 0x1234, .device = 0x1111,
	.class = 0x038000, .node = 1, .node_source = AISCHED_NODE_SOURCE_DISCOVERED,
	.discovered_node = 1, .cpus = cpus_2_3, .cpus_len = sizeof(cpus_2_3),
};

static struct nl_msg *build(const struct reply *r)
{
	struct nl_msg *msg = new_msg(AISCHED_CMD_GPU_GET);

	if (r->index >= 0)
		nla_put_u32(msg, AISCHED_A_GPU_INDEX, r->index);
	if (r->address)
		nla_put_string(msg, AISCHED_A_GPU_ADDRESS, r->address);
	if (r->vendor >= 0)
		nla_put_u16(msg, AISCHED_A_GPU_VENDOR, r->vendor);
	if (r->device >= 0)
		nla_put_u16(msg, AISCHED_A_GPU_DEVICE, r->device);
	if (r->class >= 0)
		nla_put_u32(msg, AISCHED_A_GPU_CLASS, r->class);
	if (r->node >= -1)
		nla_put_u32(msg, AISCHED_A_GPU_NODE, (uint32_t)r->node);
	if (r->node_source >= 0)
		nla_put_u32(msg, AISCHED_A_GPU_NODE_SOURCE, r->node_source);
	if (r->discovered_node >= -1)
		nla_put_u32(msg, AISCHED_A_GPU_DISCOVERED_NODE,
			    (uint32_t)r->discovered_node);
	if (r->cpus)
		nla_put(msg, AISCHED_A_GPU_CPUS, r->cpus_len, r->cpus);
	return msg;
}

static char *print_gpu(int (*print)(FILE *f, const struct aisched_gpu *gpu),
		       const struct aisched_gpu *gpu)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f || print(f, gpu))
		abort();
	fclose(f);
	return text;
}

static char *print_list(int (*print)(FILE *f, const struct aisched_gpu *gpus,
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

static void list_add(struct aisched_reply_list *list, const struct reply *r)
{
	struct nl_msg *msg = build(r);

	if (aisched_reply_list_add(list, nlmsg_hdr(msg)))
		abort();
	nlmsg_free(msg);
}

/* The list's nr-th GPU. */
static const struct aisched_gpu *gpu_at(const struct aisched_reply_list *list,
					size_t nr)
{
	return &((const struct aisched_gpu *)list->items)[nr];
}

TEST(decode_gpu)
{
	struct nl_msg *msg = build(&on_node_1);
	struct aisched_gpu gpu;
	struct output o;
	int ret;

	CAPTURE(&o, ret = aisched_gpu_decode(nlmsg_hdr(msg), &gpu));
	ASSERT_EQ(0, ret);
	EXPECT_STREQ("", o.err);
	EXPECT_EQ(1, gpu.index);
	EXPECT_STREQ("0000:0b:00.0", gpu.address);
	EXPECT_EQ(0x1234, gpu.vendor);
	EXPECT_EQ(0x1111, gpu.device);
	EXPECT_EQ(0x038000, gpu.class);
	EXPECT_EQ(1, gpu.node);
	EXPECT_EQ(AISCHED_NODE_SOURCE_DISCOVERED, gpu.node_source);
	EXPECT_EQ(1, gpu.discovered_node);
	EXPECT_TRUE(gpu.has_cpus);
	EXPECT_EQ(0xc, gpu.cpus.words[0]);
	aisched_gpu_free(&gpu);
	EXPECT_EQ(NULL, gpu.address);
	output_free(&o);
	nlmsg_free(msg);
}

/* The two GPUs of the test guest, as the contract's example prints them. */
TEST(gpus_table_and_json)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_gpu_reply);
	char *text;

	list_add(&list, &no_node);
	list_add(&list, &on_node_1);
	ASSERT_EQ(2, list.nr);

	text = print_list(aisched_gpu_print_table, &list);
	EXPECT_STREQ("index  address       vendor:device  class   node  source      cpus\n"
		     "0      0000:00:02.0  1234:1111      038000  -     unknown     -\n"
		     "1      0000:0b:00.0  1234:1111      038000  1     discovered  2-3\n",
		     text);
	free(text);

	text = print_list(aisched_gpu_list_print_json, &list);
	EXPECT_STREQ("[{\"index\":0,\"address\":\"0000:00:02.0\",\"vendor\":\"1234\","
		     "\"device\":\"1111\",\"class\":\"038000\",\"node\":-1,"
		     "\"node_source\":\"unknown\",\"discovered_node\":-1},"
		     "{\"index\":1,\"address\":\"0000:0b:00.0\",\"vendor\":\"1234\","
		     "\"device\":\"1111\",\"class\":\"038000\",\"node\":1,"
		     "\"node_source\":\"discovered\",\"discovered_node\":1,"
		     "\"cpus\":\"2-3\"}]\n", text);
	free(text);
	aisched_reply_list_free(&list);
	EXPECT_EQ(0, list.nr);
}

/* What gpus set prints: the GPU, overridden, as one row or one object. */
TEST(set_output)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_gpu_reply);
	struct reply r = no_node;
	char *text;

	r.node = 0;
	r.node_source = AISCHED_NODE_SOURCE_OVERRIDE;
	r.cpus = (const uint32_t[]){ 0x3 };
	r.cpus_len = 4;
	list_add(&list, &r);
	text = print_list(aisched_gpu_print_table, &list);
	EXPECT_STREQ("index  address       vendor:device  class   node  source    cpus\n"
		     "0      0000:00:02.0  1234:1111      038000  0     override  0-1\n",
		     text);
	free(text);
	text = print_gpu(aisched_gpu_print_json, gpu_at(&list, 0));
	EXPECT_STREQ("{\"index\":0,\"address\":\"0000:00:02.0\",\"vendor\":\"1234\","
		     "\"device\":\"1111\",\"class\":\"038000\",\"node\":0,"
		     "\"node_source\":\"override\",\"discovered_node\":-1,"
		     "\"cpus\":\"0-1\"}\n", text);
	free(text);
	aisched_reply_list_free(&list);
}

/*
 * Wide values: a 5-digit domain, a 3-digit index, ids with letters; a
 * source from a newer module as its number; a node without CPUs.
 */
TEST(wide_values)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_gpu_reply);
	struct reply r = on_node_1;
	char *text;

	r.index = 100;
	r.address = "10000:e1:00.1";
	r.vendor = 0x10de;
	r.device = 0x2330;
	r.class = 0x030200;
	r.node = 1023;
	r.node_source = 9;
	r.cpus = (const uint32_t[]){ 0, 0 };
	r.cpus_len = 8;
	list_add(&list, &r);
	r = on_node_1;
	r.vendor = 0xffff;
	r.device = 0;
	r.class = 0x120000;
	list_add(&list, &r);
	text = print_list(aisched_gpu_print_table, &list);
	EXPECT_STREQ("index  address        vendor:device  class   node  source      cpus\n"
		     "100    10000:e1:00.1  10de:2330      030200  1023  9           -\n"
		     "1      0000:0b:00.0   ffff:0000      120000  1     discovered  2-3\n",
		     text);
	free(text);
	text = print_gpu(aisched_gpu_print_json, gpu_at(&list, 0));
	EXPECT_STREQ("{\"index\":100,\"address\":\"10000:e1:00.1\",\"vendor\":\"10de\","
		     "\"device\":\"2330\",\"class\":\"030200\",\"node\":1023,"
		     "\"node_source\":\"9\",\"discovered_node\":1}\n", text);
	free(text);
	aisched_reply_list_free(&list);
}

/* No GPU: nothing for people, "[]" for programs. */
TEST(no_gpus)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(&aisched_gpu_reply);
	char *text;

	text = print_list(aisched_gpu_print_table, &list);
	EXPECT_STREQ("", text);
	free(text);
	text = print_list(aisched_gpu_list_print_json, &list);
	EXPECT_STREQ("[]\n", text);
	free(text);
}

/* Attributes of a newer module are ignored. */
TEST(newer_module)
{
	struct nl_msg *msg = build(&on_node_1);
	struct aisched_gpu gpu;
	struct output o;
	int ret;

	ASSERT_EQ(0, nla_put_u64(msg, AISCHED_A_GPU_MAX + 1, 1));
	CAPTURE(&o, ret = aisched_gpu_decode(nlmsg_hdr(msg), &gpu));
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("", o.err);
	aisched_gpu_free(&gpu);
	output_free(&o);
	nlmsg_free(msg);
}

enum breakage {
	B_NO_INDEX, B_NO_ADDRESS, B_NO_VENDOR, B_NO_DEVICE, B_NO_CLASS, B_NO_NODE,
	B_NO_NODE_SOURCE, B_NO_DISCOVERED_NODE, B_LONG_VENDOR, B_SHORT_DEVICE,
	B_SHORT_NODE, B_UNTERMINATED_ADDRESS, B_TWO_INDICES, B_CPUS_EMPTY, B_CPUS_5_BYTES,
};

FIXTURE(bad_gpu) {
	struct aisched_gpu gpu;
	struct output output;
	int ret;
};

FIXTURE_VARIANT(bad_gpu) {
	enum breakage breakage;
	const char *err;
};

#define BAD_GPU(name, b, msg)				\
	FIXTURE_VARIANT_ADD(bad_gpu, name) {		\
		.breakage = b,				\
		.err = msg,				\
	}

BAD_GPU(no_index, B_NO_INDEX, "gpu: missing attribute index (1)");
BAD_GPU(no_address, B_NO_ADDRESS, "gpu: missing attribute address (2)");
BAD_GPU(no_vendor, B_NO_VENDOR, "gpu: missing attribute vendor (3)");
BAD_GPU(no_device, B_NO_DEVICE, "gpu: missing attribute device (4)");
BAD_GPU(no_class, B_NO_CLASS, "gpu: missing attribute class (5)");
BAD_GPU(no_node, B_NO_NODE, "gpu: missing attribute node (6)");
BAD_GPU(no_node_source, B_NO_NODE_SOURCE, "gpu: missing attribute node-source (7)");
BAD_GPU(no_discovered_node, B_NO_DISCOVERED_NODE,
	"gpu: missing attribute discovered-node (8)");
BAD_GPU(long_vendor, B_LONG_VENDOR, "gpu: attribute vendor (3) has 4 bytes, expected 2");
BAD_GPU(short_device, B_SHORT_DEVICE, "gpu: attribute device (4) has 1 bytes, expected 2");
BAD_GPU(short_node, B_SHORT_NODE, "gpu: attribute node (6) has 2 bytes, expected 4");
BAD_GPU(unterminated_address, B_UNTERMINATED_ADDRESS,
	"gpu: attribute address (2) is not NUL-terminated");
BAD_GPU(two_indices, B_TWO_INDICES, "gpu: attribute index (1) appears twice");
BAD_GPU(cpus_empty, B_CPUS_EMPTY,
	"gpu 0000:0b:00.0: attribute cpus (9) has 0 bytes, expected a non-zero multiple of 4");
BAD_GPU(cpus_5_bytes, B_CPUS_5_BYTES,
	"gpu 0000:0b:00.0: attribute cpus (9) has 5 bytes, expected a non-zero multiple of 4");

static struct nl_msg *build_broken(enum breakage b)
{
	static const uint8_t bytes[8] = { 0xff };
	struct reply r = on_node_1;
	struct nl_msg *msg;

	switch (b) {
	case B_NO_INDEX:
		r.index = -2;
		break;
	case B_NO_ADDRESS:
	case B_UNTERMINATED_ADDRESS:
		r.address = NULL;
		break;
	case B_NO_VENDOR:
	case B_LONG_VENDOR:
		r.vendor = -2;
		break;
	case B_NO_DEVICE:
	case B_SHORT_DEVICE:
		r.device = -2;
		break;
	case B_NO_CLASS:
		r.class = -2;
		break;
	case B_NO_NODE:
	case B_SHORT_NODE:
		r.node = -2;
		break;
	case B_NO_NODE_SOURCE:
		r.node_source = -2;
		break;
	case B_NO_DISCOVERED_NODE:
		r.discovered_node = -2;
		break;
	case B_CPUS_EMPTY:
		r.cpus = (const uint32_t *)bytes;
		r.cpus_len = 0;
		break;
	case B_CPUS_5_BYTES:
		r.cpus = (const uint32_t *)bytes;
		r.cpus_len = 5;
		break;
	case B_TWO_INDICES:
		break;
	}
	msg = build(&r);
	switch (b) {
	case B_LONG_VENDOR:
		nla_put_u32(msg, AISCHED_A_GPU_VENDOR, 0x10de);
		break;
	case B_SHORT_DEVICE:
		nla_put_u8(msg, AISCHED_A_GPU_DEVICE, 1);
		break;
	case B_SHORT_NODE:
		nla_put_u16(msg, AISCHED_A_GPU_NODE, 1);
		break;
	case B_UNTERMINATED_ADDRESS:
		nla_put(msg, AISCHED_A_GPU_ADDRESS, 12, "0000:0b:00.0");
		break;
	case B_TWO_INDICES:
		nla_put_u32(msg, AISCHED_A_GPU_INDEX, 2);
		break;
	default:
		break;
	}
	return msg;
}

FIXTURE_SETUP(bad_gpu)
{
	struct nl_msg *msg = build_broken(variant->breakage);

	CAPTURE(&self->output,
		self->ret = aisched_gpu_decode(nlmsg_hdr(msg), &self->gpu));
	nlmsg_free(msg);
}

FIXTURE_TEARDOWN(bad_gpu)
{
	aisched_gpu_free(&self->gpu);
	output_free(&self->output);
}

TEST_F(bad_gpu, rejected)
{
	char want[256];

	EXPECT_EQ(-EBADMSG, self->ret);
	snprintf(want, sizeof(want), "aisched: invalid reply from the kernel: %s\n",
		 variant->err);
	EXPECT_STREQ(want, self->output.err);
	EXPECT_STREQ("", self->output.out);
}

/* gpus --help on stdout with status 0, bad usage 2. */
TEST(main_help_and_usage)
{
	char *help[] = { "gpus", "--help", NULL };
	char *bad[] = { "gpus", "--bogus", NULL };
	struct output out;
	int ret;

	CAPTURE(&out, ret = gpus_main(2, help));
	EXPECT_EQ(0, ret);
	EXPECT_TRUE(starts_with(out.out, "Usage: aisched gpus [--json]\n"));
	EXPECT_NE(NULL, strstr(out.out, "  -n, --node <node>|auto  with set: the node (0-1023), or auto\n"));
	EXPECT_STREQ("", out.err);
	output_free(&out);

	CAPTURE(&out, ret = gpus_main(2, bad));
	EXPECT_EQ(2, ret);
	EXPECT_STREQ("", out.out);
	EXPECT_NE(NULL, strstr(out.err, "aisched: gpus: unknown option '--bogus'\n"));
	output_free(&out);
}

TEST_HARNESS_MAIN
