// SPDX-License-Identifier: GPL-2.0
/*
 * aisched gpus [--json]
 * aisched gpus set GPU --node <node>|auto [--json]
 *
 * AISCHED_CMD_GPU_GET as a dump: every GPU and accelerator the module found
 * on PCI, in index order, with its NUMA node and where that comes from.
 * With set, AISCHED_CMD_GPU_SET: override the node of one GPU, named by
 * index or PCI address, or remove the override (auto); then print it.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "aisched.h"
#include "decode.h"
#include "gpus.h"
#include "names.h"
#include "nl.h"
#include "parse.h"
#include "print.h"

static const struct option gpus_options[] = {
	{ "help", no_argument,       NULL, 'h' },
	{ "json", no_argument,       NULL, 'j' },
	{ "node", required_argument, NULL, 'n' },
	{ NULL,   0,                 NULL, 0 },
};

/* The option that set each attribute of a GPU_SET request. */
const char *const gpu_attr_options[AISCHED_A_GPU_MAX + 1] = {
	[AISCHED_A_GPU_NODE] = "--node",
};

static const struct aisched_attr_policy gpu_policy[AISCHED_A_GPU_MAX + 1] = {
	[AISCHED_A_GPU_INDEX]           = { "index",           AISCHED_ATTR_U32,    true },
	[AISCHED_A_GPU_ADDRESS]         = { "address",         AISCHED_ATTR_STRING, true },
	[AISCHED_A_GPU_VENDOR]          = { "vendor",          AISCHED_ATTR_U16,    true },
	[AISCHED_A_GPU_DEVICE]          = { "device",          AISCHED_ATTR_U16,    true },
	[AISCHED_A_GPU_CLASS]           = { "class",           AISCHED_ATTR_U32,    true },
	[AISCHED_A_GPU_NODE]            = { "node",            AISCHED_ATTR_S32,    true },
	[AISCHED_A_GPU_NODE_SOURCE]     = { "node-source",     AISCHED_ATTR_U32,    true },
	[AISCHED_A_GPU_DISCOVERED_NODE] = { "discovered-node", AISCHED_ATTR_S32,    true },
	/* Absent while the node is unknown. */
	[AISCHED_A_GPU_CPUS]            = { "cpus",            AISCHED_ATTR_BINARY, false },
};

/**
 * gpus_usage() - print the usage of "aisched gpus"
 * @f: stdout for --help, stderr after a usage error
 */
void gpus_usage(FILE *f)
{
	fprintf(f,
		"Usage: aisched gpus [--json]\n"
		"       aisched gpus set GPU --node <node>|auto [--json]\n"
		"\n"
		"Lists the GPUs and accelerators the module found on PCI, in index order\n"
		"(PCI-address order), with their NUMA node, where the node comes from\n"
		"(discovered, override or unknown) and its CPUs. Prints nothing if there\n"
		"is none.\n"
		"\n"
		"With set, sets the NUMA node of GPU, given by index, by PCI address\n"
		"(such as 0000:17:00.0) or by device file (/dev/nvidia0), for the tags\n"
		"set from then on; auto removes the override. Needs CAP_SYS_ADMIN.\n"
		"Prints the GPU.\n"
		"\n"
		"Options:\n"
		"  -n, --node <node>|auto  with set: the node (0-%d), or auto\n"
		"  -j, --json              print one JSON array of GPU objects (with set,\n"
		"                          one object) on one line\n"
		"  -h, --help              show this help\n",
		AISCHED_MAX_NODE_ID);
}

static int usage_error(void)
{
	gpus_usage(aisched_err);
	return AISCHED_EXIT_USAGE;
}

static int parse_node(const char *val, struct gpus_opts *o)
{
	uint32_t node;
	int ret;

	o->has_node = true;
	if (!strcmp(val, "auto")) {
		o->node = -1;
		return 0;
	}
	ret = aisched_parse_u32(val, AISCHED_MAX_NODE_ID, &node);
	if (ret == -ERANGE) {
		fprintf(aisched_err, "aisched: gpus: --node: '%s' is out of range (0-%d)\n",
			val, AISCHED_MAX_NODE_ID);
		return usage_error();
	}
	if (ret) {
		fprintf(aisched_err, "aisched: gpus: --node: '%s' is not a node (0-%d) or auto\n",
			val, AISCHED_MAX_NODE_ID);
		return usage_error();
	}
	o->node = node;
	return 0;
}

