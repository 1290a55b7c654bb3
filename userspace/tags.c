// SPDX-License-Identifier: GPL-2.0
/*
 * Tags as the kernel reports them: the reply of TAG_SET and of TAG_GET
 * (do and dump). Decoded strictly, as every reply is (see decode.c), and
 * printed in the forms that tag, list and show share: a block of lines
 * for one tag, a table for several, and JSON objects.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/aisched.h>
#include <netlink/attr.h>

#include "aisched.h"
#include "decode.h"
#include "names.h"
#include "print.h"
#include "tags.h"

static const struct aisched_attr_policy tag_policy[AISCHED_A_TAG_MAX + 1] = {
	/* Requests only: not looked at in a reply. */
	[AISCHED_A_TAG_PATH]         = { "path",         AISCHED_ATTR_IGNORE, false },
	[AISCHED_A_TAG_CGROUP_ID]    = { "cgroup-id",    AISCHED_ATTR_U64,    true },
	[AISCHED_A_TAG_CGROUP]       = { "cgroup",       AISCHED_ATTR_STRING, true },
	[AISCHED_A_TAG_CLASS]        = { "class",        AISCHED_ATTR_U32,    true },
	[AISCHED_A_TAG_POLICY]       = { "policy",       AISCHED_ATTR_U32,    true },
	/* Required or not depending on the policy: see decode_tag_attrs(). */
	[AISCHED_A_TAG_NICE]         = { "nice",         AISCHED_ATTR_S32,    false },
	[AISCHED_A_TAG_RT_PRIO]      = { "rt-prio",      AISCHED_ATTR_U32,    false },
	[AISCHED_A_TAG_RT_BUDGET_MS] = { "rt-budget-ms", AISCHED_ATTR_U32,    false },
	[AISCHED_A_TAG_IO_CLASS]     = { "io-class",     AISCHED_ATTR_U32,    true },
	[AISCHED_A_TAG_IO_LEVEL]     = { "io-level",     AISCHED_ATTR_U32,    true },
	[AISCHED_A_TAG_CPUS]         = { "cpus",         AISCHED_ATTR_BINARY, false },
	[AISCHED_A_TAG_TASKS]        = { "tasks",        AISCHED_ATTR_U32,    true },
	[AISCHED_A_TAG_APPLIED]      = { "applied",      AISCHED_ATTR_U64,    true },
	[AISCHED_A_TAG_OVERRIDES]    = { "overrides",    AISCHED_ATTR_U64,    true },
	[AISCHED_A_TAG_DEMOTIONS]    = { "demotions",    AISCHED_ATTR_U64,    true },
	[AISCHED_A_TAG_CONFLICTS]    = { "conflicts",    AISCHED_ATTR_U64,    true },
	[AISCHED_A_TAG_PAD]          = { "pad",          AISCHED_ATTR_IGNORE, false },
	/* One per GPU: see decode_gpus(). */
	[AISCHED_A_TAG_GPU]          = { "gpu",          AISCHED_ATTR_MULTI,  false },
	/* Requests only. */
	[AISCHED_A_TAG_GPU_INDEX]    = { "gpu-index",    AISCHED_ATTR_IGNORE, false },
	[AISCHED_A_TAG_NODES]        = { "nodes",        AISCHED_ATTR_BINARY, false },
	/*
	 * Absent from a module without the gpus feature, which places
	 * nothing; mem and target-nodes are required unless placement is
	 * none.
	 */
	[AISCHED_A_TAG_PLACEMENT]    = { "placement",    AISCHED_ATTR_U32,    false },
	[AISCHED_A_TAG_MEM]          = { "mem",          AISCHED_ATTR_U32,    false },
	[AISCHED_A_TAG_TARGET_NODES] = { "target-nodes", AISCHED_ATTR_BINARY, false },
	/*
	 * Only for a tag with a huge-page quota, which the other two must
	 * then come with: see decode_hugepages().
	 */
	[AISCHED_A_TAG_HUGEPAGES]      = { "hugepages",      AISCHED_ATTR_U32, false },
	[AISCHED_A_TAG_HUGEPAGES_NODE] = { "hugepages-node", AISCHED_ATTR_U32, false },
	[AISCHED_A_TAG_HUGEPAGES_USED] = { "hugepages-used", AISCHED_ATTR_U32, false },
	/* Only for a tag that sets a slice. */
	[AISCHED_A_TAG_SLICE_US]       = { "slice-us",       AISCHED_ATTR_U32, false },
};

