// SPDX-License-Identifier: GPL-2.0
/*
 * aisched info [--json] [--node <id>]
 *
 * Without --node: AISCHED_CMD_GET_INFO, printing the module and every online
 * NUMA node. With --node: AISCHED_CMD_NODE_GET for that node only.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "aisched.h"
#include "decode.h"
#include "info.h"
#include "names.h"
#include "nl.h"
#include "parse.h"
#include "print.h"
#include "replies.h"

#define MIB_SHIFT	20

static const struct option info_options[] = {
	{ "help", no_argument,       NULL, 'h' },
	{ "json", no_argument,       NULL, 'j' },
	{ "node", required_argument, NULL, 'n' },
	{ NULL,   0,                 NULL, 0 },
};

static const struct aisched_attr_policy info_policy[AISCHED_A_INFO_MAX + 1] = {
	[AISCHED_A_INFO_VERSION]     = { "version",     AISCHED_ATTR_STRING, true },
	[AISCHED_A_INFO_ABI_VERSION] = { "abi-version", AISCHED_ATTR_U32,    true },
	[AISCHED_A_INFO_FEATURES]    = { "features",    AISCHED_ATTR_U64,    true },
	[AISCHED_A_INFO_NODE]        = { "node",        AISCHED_ATTR_MULTI,  false },
	[AISCHED_A_INFO_PAD]         = { "pad",         AISCHED_ATTR_IGNORE, false },
};

static const struct aisched_attr_policy node_policy[AISCHED_A_NODE_MAX + 1] = {
	[AISCHED_A_NODE_ID]        = { "id",        AISCHED_ATTR_U32,    true },
	[AISCHED_A_NODE_CPUS]      = { "cpus",      AISCHED_ATTR_BINARY, true },
	[AISCHED_A_NODE_MEM_TOTAL] = { "mem-total", AISCHED_ATTR_U64,    true },
	[AISCHED_A_NODE_PAD]       = { "pad",       AISCHED_ATTR_IGNORE, false },
};

/**
 * info_usage() - print the usage of "aisched info"
 * @f: stdout for --help, stderr after a usage error
 */
void info_usage(FILE *f)
{
	fprintf(f,
		"Usage: aisched info [--json] [--node <id>]\n"
		"\n"
		"Shows the module version, the netlink ABI version, the feature bits and\n"
		"the online NUMA nodes with their CPUs and memory.\n"
		"\n"
		"Options:\n"
		"  -j, --json       print one JSON object on one line\n"
		"  -n, --node <id>  show only NUMA node <id> (0-%d)\n"
		"  -h, --help       show this help\n",
		AISCHED_MAX_NODE_ID);
}

static int usage_error(void)
{
	info_usage(aisched_err);
	return AISCHED_EXIT_USAGE;
}

/**
 * info_parse_args() - parse the command line of "aisched info"
 * @argc: argument count
 * @argv: arguments, argv[0] being "info"
 * @o: filled in
 *
 * On a usage error, prints why and the usage to stderr. Never exits.
 *
 * Return: 0, also for --help (@o->help is set), or 2 (bad usage).
 */
int info_parse_args(int argc, char *argv[], struct info_opts *o)
{
	int c, ret;

	memset(o, 0, sizeof(*o));
	aisched_getopt_reset();
	while ((c = aisched_getopt(argc, argv, "+:hjn:", info_options,
				   "info")) != -1) {
		switch (c) {
		case 'h':
			o->help = true;
			return 0;
		case 'j':
			o->json = true;
			break;
		case 'n':
			ret = aisched_parse_u32(optarg, AISCHED_MAX_NODE_ID, &o->node);
			if (ret == -ERANGE) {
				fprintf(aisched_err,
					"aisched: info: node id '%s' is out of range (0-%d)\n",
					optarg, AISCHED_MAX_NODE_ID);
				return usage_error();
			}
			if (ret) {
				fprintf(aisched_err, "aisched: info: invalid node id '%s'\n",
					optarg);
				return usage_error();
			}
			o->has_node = true;
			break;
		default:
			return usage_error();
		}
	}
	if (optind < argc) {
		fprintf(aisched_err, "aisched: info: unexpected argument '%s'\n",
			argv[optind]);
		return usage_error();
	}
	return 0;
}

