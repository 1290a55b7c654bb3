// SPDX-License-Identifier: GPL-2.0
/*
 * bench_movein: benchmark 4 of issue 4, the latency from a write to
 * cgroup.procs until the moved task runs under its new policy.
 *
 * A spinner process loops on sched_getscheduler(0) and, when the answer
 * changes, takes a CLOCK_MONOTONIC time stamp, publishes it and wakes the
 * mover (a futex: the mover sleeps rather than spins, so that it takes no
 * CPU away from the spinner or from whatever applies the policy). The
 * mover takes its time stamp just before the write. Latency = the
 * spinner's stamp - the mover's. Two methods, alternating move by move:
 *
 *   aisched     write the spinner's pid to a tagged cgroup's cgroup.procs
 *               (class background, cpus = node 1's CPUs); aisched applies
 *               SCHED_IDLE, the CPUs and I/O class idle. Then write it
 *               back to its untagged home cgroup: aisched restores its
 *               original state (the move-out latency, for information).
 *   user space  the best a user-space manager that made the move itself
 *               can do: write the pid to an untagged cgroup, then at once
 *               sched_setattr(SCHED_IDLE) + sched_setaffinity + ioprio_set
 *               on it (the order in which aisched applies them); back:
 *               write home, then put the saved state back. A polling
 *               daemon would add its polling interval to this.
 *
 * After aisched's change is seen, the spinner's affinity and I/O priority
 * are checked as well (given 100 ms to follow). The mover runs on CPU 0,
 * the spinner starts on CPU 1; 1-5 ms (random) separate the moves.
 *
 * Usage: bench_movein [--moves N]     (default 1000 of each method)
 * Exit status 0 if every move was seen, with the right state.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdatomic.h>
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

#define DIR_MOVE	BENCH_CGROUP_ROOT "/move"
#define DIR_HOME	DIR_MOVE "/home"
#define DIR_TAGGED	DIR_MOVE "/tagged"
#define DIR_PLAIN	DIR_MOVE "/plain"
#define TIMEOUT_NS	5000000000ull

struct shared {
	_Atomic uint32_t seq;	/* futex word: bumped at each change seen */
	int policy;		/* the policy seen */
	uint64_t t_ns;		/* when */
	volatile int stop;
};

enum { K_IN, K_OUT, U_IN, U_OUT, NR_SERIES };

static const char * const series_name[NR_SERIES] = {
	"aisched: move in", "aisched: move out (restore)",
	"user space: move in", "user space: move out",
};

struct series {
	uint64_t *v;		/* latencies */
	uint64_t *w;		/* how long the write itself took */
	int64_t *after;		/* latency - write: from the write's return */
	size_t n, nw;
	unsigned long late, wrong;
};

static int cmp_s64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static const char *fmt_signed(int64_t ns, char *buf, size_t size)
{
	char tmp[32];

	snprintf(buf, size, "%s%s", ns < 0 ? "-" : "",
		 bench_fmt_ns((double)(ns < 0 ? -ns : ns), tmp, sizeof(tmp)));
	return buf;
}

static struct shared *sh;
static struct bench_state want, orig;
static pid_t spinner_pid;

static void spinner(void)
{
	long last = syscall(SYS_sched_getscheduler, 0);

	for (;;) {
		long p = syscall(SYS_sched_getscheduler, 0);

		if (p != last) {
			sh->t_ns = bench_now_ns();
			sh->policy = (int)p;
			atomic_fetch_add(&sh->seq, 1);
			syscall(SYS_futex, &sh->seq, FUTEX_WAKE, 1, NULL, NULL, 0);
			last = p;
		}
		if (sh->stop)
			_exit(0);
	}
}

/* Waits for the spinner to see a change after @seq0; 0 or -ETIMEDOUT. */
static int wait_change(uint32_t seq0, uint64_t t0)
{
	uint32_t v;

	while ((v = atomic_load(&sh->seq)) == seq0) {
		uint64_t now = bench_now_ns(), left;
		struct timespec ts;

		if (now - t0 >= TIMEOUT_NS)
			return -ETIMEDOUT;
		left = TIMEOUT_NS - (now - t0);
		ts.tv_sec = (time_t)(left / 1000000000ull);
		ts.tv_nsec = (long)(left % 1000000000ull);
		syscall(SYS_futex, &sh->seq, FUTEX_WAIT, v, &ts, NULL, 0);
	}
	return 0;
}

static int open_procs(const char *dir)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		bench_die("%s: %s", path, strerror(errno));
	return fd;
}

/* Moves the spinner; records how long the write took. */
static void move(int fd, struct series *s, uint64_t t0)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%d", (int)spinner_pid);

	if (pwrite(fd, buf, (size_t)len, 0) != len)
		bench_die("moving the spinner: %s", strerror(errno));
	s->w[s->nw++] = bench_now_ns() - t0;
}

