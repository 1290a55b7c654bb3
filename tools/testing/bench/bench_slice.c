// SPDX-License-Identifier: GPL-2.0
/*
 * bench_slice: benchmark 9 (issue 8), the EEVDF slice of the inference
 * class.
 *
 * On one CPU (CPU 2 unless told otherwise), HOGS CPU hogs (2, nice 0, in
 * an untagged cgroup) spin while one latency task, in a tagged cgroup,
 * sleeps with clock_nanosleep(TIMER_ABSTIME) to a target about PERIOD
 * ahead (2 ms: 3/4 of it plus a random part of up to half of it, so that
 * the wake-ups do not lock to the timer tick's phase) and records its
 * wake-up delay: the CLOCK_MONOTONIC time it runs again at, less the
 * target. Every task is pinned to that CPU and born into its cgroup with
 * clone3(CLONE_INTO_CGROUP) from a parent that stays on the other CPUs;
 * all start at the same instant and run for SECONDS. Each round runs
 * three scenarios, their order rotated from one round to the next:
 *
 *   slice     the latency task's cgroup tagged "class inference": nice -10
 *             and the class's 1 ms slice;
 *   default   tagged "class training, nice -10": the same policy and nice,
 *             the kernel's default slice (its base slice times 1 + ilog2
 *             of the CPUs, at most 8: 2.1 ms in the 4-CPU test VM on
 *             Debian's 6.12 and 7.x, whose base is 0.7 ms) - the baseline;
 *   short     tagged "class inference, slice-us 100".
 *
 * The latency task reads its own sched_runtime (sched_getattr()) as its
 * first action: 1000000 (ns) in slice, 100000 in short, and something else
 * in default, or the slice was not applied and the program fails. Its
 * timer slack is set to 1 ns (PR_SET_TIMERSLACK), so that the delay is the
 * timer's and the scheduler's, not the slack's.
 *
 * The cgroups sit side by side under one that does not enable the cpu
 * controller for its children, so the hogs and the latency task share
 * one runqueue and their nice values and slices compete directly.
 *
 * The figures are the median and 99th percentile of the wake-up delay of
 * each scenario, over all its samples of every round (pooled); the ratio
 * is slice over default (below 1: the slice wakes sooner). Target: slice's
 * median below default's (reported, not enforced).
 *
 * Custom slices need Linux 6.12 or later (the slice feature, bit 128 of
 * GET_INFO: make bench BENCH=9 KERNEL=7.x). On an older kernel the program
 * says so, prints a "skipped" summary line and exits 0.
 *
 * Usage: bench_slice [--rounds R] [--seconds S] [--hogs N] [--period-us P]
 *                    [--cpu C]
 *        (defaults: 5 rounds, 10 seconds per scenario, 2 hogs, 2000 us,
 *        CPU 2)
 *
 * Prints the delays of every round, a table per scenario, then "summary|..."
 * lines for run-bench.sh. Exit status 0 if every child reported and every
 * latency task had the slice of its scenario (or the benchmark was
 * skipped), 1 otherwise, 2 on bad usage.
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
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "bench.h"
#include "nl.h"

#define DIR_SLICE	BENCH_CGROUP_ROOT "/slice"
#define DIR_HOGS	DIR_SLICE "/hogs"
#define MAX_HOGS	16
#define INFERENCE_NS	1000000ull	/* the inference class's slice */
#define SHORT_US	100		/* short's slice-us */

enum { SC_SLICE, SC_DEFAULT, SC_SHORT, NR_SC };

/* A scenario: how its latency task's cgroup is tagged. */
struct scenario {
	const char *name;
	const char *dir;
	uint32_t cls;		/* AISCHED_CLASS_* */
	int has_nice;
	int32_t nice;
	uint32_t slice_us;	/* 0: no SLICE_US attribute */
	uint64_t want_ns;	/* its sched_runtime; 0: not the inference slice */
	const char *desc;
};

