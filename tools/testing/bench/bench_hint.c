// SPDX-License-Identifier: GPL-2.0
/*
 * bench_hint: benchmark 8 (issue 7), the soft NUMA hint of placement
 * prefer.
 *
 * With NUMA balancing on (kernel.numa_balancing set to 1 for the run and
 * restored after it), each round runs three scenarios, their order rotated
 * from one round to the next:
 *
 *   baseline   2 spinners in an untagged cgroup and 2 competitors in
 *              another untagged cgroup;
 *   prefer     the same, the spinners' cgroup tagged "class training,
 *              nice 0, gpu = the first GPU with a known node, placement
 *              prefer" (in the test VM the bochs-display on node 1);
 *   saturated  4 spinners in that tagged cgroup and nothing else: more
 *              than the GPU node's CPUs (2 in the test VM) can hold.
 *
 * Every task is a child born into its cgroup with clone3(CLONE_INTO_CGROUP)
 * from a parent outside them. Every scenario starts from the same even
 * placement: of each role (spinners, competitors), every other task is
 * born on the GPU's node and the rest on the other CPUs (the parent forks
 * it with its own affinity on those CPUs), and each child widens its
 * affinity to every online CPU as its first action. Four tasks on four
 * CPUs are balanced, so without the hint each stays about where it was
 * born: the baseline is then about half of the spinners' time on the
 * GPU's node, and the hint has to move the spinner born on the other node
 * (by a swap with a competitor) to do better. All the children of a
 * scenario spin for SECONDS from the same instant. Each one reports
 * how its own CPU time split between the GPU's node and the others, as
 * memplace spin of the selftests does: a sample every 20,000 iterations
 * (getcpu() and the thread's CPU clock), the CPU time since the last
 * sample counting for the node of the CPU it runs on now. Halfway through,
 * the parent reads each spinner's numa_preferred_nid (/proc/PID/sched,
 * CONFIG_SCHED_DEBUG): a hinted spinner has the GPU's node there.
 *
 * The figure is the median share of a spinner's run time on the GPU's node
 * over all rounds, tagged (prefer) against untagged (baseline, the
 * baseline: where the scheduler and NUMA balancing put the same tasks
 * without the hint); the ratio is prefer over baseline. Target: most of
 * the run time (75% or more). For saturated, the figure is the median
 * share of run time on the other nodes: a hint is not an affinity, so it
 * must stay above 0.
 *
 * Placement prefer needs the numa-hint hook of patches/ (the project's
 * debug kernel: make bench BENCH=8 DEBUG=1). On a kernel without it the
 * module refuses the tag; the program says so, prints a "skipped" summary
 * line and exits 0.
 *
 * Usage: bench_hint [--rounds R] [--seconds S]
 *        (defaults: 5 rounds, 10 seconds per scenario)
 *
 * Prints the shares of every round, a table per scenario, then "summary|..."
 * lines for run-bench.sh. Exit status 0 if every child reported and every
 * tagged spinner had the hint (or the benchmark was skipped), 1 otherwise,
 * 2 on bad usage.
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

#define DIR_HINT	BENCH_CGROUP_ROOT "/hint"
#define DIR_PLAIN	DIR_HINT "/plain"
#define DIR_HINTED	DIR_HINT "/hinted"
#define DIR_COMPETE	DIR_HINT "/compete"
#define BALANCING	"/proc/sys/kernel/numa_balancing"
#define MAX_TASKS	4
#define SPIN_BATCH	20000
#define TARGET_SHARE	75.0	/* %, of a hinted spinner's run time */
#define TARGET_SHARE_S	"75"

enum { SC_BASELINE, SC_PREFER, SC_SATURATED, NR_SC };
enum { ROLE_SPIN, ROLE_COMPETE, NR_ROLES };

/* A scenario: how many tasks of each role, in which cgroups. */
struct scenario {
	const char *name;
	const char *dir[NR_ROLES];
	unsigned int n[NR_ROLES];
	int hinted;		/* the spinners' cgroup is tagged */
};