/*
 * After a change is seen: gives the rest of the state 100 ms to follow.
 * Returns 1 if it did; else 0, with what the spinner had in @s.
 */
static int state_follows(const struct bench_state *w, struct bench_state *s)
{
	int i;

	for (i = 0; i < 100; i++) {
		if (!bench_get_state(spinner_pid, s) && !bench_state_check(s, w))
			return 1;
		bench_sleep_us(1000);
	}
	return 0;
}

static void record(struct series *s, int k, uint32_t seq0, uint64_t t0, int policy,
		   const struct bench_state *w)
{
	struct bench_state have;
	char a[32], b[32];

	if (wait_change(seq0, t0)) {
		s->late++;
		/* Let it settle before the next move. */
		if (!state_follows(w, &have))
			bench_die("the spinner never got its new state");
		return;
	}
	s->after[s->n] = (int64_t)(sh->t_ns - t0) - (int64_t)s->w[s->nw - 1];
	s->v[s->n++] = sh->t_ns - t0;
	if (sh->policy == policy && state_follows(w, &have))
		return;
	s->wrong++;
	printf("%s, move %zu: saw policy %d; 100 ms later policy %d cpus %s ioprio %#x;"
	       " want policy %d cpus %s ioprio %#x\n", series_name[k], s->n, sh->policy,
	       have.policy, bench_fmt_cpus(have.cpus, a, sizeof(a)), have.ioprio,
	       w->policy, bench_fmt_cpus(w->cpus, b, sizeof(b)), w->ioprio);
}

static void one_kernel(struct series *ser, int fd_tagged, int fd_home)
{
	uint32_t seq0 = atomic_load(&sh->seq);
	uint64_t t0 = bench_now_ns();

	move(fd_tagged, &ser[K_IN], t0);
	record(&ser[K_IN], K_IN, seq0, t0, SCHED_IDLE, &want);
	bench_sleep_us(1000);
	seq0 = atomic_load(&sh->seq);
	t0 = bench_now_ns();
	move(fd_home, &ser[K_OUT], t0);
	record(&ser[K_OUT], K_OUT, seq0, t0, orig.policy, &orig);
}

