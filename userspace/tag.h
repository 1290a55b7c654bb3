/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched tag: argument parsing and the TAG_SET request, kept apart from
 * the netlink I/O so that the unit tests can drive them.
 */

#ifndef AISCHED_TAG_H
#define AISCHED_TAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/aisched.h>
#include <netlink/msg.h>

#include "cpulist.h"

/* The largest CPU a request can name: AISCHED_MAX_CPUS_LEN bytes of bits. */
#define AISCHED_MAX_CPU		(AISCHED_MAX_CPUS_LEN * 8 - 1)
/* The largest node a request can name: AISCHED_MAX_NODES_LEN bytes of bits. */
#define AISCHED_MAX_NODE	(AISCHED_MAX_NODES_LEN * 8 - 1)

/**
 * struct tag_gpu - one GPU that --gpu names
 * @by_index: it was given as a number: @index, else @address
 * @index: its index, not range checked
 * @address: its PCI address as given, not checked (the kernel's to check)
 */
struct tag_gpu {
	bool by_index;
	uint32_t index;
	char *address;
};

/**
 * struct tag_opts - the command line of "aisched tag"
 * @help: --help was given; nothing else is valid
 * @json: --json
 * @path: PATH, as given
 * @class: --class (required), AISCHED_CLASS_*
 * @has_policy: --policy was given
 * @policy: its value, AISCHED_POLICY_*
 * @has_nice: --nice was given
 * @nice: its value, not range checked
 * @has_rt_prio: --rt-prio was given
 * @rt_prio: its value, not range checked
 * @has_rt_budget: --rt-budget-ms was given
 * @rt_budget_ms: its value, not range checked
 * @has_io_class: --ioprio was given
 * @io_class: its class, AISCHED_IO_CLASS_*
 * @has_io_level: --ioprio had a level
 * @io_level: the level, not range checked
 * @cpus: --cpus, empty (no words) if not given
 * @gpus: the GPUs of every --gpu, in the order given
 * @nr_gpus: how many
 * @nodes: --node, empty (no words) if not given
 * @has_placement: --placement was given
 * @placement: its value, AISCHED_PLACEMENT_*
 * @has_mem: --mem was given
 * @mem: its value, AISCHED_MEM_*
 * @has_hugepages: --hugepages was given
 * @hugepages: its N, the quota in 2 MiB pages (0: none)
 * @has_hugepages_node: --hugepages had a @NODE
 * @hugepages_node: the NODE, not range checked
 * @has_slice: --slice-us was given
 * @slice_us: its value, not range checked
 */
struct tag_opts {
	bool help;
	bool json;
	const char *path;
	uint32_t class;
	bool has_policy;
	uint32_t policy;
	bool has_nice;
	int32_t nice;
	bool has_rt_prio;
	uint32_t rt_prio;
	bool has_rt_budget;
	uint32_t rt_budget_ms;
	bool has_io_class;
	uint32_t io_class;
	bool has_io_level;
	uint32_t io_level;
	struct aisched_cpumask cpus;
	struct tag_gpu *gpus;
	size_t nr_gpus;
	struct aisched_cpumask nodes;
	bool has_placement;
	uint32_t placement;
	bool has_mem;
	uint32_t mem;
	bool has_hugepages;
	uint32_t hugepages;
	bool has_hugepages_node;
	uint32_t hugepages_node;
	bool has_slice;
	uint32_t slice_us;
};

extern const char *const tag_attr_options[AISCHED_A_TAG_MAX + 1];

void tag_usage(FILE *f);
int tag_parse_args(int argc, char *argv[], struct tag_opts *o);
void tag_opts_free(struct tag_opts *o);
int tag_put_request(struct nl_msg *msg, const struct tag_opts *o,
		    const char *path);

#endif /* AISCHED_TAG_H */
