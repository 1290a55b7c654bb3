// SPDX-License-Identifier: GPL-2.0
/*
 * Names of the interface's enums and flags, and of the kernel's scheduling
 * policies and I/O priority classes. The spec's names are the tool's words
 * on the command line and in its output; a value the tool does not know
 * (from a newer module) is shown as its number.
 */

#define _GNU_SOURCE	/* SCHED_BATCH, SCHED_IDLE */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include <linux/aisched.h>

#include "aisched.h"
#include "names.h"

#define NAMES(array)	{ array, ARRAY_SIZE(array) }

static const char *const class_names[] = {
	[AISCHED_CLASS_TRAINING]   = "training",
	[AISCHED_CLASS_INFERENCE]  = "inference",
	[AISCHED_CLASS_DATALOADER] = "dataloader",
	[AISCHED_CLASS_BACKGROUND] = "background",
};

static const char *const policy_names[] = {
	[AISCHED_POLICY_NORMAL] = "normal",
	[AISCHED_POLICY_BATCH]  = "batch",
	[AISCHED_POLICY_IDLE]   = "idle",
	[AISCHED_POLICY_FIFO]   = "fifo",
};

static const char *const io_class_names[] = {
	[AISCHED_IO_CLASS_NONE] = "none",
	[AISCHED_IO_CLASS_RT]   = "rt",
	[AISCHED_IO_CLASS_BE]   = "be",
	[AISCHED_IO_CLASS_IDLE] = "idle",
};

static const char *const placement_names[] = {
	[AISCHED_PLACEMENT_NONE]   = "none",
	[AISCHED_PLACEMENT_LOCAL]  = "local",
	[AISCHED_PLACEMENT_SPREAD] = "spread",
	[AISCHED_PLACEMENT_PREFER] = "prefer",
};

static const char *const mem_names[] = {
	[AISCHED_MEM_PREFERRED] = "preferred",
	[AISCHED_MEM_STRICT]    = "strict",
};

static const char *const node_source_names[] = {
	[AISCHED_NODE_SOURCE_DISCOVERED] = "discovered",
	[AISCHED_NODE_SOURCE_OVERRIDE]   = "override",
	[AISCHED_NODE_SOURCE_UNKNOWN]    = "unknown",
};

static const char *const event_names[] = {
	[AISCHED_EVENT_TYPE_TAG_ADDED]   = "tag-added",
	[AISCHED_EVENT_TYPE_TAG_REMOVED] = "tag-removed",
	[AISCHED_EVENT_TYPE_OVERRIDE]    = "override",
	[AISCHED_EVENT_TYPE_DEMOTION]    = "demotion",
	[AISCHED_EVENT_TYPE_CONFLICT]    = "conflict",
};

static const char *const reason_names[] = {
	[AISCHED_REMOVE_REASON_UNTAG]  = "untag",
	[AISCHED_REMOVE_REASON_RMDIR]  = "rmdir",
	[AISCHED_REMOVE_REASON_UNLOAD] = "unload",
};

/* Indexed by bit number. */
static const char *const override_names[] = {
	[0] = "sched",		/* AISCHED_OVERRIDE_SCHED */
	[1] = "affinity",	/* AISCHED_OVERRIDE_AFFINITY */
	[2] = "ioprio",		/* AISCHED_OVERRIDE_IOPRIO */
};

/* Indexed by bit number. */
static const char *const feature_names[] = {
	[0] = "tags",		/* AISCHED_FEATURE_TAGS */
	[1] = "gpus",		/* AISCHED_FEATURE_GPUS */
	[2] = "pool",		/* AISCHED_FEATURE_POOL */
	[3] = "mempolicy",	/* AISCHED_FEATURE_MEMPOLICY */
	[4] = "migrate",	/* AISCHED_FEATURE_MIGRATE */
	[5] = "numa-hint",	/* AISCHED_FEATURE_NUMA_HINT */
	[6] = "pin",		/* AISCHED_FEATURE_PIN */
	[7] = "slice",		/* AISCHED_FEATURE_SLICE */
};

