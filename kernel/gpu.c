// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: the GPUs and accelerators on PCI, and their NUMA nodes.
 *
 * A GPU is a PCI device of class display (0x0300 VGA, 0x0302 3D, 0x0380
 * other) or processing accelerator (0x1200), of any vendor, unless the
 * gpu_ids parameter says otherwise. The list is built at load and kept
 * current by a PCI bus notifier; it is kept in PCI-address order, which
 * gives each GPU its index.
 *
 * A GPU's node is what the device reports (dev_to_node()), or else what
 * its nearest bridge reports; firmware often reports neither, and then an
 * administrator gives one with GPU_SET. Such overrides are kept by address
 * apart from the list, so that they survive a hot-unplug and replug of the
 * device (a reset, a rescan).
 *
 * Locking: gpu.h.
 */

#include <kunit/visibility.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/moduleparam.h>
#include <linux/netlink.h>
#include <linux/nodemask.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compat.h"
#include "gpu.h"

static char *gpu_ids;
module_param(gpu_ids, charp, 0444);
MODULE_PARM_DESC(gpu_ids,
		 "Narrow or extend which PCI devices are GPUs: rules [+|-]VVVV:DDDD (hex, * for any), comma-separated; the last matching rule decides, else the PCI class");

/**
 * struct aisched_gpu - a GPU in the list
 * @list: entry in aisched_gpus, in @key order
 * @key: PCI domain, bus and devfn as one number, the sort key
 * @info: what GPU_GET reports, but @info.index, @info.node and
 *	@info.source, which are worked out when asked
 */
struct aisched_gpu {
	struct list_head list;
	u64 key;
	struct aisched_gpu_info info;
};

/**
 * struct aisched_gpu_override - a node an administrator gave a GPU
 * @list: entry in aisched_gpu_overrides
 * @addr: the GPU's PCI address
 * @node: the node
 */
struct aisched_gpu_override {
	struct list_head list;
	char addr[AISCHED_MAX_GPU_ADDR_LEN + 1];
	int node;
};

static DEFINE_MUTEX(aisched_gpu_mutex);
static LIST_HEAD(aisched_gpus);			/* aisched_gpu_mutex */
static unsigned int aisched_nr_gpus;		/* aisched_gpu_mutex */
static LIST_HEAD(aisched_gpu_overrides);	/* aisched_gpu_mutex */
static struct aisched_gpu_rules aisched_gpu_rules;	/* set at init */

/* One vendor or device field of a rule: "*" or one to four hex digits. */
static int aisched_gpu_id_parse(const char *s, u32 *id)
{
	u16 v;

	if (!strcmp(s, "*")) {
		*id = U32_MAX;
		return 0;
	}
	if (!*s || strlen(s) > 4 || kstrtou16(s, 16, &v))
		return -EINVAL;
	*id = v;
	return 0;
}

/**
 * aisched_gpu_rules_parse() - parse the gpu_ids parameter
 * @s: the parameter, or NULL
 * @rules: filled in
 * @bad: receives the token refused
 * @badlen: size of @bad
 * @why: receives the reason a token was refused
 *
 * Rules are separated by commas; each is an optional "+" (the default) or
 * "-", then vendor:device in hex, either of which may be "*".
 *
 * Context: any context.
 * Return: 0, or -EINVAL with @bad and @why set.
 */
