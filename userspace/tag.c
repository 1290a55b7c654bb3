// SPDX-License-Identifier: GPL-2.0
/*
 * aisched tag PATH --class <class> [--policy <policy>] [--nice <n>]
 *	[--rt-prio <n>] [--rt-budget-ms <n>] [--ioprio <class>[:<level>]]
 *	[--cpus <list>] [--gpu <gpu>[,<gpu>...]]... [--node <list>]
 *	[--placement local|spread|prefer|none] [--mem preferred|strict]
 *	[--hugepages N[@NODE]] [--slice-us N] [--json]
 *
 * AISCHED_CMD_TAG_SET: creates or replaces the tag of a cgroup, then prints
 * the tag the kernel reports. The tool checks the syntax of the values;
 * their ranges, and how they combine, are the kernel's to check, and its
 * refusal names the option it blames.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "aisched.h"
#include "cgroup.h"
#include "devmap.h"
#include "names.h"
#include "nl.h"
#include "parse.h"
#include "print.h"
#include "tag.h"
#include "tags.h"

enum {
	OPT_POLICY = 256,
	OPT_NICE,
	OPT_RT_PRIO,
	OPT_RT_BUDGET,
	OPT_IOPRIO,
	OPT_CPUS,
	OPT_GPU,
	OPT_NODE,
	OPT_PLACEMENT,
	OPT_MEM,
	OPT_HUGEPAGES,
	OPT_SLICE,
};

static const struct option tag_options[] = {
	{ "help",         no_argument,       NULL, 'h' },
	{ "json",         no_argument,       NULL, 'j' },
	{ "class",        required_argument, NULL, 'c' },
	{ "policy",       required_argument, NULL, OPT_POLICY },
	{ "nice",         required_argument, NULL, OPT_NICE },
	{ "rt-prio",      required_argument, NULL, OPT_RT_PRIO },
	{ "rt-budget-ms", required_argument, NULL, OPT_RT_BUDGET },
	{ "ioprio",       required_argument, NULL, OPT_IOPRIO },
	{ "cpus",         required_argument, NULL, OPT_CPUS },
	{ "gpu",          required_argument, NULL, OPT_GPU },
	{ "node",         required_argument, NULL, OPT_NODE },
	{ "placement",    required_argument, NULL, OPT_PLACEMENT },
	{ "mem",          required_argument, NULL, OPT_MEM },
	{ "hugepages",    required_argument, NULL, OPT_HUGEPAGES },
	{ "slice-us",     required_argument, NULL, OPT_SLICE },
	{ NULL,           0,                 NULL, 0 },
};

/* The option that set each attribute of the request, for the kernel's
 * refusals: "aisched: kernel: integer out of range (--nice)".
 */
const char *const tag_attr_options[AISCHED_A_TAG_MAX + 1] = {
	[AISCHED_A_TAG_CLASS]        = "--class",
	[AISCHED_A_TAG_POLICY]       = "--policy",
	[AISCHED_A_TAG_NICE]         = "--nice",
	[AISCHED_A_TAG_RT_PRIO]      = "--rt-prio",
	[AISCHED_A_TAG_RT_BUDGET_MS] = "--rt-budget-ms",
	[AISCHED_A_TAG_IO_CLASS]     = "--ioprio",
	[AISCHED_A_TAG_IO_LEVEL]     = "--ioprio",
	[AISCHED_A_TAG_CPUS]         = "--cpus",
	[AISCHED_A_TAG_GPU]          = "--gpu",
	[AISCHED_A_TAG_GPU_INDEX]    = "--gpu",
	[AISCHED_A_TAG_NODES]        = "--node",
	[AISCHED_A_TAG_PLACEMENT]    = "--placement",
	[AISCHED_A_TAG_MEM]          = "--mem",
	[AISCHED_A_TAG_HUGEPAGES]      = "--hugepages",
	[AISCHED_A_TAG_HUGEPAGES_NODE] = "--hugepages",
	[AISCHED_A_TAG_SLICE_US]       = "--slice-us",
};

/**
 * tag_usage() - print the usage of "aisched tag"
 * @f: stdout for --help, stderr after a usage error
 */
