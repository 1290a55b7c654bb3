// SPDX-License-Identifier: GPL-2.0
/*
 * nl_raw: send one hand-made request to the aisched family, to prove that
 * the kernel rejects each malformed request, and says why.
 *
 * Usage: nl_raw [--dump] CMD [TYPE:KIND:VALUE ...]
 *
 *   CMD    command number (AISCHED_CMD_*)
 *   TYPE   attribute type, 0-65535 (flag bits such as NLA_F_NESTED included)
 *   KIND   u8, u16, u32, u64: VALUE is a number (decimal or 0x...) that must
 *          fit; str: VALUE as a NUL-terminated string; hex: VALUE as raw
 *          bytes, two hex digits each ("0a0b"; "" for an empty attribute)
 *
 * For example "nl_raw 2 1:u8:5" sends NODE_GET with a 1-byte node id,
 * "nl_raw 2 99:u32:1" an unknown attribute, "nl_raw 2" no attribute at all.
 *
 * It links the tool's nl.o, so the kernel's refusal is printed on stderr
 * exactly as the tool prints it ("aisched: kernel: <extack message>").
 * On stdout:
 *
 *   reply cmd=C attrs=T,T,N[T,T]   one line per reply message: the
 *                                  top-level attribute types, with the
 *                                  contents of nests in brackets
 *   ack                            no reply message, only the ACK
 *   rejected error=-E bad_attr=T bad_offset=O miss_type=T miss_nest=O
 *                                  the refusal's details; "-" for none
 *
 * Exit status: 0 the kernel accepted the request, 1 it refused it (or it
 * could not be sent), 2 bad usage.
 */

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nl.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_ATTR_LEN	(0xffff - 4)	/* nla_len is 16 bits, header included */

static void usage(FILE *f)
{
	fputs("Usage: nl_raw [--dump] CMD [TYPE:KIND:VALUE ...]\n"
	      "\n"
	      "Sends one request to the aisched generic-netlink family.\n"
	      "  CMD    command number\n"
	      "  TYPE   attribute type (0-65535)\n"
	      "  KIND   u8, u16, u32, u64 (VALUE a number), str (VALUE a string,\n"
	      "         sent NUL-terminated) or hex (VALUE raw bytes, \"0a0b\")\n"
	      "  -d, --dump  send the request as a dump (NLM_F_DUMP)\n"
	      "\n"
	      "Exit status: 0 accepted, 1 refused, 2 bad usage.\n", f);
}

static int __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("nl_raw: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage(stderr);
	return 2;
}

/* A number in [0, max], decimal or 0x-prefixed hexadecimal (not octal). */
static int parse_number(const char *s, unsigned long long max,
			unsigned long long *out)
{
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	char *end;

	if (!isxdigit((unsigned char)s[hex ? 2 : 0]) ||
	    (!hex && !isdigit((unsigned char)s[0])))
		return -EINVAL;
	errno = 0;
	*out = strtoull(s, &end, hex ? 16 : 10);
	if (*end || errno || *out > max)
		return -EINVAL;
	return 0;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* One TYPE:KIND:VALUE argument, as the bytes of the attribute's payload. */
struct attr {
	uint16_t type;
	size_t len;
	uint8_t data[];
};

static struct attr *attr_alloc(unsigned long long type, size_t len)
{
	struct attr *a = calloc(1, sizeof(*a) + len);

	if (a) {
		a->type = type;
		a->len = len;
	}
	return a;
}

static struct attr *parse_hex(unsigned long long type, const char *hex)
{
	size_t len = strlen(hex) / 2, i;
	struct attr *a;
	int hi, lo;

	if (strlen(hex) % 2 || len > MAX_ATTR_LEN)
		return NULL;
	a = attr_alloc(type, len);
	for (i = 0; a && i < len; i++) {
		hi = hex_digit(hex[2 * i]);
		lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			free(a);
			return NULL;
		}
		a->data[i] = hi << 4 | lo;
	}
	return a;
}

/*
 * Parse TYPE:KIND:VALUE. Returns NULL if it is malformed (or, unlikely,
 * memory ran out: both end the program, and a usage error is the likely one).
 */
static struct attr *parse_attr(const char *arg)
{
	static const struct {
		const char *name;
		unsigned long long max;
		size_t size;
	} ints[] = {
		{ "u8",  UINT8_MAX,  sizeof(uint8_t) },
		{ "u16", UINT16_MAX, sizeof(uint16_t) },
		{ "u32", UINT32_MAX, sizeof(uint32_t) },
		{ "u64", UINT64_MAX, sizeof(uint64_t) },
	};
	unsigned long long type, v;
	const char *kind, *value;
	char name[8], num[24];
	struct attr *a;
	size_t i, n;

	kind = strchr(arg, ':');
	if (!kind || (size_t)(kind - arg) >= sizeof(num))
		return NULL;
	memcpy(num, arg, kind - arg);
	num[kind - arg] = '\0';
	kind++;
	value = strchr(kind, ':');
	if (!value || (size_t)(value - kind) >= sizeof(name))
		return NULL;
	memcpy(name, kind, value - kind);
	name[value - kind] = '\0';
	value++;
	if (parse_number(num, UINT16_MAX, &type))
		return NULL;