int aisched_gpu_rules_parse(const char *s, struct aisched_gpu_rules *rules,
			    char *bad, size_t badlen, const char **why)
{
	char tok[16], *dev;
	const char *end;
	size_t len;

	memset(rules, 0, sizeof(*rules));
	if (!s || !*s)
		return 0;
	for (;;) {
		struct aisched_gpu_rule *r = &rules->rule[rules->nr];

		end = strchrnul(s, ',');
		len = end - s;
		strscpy(bad, s, min(len + 1, badlen));
		if (!len) {
			*why = "empty rule";
			return -EINVAL;
		}
		if (len >= sizeof(tok)) {
			*why = "too long for [+|-]VVVV:DDDD";
			return -EINVAL;
		}
		if (rules->nr == AISCHED_GPU_RULES_MAX) {
			*why = "more than 32 rules";
			return -EINVAL;
		}
		memcpy(tok, s, len);
		tok[len] = '\0';
		r->add = tok[0] != '-';
		dev = tok + (tok[0] == '-' || tok[0] == '+');
		dev = strchr(dev, ':');
		if (!dev) {
			*why = "expected vendor:device";
			return -EINVAL;
		}
		*dev++ = '\0';
		if (aisched_gpu_id_parse(tok + (tok[0] == '-' || tok[0] == '+'),
					 &r->vendor) ||
		    aisched_gpu_id_parse(dev, &r->device)) {
			*why = "vendor and device must be 1-4 hex digits or *";
			return -EINVAL;
		}
		rules->nr++;
		if (!*end)
			break;
		s = end + 1;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_gpu_rules_parse);

/**
 * aisched_gpu_class_match() - is this PCI class a GPU's or an accelerator's?
 * @class: PCI class code, 24 bits (class, subclass, programming interface)
 *
 * Context: any context.
 * Return: true for 0x0300, 0x0302, 0x0380 and 0x1200, any interface.
 */
bool aisched_gpu_class_match(u32 class)
{
	switch (class >> 8) {
	case PCI_CLASS_DISPLAY_VGA:
	case PCI_CLASS_DISPLAY_3D:
	case PCI_CLASS_DISPLAY_OTHER:
	case PCI_CLASS_ACCELERATOR_PROCESSING:
		return true;
	default:
		return false;
	}
}
EXPORT_SYMBOL_IF_KUNIT(aisched_gpu_class_match);

/**
 * aisched_gpu_wanted() - does aisched treat this device as a GPU?
 * @rules: the gpu_ids rules
 * @vendor: PCI vendor id
 * @device: PCI device id
 * @class: PCI class code, 24 bits
 *
 * Context: any context.
 * Return: the decision of the last rule that matches, else the class's.
 */
bool aisched_gpu_wanted(const struct aisched_gpu_rules *rules, u16 vendor,
			u16 device, u32 class)
{
	bool wanted = aisched_gpu_class_match(class);
	unsigned int i;

	for (i = 0; i < rules->nr; i++) {
		const struct aisched_gpu_rule *r = &rules->rule[i];

		if ((r->vendor == U32_MAX || r->vendor == vendor) &&
		    (r->device == U32_MAX || r->device == device))
			wanted = r->add;
	}
	return wanted;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_gpu_wanted);

/* The node of the device, else of its nearest ancestor that has one. */
static int aisched_gpu_find_node(struct pci_dev *pdev)
{
	struct device *dev;
	int nid;

	for (dev = &pdev->dev; dev; dev = dev->parent) {
		nid = dev_to_node(dev);
		if (nid != NUMA_NO_NODE)
			return nid;
	}
	return NUMA_NO_NODE;
}

static u64 aisched_gpu_key(struct pci_dev *pdev)
{
	return (u64)pci_domain_nr(pdev->bus) << 16 |
	       pdev->bus->number << 8 | pdev->devfn;
}

static void aisched_gpu_add(struct pci_dev *pdev)
{
	struct aisched_gpu *gpu, *pos;
	u64 key = aisched_gpu_key(pdev);

	if (!aisched_gpu_wanted(&aisched_gpu_rules, pdev->vendor, pdev->device,
				pdev->class))
		return;
	gpu = kzalloc(sizeof(*gpu), GFP_KERNEL);
	if (!gpu) {
		pr_warn("GPU %s: out of memory; it is not listed\n",
			pci_name(pdev));
		return;
	}
	gpu->key = key;
	strscpy(gpu->info.addr, pci_name(pdev), sizeof(gpu->info.addr));
	gpu->info.vendor = pdev->vendor;
	gpu->info.device = pdev->device;
	gpu->info.class = pdev->class;
	gpu->info.disc_node = aisched_gpu_find_node(pdev);

	mutex_lock(&aisched_gpu_mutex);
	list_for_each_entry(pos, &aisched_gpus, list) {
		if (pos->key == key) {	/* listed already */
			mutex_unlock(&aisched_gpu_mutex);
			kfree(gpu);
			return;
		}
		if (pos->key > key)
			break;
	}
	list_add_tail(&gpu->list, &pos->list);
	aisched_nr_gpus++;
	mutex_unlock(&aisched_gpu_mutex);
	pr_info("GPU %s (%04x:%04x, class %06x) on node %d\n", gpu->info.addr,
		gpu->info.vendor, gpu->info.device, gpu->info.class,
		gpu->info.disc_node);
}

static void aisched_gpu_del(struct pci_dev *pdev)
{
	struct aisched_gpu *gpu;
	u64 key = aisched_gpu_key(pdev);

	mutex_lock(&aisched_gpu_mutex);
	list_for_each_entry(gpu, &aisched_gpus, list) {
		if (gpu->key == key) {
			list_del(&gpu->list);
			aisched_nr_gpus--;
			mutex_unlock(&aisched_gpu_mutex);
			pr_info("GPU %s removed\n", gpu->info.addr);
			kfree(gpu);
			return;
		}
	}
	mutex_unlock(&aisched_gpu_mutex);
}

static int aisched_gpu_notify(struct notifier_block *nb, unsigned long action,
			      void *data)
{
	struct pci_dev *pdev = to_pci_dev(data);

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		aisched_gpu_add(pdev);
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		aisched_gpu_del(pdev);
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block aisched_gpu_nb = {
	.notifier_call = aisched_gpu_notify,
};

static struct aisched_gpu_override *aisched_gpu_override_find(const char *addr)
{
	struct aisched_gpu_override *o;

	lockdep_assert_held(&aisched_gpu_mutex);
	list_for_each_entry(o, &aisched_gpu_overrides, list)
		if (!strcmp(o->addr, addr))
			return o;
	return NULL;
}

/* Copies out a GPU with its index and effective node. */
static void aisched_gpu_fill(const struct aisched_gpu *gpu, unsigned int index,
			     struct aisched_gpu_info *out)
{
	struct aisched_gpu_override *o;

	lockdep_assert_held(&aisched_gpu_mutex);
	*out = gpu->info;
	out->index = index;
	o = aisched_gpu_override_find(gpu->info.addr);
	if (o) {
		out->node = o->node;
		out->source = AISCHED_NODE_SOURCE_OVERRIDE;
	} else if (gpu->info.disc_node != NUMA_NO_NODE) {
		out->node = gpu->info.disc_node;
		out->source = AISCHED_NODE_SOURCE_DISCOVERED;
	} else {
		out->node = NUMA_NO_NODE;
		out->source = AISCHED_NODE_SOURCE_UNKNOWN;
	}
}

/* The GPU a request names, and its index; sets an error message if none. */
static struct aisched_gpu *aisched_gpu_find(const char *addr, const u32 *index,
					    unsigned int *pos,
					    struct netlink_ext_ack *extack)
{
	struct aisched_gpu *gpu;
	unsigned int i = 0;

	lockdep_assert_held(&aisched_gpu_mutex);
	list_for_each_entry(gpu, &aisched_gpus, list) {
		if (addr ? !strcmp(gpu->info.addr, addr) : i == *index) {
			*pos = i;
			return gpu;
		}
		i++;
	}
	if (addr)
		NL_SET_ERR_MSG_FMT(extack, "no GPU at PCI address %s", addr);
	else
		NL_SET_ERR_MSG_FMT(extack, "GPU index %u is out of range (%u GPUs)",
				   *index, aisched_nr_gpus);
	return NULL;
}

static int aisched_gpu_name_check(const char *addr, const u32 *index,
				  struct netlink_ext_ack *extack)
{
	if (!addr && !index) {
		NL_SET_ERR_MSG(extack, "name a GPU by index or by address");
		return -EINVAL;
	}
	if (addr && index) {
		NL_SET_ERR_MSG(extack,
			       "name a GPU by index or by address, not both");
		return -EINVAL;
	}
	return 0;
}

/**
 * aisched_gpu_get() - look up a GPU by PCI address or by index
 * @addr: PCI address, or NULL
 * @index: index, or NULL; exactly one of @addr and @index is given
 * @out: the GPU
 * @extack: where a refusal's message goes
 *
 * Context: process context; takes aisched_gpu_mutex.
 * Return: 0, -EINVAL (neither or both named), -ENODEV (no GPU at @addr)
 * or -ERANGE (@index out of range), with a message in @extack.
 */
int aisched_gpu_get(const char *addr, const u32 *index,
		    struct aisched_gpu_info *out, struct netlink_ext_ack *extack)
{
	struct aisched_gpu *gpu;
	unsigned int pos;
	int ret;

	ret = aisched_gpu_name_check(addr, index, extack);
	if (ret)
		return ret;
	mutex_lock(&aisched_gpu_mutex);
	gpu = aisched_gpu_find(addr, index, &pos, extack);
	if (gpu)
		aisched_gpu_fill(gpu, pos, out);
	mutex_unlock(&aisched_gpu_mutex);
	if (!gpu)
		return addr ? -ENODEV : -ERANGE;
	return 0;
}

/**
 * aisched_gpu_get_nth() - the GPU at an index, for a dump
 * @index: the index
 * @out: the GPU
 *
 * Context: process context; takes aisched_gpu_mutex.
 * Return: 0, or -ENOENT past the last GPU.
 */
int aisched_gpu_get_nth(unsigned int index, struct aisched_gpu_info *out)
{
	struct aisched_gpu *gpu;
	unsigned int pos;
	int ret;

	mutex_lock(&aisched_gpu_mutex);
	gpu = aisched_gpu_find(NULL, &index, &pos, NULL);
	if (gpu)
		aisched_gpu_fill(gpu, pos, out);
	ret = gpu ? 0 : -ENOENT;
	mutex_unlock(&aisched_gpu_mutex);
	return ret;
}

/**
 * aisched_node_check() - may work be placed on this node?
 * @node: node id
 * @extack: where a refusal's message goes
 *
 * Context: any context.
 * Return: 0 if @node is online and has memory, else -EINVAL with a message.
 */
int aisched_node_check(int node, struct netlink_ext_ack *extack)
{
	if (node < 0 || node >= nr_node_ids || !node_online(node)) {
		NL_SET_ERR_MSG_FMT(extack, "node %d is not online", node);
		return -EINVAL;
	}
	if (!node_state(node, N_MEMORY)) {
		NL_SET_ERR_MSG_FMT(extack, "node %d has no memory", node);
		return -EINVAL;
	}
	return 0;
}

/**
 * aisched_gpu_set_node() - give a GPU a node, or take the override back
 * @addr: PCI address, or NULL
 * @index: index, or NULL; exactly one of @addr and @index is given
 * @node: the node, or NUMA_NO_NODE to remove the override
 * @out: the GPU afterwards
 * @extack: where a refusal's message goes
 *
 * Context: process context; takes aisched_gpu_mutex.
 * Return: 0, or as aisched_gpu_get(), -EINVAL for a node that is offline
 * or has no memory, -ENOMEM; a refusal changes nothing.
 */
int aisched_gpu_set_node(const char *addr, const u32 *index, int node,
			 struct aisched_gpu_info *out,
			 struct netlink_ext_ack *extack)
{
	struct aisched_gpu_override *o, *new = NULL;
	struct aisched_gpu *gpu;
	unsigned int pos;
	int ret;

	ret = aisched_gpu_name_check(addr, index, extack);
	if (ret)
		return ret;
	if (node != NUMA_NO_NODE) {
		ret = aisched_node_check(node, extack);
		if (ret)
			return ret;
		new = kzalloc(sizeof(*new), GFP_KERNEL);
		if (!new)
			return -ENOMEM;
	}

	mutex_lock(&aisched_gpu_mutex);
	gpu = aisched_gpu_find(addr, index, &pos, extack);
	if (!gpu) {
		ret = addr ? -ENODEV : -ERANGE;
		goto unlock;
	}
	o = aisched_gpu_override_find(gpu->info.addr);
	if (o && new) {
		o->node = node;
	} else if (new) {
		strscpy(new->addr, gpu->info.addr, sizeof(new->addr));
		new->node = node;
		list_add_tail(&new->list, &aisched_gpu_overrides);
		new = NULL;
	} else if (o) {
		list_del(&o->list);
		kfree(o);
	}
	aisched_gpu_fill(gpu, pos, out);
	pr_info("GPU %s: node %d (%s)\n", out->addr, out->node,
		node == NUMA_NO_NODE ? "override removed" : "override");
unlock:
	mutex_unlock(&aisched_gpu_mutex);
	kfree(new);
	return ret;
}

/**
 * aisched_gpu_init() - parse gpu_ids and find the GPUs present
 *
 * The notifier goes first, so that no device added meanwhile is missed;
 * a device both notified and found is listed once.
 *
 * Context: process context, module init.
 * Return: 0, or -EINVAL for a malformed gpu_ids (logged).
 */
int aisched_gpu_init(void)
{
	struct pci_dev *pdev = NULL;
	const char *why = NULL;
	char bad[24];
	int ret;

	ret = aisched_gpu_rules_parse(gpu_ids, &aisched_gpu_rules, bad,
				      sizeof(bad), &why);
	if (ret) {
		pr_err("gpu_ids: bad rule '%s': %s\n", bad, why);
		return ret;
	}
	ret = bus_register_notifier(&pci_bus_type, &aisched_gpu_nb);
	if (ret)
		return ret;
	for_each_pci_dev(pdev)
		aisched_gpu_add(pdev);
	return 0;
}

/**
 * aisched_gpu_exit() - forget the GPUs and the overrides
 *
 * Context: process context, module exit or a failed init.
 */
void aisched_gpu_exit(void)
{
	struct aisched_gpu_override *o, *otmp;
	struct aisched_gpu *gpu, *tmp;

	bus_unregister_notifier(&pci_bus_type, &aisched_gpu_nb);
	mutex_lock(&aisched_gpu_mutex);
	list_for_each_entry_safe(gpu, tmp, &aisched_gpus, list) {
		list_del(&gpu->list);
		kfree(gpu);
	}
	aisched_nr_gpus = 0;
	list_for_each_entry_safe(o, otmp, &aisched_gpu_overrides, list) {
		list_del(&o->list);
		kfree(o);
	}
	mutex_unlock(&aisched_gpu_mutex);
}