static const struct scenario scenarios[NR_SC] = {
	[SC_SLICE] = { "slice", DIR_SLICE "/inference", AISCHED_CLASS_INFERENCE,
		       0, 0, 0, INFERENCE_NS, "class inference (nice -10, 1 ms slice)" },
	[SC_DEFAULT] = { "default", DIR_SLICE "/training", AISCHED_CLASS_TRAINING,
			 1, -10, 0, 0, "class training, nice -10 (the default slice)" },
	[SC_SHORT] = { "short", DIR_SLICE "/short", AISCHED_CLASS_INFERENCE,
		       0, 0, SHORT_US, SHORT_US * 1000ull,
		       "class inference, slice-us 100" },
};

/* What the latency task found, in memory shared with the parent. */
struct lat_slot {
	int done;		/* 1 once the task wrote the rest */
	int getattr_err;	/* -errno of sched_getattr(), or 0 */
	uint32_t policy;
	int32_t nice;
	uint64_t runtime;	/* sched_runtime, ns */
	uint64_t late;		/* wake-ups on another CPU */
	uint32_t n;		/* samples in delay[] */
	uint64_t delay[];	/* ns */
};

/* Every sample of one scenario, over all rounds. */
struct series {
	uint64_t *delay;
	size_t n, cap;
	size_t last;		/* where the last round's samples start */
	unsigned int runs, reported;
	uint64_t runtime;	/* sched_runtime, the last read */
	int runtime_ok;		/* every read was what the scenario wants */
	int32_t nice;
	uint64_t elsewhere;	/* wake-ups off the benchmark's CPU */
	unsigned int hogs, hogs_reported;
};

static struct series series[NR_SC];
static unsigned int bench_cpu = 2, nhogs = 2, period_us = 2000;
static size_t max_samples;

/* --- netlink: the features, and tags with a slice ----------------------- */

static int info_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[AISCHED_A_INFO_MAX + 1];
	uint64_t *features = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, AISCHED_A_INFO_MAX, NULL) < 0)
		return NL_OK;
	if (tb[AISCHED_A_INFO_FEATURES])
		*features = nla_get_u64(tb[AISCHED_A_INFO_FEATURES]);
	return NL_OK;
}

/* GET_INFO's features; dies if the module does not answer. */
static uint64_t features_get(struct aisched_nl *nl)
{
	struct nl_msg *msg = aisched_nl_msg(nl, AISCHED_CMD_GET_INFO, 0);
	uint64_t features = 0;

	if (!msg || aisched_nl_request(nl, msg, info_cb, &features, "reading the module's info"))
		bench_die("cannot read the module's features (GET_INFO)");
	return features;
}

/*
 * TAG_SET of a scenario's cgroup: its class, a NICE and a SLICE_US
 * attribute if it has them (struct bench_tag has no slice). 0 or -errno.
 */
static int tag_set(struct aisched_nl *nl, const struct scenario *s)
{
	struct nl_msg *msg = aisched_nl_msg(nl, AISCHED_CMD_TAG_SET, 0);

	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, AISCHED_A_TAG_PATH, s->dir) < 0 ||
	    nla_put_u32(msg, AISCHED_A_TAG_CLASS, s->cls) < 0 ||
	    (s->has_nice &&
	     nla_put(msg, AISCHED_A_TAG_NICE, sizeof(s->nice), &s->nice) < 0) ||
	    (s->slice_us &&
	     nla_put_u32(msg, AISCHED_A_TAG_SLICE_US, s->slice_us) < 0)) {
		nlmsg_free(msg);
		bench_warn("TAG_SET request too large");
		return -EMSGSIZE;
	}
	return aisched_nl_request(nl, msg, NULL, NULL, "tagging");
}

/* --- the children -------------------------------------------------------- */

