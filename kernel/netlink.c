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
 * NODE_GET use a private topology snapshot and take no lock of their own;
 * the tag operations take aisched_mutex (tags.h). Events are sent from any
 * context, including the probes.
 */

#include <kunit/visibility.h>
#include <linux/cgroup.h>
#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/nodemask.h>
#include <linux/nsproxy.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <linux/aisched.h>

#include "aisched.h"
#include "class.h"
#include "compat.h"
#include "events.h"
#include "gpu.h"
#include "kapi.h"
#include "netlink.h"
#include "pool.h"
#include "tags.h"
#include "topology.h"

static const struct nla_policy aisched_node_get_nl_policy[AISCHED_A_NODE_ID + 1] = {
	[AISCHED_A_NODE_ID] = NLA_POLICY_MAX(NLA_U32, AISCHED_MAX_NODE_ID),
};

/* NLA_POLICY_RANGE() holds s16 bounds; the budget's go beyond. */
static struct netlink_range_validation aisched_rt_budget_range __ro_after_init = {
	.min = 1,
	.max = 60000,
};

/* An EEVDF slice in us: the kernel's clamp of sched_runtime, 0.1-100 ms. */
static struct netlink_range_validation aisched_slice_range __ro_after_init = {
	.min = 100,
	.max = 100000,
};

/* A GPU index (u16 range; NLA_POLICY_MAX() holds s16 bounds). */
static struct netlink_range_validation aisched_gpu_index_range __ro_after_init = {
	.max = U16_MAX,
};

static const struct nla_policy aisched_tag_set_nl_policy[AISCHED_A_TAG_SLICE_US + 1] = {
	[AISCHED_A_TAG_PATH] = { .type = NLA_NUL_STRING,
				 .len = AISCHED_MAX_PATH_LEN },
	[AISCHED_A_TAG_CLASS] = NLA_POLICY_MAX(NLA_U32, AISCHED_CLASS_BACKGROUND),
	[AISCHED_A_TAG_POLICY] = NLA_POLICY_MAX(NLA_U32, AISCHED_POLICY_FIFO),
	[AISCHED_A_TAG_NICE] = NLA_POLICY_RANGE(NLA_S32, MIN_NICE, MAX_NICE),
	[AISCHED_A_TAG_RT_PRIO] = NLA_POLICY_RANGE(NLA_U32, 1, MAX_RT_PRIO - 1),
	[AISCHED_A_TAG_RT_BUDGET_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &aisched_rt_budget_range),
	[AISCHED_A_TAG_IO_CLASS] = NLA_POLICY_MAX(NLA_U32, AISCHED_IO_CLASS_IDLE),
	[AISCHED_A_TAG_IO_LEVEL] = NLA_POLICY_MAX(NLA_U32, 7),
	[AISCHED_A_TAG_CPUS] = { .type = NLA_BINARY,
				 .len = AISCHED_MAX_CPUS_LEN },
	[AISCHED_A_TAG_GPU] = { .type = NLA_NUL_STRING,
				.len = AISCHED_MAX_GPU_ADDR_LEN },
	[AISCHED_A_TAG_GPU_INDEX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &aisched_gpu_index_range),
	[AISCHED_A_TAG_NODES] = { .type = NLA_BINARY,
				  .len = AISCHED_MAX_NODES_LEN },
	[AISCHED_A_TAG_PLACEMENT] = NLA_POLICY_MAX(NLA_U32,
						   AISCHED_PLACEMENT_PREFER),
	[AISCHED_A_TAG_MEM] = NLA_POLICY_MAX(NLA_U32, AISCHED_MEM_STRICT),
	[AISCHED_A_TAG_HUGEPAGES] = { .type = NLA_U32 },
	[AISCHED_A_TAG_HUGEPAGES_NODE] = NLA_POLICY_MAX(NLA_U32,
							AISCHED_MAX_NODE_ID),
	[AISCHED_A_TAG_SLICE_US] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &aisched_slice_range),
};

/* GPU_GET (do and dump) names a GPU by index or address. */
static const struct nla_policy aisched_gpu_get_nl_policy[AISCHED_A_GPU_ADDRESS + 1] = {
	[AISCHED_A_GPU_INDEX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &aisched_gpu_index_range),
	[AISCHED_A_GPU_ADDRESS] = { .type = NLA_NUL_STRING,
				    .len = AISCHED_MAX_GPU_ADDR_LEN },
};

static const struct nla_policy aisched_gpu_set_nl_policy[AISCHED_A_GPU_NODE + 1] = {
	[AISCHED_A_GPU_INDEX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &aisched_gpu_index_range),
	[AISCHED_A_GPU_ADDRESS] = { .type = NLA_NUL_STRING,
				    .len = AISCHED_MAX_GPU_ADDR_LEN },
	[AISCHED_A_GPU_NODE] = NLA_POLICY_RANGE(NLA_S32, NUMA_NO_NODE,
						AISCHED_MAX_NODE_ID),
};

/* POOL_GET (do and dump) and POOL_SET. */
static const struct nla_policy aisched_pool_get_nl_policy[AISCHED_A_POOL_NODE + 1] = {
	[AISCHED_A_POOL_NODE] = NLA_POLICY_MAX(NLA_U32, AISCHED_MAX_NODE_ID),
};

static const struct nla_policy aisched_pool_set_nl_policy[AISCHED_A_POOL_PAGES + 1] = {
	[AISCHED_A_POOL_NODE] = NLA_POLICY_MAX(NLA_U32, AISCHED_MAX_NODE_ID),
	[AISCHED_A_POOL_PAGES] = { .type = NLA_U32 },
};

/* TAG_DEL and TAG_GET (do and dump) name a cgroup. */
static const struct nla_policy aisched_tag_id_nl_policy[AISCHED_A_TAG_CGROUP_ID + 1] = {
	[AISCHED_A_TAG_PATH] = { .type = NLA_NUL_STRING,
				 .len = AISCHED_MAX_PATH_LEN },
	[AISCHED_A_TAG_CGROUP_ID] = { .type = NLA_U64 },
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

/* ------------------------------------------------------------------ */
/* Tags                                                                */

/*
 * Changing tags or GPU nodes changes other users' scheduling: both need
 * CAP_SYS_ADMIN in the initial user namespace. Checked in the handlers
 * rather than with GENL_ADMIN_PERM, which checks CAP_NET_ADMIN and refuses
 * without a message.
 */
#define aisched_nl_check_admin(skb, extack, msg) ({			\
	int __ret = 0;							\
									\
	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {			\
		NL_SET_ERR_MSG(extack, msg);				\
		__ret = -EPERM;						\
	}								\
	__ret;								\
})