/* One instance of the gpu multi-attr. */
static const struct aisched_attr_policy gpu_instance_policy = {
	"gpu", AISCHED_ATTR_STRING, false
};

/**
 * aisched_tag_has_nice() - does the tag's policy take a nice value?
 * @tag: the tag
 *
 * Return: true for normal and batch, whose replies carry nice.
 */
bool aisched_tag_has_nice(const struct aisched_tag *tag)
{
	return tag->policy == AISCHED_POLICY_NORMAL ||
	       tag->policy == AISCHED_POLICY_BATCH;
}

/**
 * aisched_tag_is_fifo() - is the tag's policy fifo?
 * @tag: the tag
 *
 * Return: true for fifo, whose replies carry rt-prio and rt-budget-ms.
 */
bool aisched_tag_is_fifo(const struct aisched_tag *tag)
{
	return tag->policy == AISCHED_POLICY_FIFO;
}

/**
 * aisched_tag_is_placed() - does the tag place its tasks near GPUs or nodes?
 * @tag: the tag
 *
 * Return: true unless its placement is none, whose replies carry mem and
 * target-nodes.
 */
bool aisched_tag_is_placed(const struct aisched_tag *tag)
{
	return tag->placement != AISCHED_PLACEMENT_NONE;
}

/*
 * An attribute another one makes required: @which ("policy fifo",
 * "hugepages") is in the reply and needs it.
 */
static int need(struct nlattr **tb, int type, const struct aisched_tag *tag,
		const char *which)
{
	if (tb[type])
		return 0;
	return aisched_bad_reply("tag %s: missing attribute %s (%d), which %s needs",
				 tag->cgroup, tag_policy[type].name, type, which);
}

/* @field (policy, placement) of the tag, named by @names, needs @type. */
static int need_for(struct nlattr **tb, int type, const struct aisched_tag *tag,
		    const char *field, const struct aisched_names *names,
		    uint32_t value)
{
	char num[AISCHED_NAME_MAX], which[2 * AISCHED_NAME_MAX];

	snprintf(which, sizeof(which), "%s %s", field,
		 aisched_name(names, value, num));
	return need(tb, type, tag, which);
}

static int need_for_policy(struct nlattr **tb, int type,
			   const struct aisched_tag *tag)
{
	return need_for(tb, type, tag, "policy", &aisched_policy_names,
			tag->policy);
}

static int need_for_placement(struct nlattr **tb, int type,
			      const struct aisched_tag *tag)
{
	return need_for(tb, type, tag, "placement", &aisched_placement_names,
			tag->placement);
}

/* The huge-page quota, if the tag has one: its node and use come with it. */
static int decode_hugepages(struct nlattr **tb, struct aisched_tag *tag)
{
	int ret;

	if (!tb[AISCHED_A_TAG_HUGEPAGES])
		return 0;
	ret = need(tb, AISCHED_A_TAG_HUGEPAGES_NODE, tag, "hugepages");
	ret = ret ?: need(tb, AISCHED_A_TAG_HUGEPAGES_USED, tag, "hugepages");
	if (ret)
		return ret;
	tag->has_hugepages = true;
	tag->hugepages = nla_get_u32(tb[AISCHED_A_TAG_HUGEPAGES]);
	tag->hugepages_node = nla_get_u32(tb[AISCHED_A_TAG_HUGEPAGES_NODE]);
	tag->hugepages_used = nla_get_u32(tb[AISCHED_A_TAG_HUGEPAGES_USED]);
	return 0;
}

