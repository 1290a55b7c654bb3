/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched info: argument parsing, reply decoding and printing, kept apart
 * from the netlink I/O so that the unit tests can drive each of them.
 */

#ifndef AISCHED_INFO_H
#define AISCHED_INFO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/netlink.h>

#include "cpulist.h"

/**
 * struct info_opts - the command line of "aisched info"
 * @help: --help was given; nothing else is valid
 * @json: --json
 * @has_node: --node was given
 * @node: its value, at most AISCHED_MAX_NODE_ID
 */
struct info_opts {
	bool help;
	bool json;
	bool has_node;
	uint32_t node;
};

/**
 * struct aisched_node - one NUMA node, from the "node" attribute set
 * @id: AISCHED_A_NODE_ID
 * @cpus: AISCHED_A_NODE_CPUS
 * @mem_total: AISCHED_A_NODE_MEM_TOTAL, bytes
 */
struct aisched_node {
	uint32_t id;
	struct aisched_cpumask cpus;
	uint64_t mem_total;
};

/**
 * struct aisched_info - a GET_INFO reply, from the "info" attribute set
 * @version: AISCHED_A_INFO_VERSION
 * @abi_version: AISCHED_A_INFO_ABI_VERSION
 * @features: AISCHED_A_INFO_FEATURES
 * @nodes: the AISCHED_A_INFO_NODE nests, in the order received
 * @nr_nodes: how many
 */
struct aisched_info {
	char *version;
	uint32_t abi_version;
	uint64_t features;
	struct aisched_node *nodes;
	size_t nr_nodes;
};

void info_usage(FILE *f);
int info_parse_args(int argc, char *argv[], struct info_opts *o);

int info_decode(struct nlmsghdr *nlh, struct aisched_info *info);
int info_decode_node(struct nlmsghdr *nlh, struct aisched_node *node);
void info_free(struct aisched_info *info);
void info_free_node(struct aisched_node *node);

int info_print(FILE *f, const struct aisched_info *info);
int info_print_node(FILE *f, const struct aisched_node *node);
int info_print_json(FILE *f, const struct aisched_info *info);
int info_print_node_json(FILE *f, const struct aisched_node *node);

#endif /* AISCHED_INFO_H */