#define AISCHED_NL_TAGS_ADMIN	"changing tags needs CAP_SYS_ADMIN"

/*
 * The cgroup a TAG_DEL or TAG_GET names, by path or by id.
 * Return: the cgroup with a reference, or an ERR_PTR with a message.
 */
static struct cgroup *aisched_nl_cgroup(struct nlattr **attrs,
					struct netlink_ext_ack *extack)
{
	struct nlattr *path = attrs[AISCHED_A_TAG_PATH];
	struct nlattr *id = attrs[AISCHED_A_TAG_CGROUP_ID];
	struct cgroup *cgrp;
	struct path dir;

	if (path && id) {
		NL_SET_ERR_MSG(extack, "give a cgroup path or id, not both");
		return ERR_PTR(-EINVAL);
	}
	if (path) {
		cgrp = aisched_cgroup_resolve(nla_data(path), &dir, extack);
		if (!IS_ERR(cgrp))
			path_put(&dir);
		return cgrp;
	}
	if (!id) {
		NL_SET_ERR_MSG(extack, "missing cgroup path or id");
		return ERR_PTR(-EINVAL);
	}
	cgrp = cgroup_get_from_id(nla_get_u64(id));
	if (IS_ERR(cgrp))
		NL_SET_ERR_MSG_FMT(extack, "no cgroup with id %llu",
				   nla_get_u64(id));
	return cgrp;
}

/* The cgroup's path as the caller's cgroup namespace shows it. */
static void aisched_nl_cgroup_path(struct cgroup *cgrp, char *buf)
{
	if (cgroup_path_ns(cgrp, buf, PATH_MAX, current->nsproxy->cgroup_ns) < 0)
		strscpy(buf, "?", PATH_MAX);
}

/* Bytes of a node bitmap: 32-bit words covering every possible node. */
static size_t aisched_nl_nodes_len(void)
{
	return DIV_ROUND_UP(nr_node_ids, 32) * sizeof(u32);
}

static size_t aisched_nl_place_size(const struct aisched_place *place)
{
	size_t size = nla_total_size(sizeof(u32));		/* PLACEMENT */
	unsigned int i;

	if (!place)
		return size;
	for (i = 0; i < place->nr_gpus; i++)			/* GPU */
		size += nla_total_size(strlen(place->gpus[i]) + 1);
	return size + nla_total_size(sizeof(u32)) +		/* MEM */
	       2 * nla_total_size(aisched_nl_nodes_len());	/* NODES, TARGET */
}

static size_t aisched_nl_tag_size(struct aisched_tag *tag, const char *path)
{
	return nla_total_size_64bit(sizeof(u64)) +		/* CGROUP_ID */
	       nla_total_size(strlen(path) + 1) +		/* CGROUP */
	       8 * nla_total_size(sizeof(u32)) +		/* CLASS..IO_LEVEL, TASKS */
	       nla_total_size(aisched_nl_cpus_len()) +		/* CPUS */
	       4 * nla_total_size_64bit(sizeof(u64)) +		/* counters */
	       3 * nla_total_size(sizeof(u32)) +		/* HUGEPAGES* */
	       nla_total_size(sizeof(u32)) +			/* SLICE_US */
	       aisched_nl_place_size(tag->place);
}

static int aisched_nl_put_nodes(struct sk_buff *skb, int type,
				const nodemask_t *mask)
{
	size_t len = aisched_nl_nodes_len();
	struct nlattr *attr;

	attr = nla_reserve(skb, type, len);
	if (!attr)
		return -EMSGSIZE;
	memset(nla_data(attr), 0, len);
	bitmap_to_arr32(nla_data(attr), nodes_addr(*mask), nr_node_ids);
	return 0;
}

/* Puts the placement attributes of a tag. */
static int aisched_nl_place_fill(struct sk_buff *skb,
				 const struct aisched_place *place)
{
	unsigned int i;

	if (!place)
		return nla_put_u32(skb, AISCHED_A_TAG_PLACEMENT,
				   AISCHED_PLACEMENT_NONE);
	for (i = 0; i < place->nr_gpus; i++)
		if (nla_put_string(skb, AISCHED_A_TAG_GPU, place->gpus[i]))
			return -EMSGSIZE;
	if (place->has_nodes &&
	    aisched_nl_put_nodes(skb, AISCHED_A_TAG_NODES, &place->nodes))
		return -EMSGSIZE;
	if (nla_put_u32(skb, AISCHED_A_TAG_PLACEMENT, place->placement))
		return -EMSGSIZE;
	if (place->placement == AISCHED_PLACEMENT_NONE)
		return 0;
	if (nla_put_u32(skb, AISCHED_A_TAG_MEM, place->mem) ||
	    aisched_nl_put_nodes(skb, AISCHED_A_TAG_TARGET_NODES,
				 &place->target))
		return -EMSGSIZE;
	return 0;
}

static int aisched_nl_put_cpus(struct sk_buff *skb, int type,
			       const struct cpumask *mask)
{
	size_t len = aisched_nl_cpus_len();
	struct nlattr *attr;

	attr = nla_reserve(skb, type, len);
	if (!attr)
		return -EMSGSIZE;
	memset(nla_data(attr), 0, len);
	bitmap_to_arr32(nla_data(attr), cpumask_bits(mask), nr_cpu_ids);
	return 0;
}

