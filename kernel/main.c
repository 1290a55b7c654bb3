// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: AI-workload scheduling hints, GPU-aware NUMA placement and a
 * huge-page reservation pool for cgroup v2 workloads.
 *
 * This file holds module init and exit, which set up and tear down the
 * other parts in a fixed order. Documentation/aisched/design.rst has the map.
 */

#include <linux/module.h>

#include "aisched.h"
#include "netlink.h"

/**
 * aisched_features() - what this build implements and the kernel offers
 *
 * Context: any context.
 * Return: bitmask for AISCHED_A_INFO_FEATURES. Bits are added as features
 * land; none is defined yet.
 */
u64 aisched_features(void)
{
	return 0;
}

static int __init aisched_init(void)
{
	int ret;

	ret = aisched_nl_register();
	if (ret) {
		pr_err("cannot register the generic-netlink family: %d\n", ret);
		return ret;
	}
	pr_info("version %s loaded\n", AISCHED_VERSION);
	return 0;
}

static void __exit aisched_exit(void)
{
	aisched_nl_unregister();
	pr_info("unloaded\n");
}

module_init(aisched_init);
module_exit(aisched_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The aisched developers");
MODULE_DESCRIPTION("AI-workload class hints, GPU-aware NUMA placement and a huge-page pool");
MODULE_VERSION(AISCHED_VERSION);
