// SPDX-License-Identifier: GPL-2.0
/*
 * bench_hotpath: benchmark 2 of issue 4, the cost aisched adds to fork,
 * thread creation and exec.
 *
 * One invocation measures one phase; run-bench.sh loads and unloads the
 * module between phases and interleaves them over several rounds, then
 * calls --report on everything they printed. The phases:
 *
 *   unloaded  the module is not loaded
 *   loaded    loaded, no tag anywhere
 *   tags      loaded, 8 other cgroups tagged (class background), each with a
 *             sleeping process; the measuring task untagged
 *   tagged    the measuring task itself in a cgroup tagged class training
 *             (SCHED_NORMAL, nice 0, I/O best-effort 4, no CPUs: the
 *             scheduling conditions of the other phases, plus the cost of
 *             applying the bundle to every child), for information
 *
 * The operations, each timed over a batch, per operation:
 *
 *   fork    fork(), the child _exit(0)s, waitpid()
 *   thread  pthread_create() (64 KiB stack), the thread returns, pthread_join()
 *   exec    posix_spawn() of this program with --true (it exits at once), waitpid()
 *
 * Usage:
 *   bench_hotpath --phase P [--round R] [--samples S] [--batch F,T,E] [--cpu C]
 *       prints "sample round=R phase=P op=O ns=N" per sample (ns per operation);
 *       the task pins itself to CPU C (default 1; -1: no pinning)
 *   bench_hotpath --report FILE
 *       reads those lines and prints, per operation and phase, the median
 *       over all samples and its ratio to the unloaded phase's, with the
 *       middle half of the rounds' own ratios (each round's median over
 *       the same round's unloaded median) as a measure of the noise; then
 *       summary lines
 *   bench_hotpath --true
 *       exits 0 (the exec operation's program)
 */

#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/aisched.h>

#include "bench.h"
#include "nl.h"

#define DIR_HOT		BENCH_CGROUP_ROOT "/hot"
#define DIR_TAGGED	BENCH_CGROUP_ROOT "/hot-tagged"
#define DIR_OTHERS	BENCH_CGROUP_ROOT "/hot-others"
#define NR_OTHERS	8
#define MAX_ROUNDS	64
#define MAX_SAMPLES	4096

extern char **environ;

enum op { OP_FORK, OP_THREAD, OP_EXEC, NR_OPS };
enum phase { PH_UNLOADED, PH_LOADED, PH_TAGS, PH_TAGGED, NR_PHASES };

static const char * const op_name[NR_OPS] = { "fork", "thread", "exec" };
static const char * const op_desc[NR_OPS] = {
	"fork+exit+wait", "pthread_create+join", "posix_spawn+exit+wait",
};
static const char * const phase_name[NR_PHASES] = {
	"unloaded", "loaded", "tags", "tagged",
};
static const char * const phase_desc[NR_PHASES] = {
	"module not loaded", "loaded, no tags", "8 other cgroups tagged",
	"own cgroup tagged (training)",
};

static char self_exe[4096];

static int module_loaded(void)
{
	struct stat st;

	return !stat("/sys/module/aisched", &st);
}

static void *thread_fn(void *arg)
{
	return arg;
}

static uint64_t time_batch(enum op op, unsigned int n)
{
	char *argv[] = { "bench_hotpath", "--true", NULL };
	pthread_attr_t attr;
	uint64_t t0, t;
	unsigned int i;
	int status, err;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	t0 = bench_now_ns();
	for (i = 0; i < n; i++) {
		pid_t pid;
		pthread_t th;

		switch (op) {
		case OP_FORK:
			pid = fork();
			if (pid == 0)
				_exit(0);
			if (pid < 0)
				bench_die("fork: %s", strerror(errno));
			if (waitpid(pid, &status, 0) < 0)
				bench_die("waitpid: %s", strerror(errno));
			break;
		case OP_THREAD:
			err = pthread_create(&th, &attr, thread_fn, NULL);
			if (err)
				bench_die("pthread_create: %s", strerror(err));
			pthread_join(th, NULL);
			break;
		case OP_EXEC:
			err = posix_spawn(&pid, self_exe, NULL, NULL, argv, environ);
			if (err)
				bench_die("posix_spawn %s: %s", self_exe, strerror(err));
			if (waitpid(pid, &status, 0) < 0)
				bench_die("waitpid: %s", strerror(errno));
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				bench_die("%s --true failed", self_exe);
			break;
		default:
			break;
		}
	}
	t = bench_now_ns() - t0;
	pthread_attr_destroy(&attr);
	return t / n;
}

