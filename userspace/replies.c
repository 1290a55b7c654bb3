// SPDX-License-Identifier: GPL-2.0
/*
 * Decoded replies gathered in a list.
 *
 * A dump's replies are decoded one by one into a growing array; a single
 * request's reply into a list of one, which refuses a second. A reply that
 * does not decode fails the request and leaves the list as it was.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aisched.h"
#include "decode.h"
#include "nl.h"
#include "replies.h"

/**
 * aisched_reply_list_add() - decode one reply into a list
 * @list: the list, appended to
 * @nlh: the reply
 *
 * Return: 0, -ENOMEM, or what the type's decode returned; on failure the
 * list is as before, and why has been printed.
 */
int aisched_reply_list_add(struct aisched_reply_list *list,
			   struct nlmsghdr *nlh)
{
	const struct aisched_reply_type *type = list->type;
	char *items, *item;
	int ret;

	items = realloc(list->items, (list->nr + 1) * type->size);
	if (!items) {
		fputs("aisched: out of memory\n", aisched_err);
		return -ENOMEM;
	}
	list->items = items;
	item = items + list->nr * type->size;
	memset(item, 0, type->size);
	ret = type->decode(nlh, item);
	if (ret) {
		if (type->free)
			type->free(item);
		return ret;
	}
	list->nr++;
	return 0;
}

/**
 * aisched_reply_list_free() - free a list and what its replies hold
 * @list: the list; it is left empty, of the same type
 */
void aisched_reply_list_free(struct aisched_reply_list *list)
{
	const struct aisched_reply_type *type = list->type;
	size_t i;

	for (i = 0; type->free && i < list->nr; i++)
		type->free((char *)list->items + i * type->size);
	free(list->items);
	list->items = NULL;
	list->nr = 0;
}

/**
 * aisched_reply_list_dump_cb() - aisched_nl_request()'s callback for a dump
 * @msg: one reply
 * @arg: the struct aisched_reply_list to append it to
 *
 * Return: as aisched_reply_list_add().
 */
int aisched_reply_list_dump_cb(struct nl_msg *msg, void *arg)
{
	return aisched_reply_list_add(arg, nlmsg_hdr(msg));
}

/**
 * aisched_reply_list_one_cb() - aisched_nl_request()'s callback for a
 *	single request
 * @msg: the reply
 * @arg: the struct aisched_reply_list, empty before the request
 *
 * Return: as aisched_reply_list_add(), or -EBADMSG for a second reply.
 */
int aisched_reply_list_one_cb(struct nl_msg *msg, void *arg)
{
	struct aisched_reply_list *list = arg;

	if (list->nr)
		return aisched_bad_reply("more than one reply to a single request");
	return aisched_reply_list_add(list, nlmsg_hdr(msg));
}

/**
 * aisched_request_dump() - send a dump request, and decode its replies
 * @nl: handle from aisched_nl_open()
 * @msg: the request, with NLM_F_DUMP; always consumed
 * @list: the replies are appended to it; free it whatever the result
 * @what: what the request does, for messages
 *
 * Return: as aisched_nl_request().
 */
int aisched_request_dump(struct aisched_nl *nl, struct nl_msg *msg,
			 struct aisched_reply_list *list, const char *what)
{
	return aisched_nl_request(nl, msg, aisched_reply_list_dump_cb, list, what);
}

/**
 * aisched_request_one() - send a single request, and decode its one reply
 * @nl: handle from aisched_nl_open()
 * @msg: the request; always consumed
 * @list: empty; holds the reply on success. Free it whatever the result.
 * @what: what the request does, for messages
 *
 * Return: as aisched_nl_request(), or -EBADMSG if the kernel sent no reply
 * or more than one.
 */
int aisched_request_one(struct aisched_nl *nl, struct nl_msg *msg,
			struct aisched_reply_list *list, const char *what)
{
	int ret;

	ret = aisched_nl_request(nl, msg, aisched_reply_list_one_cb, list, what);
	if (!ret && !list->nr)
		ret = aisched_bad_reply("%s: no reply", what);
	return ret;
}