/* An operand: "set" first, then the GPU. */
static int parse_operand(const char *arg, struct gpus_opts *o)
{
	int ret;

	if (!o->set && !strcmp(arg, "set")) {
		o->set = true;
		return 0;
	}
	if (!o->set || o->gpu) {
		fprintf(aisched_err, "aisched: gpus: unexpected argument '%s'\n", arg);
		return usage_error();
	}
	if (arg[0] == '/') {
		/* A device file: the GPU it is, by its PCI address. */
		char err[512];

		if (aisched_devmap_path(&aisched_devmap_host, arg, o->dev_addr,
					err, sizeof(err))) {
			fprintf(aisched_err, "aisched: gpus: %s\n", err);
			return AISCHED_EXIT_FAIL;
		}
		o->gpu = o->dev_addr;
		o->by_index = false;
		return 0;
	}
	ret = aisched_parse_gpu(arg, &o->index);
	if (ret == -ERANGE) {
		fprintf(aisched_err, "aisched: gpus: GPU index '%s' does not fit 32 bits\n",
			arg);
		return usage_error();
	}
	if (ret < 0) {
		fprintf(aisched_err, "aisched: gpus: '%s' is not a GPU (an index or a PCI address such as 0000:17:00.0)\n",
			arg);
		return usage_error();
	}
	o->gpu = arg;
	o->by_index = ret;
	return 0;
}

/**
 * gpus_parse_args() - parse the command line of "aisched gpus"
 * @argc: argument count
 * @argv: arguments, argv[0] being "gpus"; the first operand may be "set",
 *	the second is then the GPU; options may come anywhere
 * @o: filled in
 *
 * A GPU of digits only is an index, anything else a PCI address, which the
 * kernel checks. On a usage error, prints why and the usage to stderr.
 * Never exits.
 *
 * Return: 0, also for --help (@o->help is set), or 2 (bad usage).
 */
int gpus_parse_args(int argc, char *argv[], struct gpus_opts *o)
{
	int c, ret;

	memset(o, 0, sizeof(*o));
	aisched_getopt_reset();
	while ((c = aisched_getopt(argc, argv, "-:hjn:", gpus_options,
				   "gpus")) != -1) {
		switch (c) {
		case 'h':
			o->help = true;
			return 0;
		case 'j':
			o->json = true;
			ret = 0;
			break;
		case 'n':
			ret = parse_node(optarg, o);
			break;
		case 1:
			ret = parse_operand(optarg, o);
			break;
		default:
			return usage_error();
		}
		if (ret)
			return ret;
	}
	for (; optind < argc; optind++) {
		ret = parse_operand(argv[optind], o);
		if (ret)
			return ret;
	}
	if (!o->set && o->has_node) {
		fputs("aisched: gpus: --node goes with set: aisched gpus set GPU --node <node>\n",
		      aisched_err);
		return usage_error();
	}
	if (o->set && !o->gpu) {
		fputs("aisched: gpus: set: missing the GPU (an index or a PCI address)\n",
		      aisched_err);
		return usage_error();
	}
	if (o->set && !o->has_node) {
		fputs("aisched: gpus: set: missing --node (a node, or auto)\n", aisched_err);
		return usage_error();
	}
	return 0;
}

/**
 * gpus_put_request() - add the attributes of a GPU_SET request
 * @msg: the request, from aisched_nl_msg()
 * @o: the parsed command line, with @o->set
 *
 * Adds index or address, as the GPU was given, and node (-1 for auto).
 *
 * Return: 0, or -EMSGSIZE if they do not fit.
 */
int gpus_put_request(struct nl_msg *msg, const struct gpus_opts *o)
{
	int ret;

	if (o->by_index)
		ret = nla_put_u32(msg, AISCHED_A_GPU_INDEX, o->index);
	else
		ret = nla_put_string(msg, AISCHED_A_GPU_ADDRESS, o->gpu);
	ret = ret ?: nla_put(msg, AISCHED_A_GPU_NODE, sizeof(o->node), &o->node);
	return ret ? -EMSGSIZE : 0;
}

