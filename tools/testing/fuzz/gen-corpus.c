// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the seed corpus of the fuzz targets: gen-corpus DIR makes
 * DIR/<target>/<seed> for each target (reply, args, values, files, nl,
 * devmap).
 * "make corpus" runs it on the tree's corpus/; commit what changes.
 *
 * The seeds are small and each means something: a reply of every command
 * as the module sends it and one broken in each way the decoders refuse,
 * a valid and an invalid command line of every subcommand, a value of
 * every kind. The fuzzers find the rest from there.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/aisched.h>
#include <linux/netlink.h>

static const char *top;

/* One seed being built. */
struct seed {
	unsigned char buf[16384];
	size_t len;
};

static void die(const char *what)
{
	fprintf(stderr, "gen-corpus: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void append(struct seed *s, const void *data, size_t len)
{
	if (s->len + len > sizeof(s->buf)) {
		fputs("gen-corpus: a seed does not fit\n", stderr);
		exit(1);
	}
	if (len)
		memcpy(s->buf + s->len, data, len);
	s->len += len;
}

static void write_seed(const char *target, const char *name,
		       const struct seed *s)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", top, target);
	if (mkdir(path, 0755) && errno != EEXIST)
		die(path);
	snprintf(path, sizeof(path), "%s/%s/%s", top, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(s->buf, 1, s->len, f) != s->len || fclose(f))
		die(path);
}

/* ---- reply: the command, then attributes; type 0 separates replies ---- */

static void reply_start(struct seed *s, uint8_t cmd)
{
	s->len = 0;
	append(s, &cmd, 1);
}

/* An attribute as nla_put() writes it: header, payload, padding. */
static void put(struct seed *s, uint16_t type, const void *data, size_t len)
{
	static const unsigned char pad[NLA_ALIGNTO];
	struct nlattr nla = { .nla_len = NLA_HDRLEN + len, .nla_type = type };

	append(s, &nla, sizeof(nla));
	append(s, data, len);
	append(s, pad, NLA_ALIGN(len) - len);
}

static void put_u16(struct seed *s, uint16_t type, uint16_t v)
{
	put(s, type, &v, sizeof(v));
}

static void put_u32(struct seed *s, uint16_t type, uint32_t v)
{
	put(s, type, &v, sizeof(v));
}

static void put_u64(struct seed *s, uint16_t type, uint64_t v)
{
	put(s, type, &v, sizeof(v));
}

static void put_str(struct seed *s, uint16_t type, const char *str)
{
	put(s, type, str, strlen(str) + 1);
}

/* A nest's header, to be finished with nest_end() once it is filled. */
static size_t nest_start(struct seed *s, uint16_t type)
{
	size_t at = s->len;

	put(s, type | NLA_F_NESTED, NULL, 0);
	return at;
}

static void nest_end(struct seed *s, size_t at)
{
	struct nlattr nla;

	memcpy(&nla, s->buf + at, sizeof(nla));
	nla.nla_len = s->len - at;
	memcpy(s->buf + at, &nla, sizeof(nla));
}

/* The end of one reply of a dump, and the start of the next. */
static void next_reply(struct seed *s)
{
	put(s, 0, NULL, 0);
}

static void info_header(struct seed *s, uint64_t features)
{
	put_str(s, AISCHED_A_INFO_VERSION, "0.1.0");
	put_u32(s, AISCHED_A_INFO_ABI_VERSION, AISCHED_FAMILY_VERSION);
	put_u64(s, AISCHED_A_INFO_FEATURES, features);
}

static void node_attrs(struct seed *s, uint32_t id, const uint32_t *cpus,
		       size_t nr_words, uint64_t mem)
{
	put_u32(s, AISCHED_A_NODE_ID, id);
	put(s, AISCHED_A_NODE_CPUS, cpus, nr_words * sizeof(*cpus));
	put_u64(s, AISCHED_A_NODE_MEM_TOTAL, mem);
}

static void info_node(struct seed *s, uint32_t id, const uint32_t *cpus,
		      size_t nr_words, uint64_t mem)
{
	size_t nest = nest_start(s, AISCHED_A_INFO_NODE);

	node_attrs(s, id, cpus, nr_words, mem);
	nest_end(s, nest);
}

static void info_seeds(void)
{
	static const uint32_t cpus0[] = { 0x0f }, cpus1[] = { 0xf0 };
	static const uint32_t wide[] = { 0xffffffff, 0, 0x55555555, 0x80000001 };
	struct seed s;

	reply_start(&s, AISCHED_CMD_GET_INFO);
	info_header(&s, AISCHED_FEATURE_TAGS | AISCHED_FEATURE_GPUS |
			AISCHED_FEATURE_POOL);
	info_node(&s, 0, cpus0, 1, 8ull << 30);
	info_node(&s, 1, cpus1, 1, 8ull << 30);
	write_seed("reply", "info-two-nodes", &s);

	reply_start(&s, AISCHED_CMD_GET_INFO);
	info_header(&s, ~0ull);
	write_seed("reply", "info-no-node-all-features", &s);

	/* Unknown attributes, pads and a node of four words. */
	reply_start(&s, AISCHED_CMD_GET_INFO);
	put_u32(&s, 99, 0xdead);
	info_header(&s, 0xff);
	put(&s, AISCHED_A_INFO_PAD, NULL, 0);
	{
		size_t nest = nest_start(&s, AISCHED_A_INFO_NODE);

		put_str(&s, 42, "from the future");
		put(&s, AISCHED_A_NODE_PAD, NULL, 0);
		node_attrs(&s, 1023, wide, 4, ~0ull);
		nest_end(&s, nest);
	}
	write_seed("reply", "info-unknown-attrs", &s);

	/* A second reply to a single request. */
	reply_start(&s, AISCHED_CMD_GET_INFO);
	info_header(&s, 1);
	next_reply(&s);
	info_header(&s, 1);
	write_seed("reply", "info-two-replies", &s);

	reply_start(&s, AISCHED_CMD_NODE_GET);
	node_attrs(&s, 1, cpus1, 1, 1ull << 30);
	write_seed("reply", "node", &s);

	reply_start(&s, AISCHED_CMD_NODE_GET);
	put_u32(&s, AISCHED_A_NODE_ID, 1);
	put(&s, AISCHED_A_NODE_CPUS, cpus1, 3);
	put_u64(&s, AISCHED_A_NODE_MEM_TOTAL, 1);
	write_seed("reply", "node-cpus-3-bytes", &s);

	/* A u32 of two bytes, as a broken module might send. */
	reply_start(&s, AISCHED_CMD_NODE_GET);
	put_u16(&s, AISCHED_A_NODE_ID, 1);
	put(&s, AISCHED_A_NODE_CPUS, cpus1, 4);
	put_u64(&s, AISCHED_A_NODE_MEM_TOTAL, 1);
	write_seed("reply", "node-short-id", &s);
}

/* The attributes every tag has: class, policy, I/O priority, counters. */
static void tag_base(struct seed *s, const char *cgroup, uint32_t class,
		     uint32_t policy)
{
	put_u64(s, AISCHED_A_TAG_CGROUP_ID, 4242);
	put_str(s, AISCHED_A_TAG_CGROUP, cgroup);
	put_u32(s, AISCHED_A_TAG_CLASS, class);
	put_u32(s, AISCHED_A_TAG_POLICY, policy);
	put_u32(s, AISCHED_A_TAG_IO_CLASS, AISCHED_IO_CLASS_BE);
	put_u32(s, AISCHED_A_TAG_IO_LEVEL, 4);
	put_u32(s, AISCHED_A_TAG_TASKS, 3);
	put_u64(s, AISCHED_A_TAG_APPLIED, 5);
	put_u64(s, AISCHED_A_TAG_OVERRIDES, 1);
	put_u64(s, AISCHED_A_TAG_DEMOTIONS, 0);
	put_u64(s, AISCHED_A_TAG_CONFLICTS, 2);
}

static void tag_inference(struct seed *s)
{
	tag_base(s, "/jobs/serve", AISCHED_CLASS_INFERENCE, AISCHED_POLICY_NORMAL);
	put_u32(s, AISCHED_A_TAG_NICE, (uint32_t)-10);
	put_u32(s, AISCHED_A_TAG_SLICE_US, 1000);
	put_u32(s, AISCHED_A_TAG_PLACEMENT, AISCHED_PLACEMENT_NONE);
}

static void tag_fifo(struct seed *s)
{
	static const uint32_t cpus[] = { 0x4f };

	tag_base(s, "/jobs/rt", AISCHED_CLASS_INFERENCE, AISCHED_POLICY_FIFO);
	put_u32(s, AISCHED_A_TAG_RT_PRIO, 10);
	put_u32(s, AISCHED_A_TAG_RT_BUDGET_MS, 100);
	put(s, AISCHED_A_TAG_CPUS, cpus, sizeof(cpus));
}

/* Training near two GPUs on node 1, with a quota of huge pages. */
static void tag_placed(struct seed *s)
{
	static const uint32_t cpus[] = { 0xff00, 0x1 }, node1[] = { 0x2 };

	tag_base(s, "/jobs/train a\tb", AISCHED_CLASS_TRAINING,
		 AISCHED_POLICY_BATCH);
	put_u32(s, AISCHED_A_TAG_NICE, 5);
	put(s, AISCHED_A_TAG_CPUS, cpus, sizeof(cpus));
	put_str(s, AISCHED_A_TAG_GPU, "0000:17:00.0");
	put_str(s, AISCHED_A_TAG_GPU, "0000:b3:00.0");
	put(s, AISCHED_A_TAG_NODES, node1, sizeof(node1));
	put_u32(s, AISCHED_A_TAG_PLACEMENT, AISCHED_PLACEMENT_LOCAL);
	put_u32(s, AISCHED_A_TAG_MEM, AISCHED_MEM_STRICT);
	put(s, AISCHED_A_TAG_TARGET_NODES, node1, sizeof(node1));
	put_u32(s, AISCHED_A_TAG_HUGEPAGES, 256);
	put_u32(s, AISCHED_A_TAG_HUGEPAGES_NODE, 1);
	put_u32(s, AISCHED_A_TAG_HUGEPAGES_USED, 17);
}

static void tag_background(struct seed *s)
{
	tag_base(s, "/", AISCHED_CLASS_BACKGROUND, AISCHED_POLICY_IDLE);
	put_u32(s, AISCHED_A_TAG_IO_CLASS + 100, 1);	/* from the future */
	put_u32(s, AISCHED_A_TAG_PAD, 0);
}

static void tag_seeds(void)
{
	struct seed s;

	reply_start(&s, AISCHED_CMD_TAG_SET);
	tag_inference(&s);
	write_seed("reply", "tag-set-inference", &s);

	reply_start(&s, AISCHED_CMD_TAG_SET);
	tag_fifo(&s);
	write_seed("reply", "tag-set-fifo", &s);

	reply_start(&s, AISCHED_CMD_TAG_SET);
	tag_placed(&s);
	write_seed("reply", "tag-set-placed", &s);

	reply_start(&s, AISCHED_CMD_TAG_GET);
	tag_inference(&s);
	next_reply(&s);
	tag_fifo(&s);
	next_reply(&s);
	tag_placed(&s);
	next_reply(&s);
	tag_background(&s);
	write_seed("reply", "tag-get-dump", &s);

	/* fifo without its budget */
	reply_start(&s, AISCHED_CMD_TAG_GET);
	tag_base(&s, "/jobs/rt", AISCHED_CLASS_INFERENCE, AISCHED_POLICY_FIFO);
	put_u32(&s, AISCHED_A_TAG_RT_PRIO, 10);
	write_seed("reply", "tag-fifo-no-budget", &s);

	/* a cgroup that is not NUL-terminated */
	reply_start(&s, AISCHED_CMD_TAG_GET);
	tag_base(&s, "/x", AISCHED_CLASS_TRAINING, AISCHED_POLICY_IDLE);
	put(&s, AISCHED_A_TAG_GPU, "0000", 4);
	write_seed("reply", "tag-gpu-no-nul", &s);

	/* placement local without target nodes */
	reply_start(&s, AISCHED_CMD_TAG_GET);
	tag_base(&s, "/p", AISCHED_CLASS_TRAINING, AISCHED_POLICY_IDLE);
	put_u32(&s, AISCHED_A_TAG_PLACEMENT, AISCHED_PLACEMENT_SPREAD);
	put_u32(&s, AISCHED_A_TAG_MEM, 7);
	write_seed("reply", "tag-placed-no-target", &s);

	/* the cgroup twice */
	reply_start(&s, AISCHED_CMD_TAG_GET);
	tag_base(&s, "/a", AISCHED_CLASS_TRAINING, AISCHED_POLICY_IDLE);
	put_str(&s, AISCHED_A_TAG_CGROUP, "/b");
	write_seed("reply", "tag-cgroup-twice", &s);

	/* two bytes after the last attribute */
	reply_start(&s, AISCHED_CMD_TAG_GET);
	tag_base(&s, "/a", 9, 9);
	append(&s, "\x06\x00", 2);
	write_seed("reply", "tag-trailing-bytes", &s);
}

static void gpu(struct seed *s, uint32_t index, const char *address,
		int32_t node, uint32_t source, const uint32_t *cpus, size_t len)
{
	put_u32(s, AISCHED_A_GPU_INDEX, index);
	put_str(s, AISCHED_A_GPU_ADDRESS, address);
	put_u16(s, AISCHED_A_GPU_VENDOR, 0x10de);
	put_u16(s, AISCHED_A_GPU_DEVICE, 0x2330);
	put_u32(s, AISCHED_A_GPU_CLASS, 0x030200);
	put_u32(s, AISCHED_A_GPU_NODE, node);
	put_u32(s, AISCHED_A_GPU_NODE_SOURCE, source);
	put_u32(s, AISCHED_A_GPU_DISCOVERED_NODE, node);
	if (cpus)
		put(s, AISCHED_A_GPU_CPUS, cpus, len);
}

static void gpu_seeds(void)
{
	static const uint32_t cpus[] = { 0xf0 };
	struct seed s;

	reply_start(&s, AISCHED_CMD_GPU_GET);
	gpu(&s, 0, "0000:17:00.0", 1, AISCHED_NODE_SOURCE_DISCOVERED, cpus,
	    sizeof(cpus));
	next_reply(&s);
	gpu(&s, 1, "0000:00:05.0", -1, AISCHED_NODE_SOURCE_UNKNOWN, NULL, 0);
	next_reply(&s);
	gpu(&s, 2, "0000:b3:00.0", 0, AISCHED_NODE_SOURCE_OVERRIDE, cpus,
	    sizeof(cpus));
	write_seed("reply", "gpu-get-dump", &s);

	reply_start(&s, AISCHED_CMD_GPU_SET);
	gpu(&s, 0, "0000:17:00.0", 3, 9, cpus, sizeof(cpus));
	write_seed("reply", "gpu-set", &s);

	/* a vendor of four bytes */
	reply_start(&s, AISCHED_CMD_GPU_GET);
	put_u32(&s, AISCHED_A_GPU_VENDOR, 0x10de);
	gpu(&s, 0, "x", 0, 0, cpus, 2);
	write_seed("reply", "gpu-vendor-u32", &s);
}

static void pool(struct seed *s, uint32_t node, uint32_t total)
{
	put_u32(s, AISCHED_A_POOL_NODE, node);
	put_u32(s, AISCHED_A_POOL_TOTAL, total);
	put_u32(s, AISCHED_A_POOL_FREE, total / 2);
	put_u32(s, AISCHED_A_POOL_RESERVED, total / 4);
	put_u32(s, AISCHED_A_POOL_IN_USE, total / 8);
	put_u32(s, AISCHED_A_POOL_HELD, 1);
	put_u32(s, AISCHED_A_POOL_CAPACITY, 4096);
}

static void pool_seeds(void)
{
	struct seed s;

	reply_start(&s, AISCHED_CMD_POOL_GET);
	pool(&s, 0, 512);
	next_reply(&s);
	pool(&s, 1, 0);
	write_seed("reply", "pool-get-dump", &s);

	reply_start(&s, AISCHED_CMD_POOL_SET);
	put_u32(&s, AISCHED_A_POOL_PAGES, 1);	/* requests only: ignored */
	pool(&s, 1, 300);
	write_seed("reply", "pool-set", &s);

	reply_start(&s, AISCHED_CMD_POOL_SET);
	put_u32(&s, AISCHED_A_POOL_NODE, 1);
	write_seed("reply", "pool-set-missing", &s);
}

static void event_base(struct seed *s, uint32_t type)
{
	put_u32(s, AISCHED_A_EVENT_TYPE, type);
	put_u64(s, AISCHED_A_EVENT_CGROUP_ID, 77);
	put_str(s, AISCHED_A_EVENT_CGROUP, "/jobs/a b");
}

static void event_task(struct seed *s)
{
	put_u32(s, AISCHED_A_EVENT_PID, 123);
	put_u32(s, AISCHED_A_EVENT_TGID, 120);
	put_str(s, AISCHED_A_EVENT_COMM, "python3\n");
}

static void event_seeds(void)
{
	static const uint32_t cpus[] = { 0xc }, cpuset[] = { 0x3, 0x1 };
	struct seed s;

	reply_start(&s, AISCHED_CMD_EVENT);
	event_base(&s, AISCHED_EVENT_TYPE_TAG_ADDED);
	put_u32(&s, AISCHED_A_EVENT_CLASS, AISCHED_CLASS_DATALOADER);
	write_seed("reply", "event-tag-added", &s);

	reply_start(&s, AISCHED_CMD_EVENT);
	event_base(&s, AISCHED_EVENT_TYPE_TAG_REMOVED);
	put_u32(&s, AISCHED_A_EVENT_REASON, AISCHED_REMOVE_REASON_RMDIR);
	next_reply(&s);
	event_base(&s, AISCHED_EVENT_TYPE_TAG_REMOVED);
	put_u32(&s, AISCHED_A_EVENT_REASON, 17);
	write_seed("reply", "event-tag-removed", &s);

	reply_start(&s, AISCHED_CMD_EVENT);
	event_base(&s, AISCHED_EVENT_TYPE_OVERRIDE);
	event_task(&s);
	put_u32(&s, AISCHED_A_EVENT_OVERRIDE, 0x80000007);
	write_seed("reply", "event-override", &s);

	reply_start(&s, AISCHED_CMD_EVENT);
	event_base(&s, AISCHED_EVENT_TYPE_DEMOTION);
	event_task(&s);
	put_u32(&s, AISCHED_A_EVENT_RUNTIME_MS, 105);
	write_seed("reply", "event-demotion", &s);

	reply_start(&s, AISCHED_CMD_EVENT);
	event_base(&s, AISCHED_EVENT_TYPE_CONFLICT);
	event_task(&s);
	put(&s, AISCHED_A_EVENT_CPUS, cpus, sizeof(cpus));
	put(&s, AISCHED_A_EVENT_CPUSET, cpuset, sizeof(cpuset));
	write_seed("reply", "event-conflict", &s);

	reply_start(&s, AISCHED_CMD_EVENT);
	event_base(&s, 99);
	put(&s, AISCHED_A_EVENT_PAD, NULL, 0);
	write_seed("reply", "event-unknown-type", &s);

	/* a task event without its comm */
	reply_start(&s, AISCHED_CMD_EVENT);
	event_base(&s, AISCHED_EVENT_TYPE_DEMOTION);
	put_u32(&s, AISCHED_A_EVENT_PID, 1);
	put_u32(&s, AISCHED_A_EVENT_TGID, 1);
	put_u32(&s, AISCHED_A_EVENT_RUNTIME_MS, 1);
	write_seed("reply", "event-no-comm", &s);
}

/* ---- nl: a command line, then the kernel's messages (see fuzz_nl.c) ---- */

/* The command lines of fuzz_nl.c's command_lines[], by index. */
enum {
	NL_INFO, NL_INFO_JSON, NL_INFO_NODE, NL_INFO_NODE_JSON, NL_GPUS,
	NL_GPUS_JSON, NL_GPUS_SET, NL_GPUS_SET_ADDRESS, NL_POOL, NL_POOL_JSON,
	NL_POOL_SET, NL_POOL_SET_JSON, NL_TAG, NL_TAG_JSON, NL_UNTAG,
	NL_UNTAG_ID, NL_LIST, NL_LIST_PATH, NL_SHOW, NL_SHOW_JSON, NL_MONITOR,
	NL_MONITOR_COUNT,
};

#define NL_NO_FAMILY	0x80
#define KIND_ERROR	0
#define KIND_DONE	1
#define KIND_NOOP	2
#define KIND_DATA	3
#define KIND_FOREIGN	0x20
#define KIND_BAD_SEQ	0x40
#define KIND_NEW	0x80

static void nl_start(struct seed *s, uint8_t line)
{
	s->len = 0;
	append(s, &line, 1);
}

static void nl_put(struct seed *s, uint8_t kind, uint16_t flags,
		   const struct seed *body)
{
	unsigned char hdr[5] = {
		kind, flags & 0xff, flags >> 8, body->len & 0xff, body->len >> 8,
	};

	append(s, hdr, sizeof(hdr));
	append(s, body->buf, body->len);
}

/* A message of the family: its genlmsghdr, then what @fill puts. */
static void nl_data(struct seed *s, uint8_t kind, uint16_t flags, uint8_t cmd,
		    void (*fill)(struct seed *body))
{
	unsigned char genl[4] = { cmd, AISCHED_FAMILY_VERSION };
	struct seed body = { .len = 0 };

	append(&body, genl, sizeof(genl));
	fill(&body);
	nl_put(s, kind | KIND_DATA, flags, &body);
}

/*
 * An ACK (@error 0) or an error, capped as the tool asks for, with an
 * extack message and the offset of the attribute it blames if given.
 */
static void nl_ack(struct seed *s, uint8_t kind, int32_t error,
		   const char *msg, uint32_t offset)
{
	struct nlmsghdr req = { .nlmsg_len = 24 };
	struct seed body = { .len = 0 };
	uint16_t flags = NLM_F_CAPPED;

	append(&body, &error, sizeof(error));
	append(&body, &req, sizeof(req));
	if (msg) {
		put_str(&body, NLMSGERR_ATTR_MSG, msg);
		flags |= NLM_F_ACK_TLVS;
	}
	if (offset) {
		put_u32(&body, NLMSGERR_ATTR_OFFS, offset);
		flags |= NLM_F_ACK_TLVS;
	}
	nl_put(s, kind | KIND_ERROR, flags, &body);
}

/* The end of a dump, with its error and extack message if given. */
static void nl_done(struct seed *s, int32_t error, const char *msg)
{
	struct seed body = { .len = 0 };
	uint16_t flags = NLM_F_MULTI;

	append(&body, &error, sizeof(error));
	if (msg) {
		put_str(&body, NLMSGERR_ATTR_MSG, msg);
		flags |= NLM_F_ACK_TLVS;
	}
	nl_put(s, KIND_DONE, flags, &body);
}

static void fill_info(struct seed *s)
{
	static const uint32_t cpus[] = { 0xf };

	info_header(s, AISCHED_FEATURE_TAGS | AISCHED_FEATURE_SLICE);
	info_node(s, 0, cpus, 1, 1ull << 30);
}

static void fill_node1(struct seed *s)
{
	static const uint32_t cpus[] = { 0xf0 };

	node_attrs(s, 1, cpus, 1, 1ull << 30);
}

static void fill_node0(struct seed *s)
{
	static const uint32_t cpus[] = { 0xf };

	node_attrs(s, 0, cpus, 1, 1ull << 30);
}

static void fill_gpu0(struct seed *s)
{
	static const uint32_t cpus[] = { 0xf0 };

	gpu(s, 0, "0000:17:00.0", 1, AISCHED_NODE_SOURCE_OVERRIDE, cpus,
	    sizeof(cpus));
}

static void fill_gpu1(struct seed *s)
{
	gpu(s, 1, "0000:b3:00.0", -1, AISCHED_NODE_SOURCE_UNKNOWN, NULL, 0);
}

static void fill_pool0(struct seed *s)
{
	pool(s, 0, 512);
}

static void fill_pool1(struct seed *s)
{
	pool(s, 1, 300);
}

static void fill_event_added(struct seed *s)
{
	event_base(s, AISCHED_EVENT_TYPE_TAG_ADDED);
	put_u32(s, AISCHED_A_EVENT_CLASS, AISCHED_CLASS_TRAINING);
}

static void fill_event_conflict(struct seed *s)
{
	static const uint32_t cpus[] = { 0xc }, cpuset[] = { 0x3 };

	event_base(s, AISCHED_EVENT_TYPE_CONFLICT);
	event_task(s);
	put(s, AISCHED_A_EVENT_CPUS, cpus, sizeof(cpus));
	put(s, AISCHED_A_EVENT_CPUSET, cpuset, sizeof(cpuset));
}

static void fill_event_broken(struct seed *s)
{
	event_base(s, AISCHED_EVENT_TYPE_OVERRIDE);
	put_u32(s, AISCHED_A_EVENT_PID, 1);
}

static void nl_seeds(void)
{
	struct seed s;

	nl_start(&s, NL_INFO);
	nl_data(&s, 0, 0, AISCHED_CMD_GET_INFO, fill_info);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "info", &s);

	nl_start(&s, NL_INFO_JSON);
	nl_data(&s, 0, 0, AISCHED_CMD_GET_INFO, fill_info);
	nl_ack(&s, KIND_NEW, 0, "a warning", 0);
	write_seed("nl", "info-json-warning", &s);

	nl_start(&s, NL_INFO);
	nl_ack(&s, 0, -EPERM, NULL, 0);
	write_seed("nl", "info-eperm", &s);

	nl_start(&s, NL_INFO | NL_NO_FAMILY);
	write_seed("nl", "info-no-module", &s);

	nl_start(&s, NL_INFO);
	nl_data(&s, 0, 0, AISCHED_CMD_GET_INFO, fill_info);
	nl_data(&s, 0, 0, AISCHED_CMD_GET_INFO, fill_info);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "info-two-replies", &s);

	nl_start(&s, NL_INFO);
	nl_data(&s, KIND_BAD_SEQ, 0, AISCHED_CMD_GET_INFO, fill_info);
	write_seed("nl", "info-bad-seq", &s);

	nl_start(&s, NL_INFO);
	write_seed("nl", "info-no-answer", &s);

	nl_start(&s, NL_INFO_NODE);
	nl_data(&s, 0, 0, AISCHED_CMD_NODE_GET, fill_node1);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "node", &s);

	nl_start(&s, NL_INFO_NODE);
	nl_data(&s, 0, 0, AISCHED_CMD_NODE_GET, fill_node0);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "node-other", &s);

	nl_start(&s, NL_INFO_NODE_JSON);
	nl_ack(&s, 0, -EINVAL, "node 0 is offline", 0);
	write_seed("nl", "node-offline", &s);

	nl_start(&s, NL_GPUS);
	nl_data(&s, 0, NLM_F_MULTI, AISCHED_CMD_GPU_GET, fill_gpu0);
	nl_data(&s, 0, NLM_F_MULTI, AISCHED_CMD_GPU_GET, fill_gpu1);
	nl_done(&s, 0, NULL);
	write_seed("nl", "gpus", &s);

	nl_start(&s, NL_GPUS_JSON);
	nl_data(&s, 0, NLM_F_MULTI, AISCHED_CMD_GPU_GET, fill_gpu0);
	nl_data(&s, KIND_NEW, NLM_F_MULTI, AISCHED_CMD_GPU_GET, fill_gpu1);
	nl_done(&s, -EINTR, "the dump was interrupted");
	write_seed("nl", "gpus-json-done-error", &s);

	nl_start(&s, NL_GPUS_SET);
	nl_data(&s, 0, 0, AISCHED_CMD_GPU_SET, fill_gpu0);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "gpus-set", &s);

	nl_start(&s, NL_GPUS_SET);
	nl_data(&s, 0, 0, AISCHED_CMD_GPU_SET, fill_gpu1);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "gpus-set-other", &s);

	/* --node blamed: index (u32) at 20, node at 28 */
	nl_start(&s, NL_GPUS_SET);
	nl_ack(&s, 0, -ERANGE, "integer out of range", 28);
	write_seed("nl", "gpus-set-erange", &s);

	nl_start(&s, NL_GPUS_SET_ADDRESS);
	nl_data(&s, 0, 0, AISCHED_CMD_GPU_SET, fill_gpu0);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "gpus-set-address", &s);

	nl_start(&s, NL_POOL);
	nl_data(&s, 0, NLM_F_MULTI, AISCHED_CMD_POOL_GET, fill_pool0);
	nl_data(&s, 0, NLM_F_MULTI, AISCHED_CMD_POOL_GET, fill_pool1);
	nl_done(&s, 0, NULL);
	write_seed("nl", "pool", &s);

	nl_start(&s, NL_POOL_JSON);
	nl_data(&s, 0, NLM_F_MULTI, AISCHED_CMD_POOL_GET, fill_pool0);
	nl_done(&s, 0, NULL);
	write_seed("nl", "pool-json", &s);

	nl_start(&s, NL_POOL_SET);
	nl_data(&s, 0, 0, AISCHED_CMD_POOL_SET, fill_pool1);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "pool-set-partial", &s);

	nl_start(&s, NL_POOL_SET_JSON);
	nl_data(&s, 0, 0, AISCHED_CMD_POOL_SET, fill_pool1);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "pool-set-other-node", &s);

	nl_start(&s, NL_TAG);
	nl_data(&s, 0, 0, AISCHED_CMD_TAG_SET, tag_placed);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "tag", &s);

	/* --nice blamed: path, class, then nice */
	nl_start(&s, NL_TAG_JSON);
	nl_ack(&s, 0, -ERANGE, "integer out of range", 20);
	write_seed("nl", "tag-json-erange", &s);

	nl_start(&s, NL_TAG_JSON);
	nl_data(&s, 0, 0, AISCHED_CMD_TAG_SET, tag_inference);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "tag-json", &s);

	nl_start(&s, NL_UNTAG);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "untag", &s);

	nl_start(&s, NL_UNTAG_ID);
	nl_ack(&s, 0, -ENOENT, "no tag on this cgroup", 20);
	write_seed("nl", "untag-id-enoent", &s);

	nl_start(&s, NL_LIST);
	nl_data(&s, 0, NLM_F_MULTI, AISCHED_CMD_TAG_GET, tag_inference);
	nl_data(&s, 0, NLM_F_MULTI, AISCHED_CMD_TAG_GET, tag_fifo);
	nl_data(&s, KIND_NEW, NLM_F_MULTI, AISCHED_CMD_TAG_GET, tag_placed);
	nl_done(&s, 0, NULL);
	write_seed("nl", "list", &s);

	nl_start(&s, NL_LIST_PATH);
	nl_data(&s, 0, NLM_F_MULTI, AISCHED_CMD_TAG_GET, tag_background);
	nl_done(&s, 0, NULL);
	write_seed("nl", "list-path-json", &s);

	nl_start(&s, NL_SHOW);
	nl_data(&s, 0, 0, AISCHED_CMD_TAG_GET, tag_placed);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "show", &s);

	nl_start(&s, NL_SHOW_JSON);
	nl_data(&s, 0, 0, AISCHED_CMD_TAG_GET, tag_placed);
	nl_ack(&s, 0, 0, NULL, 0);
	write_seed("nl", "show-json", &s);

	nl_start(&s, NL_MONITOR);
	nl_data(&s, 0, 0, AISCHED_CMD_EVENT, fill_event_added);
	nl_data(&s, 0, 0, AISCHED_CMD_TAG_SET, tag_inference);
	nl_data(&s, KIND_NEW | KIND_FOREIGN, 0, AISCHED_CMD_EVENT,
		fill_event_added);
	nl_data(&s, KIND_NEW, 0, AISCHED_CMD_EVENT, fill_event_conflict);
	write_seed("nl", "monitor", &s);

	nl_start(&s, NL_MONITOR_COUNT);
	nl_data(&s, 0, 0, AISCHED_CMD_EVENT, fill_event_added);
	nl_data(&s, KIND_NEW, 0, AISCHED_CMD_EVENT, fill_event_conflict);
	nl_data(&s, KIND_NEW, 0, AISCHED_CMD_EVENT, fill_event_added);
	write_seed("nl", "monitor-count", &s);

	nl_start(&s, NL_MONITOR_COUNT);
	nl_data(&s, 0, 0, AISCHED_CMD_EVENT, fill_event_broken);
	write_seed("nl", "monitor-broken-event", &s);
}