/* A bitmap attribute (cpus, nodes, target-nodes), if the reply has it. */
static int decode_bitmap(struct nlattr **tb, int type,
			 const struct aisched_tag *tag,
			 struct aisched_cpumask *mask, bool *present)
{
	struct nlattr *a = tb[type];
	int ret;

	if (!a)
		return 0;
	ret = aisched_cpumask_decode(mask, nla_data(a), nla_len(a));
	if (ret == -EINVAL)
		return aisched_bad_reply("tag %s: attribute %s (%d) has %d bytes, expected a non-zero multiple of 4",
					 tag->cgroup, tag_policy[type].name,
					 type, nla_len(a));
	if (ret)
		return ret;
	if (present)
		*present = true;
	return 0;
}

/* The gpu attributes, one per GPU, in the order of the reply. */
static int decode_gpus(struct nlattr *head, int len, struct aisched_tag *tag)
{
	struct nlattr *a;
	char **gpus;
	int rem, ret;

	nla_for_each_attr(a, head, len, rem) {
		if (nla_type(a) != AISCHED_A_TAG_GPU)
			continue;
		ret = aisched_attr_check(&gpu_instance_policy, "tag", a);
		if (ret)
			return ret;
		gpus = realloc(tag->gpus, (tag->nr_gpus + 1) * sizeof(*gpus));
		if (!gpus)
			return -ENOMEM;
		tag->gpus = gpus;
		gpus[tag->nr_gpus] = strdup(nla_data(a));
		if (!gpus[tag->nr_gpus])
			return -ENOMEM;
		tag->nr_gpus++;
	}
	return 0;
}

static int decode_tag_attrs(struct nlattr *head, int len, struct aisched_tag *tag)
{
	struct nlattr *tb[AISCHED_A_TAG_MAX + 1];
	int ret;

	ret = aisched_attr_parse(tb, AISCHED_A_TAG_MAX, tag_policy, head, len,
				 "tag");
	if (ret)
		return ret;

	tag->cgroup = strdup(nla_data(tb[AISCHED_A_TAG_CGROUP]));
	if (!tag->cgroup)
		goto err_nomem;
	tag->cgroup_id = nla_get_u64(tb[AISCHED_A_TAG_CGROUP_ID]);
	tag->class = nla_get_u32(tb[AISCHED_A_TAG_CLASS]);
	tag->policy = nla_get_u32(tb[AISCHED_A_TAG_POLICY]);
	tag->io_class = nla_get_u32(tb[AISCHED_A_TAG_IO_CLASS]);
	tag->io_level = nla_get_u32(tb[AISCHED_A_TAG_IO_LEVEL]);
	tag->tasks = nla_get_u32(tb[AISCHED_A_TAG_TASKS]);
	tag->applied = nla_get_u64(tb[AISCHED_A_TAG_APPLIED]);
	tag->overrides = nla_get_u64(tb[AISCHED_A_TAG_OVERRIDES]);
	tag->demotions = nla_get_u64(tb[AISCHED_A_TAG_DEMOTIONS]);
	tag->conflicts = nla_get_u64(tb[AISCHED_A_TAG_CONFLICTS]);

	/* Attributes another policy would carry are ignored, not refused. */
	if (aisched_tag_has_nice(tag)) {
		ret = need_for_policy(tb, AISCHED_A_TAG_NICE, tag);
		if (ret)
			return ret;
		tag->nice = (int32_t)nla_get_u32(tb[AISCHED_A_TAG_NICE]);
	}
	if (aisched_tag_is_fifo(tag)) {
		ret = need_for_policy(tb, AISCHED_A_TAG_RT_PRIO, tag);
		ret = ret ?: need_for_policy(tb, AISCHED_A_TAG_RT_BUDGET_MS, tag);
		if (ret)
			return ret;
		tag->rt_prio = nla_get_u32(tb[AISCHED_A_TAG_RT_PRIO]);
		tag->rt_budget_ms = nla_get_u32(tb[AISCHED_A_TAG_RT_BUDGET_MS]);
	}
	if (tb[AISCHED_A_TAG_SLICE_US]) {
		tag->has_slice = true;
		tag->slice_us = nla_get_u32(tb[AISCHED_A_TAG_SLICE_US]);
	}
	if (tb[AISCHED_A_TAG_PLACEMENT])
		tag->placement = nla_get_u32(tb[AISCHED_A_TAG_PLACEMENT]);
	if (aisched_tag_is_placed(tag)) {
		ret = need_for_placement(tb, AISCHED_A_TAG_MEM, tag);
		ret = ret ?: need_for_placement(tb, AISCHED_A_TAG_TARGET_NODES, tag);
		if (ret)
			return ret;
		tag->mem = nla_get_u32(tb[AISCHED_A_TAG_MEM]);
		ret = decode_bitmap(tb, AISCHED_A_TAG_TARGET_NODES, tag,
				    &tag->target_nodes, NULL);
	}

	ret = ret ?: decode_hugepages(tb, tag);
	ret = ret ?: decode_bitmap(tb, AISCHED_A_TAG_CPUS, tag, &tag->cpus,
				   &tag->has_cpus);
	ret = ret ?: decode_bitmap(tb, AISCHED_A_TAG_NODES, tag, &tag->nodes,
				   &tag->has_nodes);
	ret = ret ?: decode_gpus(head, len, tag);
	if (ret == -ENOMEM)
		goto err_nomem;
	return ret;

err_nomem:
	fputs("aisched: out of memory\n", aisched_err);
	return -ENOMEM;
}

