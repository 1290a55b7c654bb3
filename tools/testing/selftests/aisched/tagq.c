// SPDX-License-Identifier: GPL-2.0
/*
 * tagq: read tags back from the kernel with TAG_GET, one line per tag, in a
 * form a shell test can take apart without the tool's own output.
 *
 * Usage: tagq [-p|-q] get PATH | tagq [-p|-q] id CGROUP_ID | tagq [-p|-q] dump
 *
 *   get PATH   TAG_GET (do) of the cgroup directory PATH
 *   id N       TAG_GET (do) by cgroup id
 *   dump       TAG_GET (dump): every tag
 *   -p         print the placement line instead (below)
 *   -q         print the quota line instead (below)
 *
 * A line, every field always present ("-" when the kernel sent no value):
 *   cgroup=/a/b id=N class=C policy=P nice=N rt_prio=R rt_budget_ms=B
 *   io_class=C io_level=L cpus=LIST tasks=T applied=A overrides=O
 *   demotions=D conflicts=C
 * Numbers are the attributes' values (class, policy and io_class as the
 * AISCHED_* enums), cpus a CPU list.
 *
 * The placement line, with -p:
 *   cgroup=/a/b placement=P mem=M gpus=A,B nodes=LIST target=LIST
 * placement and mem as the AISCHED_PLACEMENT_* and AISCHED_MEM_* numbers,
 * gpus the gpu attributes in the order the kernel sent them, nodes and
 * target node lists (the nodes and target-nodes bitmaps).
 *
 * The quota line, with -q:
 *   cgroup=/a/b hugepages=Q node=N used=U
 * the hugepages, hugepages-node and hugepages-used attributes ("-" for
 * each the reply lacks: all three without a quota).
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

static int placement;	/* -p: the placement line */
static int quota;	/* -q: the quota line */

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

/* A bitmap attribute (CPUs or nodes) as a list; "-" if absent. */
static void put_list(struct nlattr **tb, int type, const char *key)
{
	struct aisched_cpumask mask;
	char *list;

	if (tb[type] && !aisched_cpumask_decode(&mask, nla_data(tb[type]),
						nla_len(tb[type]))) {
		list = aisched_cpulist_alloc(&mask);
		printf(" %s=%s", key, list ? list : "?");
		free(list);
		aisched_cpumask_free(&mask);
	} else {
		printf(" %s=%s", key, tb[type] ? "?" : "-");
	}
}

static void placement_line(struct nl_msg *msg, struct nlattr **tb)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *a;
	int rem, n = 0;

	if (tb[AISCHED_A_TAG_CGROUP])
		printf("cgroup=%.*s", nla_len(tb[AISCHED_A_TAG_CGROUP]),
		       (char *)nla_data(tb[AISCHED_A_TAG_CGROUP]));
	else
		printf("cgroup=-");
	put_u32(tb, AISCHED_A_TAG_PLACEMENT, "placement");
	put_u32(tb, AISCHED_A_TAG_MEM, "mem");
	/* gpu is a multi-attr: genlmsg_parse() keeps only the last one. */
	printf(" gpus=");
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if (nla_type(a) != AISCHED_A_TAG_GPU)
			continue;
		printf("%s%.*s", n++ ? "," : "", nla_len(a), (char *)nla_data(a));
	}
	if (!n)
		printf("-");
	put_list(tb, AISCHED_A_TAG_NODES, "nodes");
	put_list(tb, AISCHED_A_TAG_TARGET_NODES, "target");
	putchar('\n');
}

static void quota_line(struct nlattr **tb)
{
	if (tb[AISCHED_A_TAG_CGROUP])
		printf("cgroup=%.*s", nla_len(tb[AISCHED_A_TAG_CGROUP]),
		       (char *)nla_data(tb[AISCHED_A_TAG_CGROUP]));
	else
		printf("cgroup=-");
	put_u32(tb, AISCHED_A_TAG_HUGEPAGES, "hugepages");
	put_u32(tb, AISCHED_A_TAG_HUGEPAGES_NODE, "node");
	put_u32(tb, AISCHED_A_TAG_HUGEPAGES_USED, "used");
	putchar('\n');
}

static int tag_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[AISCHED_A_TAG_MAX + 1];
	int *n = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, AISCHED_A_TAG_MAX, NULL)) {
		fprintf(stderr, "tagq: malformed reply\n");
		return NL_SKIP;
	}
	(*n)++;
	if (placement) {
		placement_line(msg, tb);
		return NL_OK;
	}
	if (quota) {
		quota_line(tb);
		return NL_OK;
	}
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
	put_list(tb, AISCHED_A_TAG_CPUS, "cpus");
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
	fputs("Usage: tagq [-p|-q] get PATH | tagq [-p|-q] id CGROUP_ID | tagq [-p|-q] dump\n",
	      stderr);
	return 2;
}

int main(int argc, char *argv[])
{
	unsigned long long id = 0;
	struct aisched_nl *nl;
	struct nl_msg *msg;
	int n = 0, ret = 1;
	char *end;

	if (argc > 1 && (!strcmp(argv[1], "-p") || !strcmp(argv[1], "-q"))) {
		placement = argv[1][1] == 'p';
		quota = argv[1][1] == 'q';
		argv++;
		argc--;
	}
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
