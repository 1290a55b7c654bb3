// SPDX-License-Identifier: GPL-2.0
/*
 * bench_placement: benchmark 5 (issue 5), placement correctness at scale.
 *
 * COUNT processes are created in a cgroup tagged "class training, gpu =
 * the first GPU with a known node" (in the test VM the bochs-display on
 * node 1; placement local), each with clone3(CLONE_INTO_CGROUP) from a
 * parent outside the cgroup that may run on every CPU, up to JOBS at a
 * time. Each child, as its first action, reads its affinity and the CPU it
 * runs on; then it maps MIB MiB of fresh anonymous memory, writes one byte
 * to each 4 KiB page, asks move_pages(2) (nodes NULL) where each page is,
 * and writes what it found into a shared table. The share of all those
 * pages that are on the GPU's node is the figure (target: 100%).
 *
 * The baseline is the same run into an untagged cgroup, in the same
 * invocation: there the kernel puts each child wherever it balances it to,
 * and its pages on that CPU's node. The ratio is tagged share / baseline
 * share.
 *
 * Usage: bench_placement [--count N] [--mib M] [--jobs J]
 *        (defaults: 1000 processes, 4 MiB each, 4 at a time)
 *
 * Prints a table, then "summary|..." lines for run-bench.sh. Exit status 0
 * if every tagged child started on the GPU node's CPUs and every one of
 * their pages landed on the GPU's node, 1 otherwise, 2 on bad usage.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/aisched.h>

#include "bench.h"
#include "nl.h"

#define DIR_PLACE	BENCH_CGROUP_ROOT "/placement"
#define DIR_TAGGED	DIR_PLACE "/tagged"
#define DIR_PLAIN	DIR_PLACE "/plain"
#define PAGE		4096ul
#define MAX_NODES	64

/* What one child found, in a table shared with the parent. */
struct slot {
	int done;		/* 1 once the child wrote the rest */
	int first_cpu;		/* the CPU it ran its first action on */
	uint64_t first_cpus;	/* its affinity, read first */
	uint32_t pages;		/* pages touched */
	uint32_t on_node;	/* of them on the GPU's node */
	uint32_t missing;	/* move_pages() gave an error for */
};

struct tally {
	unsigned long children, reported, started_local, first_on_node;
	unsigned long long pages, on_node, missing;
	uint64_t ns;
};

static struct bench_gpu gpu;

/* The child: its first action, then the memory. Exits without returning. */
static void __attribute__((noreturn)) child(struct slot *s, unsigned long mib)
{
	unsigned long n = mib * (1024 * 1024 / PAGE), i;
	unsigned int cpu = 0;
	uint64_t mask = 0;
	void **addrs;
	int *status;
	char *mem;

	/* First: what it was born with (raw system calls only). */
	if (bench_getaffinity(0, &mask) || syscall(SYS_getcpu, &cpu, NULL, NULL))
		_exit(3);
	s->first_cpus = mask;
	s->first_cpu = (int)cpu;

	mem = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	addrs = malloc(n * sizeof(*addrs));
	status = malloc(n * sizeof(*status));
	if (mem == MAP_FAILED || !addrs || !status)
		_exit(4);
	for (i = 0; i < n; i++) {
		mem[i * PAGE] = 1;
		addrs[i] = mem + i * PAGE;
	}
	if (syscall(SYS_move_pages, 0, n, addrs, NULL, status, 0))
		_exit(5);
	s->pages = n;
	for (i = 0; i < n; i++) {
		if (status[i] < 0 || status[i] >= MAX_NODES)
			s->missing++;
		else if (status[i] == gpu.node)
			s->on_node++;
	}
	s->done = 1;
	_exit(0);
}

static void reap_one(void)
{
	int status;

	while (waitpid(-1, &status, 0) < 0)
		if (errno != EINTR)
			bench_die("waitpid: %s", strerror(errno));
}

/* COUNT children into DIR, JOBS at a time; their findings into @t. */
static void run(const char *dir, unsigned long count, unsigned long mib,
		unsigned int jobs, struct slot *slots, struct tally *t)
{
	struct clone_args ca = { .flags = CLONE_INTO_CGROUP, .exit_signal = SIGCHLD };
	unsigned long i, running = 0;
	uint64_t t0;
	int fd;

	memset(t, 0, sizeof(*t));
	memset(slots, 0, count * sizeof(*slots));
	fd = open(dir, O_DIRECTORY | O_PATH | O_CLOEXEC);
	if (fd < 0)
		bench_die("%s: %s", dir, strerror(errno));
	ca.cgroup = (uint64_t)fd;
	t0 = bench_now_ns();
	for (i = 0; i < count; i++) {
		long pid;

		if (running == jobs) {
			reap_one();
			running--;
		}
		pid = syscall(SYS_clone3, &ca, sizeof(ca));
		if (pid == 0)
			child(&slots[i], mib);
		if (pid < 0)
			bench_die("clone3(CLONE_INTO_CGROUP) into %s: %s", dir, strerror(errno));
		running++;
	}
	while (running--)
		reap_one();
	t->ns = bench_now_ns() - t0;
	close(fd);

	t->children = count;
	for (i = 0; i < count; i++) {
		const struct slot *s = &slots[i];

		if (!s->done)
			continue;
		t->reported++;
		if (s->first_cpus == gpu.cpus)
			t->started_local++;
		if (s->first_cpu >= 0 && s->first_cpu < 64 &&
		    (gpu.cpus >> s->first_cpu & 1))
			t->first_on_node++;
		t->pages += s->pages;
		t->on_node += s->on_node;
		t->missing += s->missing;
	}
}