/**
 * aisched_tag_decode() - decode a TAG_SET or TAG_GET reply
 * @nlh: the reply
 * @tag: filled in; free with aisched_tag_free() whatever the result
 *
 * Besides the attributes every reply has, nice is required for the normal
 * and batch policies, rt-prio and rt-budget-ms for fifo, mem and
 * target-nodes for a placement other than none (a reply without placement
 * has placement none), hugepages-node and hugepages-used with hugepages
 * (a reply without hugepages has no quota); cpus, nodes and target-nodes,
 * if sent, must be a non-zero multiple of 4 bytes, and each gpu a string.
 *
 * Return: 0, -EBADMSG if the reply breaks the spec, or -ENOMEM; having
 * printed why.
 */
int aisched_tag_decode(struct nlmsghdr *nlh, struct aisched_tag *tag)
{
	struct nlattr *head;
	int len;

	memset(tag, 0, sizeof(*tag));
	head = aisched_genl_attrs(nlh, &len);
	if (!head)
		return -EBADMSG;
	return decode_tag_attrs(head, len, tag);
}

/**
 * aisched_tag_free() - free what aisched_tag_decode() allocated
 * @tag: the tag; it is left empty
 */
void aisched_tag_free(struct aisched_tag *tag)
{
	size_t i;

	for (i = 0; i < tag->nr_gpus; i++)
		free(tag->gpus[i]);
	free(tag->gpus);
	free(tag->cgroup);
	aisched_cpumask_free(&tag->cpus);
	aisched_cpumask_free(&tag->nodes);
	aisched_cpumask_free(&tag->target_nodes);
	memset(tag, 0, sizeof(*tag));
}

static int aisched_tag_decode_cb(struct nlmsghdr *nlh, void *item)
{
	return aisched_tag_decode(nlh, item);
}

static void aisched_tag_free_cb(void *item)
{
	aisched_tag_free(item);
}

/* TAG_SET and TAG_GET replies, for a struct aisched_reply_list. */
const struct aisched_reply_type aisched_tag_reply = {
	.size = sizeof(struct aisched_tag),
	.decode = aisched_tag_decode_cb,
	.free = aisched_tag_free_cb,
};

/* The text of the cells that the block and the table share. */
struct tag_text {
	char *cgroup;
	char *cpus;
	char *gpus;
	char *nodes;
	char *target;
	const char *class;
	const char *placement;
	const char *mem;
	char policy[2 * AISCHED_NAME_MAX];
	char ioprio[2 * AISCHED_NAME_MAX];
	char class_num[AISCHED_NAME_MAX];
	char placement_num[AISCHED_NAME_MAX];
	char mem_num[AISCHED_NAME_MAX];
	char hugepages[40];
	char slice[16];
};