/* ---- args: the words after "aisched", separated by NUL bytes ---- */

static void args(const char *name, ...)
{
	const char *word;
	struct seed s = { .len = 0 };
	va_list ap;

	va_start(ap, name);
	while ((word = va_arg(ap, const char *))) {
		if (s.len)
			append(&s, "", 1);
		append(&s, word, strlen(word));
	}
	va_end(ap);
	write_seed("args", name, &s);
}

static void args_seeds(void)
{
	args("empty", NULL);
	args("help", "--help", NULL);
	args("version", "-V", NULL);
	args("unknown-command", "frobnicate", NULL);
	args("unknown-option", "--frobnicate", NULL);
	args("info", "info", "--json", NULL);
	args("info-node", "info", "-jn", "1023", NULL);
	args("info-node-range", "info", "--node=1024", NULL);
	args("info-help", "info", "-h", NULL);
	args("gpus", "gpus", "-j", NULL);
	args("gpus-set-index", "gpus", "set", "0", "--node", "1", NULL);
	args("gpus-set-address", "gpus", "--json", "set", "0000:17:00.0",
	     "-n", "auto", NULL);
	args("gpus-node-without-set", "gpus", "--node", "1", NULL);
	args("gpus-set-big-index", "gpus", "set", "4294967296", "-n1", NULL);
	args("pool", "pool", NULL);
	args("pool-set", "pool", "set", "--node", "1", "--pages", "512", "-j",
	     NULL);
	args("pool-set-missing-pages", "pool", "set", "-n", "0", NULL);
	args("pool-pages-value", "pool", "--pages", NULL);
	args("tag-minimal", "tag", "/jobs/a", "--class", "training", NULL);
	args("tag-all", "tag", "--class=inference", "/jobs/serve", "--policy",
	     "fifo", "--rt-prio", "10", "--rt-budget-ms", "200", "--ioprio",
	     "rt:0", "--cpus", "0-3,8,10-11", "--gpu", "0,0000:17:00.0",
	     "--gpu", "3", "--node", "0,2-3", "--placement", "spread", "--mem",
	     "strict", "--hugepages", "256@1", "--slice-us", "1000", "--json",
	     NULL);
	args("tag-nice", "tag", "-c", "dataloader", "--nice", "-20", "rel/dir",
	     NULL);
	args("tag-ioprio-names", "tag", "/a", "-cbackground", "--ioprio",
	     "best-effort:7", "--ioprio", "idle", NULL);
	args("tag-bad-cpus", "tag", "/a", "-c", "training", "--cpus", "3-1",
	     NULL);
	args("tag-cpu-too-big", "tag", "/a", "-c", "training", "--cpus",
	     "8192", NULL);
	args("tag-hugepages-zero", "tag", "/a", "-c", "training",
	     "--hugepages", "0", NULL);
	args("tag-hugepages-bad-node", "tag", "/a", "-c", "training",
	     "--hugepages", "1@", NULL);
	args("tag-gpu-empty", "tag", "/a", "-c", "training", "--gpu", "0,,1",
	     NULL);
	args("tag-no-class", "tag", "/a", NULL);
	args("tag-two-paths", "tag", "/a", "/b", "-c", "training", NULL);
	args("tag-after-dashdash", "tag", "-c", "training", "--", "-weird",
	     NULL);
	args("tag-unknown-value", "tag", "/a", "--class", "gaming", NULL);
	args("tag-json-value", "tag", "/a", "-c", "training", "--json=yes",
	     NULL);
	args("untag", "untag", "/jobs/a", NULL);
	args("untag-id", "untag", "--id", "18446744073709551615", NULL);
	args("untag-both", "untag", "-i42", "/a", NULL);
	args("list", "list", "/jobs", "-j", NULL);
	args("list-two-paths", "list", "/a", "/b", NULL);
	args("show", "show", "--json", "/jobs/a", NULL);
	args("show-missing-path", "show", NULL);
	args("monitor", "monitor", "--count", "3", "--json", NULL);
	args("monitor-operand", "monitor", "events", NULL);
	args("monitor-count-missing", "monitor", "-c", NULL);
}

