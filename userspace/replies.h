/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decoded replies gathered in a list: the objects of a dump, or the one
 * reply of a single request, whatever their type.
 */

#ifndef AISCHED_REPLIES_H
#define AISCHED_REPLIES_H

#include <stddef.h>

#include <linux/netlink.h>
#include <netlink/msg.h>

struct aisched_nl;

/**
 * struct aisched_reply_type - how one kind of reply decodes
 * @size: the size of a decoded reply
 * @decode: decodes a reply into its object; prints why it fails
 * @free: frees what @decode allocated, whatever it returned; NULL if it
 *	allocates nothing
 */
struct aisched_reply_type {
	size_t size;
	int (*decode)(struct nlmsghdr *nlh, void *item);
	void (*free)(void *item);
};

/**
 * struct aisched_reply_list - decoded replies, in the order received
 * @type: how they decode
 * @items: the decoded replies, @type->size bytes each
 * @nr: how many
 *
 * Start one empty with AISCHED_REPLY_LIST(&type); free it with
 * aisched_reply_list_free().
 */
struct aisched_reply_list {
	const struct aisched_reply_type *type;
	void *items;
	size_t nr;
};

#define AISCHED_REPLY_LIST(t)	{ .type = (t), .items = NULL, .nr = 0 }

int aisched_reply_list_add(struct aisched_reply_list *list,
			   struct nlmsghdr *nlh);
void aisched_reply_list_free(struct aisched_reply_list *list);
int aisched_reply_list_dump_cb(struct nl_msg *msg, void *arg);
int aisched_reply_list_one_cb(struct nl_msg *msg, void *arg);
int aisched_request_dump(struct aisched_nl *nl, struct nl_msg *msg,
			 struct aisched_reply_list *list, const char *what);
int aisched_request_one(struct aisched_nl *nl, struct nl_msg *msg,
			struct aisched_reply_list *list, const char *what);

#endif /* AISCHED_REPLIES_H */