void tag_usage(FILE *f)
{
	fputs("Usage: aisched tag PATH --class <class> [options]\n"
	      "\n"
	      "Tags the cgroup v2 directory PATH with a workload class: its threads and\n"
	      "those of the cgroups below it (up to the next tag) run under the class's\n"
	      "policy, with the fields given here changed. PATH may also be a cgroup\n"
	      "path as list shows it (/jobs/a). Prints the tag.\n"
	      "\n"
	      "Options:\n"
	      "  -c, --class <class>     training, inference, dataloader or background\n"
	      "      --policy <policy>   normal, batch, idle or fifo\n"
	      "      --nice <n>          nice value, for normal and batch (-20 to 19)\n"
	      "      --rt-prio <n>       SCHED_FIFO priority; implies policy fifo\n"
	      "      --rt-budget-ms <n>  how long a fifo thread may run without sleeping\n"
	      "                          before it is demoted (default 100)\n"
	      "      --ioprio <class>[:<level>]\n"
	      "                          I/O priority: rt, be, idle or none (or ionice's\n"
	      "                          1, 2, 3); level 0-7 for rt and be\n"
	      "      --cpus <list>       CPUs the threads may run on, such as 0-3,6\n"
	      "      --gpu <gpu>[,<gpu>...]\n"
	      "                          GPUs to keep the threads near, by index (as gpus\n"
	      "                          lists them), PCI address or device file\n"
	      "                          (/dev/nvidia0, /dev/dri/renderD128); may be\n"
	      "                          repeated\n"
	      "      --node <list>       NUMA nodes to keep the threads on, such as 0,2-3\n"
	      "      --placement <mode>  local: each process on one target node (the\n"
	      "                          default); spread: on every target node;\n"
	      "                          prefer: no affinity, a NUMA-balancing hint for\n"
	      "                          one target node (needs the numa-hint hook);\n"
	      "                          none: leave CPUs and memory alone (the default\n"
	      "                          for background)\n"
	      "      --mem <mode>        preferred (the default) or strict (needs the\n"
	      "                          mempolicy hook; see aisched info)\n"
	      "      --hugepages N[@NODE]\n"
	      "                          a quota of N 2 MiB pages of the huge-page pool\n"
	      "                          for the cgroup to map through /dev/aisched, on\n"
	      "                          NODE (by default the node of the tag's GPUs or\n"
	      "                          nodes); 0 for none\n"
	      "      --slice-us <n>      EEVDF slice of normal and batch threads, in\n"
	      "                          microseconds (100 to 100000): shorter wakes\n"
	      "                          up sooner; needs Linux 6.12 (the slice\n"
	      "                          feature). inference: 1000 by default there\n"
	      "  -j, --json              print the tag as one JSON object on one line\n"
	      "  -h, --help              show this help\n", f);
}

static int usage_error(void)
{
	tag_usage(aisched_err);
	return AISCHED_EXIT_USAGE;
}

static int bad_value(const char *opt, const char *val, const char *why)
{
	fprintf(aisched_err, "aisched: tag: %s: '%s' %s\n", opt, val, why);
	return usage_error();
}

static int parse_u32_opt(const char *opt, const char *val, uint32_t *out)
{
	int ret = aisched_parse_u32(val, UINT32_MAX, out);

	if (ret == -ERANGE)
		return bad_value(opt, val, "does not fit 32 bits");
	if (ret)
		return bad_value(opt, val, "is not a number");
	return 0;
}

static int parse_cpus(const char *val, struct tag_opts *o)
{
	unsigned long bad = 0;
	int ret;

	aisched_cpumask_free(&o->cpus);
	ret = aisched_cpulist_parse(&o->cpus, val, AISCHED_MAX_CPU, &bad);
	if (ret == -ENOMEM) {
		fputs("aisched: out of memory\n", aisched_err);
		return AISCHED_EXIT_FAIL;
	}
	if (ret == -ERANGE && bad != ~0ul) {
		fprintf(aisched_err, "aisched: tag: --cpus: CPU %lu is above %d, the largest a request can carry\n",
			bad, AISCHED_MAX_CPU);
		return usage_error();
	}
	if (ret)
		return bad_value("--cpus", val, "is not a CPU list (such as 0-3,6)");
	return 0;
}

static int parse_nodes(const char *val, struct tag_opts *o)
{
	unsigned long bad = 0;
	int ret;

	aisched_cpumask_free(&o->nodes);
	ret = aisched_cpulist_parse(&o->nodes, val, AISCHED_MAX_NODE, &bad);
	if (ret == -ENOMEM) {
		fputs("aisched: out of memory\n", aisched_err);
		return AISCHED_EXIT_FAIL;
	}
	if (ret == -ERANGE && bad != ~0ul) {
		fprintf(aisched_err, "aisched: tag: --node: node %lu is above %d, the largest a request can carry\n",
			bad, AISCHED_MAX_NODE);
		return usage_error();
	}
	if (ret)
		return bad_value("--node", val, "is not a node list (such as 0,2-3)");
	return 0;
}

