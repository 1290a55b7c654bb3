// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the decoders of the module's replies and events, and
 * the printers of what they decode.
 *
 * Input: one byte, the generic-netlink command the replies answer
 * (AISCHED_CMD_*), then a stream of attributes. An attribute of type 0,
 * which no reply of the family has, ends one reply and starts the next, so
 * that an input can be a dump of several objects. Each reply gets an
 * nlmsghdr and a genlmsghdr of its own, as the kernel sends it, in a heap
 * block of exactly its length, and goes where the tool would put it: the
 * reply list of its command (a dump's, or a single request's, which refuses
 * a second reply), or monitor_decode_event() for the events group. What
 * decodes is printed in every form the tool has, tables, blocks of lines
 * and JSON, since printing is where a length that decoding let through
 * bites.
 */

#include <errno.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "fuzz.h"

#include "gpus.h"
#include "info.h"
#include "monitor.h"
#include "pool.h"
#include "replies.h"
#include "show.h"
#include "tags.h"

/* info.c keeps its reply types to itself; these are the same. */
static int info_decode_cb(struct nlmsghdr *nlh, void *item)
{
	return info_decode(nlh, item);
}

static void info_free_cb(void *item)
{
	info_free(item);
}

static int node_decode_cb(struct nlmsghdr *nlh, void *item)
{
	return info_decode_node(nlh, item);
}

static void node_free_cb(void *item)
{
	info_free_node(item);
}

static const struct aisched_reply_type info_reply = {
	.size = sizeof(struct aisched_info),
	.decode = info_decode_cb,
	.free = info_free_cb,
};

static const struct aisched_reply_type node_reply = {
	.size = sizeof(struct aisched_node),
	.decode = node_decode_cb,
	.free = node_free_cb,
};

/*
 * What show adds to a tag from the cgroup's files: memory on three nodes,
 * and a thread whose names need escaping.
 */
static struct aisched_node_mem show_nodes[] = {
	{ 0, 3 << 20 }, { 1, 64 << 20 }, { 7, 0 },
};
static const struct show_memory show_memory = {
	.mem = { show_nodes, sizeof(show_nodes) / sizeof(show_nodes[0]) },
};
static const struct show_memory show_no_memory = { .err = -ENOENT };
static uint32_t thread_cpus[] = { 0x0000000f, 0x80000000 };
static struct aisched_thread show_thread = {
	.tid = 42, .pid = 40, .comm = "fuzz\tthread", .cgroup = "a b/c",
	.policy = 1, .rt_prio = 10, .cpus = { thread_cpus, 2 },
	.io_class = 2, .io_level = 4,
};
static const struct aisched_threads show_threads = { &show_thread, 1 };
static const struct aisched_threads show_no_threads = { NULL, 0 };

static void print_tags(const struct aisched_reply_list *list)
{
	const struct aisched_tag *tags = list->items;
	FILE *f = fuzz_sink();
	size_t i;

	aisched_tag_print_table(f, tags, list->nr);
	aisched_tag_list_print_json(f, tags, list->nr);
	for (i = 0; i < list->nr; i++) {
		aisched_tag_print(f, &tags[i]);
		aisched_tag_print_json(f, &tags[i]);
		show_print(f, &tags[i], &show_memory, &show_threads);
		show_print_json(f, &tags[i], &show_memory, &show_threads);
		show_print(f, &tags[i], &show_no_memory, &show_no_threads);
		show_print_json(f, &tags[i], &show_no_memory, &show_no_threads);
	}
}

static void print_gpus(const struct aisched_reply_list *list)
{
	const struct aisched_gpu *gpus = list->items;
	FILE *f = fuzz_sink();
	size_t i;

	aisched_gpu_print_table(f, gpus, list->nr);
	aisched_gpu_list_print_json(f, gpus, list->nr);
	for (i = 0; i < list->nr; i++)
		aisched_gpu_print_json(f, &gpus[i]);
}

static void print_pools(const struct aisched_reply_list *list)
{
	const struct aisched_pool *pools = list->items;
	FILE *f = fuzz_sink();
	size_t i;

	aisched_pool_print_table(f, pools, list->nr);
	aisched_pool_list_print_json(f, pools, list->nr);
	for (i = 0; i < list->nr; i++) {
		aisched_pool_print_json(f, &pools[i]);
		/* Below, at and above what was asked. */
		aisched_pool_warn(f, pools[i].total - 1, &pools[i]);
		aisched_pool_warn(f, pools[i].total, &pools[i]);
		aisched_pool_warn(f, pools[i].total + 1, &pools[i]);
	}
}

