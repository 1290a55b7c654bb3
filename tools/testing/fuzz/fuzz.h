/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the libFuzzer targets of the aisched tool: where the
 * printers write, and the shapes the targets give their input (a string,
 * an argv, a generic-netlink message).
 *
 * Every buffer handed to the code under test is a heap block of exactly
 * the size it claims, so that AddressSanitizer sees the first byte read
 * past its end.
 */

#ifndef AISCHED_FUZZ_H
#define AISCHED_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/aisched.h>

/* Any id: the decoders do not look at it (the unit tests' too). */
#define FUZZ_FAMILY	0x1d

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Out of memory under libFuzzer's -malloc_limit_mb is its to report. */
static inline void *fuzz_alloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		abort();
	return p;
}

/*
 * Where the printers write: /dev/null through stdio, so that every format
 * is still expanded, and every string it prints read (and checked by
 * AddressSanitizer's printf interceptors). Opened once, kept open.
 */
static inline FILE *fuzz_sink(void)
{
	static FILE *f;

	if (!f) {
		f = fopen("/dev/null", "we");
		if (!f)
			abort();
	}
	return f;
}

/* @data as a NUL-terminated string, cut at its first NUL if it has one. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = fuzz_alloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/**
 * struct fuzz_argv - a command line made from fuzz input
 * @argc: number of words, argv[0] included
 * @argv: the words, each its own allocation; argv[argc] is NULL
 * @words: a copy of @argv, since getopt_long() permutes it
 */
struct fuzz_argv {
	int argc;
	char **argv;
	char **words;
};

/*
 * Split @data at NUL bytes into a command line after @argv0: "a\0b" and
 * "a\0b\0" are the words a and b, "a\0\0" is a and an empty word.
 */
static inline void fuzz_argv_split(struct fuzz_argv *a, const char *argv0,
				   const uint8_t *data, size_t size)
{
	size_t i, start, n = 1;

	for (i = 0; i < size; i++)
		n += !data[i];
	n += size && data[size - 1];
	a->argv = fuzz_alloc((n + 1) * sizeof(*a->argv));
	a->words = fuzz_alloc((n + 1) * sizeof(*a->words));
	a->argc = 0;
	a->argv[a->argc++] = fuzz_string((const uint8_t *)argv0, strlen(argv0));
	for (start = 0, i = 0; i <= size; i++) {
		if (i < size && data[i])
			continue;
		if (i == size && i == start)
			break;
		a->argv[a->argc++] = fuzz_string(data + start, i - start);
		start = i + 1;
	}
	a->argv[a->argc] = NULL;
	memcpy(a->words, a->argv, (a->argc + 1) * sizeof(*a->words));
}

static inline void fuzz_argv_free(struct fuzz_argv *a)
{
	int i;

	for (i = 0; i < a->argc; i++)
		free(a->words[i]);
	free(a->words);
	free(a->argv);
}

/*
 * A message of the family, as the kernel sends it: an nlmsghdr, a
 * genlmsghdr for @cmd, then @len bytes of attributes. Free with free().
 */
static inline struct nlmsghdr *fuzz_genl_msg(uint8_t cmd, uint16_t flags,
					     const void *attrs, size_t len)
{
	size_t total = NLMSG_HDRLEN + GENL_HDRLEN + len;
	struct nlmsghdr *nlh = fuzz_alloc(total);
	struct genlmsghdr *gnlh = NLMSG_DATA(nlh);

	nlh->nlmsg_len = total;
	nlh->nlmsg_type = FUZZ_FAMILY;
	nlh->nlmsg_flags = flags;
	gnlh->cmd = cmd;
	gnlh->version = AISCHED_FAMILY_VERSION;
	memcpy((char *)gnlh + GENL_HDRLEN, attrs, len);
	return nlh;
}

#endif /* AISCHED_FUZZ_H */
