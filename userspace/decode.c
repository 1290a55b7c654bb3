// SPDX-License-Identifier: GPL-2.0
/*
 * Strict decoding of the kernel's replies.
 *
 * A reply that breaks the spec is reported as precisely as possible, since
 * it means the module and the tool disagree, and refused: printing half of
 * it would hide the bug. Attributes newer than the tool are ignored, so
 * that an older tool keeps working with a newer module.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "aisched.h"
#include "decode.h"

/**
 * aisched_bad_reply() - report a reply that does not follow the spec
 * @fmt: printf() format of the details
 *
 * Return: -EBADMSG, for the caller to return.
 */
int aisched_bad_reply(const char *fmt, ...)
{
	va_list ap;

	fputs("aisched: invalid reply from the kernel: ", aisched_err);
	va_start(ap, fmt);
	vfprintf(aisched_err, fmt, ap);
	va_end(ap);
	fputc('\n', aisched_err);
	return -EBADMSG;
}

/**
 * aisched_genl_attrs() - the attributes of a generic-netlink reply
 * @nlh: the reply
 * @len: set to the length of the attribute stream
 *
 * Return: the first attribute, or NULL if the message is too short to be
 * a generic-netlink message (having printed so).
 */
struct nlattr *aisched_genl_attrs(struct nlmsghdr *nlh, int *len)
{
	struct genlmsghdr *gnlh;

	if (!genlmsg_valid_hdr(nlh, 0)) {
		aisched_bad_reply("message of %u bytes has no generic netlink header",
				  nlh->nlmsg_len);
		return NULL;
	}
	gnlh = nlmsg_data(nlh);
	*len = genlmsg_attrlen(gnlh, 0);
	return genlmsg_attrdata(gnlh, 0);
}

/**
 * aisched_attr_check() - check the length of one attribute
 * @p: what it must hold; AISCHED_ATTR_MULTI and the kinds the caller
 *	checks (binary, nest) pass as they are
 * @set: attribute-set name, for messages
 * @a: the attribute
 *
 * aisched_attr_parse() does this for every single-valued attribute; a
 * caller iterating a multi-attr calls it for each instance, with the
 * policy of one instance.
 *
 * Return: 0, or -EBADMSG having printed why.
 */
int aisched_attr_check(const struct aisched_attr_policy *p, const char *set,
		       const struct nlattr *a)
{
	int len = nla_len(a);
	int want;

	switch (p->kind) {
	case AISCHED_ATTR_U16:
		want = 2;
		break;
	case AISCHED_ATTR_U32:
	case AISCHED_ATTR_S32:
		want = 4;
		break;
	case AISCHED_ATTR_U64:
		want = 8;
		break;
	case AISCHED_ATTR_STRING:
		if (!len || strnlen(nla_data(a), len) == (size_t)len)
			return aisched_bad_reply("%s: attribute %s (%d) is not NUL-terminated",
						 set, p->name, nla_type(a));
		return 0;
	default:
		return 0;
	}
	if (len != want)
		return aisched_bad_reply("%s: attribute %s (%d) has %d bytes, expected %d",
					 set, p->name, nla_type(a), len, want);
	return 0;
}

/**
 * aisched_attr_parse() - check an attribute stream against a policy
 * @tb: filled with the single-valued attributes, indexed by type; must
 *	have @maxtype + 1 entries
 * @maxtype: highest type in @policy
 * @policy: indexed by type; types with a NULL name are unknown
 * @head: first attribute
 * @len: length of the stream
 * @set: attribute-set name, for messages
 *
 * Unknown types are ignored. Known ones must have their exact length,
 * single-valued ones must not repeat, required ones must be present, and the
 * stream must end on an attribute boundary.
 *
 * Return: 0, or -EBADMSG having printed why.
 */
int aisched_attr_parse(struct nlattr **tb, int maxtype,
		       const struct aisched_attr_policy *policy,
		       struct nlattr *head, int len, const char *set)
{
	const struct aisched_attr_policy *p;
	struct nlattr *a;
	int rem, type, ret;

	memset(tb, 0, (maxtype + 1) * sizeof(*tb));
	nla_for_each_attr(a, head, len, rem) {
		type = nla_type(a);
		if (type > maxtype || !policy[type].name)
			continue;
		p = &policy[type];
		if (p->kind == AISCHED_ATTR_IGNORE || p->kind == AISCHED_ATTR_MULTI)
			continue;
		ret = aisched_attr_check(p, set, a);
		if (ret)
			return ret;
		if (tb[type])
			return aisched_bad_reply("%s: attribute %s (%d) appears twice",
						 set, p->name, type);
		tb[type] = a;
	}
	if (rem > 0)
		return aisched_bad_reply("%s: %d bytes after the last attribute do not form one",
					 set, rem);

	for (type = 0; type <= maxtype; type++) {
		p = &policy[type];
		if (p->required && p->kind != AISCHED_ATTR_MULTI && !tb[type])
			return aisched_bad_reply("%s: missing attribute %s (%d)",
						 set, p->name, type);
	}
	return 0;
}
