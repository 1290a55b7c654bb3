// SPDX-License-Identifier: GPL-2.0
/*
 * bench_first: benchmark 1 of issue 4, first-instruction correctness.
 *
 * Creates COUNT children in a cgroup tagged "class background, cpus = node
 * 1's CPUs" (SCHED_IDLE, I/O class idle, affinity 2-3 in the test VM), and
 * each child, as its first action, reads its own policy, affinity and I/O
 * priority and reports whether they are the tag's. Four ways of creating a
 * child:
 *
 *   fork         fork(), the parent itself in the tagged cgroup
 *   clone-into   clone3(CLONE_INTO_CGROUP) into the tagged cgroup, from a
 *                parent outside it (SCHED_OTHER, every CPU): the child can
 *                have the tag's policy only if the fork hook gave it to
 *                it, since it inherits nothing of the tag
 *   thread       pthread_create(), the process in the tagged cgroup
 *   thread-into  clone3(CLONE_THREAD | CLONE_INTO_CGROUP) of a bare thread
 *                into a tagged threaded cgroup, from an untagged thread
 *
 * In the fork and thread modes the child inherits its parent's policy in
 * any case; they check that nothing in aisched's fork path disturbs that.
 * The -into modes are the real test of the fork hook. Each mode is run
 * again on COUNT/100 children with no tag at all, as a control that must
 * come out 0% correct (the check can fail).
 *
 * A child's first action: fork and clone-into children call
 * bench_get_state() right after the system call returns; threads do it as
 * the first statement of their start routine (bare threads: the first code
 * after clone3 returns, in assembly, calls it).
 *
 * Usage: bench_first [--count N] [--modes fork,clone-into,thread,thread-into]
 *
 * Prints a table, then "summary|..." lines for run-bench.sh. Exit status 0
 * if every child of every mode was correct (and every control wrong), 1
 * otherwise, 2 on bad usage.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
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

#define DIR_PROC	BENCH_CGROUP_ROOT "/first"
#define DIR_THREADED	BENCH_CGROUP_ROOT "/first-threaded"
#define RAW_STACK_SIZE	(64 * 1024)

enum mode { FORK, CLONE_INTO, THREAD, THREAD_INTO, NR_MODES };

static const char * const mode_name[NR_MODES] = {
	"fork", "clone-into", "thread", "thread-into",
};

static const char * const mode_desc[NR_MODES] = {
	"fork(), parent tagged",
	"clone3 INTO_CGROUP, parent untagged",
	"pthread_create(), process tagged",
	"clone3 THREAD|INTO_CGROUP, parent untagged",
};

/* What every child compares itself with. */
static struct bench_state want;

struct tally {
	unsigned long total, correct, errors;
	unsigned long wrong[3];	/* policy, cpus, ioprio */
	uint64_t ns;
};

static void tally_one(struct tally *t, int wrong)
{
	t->total++;
	if (wrong < 0) {
		t->errors++;
		return;
	}
	if (!wrong)
		t->correct++;
	if (wrong & BENCH_WRONG_POLICY)
		t->wrong[0]++;
	if (wrong & BENCH_WRONG_CPUS)
		t->wrong[1]++;
	if (wrong & BENCH_WRONG_IOPRIO)
		t->wrong[2]++;
}

/* The first action of every child. Raw system calls only. */
static int check_self(void)
{
	struct bench_state s;

	if (bench_get_state(0, &s))
		return 8;
	return bench_state_check(&s, &want);
}

/* A child process's exit status: its check, or -1 if it died otherwise. */
static int reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			bench_die("waitpid: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 7)
		return -1;
	return WEXITSTATUS(status);
}

static void run_fork(unsigned long n, struct tally *t)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(check_self());
		if (pid < 0)
			bench_die("fork: %s", strerror(errno));
		tally_one(t, reap(pid));
	}
}

static void run_clone_into(unsigned long n, int cgfd, struct tally *t)
{
	struct clone_args ca = {
		.flags = CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = (uint64_t)cgfd,
	};
	unsigned long i;

	for (i = 0; i < n; i++) {
		long pid = syscall(SYS_clone3, &ca, sizeof(ca));

		if (pid == 0)
			_exit(check_self());
		if (pid < 0)
			bench_die("clone3(CLONE_INTO_CGROUP): %s", strerror(errno));
		tally_one(t, reap((pid_t)pid));
	}
}

static void *thread_main(void *arg)
{
	*(int *)arg = check_self();
	return NULL;
}

static void run_thread(unsigned long n, struct tally *t)
{
	pthread_attr_t attr;
	unsigned long i;
	int err;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, RAW_STACK_SIZE);
	for (i = 0; i < n; i++) {
		pthread_t th;
		int wrong = -1;

		err = pthread_create(&th, &attr, thread_main, &wrong);
		if (err)
			bench_die("pthread_create: %s", strerror(err));
		pthread_join(th, NULL);
		tally_one(t, wrong);
	}
	pthread_attr_destroy(&attr);
}