static int add_gpu(struct tag_opts *o, const char *s, size_t len)
{
	struct tag_gpu *gpus, *g;
	char *item;
	int ret;

	item = strndup(s, len);
	if (!item)
		goto err_nomem;
	gpus = realloc(o->gpus, (o->nr_gpus + 1) * sizeof(*gpus));
	if (!gpus) {
		free(item);
		goto err_nomem;
	}
	o->gpus = gpus;
	g = &gpus[o->nr_gpus];
	memset(g, 0, sizeof(*g));
	if (item[0] == '/') {
		/* A device file: the GPU it is, by its PCI address. */
		char addr[AISCHED_PCI_ADDR_SIZE], err[512];

		ret = aisched_devmap_path(&aisched_devmap_host, item, addr,
					  err, sizeof(err));
		free(item);
		if (ret) {
			fprintf(aisched_err, "aisched: tag: --gpu: %s\n", err);
			return AISCHED_EXIT_FAIL;
		}
		item = strdup(addr);
		if (!item)
			goto err_nomem;
		g->address = item;
		o->nr_gpus++;
		return 0;
	}
	ret = aisched_parse_gpu(item, &g->index);
	if (ret < 0) {
		fprintf(aisched_err, "aisched: tag: --gpu: '%s' %s\n", item,
			ret == -ERANGE ? "does not fit 32 bits"
				       : "is not a GPU (an index or a PCI address such as 0000:17:00.0)");
		free(item);
		return usage_error();
	}
	if (ret) {
		g->by_index = true;
		free(item);
	} else {
		g->address = item;
	}
	o->nr_gpus++;
	return 0;

err_nomem:
	fputs("aisched: out of memory\n", aisched_err);
	return AISCHED_EXIT_FAIL;
}

/* One number of --hugepages N[@NODE]; 0, or the exit status to return. */
static int parse_hugepages_part(const char *s, size_t len, uint32_t *out)
{
	char *part;
	int ret;

	part = strndup(s, len);
	if (!part) {
		fputs("aisched: out of memory\n", aisched_err);
		return AISCHED_EXIT_FAIL;
	}
	ret = aisched_parse_u32(part, UINT32_MAX, out);
	if (ret == -ERANGE)
		fprintf(aisched_err, "aisched: --hugepages: '%s' does not fit 32 bits\n",
			part);
	else if (ret)
		fputs("aisched: --hugepages: expected N or N@NODE\n", aisched_err);
	free(part);
	return ret ? usage_error() : 0;
}

/* --hugepages N[@NODE]: decimal numbers; the kernel checks the node. */
static int parse_hugepages(const char *val, struct tag_opts *o)
{
	size_t len = strcspn(val, "@");
	int ret;

	o->hugepages_node = 0;
	ret = parse_hugepages_part(val, len, &o->hugepages);
	o->has_hugepages_node = !ret && val[len];
	if (o->has_hugepages_node)
		ret = parse_hugepages_part(val + len + 1, strlen(val + len + 1),
					   &o->hugepages_node);
	o->has_hugepages = !ret;
	return ret;
}

/* --gpu GPU[,GPU...]: each GPU is added in turn. */
static int parse_gpus(const char *val, struct tag_opts *o)
{
	const char *s = val;
	size_t len;
	int ret;

	for (;;) {
		len = strcspn(s, ",");
		ret = add_gpu(o, s, len);
		if (ret || !s[len])
			return ret;
		s += len + 1;
	}
}