/* The GPUs' addresses separated by commas, or "-" for none. */
static char *gpu_list(const struct aisched_tag *tag)
{
	size_t i, len = 1;
	char *s;

	if (!tag->nr_gpus)
		return strdup("-");
	for (i = 0; i < tag->nr_gpus; i++)
		len += strlen(tag->gpus[i]) + 1;
	s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < tag->nr_gpus; i++) {
		if (i)
			strcat(s, ",");
		strcat(s, tag->gpus[i]);
	}
	return s;
}

/* A bitmap as a list, "-" if the tag has none or it is empty. */
static char *list_or_dash(bool present, const struct aisched_cpumask *mask)
{
	char *s;

	if (!present)
		return strdup("-");
	s = aisched_cpulist_alloc(mask);
	if (s && !s[0]) {
		free(s);
		s = strdup("-");
	}
	return s;
}

static void tag_text_free(struct tag_text *t)
{
	free(t->cgroup);
	free(t->cpus);
	free(t->gpus);
	free(t->nodes);
	free(t->target);
}

static int tag_text(const struct aisched_tag *tag, struct tag_text *t)
{
	t->class = aisched_name(&aisched_class_names, tag->class, t->class_num);
	t->placement = aisched_name(&aisched_placement_names, tag->placement,
				    t->placement_num);
	t->mem = aisched_name(&aisched_mem_names, tag->mem, t->mem_num);
	aisched_policy_format(t->policy, sizeof(t->policy), tag->policy,
			      tag->nice, tag->rt_prio);
	aisched_ioprio_format(t->ioprio, sizeof(t->ioprio), tag->io_class,
			      tag->io_level);
	t->cgroup = aisched_escape(tag->cgroup);
	t->cpus = list_or_dash(tag->has_cpus, &tag->cpus);
	t->gpus = gpu_list(tag);
	t->nodes = list_or_dash(tag->has_nodes, &tag->nodes);
	t->target = list_or_dash(aisched_tag_is_placed(tag), &tag->target_nodes);
	if (tag->has_hugepages)
		snprintf(t->hugepages, sizeof(t->hugepages), "%u/%u@%u",
			 tag->hugepages_used, tag->hugepages, tag->hugepages_node);
	else
		strcpy(t->hugepages, "-");
	if (tag->has_slice)
		snprintf(t->slice, sizeof(t->slice), "%uus", tag->slice_us);
	else
		strcpy(t->slice, "-");
	if (!t->cgroup || !t->cpus || !t->gpus || !t->nodes || !t->target) {
		tag_text_free(t);
		return -ENOMEM;
	}
	return 0;
}

/**
 * aisched_tag_print_settings() - print what a tag asks for, as lines
 * @f: where to
 * @tag: the tag
 *
 * One "key: value" line each for cgroup, cgroup id, class, policy, the rt
 * budget (fifo only), the slice ("N us", only if the tag sets one), ioprio, cpus ("-" if the tag leaves affinity alone),
 * gpus (the addresses, separated by commas, or "-"), nodes (the nodes the
 * tag names, or "-"), placement, mem and target (the target nodes; these
 * two only if placement is not none), and hugepages ("U of Q on node N
 * (2 MiB pages)", only if the tag has a quota). Policy and ioprio are in
 * the short forms of aisched_policy_format() and aisched_ioprio_format().
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_tag_print_settings(FILE *f, const struct aisched_tag *tag)
{
	struct tag_text t;

	if (tag_text(tag, &t))
		return -ENOMEM;
	fprintf(f, "cgroup:     %s\n", t.cgroup);
	fprintf(f, "cgroup id:  %llu\n", (unsigned long long)tag->cgroup_id);
	fprintf(f, "class:      %s\n", t.class);
	fprintf(f, "policy:     %s\n", t.policy);
	if (aisched_tag_is_fifo(tag))
		fprintf(f, "rt budget:  %u ms\n", tag->rt_budget_ms);
	if (tag->has_slice)
		fprintf(f, "slice:      %u us\n", tag->slice_us);
	fprintf(f, "ioprio:     %s\n", t.ioprio);
	fprintf(f, "cpus:       %s\n", t.cpus);
	fprintf(f, "gpus:       %s\n", t.gpus);
	fprintf(f, "nodes:      %s\n", t.nodes);
	fprintf(f, "placement:  %s\n", t.placement);
	if (aisched_tag_is_placed(tag)) {
		fprintf(f, "mem:        %s\n", t.mem);
		fprintf(f, "target:     %s\n", t.target);
	}
	if (tag->has_hugepages)
		fprintf(f, "hugepages:  %u of %u on node %u (2 MiB pages)\n",
			tag->hugepages_used, tag->hugepages, tag->hugepages_node);
	tag_text_free(&t);
	return 0;
}

/**
 * aisched_tag_print_counters() - print a tag's counters, as lines
 * @f: where to
 * @tag: the tag
 *
 * One "key: value" line each for tasks, applied, overrides, demotions and
 * conflicts.
 */
