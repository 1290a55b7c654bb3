/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Strict decoding of the kernel's replies: exact lengths, no duplicates,
 * required attributes present, unknown attributes ignored.
 */

#ifndef AISCHED_DECODE_H
#define AISCHED_DECODE_H

#include <stdbool.h>

#include <netlink/attr.h>

/**
 * enum aisched_attr_kind - what an attribute holds, hence its valid length
 * @AISCHED_ATTR_IGNORE: not looked at (pad, or handled by the caller)
 * @AISCHED_ATTR_U16: exactly 2 bytes
 * @AISCHED_ATTR_U32: exactly 4 bytes
 * @AISCHED_ATTR_S32: exactly 4 bytes, signed
 * @AISCHED_ATTR_U64: exactly 8 bytes
 * @AISCHED_ATTR_STRING: NUL-terminated within its length
 * @AISCHED_ATTR_BINARY: any length; the caller checks the contents
 * @AISCHED_ATTR_NEST: a nest, decoded by the caller
 * @AISCHED_ATTR_MULTI: may repeat (multi-attr); the caller iterates
 */
enum aisched_attr_kind {
	AISCHED_ATTR_IGNORE,
	AISCHED_ATTR_U16,
	AISCHED_ATTR_U32,
	AISCHED_ATTR_S32,
	AISCHED_ATTR_U64,
	AISCHED_ATTR_STRING,
	AISCHED_ATTR_BINARY,
	AISCHED_ATTR_NEST,
	AISCHED_ATTR_MULTI,
};

/**
 * struct aisched_attr_policy - how to check one attribute type
 * @name: its name in the spec, for messages
 * @kind: what it holds
 * @required: a reply without it is invalid
 */
struct aisched_attr_policy {
	const char *name;
	enum aisched_attr_kind kind;
	bool required;
};

int aisched_bad_reply(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
struct nlattr *aisched_genl_attrs(struct nlmsghdr *nlh, int *len);
int aisched_attr_check(const struct aisched_attr_policy *p, const char *set,
		       const struct nlattr *a);
int aisched_attr_parse(struct nlattr **tb, int maxtype,
		       const struct aisched_attr_policy *policy,
		       struct nlattr *head, int len, const char *set);

#endif /* AISCHED_DECODE_H */