static void one_user(struct series *ser, int fd_plain, int fd_home)
{
	uint32_t seq0 = atomic_load(&sh->seq);
	uint64_t t0 = bench_now_ns();

	move(fd_plain, &ser[U_IN], t0);
	if (bench_set_state(spinner_pid, &want))
		bench_die("setting the spinner's state from user space");
	record(&ser[U_IN], U_IN, seq0, t0, SCHED_IDLE, &want);
	bench_sleep_us(1000);
	seq0 = atomic_load(&sh->seq);
	t0 = bench_now_ns();
	move(fd_home, &ser[U_OUT], t0);
	if (bench_set_state(spinner_pid, &orig))
		bench_die("restoring the spinner's state from user space");
	record(&ser[U_OUT], U_OUT, seq0, t0, orig.policy, &orig);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "moves", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct bench_tag tag = { .cls = AISCHED_CLASS_BACKGROUND };
	struct series ser[NR_SERIES] = { { 0 } };
	unsigned long moves = 1000, i;
	int fd_home, fd_tagged, fd_plain, c, k, fail = 0;
	unsigned int seed = 12345;
	struct aisched_nl *nl;
	uint64_t online;
	char b[6][64];

	bench_prog = "bench_movein";
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			moves = strtoul(optarg, NULL, 10);
			if (moves < 10)
				bench_die("--moves must be at least 10");
			break;
		case 'h':
			puts("Usage: bench_movein [--moves N]");
			return 0;
		default:
			fputs("Usage: bench_movein [--moves N]\n", stderr);
			return 2;
		}
	}
	bench_background_state(bench_node_cpus(1), &want);
	if (!want.cpus)
		bench_die("no NUMA node 1 (the test VM has CPUs 2-3 there)");
	online = bench_online_cpus();
	if ((online & 3) != 3)
		bench_die("CPUs 0 and 1 must be online");
	tag.cpus = want.cpus;
	for (k = 0; k < NR_SERIES; k++) {
		ser[k].v = calloc(moves, sizeof(*ser[k].v));
		ser[k].w = calloc(moves, sizeof(*ser[k].w));
		ser[k].after = calloc(moves, sizeof(*ser[k].after));
		if (!ser[k].v || !ser[k].w || !ser[k].after)
			bench_die("out of memory");
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		bench_die("mmap: %s", strerror(errno));

	bench_cg_mkdir(BENCH_CGROUP_ROOT);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	bench_cg_remove(DIR_MOVE);
	bench_cg_mkdir(DIR_HOME);
	bench_cg_mkdir(DIR_TAGGED);
	bench_cg_mkdir(DIR_PLAIN);
	nl = bench_nl_open();
	if (bench_tag_set(nl, DIR_TAGGED, &tag, NULL))
		bench_die("cannot tag %s", DIR_TAGGED);

	if (bench_setaffinity(0, 1))
		bench_die("cannot pin myself to CPU 0");
	spinner_pid = fork();
	if (spinner_pid < 0)
		bench_die("fork: %s", strerror(errno));
	if (spinner_pid == 0) {
		if (bench_setaffinity(0, 2))
			_exit(1);
		spinner();
	}
	bench_cg_move(DIR_HOME, spinner_pid);
	bench_sleep_us(100000);
	if (bench_get_state(spinner_pid, &orig) || orig.cpus != 2)
		bench_die("the spinner did not start as expected");
	fd_home = open_procs(DIR_HOME);
	fd_tagged = open_procs(DIR_TAGGED);
	fd_plain = open_procs(DIR_PLAIN);

	for (i = 0; i < moves; i++) {
		if (i % 2) {
			one_user(ser, fd_plain, fd_home);
			bench_sleep_us(1000 + rand_r(&seed) % 4000);
			one_kernel(ser, fd_tagged, fd_home);
		} else {
			one_kernel(ser, fd_tagged, fd_home);
			bench_sleep_us(1000 + rand_r(&seed) % 4000);
			one_user(ser, fd_plain, fd_home);
		}
		bench_sleep_us(1000 + rand_r(&seed) % 4000);
	}

	sh->stop = 1;
	waitpid(spinner_pid, NULL, 0);
	bench_tag_del(nl, DIR_TAGGED);
	aisched_nl_close(nl);
	bench_cg_remove(DIR_MOVE);

	printf("Benchmark 4: move-in latency (%lu moves per method; latency from just\n"
	       "before the write to cgroup.procs until the task sees its new policy)\n\n", moves);
	printf("%-28s %5s %9s %9s %9s %9s %9s %9s %4s %5s\n", "", "moves", "p50", "p99",
	       "max", "write p50", "p99", "after p50", "late", "wrong");
	for (k = 0; k < NR_SERIES; k++) {
		struct series *s = &ser[k];

		bench_sort_u64(s->v, s->n);
		bench_sort_u64(s->w, s->nw);
		qsort(s->after, s->n, sizeof(*s->after), cmp_s64);
		printf("%-28s %5zu %9s %9s %9s %9s %9s %9s %4lu %5lu\n", series_name[k], s->n,
		       bench_fmt_ns(bench_median(s->v, s->n), b[0], sizeof(b[0])),
		       bench_fmt_ns((double)bench_pct(s->v, s->n, 99), b[1], sizeof(b[1])),
		       bench_fmt_ns((double)(s->n ? s->v[s->n - 1] : 0), b[2], sizeof(b[2])),
		       bench_fmt_ns(bench_median(s->w, s->nw), b[3], sizeof(b[3])),
		       bench_fmt_ns((double)bench_pct(s->w, s->nw, 99), b[4], sizeof(b[4])),
		       fmt_signed(s->n ? s->after[(s->n - 1) / 2] : 0, b[5], sizeof(b[5])),
		       s->late, s->wrong);
		if (s->late || s->wrong)
			fail = 1;
	}
	printf("write: how long the write to cgroup.procs itself took (the cgroup core's\n"
	       "migration, which waits for RCU); after: from the write's return until the\n"
	       "task saw its policy (negative: before the write returned); late: not seen\n"
	       "within 5 s; wrong: the policy, CPUs or I/O class did not all follow within\n"
	       "100 ms of the change\n");

	for (k = 0; k < 2; k++) {
		struct series *a = &ser[k == 0 ? K_IN : K_OUT], *u = &ser[k == 0 ? U_IN : U_OUT];
		double pa, pu;

		pa = bench_median(a->v, a->n);
		pu = bench_median(u->v, u->n);
		snprintf(b[3], sizeof(b[3]), "%.2fx", pu ? pa / pu : 0);
		bench_summary("4 move-in latency", k ? "move out p50" : "move in p50",
			      bench_fmt_ns(pa, b[0], sizeof(b[0])),
			      bench_fmt_ns(pu, b[1], sizeof(b[1])), b[3], k ? "(info)" : "a few ms");
		pa = (double)bench_pct(a->v, a->n, 99);
		pu = (double)bench_pct(u->v, u->n, 99);
		snprintf(b[3], sizeof(b[3]), "%.2fx", pu ? pa / pu : 0);
		bench_summary("4 move-in latency", k ? "move out p99" : "move in p99",
			      bench_fmt_ns(pa, b[0], sizeof(b[0])),
			      bench_fmt_ns(pu, b[1], sizeof(b[1])), b[3], k ? "(info)" : "a few ms");
		if (k || !a->n || !u->n)
			continue;
		bench_summary("4 move-in latency", "move in after write p50",
			      fmt_signed(a->after[(a->n - 1) / 2], b[0], sizeof(b[0])),
			      fmt_signed(u->after[(u->n - 1) / 2], b[1], sizeof(b[1])), "-",
			      "(info)");
	}
	return fail;
}