/**
 * aisched_gpu_decode() - decode a GPU_GET or GPU_SET reply
 * @nlh: the reply
 * @gpu: filled in; free with aisched_gpu_free() whatever the result
 *
 * Every attribute but cpus is required; cpus, if sent, must be a non-zero
 * multiple of 4 bytes.
 *
 * Return: 0, -EBADMSG if the reply breaks the spec, or -ENOMEM; having
 * printed why.
 */
int aisched_gpu_decode(struct nlmsghdr *nlh, struct aisched_gpu *gpu)
{
	struct nlattr *tb[AISCHED_A_GPU_MAX + 1];
	struct nlattr *head, *cpus;
	int len, ret;

	memset(gpu, 0, sizeof(*gpu));
	head = aisched_genl_attrs(nlh, &len);
	if (!head)
		return -EBADMSG;
	ret = aisched_attr_parse(tb, AISCHED_A_GPU_MAX, gpu_policy, head, len,
				 "gpu");
	if (ret)
		return ret;

	gpu->address = strdup(nla_data(tb[AISCHED_A_GPU_ADDRESS]));
	if (!gpu->address)
		goto err_nomem;
	gpu->index = nla_get_u32(tb[AISCHED_A_GPU_INDEX]);
	gpu->vendor = nla_get_u16(tb[AISCHED_A_GPU_VENDOR]);
	gpu->device = nla_get_u16(tb[AISCHED_A_GPU_DEVICE]);
	gpu->class = nla_get_u32(tb[AISCHED_A_GPU_CLASS]);
	gpu->node = (int32_t)nla_get_u32(tb[AISCHED_A_GPU_NODE]);
	gpu->node_source = nla_get_u32(tb[AISCHED_A_GPU_NODE_SOURCE]);
	gpu->discovered_node = (int32_t)nla_get_u32(tb[AISCHED_A_GPU_DISCOVERED_NODE]);

	cpus = tb[AISCHED_A_GPU_CPUS];
	if (!cpus)
		return 0;
	ret = aisched_cpumask_decode(&gpu->cpus, nla_data(cpus), nla_len(cpus));
	if (ret == -EINVAL)
		return aisched_bad_reply("gpu %s: attribute cpus (%d) has %d bytes, expected a non-zero multiple of 4",
					 gpu->address, AISCHED_A_GPU_CPUS,
					 nla_len(cpus));
	if (ret)
		goto err_nomem;
	gpu->has_cpus = true;
	return 0;

err_nomem:
	fputs("aisched: out of memory\n", aisched_err);
	return -ENOMEM;
}

/**
 * aisched_gpu_free() - free what aisched_gpu_decode() allocated
 * @gpu: the GPU; it is left empty
 */
void aisched_gpu_free(struct aisched_gpu *gpu)
{
	free(gpu->address);
	aisched_cpumask_free(&gpu->cpus);
	memset(gpu, 0, sizeof(*gpu));
}

static int aisched_gpu_decode_cb(struct nlmsghdr *nlh, void *item)
{
	return aisched_gpu_decode(nlh, item);
}

static void aisched_gpu_free_cb(void *item)
{
	aisched_gpu_free(item);
}

/* GPU_GET and GPU_SET replies, for a struct aisched_reply_list. */
const struct aisched_reply_type aisched_gpu_reply = {
	.size = sizeof(struct aisched_gpu),
	.decode = aisched_gpu_decode_cb,
	.free = aisched_gpu_free_cb,
};

/* The GPU's CPUs as a list, or NULL (out of memory); "" for none. */
static char *gpu_cpus(const struct aisched_gpu *gpu)
{
	return gpu->has_cpus ? aisched_cpulist_alloc(&gpu->cpus) : strdup("");
}

enum {
	COL_INDEX, COL_ADDRESS, COL_ID, COL_CLASS, COL_NODE, COL_SOURCE,
	COL_CPUS, NR_COLS
};

static const char *const table_header[NR_COLS] = {
	"index", "address", "vendor:device", "class", "node", "source", "cpus",
};

/* Left-aligned, numbers included, so that short columns line up. */
static const bool table_right[NR_COLS];