void aisched_tag_print_counters(FILE *f, const struct aisched_tag *tag)
{
	fprintf(f, "tasks:      %u\n", tag->tasks);
	fprintf(f, "applied:    %llu\n", (unsigned long long)tag->applied);
	fprintf(f, "overrides:  %llu\n", (unsigned long long)tag->overrides);
	fprintf(f, "demotions:  %llu\n", (unsigned long long)tag->demotions);
	fprintf(f, "conflicts:  %llu\n", (unsigned long long)tag->conflicts);
}

/**
 * aisched_tag_print() - print one tag for people, as a block of lines
 * @f: where to
 * @tag: the tag
 *
 * The lines of aisched_tag_print_settings(), then those of
 * aisched_tag_print_counters().
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_tag_print(FILE *f, const struct aisched_tag *tag)
{
	int ret = aisched_tag_print_settings(f, tag);

	if (!ret)
		aisched_tag_print_counters(f, tag);
	return ret;
}

enum {
	COL_CGROUP, COL_CLASS, COL_POLICY, COL_SLICE, COL_IOPRIO, COL_CPUS, COL_TARGET,
	COL_HUGEPAGES, COL_TASKS, COL_APPLIED, COL_OVERRIDES, COL_DEMOTIONS,
	COL_CONFLICTS, NR_COLS
};

static const char *const table_header[NR_COLS] = {
	"cgroup", "class", "policy", "slice", "ioprio", "cpus", "target", "hugepages",
	"tasks", "applied", "overrides", "demotions", "conflicts",
};

static const bool table_right[NR_COLS] = {
	[COL_TASKS] = true, [COL_APPLIED] = true, [COL_OVERRIDES] = true,
	[COL_DEMOTIONS] = true, [COL_CONFLICTS] = true,
};

static int table_row(struct aisched_table *table, const struct aisched_tag *tag)
{
	char counters[NR_COLS][24];
	const char *row[NR_COLS];
	struct tag_text t;
	int ret;

	if (tag_text(tag, &t))
		return -ENOMEM;
	snprintf(counters[COL_TASKS], sizeof(counters[0]), "%u", tag->tasks);
	snprintf(counters[COL_APPLIED], sizeof(counters[0]), "%llu",
		 (unsigned long long)tag->applied);
	snprintf(counters[COL_OVERRIDES], sizeof(counters[0]), "%llu",
		 (unsigned long long)tag->overrides);
	snprintf(counters[COL_DEMOTIONS], sizeof(counters[0]), "%llu",
		 (unsigned long long)tag->demotions);
	snprintf(counters[COL_CONFLICTS], sizeof(counters[0]), "%llu",
		 (unsigned long long)tag->conflicts);
	row[COL_CGROUP] = t.cgroup;
	row[COL_CLASS] = t.class;
	row[COL_POLICY] = t.policy;
	row[COL_SLICE] = t.slice;
	row[COL_IOPRIO] = t.ioprio;
	row[COL_CPUS] = t.cpus;
	row[COL_TARGET] = t.target;
	row[COL_HUGEPAGES] = t.hugepages;
	row[COL_TASKS] = counters[COL_TASKS];
	row[COL_APPLIED] = counters[COL_APPLIED];
	row[COL_OVERRIDES] = counters[COL_OVERRIDES];
	row[COL_DEMOTIONS] = counters[COL_DEMOTIONS];
	row[COL_CONFLICTS] = counters[COL_CONFLICTS];
	ret = aisched_table_add(table, row);
	tag_text_free(&t);
	return ret;
}

/**
 * aisched_tag_print_table() - print tags for people, one row each
 * @f: where to
 * @tags: the tags
 * @nr: how many
 *
 * Columns cgroup, class, policy, slice ("Nus", "-" if the tag sets none),
 * ioprio, cpus, target (the target nodes,
 * "-" for placement none), hugepages ("U/Q@N": the quota's pages used, of
 * Q, on node N; "-" without a quota), tasks, applied, overrides, demotions
 * and conflicts under a header; cells as in aisched_tag_print().
 * No tag prints nothing at all.
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_tag_print_table(FILE *f, const struct aisched_tag *tags, size_t nr)
{
	struct aisched_table table;
	size_t i;
	int ret;

	if (!nr)
		return 0;
	ret = aisched_table_init(&table, NR_COLS, table_header, table_right);
	for (i = 0; !ret && i < nr; i++)
		ret = table_row(&table, &tags[i]);
	ret = ret ?: aisched_table_print(f, &table);
	aisched_table_free(&table);
	return ret;
}

/* Add a bitmap as a list string, "0-1,3". */
static int json_add_list(struct json_object *obj, const char *key,
			 const struct aisched_cpumask *mask)
{
	char *list = aisched_cpulist_alloc(mask);
	int ret;

	if (!list)
		return -ENOMEM;
	ret = aisched_json_add_str(obj, key, list);
	free(list);
	return ret;
}

