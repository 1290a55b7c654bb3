// SPDX-License-Identifier: GPL-2.0
/*
 * memtouch: touch fresh memory, and report on which NUMA node the kernel put
 * each page and which CPUs the task could run on.
 *
 * Usage: memtouch [-f] [-c CPU] [-H] MIB
 *
 *   MIB      MiB of fresh anonymous memory to touch: one write per 4 KiB page,
 *            from this task, so that the kernel allocates each page on the
 *            node of the CPU that first touches it
 *   -f       fork first: a new child does everything else (its affinity
 *            read as its first action after fork()); the parent waits for
 *            it and exits with its status
 *   -c CPU   pin the task to CPU (sched_setaffinity) before touching
 *   -H       hold: after the report, sleep until killed, keeping the memory
 *            (for the cgroup's memory.numa_stat)
 *
 * The task reads its affinity before anything else (before parsing its
 * arguments; with -f, the child right after fork()), then touches the
 * memory, then asks move_pages(2) with nodes NULL where each page is.
 * One line on stdout:
 *
 *   pid=P first_cpus=LIST cpus=LIST cpu=C pages=N node0=A node1=B missing=M
 *
 * first_cpus the affinity read first, cpus the affinity after touching, cpu
 * the CPU it ran on last (getcpu), pages the pages touched, nodeK the pages
 * on node K (K from 0 to the highest node seen, at least 1), missing the
 * pages move_pages() reported an error for.
 *
 * Exit status: 0 ok, 1 a system call failed, 2 bad usage.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CPUS	1024
#define MAX_NODES	64
#define PAGE		4096UL
#define CHUNK		1024	/* pages per move_pages() call */

static const char *prog = "memtouch";

static void cpulist(char *buf, size_t size, const cpu_set_t *set)
{
	size_t n = 0;
	int cpu, end;

	buf[0] = '\0';
	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		if (!CPU_ISSET(cpu, set))
			continue;
		for (end = cpu; end + 1 < MAX_CPUS && CPU_ISSET(end + 1, set); end++)
			;
		if (n < size)
			n += snprintf(buf + n, size - n, "%s%d", n ? "," : "", cpu);
		if (end > cpu && n < size)
			n += snprintf(buf + n, size - n, "-%d", end);
		cpu = end;
	}
	if (!n)
		snprintf(buf, size, "-");
}

static int usage(const char *why)
{
	fprintf(stderr, "%s: %s\nUsage: memtouch [-f] [-c CPU] [-H] MIB\n", prog, why);
	return 2;
}

static int parse_long(const char *s, long min, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return (end == s || *end || errno || *out < min || *out > max) ? -1 : 0;
}

/* Touches @mib MiB, reports; @first is the affinity read first. */
static int touch(const cpu_set_t *first, long mib, long cpu, int hold)
{
	unsigned long pages = mib * (1024 * 1024 / PAGE), i, done;
	unsigned long count[MAX_NODES] = { 0 }, missing = 0;
	char first_s[4096], now_s[4096], line[8192];
	int *status, highest = 1, len;
	unsigned int on_cpu = 0;
	cpu_set_t now;
	void **addrs;
	char *mem;

	if (cpu >= 0) {
		CPU_ZERO(&now);
		CPU_SET(cpu, &now);
		if (sched_setaffinity(0, sizeof(now), &now)) {
			fprintf(stderr, "%s: pinning to CPU %ld: %m\n", prog, cpu);
			return 1;
		}
	}
	mem = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	status = calloc(pages, sizeof(*status));
	addrs = calloc(pages, sizeof(*addrs));
	if (mem == MAP_FAILED || !status || !addrs) {
		fprintf(stderr, "%s: allocating %ld MiB: %m\n", prog, mib);
		return 1;
	}
	for (i = 0; i < pages; i++) {
		mem[i * PAGE] = 1;
		addrs[i] = mem + i * PAGE;
	}
	for (done = 0; done < pages; done += CHUNK) {
		unsigned long n = pages - done < CHUNK ? pages - done : CHUNK;

		/* nodes NULL: move nothing, report each page's node. */
		if (syscall(SYS_move_pages, 0, n, addrs + done, NULL,
			    status + done, 0)) {
			fprintf(stderr, "%s: move_pages: %m\n", prog);
			return 1;
		}
	}
	for (i = 0; i < pages; i++) {
		if (status[i] < 0 || status[i] >= MAX_NODES) {
			missing++;
			continue;
		}
		count[status[i]]++;
		if (status[i] > highest)
			highest = status[i];
	}
	CPU_ZERO(&now);
	if (sched_getaffinity(0, sizeof(now), &now) ||
	    syscall(SYS_getcpu, &on_cpu, NULL, NULL)) {
		fprintf(stderr, "%s: reading the affinity: %m\n", prog);
		return 1;
	}
	cpulist(first_s, sizeof(first_s), first);
	cpulist(now_s, sizeof(now_s), &now);
	len = snprintf(line, sizeof(line), "pid=%d first_cpus=%s cpus=%s cpu=%u pages=%lu",
		       getpid(), first_s, now_s, on_cpu, pages);
	for (i = 0; i <= (unsigned long)highest && len < (int)sizeof(line); i++)
		len += snprintf(line + len, sizeof(line) - len, " node%lu=%lu", i, count[i]);
	if (len < (int)sizeof(line))
		len += snprintf(line + len, sizeof(line) - len, " missing=%lu\n", missing);
	if (len >= (int)sizeof(line) || write(STDOUT_FILENO, line, len) != len)
		return 1;
	while (hold)
		pause();
	return 0;
}

int main(int argc, char *argv[])
{
	long mib, cpu = -1;
	int c, fork_first = 0, hold = 0, status;
	cpu_set_t first;
	pid_t pid;

	/* First: what the task was given before it ran any code of its own. */
	CPU_ZERO(&first);
	if (sched_getaffinity(0, sizeof(first), &first)) {
		fprintf(stderr, "%s: reading the affinity: %m\n", prog);
		return 1;
	}
	while ((c = getopt(argc, argv, "fc:H")) != -1) {
		switch (c) {
		case 'f':
			fork_first = 1;
			break;
		case 'c':
			if (parse_long(optarg, 0, MAX_CPUS - 1, &cpu))
				return usage("bad CPU");
			break;
		case 'H':
			hold = 1;
			break;
		default:
			return usage("bad option");
		}
	}
	if (optind != argc - 1 || parse_long(argv[optind], 1, 1 << 20, &mib))
		return usage("give the MiB to touch");
	if (!fork_first)
		return touch(&first, mib, cpu, hold);

	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "%s: fork: %m\n", prog);
		return 1;
	}
	if (!pid) {
		CPU_ZERO(&first);
		if (sched_getaffinity(0, sizeof(first), &first))
			_exit(1);
		_exit(touch(&first, mib, cpu, hold));
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "%s: waitpid: %m\n", prog);
			return 1;
		}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
