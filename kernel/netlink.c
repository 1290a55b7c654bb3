// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: the generic-netlink family "aisched".
 *
 * The family is defined by Documentation/netlink/specs/aisched.yaml. Each
 * operation has its own policy, named aisched_<op>_nl_policy, holding exactly
 * the request attributes the spec lists; operations without request
 * attributes get the core's reject-all policy (resv_start_op covers every
 * command). A test compares these policies with the spec through the
 * kernel's own policy dump, so the spec, the uapi header and this file
 * cannot drift apart.
 *
 * Locking: the family is registered with parallel_ops, so handlers run
 * without genl_mutex and each one takes what it needs itself. GET_INFO and
 * NODE_GET use a private topology snapshot and take no lock of their own.
 */

#include <kunit/visibility.h>
#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <linux/aisched.h>

#include "aisched.h"
#include "compat.h"
#include "netlink.h"
#include "topology.h"

static const struct nla_policy aisched_node_get_nl_policy[AISCHED_A_NODE_ID + 1] = {
	[AISCHED_A_NODE_ID] = NLA_POLICY_MAX(NLA_U32, AISCHED_MAX_NODE_ID),
};

static struct genl_family aisched_nl_family;

/* Bytes of the node CPU bitmap: 32-bit words covering every possible CPU. */
static size_t aisched_nl_cpus_len(void)
{
	return DIV_ROUND_UP(nr_cpu_ids, 32) * sizeof(u32);
}

/**
 * aisched_nl_node_size() - message space for one node's attributes
 *
 * Context: any context.
 * Return: bytes that aisched_nl_node_fill() needs at most.
 */
size_t aisched_nl_node_size(void)
{
	return nla_total_size(sizeof(u32)) +			/* ID */
	       nla_total_size(aisched_nl_cpus_len()) +		/* CPUS */
	       nla_total_size_64bit(sizeof(u64));		/* MEM_TOTAL */
}
EXPORT_SYMBOL_IF_KUNIT(aisched_nl_node_size);

/**
 * aisched_nl_node_fill() - put one node's attributes into a message
 * @skb: message being built
 * @node: the node
 *
 * Puts AISCHED_A_NODE_ID, _CPUS and _MEM_TOTAL at the current level of
 * @skb; the caller opens a nest first where one is wanted.
 *
 * Context: any context; does not allocate.
 * Return: 0, or -EMSGSIZE if @skb is too small.
 */
int aisched_nl_node_fill(struct sk_buff *skb,
			 const struct aisched_node_snap *node)
{
	size_t len = aisched_nl_cpus_len();
	struct nlattr *attr;

	if (nla_put_u32(skb, AISCHED_A_NODE_ID, node->nid) ||
	    nla_put_u64_64bit(skb, AISCHED_A_NODE_MEM_TOTAL, node->mem_bytes,
			      AISCHED_A_NODE_PAD))
		return -EMSGSIZE;

	attr = nla_reserve(skb, AISCHED_A_NODE_CPUS, len);
	if (!attr)
		return -EMSGSIZE;
	memset(nla_data(attr), 0, len);
	bitmap_to_arr32(nla_data(attr), cpumask_bits(node->cpus), nr_cpu_ids);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_nl_node_fill);

/**
 * aisched_nl_info_size() - message space for a GET_INFO reply
 * @topo: the topology the reply will describe
 *
 * Context: any context.
 * Return: bytes that aisched_nl_info_fill() needs at most for @topo.
 */
size_t aisched_nl_info_size(const struct aisched_topo *topo)
{
	return nla_total_size(sizeof(AISCHED_VERSION)) +	/* VERSION */
	       nla_total_size(sizeof(u32)) +			/* ABI_VERSION */
	       nla_total_size_64bit(sizeof(u64)) +		/* FEATURES */
	       topo->nr_nodes * nla_total_size(aisched_nl_node_size());
}
EXPORT_SYMBOL_IF_KUNIT(aisched_nl_info_size);

/**
 * aisched_nl_info_fill() - put the GET_INFO attributes into a message
 * @skb: message being built
 * @topo: online nodes to report, one AISCHED_A_INFO_NODE nest each
 * @features: feature bitmask to report
 *
 * Context: any context; does not allocate.
 * Return: 0, or -EMSGSIZE if @skb is too small.
 */