/* Puts a tag's attributes; caller holds aisched_mutex. */
static int aisched_nl_tag_fill(struct sk_buff *skb, struct aisched_tag *tag,
			       const char *path)
{
	const struct aisched_bundle *b = &tag->bundle;
	struct aisched_pool_quota quota;
	struct aisched_pool_acct *acct;
	unsigned int nr_tasks;
	u32 slice_us;

	spin_lock(&aisched_state_lock);
	nr_tasks = tag->nr_tasks;
	spin_unlock(&aisched_state_lock);

	if (nla_put_u64_64bit(skb, AISCHED_A_TAG_CGROUP_ID, tag->cgid,
			      AISCHED_A_TAG_PAD) ||
	    nla_put_string(skb, AISCHED_A_TAG_CGROUP, path) ||
	    nla_put_u32(skb, AISCHED_A_TAG_CLASS, b->class) ||
	    nla_put_u32(skb, AISCHED_A_TAG_POLICY, b->policy) ||
	    nla_put_u32(skb, AISCHED_A_TAG_IO_CLASS, b->io_class) ||
	    nla_put_u32(skb, AISCHED_A_TAG_IO_LEVEL, b->io_level) ||
	    nla_put_u32(skb, AISCHED_A_TAG_TASKS, nr_tasks) ||
	    nla_put_u64_64bit(skb, AISCHED_A_TAG_APPLIED,
			      atomic64_read(&tag->applied), AISCHED_A_TAG_PAD) ||
	    nla_put_u64_64bit(skb, AISCHED_A_TAG_OVERRIDES,
			      atomic64_read(&tag->overrides), AISCHED_A_TAG_PAD) ||
	    nla_put_u64_64bit(skb, AISCHED_A_TAG_DEMOTIONS,
			      atomic64_read(&tag->demotions), AISCHED_A_TAG_PAD) ||
	    nla_put_u64_64bit(skb, AISCHED_A_TAG_CONFLICTS,
			      atomic64_read(&tag->conflicts), AISCHED_A_TAG_PAD))
		return -EMSGSIZE;
	if (b->policy == AISCHED_POLICY_FIFO) {
		if (nla_put_u32(skb, AISCHED_A_TAG_RT_PRIO, b->rt_prio) ||
		    nla_put_u32(skb, AISCHED_A_TAG_RT_BUDGET_MS, b->rt_budget_ms) ||
		    nla_put_s32(skb, AISCHED_A_TAG_NICE, b->fallback_nice))
			return -EMSGSIZE;
	} else if (b->policy != AISCHED_POLICY_IDLE) {
		if (nla_put_s32(skb, AISCHED_A_TAG_NICE, b->nice))
			return -EMSGSIZE;
	}
	/* Like nice: with fifo, the slice a demoted task gets. */
	slice_us = b->policy == AISCHED_POLICY_FIFO ? b->fallback_slice_us :
						     b->slice_us;
	if (slice_us && nla_put_u32(skb, AISCHED_A_TAG_SLICE_US, slice_us))
		return -EMSGSIZE;
	if (tag->has_cpus &&
	    aisched_nl_put_cpus(skb, AISCHED_A_TAG_CPUS, tag->cpus))
		return -EMSGSIZE;
	acct = rcu_dereference_protected(tag->quota,
					 lockdep_is_held(&aisched_mutex));
	if (acct) {
		aisched_pool_quota_info(acct, &quota);
		if (nla_put_u32(skb, AISCHED_A_TAG_HUGEPAGES, quota.pages) ||
		    nla_put_u32(skb, AISCHED_A_TAG_HUGEPAGES_NODE, quota.node) ||
		    nla_put_u32(skb, AISCHED_A_TAG_HUGEPAGES_USED, quota.used))
			return -EMSGSIZE;
	}
	return aisched_nl_place_fill(skb, tag->place);
}

/* Replies with one tag; caller holds aisched_mutex. */
static int aisched_nl_tag_reply(struct genl_info *info, u8 cmd,
				struct aisched_tag *tag)
{
	struct sk_buff *msg;
	char *path;
	void *hdr;
	int ret;

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	aisched_nl_cgroup_path(tag->cgrp, path);

	ret = -ENOMEM;
	msg = genlmsg_new(aisched_nl_tag_size(tag, path), GFP_KERNEL);
	if (!msg)
		goto out;
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &aisched_nl_family, 0, cmd);
	if (!hdr || aisched_nl_tag_fill(msg, tag, path)) {
		nlmsg_free(msg);
		WARN_ON_ONCE(1);	/* aisched_nl_tag_size() is exact */
		goto out;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
out:
	kfree(path);
	return ret;
}

/* The CPUS attribute as a mask of existing CPUs, some of them online. */
static int aisched_nl_parse_cpus(const struct nlattr *attr, struct cpumask *mask,
				 struct netlink_ext_ack *extack)
{
	unsigned int len = nla_len(attr), nbits = len * 8, bit;
	const u32 *words = nla_data(attr);

	if (!len || len % sizeof(u32)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "cpus must be a whole number of 32-bit words");
		return -EINVAL;
	}
	for (bit = nr_cpu_ids; bit < nbits; bit++) {
		if (words[bit / 32] & BIT(bit % 32)) {
			NL_SET_ERR_MSG_FMT(extack,
					   "cpus names CPU %u, which does not exist",
					   bit);
			NL_SET_BAD_ATTR(extack, attr);
			return -EINVAL;
		}
	}
	cpumask_clear(mask);
	bitmap_from_arr32(cpumask_bits(mask), words, min(nbits, nr_cpu_ids));
	if (cpumask_empty(mask)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "cpus is empty");
		return -EINVAL;
	}
	if (!cpumask_intersects(mask, cpu_online_mask)) {
		NL_SET_ERR_MSG_FMT(extack, "none of cpus %*pbl is online",
				   cpumask_pr_args(mask));
		NL_SET_BAD_ATTR(extack, attr);
		return -EINVAL;
	}
	return 0;
}

/* The NODES attribute: online nodes with memory, at least one. */
static int aisched_nl_parse_nodes(const struct nlattr *attr, nodemask_t *mask,
				  struct netlink_ext_ack *extack)
{
	unsigned int len = nla_len(attr), nbits = len * 8, bit;
	const u32 *words = nla_data(attr);
	int nid, ret;

	if (!len || len % sizeof(u32)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "nodes must be a whole number of 32-bit words");
		return -EINVAL;
	}
	nodes_clear(*mask);
	for (bit = 0; bit < nbits; bit++) {
		if (!(words[bit / 32] & BIT(bit % 32)))
			continue;
		if (bit >= nr_node_ids) {
			NL_SET_ERR_MSG_FMT(extack, "node %u is not online", bit);
			NL_SET_BAD_ATTR(extack, attr);
			return -EINVAL;
		}
		node_set(bit, *mask);
	}
	if (nodes_empty(*mask)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "nodes is empty");
		return -EINVAL;
	}
	for_each_node_mask(nid, *mask) {
		ret = aisched_node_check(nid, extack);
		if (ret) {
			NL_SET_BAD_ATTR(extack, attr);
			return ret;
		}
	}
	return 0;
}

static const char *const aisched_placement_names[] = {
	[AISCHED_PLACEMENT_NONE] = "none",
	[AISCHED_PLACEMENT_LOCAL] = "local",
	[AISCHED_PLACEMENT_SPREAD] = "spread",
	[AISCHED_PLACEMENT_PREFER] = "prefer",
};

/* Adds the GPU an attribute names to @place, once. */
static int aisched_nl_place_gpu(struct aisched_place *place,
				const struct nlattr *attr,
				struct netlink_ext_ack *extack)
{
	struct aisched_gpu_info gpu;
	unsigned int i;
	u32 index;
	int ret;