/* Xorshift: the random part of each period, the same series every round. */
static uint64_t next_rand(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void sleep_until(uint64_t t)
{
	struct timespec ts = {
		.tv_sec = (time_t)(t / 1000000000ull),
		.tv_nsec = (long)(t % 1000000000ull),
	};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

/* A hog: nice 0 and the default slice, waits for @start, spins until @end. */
static void __attribute__((noreturn)) hog(int *done, uint64_t start, uint64_t end)
{
	volatile unsigned long x = 0;
	int i;

	if (bench_sched_setattr(0, SCHED_OTHER, 0, 0))
		_exit(3);
	sleep_until(start);
	while (bench_now_ns() < end)
		for (i = 0; i < 10000; i++)
			x++;
	*done = 1;
	_exit(0);
}

/*
 * The latency task: reads its scheduling attributes (what the tag gave it
 * before its first instruction), then from @start to @end sleeps to a
 * target and records how late it woke.
 */
static void __attribute__((noreturn)) latency(struct lat_slot *s, uint64_t start,
					      uint64_t end, uint64_t seed)
{
	uint64_t period = period_us * 1000ull, target, now, rnd = seed;
	struct aisched_sched_attr a;
	unsigned int cpu;
	long ret;

	memset(&a, 0, sizeof(a));
	ret = syscall(SYS_sched_getattr, 0, &a, sizeof(a), 0);
	if (ret)
		s->getattr_err = -errno;
	s->policy = a.sched_policy;
	s->nice = a.sched_nice;
	s->runtime = a.sched_runtime;
	prctl(PR_SET_TIMERSLACK, 1ul, 0, 0, 0);

	target = start;
	while (target < end && s->n < max_samples) {
		sleep_until(target);
		now = bench_now_ns();
		s->delay[s->n++] = now > target ? now - target : 0;
		if (!syscall(SYS_getcpu, &cpu, NULL, NULL) && cpu != bench_cpu)
			s->late++;
		target = now + period * 3 / 4 + next_rand(&rnd) % (period / 2);
	}
	s->done = 1;
	_exit(0);
}

/* A child born into @dir on the benchmark's CPU; returns in the parent. */
static pid_t spawn(const char *dir)
{
	struct clone_args ca = { .flags = CLONE_INTO_CGROUP, .exit_signal = SIGCHLD };
	long pid;
	int fd;

	fd = open(dir, O_DIRECTORY | O_PATH | O_CLOEXEC);
	if (fd < 0)
		bench_die("%s: %s", dir, strerror(errno));
	ca.cgroup = (uint64_t)fd;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid < 0)
		bench_die("clone3(CLONE_INTO_CGROUP) into %s: %s", dir, strerror(errno));
	if (pid > 0)
		close(fd);
	return (pid_t)pid;
}

/*
 * One scenario once: the hogs and the latency task, all on the benchmark's
 * CPU; the samples into series[@sc].
 */
static void run(int sc, unsigned int seconds, uint64_t seed, uint64_t others,
		struct lat_slot *slot, int *hog_done)
{
	struct series *se = &series[sc];
	uint64_t start, end;
	unsigned int i;
	int status;

	memset(slot, 0, sizeof(*slot));
	memset(hog_done, 0, MAX_HOGS * sizeof(*hog_done));
	/* Time for the forks (slow under emulation) before the common start. */
	start = bench_now_ns() + 500000000ull;
	end = start + seconds * 1000000000ull;
	/* The children inherit the affinity they are born with. */
	bench_set_cpus(1ull << bench_cpu);
	for (i = 0; i < nhogs; i++)
		if (!spawn(DIR_HOGS))
			hog(&hog_done[i], start, end);
	if (!spawn(scenarios[sc].dir))
		latency(slot, start, end, seed);
	bench_set_cpus(others);

	while (waitpid(-1, &status, 0) > 0 || errno == EINTR)
		;
	if (errno != ECHILD)
		bench_die("waitpid: %s", strerror(errno));

	se->runs++;
	se->hogs += nhogs;
	for (i = 0; i < nhogs; i++)
		se->hogs_reported += hog_done[i] != 0;
	se->last = se->n;
	if (!slot->done)
		return;
	se->reported++;
	if (slot->getattr_err || slot->policy != SCHED_OTHER ||
	    (scenarios[sc].want_ns ? slot->runtime != scenarios[sc].want_ns :
				     slot->runtime == INFERENCE_NS))
		se->runtime_ok = 0;
	se->runtime = slot->runtime;
	se->nice = slot->nice;
	se->elsewhere += slot->late;
	if (se->n + slot->n > se->cap) {
		se->cap = (se->n + slot->n) * 2;
		se->delay = realloc(se->delay, se->cap * sizeof(*se->delay));
		if (!se->delay)
			bench_die("out of memory");
	}
	memcpy(se->delay + se->n, slot->delay, slot->n * sizeof(*slot->delay));
	se->n += slot->n;
}

/* --- output -------------------------------------------------------------- */

struct stats {
	size_t n;
	double median;
	uint64_t p90, p99, max;
};

/* @n samples from @v (sorted here). */
static void stats(uint64_t *v, size_t n, struct stats *st)
{
	memset(st, 0, sizeof(*st));
	if (!n)
		return;
	bench_sort_u64(v, n);
	st->n = n;
	st->median = bench_median(v, n);
	st->p90 = bench_pct(v, n, 90);
	st->p99 = bench_pct(v, n, 99);
	st->max = v[n - 1];
}

static void print_stats(const struct stats *st)
{
	char b[4][32];

	printf(" %7zu %10s %10s %10s %10s", st->n,
	       bench_fmt_ns(st->median, b[0], sizeof(b[0])),
	       bench_fmt_ns((double)st->p90, b[1], sizeof(b[1])),
	       bench_fmt_ns((double)st->p99, b[2], sizeof(b[2])),
	       bench_fmt_ns((double)st->max, b[3], sizeof(b[3])));
}

static void print_round(unsigned int round, int sc)
{
	struct series *se = &series[sc];
	uint64_t *v;
	struct stats st;
	size_t n = se->n - se->last;

	/* A copy: the pooled samples stay in round order until the end. */
	v = malloc((n ? n : 1) * sizeof(*v));
	if (!v)
		bench_die("out of memory");
	memcpy(v, se->delay + se->last, n * sizeof(*v));
	stats(v, n, &st);
	free(v);
	printf("%5u  %-8s", round, scenarios[sc].name);
	print_stats(&st);
	if (se->reported == se->runs)
		printf(" %13llu\n", (unsigned long long)se->runtime);
	else
		printf(" %13s\n", "(no report)");
}

static void usage(FILE *f)
{
	fputs("Usage: bench_slice [--rounds R] [--seconds S] [--hogs N] [--period-us P]\n"
	      "                   [--cpu C]\n", f);
}

static void cleanup(struct aisched_nl *nl, int tagged)
{
	int sc;

	for (sc = 0; sc < tagged; sc++)
		if (bench_tag_del(nl, scenarios[sc].dir))
			bench_warn("cannot untag %s", scenarios[sc].dir);
	bench_cg_remove(DIR_SLICE);
}

static unsigned long number(const char *opt, const char *s, unsigned long min,
			    unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		bench_warn("%s must be from %lu to %lu", opt, min, max);
		usage(stderr);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rounds", required_argument, NULL, 'r' },
		{ "seconds", required_argument, NULL, 's' },
		{ "hogs", required_argument, NULL, 'n' },
		{ "period-us", required_argument, NULL, 'p' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	unsigned long rounds = 5, seconds = 10, r;
	struct stats st[NR_SC];
	char buf[6][64], cpus[64];
	uint64_t online, others, features;
	struct aisched_nl *nl;
	struct lat_slot *slot;
	size_t slot_size;
	int *hog_done;
	int c, sc, tagged, fail = 0;

	bench_prog = "bench_slice";
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "r:s:n:p:c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			rounds = number("--rounds", optarg, 1, 64);
			break;
		case 's':
			seconds = number("--seconds", optarg, 1, 600);
			break;
		case 'n':
			nhogs = (unsigned int)number("--hogs", optarg, 0, MAX_HOGS);
			break;
		case 'p':
			period_us = (unsigned int)number("--period-us", optarg, 100, 1000000);
			break;
		case 'c':
			bench_cpu = (unsigned int)number("--cpu", optarg, 0, 63);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}

	printf("Benchmark 9: the EEVDF slice of inference\n");
	nl = bench_nl_open();
	features = features_get(nl);
	if (!(features & AISCHED_FEATURE_SLICE)) {
		printf("skipped: this kernel (features %#llx) has no EEVDF custom slices, which\n"
		       "need Linux 6.12 or later (make bench BENCH=9 KERNEL=7.x)\n",
		       (unsigned long long)features);
		bench_summary("9 EEVDF slice", "wake-up delay p50", "skipped", "-", "-",
			      "needs Linux 6.12+");
		aisched_nl_close(nl);
		return 0;
	}
	online = bench_online_cpus();
	if (!(online & (1ull << bench_cpu)))
		bench_die("CPU %u is not online", bench_cpu);
	others = online & ~(1ull << bench_cpu);
	if (!others)
		bench_die("no online CPU besides %u for the parent", bench_cpu);

	/* Enough for a whole run of the shortest periods, and some. */
	max_samples = (size_t)seconds * 1000000ull / (period_us * 3 / 4) + 16;
	slot_size = sizeof(*slot) + max_samples * sizeof(slot->delay[0]);
	slot = mmap(NULL, slot_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		    -1, 0);
	hog_done = mmap(NULL, MAX_HOGS * sizeof(*hog_done), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slot == MAP_FAILED || hog_done == MAP_FAILED)
		bench_die("mmap: %s", strerror(errno));
	for (sc = 0; sc < NR_SC; sc++)
		series[sc].runtime_ok = 1;

	/*
	 * The parent stays outside the cgroups, off the benchmark's CPU. The
	 * cpu controller must not be enabled below the benchmarks' cgroup:
	 * the hogs and the latency task are to share one runqueue.
	 */
	bench_cg_mkdir(BENCH_CGROUP_ROOT);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	bench_set_cpus(others);
	bench_cg_remove(DIR_SLICE);
	if (bench_cg_write(BENCH_CGROUP_ROOT, "cgroup.subtree_control", "-cpu"))
		bench_die("cannot disable the cpu controller below %s", BENCH_CGROUP_ROOT);
	bench_cg_mkdir(DIR_HOGS);
	for (tagged = 0; tagged < NR_SC; tagged++) {
		bench_cg_mkdir(scenarios[tagged].dir);
		if (tag_set(nl, &scenarios[tagged])) {
			cleanup(nl, tagged);
			bench_die("cannot tag %s (%s)", scenarios[tagged].dir,
				  scenarios[tagged].desc);
		}
	}

	printf("on CPU %u alone (the parent on CPUs %s): %u hogs (nice 0, untagged) and\n"
	       "one latency task that sleeps to a target %u us ahead on average (3/4 of\n"
	       "it plus a random part of up to half of it; clock_nanosleep TIMER_ABSTIME,\n"
	       "timer slack 1 ns) and records how late it wakes; %lu rounds of 3\n"
	       "scenarios, their order rotated, %lu s each; the latency task's cgroup\n"
	       "tagged:\n",
	       bench_cpu, bench_fmt_cpus(others, cpus, sizeof(cpus)), nhogs, period_us,
	       rounds, seconds);
	for (sc = 0; sc < NR_SC; sc++)
		printf("  %-9s %s\n", scenarios[sc].name, scenarios[sc].desc);
	printf("sched_runtime: the latency task's, read with sched_getattr() as its\n"
	       "first action (ns; the slice, custom or default)\n\n");

	printf("round  %-8s %7s %10s %10s %10s %10s %13s\n", "scenario", "samples",
	       "median", "p90", "p99", "max", "sched_runtime");
	for (r = 0; r < rounds; r++) {
		int k;

		for (k = 0; k < NR_SC; k++) {
			sc = (int)((r + (unsigned long)k) % NR_SC);
			run(sc, (unsigned int)seconds, 0x9e3779b97f4a7c15ull + r,
			    others, slot, hog_done);
			print_round((unsigned int)r + 1, sc);
		}
	}

	printf("\n%-8s %7s %7s %10s %10s %10s %10s %13s %5s %9s\n", "scenario",
	       "runs", "samples", "median", "p90", "p99", "max", "sched_runtime",
	       "nice", "elsewhere");
	for (sc = 0; sc < NR_SC; sc++) {
		struct series *se = &series[sc];

		stats(se->delay, se->n, &st[sc]);
		printf("%-8s %3u/%-3u", scenarios[sc].name, se->reported, se->runs);
		print_stats(&st[sc]);
		printf(" %13llu %5d %9llu\n", (unsigned long long)se->runtime, se->nice,
		       (unsigned long long)se->elsewhere);
	}
	printf("\nwake-up delay over every sample of every round (pooled): the time the\n"
	       "latency task runs again at, less its target; elsewhere: wake-ups seen\n"
	       "on a CPU other than %u (none expected: the task is pinned)\n", bench_cpu);

	for (sc = 0; sc < NR_SC; sc++) {
		const struct series *se = &series[sc];

		if (se->reported != se->runs || se->hogs_reported != se->hogs) {
			bench_warn("%s: %u of %u latency tasks and %u of %u hogs reported",
				   scenarios[sc].name, se->reported, se->runs,
				   se->hogs_reported, se->hogs);
			fail = 1;
		}
		if (!se->runtime_ok) {
			if (scenarios[sc].want_ns)
				bench_warn("%s: the latency task's sched_runtime was %llu, not %llu: the slice was not applied",
					   scenarios[sc].name,
					   (unsigned long long)se->runtime,
					   (unsigned long long)scenarios[sc].want_ns);
			else
				bench_warn("%s: the latency task's sched_runtime was %llu, the inference slice",
					   scenarios[sc].name,
					   (unsigned long long)se->runtime);
			fail = 1;
		}
	}

	bench_fmt_ns(st[SC_SLICE].median, buf[0], sizeof(buf[0]));
	bench_fmt_ns(st[SC_DEFAULT].median, buf[1], sizeof(buf[1]));
	if (st[SC_DEFAULT].median > 0)
		snprintf(buf[2], sizeof(buf[2]), "%.2f",
			 st[SC_SLICE].median / st[SC_DEFAULT].median);
	else
		snprintf(buf[2], sizeof(buf[2]), "-");
	bench_summary("9 EEVDF slice", "wake-up delay p50", buf[0], buf[1], buf[2],
		      "< default");
	bench_fmt_ns((double)st[SC_SLICE].p99, buf[3], sizeof(buf[3]));
	bench_fmt_ns((double)st[SC_DEFAULT].p99, buf[4], sizeof(buf[4]));
	if (st[SC_DEFAULT].p99)
		snprintf(buf[5], sizeof(buf[5]), "%.2f",
			 (double)st[SC_SLICE].p99 / (double)st[SC_DEFAULT].p99);
	else
		snprintf(buf[5], sizeof(buf[5]), "-");
	bench_summary("9 EEVDF slice", "wake-up delay p99", buf[3], buf[4], buf[5],
		      "(info)");
	printf("\nslice vs default, median wake-up delay: %s vs %s (ratio %s; target below\n"
	       "default: %s); p99: %s vs %s (ratio %s)\n",
	       buf[0], buf[1], buf[2],
	       st[SC_SLICE].median < st[SC_DEFAULT].median ? "met" : "not met",
	       buf[3], buf[4], buf[5]);

	bench_fmt_ns(st[SC_SHORT].median, buf[0], sizeof(buf[0]));
	snprintf(buf[2], sizeof(buf[2]), "-");
	if (st[SC_DEFAULT].median > 0)
		snprintf(buf[2], sizeof(buf[2]), "%.2f",
			 st[SC_SHORT].median / st[SC_DEFAULT].median);
	bench_summary("9 EEVDF slice", "short (100 us) p50", buf[0], buf[1], buf[2],
		      "(info)");
	bench_fmt_ns((double)st[SC_SHORT].p99, buf[3], sizeof(buf[3]));
	snprintf(buf[5], sizeof(buf[5]), "-");
	if (st[SC_DEFAULT].p99)
		snprintf(buf[5], sizeof(buf[5]), "%.2f",
			 (double)st[SC_SHORT].p99 / (double)st[SC_DEFAULT].p99);
	bench_summary("9 EEVDF slice", "short (100 us) p99", buf[3], buf[4], buf[5],
		      "(info)");
	printf("short vs default: median %s vs %s (ratio %s); p99 %s vs %s (ratio %s)\n",
	       buf[0], buf[1], buf[2], buf[3], buf[4], buf[5]);

	cleanup(nl, NR_SC);
	for (sc = 0; sc < NR_SC; sc++)
		free(series[sc].delay);
	munmap(slot, slot_size);
	munmap(hog_done, MAX_HOGS * sizeof(*hog_done));
	aisched_nl_close(nl);
	return fail;
}