static void print_info(const struct aisched_reply_list *list)
{
	if (!list->nr)
		return;
	info_print(fuzz_sink(), list->items);
	info_print_json(fuzz_sink(), list->items);
}

static void print_node(const struct aisched_reply_list *list)
{
	if (!list->nr)
		return;
	info_print_node(fuzz_sink(), list->items);
	info_print_node_json(fuzz_sink(), list->items);
}

/**
 * struct reply_kind - what the tool does with the replies to a command
 * @type: how they decode
 * @dump: the command is a dump (every reply is an object), not a single
 *	request (one reply, a second refused)
 * @print: prints what decoded, in every form the command has
 */
struct reply_kind {
	const struct aisched_reply_type *type;
	bool dump;
	void (*print)(const struct aisched_reply_list *list);
};

static const struct reply_kind kinds[AISCHED_CMD_MAX + 1] = {
	[AISCHED_CMD_GET_INFO] = { &info_reply, false, print_info },
	[AISCHED_CMD_NODE_GET] = { &node_reply, false, print_node },
	[AISCHED_CMD_TAG_SET]  = { &aisched_tag_reply, false, print_tags },
	/* A dump for list; show asks for one tag, which a dump covers. */
	[AISCHED_CMD_TAG_GET]  = { &aisched_tag_reply, true, print_tags },
	[AISCHED_CMD_GPU_GET]  = { &aisched_gpu_reply, true, print_gpus },
	[AISCHED_CMD_GPU_SET]  = { &aisched_gpu_reply, false, print_gpus },
	[AISCHED_CMD_POOL_GET] = { &aisched_pool_reply, true, print_pools },
	[AISCHED_CMD_POOL_SET] = { &aisched_pool_reply, false, print_pools },
};

/* What the events group's reader does with one message (see event_cb()). */
static void decode_event(struct nlmsghdr *nlh)
{
	struct aisched_event ev;

	if (!monitor_decode_event(nlh, &ev)) {
		monitor_print_event(fuzz_sink(), &ev);
		monitor_print_event_json(fuzz_sink(), &ev);
	}
	monitor_free_event(&ev);
}

/*
 * One reply, as aisched_nl_request() hands it on: libnl's copy of the
 * message, then the reply list's callback. Return: the callback's result.
 */
static int add_reply(const struct reply_kind *kind,
		     struct aisched_reply_list *list, struct nlmsghdr *nlh)
{
	struct nl_msg *msg = nlmsg_convert(nlh);
	int ret;

	if (!msg)
		abort();
	ret = kind->dump ? aisched_reply_list_dump_cb(msg, list)
			 : aisched_reply_list_one_cb(msg, list);
	nlmsg_free(msg);
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct aisched_reply_list list = AISCHED_REPLY_LIST(NULL);
	const struct reply_kind *kind = NULL;
	struct nlattr *attrs, *a, *start;
	struct nlmsghdr *nlh;
	bool failed = false, end;
	size_t len;
	uint8_t cmd;
	int rem;

	if (!size)
		return 0;
	cmd = data[0];
	if (cmd <= AISCHED_CMD_MAX && kinds[cmd].type) {
		kind = &kinds[cmd];
		list.type = kind->type;
	}
	/* Aligned, as a message's attributes are. */
	len = size - 1;
	attrs = fuzz_alloc(len);
	memcpy(attrs, data + 1, len);

	start = attrs;
	a = attrs;
	rem = len;
	for (;;) {
		/* The end of the stream, or of one reply: a type 0. */
		end = !nla_ok(a, rem);
		if (!end && nla_type(a)) {
			a = nla_next(a, &rem);
			continue;
		}
		nlh = fuzz_genl_msg(cmd, kind && kind->dump ? NLM_F_MULTI : 0,
				    start, (end ? (char *)attrs + len : (char *)a) -
					   (char *)start);
		if (!kind)
			decode_event(nlh);
		else if (!failed && add_reply(kind, &list, nlh))
			failed = true;	/* aisched_nl_request() drops the rest */
		free(nlh);
		if (end)
			break;
		start = nla_next(a, &rem);
		/* The last attribute's padding may be missing. */
		if (rem <= 0)
			start = (struct nlattr *)((char *)attrs + len);
		a = start;
	}

	if (kind && !failed)
		kind->print(&list);
	if (kind)
		aisched_reply_list_free(&list);
	free(attrs);
	return 0;
}