/* One option of the command line; 0, or the exit status to return. */
static int parse_option(int c, const char *val, struct tag_opts *o)
{
	int ret;

	switch (c) {
	case 'j':
		o->json = true;
		return 0;
	case 'c':
		if (aisched_name_lookup(&aisched_class_names, val, &o->class))
			return bad_value("--class", val,
					 "is not a class (training, inference, dataloader or background)");
		return 0;
	case OPT_POLICY:
		if (aisched_name_lookup(&aisched_policy_names, val, &o->policy))
			return bad_value("--policy", val,
					 "is not a policy (normal, batch, idle or fifo)");
		o->has_policy = true;
		return 0;
	case OPT_NICE:
		ret = aisched_parse_s32(val, &o->nice);
		if (ret == -ERANGE)
			return bad_value("--nice", val, "does not fit 32 bits");
		if (ret)
			return bad_value("--nice", val, "is not an integer");
		o->has_nice = true;
		return 0;
	case OPT_RT_PRIO:
		o->has_rt_prio = true;
		return parse_u32_opt("--rt-prio", val, &o->rt_prio);
	case OPT_RT_BUDGET:
		o->has_rt_budget = true;
		return parse_u32_opt("--rt-budget-ms", val, &o->rt_budget_ms);
	case OPT_IOPRIO:
		if (aisched_parse_ioprio(val, &o->io_class, &o->has_io_level,
					 &o->io_level))
			return bad_value("--ioprio", val,
					 "is not <class>[:<level>] (class rt, be, idle, none, 1, 2 or 3)");
		o->has_io_class = true;
		return 0;
	case OPT_CPUS:
		return parse_cpus(val, o);
	case OPT_GPU:
		return parse_gpus(val, o);
	case OPT_NODE:
		return parse_nodes(val, o);
	case OPT_PLACEMENT:
		if (aisched_name_lookup(&aisched_placement_names, val, &o->placement))
			return bad_value("--placement", val,
					 "is not a placement (local, spread, prefer or none)");
		o->has_placement = true;
		return 0;
	case OPT_MEM:
		if (aisched_name_lookup(&aisched_mem_names, val, &o->mem))
			return bad_value("--mem", val,
					 "is not a memory placement (preferred or strict)");
		o->has_mem = true;
		return 0;
	case OPT_HUGEPAGES:
		return parse_hugepages(val, o);
	case OPT_SLICE:
		o->has_slice = true;
		return parse_u32_opt("--slice-us", val, &o->slice_us);
	default:
		return usage_error();
	}
}

static int set_path(const char *arg, struct tag_opts *o)
{
	if (o->path) {
		fprintf(aisched_err, "aisched: tag: unexpected argument '%s'\n", arg);
		return usage_error();
	}
	o->path = arg;
	return 0;
}

/**
 * tag_parse_args() - parse the command line of "aisched tag"
 * @argc: argument count
 * @argv: arguments, argv[0] being "tag"; PATH may come before, between or
 *	after the options
 * @o: filled in; free with tag_opts_free() whatever the result
 *
 * Checks that each value is a number, or a word the option knows, and that
 * PATH and --class are there; not the ranges, which are the kernel's to
 * check. On a usage error, prints why (naming the option) and the usage to
 * stderr. Never exits.
 *
 * Return: 0, also for --help (@o->help is set), 2 (bad usage), or 1 (out
 * of memory).
 */
int tag_parse_args(int argc, char *argv[], struct tag_opts *o)
{
	bool has_class = false;
	int c, ret;

	memset(o, 0, sizeof(*o));
	aisched_getopt_reset();
	while ((c = aisched_getopt(argc, argv, "-:c:hj", tag_options,
				   "tag")) != -1) {
		if (c == 'h') {
			o->help = true;
			return 0;
		}
		ret = c == 1 ? set_path(optarg, o) : parse_option(c, optarg, o);
		if (ret)
			return ret;
		has_class |= c == 'c';
	}
	for (; optind < argc; optind++) {
		ret = set_path(argv[optind], o);
		if (ret)
			return ret;
	}
	if (!o->path) {
		fputs("aisched: tag: missing the cgroup PATH\n", aisched_err);
		return usage_error();
	}
	if (!has_class) {
		fputs("aisched: tag: missing --class\n", aisched_err);
		return usage_error();
	}
	return 0;
}

/**
 * tag_opts_free() - free what tag_parse_args() allocated
 * @o: the options
 */
void tag_opts_free(struct tag_opts *o)
{
	size_t i;

	for (i = 0; i < o->nr_gpus; i++)
		free(o->gpus[i].address);
	free(o->gpus);
	o->gpus = NULL;
	o->nr_gpus = 0;
	aisched_cpumask_free(&o->cpus);
	aisched_cpumask_free(&o->nodes);
}

/**
 * tag_put_request() - add the attributes of a TAG_SET request
 * @msg: the request, from aisched_nl_msg()
 * @o: the parsed command line
 * @path: the path to send (see aisched_cgroup_path())
 *
 * Adds path and class, and each of policy, nice, rt-prio, rt-budget-ms,
 * io-class, io-level, cpus, nodes, placement, mem, hugepages,
 * hugepages-node and slice-us that the command line gave, as given (hugepages 0
 * included); then one gpu-index (for a GPU given as a number) or gpu
 * (for an address) attribute per GPU, in the order given, which is the
 * order the kernel lists them in.
 *
 * Return: 0, or -EMSGSIZE if they do not fit.
 */