static const struct scenario scenarios[NR_SC] = {
	[SC_BASELINE] = { "baseline", { DIR_PLAIN, DIR_COMPETE }, { 2, 2 }, 0 },
	[SC_PREFER] = { "prefer", { DIR_HINTED, DIR_COMPETE }, { 2, 2 }, 1 },
	[SC_SATURATED] = { "saturated", { DIR_HINTED, NULL }, { 4, 0 }, 1 },
};

/* What one child found, in a table shared with the parent. */
struct slot {
	int done;		/* 1 once the child wrote the rest */
	uint64_t on_node_ns;	/* CPU time on the GPU node's CPUs */
	uint64_t other_ns;	/* CPU time on other CPUs */
};

/* Every share of one scenario and role, over all rounds. */
struct series {
	double share[64 * MAX_TASKS];	/* % of the run time on the GPU's node */
	double cpu[64 * MAX_TASKS];	/* CPU time, % of the wall time */
	unsigned int n;
	unsigned int last;		/* where the last round's figures start */
	unsigned int reported, children;
	unsigned int pref_read, pref_gpu;	/* numa_preferred_nid read, = GPU node */
};

static struct bench_gpu gpu;
static char balancing_was[16];
static struct series series[NR_SC][NR_ROLES];

static void balancing_restore(void)
{
	int fd;

	if (!balancing_was[0])
		return;
	fd = open(BALANCING, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, balancing_was, strlen(balancing_was)) < 0)
		bench_warn("cannot restore %s to %s", BALANCING, balancing_was);
	if (fd >= 0)
		close(fd);
	balancing_was[0] = 0;
}

/* NUMA balancing on; what it was is restored at exit. */
static void balancing_on(void)
{
	ssize_t len;
	int fd;

	fd = open(BALANCING, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		bench_die("%s: %s (a kernel without NUMA balancing)", BALANCING,
			  strerror(errno));
	len = read(fd, balancing_was, sizeof(balancing_was) - 1);
	if (len <= 0)
		bench_die("reading %s: %s", BALANCING, len ? strerror(errno) : "empty");
	balancing_was[len] = 0;
	balancing_was[strcspn(balancing_was, "\n")] = 0;
	atexit(balancing_restore);
	if (pwrite(fd, "1", 1, 0) != 1)
		bench_die("writing 1 to %s: %s", BALANCING, strerror(errno));
	close(fd);
}

static uint64_t thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return bench_ts_ns(&ts);
}

/*
 * The child: widens its affinity to every online CPU, waits for @start,
 * spins until @end. Exits without returning.
 */
static void __attribute__((noreturn)) spinner(struct slot *s, uint64_t start,
					      uint64_t end)
{
	struct timespec ts = {
		.tv_sec = (time_t)(start / 1000000000ull),
		.tv_nsec = (long)(start % 1000000000ull),
	};
	uint64_t last, t, on_node = 0, other = 0;
	volatile unsigned long x = 0;
	unsigned int cpu, node;
	int i;

	if (bench_setaffinity(0, bench_online_cpus()))
		_exit(3);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
	last = thread_cpu_ns();
	while (bench_now_ns() < end) {
		for (i = 0; i < SPIN_BATCH; i++)
			x++;
		if (syscall(SYS_getcpu, &cpu, &node, NULL))
			_exit(3);
		t = thread_cpu_ns();
		if ((int)node == gpu.node)
			on_node += t - last;
		else
			other += t - last;
		last = t;
	}
	s->on_node_ns = on_node;
	s->other_ns = other;
	s->done = 1;
	_exit(0);
}

/* @pid's numa_preferred_nid from /proc/PID/sched; -2 if it cannot be read. */
static int preferred_nid(pid_t pid)
{
	char path[64], line[256];
	int nid = -2;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/sched", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -2;
	while (fgets(line, sizeof(line), f)) {
		char *colon;

		if (strncmp(line, "numa_preferred_nid", 18))
			continue;
		colon = strchr(line, ':');
		if (colon)
			nid = atoi(colon + 1);
		break;
	}
	fclose(f);
	return nid;
}

/*
 * One scenario once: its children, every other one of each role born on
 * the GPU's node, the rest on @other; their findings into series[@sc].
 */