	if (nla_type(attr) == AISCHED_A_TAG_GPU) {
		ret = aisched_gpu_get(nla_data(attr), NULL, &gpu, extack);
	} else {
		index = nla_get_u32(attr);
		ret = aisched_gpu_get(NULL, &index, &gpu, extack);
	}
	if (ret)
		goto bad;
	for (i = 0; i < place->nr_gpus; i++)
		if (!strcmp(place->gpus[i], gpu.addr))
			return 0;
	if (place->nr_gpus == AISCHED_MAX_TAG_GPUS) {
		NL_SET_ERR_MSG_FMT(extack, "a tag names at most %d GPUs",
				   AISCHED_MAX_TAG_GPUS);
		ret = -EINVAL;
		goto bad;
	}
	strscpy(place->gpus[place->nr_gpus++], gpu.addr, sizeof(place->gpus[0]));
	if (place->placement == AISCHED_PLACEMENT_NONE)
		return 0;
	if (gpu.node == NUMA_NO_NODE) {
		NL_SET_ERR_MSG_FMT(extack,
				   "GPU %s has no known NUMA node; set one with 'aisched gpus set'",
				   gpu.addr);
		ret = -EINVAL;
		goto bad;
	}
	ret = aisched_node_check(gpu.node, extack);
	if (ret)
		goto bad;
	node_set(gpu.node, place->target);
	return 0;

bad:
	NL_SET_BAD_ATTR(extack, attr);
	return ret;
}

/*
 * The placement a TAG_SET asks for: NULL (and 0 in @err) if it names no GPU
 * and no node. For a placement other than none, @cpus receives the target
 * nodes' online CPUs.
 */
static struct aisched_place *aisched_nl_parse_place(struct genl_info *info,
						    u32 class, bool has_cpus,
						    struct cpumask *cpus,
						    int *err)
{
	struct nlattr **attrs = info->attrs, *attr;
	struct netlink_ext_ack *extack = info->extack;
	struct aisched_place *place;
	u32 placement;
	int rem, nid;

	*err = -EINVAL;
	if (attrs[AISCHED_A_TAG_PLACEMENT])
		placement = nla_get_u32(attrs[AISCHED_A_TAG_PLACEMENT]);
	else
		placement = class == AISCHED_CLASS_BACKGROUND ?
			    AISCHED_PLACEMENT_NONE : AISCHED_PLACEMENT_LOCAL;
	if (!attrs[AISCHED_A_TAG_GPU] && !attrs[AISCHED_A_TAG_GPU_INDEX] &&
	    !attrs[AISCHED_A_TAG_NODES]) {
		if (attrs[AISCHED_A_TAG_PLACEMENT] &&
		    placement != AISCHED_PLACEMENT_NONE) {
			NL_SET_ERR_MSG_FMT(extack, "placement %s needs GPUs or nodes",
					   aisched_placement_names[placement]);
			return NULL;
		}
		placement = AISCHED_PLACEMENT_NONE;
	}
	if (attrs[AISCHED_A_TAG_MEM] && placement == AISCHED_PLACEMENT_NONE) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[AISCHED_A_TAG_MEM],
				    "mem needs placement local, spread or prefer");
		return NULL;
	}
	if (has_cpus && placement != AISCHED_PLACEMENT_NONE) {
		NL_SET_ERR_MSG(extack,
			       "cpus and GPU or node placement exclude each other");
		return NULL;
	}
	if (attrs[AISCHED_A_TAG_MEM] &&
	    nla_get_u32(attrs[AISCHED_A_TAG_MEM]) == AISCHED_MEM_STRICT &&
	    !aisched_have_mempolicy()) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[AISCHED_A_TAG_MEM],
				    "mem strict needs the mempolicy hook of patches/ in the kernel");
		return NULL;
	}
	if (placement == AISCHED_PLACEMENT_PREFER && !aisched_have_numa_hint()) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[AISCHED_A_TAG_PLACEMENT],
				    "placement prefer needs the numa-hint hook of patches/ in the kernel");
		return NULL;
	}
	*err = 0;
	if (!attrs[AISCHED_A_TAG_GPU] && !attrs[AISCHED_A_TAG_GPU_INDEX] &&
	    !attrs[AISCHED_A_TAG_NODES])
		return NULL;

	*err = -ENOMEM;
	place = kzalloc(sizeof(*place), GFP_KERNEL);
	if (!place)
		return NULL;
	place->placement = placement;
	place->mem = attrs[AISCHED_A_TAG_MEM] ?
		     nla_get_u32(attrs[AISCHED_A_TAG_MEM]) :
		     AISCHED_MEM_PREFERRED;
	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) != AISCHED_A_TAG_GPU &&
		    nla_type(attr) != AISCHED_A_TAG_GPU_INDEX)
			continue;
		*err = aisched_nl_place_gpu(place, attr, extack);
		if (*err)
			goto bad;
	}
	if (attrs[AISCHED_A_TAG_NODES]) {
		*err = aisched_nl_parse_nodes(attrs[AISCHED_A_TAG_NODES],
					      &place->nodes, extack);
		if (*err)
			goto bad;
		place->has_nodes = true;
		if (placement != AISCHED_PLACEMENT_NONE)
			nodes_or(place->target, place->target, place->nodes);
	}
	if (placement == AISCHED_PLACEMENT_NONE)
		return place;

	cpumask_clear(cpus);
	for_each_node_mask(nid, place->target)
		cpumask_or(cpus, cpus, cpumask_of_node(nid));
	if (!cpumask_and(cpus, cpus, cpu_online_mask)) {
		NL_SET_ERR_MSG_FMT(extack, "nodes %*pbl have no CPUs",
				   nodemask_pr_args(&place->target));
		*err = -EINVAL;
		goto bad;
	}
	return place;

bad:
	kfree(place);
	return NULL;
}

/*
 * The quota a TAG_SET asks for. Its node defaults to the tag's GPU node:
 * the single node the tag places its tasks on.
 */
static int aisched_nl_parse_quota(struct genl_info *info,
				  const struct aisched_place *place,
				  struct aisched_quota_req *quota)
{
	struct nlattr **attrs = info->attrs;
	struct netlink_ext_ack *extack = info->extack;

	quota->pages = 0;
	quota->node = NUMA_NO_NODE;
	if (attrs[AISCHED_A_TAG_HUGEPAGES])
		quota->pages = nla_get_u32(attrs[AISCHED_A_TAG_HUGEPAGES]);
	if (attrs[AISCHED_A_TAG_HUGEPAGES_NODE]) {
		if (!quota->pages) {
			NL_SET_ERR_MSG_ATTR(extack,
					    attrs[AISCHED_A_TAG_HUGEPAGES_NODE],
					    "hugepages-node needs hugepages");
			return -EINVAL;
		}
		quota->node = nla_get_u32(attrs[AISCHED_A_TAG_HUGEPAGES_NODE]);
		return 0;
	}
	if (!quota->pages)
		return 0;
	if (!place || place->placement == AISCHED_PLACEMENT_NONE ||
	    nodes_empty(place->target)) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[AISCHED_A_TAG_HUGEPAGES],
				    "hugepages needs a node: the tag has no GPU node");
		return -EINVAL;
	}
	if (nodes_weight(place->target) > 1) {
		NL_SET_ERR_MSG_FMT(extack,
				   "hugepages needs a node: the tag places on nodes %*pbl",
				   nodemask_pr_args(&place->target));
		return -EINVAL;
	}
	quota->node = first_node(place->target);
	return 0;
}