/* The quota: {"quota":Q,"node":N,"used":U}. */
static struct json_object *hugepages_json(const struct aisched_tag *tag)
{
	struct json_object *obj;
	int ret;

	obj = json_object_new_object();
	if (!obj)
		return NULL;
	ret = aisched_json_add(obj, "quota", json_object_new_uint64(tag->hugepages));
	ret = ret ?: aisched_json_add(obj, "node",
				      json_object_new_uint64(tag->hugepages_node));
	ret = ret ?: aisched_json_add(obj, "used",
				      json_object_new_uint64(tag->hugepages_used));
	if (ret) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

static struct json_object *gpus_json(const struct aisched_tag *tag)
{
	struct json_object *arr, *gpu;
	size_t i;

	arr = json_object_new_array();
	for (i = 0; arr && i < tag->nr_gpus; i++) {
		gpu = json_object_new_string(tag->gpus[i]);
		if (!gpu || json_object_array_add(arr, gpu)) {
			json_object_put(gpu);
			json_object_put(arr);
			return NULL;
		}
	}
	return arr;
}

/**
 * aisched_tag_json() - a tag as a JSON object
 * @tag: the tag
 *
 * Keys: cgroup (string), cgroup_id (number), class, policy (strings), nice
 * (number, normal and batch only), rt_prio and rt_budget_ms (numbers, fifo
 * only), slice_us (number, only if the tag sets a slice), io_class
 * (string), io_level (number), cpus (cpulist string, only
 * if the tag has CPUs), gpus (array of PCI addresses, empty if none),
 * nodes (list string, only if the tag names nodes), placement (string),
 * mem and target_nodes (string, list string; only if placement is not
 * none), hugepages (object with the numbers quota, node and used; only if
 * the tag has a quota), tasks, applied, overrides, demotions, conflicts
 * (numbers). Enum values without a name are given as their number, in a
 * string.
 *
 * Return: the object, or NULL if out of memory.
 */
struct json_object *aisched_tag_json(const struct aisched_tag *tag)
{
	char num[AISCHED_NAME_MAX];
	struct json_object *obj;
	int ret;