	if (!strcmp(name, "str")) {
		n = strlen(value) + 1;
		if (n > MAX_ATTR_LEN)
			return NULL;
		a = attr_alloc(type, n);
		if (a)
			memcpy(a->data, value, n);
		return a;
	}
	if (!strcmp(name, "hex"))
		return parse_hex(type, value);
	for (i = 0; i < ARRAY_SIZE(ints); i++) {
		if (strcmp(name, ints[i].name))
			continue;
		if (parse_number(value, ints[i].max, &v))
			return NULL;
		a = attr_alloc(type, ints[i].size);
		if (!a)
			return NULL;
		/* Host byte order, as the kernel's nla_get_u*() read it. */
		switch (ints[i].size) {
		case sizeof(uint8_t):
			a->data[0] = v;
			break;
		case sizeof(uint16_t):
			memcpy(a->data, &(uint16_t){ v }, sizeof(uint16_t));
			break;
		case sizeof(uint32_t):
			memcpy(a->data, &(uint32_t){ v }, sizeof(uint32_t));
			break;
		default:
			memcpy(a->data, &(uint64_t){ v }, sizeof(uint64_t));
		}
		return a;
	}
	return NULL;
}

static void print_attrs(struct nlattr *head, int len, int depth)
{
	struct nlattr *a;
	bool first = true;
	int rem;

	nla_for_each_attr(a, head, len, rem) {
		printf("%s%d", first ? "" : ",", nla_type(a));
		first = false;
		if ((a->nla_type & NLA_F_NESTED) && depth < 8) {
			putchar('[');
			print_attrs(nla_data(a), nla_len(a), depth + 1);
			putchar(']');
		}
	}
	if (rem > 0)
		printf("%s+%d", first ? "" : ",", rem);	/* trailing bytes */
}

static int reply_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gnlh;
	int *replies = arg;

	(*replies)++;
	if (!genlmsg_valid_hdr(nlh, 0)) {
		printf("reply short=%u\n", nlh->nlmsg_len);
		return NL_OK;
	}
	gnlh = nlmsg_data(nlh);
	printf("reply cmd=%u attrs=", gnlh->cmd);
	print_attrs(genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0), 0);
	putchar('\n');
	return NL_OK;
}

static void print_num(const char *key, long v)
{
	if (v < 0)
		printf(" %s=-", key);
	else
		printf(" %s=%ld", key, v);
}

static void free_attrs(struct attr **attrs, int n)
{
	while (n--)
		free(attrs[n]);
	free(attrs);
}

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{ "dump", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL,   0,           NULL, 0 },
	};
	const struct aisched_nl_error *e;
	struct aisched_nl *nl = NULL;
	struct attr **attrs = NULL;
	int flags = 0, replies = 0;
	unsigned long long cmd;
	struct nl_msg *msg;
	size_t size;
	int c, i, n = 0;
	int ret = 1;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+dh", options, NULL)) != -1) {
		switch (c) {
		case 'd':
			flags |= NLM_F_DUMP;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("%s", "no command given");
	if (parse_number(argv[optind], UINT8_MAX, &cmd))
		return usage_error("invalid command '%s'", argv[optind]);

	/* Check every argument before talking to the kernel. */
	attrs = calloc(argc, sizeof(*attrs));
	if (!attrs)
		goto out_nomem;
	for (i = optind + 1; i < argc; i++) {
		attrs[n] = parse_attr(argv[i]);
		if (!attrs[n]) {
			free_attrs(attrs, n);
			return usage_error("invalid attribute '%s'", argv[i]);
		}
		n++;
	}

	/* libnl allocates one page per message unless told otherwise. */
	for (i = 0, size = NLMSG_HDRLEN + GENL_HDRLEN; i < n; i++)
		size += nla_total_size(attrs[i]->len);
	if (size > (size_t)getpagesize())
		nlmsg_set_default_size(size);

	nl = aisched_nl_open();
	if (!nl)
		goto out;
	msg = aisched_nl_msg(nl, cmd, flags);
	if (!msg)
		goto out;
	for (i = 0; i < n; i++) {
		if (nla_put(msg, attrs[i]->type, attrs[i]->len, attrs[i]->data)) {
			nlmsg_free(msg);
			goto out_nomem;
		}
	}

	ret = aisched_nl_request(nl, msg, reply_cb, &replies, "sending the request");
	if (ret) {
		e = aisched_nl_last_error(nl);
		printf("rejected error=%d", ret);
		print_num("bad_attr", e->error ? e->bad_attr : -1);
		print_num("bad_offset", e->error ? e->bad_offset : -1);
		print_num("miss_type", e->error ? e->miss_type : -1);
		print_num("miss_nest", e->error ? e->miss_nest : -1);
		putchar('\n');
		ret = 1;
	} else if (!replies) {
		puts("ack");
	}
	if (fflush(stdout)) {
		perror("nl_raw: stdout");
		ret = 1;
	}
	goto out;

out_nomem:
	fputs("nl_raw: out of memory\n", stderr);
	ret = 1;
out:
	aisched_nl_close(nl);
	free_attrs(attrs, n);
	return ret;
}