static void aisched_nl_get_u32(struct nlattr **attrs, int type, u32 bit,
			       struct aisched_bundle_req *req, u32 *val)
{
	if (attrs[type]) {
		*val = nla_get_u32(attrs[type]);
		req->given |= bit;
	}
}

static int aisched_nl_tag_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct aisched_bundle_req req = {};
	struct nlattr **attrs = info->attrs;
	struct aisched_quota_req quota;
	struct aisched_place *place;
	struct aisched_bundle b;
	struct aisched_tag *tag;
	cpumask_var_t cpus;
	bool placed;
	struct cgroup *cgrp;
	struct path dir;
	int ret;

	ret = aisched_nl_check_admin(skb, info->extack, AISCHED_NL_TAGS_ADMIN);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, AISCHED_A_TAG_PATH)) {
		NL_SET_ERR_MSG(info->extack, "missing cgroup path");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, AISCHED_A_TAG_CLASS)) {
		NL_SET_ERR_MSG(info->extack, "missing class");
		return -EINVAL;
	}
	req.class = nla_get_u32(attrs[AISCHED_A_TAG_CLASS]);
	aisched_nl_get_u32(attrs, AISCHED_A_TAG_POLICY, AISCHED_REQ_POLICY,
			   &req, &req.policy);
	if (attrs[AISCHED_A_TAG_NICE]) {
		req.nice = nla_get_s32(attrs[AISCHED_A_TAG_NICE]);
		req.given |= AISCHED_REQ_NICE;
	}
	aisched_nl_get_u32(attrs, AISCHED_A_TAG_RT_PRIO, AISCHED_REQ_RT_PRIO,
			   &req, &req.rt_prio);
	aisched_nl_get_u32(attrs, AISCHED_A_TAG_RT_BUDGET_MS,
			   AISCHED_REQ_RT_BUDGET, &req, &req.rt_budget_ms);
	aisched_nl_get_u32(attrs, AISCHED_A_TAG_IO_CLASS, AISCHED_REQ_IO_CLASS,
			   &req, &req.io_class);
	aisched_nl_get_u32(attrs, AISCHED_A_TAG_IO_LEVEL, AISCHED_REQ_IO_LEVEL,
			   &req, &req.io_level);
	aisched_nl_get_u32(attrs, AISCHED_A_TAG_SLICE_US, AISCHED_REQ_SLICE,
			   &req, &req.slice_us);
	ret = aisched_bundle_build(&b, &req, READ_ONCE(aisched_rt_prio_max),
				   aisched_have_custom_slice(), info->extack);
	if (ret)
		return ret;

	if (!zalloc_cpumask_var(&cpus, GFP_KERNEL))
		return -ENOMEM;
	if (attrs[AISCHED_A_TAG_CPUS]) {
		ret = aisched_nl_parse_cpus(attrs[AISCHED_A_TAG_CPUS], cpus,
					    info->extack);
		if (ret)
			goto out_cpus;
	}
	place = aisched_nl_parse_place(info, b.class, attrs[AISCHED_A_TAG_CPUS],
				       cpus, &ret);
	if (ret)
		goto out_cpus;
	ret = aisched_nl_parse_quota(info, place, &quota);
	if (ret)
		goto out_place;

	cgrp = aisched_cgroup_resolve(nla_data(attrs[AISCHED_A_TAG_PATH]), &dir,
				      info->extack);
	if (IS_ERR(cgrp)) {
		ret = PTR_ERR(cgrp);
		goto out_place;
	}
	/* Placement prefer is a hint, never an affinity. */
	placed = place && place->placement != AISCHED_PLACEMENT_NONE &&
		 place->placement != AISCHED_PLACEMENT_PREFER;
	ret = aisched_tag_set(cgrp, &dir, &b,
			      attrs[AISCHED_A_TAG_CPUS] || placed ? cpus : NULL,
			      place, &quota, info->extack, &tag);
	path_put(&dir);
	cgroup_put(cgrp);
	if (ret)
		goto out_place;

	mutex_lock(&aisched_mutex);
	ret = aisched_nl_tag_reply(info, AISCHED_CMD_TAG_SET, tag);
	mutex_unlock(&aisched_mutex);
	aisched_tag_put(tag);
out_place:
	kfree(place);
out_cpus:
	free_cpumask_var(cpus);
	return ret;
}

/* The tag of the cgroup a request names; caller holds aisched_mutex. */
static struct aisched_tag *aisched_nl_find_tag(struct cgroup *cgrp,
					       struct netlink_ext_ack *extack)
{
	struct aisched_tag *tag;
	char *path;

	tag = aisched_tag_find_exact(cgroup_id(cgrp));
	if (tag)
		return tag;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (path)
		aisched_nl_cgroup_path(cgrp, path);
	NL_SET_ERR_MSG_FMT(extack, "%s is not tagged", path ? path : "the cgroup");
	kfree(path);
	return NULL;
}

static int aisched_nl_tag_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct aisched_tag *tag;
	struct cgroup *cgrp;
	int ret;

	ret = aisched_nl_check_admin(skb, info->extack, AISCHED_NL_TAGS_ADMIN);
	if (ret)
		return ret;
	cgrp = aisched_nl_cgroup(info->attrs, info->extack);
	if (IS_ERR(cgrp))
		return PTR_ERR(cgrp);

	mutex_lock(&aisched_mutex);
	tag = aisched_nl_find_tag(cgrp, info->extack);
	if (tag)
		aisched_tag_remove(tag, AISCHED_REMOVE_REASON_UNTAG);
	else
		ret = -ENOENT;
	mutex_unlock(&aisched_mutex);
	cgroup_put(cgrp);
	return ret;
}

static int aisched_nl_tag_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct aisched_tag *tag;
	struct cgroup *cgrp;
	int ret = -ENOENT;

	cgrp = aisched_nl_cgroup(info->attrs, info->extack);
	if (IS_ERR(cgrp))
		return PTR_ERR(cgrp);

	mutex_lock(&aisched_mutex);
	tag = aisched_nl_find_tag(cgrp, info->extack);
	if (tag) {
		aisched_tag_check_overrides(tag);
		ret = aisched_nl_tag_reply(info, AISCHED_CMD_TAG_GET, tag);
	}
	mutex_unlock(&aisched_mutex);
	cgroup_put(cgrp);
	return ret;
}