static void run(int sc, unsigned int seconds, uint64_t other, struct slot *slots)
{
	const struct scenario *s = &scenarios[sc];
	struct clone_args ca = { .flags = CLONE_INTO_CGROUP, .exit_signal = SIGCHLD };
	pid_t pids[NR_ROLES][MAX_TASKS];
	uint64_t start, end, half, now;
	unsigned int role, i;
	int status;

	memset(slots, 0, NR_ROLES * MAX_TASKS * sizeof(*slots));
	/* Time for the forks (slow under emulation) before the common start. */
	start = bench_now_ns() + 500000000ull;
	end = start + seconds * 1000000000ull;
	for (role = 0; role < NR_ROLES; role++) {
		int fd;

		if (!s->n[role])
			continue;
		fd = open(s->dir[role], O_DIRECTORY | O_PATH | O_CLOEXEC);
		if (fd < 0)
			bench_die("%s: %s", s->dir[role], strerror(errno));
		ca.cgroup = (uint64_t)fd;
		for (i = 0; i < s->n[role]; i++) {
			long pid;

			/* The child inherits the affinity it is born with. */
			bench_set_cpus(i % 2 ? gpu.cpus : other);
			pid = syscall(SYS_clone3, &ca, sizeof(ca));
			if (pid == 0)
				spinner(&slots[role * MAX_TASKS + i], start, end);
			if (pid < 0)
				bench_die("clone3(CLONE_INTO_CGROUP) into %s: %s",
					  s->dir[role], strerror(errno));
			pids[role][i] = (pid_t)pid;
		}
		close(fd);
	}
	bench_set_cpus(bench_online_cpus());

	/* Halfway: has each spinner the hint as its preferred node? */
	half = start + (end - start) / 2;
	now = bench_now_ns();
	if (now < half)
		bench_sleep_us((unsigned int)((half - now) / 1000));
	for (role = 0; role < NR_ROLES; role++) {
		struct series *se = &series[sc][role];

		for (i = 0; i < s->n[role]; i++) {
			int nid = preferred_nid(pids[role][i]);

			if (nid == -2)
				continue;
			se->pref_read++;
			if (nid == gpu.node)
				se->pref_gpu++;
		}
	}

	while (waitpid(-1, &status, 0) > 0 || errno == EINTR)
		;
	if (errno != ECHILD)
		bench_die("waitpid: %s", strerror(errno));

	for (role = 0; role < NR_ROLES; role++) {
		struct series *se = &series[sc][role];

		se->last = se->n;
		for (i = 0; i < s->n[role]; i++) {
			const struct slot *sl = &slots[role * MAX_TASKS + i];
			uint64_t total = sl->on_node_ns + sl->other_ns;

			se->children++;
			if (!sl->done || !total)
				continue;
			se->reported++;
			se->share[se->n] = 100.0 * (double)sl->on_node_ns / (double)total;
			se->cpu[se->n] = 100.0 * (double)total / (double)(end - start);
			se->n++;
		}
	}
}

static void print_round(unsigned int round, int sc)
{
	const struct scenario *s = &scenarios[sc];
	unsigned int role, i;

	printf("%5u  %-10s", round, s->name);
	for (role = 0; role < NR_ROLES; role++) {
		const struct series *se = &series[sc][role];
		int w = 0;

		if (role)
			printf(" |");
		for (i = se->last; i < se->n; i++)
			w += printf(" %5.1f%%", se->share[i]);
		if (!role)
			printf("%*s", 4 * 8 - w, "");
	}
	putchar('\n');
}

struct stats {
	double median, min, max, cpu;
};

static void stats(const struct series *se, struct stats *st)
{
	double v[64 * MAX_TASKS];

	memset(st, 0, sizeof(*st));
	if (!se->n)
		return;
	memcpy(v, se->share, se->n * sizeof(*v));
	st->median = bench_median_d(v, se->n);
	st->min = v[0];
	st->max = v[se->n - 1];
	memcpy(v, se->cpu, se->n * sizeof(*v));
	st->cpu = bench_median_d(v, se->n);
}