/* The kernel's SCHED_* values (uapi/linux/sched.h). */
static const char *const sched_policy_names[] = {
	[0] = "normal",		/* SCHED_NORMAL, SCHED_OTHER */
	[1] = "fifo",		/* SCHED_FIFO */
	[2] = "rr",		/* SCHED_RR */
	[3] = "batch",		/* SCHED_BATCH */
	[5] = "idle",		/* SCHED_IDLE */
	[6] = "deadline",	/* SCHED_DEADLINE */
	[7] = "ext",		/* SCHED_EXT */
};

const struct aisched_names aisched_class_names = NAMES(class_names);
const struct aisched_names aisched_policy_names = NAMES(policy_names);
const struct aisched_names aisched_io_class_names = NAMES(io_class_names);
const struct aisched_names aisched_placement_names = NAMES(placement_names);
const struct aisched_names aisched_mem_names = NAMES(mem_names);
const struct aisched_names aisched_node_source_names = NAMES(node_source_names);
const struct aisched_names aisched_event_names = NAMES(event_names);
const struct aisched_names aisched_reason_names = NAMES(reason_names);
const struct aisched_names aisched_override_names = NAMES(override_names);
const struct aisched_names aisched_feature_names = NAMES(feature_names);
const struct aisched_names aisched_sched_policy_names = NAMES(sched_policy_names);

/**
 * aisched_name() - the name of an enum value
 * @names: the enum's names
 * @value: the value
 * @buf: where to put the number if @value has no name
 *
 * Return: the name, or @buf holding @value in decimal.
 */
const char *aisched_name(const struct aisched_names *names, uint32_t value,
			 char buf[AISCHED_NAME_MAX])
{
	if (value < names->nr && names->names[value])
		return names->names[value];
	snprintf(buf, AISCHED_NAME_MAX, "%u", value);
	return buf;
}

/**
 * aisched_name_lookup() - the value of a name
 * @names: the enum's names
 * @s: the name, matched exactly (case included)
 * @value: set to the value if found
 *
 * Return: 0, or -ENOENT if @s is not one of @names.
 */
int aisched_name_lookup(const struct aisched_names *names, const char *s,
			uint32_t *value)
{
	size_t i;

	for (i = 0; i < names->nr; i++) {
		if (names->names[i] && !strcmp(names->names[i], s)) {
			*value = i;
			return 0;
		}
	}
	return -ENOENT;
}

/**
 * aisched_override_format() - format override flags
 * @buf: output buffer, may be NULL if @size is 0
 * @size: its size
 * @flags: AISCHED_OVERRIDE_* bits
 *
 * Writes the names of the set bits in bit order, separated by commas, as
 * "sched,affinity"; bits without a name as hexadecimal numbers ("0x8");
 * no bit at all as "-". Truncates like snprintf().
 *
 * Return: the length of the whole text, like snprintf().
 */
size_t aisched_override_format(char *buf, size_t size, uint32_t flags)
{
	size_t len = 0;
	unsigned int bit;
	int n;

	if (size)
		buf[0] = '\0';
	if (!flags)
		return snprintf(buf, size, "-");
	for (bit = 0; bit < 32; bit++) {
		if (!(flags & (UINT32_C(1) << bit)))
			continue;
		if (bit < aisched_override_names.nr && override_names[bit])
			n = snprintf(len < size ? buf + len : NULL,
				     len < size ? size - len : 0, "%s%s",
				     len ? "," : "", override_names[bit]);
		else
			n = snprintf(len < size ? buf + len : NULL,
				     len < size ? size - len : 0, "%s%#x",
				     len ? "," : "", UINT32_C(1) << bit);
		len += n;
	}
	return len;
}