/* 8 sibling cgroups, each tagged, each with a sleeping process. */
static void others_setup(struct aisched_nl *nl, pid_t *pids)
{
	const struct bench_tag tag = { .cls = AISCHED_CLASS_BACKGROUND };
	char path[256];
	int i;

	bench_cg_remove(DIR_OTHERS);
	for (i = 0; i < NR_OTHERS; i++) {
		snprintf(path, sizeof(path), "%s/t%d", DIR_OTHERS, i);
		bench_cg_mkdir(path);
		pids[i] = fork();
		if (pids[i] < 0)
			bench_die("fork: %s", strerror(errno));
		if (pids[i] == 0) {
			for (;;)
				pause();
		}
		bench_cg_move(path, pids[i]);
		if (bench_tag_set(nl, path, &tag, NULL))
			bench_die("cannot tag %s", path);
	}
}

static void others_teardown(struct aisched_nl *nl, pid_t *pids)
{
	char path[256];
	int i;

	for (i = 0; i < NR_OTHERS; i++) {
		snprintf(path, sizeof(path), "%s/t%d", DIR_OTHERS, i);
		bench_tag_del(nl, path);
		kill(pids[i], SIGKILL);
		waitpid(pids[i], NULL, 0);
	}
	bench_cg_remove(DIR_OTHERS);
}

/* Waits until the tag's I/O priority (best-effort 4) shows on this thread. */
static void wait_ioprio(int want)
{
	int i;

	for (i = 0; i < 5000; i++) {
		if (bench_ioprio_get(0) == want)
			return;
		bench_sleep_us(1000);
	}
	bench_die("the tag's I/O priority %#x did not reach me within 5 s (have %#lx)",
		  want, bench_ioprio_get(0));
}

static int measure(enum phase ph, int round, unsigned int samples,
		   const unsigned int *batch, int cpu)
{
	const struct bench_tag training = { .cls = AISCHED_CLASS_TRAINING };
	struct aisched_nl *nl = NULL;
	pid_t others[NR_OTHERS];
	unsigned int s;
	int orig_ioprio;
	int op;

	if ((ph == PH_UNLOADED) == module_loaded())
		bench_die("phase %s, but the module is %s", phase_name[ph],
			  module_loaded() ? "loaded" : "not loaded");
	if (readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1) < 0)
		bench_die("/proc/self/exe: %s", strerror(errno));
	if (cpu >= 0 && bench_setaffinity(0, 1ull << cpu))
		bench_die("cannot pin myself to CPU %d", cpu);
	bench_cg_mkdir(DIR_HOT);
	bench_cg_move(DIR_HOT, 0);
	orig_ioprio = (int)bench_ioprio_get(0);
	if (ph != PH_UNLOADED)
		nl = bench_nl_open();
	if (ph == PH_TAGS)
		others_setup(nl, others);
	if (ph == PH_TAGGED) {
		bench_cg_remove(DIR_TAGGED);
		bench_cg_mkdir(DIR_TAGGED);
		if (bench_tag_set(nl, DIR_TAGGED, &training, NULL))
			bench_die("cannot tag %s", DIR_TAGGED);
		bench_cg_move(DIR_TAGGED, 0);
		wait_ioprio(BENCH_IOPRIO(BENCH_IOPRIO_CLASS_BE, 4));
	}

	/* Warm up: slab caches, and under TCG the translation of the code. */
	for (op = 0; op < NR_OPS; op++)
		time_batch(op, batch[op] / 5 + 1);
	for (s = 0; s < samples; s++)
		for (op = 0; op < NR_OPS; op++)
			printf("sample round=%d phase=%s op=%s ns=%llu\n", round,
			       phase_name[ph], op_name[op],
			       (unsigned long long)time_batch(op, batch[op]));
	fflush(stdout);

	if (ph == PH_TAGGED) {
		bench_cg_move(DIR_HOT, 0);
		wait_ioprio(orig_ioprio);
		bench_tag_del(nl, DIR_TAGGED);
		bench_cg_remove(DIR_TAGGED);
	}
	if (ph == PH_TAGS)
		others_teardown(nl, others);
	if (nl)
		aisched_nl_close(nl);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	return 0;
}

/* --- --report ---------------------------------------------------------------- */

struct series {
	uint64_t *v;
	size_t n, cap;
};

static struct series pooled[NR_OPS][NR_PHASES];
static struct series by_round[NR_OPS][NR_PHASES][MAX_ROUNDS];

static void push(struct series *s, uint64_t x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			bench_die("out of memory");
	}
	s->v[s->n++] = x;
}

static double series_median(struct series *s)
{
	bench_sort_u64(s->v, s->n);
	return bench_median(s->v, s->n);
}

