/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: the generic-netlink family.
 */

#ifndef _AISCHED_NETLINK_H
#define _AISCHED_NETLINK_H

#include <linux/skbuff.h>
#include <linux/types.h>

struct aisched_topo;
struct aisched_node_snap;

int aisched_nl_register(void);
void aisched_nl_unregister(void);

size_t aisched_nl_node_size(void);
int aisched_nl_node_fill(struct sk_buff *skb,
			 const struct aisched_node_snap *node);
size_t aisched_nl_info_size(const struct aisched_topo *topo);
int aisched_nl_info_fill(struct sk_buff *skb, const struct aisched_topo *topo,
			 u64 features);

#endif /* _AISCHED_NETLINK_H */
