/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tags as the kernel reports them (the reply of TAG_SET and TAG_GET):
 * strict decoding, and the printing shared by tag, list and show.
 */

#ifndef AISCHED_TAGS_H
#define AISCHED_TAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>
#include <linux/netlink.h>

#include "cpulist.h"
#include "replies.h"

/**
 * struct aisched_tag - one tag, from the "tag" attribute set
 * @cgroup_id: AISCHED_A_TAG_CGROUP_ID
 * @cgroup: AISCHED_A_TAG_CGROUP, the cgroup's path as the caller sees it
 * @class: AISCHED_A_TAG_CLASS
 * @policy: AISCHED_A_TAG_POLICY
 * @nice: AISCHED_A_TAG_NICE, present (and required) for normal and batch
 * @rt_prio: AISCHED_A_TAG_RT_PRIO, present (and required) for fifo
 * @rt_budget_ms: AISCHED_A_TAG_RT_BUDGET_MS, present (and required) for fifo
 * @io_class: AISCHED_A_TAG_IO_CLASS
 * @io_level: AISCHED_A_TAG_IO_LEVEL
 * @has_cpus: the tag has CPUs (AISCHED_A_TAG_CPUS was sent)
 * @cpus: AISCHED_A_TAG_CPUS
 * @gpus: AISCHED_A_TAG_GPU, the PCI addresses of the tag's GPUs, in the
 *	order the reply gives them
 * @nr_gpus: how many
 * @has_nodes: the tag names nodes (AISCHED_A_TAG_NODES was sent)
 * @nodes: AISCHED_A_TAG_NODES
 * @placement: AISCHED_A_TAG_PLACEMENT; AISCHED_PLACEMENT_NONE if the reply
 *	has none (a module without the gpus feature)
 * @mem: AISCHED_A_TAG_MEM, present (and required) unless placement is none
 * @target_nodes: AISCHED_A_TAG_TARGET_NODES, present (and required) unless
 *	placement is none
 * @has_hugepages: the tag has a huge-page quota (AISCHED_A_TAG_HUGEPAGES
 *	was sent)
 * @hugepages: AISCHED_A_TAG_HUGEPAGES, the quota in 2 MiB pages
 * @hugepages_node: AISCHED_A_TAG_HUGEPAGES_NODE, the quota's node; present
 *	(and required) with @hugepages
 * @hugepages_used: AISCHED_A_TAG_HUGEPAGES_USED, the pages of the quota
 *	the cgroup's mappings hold; present (and required) with @hugepages
 * @has_slice: the tag sets an EEVDF slice (AISCHED_A_TAG_SLICE_US was sent)
 * @slice_us: AISCHED_A_TAG_SLICE_US, in microseconds; with fifo, the slice
 *	a demoted thread gets
 * @tasks: AISCHED_A_TAG_TASKS
 * @applied: AISCHED_A_TAG_APPLIED
 * @overrides: AISCHED_A_TAG_OVERRIDES
 * @demotions: AISCHED_A_TAG_DEMOTIONS
 * @conflicts: AISCHED_A_TAG_CONFLICTS
 */
struct aisched_tag {
	uint64_t cgroup_id;
	char *cgroup;
	uint32_t class;
	uint32_t policy;
	int32_t nice;
	uint32_t rt_prio;
	uint32_t rt_budget_ms;
	uint32_t io_class;
	uint32_t io_level;
	bool has_cpus;
	struct aisched_cpumask cpus;
	char **gpus;
	size_t nr_gpus;
	bool has_nodes;
	struct aisched_cpumask nodes;
	uint32_t placement;
	uint32_t mem;
	struct aisched_cpumask target_nodes;
	bool has_hugepages;
	uint32_t hugepages;
	uint32_t hugepages_node;
	uint32_t hugepages_used;
	bool has_slice;
	uint32_t slice_us;
	uint32_t tasks;
	uint64_t applied;
	uint64_t overrides;
	uint64_t demotions;
	uint64_t conflicts;
};

extern const struct aisched_reply_type aisched_tag_reply;

int aisched_tag_decode(struct nlmsghdr *nlh, struct aisched_tag *tag);
void aisched_tag_free(struct aisched_tag *tag);

bool aisched_tag_has_nice(const struct aisched_tag *tag);
bool aisched_tag_is_fifo(const struct aisched_tag *tag);
bool aisched_tag_is_placed(const struct aisched_tag *tag);

int aisched_tag_print_settings(FILE *f, const struct aisched_tag *tag);
void aisched_tag_print_counters(FILE *f, const struct aisched_tag *tag);
int aisched_tag_print(FILE *f, const struct aisched_tag *tag);
int aisched_tag_print_table(FILE *f, const struct aisched_tag *tags, size_t nr);
struct json_object *aisched_tag_json(const struct aisched_tag *tag);
int aisched_tag_print_json(FILE *f, const struct aisched_tag *tag);
int aisched_tag_list_print_json(FILE *f, const struct aisched_tag *tags,
				size_t nr);

#endif /* AISCHED_TAGS_H */