static void print_row(int sc, int role)
{
	static const char *const roles[NR_ROLES] = { "spinners", "competitors" };
	const struct series *se = &series[sc][role];
	char pref[32] = "-";
	struct stats st;

	if (!se->children)
		return;
	stats(se, &st);
	if (se->pref_read)
		snprintf(pref, sizeof(pref), "%u/%u", se->pref_gpu, se->pref_read);
	printf("%-10s %-12s %3u/%-3u %7.1f%% %7.1f%% %7.1f%% %7.1f%% %8.1f%% %9s\n",
	       scenarios[sc].name, roles[role], se->reported, se->children,
	       st.median, st.min, st.max, 100.0 - st.median, st.cpu, pref);
}

static void usage(FILE *f)
{
	fputs("Usage: bench_hint [--rounds R] [--seconds S]\n", f);
}

static void cleanup(struct aisched_nl *nl, int tagged)
{
	if (tagged && bench_tag_del(nl, DIR_HINTED))
		bench_warn("cannot untag %s", DIR_HINTED);
	bench_cg_remove(DIR_HINT);
	balancing_restore();
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rounds", required_argument, NULL, 'r' },
		{ "seconds", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct bench_tag tag = {
		.cls = AISCHED_CLASS_TRAINING,
		.has_nice = 1, .nice = 0,
		.has_placement = 1, .placement = AISCHED_PLACEMENT_PREFER,
	};
	unsigned long rounds = 5, seconds = 10, r;
	const struct aisched_nl_error *e;
	struct stats pre, base, sat;
	char cpus[64], others[64], buf[3][64];
	uint64_t other;
	struct aisched_nl *nl;
	struct slot *slots;
	int c, sc, role, fail = 0;

	bench_prog = "bench_hint";
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "r:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			rounds = strtoul(optarg, NULL, 10);
			if (rounds < 1 || rounds > 64)
				bench_die("--rounds must be from 1 to 64");
			break;
		case 's':
			seconds = strtoul(optarg, NULL, 10);
			if (seconds < 1 || seconds > 600)
				bench_die("--seconds must be from 1 to 600");
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}

	printf("Benchmark 8: soft NUMA hint (placement prefer)\n");
	nl = bench_nl_open();
	if (bench_gpu_find(nl, &gpu))
		bench_die("no GPU with a known node (aisched gpus)");
	if (!gpu.cpus)
		bench_die("GPU %s: node %d has no online CPUs", gpu.addr, gpu.node);
	other = bench_online_cpus() & ~gpu.cpus;
	if (!other)
		bench_die("no online CPU outside node %d: nowhere else to run", gpu.node);
	slots = mmap(NULL, NR_ROLES * MAX_TASKS * sizeof(*slots),
		     PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED)
		bench_die("mmap: %s", strerror(errno));

	/* The parent stays outside the cgroups, free to run anywhere. */
	bench_cg_mkdir(BENCH_CGROUP_ROOT);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	bench_set_cpus(bench_online_cpus());
	bench_cg_remove(DIR_HINT);
	bench_cg_mkdir(DIR_PLAIN);
	bench_cg_mkdir(DIR_HINTED);
	bench_cg_mkdir(DIR_COMPETE);
	tag.gpu = gpu.addr;
	if (bench_tag_set(nl, DIR_HINTED, &tag, NULL)) {
		e = aisched_nl_last_error(nl);
		if (!e || !strstr(e->msg, "numa-hint"))
			bench_die("cannot tag %s with GPU %s, placement prefer",
				  DIR_HINTED, gpu.addr);
		printf("skipped: this kernel has no numa-hint hook, and placement prefer needs\n"
		       "it (patches/, in the project's debug kernel: make bench BENCH=8 DEBUG=1)\n");
		bench_summary("8 soft hint", "run time on the GPU's node", "skipped",
			      "-", "-", "needs the numa-hint hook");
		cleanup(nl, 0);
		aisched_nl_close(nl);
		return 0;
	}
	balancing_on();

	printf("GPU %s on node %d (CPUs %s), the other CPUs %s; NUMA balancing on\n"
	       "(it was %s); %lu rounds of 3 scenarios, their order rotated, each task\n"
	       "spinning %lu s:\n"
	       "  baseline   2 spinners in an untagged cgroup, 2 competitors in another\n"
	       "  prefer     the same, the spinners' cgroup tagged class training, nice 0,\n"
	       "             gpu %s, placement prefer\n"
	       "  saturated  4 spinners in that tagged cgroup, nothing else\n"
	       "of each role, the 1st and 3rd task are born on CPUs %s, the 2nd and 4th on\n"
	       "node %d's (then each is free to run on every CPU; rows list them in order);\n"
	       "share: of a task's own CPU time, the part on node %d's CPUs (a sample\n"
	       "every %d iterations: getcpu() and the thread's CPU clock)\n\n",
	       gpu.addr, gpu.node, bench_fmt_cpus(gpu.cpus, cpus, sizeof(cpus)),
	       bench_fmt_cpus(other, others, sizeof(others)), balancing_was, rounds,
	       seconds, gpu.addr, others, gpu.node, gpu.node, SPIN_BATCH);

	printf("round  scenario   spinners (share on node %d)       | competitors\n",
	       gpu.node);
	for (r = 0; r < rounds; r++) {
		int k;

		for (k = 0; k < NR_SC; k++) {
			sc = (int)((r + (unsigned long)k) % NR_SC);
			run(sc, (unsigned int)seconds, other, slots);
			print_round((unsigned int)r + 1, sc);
		}
	}

	printf("\n%-10s %-12s %7s %8s %8s %8s %8s %9s %9s\n", "scenario", "tasks",
	       "reported", "median", "min", "max", "elsewhere", "CPU", "hint");
	for (sc = 0; sc < NR_SC; sc++)
		for (role = 0; role < NR_ROLES; role++)
			print_row(sc, role);
	printf("\nmedian, min, max: share of a task's run time on node %d, over all rounds;\n"
	       "elsewhere: 100%% - the median; CPU: median CPU time over the wall time;\n"
	       "hint: tasks whose numa_preferred_nid was %d halfway through, of those read\n",
	       gpu.node, gpu.node);

	for (sc = 0; sc < NR_SC; sc++)
		for (role = 0; role < NR_ROLES; role++)
			if (series[sc][role].reported != series[sc][role].children)
				fail = 1;
	for (sc = SC_PREFER; sc <= SC_SATURATED; sc++) {
		const struct series *se = &series[sc][ROLE_SPIN];

		if (se->pref_read && se->pref_gpu != se->pref_read) {
			bench_warn("%s: %u of %u tagged spinners lacked the hint (numa_preferred_nid %d)",
				   scenarios[sc].name, se->pref_read - se->pref_gpu,
				   se->pref_read, gpu.node);
			fail = 1;
		}
	}

	stats(&series[SC_PREFER][ROLE_SPIN], &pre);
	stats(&series[SC_BASELINE][ROLE_SPIN], &base);
	stats(&series[SC_SATURATED][ROLE_SPIN], &sat);
	snprintf(buf[0], sizeof(buf[0]), "%.1f%%", pre.median);
	snprintf(buf[1], sizeof(buf[1]), "%.1f%%", base.median);
	if (base.median > 0)
		snprintf(buf[2], sizeof(buf[2]), "%.2f", pre.median / base.median);
	else
		snprintf(buf[2], sizeof(buf[2]), "-");
	bench_summary("8 soft hint", "run time on the GPU's node", buf[0], buf[1],
		      buf[2], ">= " TARGET_SHARE_S "%");
	snprintf(buf[0], sizeof(buf[0]), "%.1f%%", 100.0 - sat.median);
	bench_summary("8 soft hint", "saturated: time elsewhere", buf[0], NULL, NULL,
		      "> 0%");
	printf("\nprefer vs baseline, median share on node %d: %.1f%% vs %.1f%% (ratio %s; target %.0f%%: %s);\n"
	       "saturated, median share elsewhere: %.1f%% (min %.1f%%; target > 0: %s)\n",
	       gpu.node, pre.median, base.median, buf[2], TARGET_SHARE,
	       pre.median >= TARGET_SHARE ? "met" : "not met", 100.0 - sat.median,
	       100.0 - sat.max, 100.0 - sat.median > 0 ? "met" : "not met");

	cleanup(nl, 1);
	munmap(slots, NR_ROLES * MAX_TASKS * sizeof(*slots));
	aisched_nl_close(nl);
	return fail;
}