/**
 * info_free_node() - free what decoding a node allocated
 * @node: the node
 */
void info_free_node(struct aisched_node *node)
{
	aisched_cpumask_free(&node->cpus);
}

/**
 * info_free() - free what info_decode() allocated
 * @info: the reply; it is left empty
 */
void info_free(struct aisched_info *info)
{
	size_t i;

	for (i = 0; i < info->nr_nodes; i++)
		info_free_node(&info->nodes[i]);
	free(info->nodes);
	free(info->version);
	memset(info, 0, sizeof(*info));
}

static int decode_node_attrs(struct nlattr *head, int len,
			     struct aisched_node *node)
{
	struct nlattr *tb[AISCHED_A_NODE_MAX + 1];
	struct nlattr *cpus;
	int ret;

	memset(node, 0, sizeof(*node));
	ret = aisched_attr_parse(tb, AISCHED_A_NODE_MAX, node_policy, head, len,
				 "node");
	if (ret)
		return ret;

	node->id = nla_get_u32(tb[AISCHED_A_NODE_ID]);
	node->mem_total = nla_get_u64(tb[AISCHED_A_NODE_MEM_TOTAL]);
	cpus = tb[AISCHED_A_NODE_CPUS];
	ret = aisched_cpumask_decode(&node->cpus, nla_data(cpus), nla_len(cpus));
	if (ret == -EINVAL)
		return aisched_bad_reply("node %u: attribute cpus (%d) has %d bytes, expected a non-zero multiple of 4",
					 node->id, AISCHED_A_NODE_CPUS,
					 nla_len(cpus));
	if (ret)
		fputs("aisched: out of memory\n", aisched_err);
	return ret;
}

/**
 * info_decode_node() - decode a NODE_GET reply
 * @nlh: the reply
 * @node: filled in; free with info_free_node() whatever the result
 *
 * Return: 0, -EBADMSG if the reply breaks the spec, or -ENOMEM; having
 * printed why.
 */
int info_decode_node(struct nlmsghdr *nlh, struct aisched_node *node)
{
	struct nlattr *head;
	int len;

	memset(node, 0, sizeof(*node));
	head = aisched_genl_attrs(nlh, &len);
	if (!head)
		return -EBADMSG;
	return decode_node_attrs(head, len, node);
}

/**
 * info_decode() - decode a GET_INFO reply
 * @nlh: the reply
 * @info: filled in; free with info_free() whatever the result
 *
 * Return: 0, -EBADMSG if the reply breaks the spec, or -ENOMEM; having
 * printed why.
 */
int info_decode(struct nlmsghdr *nlh, struct aisched_info *info)
{
	struct nlattr *tb[AISCHED_A_INFO_MAX + 1];
	struct aisched_node *nodes;
	struct nlattr *head, *a;
	int len, rem, ret;

	memset(info, 0, sizeof(*info));
	head = aisched_genl_attrs(nlh, &len);
	if (!head)
		return -EBADMSG;
	ret = aisched_attr_parse(tb, AISCHED_A_INFO_MAX, info_policy, head, len,
				 "info");
	if (ret)
		return ret;

	info->abi_version = nla_get_u32(tb[AISCHED_A_INFO_ABI_VERSION]);
	info->features = nla_get_u64(tb[AISCHED_A_INFO_FEATURES]);
	info->version = strdup(nla_data(tb[AISCHED_A_INFO_VERSION]));
	if (!info->version)
		goto err_nomem;

	nla_for_each_attr(a, head, len, rem) {
		if (nla_type(a) != AISCHED_A_INFO_NODE)
			continue;
		nodes = realloc(info->nodes, (info->nr_nodes + 1) * sizeof(*nodes));
		if (!nodes)
			goto err_nomem;
		info->nodes = nodes;
		ret = decode_node_attrs(nla_data(a), nla_len(a),
					&info->nodes[info->nr_nodes++]);
		if (ret)
			return ret;
	}
	return 0;

err_nomem:
	fputs("aisched: out of memory\n", aisched_err);
	return -ENOMEM;
}