/*
 * Dump state in cb->args: [0] tags already sent, [1] the cgroup whose
 * subtree the dump lists (a reference; 0 for every tag), [2] set once the
 * request has been checked.
 *
 * A dump's request is checked in its first dumpit call rather than in
 * .start: on 6.1 generic netlink runs .start without an extack, so its
 * refusals would reach user space without a reason. The first call runs
 * in the requester's sendmsg(), so paths resolve in its context; a
 * refusal ends the dump with the error and the message in NLMSG_DONE.
 */
static int aisched_nl_check_overrides_cb(struct aisched_tag *tag, void *arg)
{
	aisched_tag_check_overrides(tag);
	return 0;
}

static int aisched_nl_tag_dump_begin(struct netlink_callback *cb)
{
	struct nlattr *attrs[ARRAY_SIZE(aisched_tag_id_nl_policy)];
	struct cgroup *cgrp = NULL;
	int ret;

	/*
	 * The core has validated the request against the same policy; parsing
	 * it here works alike on every kernel (6.2 moved the parsed
	 * attributes of a dump).
	 */
	ret = nlmsg_parse(cb->nlh, GENL_HDRLEN, attrs,
			  ARRAY_SIZE(aisched_tag_id_nl_policy) - 1,
			  aisched_tag_id_nl_policy, cb->extack);
	if (ret)
		return ret;

	if (attrs[AISCHED_A_TAG_PATH] || attrs[AISCHED_A_TAG_CGROUP_ID]) {
		cgrp = aisched_nl_cgroup(attrs, cb->extack);
		if (IS_ERR(cgrp))
			return PTR_ERR(cgrp);
	}
	cb->args[0] = 0;
	cb->args[1] = (long)cgrp;
	cb->args[2] = 1;

	mutex_lock(&aisched_mutex);
	aisched_tag_for_each(aisched_nl_check_overrides_cb, NULL);
	mutex_unlock(&aisched_mutex);
	return 0;
}

static int aisched_nl_tag_dump_done(struct netlink_callback *cb)
{
	struct cgroup *cgrp = (struct cgroup *)cb->args[1];

	if (cgrp)
		cgroup_put(cgrp);
	return 0;
}

struct aisched_nl_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct cgroup *under;
	char *path;
	long index;
};

static int aisched_nl_tag_dump_one(struct aisched_tag *tag, void *arg)
{
	struct aisched_nl_dump *d = arg;
	void *hdr;

	if (d->index++ < d->cb->args[0])
		return 0;
	if (d->under && !cgroup_is_descendant(tag->cgrp, d->under)) {
		d->cb->args[0] = d->index;
		return 0;
	}
	aisched_nl_cgroup_path(tag->cgrp, d->path);
	hdr = genlmsg_put(d->skb, NETLINK_CB(d->cb->skb).portid,
			  d->cb->nlh->nlmsg_seq, &aisched_nl_family, NLM_F_MULTI,
			  AISCHED_CMD_TAG_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (aisched_nl_tag_fill(d->skb, tag, d->path)) {
		genlmsg_cancel(d->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(d->skb, hdr);
	d->cb->args[0] = d->index;
	return 0;
}

static int aisched_nl_tag_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct aisched_nl_dump d = {
		.skb = skb,
		.cb = cb,
	};
	int ret;

	if (!cb->args[2]) {
		ret = aisched_nl_tag_dump_begin(cb);
		if (ret)
			return ret;
	}
	d.under = (struct cgroup *)cb->args[1];
	d.path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!d.path)
		return -ENOMEM;
	mutex_lock(&aisched_mutex);
	ret = aisched_tag_for_each(aisched_nl_tag_dump_one, &d);
	mutex_unlock(&aisched_mutex);
	kfree(d.path);
	/* A full message is continued in the next; an empty one is the end. */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ? ret : skb->len;
}

/* ------------------------------------------------------------------ */
/* Events                                                              */

/**
 * aisched_event_fill_tag() - the tag part of an event
 * @ev: the event
 * @tag: the tag; the event holds a reference until it is sent
 *
 * Context: any context; @tag must be alive (in the table, or the caller
 * holds aisched_state_lock over a task it covers).
 */
void aisched_event_fill_tag(struct aisched_event *ev, struct aisched_tag *tag)
{
	aisched_tag_get(tag);
	ev->tag = tag;
	ev->cgid = tag->cgid;
	ev->class = tag->bundle.class;
}

/**
 * aisched_event_fill_task() - the tag and task parts of an event
 * @ev: the event
 * @tag: the tag (see aisched_event_fill_tag())
 * @p: the task
 *
 * Context: any context.
 */
void aisched_event_fill_task(struct aisched_event *ev, struct aisched_tag *tag,
			     struct task_struct *p)
{
	aisched_event_fill_tag(ev, tag);
	ev->pid = task_pid_nr(p);
	ev->tgid = task_tgid_nr(p);
	strscpy(ev->comm, p->comm, sizeof(ev->comm));
}

static size_t aisched_event_size(const struct aisched_event *ev)
{
	return nla_total_size(sizeof(u32)) +			/* TYPE */
	       nla_total_size_64bit(sizeof(u64)) +		/* CGROUP_ID */
	       nla_total_size(strlen(ev->tag->cgpath) + 1) +	/* CGROUP */
	       6 * nla_total_size(sizeof(u32)) +		/* CLASS..RUNTIME_MS */
	       nla_total_size(TASK_COMM_LEN) +			/* COMM */
	       2 * nla_total_size(aisched_nl_cpus_len());	/* CPUS, CPUSET */
}

static int aisched_event_fill(struct sk_buff *skb,
			      const struct aisched_event *ev)
{
	if (nla_put_u32(skb, AISCHED_A_EVENT_TYPE, ev->type) ||
	    nla_put_u64_64bit(skb, AISCHED_A_EVENT_CGROUP_ID, ev->cgid,
			      AISCHED_A_EVENT_PAD) ||
	    nla_put_string(skb, AISCHED_A_EVENT_CGROUP, ev->tag->cgpath) ||
	    nla_put_u32(skb, AISCHED_A_EVENT_CLASS, ev->class))
		return -EMSGSIZE;
	if (ev->pid &&
	    (nla_put_u32(skb, AISCHED_A_EVENT_PID, ev->pid) ||
	     nla_put_u32(skb, AISCHED_A_EVENT_TGID, ev->tgid) ||
	     nla_put_string(skb, AISCHED_A_EVENT_COMM, ev->comm)))
		return -EMSGSIZE;
	switch (ev->type) {
	case AISCHED_EVENT_TYPE_TAG_REMOVED:
		return nla_put_u32(skb, AISCHED_A_EVENT_REASON, ev->reason);
	case AISCHED_EVENT_TYPE_OVERRIDE:
		return nla_put_u32(skb, AISCHED_A_EVENT_OVERRIDE, ev->override);
	case AISCHED_EVENT_TYPE_DEMOTION:
		return nla_put_u32(skb, AISCHED_A_EVENT_RUNTIME_MS,
				   ev->runtime_ms);
	case AISCHED_EVENT_TYPE_CONFLICT:
		if (aisched_nl_put_cpus(skb, AISCHED_A_EVENT_CPUS, ev->cpus) ||
		    aisched_nl_put_cpus(skb, AISCHED_A_EVENT_CPUSET, ev->cpuset))
			return -EMSGSIZE;
		return 0;
	}
	return 0;
}

/**
 * aisched_event_send() - multicast an event on the events group
 * @ev: the event; its tag reference is dropped
 * @gfp: allocation flags for the caller's context
 *
 * Events go to listeners in the initial network namespace only: they name
 * cgroups and tasks of the whole host. Nothing is built without listeners.
 *
 * Context: any context allowed by @gfp.
 */
void aisched_event_send(struct aisched_event *ev, gfp_t gfp)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&aisched_nl_family, &init_net, 0))
		goto out;
	msg = genlmsg_new(aisched_event_size(ev), gfp);
	if (!msg)
		goto out;
	hdr = genlmsg_put(msg, 0, 0, &aisched_nl_family, 0, AISCHED_CMD_EVENT);
	if (!hdr || aisched_event_fill(msg, ev)) {
		nlmsg_free(msg);
		WARN_ON_ONCE(1);	/* aisched_event_size() is exact */
		goto out;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast(&aisched_nl_family, msg, 0, 0, gfp);
out:
	aisched_tag_put(ev->tag);
}