static double share(const struct tally *t)
{
	return t->pages ? 100.0 * (double)t->on_node / (double)t->pages : 0.0;
}

static void print_row(const char *name, const struct tally *t)
{
	char pct[32], per[32];

	snprintf(pct, sizeof(pct), "%.2f%%", share(t));
	printf("%-9s %8lu/%-8lu %10lu %10lu %12llu %12llu %8s %8llu %12s\n", name,
	       t->reported, t->children, t->started_local, t->first_on_node,
	       t->pages, t->on_node, pct, t->missing,
	       bench_fmt_ns((double)t->ns / (double)t->children, per, sizeof(per)));
}

static void usage(FILE *f)
{
	fputs("Usage: bench_placement [--count N] [--mib M] [--jobs J]\n", f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "mib", required_argument, NULL, 'm' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	unsigned long count = 1000, mib = 4, jobs = 4;
	struct tally tagged, plain;
	struct bench_tag tag = { .cls = AISCHED_CLASS_TRAINING };
	struct aisched_nl *nl;
	struct slot *slots;
	char cpus[64], buf[4][64];
	int c, fail = 0;

	bench_prog = "bench_placement";
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "n:m:j:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			count = strtoul(optarg, NULL, 10);
			if (count < 10)
				bench_die("--count must be at least 10");
			break;
		case 'm':
			mib = strtoul(optarg, NULL, 10);
			if (mib < 1 || mib > 256)
				bench_die("--mib must be from 1 to 256");
			break;
		case 'j':
			jobs = strtoul(optarg, NULL, 10);
			if (jobs < 1 || jobs > 64)
				bench_die("--jobs must be from 1 to 64");
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}

	nl = bench_nl_open();
	if (bench_gpu_find(nl, &gpu))
		bench_die("no GPU with a known node (aisched gpus)");
	if (!gpu.cpus)
		bench_die("GPU %s: node %d has no online CPUs", gpu.addr, gpu.node);
	slots = mmap(NULL, count * sizeof(*slots), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED)
		bench_die("mmap: %s", strerror(errno));

	/* The parent stays outside both cgroups, free to run anywhere. */
	bench_cg_mkdir(BENCH_CGROUP_ROOT);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	if (bench_setaffinity(0, bench_online_cpus()))
		bench_die("sched_setaffinity: %s", strerror(errno));
	bench_cg_remove(DIR_PLACE);
	bench_cg_mkdir(DIR_TAGGED);
	bench_cg_mkdir(DIR_PLAIN);
	tag.gpu = gpu.addr;
	if (bench_tag_set(nl, DIR_TAGGED, &tag, NULL))
		bench_die("cannot tag %s with GPU %s", DIR_TAGGED, gpu.addr);

	printf("Benchmark 5: placement correctness at scale\n");
	printf("tag: class training, gpu %s (node %d, CPUs %s), placement local;\n"
	       "%lu processes per run, born with clone3(CLONE_INTO_CGROUP) from a parent\n"
	       "on every CPU, %lu at a time, each touching %lu MiB of fresh memory\n\n",
	       gpu.addr, gpu.node, bench_fmt_cpus(gpu.cpus, cpus, sizeof(cpus)),
	       count, jobs, mib);
	run(DIR_TAGGED, count, mib, jobs, slots, &tagged);
	run(DIR_PLAIN, count, mib, jobs, slots, &plain);

	printf("%-9s %17s %10s %10s %12s %12s %8s %8s %12s\n", "run", "reported",
	       "node CPUs", "1st CPU", "pages", "on node", "share", "missing",
	       "per child");
	print_row("tagged", &tagged);
	print_row("untagged", &plain);
	printf("\nnode CPUs: children whose affinity, read first, was exactly node %d's CPUs;\n"
	       "1st CPU: children whose first action ran on one of them; share: of their\n"
	       "pages, those move_pages() found on node %d\n", gpu.node, gpu.node);

	if (tagged.reported != count || tagged.started_local != count ||
	    tagged.on_node != tagged.pages || plain.reported != count)
		fail = 1;
	snprintf(buf[0], sizeof(buf[0]), "%.2f%%", share(&tagged));
	snprintf(buf[1], sizeof(buf[1]), "%.2f%%", share(&plain));
	if (share(&plain) > 0)
		snprintf(buf[2], sizeof(buf[2]), "%.2f", share(&tagged) / share(&plain));
	else
		snprintf(buf[2], sizeof(buf[2]), "-");
	bench_summary("5 placement", "pages on the GPU's node", buf[0], buf[1], buf[2],
		      "100%");
	snprintf(buf[3], sizeof(buf[3]), "%lu/%lu", tagged.started_local, count);
	snprintf(buf[0], sizeof(buf[0]), "%lu/%lu", plain.started_local, count);
	bench_summary("5 placement", "born on the node's CPUs", buf[3], buf[0], NULL, "all");

	if (bench_tag_del(nl, DIR_TAGGED))
		bench_warn("cannot untag %s", DIR_TAGGED);
	bench_cg_remove(DIR_PLACE);
	munmap(slots, count * sizeof(*slots));
	aisched_nl_close(nl);
	return fail;
}
