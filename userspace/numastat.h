/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A cgroup's memory per NUMA node, from its memory.numa_stat: the parsing
 * (a pure function, unit tested) and the sums the locality report needs.
 */

#ifndef AISCHED_NUMASTAT_H
#define AISCHED_NUMASTAT_H

#include <stddef.h>
#include <stdint.h>

#include "cpulist.h"

/**
 * struct aisched_node_mem - a cgroup's memory on one NUMA node
 * @node: the node
 * @bytes: its anon and file memory there, in bytes
 */
struct aisched_node_mem {
	uint32_t node;
	uint64_t bytes;
};

/**
 * struct aisched_numa_mem - a cgroup's memory on each NUMA node
 * @nodes: the nodes memory.numa_stat lists, in increasing node order
 * @nr: how many
 */
struct aisched_numa_mem {
	struct aisched_node_mem *nodes;
	size_t nr;
};

int aisched_numa_stat_parse(const char *text, struct aisched_numa_mem *mem);
int aisched_numa_stat_read(const char *dir, struct aisched_numa_mem *mem);
void aisched_numa_mem_free(struct aisched_numa_mem *mem);
uint64_t aisched_numa_mem_total(const struct aisched_numa_mem *mem);
uint64_t aisched_numa_mem_on(const struct aisched_numa_mem *mem,
			     const struct aisched_cpumask *nodes);

#endif /* AISCHED_NUMASTAT_H */