/**
 * aisched_feature_format() - name the feature bits the tool knows
 * @buf: output buffer, may be NULL if @size is 0
 * @size: its size
 * @features: AISCHED_FEATURE_* bits
 *
 * Writes the names of the set bits this tool knows, in bit order,
 * separated by ", " ("tags, gpus"); bits without a name are left out (the
 * number shows them), so no known bit gives "". Truncates like snprintf().
 *
 * Return: the length of the whole text, like snprintf().
 */
size_t aisched_feature_format(char *buf, size_t size, uint64_t features)
{
	size_t len = 0, bit;

	if (size)
		buf[0] = '\0';
	for (bit = 0; bit < aisched_feature_names.nr; bit++) {
		if (!(features & (UINT64_C(1) << bit)) || !feature_names[bit])
			continue;
		len += snprintf(len < size ? buf + len : NULL,
				len < size ? size - len : 0, "%s%s",
				len ? ", " : "", feature_names[bit]);
	}
	return len;
}

/**
 * aisched_policy_format() - format a tag's CPU policy
 * @buf: output buffer
 * @size: its size
 * @policy: AISCHED_POLICY_*
 * @nice: the tag's nice value, shown for normal and batch
 * @rt_prio: the tag's real-time priority, shown for fifo
 *
 * Writes "normal:-10", "batch:0", "idle", "fifo:10", or the number of a
 * policy without a name.
 */
void aisched_policy_format(char *buf, size_t size, uint32_t policy,
			   int32_t nice, uint32_t rt_prio)
{
	char num[AISCHED_NAME_MAX];
	const char *name = aisched_name(&aisched_policy_names, policy, num);

	switch (policy) {
	case AISCHED_POLICY_NORMAL:
	case AISCHED_POLICY_BATCH:
		snprintf(buf, size, "%s:%d", name, nice);
		break;
	case AISCHED_POLICY_FIFO:
		snprintf(buf, size, "%s:%u", name, rt_prio);
		break;
	default:
		snprintf(buf, size, "%s", name);
	}
}

/**
 * aisched_sched_policy_format() - format a thread's scheduling policy
 * @buf: output buffer
 * @size: its size
 * @policy: the kernel's SCHED_* value, as sched_getattr() reports it
 * @nice: the thread's nice value, shown for normal and batch
 * @rt_prio: its real-time priority, shown for fifo and rr
 *
 * Writes "normal:0", "batch:5", "idle", "fifo:10", "rr:1", "deadline",
 * "ext", or the number of a policy without a name: the same words as
 * aisched_policy_format().
 */
void aisched_sched_policy_format(char *buf, size_t size, uint32_t policy,
				 int nice, unsigned int rt_prio)
{
	char num[AISCHED_NAME_MAX];
	const char *name = aisched_name(&aisched_sched_policy_names, policy, num);

	switch (policy) {
	case SCHED_OTHER:
	case SCHED_BATCH:
		snprintf(buf, size, "%s:%d", name, nice);
		break;
	case SCHED_FIFO:
	case SCHED_RR:
		snprintf(buf, size, "%s:%u", name, rt_prio);
		break;
	default:
		snprintf(buf, size, "%s", name);
	}
}

/**
 * aisched_ioprio_format() - format an I/O priority
 * @buf: output buffer
 * @size: its size
 * @io_class: AISCHED_IO_CLASS_*, which are the kernel's IOPRIO_CLASS_*
 * @level: the level within the class, shown for rt and be
 *
 * Writes "rt:0", "be:4", "idle", "none", or "<class>:<level>" in numbers
 * for a class without a name.
 */
void aisched_ioprio_format(char *buf, size_t size, uint32_t io_class,
			   uint32_t level)
{
	switch (io_class) {
	case AISCHED_IO_CLASS_RT:
	case AISCHED_IO_CLASS_BE:
		snprintf(buf, size, "%s:%u", io_class_names[io_class], level);
		break;
	case AISCHED_IO_CLASS_NONE:
	case AISCHED_IO_CLASS_IDLE:
		snprintf(buf, size, "%s", io_class_names[io_class]);
		break;
	default:
		snprintf(buf, size, "%u:%u", io_class, level);
	}
}
