// SPDX-License-Identifier: GPL-2.0
/*
 * nl_policy: print what the running kernel says about a generic-netlink
 * family, in the format of `check_spec.py policy`, so the two can be diffed.
 *
 *   family NAME version V
 *   mcgrp NAME
 *   op CMD do|dump... [admin-perm] [uns-admin-perm]
 *   policy CMD do|dump PATH TYPE [min=N max=N] [mask=0xN] [minlen=N] [maxlen=N]
 *
 * PATH is the attribute number, with the numbers of enclosing nests in
 * front ("4.1"). The facts come from CTRL_CMD_GETFAMILY and from the
 * kernel's own policy dump (CTRL_CMD_GETPOLICY), not from any header.
 * Lines are printed unsorted; sort them before comparing.
 *
 * Usage: nl_policy FAMILY
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#define MAX_POLICIES	64
#define MAX_ATTRS	256
#define MAX_CMDS	256

struct pattr {
	int present;
	uint32_t type;
	int has_u, has_s, has_mask, has_minlen, has_maxlen, has_idx;
	uint64_t umin, umax, mask;
	int64_t smin, smax;
	uint32_t minlen, maxlen, idx;
};

static struct pattr policies[MAX_POLICIES][MAX_ATTRS];
static int op_do_idx[MAX_CMDS], op_dump_idx[MAX_CMDS];

static const char *type_name(uint32_t t)
{
	static const char * const names[] = {
		[NL_ATTR_TYPE_FLAG] = "flag",
		[NL_ATTR_TYPE_U8] = "u8", [NL_ATTR_TYPE_U16] = "u16",
		[NL_ATTR_TYPE_U32] = "u32", [NL_ATTR_TYPE_U64] = "u64",
		[NL_ATTR_TYPE_S8] = "s8", [NL_ATTR_TYPE_S16] = "s16",
		[NL_ATTR_TYPE_S32] = "s32", [NL_ATTR_TYPE_S64] = "s64",
		[NL_ATTR_TYPE_BINARY] = "binary",
		[NL_ATTR_TYPE_STRING] = "string",
		[NL_ATTR_TYPE_NUL_STRING] = "nul-string",
		[NL_ATTR_TYPE_NESTED] = "nested",
		[NL_ATTR_TYPE_NESTED_ARRAY] = "nested-array",
		[NL_ATTR_TYPE_BITFIELD32] = "bitfield32",
	};

	if (t < sizeof(names) / sizeof(names[0]) && names[t])
		return names[t];
	return "unknown";
}

static int parse_family(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1], *nest, *item;
	int rem, rem2;

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL))
		return NL_SKIP;
	if (tb[CTRL_ATTR_FAMILY_NAME] && tb[CTRL_ATTR_VERSION])
		printf("family %s version %u\n",
		       nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]),
		       nla_get_u32(tb[CTRL_ATTR_VERSION]));
	if (tb[CTRL_ATTR_MCAST_GROUPS])
		nla_for_each_nested(nest, tb[CTRL_ATTR_MCAST_GROUPS], rem)
			nla_for_each_nested(item, nest, rem2)
				if (nla_type(item) == CTRL_ATTR_MCAST_GRP_NAME)
					printf("mcgrp %s\n", nla_get_string(item));
	if (tb[CTRL_ATTR_OPS]) {
		nla_for_each_nested(nest, tb[CTRL_ATTR_OPS], rem) {
			struct nlattr *op[CTRL_ATTR_OP_MAX + 1];
			uint32_t flags;

			if (nla_parse_nested(op, CTRL_ATTR_OP_MAX, nest, NULL) ||
			    !op[CTRL_ATTR_OP_ID] || !op[CTRL_ATTR_OP_FLAGS])
				continue;
			flags = nla_get_u32(op[CTRL_ATTR_OP_FLAGS]);
			printf("op %u%s%s%s%s\n", nla_get_u32(op[CTRL_ATTR_OP_ID]),
			       flags & GENL_CMD_CAP_DO ? " do" : "",
			       flags & GENL_CMD_CAP_DUMP ? " dump" : "",
			       flags & GENL_ADMIN_PERM ? " admin-perm" : "",
			       flags & GENL_UNS_ADMIN_PERM ? " uns-admin-perm" : "");
		}
	}
	return NL_OK;
}

static void parse_attr_policy(struct pattr *p, struct nlattr *nest)
{
	struct nlattr *tb[NL_POLICY_TYPE_ATTR_MAX + 1];

	if (nla_parse_nested(tb, NL_POLICY_TYPE_ATTR_MAX, nest, NULL) ||
	    !tb[NL_POLICY_TYPE_ATTR_TYPE])
		return;
	p->present = 1;
	p->type = nla_get_u32(tb[NL_POLICY_TYPE_ATTR_TYPE]);
	if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U] && tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]) {
		p->has_u = 1;
		p->umin = nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]);
		p->umax = nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]);
	}
	if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S] && tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S]) {
		p->has_s = 1;
		p->smin = (int64_t)nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S]);
		p->smax = (int64_t)nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S]);
	}
	if (tb[NL_POLICY_TYPE_ATTR_MASK]) {
		p->has_mask = 1;
		p->mask = nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MASK]);
	}
	if (tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH]) {
		p->has_minlen = 1;
		p->minlen = nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH]);
	}
	if (tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]) {
		p->has_maxlen = 1;
		p->maxlen = nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]);
	}
	if (tb[NL_POLICY_TYPE_ATTR_POLICY_IDX]) {
		p->has_idx = 1;
		p->idx = nla_get_u32(tb[NL_POLICY_TYPE_ATTR_POLICY_IDX]);
	}
}

static int parse_policy(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1], *pol, *attr, *op, *m;
	int rem, rem2;

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL))
		return NL_SKIP;

	if (tb[CTRL_ATTR_OP_POLICY])
		nla_for_each_nested(op, tb[CTRL_ATTR_OP_POLICY], rem) {
			int cmd = nla_type(op);

			if (cmd >= MAX_CMDS)
				continue;
			nla_for_each_nested(m, op, rem2) {
				if (nla_type(m) == CTRL_ATTR_POLICY_DO)
					op_do_idx[cmd] = (int)nla_get_u32(m);
				else if (nla_type(m) == CTRL_ATTR_POLICY_DUMP)
					op_dump_idx[cmd] = (int)nla_get_u32(m);
			}
		}

	if (tb[CTRL_ATTR_POLICY])
		nla_for_each_nested(pol, tb[CTRL_ATTR_POLICY], rem) {
			int idx = nla_type(pol);

			if (idx >= MAX_POLICIES)
				continue;
			nla_for_each_nested(attr, pol, rem2)
				if (nla_type(attr) < MAX_ATTRS)
					parse_attr_policy(&policies[idx][nla_type(attr)],
							  attr);
		}
	return NL_OK;
}

static void print_policy(int cmd, const char *mode, int idx, const char *path,
			 int depth)
{
	int a;

	if (idx < 0 || idx >= MAX_POLICIES || depth > 8)
		return;
	for (a = 0; a < MAX_ATTRS; a++) {
		const struct pattr *p = &policies[idx][a];
		char sub[128];

		if (!p->present)
			continue;
		snprintf(sub, sizeof(sub), "%s%d", path, a);
		printf("policy %d %s %s %s", cmd, mode, sub, type_name(p->type));
		if (p->has_mask)
			printf(" mask=0x%" PRIx64, p->mask);
		else if (p->has_u)
			printf(" min=%" PRIu64 " max=%" PRIu64, p->umin, p->umax);
		else if (p->has_s)
			printf(" min=%" PRId64 " max=%" PRId64, p->smin, p->smax);
		if (p->has_minlen)
			printf(" minlen=%u", p->minlen);
		if (p->has_maxlen)
			printf(" maxlen=%u", p->maxlen);
		printf("\n");
		if (p->has_idx) {
			strncat(sub, ".", sizeof(sub) - strlen(sub) - 1);
			print_policy(cmd, mode, (int)p->idx, sub, depth + 1);
		}
	}
}

static int request(struct nl_sock *sk, uint8_t cmd, int flags, const char *family,
		   nl_recvmsg_msg_cb_t cb)
{
	struct nl_msg *msg = nlmsg_alloc();
	int ret;

	if (!msg)
		return -NLE_NOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL, 0, flags,
			 cmd, 1) ||
	    nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, family)) {
		nlmsg_free(msg);
		return -NLE_NOMEM;
	}
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, cb, NULL);
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return ret;
	return nl_recvmsgs_default(sk);
}

int main(int argc, char **argv)
{
	struct nl_sock *sk;
	int cmd, ret;

	if (argc != 2) {
		fprintf(stderr, "usage: nl_policy FAMILY\n");
		return 2;
	}
	for (cmd = 0; cmd < MAX_CMDS; cmd++)
		op_do_idx[cmd] = op_dump_idx[cmd] = -1;

	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk)) {
		fprintf(stderr, "nl_policy: cannot open a netlink socket\n");
		return 1;
	}
	/* One reply per request; a stray ACK would end the next receive. */
	nl_socket_disable_auto_ack(sk);
	ret = request(sk, CTRL_CMD_GETFAMILY, 0, argv[1], parse_family);
	if (ret >= 0)
		ret = request(sk, CTRL_CMD_GETPOLICY, NLM_F_DUMP, argv[1],
			      parse_policy);
	if (ret < 0) {
		fprintf(stderr, "nl_policy: %s: %s\n", argv[1], nl_geterror(ret));
		nl_socket_free(sk);
		return 1;
	}
	for (cmd = 0; cmd < MAX_CMDS; cmd++) {
		print_policy(cmd, "do", op_do_idx[cmd], "", 0);
		print_policy(cmd, "dump", op_dump_idx[cmd], "", 0);
	}
	nl_socket_free(sk);
	return 0;
}
