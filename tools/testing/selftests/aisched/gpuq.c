// SPDX-License-Identifier: GPL-2.0
/*
 * gpuq: read GPUs back from the kernel with GPU_GET, one line per GPU, in a
 * form a shell test can take apart without the tool's own output.
 *
 * Usage: gpuq dump | gpuq index N | gpuq addr ADDRESS
 *
 *   dump        GPU_GET (dump): every GPU, in the order the kernel sends
 *   index N     GPU_GET (do) by index
 *   addr A      GPU_GET (do) by PCI address
 *
 * A line, every field always present ("-" when the kernel sent no value):
 *   index=I address=A vendor=VVVV device=DDDD class=CCCCCC node=N source=S
 *   discovered=D cpus=LIST
 * vendor, device and class in hex without 0x (as sysfs has them, less the
 * prefix), node and discovered as signed numbers (-1: none), source as the
 * AISCHED_NODE_SOURCE_* number, cpus a CPU list.
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

static void put_hex(struct nlattr **tb, int type, int size, int width,
		    const char *key)
{
	if (!tb[type] || nla_len(tb[type]) != size) {
		printf(" %s=-", key);
		return;
	}
	if (size == sizeof(uint16_t))
		printf(" %s=%0*" PRIx16, key, width, nla_get_u16(tb[type]));
	else
		printf(" %s=%0*" PRIx32, key, width, nla_get_u32(tb[type]));
}

static void put_num(struct nlattr **tb, int type, int is_signed, const char *key)
{
	if (!tb[type] || nla_len(tb[type]) != sizeof(uint32_t))
		printf(" %s=-", key);
	else if (is_signed)
		printf(" %s=%" PRId32, key, (int32_t)nla_get_u32(tb[type]));
	else
		printf(" %s=%" PRIu32, key, nla_get_u32(tb[type]));
}

static int gpu_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[AISCHED_A_GPU_MAX + 1];
	struct aisched_cpumask mask;
	struct nlattr *a;
	char *list;

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, AISCHED_A_GPU_MAX, NULL)) {
		fprintf(stderr, "gpuq: malformed reply\n");
		return NL_SKIP;
	}
	printf("index=");
	if (tb[AISCHED_A_GPU_INDEX] && nla_len(tb[AISCHED_A_GPU_INDEX]) == 4)
		printf("%" PRIu32, nla_get_u32(tb[AISCHED_A_GPU_INDEX]));
	else
		printf("-");
	/* %.*s: the length counts the NUL, and printf stops there. */
	a = tb[AISCHED_A_GPU_ADDRESS];
	if (a)
		printf(" address=%.*s", nla_len(a), (char *)nla_data(a));
	else
		printf(" address=-");
	put_hex(tb, AISCHED_A_GPU_VENDOR, sizeof(uint16_t), 4, "vendor");
	put_hex(tb, AISCHED_A_GPU_DEVICE, sizeof(uint16_t), 4, "device");
	put_hex(tb, AISCHED_A_GPU_CLASS, sizeof(uint32_t), 6, "class");
	put_num(tb, AISCHED_A_GPU_NODE, 1, "node");
	put_num(tb, AISCHED_A_GPU_NODE_SOURCE, 0, "source");
	put_num(tb, AISCHED_A_GPU_DISCOVERED_NODE, 1, "discovered");
	a = tb[AISCHED_A_GPU_CPUS];
	if (a && !aisched_cpumask_decode(&mask, nla_data(a), nla_len(a))) {
		list = aisched_cpulist_alloc(&mask);
		printf(" cpus=%s", list ? list : "?");
		free(list);
		aisched_cpumask_free(&mask);
	} else {
		printf(" cpus=%s", a ? "?" : "-");
	}
	putchar('\n');
	return NL_OK;
}

static int usage(void)
{
	fputs("Usage: gpuq dump | gpuq index N | gpuq addr ADDRESS\n", stderr);
	return 2;
}

int main(int argc, char *argv[])
{
	unsigned long index = 0;
	struct aisched_nl *nl;
	struct nl_msg *msg;
	int ret = 1, put;
	char *end;

	if (argc == 3 && !strcmp(argv[1], "index")) {
		errno = 0;
		index = strtoul(argv[2], &end, 10);
		if (end == argv[2] || *end || errno || index > UINT32_MAX)
			return usage();
	} else if (!(argc == 3 && !strcmp(argv[1], "addr")) &&
		   !(argc == 2 && !strcmp(argv[1], "dump"))) {
		return usage();
	}

	nl = aisched_nl_open();
	if (!nl)
		return 1;
	msg = aisched_nl_msg(nl, AISCHED_CMD_GPU_GET, argc == 2 ? NLM_F_DUMP : 0);
	if (!msg)
		goto out;
	put = 0;
	if (argv[1][0] == 'i')
		put = nla_put_u32(msg, AISCHED_A_GPU_INDEX, index);
	else if (argv[1][0] == 'a')
		put = nla_put_string(msg, AISCHED_A_GPU_ADDRESS, argv[2]);
	if (put) {
		nlmsg_free(msg);
		fputs("gpuq: out of memory\n", stderr);
		goto out;
	}
	if (aisched_nl_request(nl, msg, gpu_cb, NULL, "reading GPUs"))
		goto out;
	ret = fflush(stdout) ? 1 : 0;
out:
	aisched_nl_close(nl);
	return ret;
}
