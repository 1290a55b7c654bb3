/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched gpus: argument parsing, the GPU_SET request, reply decoding and
 * printing, kept apart from the netlink I/O so that the unit tests can
 * drive each of them.
 */

#ifndef AISCHED_GPUS_H
#define AISCHED_GPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>
#include <linux/aisched.h>
#include <linux/netlink.h>
#include <netlink/msg.h>

#include "cpulist.h"
#include "devmap.h"
#include "replies.h"

/**
 * struct gpus_opts - the command line of "aisched gpus"
 * @help: --help was given; nothing else is valid
 * @json: --json
 * @set: "set": change a GPU's node instead of listing the GPUs
 * @gpu: with @set, the GPU as given, or @dev_addr
 * @dev_addr: the PCI address of a GPU given as a device file
 * @by_index: @gpu is an index, @index, else a PCI address
 * @index: its index, not range checked
 * @has_node: --node was given
 * @node: its value, 0 to AISCHED_MAX_NODE_ID, or -1 for auto
 */
struct gpus_opts {
	bool help;
	bool json;
	bool set;
	const char *gpu;
	char dev_addr[AISCHED_PCI_ADDR_SIZE];
	bool by_index;
	uint32_t index;
	bool has_node;
	int32_t node;
};

/**
 * struct aisched_gpu - one GPU, from the "gpu" attribute set
 * @index: AISCHED_A_GPU_INDEX
 * @address: AISCHED_A_GPU_ADDRESS
 * @vendor: AISCHED_A_GPU_VENDOR
 * @device: AISCHED_A_GPU_DEVICE
 * @class: AISCHED_A_GPU_CLASS, 24 bits
 * @node: AISCHED_A_GPU_NODE, -1 if unknown
 * @node_source: AISCHED_A_GPU_NODE_SOURCE, AISCHED_NODE_SOURCE_*
 * @discovered_node: AISCHED_A_GPU_DISCOVERED_NODE, -1 if none
 * @has_cpus: AISCHED_A_GPU_CPUS was sent
 * @cpus: AISCHED_A_GPU_CPUS, the online CPUs of @node
 */
struct aisched_gpu {
	uint32_t index;
	char *address;
	uint16_t vendor;
	uint16_t device;
	uint32_t class;
	int32_t node;
	uint32_t node_source;
	int32_t discovered_node;
	bool has_cpus;
	struct aisched_cpumask cpus;
};

extern const char *const gpu_attr_options[AISCHED_A_GPU_MAX + 1];
extern const struct aisched_reply_type aisched_gpu_reply;

void gpus_usage(FILE *f);
int gpus_parse_args(int argc, char *argv[], struct gpus_opts *o);
int gpus_put_request(struct nl_msg *msg, const struct gpus_opts *o);

int aisched_gpu_decode(struct nlmsghdr *nlh, struct aisched_gpu *gpu);
void aisched_gpu_free(struct aisched_gpu *gpu);

int aisched_gpu_print_table(FILE *f, const struct aisched_gpu *gpus, size_t nr);
struct json_object *aisched_gpu_json(const struct aisched_gpu *gpu);
int aisched_gpu_print_json(FILE *f, const struct aisched_gpu *gpu);
int aisched_gpu_list_print_json(FILE *f, const struct aisched_gpu *gpus,
				size_t nr);

#endif /* AISCHED_GPUS_H */