/* ------------------------------------------------------------------ */
/* GPUs                                                                */

static size_t aisched_nl_gpu_size(const struct aisched_gpu_info *gpu)
{
	return 5 * nla_total_size(sizeof(u32)) +	/* INDEX, CLASS, NODE... */
	       2 * nla_total_size(sizeof(u16)) +	/* VENDOR, DEVICE */
	       nla_total_size(strlen(gpu->addr) + 1) +	/* ADDRESS */
	       nla_total_size(aisched_nl_cpus_len());	/* CPUS */
}

static int aisched_nl_gpu_fill(struct sk_buff *skb,
			       const struct aisched_gpu_info *gpu)
{
	cpumask_var_t cpus;
	int ret = -EMSGSIZE;

	if (nla_put_u32(skb, AISCHED_A_GPU_INDEX, gpu->index) ||
	    nla_put_string(skb, AISCHED_A_GPU_ADDRESS, gpu->addr) ||
	    nla_put_u16(skb, AISCHED_A_GPU_VENDOR, gpu->vendor) ||
	    nla_put_u16(skb, AISCHED_A_GPU_DEVICE, gpu->device) ||
	    nla_put_u32(skb, AISCHED_A_GPU_CLASS, gpu->class) ||
	    nla_put_s32(skb, AISCHED_A_GPU_NODE, gpu->node) ||
	    nla_put_u32(skb, AISCHED_A_GPU_NODE_SOURCE, gpu->source) ||
	    nla_put_s32(skb, AISCHED_A_GPU_DISCOVERED_NODE, gpu->disc_node))
		return -EMSGSIZE;
	if (gpu->node == NUMA_NO_NODE)
		return 0;
	if (!alloc_cpumask_var(&cpus, GFP_KERNEL))
		return -ENOMEM;
	cpumask_and(cpus, cpumask_of_node(gpu->node), cpu_online_mask);
	ret = aisched_nl_put_cpus(skb, AISCHED_A_GPU_CPUS, cpus);
	free_cpumask_var(cpus);
	return ret;
}

static int aisched_nl_gpu_fill_cb(struct sk_buff *skb, const void *arg)
{
	return aisched_nl_gpu_fill(skb, arg);
}

/* The GPU name of a GPU_GET or GPU_SET: address, index, or neither. */
static void aisched_nl_gpu_name(struct nlattr **attrs, const char **addr,
				const u32 **index, u32 *buf)
{
	*addr = attrs[AISCHED_A_GPU_ADDRESS] ?
		nla_data(attrs[AISCHED_A_GPU_ADDRESS]) : NULL;
	*index = NULL;
	if (attrs[AISCHED_A_GPU_INDEX]) {
		*buf = nla_get_u32(attrs[AISCHED_A_GPU_INDEX]);
		*index = buf;
	}
}

static int aisched_nl_gpu_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct aisched_gpu_info gpu;
	const u32 *index;
	const char *addr;
	u32 buf;
	int ret;

	aisched_nl_gpu_name(info->attrs, &addr, &index, &buf);
	ret = aisched_gpu_get(addr, index, &gpu, info->extack);
	if (ret)
		return ret;
	return aisched_nl_reply(info, AISCHED_CMD_GPU_GET,
				aisched_nl_gpu_size(&gpu),
				aisched_nl_gpu_fill_cb, &gpu);
}

static int aisched_nl_gpu_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct aisched_gpu_info gpu;
	const u32 *index;
	const char *addr;
	u32 buf;
	int ret;

	ret = aisched_nl_check_admin(skb, info->extack,
				     "changing a GPU's node needs CAP_SYS_ADMIN");
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, AISCHED_A_GPU_NODE)) {
		NL_SET_ERR_MSG(info->extack, "missing node");
		return -EINVAL;
	}
	aisched_nl_gpu_name(info->attrs, &addr, &index, &buf);
	ret = aisched_gpu_set_node(addr, index,
				   nla_get_s32(info->attrs[AISCHED_A_GPU_NODE]),
				   &gpu, info->extack);
	if (ret)
		return ret;
	return aisched_nl_reply(info, AISCHED_CMD_GPU_SET,
				aisched_nl_gpu_size(&gpu),
				aisched_nl_gpu_fill_cb, &gpu);
}

/* A GPU dump's request, checked as a tag dump's is (see there). */
static int aisched_nl_gpu_dump_begin(struct netlink_callback *cb)
{
	struct nlattr *attrs[ARRAY_SIZE(aisched_gpu_get_nl_policy)];
	int ret;

	ret = nlmsg_parse(cb->nlh, GENL_HDRLEN, attrs,
			  ARRAY_SIZE(aisched_gpu_get_nl_policy) - 1,
			  aisched_gpu_get_nl_policy, cb->extack);
	if (ret)
		return ret;
	if (attrs[AISCHED_A_GPU_INDEX] || attrs[AISCHED_A_GPU_ADDRESS]) {
		NL_SET_ERR_MSG(cb->extack,
			       "a GPU dump lists every GPU; it takes no index or address");
		return -EINVAL;
	}
	cb->args[1] = 1;
	return 0;
}