	obj = json_object_new_object();
	if (!obj)
		return NULL;
	ret = aisched_json_add_str(obj, "cgroup", tag->cgroup);
	ret = ret ?: aisched_json_add(obj, "cgroup_id",
				      json_object_new_uint64(tag->cgroup_id));
	ret = ret ?: aisched_json_add_str(obj, "class",
					  aisched_name(&aisched_class_names,
						       tag->class, num));
	ret = ret ?: aisched_json_add_str(obj, "policy",
					  aisched_name(&aisched_policy_names,
						       tag->policy, num));
	if (aisched_tag_has_nice(tag))
		ret = ret ?: aisched_json_add(obj, "nice",
					      json_object_new_int(tag->nice));
	if (aisched_tag_is_fifo(tag)) {
		ret = ret ?: aisched_json_add(obj, "rt_prio",
					      json_object_new_uint64(tag->rt_prio));
		ret = ret ?: aisched_json_add(obj, "rt_budget_ms",
					      json_object_new_uint64(tag->rt_budget_ms));
	}
	if (tag->has_slice)
		ret = ret ?: aisched_json_add(obj, "slice_us",
					      json_object_new_uint64(tag->slice_us));
	ret = ret ?: aisched_json_add_str(obj, "io_class",
					  aisched_name(&aisched_io_class_names,
						       tag->io_class, num));
	ret = ret ?: aisched_json_add(obj, "io_level",
				      json_object_new_uint64(tag->io_level));
	if (tag->has_cpus)
		ret = ret ?: json_add_list(obj, "cpus", &tag->cpus);
	ret = ret ?: aisched_json_add(obj, "gpus", gpus_json(tag));
	if (tag->has_nodes)
		ret = ret ?: json_add_list(obj, "nodes", &tag->nodes);
	ret = ret ?: aisched_json_add_str(obj, "placement",
					  aisched_name(&aisched_placement_names,
						       tag->placement, num));
	if (aisched_tag_is_placed(tag)) {
		ret = ret ?: aisched_json_add_str(obj, "mem",
						  aisched_name(&aisched_mem_names,
							       tag->mem, num));
		ret = ret ?: json_add_list(obj, "target_nodes", &tag->target_nodes);
	}
	if (tag->has_hugepages)
		ret = ret ?: aisched_json_add(obj, "hugepages", hugepages_json(tag));
	ret = ret ?: aisched_json_add(obj, "tasks", json_object_new_uint64(tag->tasks));
	ret = ret ?: aisched_json_add(obj, "applied",
				      json_object_new_uint64(tag->applied));
	ret = ret ?: aisched_json_add(obj, "overrides",
				      json_object_new_uint64(tag->overrides));
	ret = ret ?: aisched_json_add(obj, "demotions",
				      json_object_new_uint64(tag->demotions));
	ret = ret ?: aisched_json_add(obj, "conflicts",
				      json_object_new_uint64(tag->conflicts));
	if (ret) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

/**
 * aisched_tag_print_json() - print one tag as a JSON object on one line
 * @f: where to
 * @tag: the tag
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int aisched_tag_print_json(FILE *f, const struct aisched_tag *tag)
{
	return aisched_json_print_put(f, aisched_tag_json(tag));
}

/* aisched_json_array_of()'s builder for aisched_tag_json(). */
static struct json_object *aisched_tag_json_cb(const void *item)
{
	return aisched_tag_json(item);
}

/**
 * aisched_tag_list_print_json() - print tags as a JSON array on one line
 * @f: where to
 * @tags: the tags
 * @nr: how many
 *
 * The array holds one object per tag, as aisched_tag_json() builds them;
 * no tag prints "[]".
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int aisched_tag_list_print_json(FILE *f, const struct aisched_tag *tags,
				size_t nr)
{
	return aisched_json_print_put(f, aisched_json_array_of(tags, nr,
								   sizeof(*tags),
								   aisched_tag_json_cb));
}