int tag_put_request(struct nl_msg *msg, const struct tag_opts *o,
		    const char *path)
{
	const struct tag_gpu *g;
	size_t i;
	int ret;

	ret = nla_put_string(msg, AISCHED_A_TAG_PATH, path);
	ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_CLASS, o->class);
	if (o->has_policy)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_POLICY, o->policy);
	if (o->has_nice)
		ret = ret ?: nla_put(msg, AISCHED_A_TAG_NICE, sizeof(o->nice),
				     &o->nice);
	if (o->has_rt_prio)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_RT_PRIO, o->rt_prio);
	if (o->has_rt_budget)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_RT_BUDGET_MS,
					 o->rt_budget_ms);
	if (o->has_io_class)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_IO_CLASS, o->io_class);
	if (o->has_io_level)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_IO_LEVEL, o->io_level);
	if (o->cpus.nr_words)
		ret = ret ?: nla_put(msg, AISCHED_A_TAG_CPUS,
				     o->cpus.nr_words * sizeof(uint32_t),
				     o->cpus.words);
	if (o->nodes.nr_words)
		ret = ret ?: nla_put(msg, AISCHED_A_TAG_NODES,
				     o->nodes.nr_words * sizeof(uint32_t),
				     o->nodes.words);
	if (o->has_placement)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_PLACEMENT, o->placement);
	if (o->has_mem)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_MEM, o->mem);
	if (o->has_hugepages)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_HUGEPAGES, o->hugepages);
	if (o->has_hugepages_node)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_HUGEPAGES_NODE,
					 o->hugepages_node);
	if (o->has_slice)
		ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_SLICE_US, o->slice_us);
	for (i = 0; i < o->nr_gpus; i++) {
		g = &o->gpus[i];
		if (g->by_index)
			ret = ret ?: nla_put_u32(msg, AISCHED_A_TAG_GPU_INDEX, g->index);
		else
			ret = ret ?: nla_put_string(msg, AISCHED_A_TAG_GPU, g->address);
	}
	return ret ? -EMSGSIZE : 0;
}

static int tag_cgroup(struct aisched_nl *nl, const struct tag_opts *o,
		      const char *path)
{
	struct aisched_reply_list reply = AISCHED_REPLY_LIST(&aisched_tag_reply);
	struct nl_msg *msg;
	char *what;
	int ret;

	what = aisched_what("tagging", path);
	if (!what)
		return -ENOMEM;
	msg = aisched_nl_msg(nl, AISCHED_CMD_TAG_SET, 0);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	if (tag_put_request(msg, o, path)) {
		nlmsg_free(msg);
		fprintf(aisched_err, "aisched: %s: the request does not fit a message\n",
			what);
		ret = -EMSGSIZE;
		goto out;
	}
	aisched_nl_name_attrs(nl, tag_attr_options, AISCHED_A_TAG_MAX);
	ret = aisched_request_one(nl, msg, &reply, what);
	if (!ret) {
		ret = o->json ? aisched_tag_print_json(aisched_out, reply.items)
			      : aisched_tag_print(aisched_out, reply.items);
		aisched_print_checked(ret);
	}
	aisched_reply_list_free(&reply);
out:
	free(what);
	return ret;
}

/**
 * tag_main() - "aisched tag"
 * @argc: argument count
 * @argv: arguments, argv[0] being "tag"
 *
 * Return: the exit status.
 */
int tag_main(int argc, char *argv[])
{
	struct aisched_nl *nl;
	struct tag_opts o;
	char *path;
	int ret;

	ret = tag_parse_args(argc, argv, &o);
	if (ret || o.help) {
		if (o.help)
			tag_usage(aisched_out);
		tag_opts_free(&o);
		return ret;
	}

	ret = AISCHED_EXIT_FAIL;
	path = aisched_cgroup_path(o.path, AISCHED_MOUNTINFO);
	if (!path)
		goto out;
	nl = aisched_nl_open();
	if (nl) {
		if (!tag_cgroup(nl, &o, path))
			ret = AISCHED_EXIT_OK;
		aisched_nl_close(nl);
	}
	free(path);
out:
	tag_opts_free(&o);
	return ret;
}
