// SPDX-License-Identifier: GPL-2.0
/*
 * bench_tagscale: benchmark 3 of issue 4, tagging a cgroup that already
 * holds many threads, against doing the same from user space.
 *
 * For each size N, fills a cgroup with N threads (processes of PER_PROC
 * threads each, main thread included, 32 KiB stacks, all asleep), then over
 * ROUNDS rounds, in alternating order, times:
 *
 *   kernel     one TAG_SET request (class background, cpus = node 1's CPUs),
 *              sent through netlink from this program: from the send to
 *              the ACK; TAG_SET applies the bundle to every thread before
 *              it answers
 *   tool       fork + exec + wait of "aisched tag PATH --class background
 *              --cpus LIST" (with --tool; the tool's own start-up included)
 *   user       what chrt + taskset + ionice would do for each thread, in one
 *              program: read cgroup.threads, then for each thread
 *              sched_setattr(SCHED_IDLE) + sched_setaffinity(node 1) +
 *              ioprio_set(idle)
 *
 * After each, every thread is checked (all must have the bundle), and the
 * change is undone: TAG_DEL (timed too: it restores every thread), "aisched
 * untag", or a second user-space loop that writes back each thread's saved
 * state (timed; saving it beforehand is not). Every undo is checked as
 * well: all threads must be back to what they had.
 *
 * The user-space loop is a lower bound for user space: it saves nothing at
 * tag time, while TAG_SET also records each thread's original state. For
 * information, a fourth method does what a user-space tool that can undo
 * its work must do:
 *
 *   user + save   as user, but first sched_getattr + sched_getaffinity +
 *                 ioprio_get of each thread, and the undo writes those back
 *
 * Usage: bench_tagscale [--threads N[,N...]] [--per-proc K] [--rounds R]
 *                       [--tool PATH]
 * Defaults: --threads 1000,10000 --per-proc 1000 --rounds 11.
 * Exit status 0 if every check passed.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/aisched.h>

#include "bench.h"
#include "nl.h"

#define DIR_SCALE	BENCH_CGROUP_ROOT "/scale"
#define MAX_SIZES	8
#define MAX_ROUNDS	64
#define STACK_SIZE	(32 * 1024)

enum method { M_KERNEL, M_TOOL, M_USER, M_USER_SAVE, NR_METHODS };

static const char * const method_name[NR_METHODS] = {
	"TAG_SET", "aisched tag", "user space", "user + save",
};

static struct bench_state want;
static const char *tool;
static char tool_cpus[64];

static void *sleeper(void *arg)
{
	for (;;)
		pause();
	return arg;
}

/* A process of k threads (main included) in DIR_SCALE; writes 1 byte when ready. */
static void worker(int k, int ready)
{
	pthread_attr_t attr;
	pthread_t th;
	int i, err;

	bench_cg_move(DIR_SCALE, 0);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, STACK_SIZE);
	for (i = 1; i < k; i++) {
		err = pthread_create(&th, &attr, sleeper, NULL);
		if (err)
			bench_die("thread %d of %d: %s", i, k, strerror(err));
	}
	if (write(ready, "x", 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

struct population {
	pid_t *procs;
	int nprocs;
	pid_t *tids;
	struct bench_state *orig;
	size_t n;
};

static void populate(struct population *p, int n, int per_proc)
{
	int fds[2], i, left = n;
	char c;

	bench_cg_remove(DIR_SCALE);
	bench_cg_mkdir(DIR_SCALE);
	p->nprocs = (n + per_proc - 1) / per_proc;
	p->procs = calloc((size_t)p->nprocs, sizeof(*p->procs));
	if (!p->procs || pipe(fds))
		bench_die("out of memory or pipes");
	for (i = 0; i < p->nprocs; i++) {
		int k = left < per_proc ? left : per_proc;

		left -= k;
		p->procs[i] = fork();
		if (p->procs[i] < 0)
			bench_die("fork: %s", strerror(errno));
		if (p->procs[i] == 0) {
			close(fds[0]);
			worker(k, fds[1]);
		}
	}
	close(fds[1]);
	for (i = 0; i < p->nprocs; i++)
		if (read(fds[0], &c, 1) != 1)
			bench_die("a worker process died while creating its threads");
	close(fds[0]);

	p->tids = bench_cg_threads(DIR_SCALE, &p->n);
	if ((int)p->n != n)
		bench_die("%s holds %zu threads, not %d", DIR_SCALE, p->n, n);
	p->orig = calloc(p->n, sizeof(*p->orig));
	if (!p->orig)
		bench_die("out of memory");
	for (size_t j = 0; j < p->n; j++)
		if (bench_get_state(p->tids[j], &p->orig[j]))
			bench_die("reading the state of thread %d", p->tids[j]);
}

static void depopulate(struct population *p)
{
	int i;

	for (i = 0; i < p->nprocs; i++)
		kill(p->procs[i], SIGKILL);
	for (i = 0; i < p->nprocs; i++)
		waitpid(p->procs[i], NULL, 0);
	bench_cg_remove(DIR_SCALE);
	free(p->procs);
	free(p->tids);
	free(p->orig);
}

/* Threads that do not have the bundle (@tagged) or their original state. */
static size_t count_wrong(const struct population *p, int tagged)
{
	size_t i, wrong = 0;

	for (i = 0; i < p->n; i++) {
		struct bench_state s;

		if (bench_get_state(p->tids[i], &s) ||
		    bench_state_check(&s, tagged ? &want : &p->orig[i]))
			wrong++;
	}
	return wrong;
}

static int run_tool(const char *sub)
{
	char *argv[] = { (char *)tool, (char *)sub, DIR_SCALE, "--class", "background",
			 "--cpus", tool_cpus, NULL };
	int status;
	pid_t pid;

	if (!strcmp(sub, "untag"))
		argv[3] = NULL;
	pid = fork();
	if (pid < 0)
		bench_die("fork: %s", strerror(errno));
	if (pid == 0) {
		/* It prints the tag; its errors still show. */
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, STDOUT_FILENO);
		execv(tool, argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		bench_die("waitpid: %s", strerror(errno));
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

/*
 * One method, one round: @set and @undo get the times; returns the number of
 * failed checks (threads wrong after setting plus after undoing), or -1 if
 * the method itself failed.
 */
static long run_method(struct aisched_nl *nl, enum method m, struct population *p,
		       uint64_t *set, uint64_t *undo)
{
	const struct bench_tag tag = { .cls = AISCHED_CLASS_BACKGROUND, .cpus = want.cpus };
	struct bench_state *saved = NULL;
	pid_t *tids = NULL;
	long bad = 0;
	uint64_t t0;
	size_t i, n = 0;
	int err = 0;

	t0 = bench_now_ns();
	switch (m) {
	case M_KERNEL:
		err = bench_tag_set(nl, DIR_SCALE, &tag, NULL);
		break;
	case M_TOOL:
		err = run_tool("tag");
		break;
	case M_USER:
		tids = bench_cg_threads(DIR_SCALE, &n);
		for (i = 0; i < n; i++) {
			if (bench_sched_setattr(tids[i], SCHED_IDLE, 0, 0) ||
			    bench_setaffinity(tids[i], want.cpus) ||
			    bench_ioprio_set(tids[i], want.ioprio))
				err = -1;
		}
		break;
	case M_USER_SAVE:
		tids = bench_cg_threads(DIR_SCALE, &n);
		saved = malloc(n * sizeof(*saved));
		if (!saved)
			bench_die("out of memory");
		for (i = 0; i < n; i++) {
			if (bench_get_state(tids[i], &saved[i]) ||
			    bench_sched_setattr(tids[i], SCHED_IDLE, 0, 0) ||
			    bench_setaffinity(tids[i], want.cpus) ||
			    bench_ioprio_set(tids[i], want.ioprio))
				err = -1;
		}
		break;
	default:
		break;
	}
	*set = bench_now_ns() - t0;
	if (err) {
		free(tids);
		free(saved);
		return -1;
	}
	bad += (long)count_wrong(p, 1);

	t0 = bench_now_ns();
	switch (m) {
	case M_KERNEL:
		err = bench_tag_del(nl, DIR_SCALE);
		break;
	case M_TOOL:
		err = run_tool("untag");
		break;
	case M_USER:
		for (i = 0; i < p->n; i++)
			if (bench_set_state(p->tids[i], &p->orig[i]))
				err = -1;
		break;
	case M_USER_SAVE:
		for (i = 0; i < n; i++)
			if (bench_set_state(tids[i], &saved[i]))
				err = -1;
		break;
	default:
		break;
	}
	*undo = bench_now_ns() - t0;
	free(tids);
	free(saved);
	if (err)
		return -1;
	bad += (long)count_wrong(p, 0);
	return bad;
}

static int run_size(struct aisched_nl *nl, int n, int per_proc, int rounds)
{
	uint64_t set[NR_METHODS][MAX_ROUNDS], undo[NR_METHODS][MAX_ROUNDS];
	int nset[NR_METHODS] = { 0 }, use[NR_METHODS] = { 1, tool != NULL, 1, 1 };
	long bad[NR_METHODS] = { 0 };
	struct population p;
	char b[6][64], label[64];
	int r, k, m, fail = 0;
	uint64_t t0 = bench_now_ns();

	populate(&p, n, per_proc);
	printf("\n%d threads in %d processes (created in %s)\n", n, p.nprocs,
	       bench_fmt_ns((double)(bench_now_ns() - t0), b[0], sizeof(b[0])));
	for (r = 0; r < rounds; r++) {
		for (k = 0; k < NR_METHODS; k++) {
			long ret;

			/* Alternate the order between rounds. */
			m = r % 2 ? NR_METHODS - 1 - k : k;
			if (!use[m])
				continue;
			ret = run_method(nl, m, &p, &set[m][nset[m]], &undo[m][nset[m]]);
			if (ret < 0) {
				bench_warn("%s failed; leaving it out", method_name[m]);
				use[m] = 0;
				bad[m] = -1;
				/* Put everything back for the others. */
				bench_tag_del(nl, DIR_SCALE);
				for (size_t i = 0; i < p.n; i++)
					bench_set_state(p.tids[i], &p.orig[i]);
				continue;
			}
			bad[m] += ret;
			nset[m]++;
		}
	}
	printf("%-12s %6s %12s %12s %14s %16s\n", "method", "rounds", "tag (p50)",
	       "per thread", "undo (p50)", "threads wrong");
	for (m = 0; m < NR_METHODS; m++) {
		if (!nset[m]) {
			printf("%-12s %6s %12s\n", method_name[m], "-",
			       tool || m != M_TOOL ? "failed" : "no --tool");
			continue;
		}
		bench_sort_u64(set[m], (size_t)nset[m]);
		bench_sort_u64(undo[m], (size_t)nset[m]);
		printf("%-12s %6d %12s %12s %14s %16ld\n", method_name[m], nset[m],
		       bench_fmt_ns(bench_median(set[m], (size_t)nset[m]), b[0], sizeof(b[0])),
		       bench_fmt_ns(bench_median(set[m], (size_t)nset[m]) / n, b[1], sizeof(b[1])),
		       bench_fmt_ns(bench_median(undo[m], (size_t)nset[m]), b[2], sizeof(b[2])),
		       bad[m]);
		if (bad[m])
			fail = 1;
	}
	if (!nset[M_KERNEL] || !nset[M_USER]) {
		fail = 1;
	} else {
		double k_ns = bench_median(set[M_KERNEL], (size_t)nset[M_KERNEL]);
		double u_ns = bench_median(set[M_USER], (size_t)nset[M_USER]);
		double kd = bench_median(undo[M_KERNEL], (size_t)nset[M_KERNEL]);
		double ud = bench_median(undo[M_USER], (size_t)nset[M_USER]);

		printf("user space / TAG_SET: %.2fx (tag), %.2fx (undo)\n", u_ns / k_ns, ud / kd);
		snprintf(label, sizeof(label), "%d threads: tag", n);
		snprintf(b[5], sizeof(b[5]), "%.2fx", u_ns / k_ns);
		if (bad[M_KERNEL])
			snprintf(b[0], sizeof(b[0]), "%ld WRONG", bad[M_KERNEL]);
		else
			bench_fmt_ns(k_ns, b[0], sizeof(b[0]));
		bench_summary("3 tagging at scale", label, b[0],
			      bench_fmt_ns(u_ns, b[1], sizeof(b[1])),
			      bad[M_KERNEL] ? "-" : b[5], "> 1x");
		if (nset[M_TOOL]) {
			double t_ns = bench_median(set[M_TOOL], (size_t)nset[M_TOOL]);

			snprintf(label, sizeof(label), "%d threads: aisched tag", n);
			snprintf(b[5], sizeof(b[5]), "%.2fx", u_ns / t_ns);
			if (bad[M_TOOL])
				snprintf(b[0], sizeof(b[0]), "%ld WRONG", bad[M_TOOL]);
			else
				bench_fmt_ns(t_ns, b[0], sizeof(b[0]));
			bench_summary("3 tagging at scale", label, b[0],
				      bench_fmt_ns(u_ns, b[1], sizeof(b[1])),
				      bad[M_TOOL] ? "-" : b[5], "(info)");
		}
		if (nset[M_USER_SAVE] && !bad[M_KERNEL]) {
			double s_ns = bench_median(set[M_USER_SAVE], (size_t)nset[M_USER_SAVE]);

			snprintf(label, sizeof(label), "%d threads: tag vs + save", n);
			snprintf(b[5], sizeof(b[5]), "%.2fx", s_ns / k_ns);
			bench_summary("3 tagging at scale", label,
				      bench_fmt_ns(k_ns, b[0], sizeof(b[0])),
				      bench_fmt_ns(s_ns, b[1], sizeof(b[1])), b[5], "(info)");
		}
		snprintf(label, sizeof(label), "%d threads: untag", n);
		snprintf(b[5], sizeof(b[5]), "%.2fx", ud / kd);
		bench_summary("3 tagging at scale", label, bench_fmt_ns(kd, b[0], sizeof(b[0])),
			      bench_fmt_ns(ud, b[1], sizeof(b[1])), b[5], "(info)");
	}
	depopulate(&p);
	return fail;
}

static void usage(FILE *f)
{
	fputs("Usage: bench_tagscale [--threads N[,N...]] [--per-proc K] [--rounds R] [--tool PATH]\n", f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threads", required_argument, NULL, 'n' },
		{ "per-proc", required_argument, NULL, 'k' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "tool", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int sizes[MAX_SIZES] = { 1000, 10000 }, nsizes = 2;
	int per_proc = 1000, rounds = 11, c, i, fail = 0;
	struct aisched_nl *nl;
	char *s, *tok, *save;

	bench_prog = "bench_tagscale";
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "n:k:r:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			nsizes = 0;
			s = strdup(optarg);
			for (tok = strtok_r(s, ",", &save); tok && nsizes < MAX_SIZES;
			     tok = strtok_r(NULL, ",", &save)) {
				sizes[nsizes] = atoi(tok);
				if (sizes[nsizes] < 1)
					bench_die("bad thread count '%s'", tok);
				nsizes++;
			}
			free(s);
			break;
		case 'k':
			per_proc = atoi(optarg);
			if (per_proc < 1)
				bench_die("--per-proc must be positive");
			break;
		case 'r':
			rounds = atoi(optarg);
			if (rounds < 1 || rounds > MAX_ROUNDS)
				bench_die("--rounds must be 1 to %d", MAX_ROUNDS);
			break;
		case 't':
			tool = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}

	bench_background_state(bench_node_cpus(1), &want);
	if (!want.cpus)
		bench_die("no NUMA node 1 (the test VM has CPUs 2-3 there)");
	bench_fmt_cpus(want.cpus, tool_cpus, sizeof(tool_cpus));
	bench_cg_mkdir(BENCH_CGROUP_ROOT);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	nl = bench_nl_open();

	printf("Benchmark 3: tagging at scale\n");
	printf("tag: class background (SCHED_IDLE, I/O idle), cpus %s; %d rounds, medians\n",
	       tool_cpus, rounds);
	for (i = 0; i < nsizes; i++)
		fail |= run_size(nl, sizes[i], per_proc, rounds);
	aisched_nl_close(nl);
	return fail;
}