/* ---- values: a letter that picks the parser, then its input ---- */

static void value(const char *name, const char *text)
{
	struct seed s = { .len = 0 };

	append(&s, text, strlen(text));
	write_seed("values", name, &s);
}

static void value_bin(const char *name, char letter, const void *data,
		      size_t len)
{
	struct seed s = { .len = 0 };

	append(&s, &letter, 1);
	append(&s, data, len);
	write_seed("values", name, &s);
}

static void values_seeds(void)
{
	static const uint32_t mask[] = { 0xf00f, 0, 0x80000000 };
	static const uint64_t flags = 0x80000000000000ffull;
	static const uint64_t policies = 0xfffffff600000003ull;

	value("u32", "u4294967295");
	value("u32-over", "u4294967296");
	value("u32-sign", "u+1");
	value("u64", "U18446744073709551615");
	value("u64-over", "U18446744073709551616");
	value("s32", "s-2147483648");
	value("s32-over", "s2147483648");
	value("s32-sign", "s+0");
	value("gpu-index", "g3");
	value("gpu-address", "g0000:17:00.0");
	value("gpu-empty", "g");
	value("ioprio-level", "irt:7");
	value("ioprio-alias", "ibest-effort");
	value("ioprio-number", "i3:0");
	value("ioprio-bad", "irt:");
	value("cpus", "c0-3,8,10-11");
	value("cpus-overlap", "c0-8,4-6,31-32,63");
	value("cpus-max", "c8191");
	value("cpus-over", "c8192");
	value("cpus-reversed", "c3-1");
	value("cpus-trailing-comma", "c1,");
	value("cpus-huge", "c99999999999999999999999");
	value("nodes", "n0,2-3");
	value("nodes-max", "n1023");
	value("names", "Ntraining");
	value("names-feature", "Nnuma-hint");
	value("escape", "e/jobs/a b\t\\\x7f\xc3\xa9");
	value_bin("mask", 'm', mask, sizeof(mask));
	value_bin("mask-odd", 'm', mask, 5);
	value_bin("flags", 'f', &flags, sizeof(flags));
	value_bin("policies", 'p', &policies, sizeof(policies));
}

