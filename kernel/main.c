// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: AI-workload scheduling hints, GPU-aware NUMA placement and a
 * huge-page reservation pool for cgroup v2 workloads.
 *
 * This file holds module init and exit, which set up and tear down the
 * other parts in a fixed order. Documentation/aisched/design.rst has the map.
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/aisched.h>

#include "aisched.h"
#include "class.h"
#include "compat.h"
#include "gpu.h"
#include "kapi.h"
#include "netlink.h"
#include "pool.h"
#include "tags.h"

unsigned int aisched_rt_prio_max = AISCHED_RT_PRIO_CAP;

static int aisched_rt_prio_max_set(const char *val,
				   const struct kernel_param *kp)
{
	unsigned int prio;
	int ret;

	ret = kstrtouint(val, 0, &prio);
	if (ret)
		return ret;
	if (prio < 1 || prio > AISCHED_RT_PRIO_CAP) {
		pr_err("rt_prio_max=%u: must be 1 to %u, below the runaway guard\n",
		       prio, AISCHED_RT_PRIO_CAP);
		return -EINVAL;
	}
	WRITE_ONCE(aisched_rt_prio_max, prio);
	return 0;
}

static const struct kernel_param_ops aisched_rt_prio_max_ops = {
	.set = aisched_rt_prio_max_set,
	.get = param_get_uint,
};

module_param_cb(rt_prio_max, &aisched_rt_prio_max_ops, &aisched_rt_prio_max,
		0644);
MODULE_PARM_DESC(rt_prio_max,
		 "Highest SCHED_FIFO priority a tag may ask for (1-49, default 49)");

/**
 * aisched_features() - what this build implements and the kernel offers
 *
 * Context: any context.
 * Return: AISCHED_FEATURE_* bits for AISCHED_A_INFO_FEATURES.
 */
u64 aisched_features(void)
{
	u64 features = AISCHED_FEATURE_TAGS | AISCHED_FEATURE_GPUS |
		       AISCHED_FEATURE_POOL | aisched_kapi_features();

	/* Custom slices are the kernel's own (6.12), no hook: compat.h knows. */
	if (aisched_have_custom_slice())
		features |= AISCHED_FEATURE_SLICE;
	return features;
}

static int __init aisched_init(void)
{
	int ret;

	aisched_kapi_init();
	ret = aisched_mem_init();
	if (ret)
		goto err_kapi;
	ret = aisched_gpu_init();
	if (ret)
		goto err_mem;
	ret = aisched_pool_init();
	if (ret)
		goto err_gpu;
	ret = aisched_task_init();
	if (ret)
		goto err_pool;
	ret = aisched_tags_init();
	if (ret)
		goto err_task;
	ret = aisched_guard_start();
	if (ret) {
		pr_err("cannot start the runaway guard: %d\n", ret);
		goto err_tags;
	}
	ret = aisched_hooks_init();
	if (ret)
		goto err_guard;
	ret = aisched_nl_register();
	if (ret) {
		pr_err("cannot register the generic-netlink family: %d\n", ret);
		goto err_hooks;
	}
	ret = aisched_dev_init();
	if (ret) {
		pr_err("cannot register /dev/aisched: %d\n", ret);
		goto err_nl;
	}
	pr_info("version %s loaded\n", AISCHED_VERSION);
	return 0;

err_nl:
	aisched_nl_unregister();
err_hooks:
	aisched_hooks_exit();
err_guard:
	aisched_guard_stop();
err_tags:
	aisched_tags_exit();
err_task:
	aisched_task_exit();
err_pool:
	aisched_pool_exit();
err_gpu:
	aisched_gpu_exit();
err_mem:
	aisched_mem_exit();
err_kapi:
	aisched_kapi_exit();
	return ret;
}

/*
 * Every task gets back what it had before the probes go: a task forked
 * meanwhile from a covered parent is still seen and undone.
 */
static void __exit aisched_exit(void)
{
	aisched_dev_exit();
	aisched_tags_shutdown();
	aisched_hooks_exit();
	aisched_guard_stop();
	aisched_nl_unregister();
	aisched_tags_exit();
	aisched_task_exit();
	aisched_pool_exit();
	aisched_gpu_exit();
	aisched_mem_exit();
	aisched_kapi_exit();
	pr_info("unloaded\n");
}

module_init(aisched_init);
module_exit(aisched_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The aisched developers");
MODULE_DESCRIPTION("AI-workload class hints, GPU-aware NUMA placement and a huge-page pool");
MODULE_VERSION(AISCHED_VERSION);