/*
 * A bare thread: clone3() with its own stack; the child calls fn(arg) and
 * exits with SYS_exit (this thread only). The child shares its creator's
 * TLS, so fn must not use the C library.
 */
static long clone3_thread(struct clone_args *ca, int (*fn)(void *), void *arg)
{
	register long r12 __asm__("r12") = (long)fn;
	register long r13 __asm__("r13") = (long)arg;
	long ret;

	__asm__ volatile ("syscall\n\t"
			  "test %%rax, %%rax\n\t"
			  "jnz 1f\n\t"
			  "xor %%ebp, %%ebp\n\t"
			  "mov %%r13, %%rdi\n\t"
			  "and $-16, %%rsp\n\t"
			  "call *%%r12\n\t"
			  "mov %%eax, %%edi\n\t"
			  "mov %[nr_exit], %%eax\n\t"
			  "syscall\n\t"
			  "hlt\n"
			  "1:\n\t"
			  : "=a"(ret)
			  : "0"((long)SYS_clone3), "D"(ca), "S"(sizeof(*ca)),
			    "r"(r12), "r"(r13), [nr_exit] "i"(SYS_exit)
			  : "rcx", "r11", "memory");
	return ret;
}

struct bare {
	volatile int tid;	/* set by the kernel, cleared at exit */
	int wrong;
};

static int bare_main(void *arg)
{
	struct bare *b = arg;

	b->wrong = check_self();
	return 0;
}