int aisched_nl_info_fill(struct sk_buff *skb, const struct aisched_topo *topo,
			 u64 features)
{
	unsigned int i;

	if (nla_put_string(skb, AISCHED_A_INFO_VERSION, AISCHED_VERSION) ||
	    nla_put_u32(skb, AISCHED_A_INFO_ABI_VERSION, AISCHED_FAMILY_VERSION) ||
	    nla_put_u64_64bit(skb, AISCHED_A_INFO_FEATURES, features,
			      AISCHED_A_INFO_PAD))
		return -EMSGSIZE;

	for (i = 0; i < topo->nr_nodes; i++) {
		struct nlattr *nest;

		nest = nla_nest_start(skb, AISCHED_A_INFO_NODE);
		if (!nest)
			return -EMSGSIZE;
		if (aisched_nl_node_fill(skb, &topo->nodes[i])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, nest);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_nl_info_fill);

/* Sends a reply whose attributes @fill puts into it; consumes nothing. */
static int aisched_nl_reply(struct genl_info *info, u8 cmd, size_t size,
			    int (*fill)(struct sk_buff *skb, const void *arg),
			    const void *arg)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &aisched_nl_family, 0, cmd);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err;
	}
	ret = fill(msg, arg);
	if (ret)
		goto err;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err:
	nlmsg_free(msg);
	/* The size functions above are exact; running out is a bug. */
	WARN_ON_ONCE(ret == -EMSGSIZE);
	return ret;
}

static int aisched_nl_info_fill_cb(struct sk_buff *skb, const void *arg)
{
	return aisched_nl_info_fill(skb, arg, aisched_features());
}

static int aisched_nl_node_fill_cb(struct sk_buff *skb, const void *arg)
{
	return aisched_nl_node_fill(skb, arg);
}

static int aisched_nl_info_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct aisched_topo *topo;
	int ret;

	topo = aisched_topo_snapshot(GFP_KERNEL);
	if (!topo)
		return -ENOMEM;
	ret = aisched_nl_reply(info, AISCHED_CMD_GET_INFO,
			       aisched_nl_info_size(topo),
			       aisched_nl_info_fill_cb, topo);
	aisched_topo_free(topo);
	return ret;
}

static int aisched_nl_node_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	const struct aisched_node_snap *node;
	struct aisched_topo *topo;
	u32 nid;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, AISCHED_A_NODE_ID)) {
		NL_SET_ERR_MSG(info->extack, "missing node id");
		return -EINVAL;
	}
	nid = nla_get_u32(info->attrs[AISCHED_A_NODE_ID]);

	topo = aisched_topo_snapshot(GFP_KERNEL);
	if (!topo)
		return -ENOMEM;

	node = aisched_topo_node(topo, nid);
	if (!node) {
		NL_SET_ERR_MSG_FMT(info->extack, "node %u is not online", nid);
		NL_SET_BAD_ATTR(info->extack, info->attrs[AISCHED_A_NODE_ID]);
		ret = -ENOENT;
		goto out;
	}
	ret = aisched_nl_reply(info, AISCHED_CMD_NODE_GET,
			       aisched_nl_node_size(),
			       aisched_nl_node_fill_cb, node);
out:
	aisched_topo_free(topo);
	return ret;
}

static const struct genl_ops aisched_nl_ops[] = {
	{
		.cmd = AISCHED_CMD_GET_INFO,
		.doit = aisched_nl_info_get_doit,
	},
	{
		.cmd = AISCHED_CMD_NODE_GET,
		.doit = aisched_nl_node_get_doit,
		.policy = aisched_node_get_nl_policy,
		.maxattr = AISCHED_A_NODE_ID,
	},
};

static const struct genl_multicast_group aisched_nl_mcgrps[] = {
	{ .name = AISCHED_MCGRP_EVENTS },
};

static struct genl_family aisched_nl_family __ro_after_init = {
	.name = AISCHED_FAMILY_NAME,
	.version = AISCHED_FAMILY_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = aisched_nl_ops,
	.n_ops = ARRAY_SIZE(aisched_nl_ops),
	/* Every command validates its header and has a policy. */
	.resv_start_op = AISCHED_CMD_GET_INFO,
	.mcgrps = aisched_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(aisched_nl_mcgrps),
};

/**
 * aisched_nl_register() - register the generic-netlink family
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int aisched_nl_register(void)
{
	return genl_register_family(&aisched_nl_family);
}

/**
 * aisched_nl_unregister() - unregister the generic-netlink family
 *
 * Waits for running handlers and dumps to finish.
 *
 * Context: process context, module exit.
 */
void aisched_nl_unregister(void)
{
	genl_unregister_family(&aisched_nl_family);
}
