// SPDX-License-Identifier: GPL-2.0
/*
 * slicectl: a task's EEVDF slice, as sched_getattr() reports it in
 * sched_runtime, read by a new task itself as its very first action, or
 * read and set from outside.
 *
 * Usage: slicectl MODE [ARGS]
 *
 *   get TID...      the sched_runtime of each thread TID, one number a line
 *   set TID NS      give thread TID the slice NS (sched_setattr() with
 *                   sched_runtime NS; 0 drops a custom slice), its policy,
 *                   nice value and reset-on-fork flag as they are
 *   fork            this task's sched_runtime, read before anything else
 *                   in main(), then a child's, read as its first action
 *                   after fork(): "parent=NS child=NS"
 *
 * On Linux 6.12 and later, sched_runtime of a normal or batch task is its
 * slice in ns (the default base slice unless it has a custom one); before
 * 6.12 it is 0. A separate program from taskprobe, whose state line every
 * tag test compares.
 *
 * Exit status: 0 ok, 1 a system call failed, 2 bad usage.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sched_attr.h"

/* SCHED_FLAG_RESET_ON_FORK of <linux/sched.h>, which clashes with libc's. */
#define SLICE_RESET_ON_FORK	0x01

static int getattr(pid_t tid, struct aisched_sched_attr *attr)
{
	memset(attr, 0, sizeof(*attr));
	return syscall(SYS_sched_getattr, tid, attr, sizeof(*attr), 0);
}

static int usage(void)
{
	fputs("usage: slicectl get TID... | set TID NS | fork\n", stderr);
	return 2;
}

static int parse_num(const char *s, unsigned long long *out)
{
	char *end;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || *end ? -1 : 0;
}

static int cmd_get(int argc, char *argv[])
{
	struct aisched_sched_attr attr;
	unsigned long long tid;
	int i;

	if (argc < 1)
		return usage();
	for (i = 0; i < argc; i++) {
		if (parse_num(argv[i], &tid))
			return usage();
		if (getattr(tid, &attr)) {
			fprintf(stderr, "slicectl: sched_getattr %llu: %s\n",
				tid, strerror(errno));
			return 1;
		}
		printf("%" PRIu64 "\n", (uint64_t)attr.sched_runtime);
	}
	return 0;
}

static int cmd_set(int argc, char *argv[])
{
	unsigned long long tid, ns;
	struct aisched_sched_attr attr;

	if (argc != 2 || parse_num(argv[0], &tid) || parse_num(argv[1], &ns))
		return usage();
	if (getattr(tid, &attr)) {
		fprintf(stderr, "slicectl: sched_getattr %llu: %s\n", tid,
			strerror(errno));
		return 1;
	}
	attr.size = sizeof(attr);
	attr.sched_flags &= SLICE_RESET_ON_FORK;
	attr.sched_runtime = ns;
	if (syscall(SYS_sched_setattr, tid, &attr, 0)) {
		fprintf(stderr, "slicectl: sched_setattr %llu: %s\n", tid,
			strerror(errno));
		return 1;
	}
	return 0;
}

/* @self: this task's attributes, read first thing in main(). */
static int cmd_fork(const struct aisched_sched_attr *self, int self_ret)
{
	struct aisched_sched_attr child;
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (self_ret) {
		perror("slicectl: sched_getattr");
		return 1;
	}
	if (pipe(fds)) {
		perror("slicectl: pipe");
		return 1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("slicectl: fork");
		return 1;
	}
	if (!pid) {
		int ret = getattr(0, &child);

		if (ret)
			memset(&child, 0xff, sizeof(child));
		_exit(write(fds[1], &child, sizeof(child)) == sizeof(child) &&
		      !ret ? 0 : 1);
	}
	close(fds[1]);
	n = read(fds[0], &child, sizeof(child));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) || n != sizeof(child)) {
		fputs("slicectl: the child could not read its attributes\n",
		      stderr);
		return 1;
	}
	printf("parent=%" PRIu64 " child=%" PRIu64 "\n",
	       (uint64_t)self->sched_runtime, (uint64_t)child.sched_runtime);
	return 0;
}

int main(int argc, char *argv[])
{
	struct aisched_sched_attr self;
	int self_ret = getattr(0, &self);

	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "get"))
		return cmd_get(argc - 2, argv + 2);
	if (!strcmp(argv[1], "set"))
		return cmd_set(argc - 2, argv + 2);
	if (!strcmp(argv[1], "fork") && argc == 2)
		return cmd_fork(&self, self_ret);
	return usage();
}
