// SPDX-License-Identifier: GPL-2.0
/*
 * memplace: where a task's memory lands, and where it runs, for the tests
 * of the kernel hooks (64-kernel-hooks.sh).
 *
 * Usage:
 *   memplace run [-c CPU] [-p MIB] [-w FILE] [-P NODE] [-n MIB] [-H]
 *   memplace where PID ADDR MIB
 *   memplace spin SECONDS
 *
 * run: pins itself to CPU (-c), touches MIB of fresh anonymous memory (-p,
 * "before"), prints
 *
 *   before: pid=P addr=0xA pages=N node0=X node1=Y missing=M
 *
 * then waits until FILE exists (-w), sets its own memory policy to
 * MPOL_PREFERRED on NODE (-P) and prints "policy: preferred NODE", touches
 * MIB more (-n, "new") and prints
 *
 *   new: pid=P addr=0xA pages=N node0=X node1=Y missing=M cpu=C
 *
 * (cpu the CPU it ran on while touching), then holds its memory until
 * killed (-H). Each line is flushed when printed.
 *
 * where: asks move_pages(2), with nodes NULL, where PID's MIB at ADDR are:
 *
 *   pages=N node0=X node1=Y missing=M
 *
 * spin: runs on the CPU for SECONDS and reports how its CPU time split
 * across the nodes of the CPUs it ran on, in ms, and the share of node 1:
 *
 *   spin: pid=P ms=T node0=A node1=B share1=PCT
 *
 * (a sample every few microseconds of CPU time: sched_getcpu() and the
 * thread's CPU clock; the time since the last sample counts for the node
 * of the CPU it runs on now).
 *
 * Exit status: 0 ok, 1 a system call failed, 2 bad usage.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define CHUNK		1024	/* pages per move_pages() call */
#define MAX_NODES	8

static void die(const char *what)
{
	fprintf(stderr, "memplace: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int usage(void)
{
	fputs("usage: memplace run [-c CPU] [-p MIB] [-w FILE] [-P NODE] [-n MIB] [-H]\n"
	      "       memplace where PID ADDR MIB\n"
	      "       memplace spin SECONDS\n", stderr);
	return 2;
}

/* Counts the nodes of @pages pages at @addr in @pid (0: this task). */
static void where(pid_t pid, unsigned long addr, unsigned long pages,
		  unsigned long *nodes, unsigned long *missing)
{
	void *ptrs[CHUNK];
	int status[CHUNK];
	unsigned long i, j, n;

	memset(nodes, 0, MAX_NODES * sizeof(*nodes));
	*missing = 0;
	for (i = 0; i < pages; i += n) {
		n = pages - i < CHUNK ? pages - i : CHUNK;
		for (j = 0; j < n; j++)
			ptrs[j] = (void *)(addr + (i + j) * PAGE);
		if (syscall(SYS_move_pages, pid, n, ptrs, NULL, status, 0))
			die("move_pages");
		for (j = 0; j < n; j++) {
			if (status[j] >= 0 && status[j] < MAX_NODES)
				nodes[status[j]]++;
			else
				(*missing)++;
		}
	}
}

static void print_where(unsigned long pages, const unsigned long *nodes,
			unsigned long missing)
{
	printf("pages=%lu node0=%lu node1=%lu missing=%lu", pages, nodes[0],
	       nodes[1], missing);
}

/* Touches @mib MiB of fresh memory and prints where it landed. */
static void touch(const char *what, unsigned long mib)
{
	unsigned long pages = mib * 256, nodes[MAX_NODES], missing, i;
	char *p;
	int cpu;

	p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap");
	/* No transparent huge page: each 4 KiB page is placed on its own. */
	madvise(p, pages * PAGE, MADV_NOHUGEPAGE);
	for (i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	cpu = sched_getcpu();
	where(0, (unsigned long)p, pages, nodes, &missing);
	printf("%s: pid=%d addr=%p ", what, getpid(), (void *)p);
	print_where(pages, nodes, missing);
	if (!strcmp(what, "new"))
		printf(" cpu=%d", cpu);
	putchar('\n');
	fflush(stdout);
}

static int run(int argc, char **argv)
{
	unsigned long pre = 0, new = 0;
	const char *file = NULL;
	int opt, cpu = -1, hold = 0, node = -1;
	unsigned long mask;
	struct stat st;
	cpu_set_t set;

	while ((opt = getopt(argc, argv, "c:p:w:P:n:H")) != -1) {
		switch (opt) {
		case 'c': cpu = atoi(optarg); break;
		case 'p': pre = strtoul(optarg, NULL, 0); break;
		case 'w': file = optarg; break;
		case 'P': node = atoi(optarg); break;
		case 'n': new = strtoul(optarg, NULL, 0); break;
		case 'H': hold = 1; break;
		default: return usage();
		}
	}
	if (optind != argc)
		return usage();
	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			die("sched_setaffinity");
	}
	if (pre)
		touch("before", pre);
	while (file && stat(file, &st))
		usleep(10000);
	if (node >= 0 && node < MAX_NODES) {
		mask = 1UL << node;
		/* MPOL_PREFERRED is 1; maxnode counts bits. */
		if (syscall(SYS_set_mempolicy, 1, &mask, MAX_NODES + 1))
			die("set_mempolicy");
		printf("policy: preferred %d\n", node);
		fflush(stdout);
	}
	if (new)
		touch("new", new);
	while (hold)
		pause();
	return 0;
}

static double now_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int spin(unsigned int seconds)
{
	double on[MAX_NODES] = { 0 }, end, last, t, total;
	unsigned int cpu, node;
	volatile unsigned long x = 0;
	int i;

	end = now_ms(CLOCK_MONOTONIC) + seconds * 1e3;
	last = now_ms(CLOCK_THREAD_CPUTIME_ID);
	while (now_ms(CLOCK_MONOTONIC) < end) {
		for (i = 0; i < 20000; i++)
			x++;
		if (syscall(SYS_getcpu, &cpu, &node, NULL))
			die("getcpu");
		t = now_ms(CLOCK_THREAD_CPUTIME_ID);
		if (node < MAX_NODES)
			on[node] += t - last;
		last = t;
	}
	total = on[0] + on[1];
	printf("spin: pid=%d ms=%.0f node0=%.0f node1=%.0f share1=%.1f\n",
	       getpid(), total, on[0], on[1],
	       total > 0 ? 100.0 * on[1] / total : 0.0);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long nodes[MAX_NODES], missing, pages;

	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "run"))
		return run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "where") && argc == 5) {
		pages = strtoul(argv[4], NULL, 0) * 256;
		where(atoi(argv[2]), strtoul(argv[3], NULL, 0), pages, nodes,
		      &missing);
		print_where(pages, nodes, missing);
		putchar('\n');
		return 0;
	}
	if (!strcmp(argv[1], "spin") && argc == 3)
		return spin(strtoul(argv[2], NULL, 0));
	return usage();
}