static void print_node_header(FILE *f)
{
	fprintf(f, "%4s  %12s  %s\n", "node", "memory", "cpus");
}

static int print_node_row(FILE *f, const struct aisched_node *node)
{
	char *cpus = aisched_cpulist_alloc(&node->cpus);

	if (!cpus)
		return -ENOMEM;
	fprintf(f, "%4u  %8llu MiB  %s\n", node->id,
		(unsigned long long)(node->mem_total >> MIB_SHIFT),
		cpus[0] ? cpus : "-");
	free(cpus);
	return 0;
}

/**
 * info_print() - print a GET_INFO reply for people
 * @f: where to
 * @info: the decoded reply
 *
 * Return: 0 or -ENOMEM.
 */
int info_print(FILE *f, const struct aisched_info *info)
{
	char names[4 * AISCHED_NAME_MAX];
	size_t i;
	int ret;

	fprintf(f, "module version: %s\n", info->version);
	fprintf(f, "abi version:    %u\n", info->abi_version);
	/* The bits this tool knows, by name; others only in the number. */
	aisched_feature_format(names, sizeof(names), info->features);
	fprintf(f, "features:       0x%llx%s%s%s\n",
		(unsigned long long)info->features, names[0] ? " (" : "", names,
		names[0] ? ")" : "");
	/* The features that come from the kernel's patches/ hooks. */
	aisched_feature_format(names, sizeof(names),
			       info->features & AISCHED_FEATURES_HOOKS);
	fprintf(f, "kernel hooks:   %s\n",
		names[0] ? names : "none (a stock kernel; see patches/README)");
	fputc('\n', f);
	if (!info->nr_nodes) {
		fputs("no online NUMA node reported\n", f);
		return 0;
	}
	print_node_header(f);
	for (i = 0; i < info->nr_nodes; i++) {
		ret = print_node_row(f, &info->nodes[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * info_print_node() - print one node for people
 * @f: where to
 * @node: the decoded node
 *
 * Return: 0 or -ENOMEM.
 */
int info_print_node(FILE *f, const struct aisched_node *node)
{
	print_node_header(f);
	return print_node_row(f, node);
}

static struct json_object *node_json(const struct aisched_node *node)
{
	struct json_object *obj;
	char *cpus;
	int ret;

	obj = json_object_new_object();
	if (!obj)
		return NULL;
	cpus = aisched_cpulist_alloc(&node->cpus);
	if (!cpus)
		goto err;
	ret = aisched_json_add(obj, "id", json_object_new_uint64(node->id));
	ret = ret ?: aisched_json_add(obj, "cpus", json_object_new_string(cpus));
	ret = ret ?: aisched_json_add(obj, "cpu_list",
				      aisched_json_cpu_array(&node->cpus));
	ret = ret ?: aisched_json_add(obj, "mem_total",
				      json_object_new_uint64(node->mem_total));
	free(cpus);
	if (ret)
		goto err;
	return obj;

err:
	json_object_put(obj);
	return NULL;
}

/**
 * info_print_json() - print a GET_INFO reply as one JSON object on one line
 * @f: where to
 * @info: the decoded reply
 *
 * Keys: version (string), abi_version, features (numbers), nodes (array of
 * the objects info_print_node_json() prints).
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int info_print_json(FILE *f, const struct aisched_info *info)
{
	struct json_object *obj, *nodes = NULL, *node;
	size_t i;
	int ret;

	obj = json_object_new_object();
	if (!obj)
		return -ENOMEM;
	ret = aisched_json_add(obj, "version", json_object_new_string(info->version));
	ret = ret ?: aisched_json_add(obj, "abi_version",
				      json_object_new_uint64(info->abi_version));
	ret = ret ?: aisched_json_add(obj, "features",
				      json_object_new_uint64(info->features));
	if (!ret) {
		nodes = json_object_new_array();
		ret = aisched_json_add(obj, "nodes", nodes);
	}
	for (i = 0; !ret && i < info->nr_nodes; i++) {
		node = node_json(&info->nodes[i]);
		if (!node || json_object_array_add(nodes, node)) {
			json_object_put(node);
			ret = -ENOMEM;
		}
	}
	ret = ret ?: aisched_json_print(f, obj);
	json_object_put(obj);
	return ret;
}

/**
 * info_print_node_json() - print one node as a JSON object on one line
 * @f: where to
 * @node: the decoded node
 *
 * Keys: id, mem_total (bytes) (numbers), cpus (cpulist string), cpu_list
 * (array of CPU numbers).
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int info_print_node_json(FILE *f, const struct aisched_node *node)
{
	struct json_object *obj = node_json(node);
	int ret;

	if (!obj)
		return -ENOMEM;
	ret = aisched_json_print(f, obj);
	json_object_put(obj);
	return ret;
}

static int decode_info_cb(struct nlmsghdr *nlh, void *item)
{
	return info_decode(nlh, item);
}

static void free_info_cb(void *item)
{
	info_free(item);
}

static int decode_node_cb(struct nlmsghdr *nlh, void *item)
{
	return info_decode_node(nlh, item);
}

static void free_node_cb(void *item)
{
	info_free_node(item);
}

static const struct aisched_reply_type info_reply = {
	.size = sizeof(struct aisched_info),
	.decode = decode_info_cb,
	.free = free_info_cb,
};

static const struct aisched_reply_type node_reply = {
	.size = sizeof(struct aisched_node),
	.decode = decode_node_cb,
	.free = free_node_cb,
};

static int show_info(struct aisched_nl *nl, const struct info_opts *o)
{
	struct aisched_reply_list reply = AISCHED_REPLY_LIST(&info_reply);
	struct nl_msg *msg;
	int ret;

	msg = aisched_nl_msg(nl, AISCHED_CMD_GET_INFO, 0);
	if (!msg)
		return -ENOMEM;
	ret = aisched_request_one(nl, msg, &reply, "getting module info");
	if (!ret) {
		ret = o->json ? info_print_json(aisched_out, reply.items)
			      : info_print(aisched_out, reply.items);
		aisched_print_checked(ret);
	}
	aisched_reply_list_free(&reply);
	return ret;
}

static int show_node(struct aisched_nl *nl, const struct info_opts *o)
{
	struct aisched_reply_list reply = AISCHED_REPLY_LIST(&node_reply);
	const struct aisched_node *node;
	struct nl_msg *msg;
	char what[32];
	int ret;

	snprintf(what, sizeof(what), "getting node %u", o->node);
	msg = aisched_nl_msg(nl, AISCHED_CMD_NODE_GET, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, AISCHED_A_NODE_ID, o->node)) {
		nlmsg_free(msg);
		fputs("aisched: out of memory\n", aisched_err);
		return -ENOMEM;
	}
	ret = aisched_request_one(nl, msg, &reply, what);
	node = reply.items;
	if (!ret && node->id != o->node)
		ret = aisched_bad_reply("%s: the reply is for node %u", what, node->id);
	if (!ret) {
		ret = o->json ? info_print_node_json(aisched_out, node)
			      : info_print_node(aisched_out, node);
		aisched_print_checked(ret);
	}
	aisched_reply_list_free(&reply);
	return ret;
}

/**
 * info_main() - "aisched info"
 * @argc: argument count
 * @argv: arguments, argv[0] being "info"
 *
 * Return: the exit status.
 */
int info_main(int argc, char *argv[])
{
	struct aisched_nl *nl;
	struct info_opts o;
	int ret;

	ret = info_parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		info_usage(aisched_out);
		return AISCHED_EXIT_OK;
	}

	nl = aisched_nl_open();
	if (!nl)
		return AISCHED_EXIT_FAIL;
	ret = o.has_node ? show_node(nl, &o) : show_info(nl, &o);
	aisched_nl_close(nl);
	return ret ? AISCHED_EXIT_FAIL : AISCHED_EXIT_OK;
}