static int lookup(const char *name, const char * const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

static int report(const char *file)
{
	char line[256], phase[32], opn[32], buf[4][64];
	unsigned long long ns;
	int round, op, ph, r, rounds = 0;
	FILE *f = fopen(file, "r");

	if (!f)
		bench_die("%s: %s", file, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "sample round=%d phase=%31s op=%31s ns=%llu",
			   &round, phase, opn, &ns) != 4)
			continue;
		ph = lookup(phase, phase_name, NR_PHASES);
		op = lookup(opn, op_name, NR_OPS);
		if (ph < 0 || op < 0 || round < 1 || round > MAX_ROUNDS)
			continue;
		push(&pooled[op][ph], ns);
		push(&by_round[op][ph][round - 1], ns);
		if (round > rounds)
			rounds = round;
	}
	fclose(f);

	printf("Benchmark 2: hot-path cost, %d rounds\n"
	       "ratio: the phase's median / the unloaded median, over all samples;\n"
	       "spread: the middle half (25th to 75th percentile) of the rounds' own ratios\n\n",
	       rounds);
	printf("%-22s %-30s %8s %11s %8s %17s\n", "operation", "phase", "samples",
	       "median/op", "ratio", "spread");
	for (op = 0; op < NR_OPS; op++) {
		double base = series_median(&pooled[op][PH_UNLOADED]);

		for (ph = 0; ph < NR_PHASES; ph++) {
			double ratios[MAX_ROUNDS], med, ratio;
			size_t nr = 0;

			if (!pooled[op][ph].n)
				continue;
			med = series_median(&pooled[op][ph]);
			ratio = base ? med / base : 0;
			for (r = 0; r < rounds; r++) {
				struct series *a = &by_round[op][ph][r];
				struct series *b = &by_round[op][PH_UNLOADED][r];

				if (a->n && b->n)
					ratios[nr++] = series_median(a) / series_median(b);
			}
			bench_median_d(ratios, nr);	/* sorts */
			snprintf(buf[1], sizeof(buf[1]), "%.3f", ratio);
			buf[2][0] = '\0';
			if (ph != PH_UNLOADED && nr)
				snprintf(buf[2], sizeof(buf[2]), "%.3f-%.3f",
					 ratios[(nr - 1) / 4], ratios[(3 * (nr - 1) + 3) / 4]);
			printf("%-22s %-30s %8zu %11s %8s %17s\n", op_desc[op],
			       phase_desc[ph], pooled[op][ph].n,
			       bench_fmt_ns(med, buf[0], sizeof(buf[0])),
			       base ? buf[1] : "-", buf[2]);
			if (ph == PH_UNLOADED || !base)
				continue;
			snprintf(buf[3], sizeof(buf[3]), "%s, %s", op_name[op], phase_name[ph]);
			bench_fmt_ns(base, buf[2], sizeof(buf[2]));
			snprintf(buf[1], sizeof(buf[1]), "%+.1f%%", (ratio - 1) * 100);
			bench_summary("2 hot path", buf[3], buf[0], buf[2], buf[1],
				      ph == PH_TAGGED ? "(info)" : "<= +2%");
		}
	}
	return 0;
}

static void usage(FILE *f)
{
	fputs("Usage: bench_hotpath --phase unloaded|loaded|tags|tagged [--round R]\n"
	      "                     [--samples S] [--batch FORK,THREAD,EXEC] [--cpu C]\n"
	      "       bench_hotpath --report FILE\n"
	      "       bench_hotpath --true\n", f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "phase", required_argument, NULL, 'p' },
		{ "round", required_argument, NULL, 'r' },
		{ "samples", required_argument, NULL, 's' },
		{ "batch", required_argument, NULL, 'b' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "report", required_argument, NULL, 'R' },
		{ "true", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	unsigned int batch[NR_OPS] = { 50, 100, 25 };
	unsigned int samples = 5;
	int c, ph = -1, round = 1, cpu = 1;

	if (argc == 2 && !strcmp(argv[1], "--true"))
		return 0;
	bench_prog = "bench_hotpath";
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "p:r:s:b:c:R:th", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			ph = lookup(optarg, phase_name, NR_PHASES);
			if (ph < 0) {
				usage(stderr);
				return 2;
			}
			break;
		case 'r':
			round = atoi(optarg);
			if (round < 1 || round > MAX_ROUNDS)
				bench_die("--round must be 1 to %d", MAX_ROUNDS);
			break;
		case 's':
			samples = (unsigned int)atoi(optarg);
			if (samples < 1 || samples > MAX_SAMPLES)
				bench_die("--samples must be 1 to %d", MAX_SAMPLES);
			break;
		case 'b':
			if (sscanf(optarg, "%u,%u,%u", &batch[0], &batch[1], &batch[2]) != 3 ||
			    !batch[0] || !batch[1] || !batch[2])
				bench_die("--batch wants three positive counts: FORK,THREAD,EXEC");
			break;
		case 'c':
			cpu = atoi(optarg);
			break;
		case 'R':
			return report(optarg);
		case 't':
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (ph < 0) {
		usage(stderr);
		return 2;
	}
	if (cpu >= 64 || (cpu >= 0 && !(bench_online_cpus() & (1ull << cpu))))
		bench_die("CPU %d is not online", cpu);
	return measure(ph, round, samples, batch, cpu);
}