/* ---- files: a letter that picks the file, then its contents ---- */

static void file(const char *name, const char *text)
{
	struct seed s = { .len = 0 };

	append(&s, text, strlen(text));
	write_seed("files", name, &s);
}

static void files_seeds(void)
{
	file("numa-stat", "nanon N0=1572864 N1=67108864\n"
			  "file N0=0 N1=4096\n"
			  "kernel_stack N0=16384 N1=0\n"
			  "shmem N0=0 N1=0\n");
	file("numa-stat-one-line", "nfile N3=4096 N1=8192 N3=1");
	file("numa-stat-saturate", "nanon N0=18446744073709551615\n"
				   "file N0=18446744073709551615\n");
	file("numa-stat-bad", "nanon N0=1 N1\n");
	file("numa-stat-none", "nkernel N0=1\n");
	file("mountinfo",
	     "m22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
	     "26 22 0:23 / /sys/fs/cgroup rw,nosuid shared:9 - cgroup2 cgroup2 rw,nsdelegate\n"
	     "27 22 0:24 / /mnt/with\\040space rw - cgroup2 none rw\n");
	file("mountinfo-short", "m1 2 3:4 / - cgroup2 x\n");
	file("mountinfo-escapes", "m1 2 0:1 / /a\\134b\\011\\012\\400\\04 rw - cgroup2 c rw\n");
}

