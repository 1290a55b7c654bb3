/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic-netlink I/O for the aisched family: one socket, one request at a
 * time, the kernel's extended ACK printed the same way by every caller.
 */

#ifndef AISCHED_NL_H
#define AISCHED_NL_H

#include <stdint.h>
#include <stdio.h>

#include <netlink/msg.h>

struct aisched_nl;

/**
 * struct aisched_nl_error - what the kernel said about the last request
 * @error: negative errno the request failed with, 0 if it succeeded
 * @msg: extack message (NLMSGERR_ATTR_MSG), "" if the kernel gave none
 * @bad_offset: NLMSGERR_ATTR_OFFS, the offset of the offending attribute
 *	in the request, or -1
 * @bad_attr: type of the attribute at @bad_offset in the request, or -1
 * @miss_type: NLMSGERR_ATTR_MISS_TYPE, a required attribute that was
 *	missing, or -1
 * @miss_nest: NLMSGERR_ATTR_MISS_NEST, offset of the nest it was missing
 *	from, or -1 (top level)
 *
 * Meant for test tools that check which attribute the kernel blamed; the
 * tool itself prints the message, and names the attribute if told how
 * (aisched_nl_name_attrs()).
 */
struct aisched_nl_error {
	int error;
	char msg[256];
	long bad_offset;
	int bad_attr;
	long miss_type;
	long miss_nest;
};

struct aisched_nl *aisched_nl_open(void);
void aisched_nl_close(struct aisched_nl *nl);
struct nl_msg *aisched_nl_msg(struct aisched_nl *nl, uint8_t cmd, int flags);
int aisched_nl_request(struct aisched_nl *nl, struct nl_msg *msg,
		       int (*cb)(struct nl_msg *msg, void *arg), void *arg,
		       const char *what);
const struct aisched_nl_error *aisched_nl_last_error(const struct aisched_nl *nl);
void aisched_nl_name_attrs(struct aisched_nl *nl, const char *const *names,
			   int max);
void aisched_nl_print_error(FILE *f, const struct aisched_nl_error *e,
			    const char *what, const char *attr_name);

int aisched_nl_subscribe(struct aisched_nl *nl, const char *group);
int aisched_nl_fd(const struct aisched_nl *nl);
int aisched_nl_read_events(struct aisched_nl *nl,
			   int (*cb)(struct nlmsghdr *nlh, void *arg), void *arg);

#endif /* AISCHED_NL_H */
