// SPDX-License-Identifier: GPL-2.0
/*
 * tagq: read tags back from the kernel with TAG_GET, one line per tag, in a
 * form a shell test can take apart without the tool's own output.
 *
 * Usage: tagq get PATH | tagq id CGROUP_ID | tagq dump
 *
 *   get PATH   TAG_GET (do) of the cgroup directory PATH
 *   id N       TAG_GET (do) by cgroup id
 *   dump       TAG_GET (dump): every tag
 *
 * A line, every field always present ("-" when the kernel sent no value):
 *   cgroup=/a/b id=N class=C policy=P nice=N rt_prio=R rt_budget_ms=B
 *   io_class=C io_level=L cpus=LIST tasks=T applied=A overrides=O
 *   demotions=D conflicts=C
 * Numbers are the attributes' values (class, policy and io_class as the
 * AISCHED_* enums), cpus a CPU list.
 *
 * A refusal is printed as the tool prints it (it links the tool's nl.o):
 * "aisched: kernel: MESSAGE" on stderr. Exit status: 0 ok, 1 refused or
 * failed, 2 bad usage.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "cpulist.h"
#include "nl.h"

static void put_u32(struct nlattr **tb, int type, const char *key)
{
	if (tb[type] && nla_len(tb[type]) == sizeof(uint32_t))
		printf(" %s=%" PRIu32, key, nla_get_u32(tb[type]));
	else
		printf(" %s=-", key);
}

static void put_s32(struct nlattr **tb, int type, const char *key)
{
	if (tb[type] && nla_len(tb[type]) == sizeof(int32_t))
		printf(" %s=%" PRId32, key, (int32_t)nla_get_u32(tb[type]));
	else
		printf(" %s=-", key);
}

static void put_u64(struct nlattr **tb, int type, const char *key)
{
	if (tb[type] && nla_len(tb[type]) == sizeof(uint64_t))
		printf(" %s=%" PRIu64, key, (uint64_t)nla_get_u64(tb[type]));
	else
		printf(" %s=-", key);
}

static int tag_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[AISCHED_A_TAG_MAX + 1];
	struct aisched_cpumask mask;
	char *list;
	int *n = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, AISCHED_A_TAG_MAX, NULL)) {
		fprintf(stderr, "tagq: malformed reply\n");
		return NL_SKIP;
	}
	(*n)++;
	/* %.*s: the length counts the NUL, and printf stops there. */
	if (tb[AISCHED_A_TAG_CGROUP])
		printf("cgroup=%.*s", nla_len(tb[AISCHED_A_TAG_CGROUP]),
		       (char *)nla_data(tb[AISCHED_A_TAG_CGROUP]));
	else
		printf("cgroup=-");
	put_u64(tb, AISCHED_A_TAG_CGROUP_ID, "id");
	put_u32(tb, AISCHED_A_TAG_CLASS, "class");
	put_u32(tb, AISCHED_A_TAG_POLICY, "policy");
	put_s32(tb, AISCHED_A_TAG_NICE, "nice");
	put_u32(tb, AISCHED_A_TAG_RT_PRIO, "rt_prio");
	put_u32(tb, AISCHED_A_TAG_RT_BUDGET_MS, "rt_budget_ms");
	put_u32(tb, AISCHED_A_TAG_IO_CLASS, "io_class");
	put_u32(tb, AISCHED_A_TAG_IO_LEVEL, "io_level");
	if (tb[AISCHED_A_TAG_CPUS] &&
	    !aisched_cpumask_decode(&mask, nla_data(tb[AISCHED_A_TAG_CPUS]),
				    nla_len(tb[AISCHED_A_TAG_CPUS]))) {
		list = aisched_cpulist_alloc(&mask);
		printf(" cpus=%s", list ? list : "?");
		free(list);
		aisched_cpumask_free(&mask);
	} else {
		printf(" cpus=%s", tb[AISCHED_A_TAG_CPUS] ? "?" : "-");
	}
	put_u32(tb, AISCHED_A_TAG_TASKS, "tasks");
	put_u64(tb, AISCHED_A_TAG_APPLIED, "applied");
	put_u64(tb, AISCHED_A_TAG_OVERRIDES, "overrides");
	put_u64(tb, AISCHED_A_TAG_DEMOTIONS, "demotions");
	put_u64(tb, AISCHED_A_TAG_CONFLICTS, "conflicts");
	putchar('\n');
	return NL_OK;
}

static int usage(void)
{
	fputs("Usage: tagq get PATH | tagq id CGROUP_ID | tagq dump\n", stderr);
	return 2;
}

int main(int argc, char *argv[])
{
	unsigned long long id = 0;
	struct aisched_nl *nl;
	struct nl_msg *msg;
	int n = 0, ret = 1;
	char *end;

	if (argc == 3 && !strcmp(argv[1], "id")) {
		errno = 0;
		id = strtoull(argv[2], &end, 10);
		if (end == argv[2] || *end || errno)
			return usage();
	} else if (!(argc == 3 && !strcmp(argv[1], "get")) &&
		   !(argc == 2 && !strcmp(argv[1], "dump"))) {
		return usage();
	}

	nl = aisched_nl_open();
	if (!nl)
		return 1;
	msg = aisched_nl_msg(nl, AISCHED_CMD_TAG_GET,
			     argc == 2 ? NLM_F_DUMP : 0);
	if (!msg)
		goto out;
	if ((argv[1][0] == 'g' &&
	     nla_put_string(msg, AISCHED_A_TAG_PATH, argv[2])) ||
	    (argv[1][0] == 'i' &&
	     nla_put_u64(msg, AISCHED_A_TAG_CGROUP_ID, id))) {
		nlmsg_free(msg);
		fputs("tagq: out of memory\n", stderr);
		goto out;
	}
	if (aisched_nl_request(nl, msg, tag_cb, &n, "reading tags"))
		goto out;
	ret = fflush(stdout) ? 1 : 0;
out:
	aisched_nl_close(nl);
	return ret;
}