static void run_thread_into(unsigned long n, int cgfd, struct tally *t)
{
	struct bare b;
	struct clone_args ca;
	unsigned long i;
	void *stack;

	stack = mmap(NULL, RAW_STACK_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		bench_die("mmap: %s", strerror(errno));
	for (i = 0; i < n; i++) {
		long ret;
		int v;

		memset(&ca, 0, sizeof(ca));
		ca.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			   CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID |
			   CLONE_CHILD_CLEARTID | CLONE_INTO_CGROUP;
		ca.parent_tid = (uint64_t)(uintptr_t)&b.tid;
		ca.child_tid = (uint64_t)(uintptr_t)&b.tid;
		ca.stack = (uint64_t)(uintptr_t)stack;
		ca.stack_size = RAW_STACK_SIZE;
		ca.cgroup = (uint64_t)cgfd;
		b.tid = 1;
		b.wrong = -1;
		ret = clone3_thread(&ca, bare_main, &b);
		if (ret < 0)
			bench_die("clone3(CLONE_THREAD | CLONE_INTO_CGROUP): %s",
				  strerror((int)-ret));
		while ((v = b.tid) != 0)
			syscall(SYS_futex, &b.tid, FUTEX_WAIT, v, NULL, NULL, 0);
		tally_one(t, b.wrong);
	}
	munmap(stack, RAW_STACK_SIZE);
}

static int open_dir(const char *path)
{
	int fd = open(path, O_DIRECTORY | O_PATH | O_CLOEXEC);

	if (fd < 0)
		bench_die("%s: %s", path, strerror(errno));
	return fd;
}

static void check_own_state(const char *when, const struct bench_state *w)
{
	struct bench_state s;
	char a[64], b[64];
	int wrong;

	if (bench_get_state(0, &s))
		bench_die("reading my own state: %s", strerror(errno));
	wrong = bench_state_check(&s, w);
	if (wrong)
		bench_warn("%s: policy %d/%d cpus %s/%s ioprio %#x/%#x (have/want)",
			   when, s.policy, w->policy,
			   bench_fmt_cpus(s.cpus, a, sizeof(a)),
			   bench_fmt_cpus(w->cpus, b, sizeof(b)), s.ioprio, w->ioprio);
}

/*
 * One mode, tagged (@tagged) or as the untagged control. The parent starts
 * and ends in BENCH_CGROUP_ROOT with its original state @orig.
 */
static void run_mode(struct aisched_nl *nl, enum mode m, unsigned long n,
		     int tagged, const struct bench_state *orig, struct tally *t)
{
	const struct bench_tag tag = {
		.cls = AISCHED_CLASS_BACKGROUND, .cpus = want.cpus,
	};
	const char *target;
	char path[256];
	uint64_t t0;
	int cgfd = -1;

	memset(t, 0, sizeof(*t));
	bench_cg_remove(DIR_PROC);
	bench_cg_remove(DIR_THREADED);
	if (m == THREAD_INTO) {
		/* A threaded root holding the process, and a threaded child. */
		bench_cg_mkdir(DIR_THREADED);
		bench_cg_move(DIR_THREADED, 0);
		snprintf(path, sizeof(path), "%s/tagged", DIR_THREADED);
		bench_cg_mkdir(path);
		if (bench_cg_write(path, "cgroup.type", "threaded"))
			bench_die("%s: cannot make it threaded: %s", path, strerror(errno));
	} else {
		snprintf(path, sizeof(path), "%s/tagged", DIR_PROC);
		bench_cg_mkdir(path);
	}
	target = path;
	if (m == FORK || m == THREAD)
		bench_cg_move(target, 0);
	if (tagged && bench_tag_set(nl, target, &tag, NULL))
		bench_die("cannot tag %s", target);
	if (tagged && (m == FORK || m == THREAD))
		check_own_state("the parent after TAG_SET", &want);
	if (m == CLONE_INTO || m == THREAD_INTO)
		cgfd = open_dir(target);

	t0 = bench_now_ns();
	switch (m) {
	case FORK:
		run_fork(n, t);
		break;
	case CLONE_INTO:
		run_clone_into(n, cgfd, t);
		break;
	case THREAD:
		run_thread(n, t);
		break;
	case THREAD_INTO:
		run_thread_into(n, cgfd, t);
		break;
	default:
		break;
	}
	t->ns = bench_now_ns() - t0;

	if (cgfd >= 0)
		close(cgfd);
	if (tagged && bench_tag_del(nl, target))
		bench_die("cannot untag %s", target);
	if (m == FORK || m == THREAD)
		check_own_state("the parent after TAG_DEL", orig);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	bench_cg_remove(DIR_PROC);
	bench_cg_remove(DIR_THREADED);
}

static void usage(FILE *f)
{
	fputs("Usage: bench_first [--count N] [--modes fork,clone-into,thread,thread-into]\n", f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "modes", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int enabled[NR_MODES] = { 1, 1, 1, 1 };
	unsigned long count = 10000;
	struct bench_state orig;
	struct aisched_nl *nl;
	char cpus[64], buf[4][64];
	int c, m, fail = 0;

	bench_prog = "bench_first";
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "n:m:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			count = strtoul(optarg, NULL, 10);
			if (count < 100)
				bench_die("--count must be at least 100");
			break;
		case 'm': {
			char *s = strdup(optarg), *tok, *save = NULL;

			memset(enabled, 0, sizeof(enabled));
			for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
				for (m = 0; m < NR_MODES; m++)
					if (!strcmp(tok, mode_name[m]))
						break;
				if (m == NR_MODES) {
					usage(stderr);
					return 2;
				}
				enabled[m] = 1;
			}
			free(s);
			break;
		}
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
	bench_cg_mkdir(BENCH_CGROUP_ROOT);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	if (bench_get_state(0, &orig))
		bench_die("reading my own state: %s", strerror(errno));
	nl = bench_nl_open();

	printf("Benchmark 1: first-instruction correctness\n");
	printf("tag: class background (SCHED_IDLE, I/O idle), cpus %s (node 1); %lu children per mode\n\n",
	       bench_fmt_cpus(want.cpus, cpus, sizeof(cpus)), count);
	printf("%-12s %-44s %13s %7s %6s %7s %11s %16s\n", "mode", "how", "correct",
	       "policy", "cpus", "ioprio", "per child", "control (no tag)");
	for (m = 0; m < NR_MODES; m++) {
		struct tally t, ctl;
		char cell[64];

		if (!enabled[m])
			continue;
		run_mode(nl, m, count, 1, &orig, &t);
		run_mode(nl, m, count / 100, 0, &orig, &ctl);
		snprintf(cell, sizeof(cell), "%lu/%lu", t.correct, t.total);
		snprintf(buf[0], sizeof(buf[0]), "%lu/%lu", ctl.correct, ctl.total);
		printf("%-12s %-44s %13s %7lu %6lu %7lu %11s %16s\n", mode_name[m],
		       mode_desc[m], cell, t.wrong[0], t.wrong[1], t.wrong[2],
		       bench_fmt_ns((double)t.ns / (double)t.total, buf[1], sizeof(buf[1])),
		       buf[0]);
		if (t.errors)
			printf("  %lu children died before reporting\n", t.errors);
		if (t.correct != t.total || ctl.correct != 0)
			fail = 1;
		snprintf(buf[2], sizeof(buf[2]), "%s", mode_name[m]);
		snprintf(buf[3], sizeof(buf[3]), "%lu/%lu (%.2f%%)", t.correct, t.total,
			 100.0 * (double)t.correct / (double)t.total);
		bench_summary("1 first instruction", buf[2], buf[3], NULL, NULL, "100%");
	}
	printf("\ncolumns policy, cpus, ioprio: children that had the wrong one;\n"
	       "control: the same children with the cgroup untagged (must be 0 correct)\n");
	aisched_nl_close(nl);
	return fail;
}