/* ---- devmap: a letter that picks the file, then its contents ---- */

static void devmap(const char *name, const char *text)
{
	struct seed s = { .len = 0 };

	append(&s, text, strlen(text));
	write_seed("devmap", name, &s);
}

static void devmap_seeds(void)
{
	devmap("table", "t# the GPUs of this host\n"
			"/dev/nvidia1 0000:3B:00.0\n"
			"\t/dev/nvidia0\t0000:17:00.0  \n");
	devmap("table-not-listed", "t/dev/dri/card0 0000:03:00.0\n");
	devmap("table-bad-address", "t/dev/nvidia0 0000:17:20.0\n");
	devmap("table-relative", "tnvidia0 0000:17:00.0\n");
	devmap("table-extra-word", "t/dev/nvidia0 0000:17:00.0 gpu0\n");
	devmap("table-no-newline", "t/dev/nvidia0 0000:17:00.0");
	devmap("link", "s../../../devices/pci0000:00/0000:00:02.0/0000:03:00.0");
	devmap("link-platform", "s../../../devices/platform/gpu.0");
	devmap("link-bare", "s0000:AB:1f.7");
	devmap("nvidia-info", "nModel: \t\t NVIDIA H100 80GB HBM3\n"
			      "IRQ:   \t\t 1234\n"
			      "GPU UUID: \t GPU-00000000-0000\n"
			      "Device Minor: \t 1\n"
			      "Bus Location: \t 0000:17:00.0\n");
	devmap("nvidia-info-minor-bad", "nDevice Minor: 1x\nBus Location: 0000:17:00.0\n");
	devmap("nvidia-info-no-bus", "nDevice Minor: 0\n");
	devmap("address", "a0000:17:00.0");
	devmap("address-upper", "a0000:B3:1F.7");
	devmap("address-device-32", "a0000:17:20.0");
}

int main(int argc, char *argv[])
{
	if (argc != 2) {
		fputs("Usage: gen-corpus DIR\n", stderr);
		return 2;
	}
	top = argv[1];
	if (mkdir(top, 0755) && errno != EEXIST)
		die(top);
	info_seeds();
	tag_seeds();
	gpu_seeds();
	pool_seeds();
	event_seeds();
	args_seeds();
	values_seeds();
	files_seeds();
	nl_seeds();
	devmap_seeds();
	return 0;
}