static int table_row(struct aisched_table *table, const struct aisched_gpu *gpu)
{
	char index[16], id[16], class[16], node[16], num[AISCHED_NAME_MAX];
	const char *row[NR_COLS];
	char *address, *cpus;
	int ret = -ENOMEM;

	snprintf(index, sizeof(index), "%u", gpu->index);
	snprintf(id, sizeof(id), "%04x:%04x", gpu->vendor, gpu->device);
	snprintf(class, sizeof(class), "%06x", gpu->class);
	if (gpu->node < 0)
		strcpy(node, "-");
	else
		snprintf(node, sizeof(node), "%d", gpu->node);
	address = aisched_escape(gpu->address);
	cpus = gpu_cpus(gpu);
	if (address && cpus) {
		row[COL_INDEX] = index;
		row[COL_ADDRESS] = address;
		row[COL_ID] = id;
		row[COL_CLASS] = class;
		row[COL_NODE] = node;
		row[COL_SOURCE] = aisched_name(&aisched_node_source_names,
					       gpu->node_source, num);
		row[COL_CPUS] = cpus[0] ? cpus : "-";
		ret = aisched_table_add(table, row);
	}
	free(address);
	free(cpus);
	return ret;
}

/**
 * aisched_gpu_print_table() - print GPUs for people, one row each
 * @f: where to
 * @gpus: the GPUs
 * @nr: how many
 *
 * Columns index, address, vendor:device (hexadecimal, "10de:2330"), class
 * (hexadecimal, "030200"), node ("-" if unknown), source (discovered,
 * override or unknown) and cpus (the node's CPUs as a list, "-" if none)
 * under a header. No GPU prints nothing at all.
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_gpu_print_table(FILE *f, const struct aisched_gpu *gpus, size_t nr)
{
	struct aisched_table table;
	size_t i;
	int ret;

	if (!nr)
		return 0;
	ret = aisched_table_init(&table, NR_COLS, table_header, table_right);
	for (i = 0; !ret && i < nr; i++)
		ret = table_row(&table, &gpus[i]);
	ret = ret ?: aisched_table_print(f, &table);
	aisched_table_free(&table);
	return ret;
}

/**
 * aisched_gpu_json() - a GPU as a JSON object
 * @gpu: the GPU
 *
 * Keys: index (number), address, vendor, device (strings, 4 hexadecimal
 * digits), class (string, 6 hexadecimal digits), node (number, -1 if
 * unknown), node_source (string: discovered, override, unknown, or the
 * number of a value without a name), discovered_node (number, -1 if none),
 * cpus (cpulist string; absent if the GPU's node has none or is unknown).
 *
 * Return: the object, or NULL if out of memory.
 */
struct json_object *aisched_gpu_json(const struct aisched_gpu *gpu)
{
	char num[AISCHED_NAME_MAX], hex[16];
	struct json_object *obj;
	char *cpus;
	int ret;

	obj = json_object_new_object();
	cpus = gpu_cpus(gpu);
	if (!obj || !cpus)
		goto err;
	ret = aisched_json_add(obj, "index", json_object_new_uint64(gpu->index));
	ret = ret ?: aisched_json_add_str(obj, "address", gpu->address);
	snprintf(hex, sizeof(hex), "%04x", gpu->vendor);
	ret = ret ?: aisched_json_add_str(obj, "vendor", hex);
	snprintf(hex, sizeof(hex), "%04x", gpu->device);
	ret = ret ?: aisched_json_add_str(obj, "device", hex);
	snprintf(hex, sizeof(hex), "%06x", gpu->class);
	ret = ret ?: aisched_json_add_str(obj, "class", hex);
	ret = ret ?: aisched_json_add(obj, "node", json_object_new_int(gpu->node));
	ret = ret ?: aisched_json_add_str(obj, "node_source",
					  aisched_name(&aisched_node_source_names,
						       gpu->node_source, num));
	ret = ret ?: aisched_json_add(obj, "discovered_node",
				      json_object_new_int(gpu->discovered_node));
	if (cpus[0])
		ret = ret ?: aisched_json_add_str(obj, "cpus", cpus);
	if (ret)
		goto err;
	free(cpus);
	return obj;

err:
	free(cpus);
	json_object_put(obj);
	return NULL;
}

