/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: the GPUs and accelerators on PCI, and their NUMA nodes.
 *
 * Locking: aisched_gpu_mutex (a mutex, process context only) protects the
 * list of GPUs and the table of node overrides. It is a leaf: nothing else
 * is taken under it but memory allocation and netlink message building.
 * The PCI bus notifier, GPU_GET, GPU_SET and TAG_SET's resolution of GPU
 * names take it; TAG_SET resolves before it takes aisched_mutex.
 */

#ifndef _AISCHED_GPU_H
#define _AISCHED_GPU_H

#include <linux/aisched.h>
#include <linux/mutex.h>
#include <linux/types.h>

struct netlink_ext_ack;

#define AISCHED_GPU_RULES_MAX	32

/**
 * struct aisched_gpu_rule - one rule of the gpu_ids parameter
 * @add: a device it matches is a GPU (else it is not)
 * @vendor: PCI vendor id, or U32_MAX for any
 * @device: PCI device id, or U32_MAX for any
 */
struct aisched_gpu_rule {
	bool add;
	u32 vendor;
	u32 device;
};

/**
 * struct aisched_gpu_rules - the parsed gpu_ids parameter
 * @nr: rules in @rule
 * @rule: in the order given; the last one that matches decides
 */
struct aisched_gpu_rules {
	unsigned int nr;
	struct aisched_gpu_rule rule[AISCHED_GPU_RULES_MAX];
};

/**
 * struct aisched_gpu_info - what GPU_GET reports of one GPU
 * @index: position in PCI-address order
 * @addr: PCI address
 * @vendor: PCI vendor id
 * @device: PCI device id
 * @class: PCI class code, 24 bits
 * @node: the node placement uses, or NUMA_NO_NODE
 * @source: enum aisched_node_source
 * @disc_node: the node the device or its bridges report, or NUMA_NO_NODE
 */
struct aisched_gpu_info {
	unsigned int index;
	char addr[AISCHED_MAX_GPU_ADDR_LEN + 1];
	u16 vendor;
	u16 device;
	u32 class;
	int node;
	u32 source;
	int disc_node;
};

int aisched_gpu_rules_parse(const char *s, struct aisched_gpu_rules *rules,
			    char *bad, size_t badlen, const char **why);
bool aisched_gpu_class_match(u32 class);
bool aisched_gpu_wanted(const struct aisched_gpu_rules *rules, u16 vendor,
			u16 device, u32 class);

int aisched_gpu_init(void);
void aisched_gpu_exit(void);
int aisched_gpu_get(const char *addr, const u32 *index,
		    struct aisched_gpu_info *out, struct netlink_ext_ack *extack);
int aisched_gpu_get_nth(unsigned int index, struct aisched_gpu_info *out);
int aisched_gpu_set_node(const char *addr, const u32 *index, int node,
			 struct aisched_gpu_info *out,
			 struct netlink_ext_ack *extack);
int aisched_node_check(int node, struct netlink_ext_ack *extack);

#endif /* _AISCHED_GPU_H */