/*
 * Dump state in cb->args: [0] the index of the next GPU to send, [1] set
 * once the request has been checked.
 */
static int aisched_nl_gpu_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct aisched_gpu_info gpu;
	void *hdr;
	int ret;

	if (!cb->args[1]) {
		ret = aisched_nl_gpu_dump_begin(cb);
		if (ret)
			return ret;
	}
	while (!aisched_gpu_get_nth(cb->args[0], &gpu)) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &aisched_nl_family,
				  NLM_F_MULTI, AISCHED_CMD_GPU_GET);
		if (!hdr)
			break;
		ret = aisched_nl_gpu_fill(skb, &gpu);
		if (ret) {
			genlmsg_cancel(skb, hdr);
			if (ret != -EMSGSIZE)
				return ret;
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0]++;
	}
	return skb->len;
}

/* ------------------------------------------------------------------ */
/* The huge-page pool                                                  */

static int aisched_nl_pool_fill(struct sk_buff *skb, const void *arg)
{
	const struct aisched_pool_info *pool = arg;

	if (nla_put_u32(skb, AISCHED_A_POOL_NODE, pool->node) ||
	    nla_put_u32(skb, AISCHED_A_POOL_TOTAL, pool->total) ||
	    nla_put_u32(skb, AISCHED_A_POOL_FREE, pool->free) ||
	    nla_put_u32(skb, AISCHED_A_POOL_RESERVED, pool->reserved) ||
	    nla_put_u32(skb, AISCHED_A_POOL_IN_USE, pool->in_use) ||
	    nla_put_u32(skb, AISCHED_A_POOL_CAPACITY, pool->capacity) ||
	    nla_put_u32(skb, AISCHED_A_POOL_HELD, pool->held))
		return -EMSGSIZE;
	return 0;
}

static size_t aisched_nl_pool_size(void)
{
	return 7 * nla_total_size(sizeof(u32));
}

static int aisched_nl_pool_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct aisched_pool_info pool;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, AISCHED_A_POOL_NODE)) {
		NL_SET_ERR_MSG(info->extack, "missing node");
		return -EINVAL;
	}
	ret = aisched_pool_get(nla_get_u32(info->attrs[AISCHED_A_POOL_NODE]),
			       &pool, info->extack);
	if (ret)
		return ret;
	return aisched_nl_reply(info, AISCHED_CMD_POOL_GET,
				aisched_nl_pool_size(), aisched_nl_pool_fill,
				&pool);
}

static int aisched_nl_pool_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct aisched_pool_info pool;
	int ret;

	ret = aisched_nl_check_admin(skb, info->extack,
				     "changing the pool needs CAP_SYS_ADMIN");
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, AISCHED_A_POOL_NODE)) {
		NL_SET_ERR_MSG(info->extack, "missing node");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, AISCHED_A_POOL_PAGES)) {
		NL_SET_ERR_MSG(info->extack, "missing pages");
		return -EINVAL;
	}
	ret = aisched_pool_set(nla_get_u32(info->attrs[AISCHED_A_POOL_NODE]),
			       nla_get_u32(info->attrs[AISCHED_A_POOL_PAGES]),
			       &pool, info->extack);
	if (ret)
		return ret;
	return aisched_nl_reply(info, AISCHED_CMD_POOL_SET,
				aisched_nl_pool_size(), aisched_nl_pool_fill,
				&pool);
}

/*
 * Dump state in cb->args: [0] the node to look at next, [1] set once the
 * request has been checked (as a tag dump's is, see there).
 */
static int aisched_nl_pool_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb)
{
	struct nlattr *attrs[ARRAY_SIZE(aisched_pool_get_nl_policy)];
	struct aisched_pool_info pool;
	void *hdr;
	int nid, ret;

	if (!cb->args[1]) {
		ret = nlmsg_parse(cb->nlh, GENL_HDRLEN, attrs,
				  ARRAY_SIZE(aisched_pool_get_nl_policy) - 1,
				  aisched_pool_get_nl_policy, cb->extack);
		if (ret)
			return ret;
		if (attrs[AISCHED_A_POOL_NODE]) {
			NL_SET_ERR_MSG(cb->extack,
				       "a pool dump lists every node; it takes no node");
			return -EINVAL;
		}
		cb->args[1] = 1;
	}
	while ((nid = aisched_pool_get_next(cb->args[0], &pool)) >= 0) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &aisched_nl_family,
				  NLM_F_MULTI, AISCHED_CMD_POOL_GET);
		if (!hdr)
			break;
		if (aisched_nl_pool_fill(skb, &pool)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = nid + 1;
	}
	return skb->len;
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
	{
		.cmd = AISCHED_CMD_TAG_SET,
		.doit = aisched_nl_tag_set_doit,
		.policy = aisched_tag_set_nl_policy,
		.maxattr = AISCHED_A_TAG_SLICE_US,
	},
	{
		.cmd = AISCHED_CMD_TAG_DEL,
		.doit = aisched_nl_tag_del_doit,
		.policy = aisched_tag_id_nl_policy,
		.maxattr = AISCHED_A_TAG_CGROUP_ID,
	},
	{
		.cmd = AISCHED_CMD_TAG_GET,
		.doit = aisched_nl_tag_get_doit,
		.dumpit = aisched_nl_tag_dumpit,
		.done = aisched_nl_tag_dump_done,
		.policy = aisched_tag_id_nl_policy,
		.maxattr = AISCHED_A_TAG_CGROUP_ID,
	},
	{
		.cmd = AISCHED_CMD_GPU_GET,
		.doit = aisched_nl_gpu_get_doit,
		.dumpit = aisched_nl_gpu_dumpit,
		.policy = aisched_gpu_get_nl_policy,
		.maxattr = AISCHED_A_GPU_ADDRESS,
	},
	{
		.cmd = AISCHED_CMD_GPU_SET,
		.doit = aisched_nl_gpu_set_doit,
		.policy = aisched_gpu_set_nl_policy,
		.maxattr = AISCHED_A_GPU_NODE,
	},
	{
		.cmd = AISCHED_CMD_POOL_GET,
		.doit = aisched_nl_pool_get_doit,
		.dumpit = aisched_nl_pool_dumpit,
		.policy = aisched_pool_get_nl_policy,
		.maxattr = AISCHED_A_POOL_NODE,
	},
	{
		.cmd = AISCHED_CMD_POOL_SET,
		.doit = aisched_nl_pool_set_doit,
		.policy = aisched_pool_set_nl_policy,
		.maxattr = AISCHED_A_POOL_PAGES,
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