/**
 * aisched_gpu_print_json() - print one GPU as a JSON object on one line
 * @f: where to
 * @gpu: the GPU
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int aisched_gpu_print_json(FILE *f, const struct aisched_gpu *gpu)
{
	return aisched_json_print_put(f, aisched_gpu_json(gpu));
}

/* aisched_json_array_of()'s builder for aisched_gpu_json(). */
static struct json_object *aisched_gpu_json_cb(const void *item)
{
	return aisched_gpu_json(item);
}

/**
 * aisched_gpu_list_print_json() - print GPUs as a JSON array on one line
 * @f: where to
 * @gpus: the GPUs
 * @nr: how many
 *
 * The array holds one object per GPU, as aisched_gpu_json() builds them;
 * no GPU prints "[]".
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int aisched_gpu_list_print_json(FILE *f, const struct aisched_gpu *gpus,
				size_t nr)
{
	return aisched_json_print_put(f, aisched_json_array_of(gpus, nr,
								   sizeof(*gpus),
								   aisched_gpu_json_cb));
}

/* The print functions return their errors without printing them. */
static int list_gpus(struct aisched_nl *nl, const struct gpus_opts *o)
{
	struct aisched_reply_list gpus = AISCHED_REPLY_LIST(&aisched_gpu_reply);
	struct nl_msg *msg;
	int ret;

	msg = aisched_nl_msg(nl, AISCHED_CMD_GPU_GET, NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	ret = aisched_request_dump(nl, msg, &gpus, "listing the GPUs");
	if (!ret) {
		ret = o->json ? aisched_gpu_list_print_json(aisched_out, gpus.items, gpus.nr)
			      : aisched_gpu_print_table(aisched_out, gpus.items, gpus.nr);
		aisched_print_checked(ret);
	}
	aisched_reply_list_free(&gpus);
	return ret;
}

static int set_gpu(struct aisched_nl *nl, const struct gpus_opts *o)
{
	struct aisched_reply_list reply = AISCHED_REPLY_LIST(&aisched_gpu_reply);
	const struct aisched_gpu *gpu;
	struct nl_msg *msg;
	char *what;
	int ret;

	what = malloc(strlen(o->gpu) + sizeof("setting the node of GPU "));
	if (!what) {
		fputs("aisched: out of memory\n", aisched_err);
		return -ENOMEM;
	}
	sprintf(what, "setting the node of GPU %s", o->gpu);
	ret = -ENOMEM;
	msg = aisched_nl_msg(nl, AISCHED_CMD_GPU_SET, 0);
	if (!msg)
		goto out;
	if (gpus_put_request(msg, o)) {
		nlmsg_free(msg);
		fprintf(aisched_err, "aisched: %s: the request does not fit a message\n",
			what);
		ret = -EMSGSIZE;
		goto out;
	}
	aisched_nl_name_attrs(nl, gpu_attr_options, AISCHED_A_GPU_MAX);
	ret = aisched_request_one(nl, msg, &reply, what);
	gpu = reply.items;
	if (!ret && o->by_index && gpu->index != o->index)
		ret = aisched_bad_reply("%s: the reply is for GPU %u", what,
					gpu->index);
	if (!ret) {
		ret = o->json ? aisched_gpu_print_json(aisched_out, gpu)
			      : aisched_gpu_print_table(aisched_out, gpu, 1);
		aisched_print_checked(ret);
	}
	aisched_reply_list_free(&reply);
out:
	free(what);
	return ret;
}

/**
 * gpus_main() - "aisched gpus"
 * @argc: argument count
 * @argv: arguments, argv[0] being "gpus"
 *
 * Return: the exit status.
 */
int gpus_main(int argc, char *argv[])
{
	struct aisched_nl *nl;
	struct gpus_opts o;
	int ret;

	ret = gpus_parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		gpus_usage(aisched_out);
		return AISCHED_EXIT_OK;
	}

	nl = aisched_nl_open();
	if (!nl)
		return AISCHED_EXIT_FAIL;
	ret = o.set ? set_gpu(nl, &o) : list_gpus(nl, &o);
	aisched_nl_close(nl);
	return ret ? AISCHED_EXIT_FAIL : AISCHED_EXIT_OK;
}
