// SPDX-License-Identifier: GPL-2.0
/*
 * taskprobe: what the kernel says a task runs under, read by the task itself
 * as its very first action, or read from outside.
 *
 * Usage: taskprobe [MODE [ARGS]]
 *
 *   self            print this task's line (the default)
 *   fork N          this task's line, then N children, forked one after the
 *                   other; each prints its own line as its first action
 *                   after fork() and exits
 *   thread N        this task's line, then N threads; each prints its own
 *                   line as the first action of its start routine
 *   clone DIR N     this task's line, then N children started directly in
 *                   cgroup DIR (clone3 with CLONE_INTO_CGROUP), one after
 *                   the other; each prints its line as its first action
 *   exec            this task's line, then exec of this program as
 *                   "taskprobe self", whose main() prints the new image's
 *                   line
 *   hold [-t N] [-s SPEC] [-1 SPEC] [-2 SPEC]
 *                   this task's line; apply SPEC to this thread (-s); start
 *                   N threads that sleep; print "ready"; then sleep until
 *                   killed. On SIGUSR1 the main thread applies -1's SPEC to
 *                   itself, on SIGUSR2 -2's, and prints "usr1 done" or
 *                   "usr2 done"; on SIGHUP it forks a child that prints its
 *                   line (first action) and sleeps; on SIGPWR it starts a
 *                   thread that prints its line (first action) and sleeps
 *   spin N SECS [wait]
 *                   this task's line; N threads that each print their line
 *                   and then run without sleeping for SECS seconds; then
 *                   "done". With "wait", it prints "waiting" and starts the
 *                   threads only on SIGUSR1. The main thread sleeps 1 ms
 *                   after starting each thread, then in pthread_join(): it
 *                   never runs long without sleeping
 *   show PID...     the line of every thread of each process PID
 *   tid TID...      the line of each thread TID
 *   cgroup DIR      the line of every thread in DIR/cgroup.threads
 *   set TID SPEC    apply SPEC to thread TID
 *
 * The modes that run a task (self, fork, thread, clone, exec, hold, spin)
 * read the main thread's state before anything else in main(): before
 * parsing their arguments.
 *
 * A line:
 *   tid=T tgid=G policy=P nice=N rtprio=R io=C:L cpus=LIST comm=COMM
 * policy, nice and rtprio from sched_getattr() (sched_policy, sched_nice,
 * sched_priority); io from ioprio_get(IOPRIO_WHO_PROCESS, T) as class:level;
 * cpus from sched_getaffinity() as a CPU list ("0-2,5").
 *
 * SPEC: comma-separated KEY=VALUE: policy=P (a number), rtprio=R, nice=N,
 * cpus=LIST (which may have commas itself: "cpus=0,2,nice=3"), io=C:L.
 * policy, rtprio and nice go to one sched_setattr(); the fields not given
 * keep their current values.
 *
 * Exit status: 0 ok, 1 a system call failed, 2 bad usage.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sched_attr.h"

#define MAX_CPUS	1024
#define IOPRIO_WHO_PROCESS	1
#define IOPRIO_CLASS_SHIFT	13
#define IOPRIO_PRIO_MASK	((1 << IOPRIO_CLASS_SHIFT) - 1)


/* <linux/sched.h>'s, which clashes with <sched.h>. */
struct probe_clone_args {
	uint64_t flags;
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;
	uint64_t set_tid_size;
	uint64_t cgroup;
};

#define PROBE_CLONE_INTO_CGROUP	0x200000000ULL

/* What a task runs under, read at one instant. */
struct probe {
	pid_t tid;
	int err;			/* errno of the first failed read, or 0 */
	struct aisched_sched_attr attr;
	cpu_set_t cpus;
	int ioprio;
};

static const char *prog = "taskprobe";

/*
 * Reads TID's state (0: the calling thread). Only system calls: this runs as
 * a new task's first action.
 */
static void probe_read(struct probe *p, pid_t tid)
{
	p->tid = tid ? tid : gettid();
	p->err = 0;
	memset(&p->attr, 0, sizeof(p->attr));
	if (syscall(SYS_sched_getattr, tid, &p->attr, sizeof(p->attr), 0))
		p->err = errno;
	CPU_ZERO(&p->cpus);
	if (sched_getaffinity(tid, sizeof(p->cpus), &p->cpus) && !p->err)
		p->err = errno;
	p->ioprio = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, p->tid);
	if (p->ioprio < 0 && !p->err)
		p->err = errno;
}

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

/* One line, written with one write() so that lines of tasks never mix. */
static int __attribute__((format(printf, 1, 2))) say(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	return write(STDOUT_FILENO, buf, n) == n ? 0 : -1;
}

static void read_comm(pid_t tgid, pid_t tid, char *comm, size_t size)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", tgid, tid);
	snprintf(comm, size, "?");
	f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(comm, size, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

static pid_t tgid_of(pid_t tid)
{
	char path[64], line[256];
	pid_t tgid = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}

static int probe_print(const struct probe *p, pid_t tgid)
{
	char cpus[4096], comm[64];

	if (p->err) {
		fprintf(stderr, "%s: reading thread %d: %s\n", prog, p->tid,
			strerror(p->err));
		return 1;
	}
	cpulist(cpus, sizeof(cpus), &p->cpus);
	read_comm(tgid, p->tid, comm, sizeof(comm));
	return say("tid=%d tgid=%d policy=%u nice=%d rtprio=%u io=%d:%d cpus=%s comm=%s",
		   p->tid, tgid, p->attr.sched_policy, p->attr.sched_nice,
		   p->attr.sched_priority, p->ioprio >> IOPRIO_CLASS_SHIFT,
		   p->ioprio & IOPRIO_PRIO_MASK, cpus, comm) ? 1 : 0;
}

/* This task's line, from a probe the task took of itself. */
static int print_self(const struct probe *p)
{
	return probe_print(p, getpid());
}

static int print_tid(pid_t tid, pid_t tgid)
{
	struct probe p;

	probe_read(&p, tid);
	return probe_print(&p, tgid);
}

static int __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nUsage: taskprobe [self | fork N | thread N | clone DIR N | exec]\n"
	      "       taskprobe hold [-t N] [-s SPEC] [-1 SPEC] [-2 SPEC]\n"
	      "       taskprobe spin N SECS [wait]\n"
	      "       taskprobe show PID... | tid TID... | cgroup DIR\n"
	      "       taskprobe set TID SPEC\n", stderr);
	return 2;
}

static int parse_int(const char *s, long min, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return (end == s || *end || errno || *out < min || *out > max) ? -1 : 0;
}

static int parse_cpulist(const char *s, cpu_set_t *set)
{
	const char *p = s;
	long lo, hi;
	char *end;

	CPU_ZERO(set);
	while (*p) {
		errno = 0;
		lo = strtol(p, &end, 10);
		if (end == p || errno || lo < 0 || lo >= MAX_CPUS)
			return -1;
		hi = lo;
		p = end;
		if (*p == '-') {
			hi = strtol(++p, &end, 10);
			if (end == p || errno || hi < lo || hi >= MAX_CPUS)
				return -1;
			p = end;
		}
		for (; lo <= hi; lo++)
			CPU_SET(lo, set);
		if (*p == ',')
			p++;
		else if (*p)
			return -1;
	}
	return CPU_COUNT(set) ? 0 : -1;
}

/* A SPEC: what to change, and to what. */
struct spec {
	bool policy, rtprio, nice, cpus, io;
	long policy_v, rtprio_v, nice_v;
	int io_v;
	cpu_set_t cpus_v;
};

static int parse_spec(const char *arg, struct spec *s)
{
	char *copy = strdup(arg), *tok, *next, *val, *p;
	long c, l;
	int ret = -1;

	memset(s, 0, sizeof(*s));
	if (!copy)
		return -1;
	/* Items end at a comma that starts the next "key=": CPU lists have commas. */
	for (p = copy; *p; p++)
		if (*p == ',' && p[1] >= 'a' && p[1] <= 'z')
			*p = '\n';
	for (tok = copy; tok; tok = next) {
		next = strchr(tok, '\n');
		if (next)
			*next++ = '\0';
		val = strchr(tok, '=');
		if (!val)
			goto out;
		*val++ = '\0';
		if (!strcmp(tok, "policy")) {
			s->policy = true;
			if (parse_int(val, 0, 7, &s->policy_v))
				goto out;
		} else if (!strcmp(tok, "rtprio")) {
			s->rtprio = true;
			if (parse_int(val, 0, 99, &s->rtprio_v))
				goto out;
		} else if (!strcmp(tok, "nice")) {
			s->nice = true;
			if (parse_int(val, -20, 19, &s->nice_v))
				goto out;
		} else if (!strcmp(tok, "cpus")) {
			s->cpus = true;
			if (parse_cpulist(val, &s->cpus_v))
				goto out;
		} else if (!strcmp(tok, "io")) {
			char *colon = strchr(val, ':');

			if (!colon)
				goto out;
			*colon++ = '\0';
			if (parse_int(val, 0, 3, &c) || parse_int(colon, 0, 7, &l))
				goto out;
			s->io = true;
			s->io_v = c << IOPRIO_CLASS_SHIFT | l;
		} else {
			goto out;
		}
	}
	ret = 0;
out:
	free(copy);
	return ret;
}

/* Applies S to thread TID (0: the caller). */
static int apply_spec(pid_t tid, const struct spec *s)
{
	struct aisched_sched_attr attr;

	if (s->policy || s->rtprio || s->nice) {
		memset(&attr, 0, sizeof(attr));
		if (syscall(SYS_sched_getattr, tid, &attr, sizeof(attr), 0)) {
			fprintf(stderr, "%s: sched_getattr(%d): %m\n", prog, tid);
			return 1;
		}
		attr.size = sizeof(attr);
		attr.sched_flags = 0;
		if (s->policy)
			attr.sched_policy = s->policy_v;
		if (s->rtprio)
			attr.sched_priority = s->rtprio_v;
		else if (attr.sched_policy != SCHED_FIFO && attr.sched_policy != SCHED_RR)
			attr.sched_priority = 0;
		if (s->nice)
			attr.sched_nice = s->nice_v;
		if (syscall(SYS_sched_setattr, tid, &attr, 0)) {
			fprintf(stderr, "%s: sched_setattr(%d): %m\n", prog, tid);
			return 1;
		}
	}
	if (s->cpus && sched_setaffinity(tid, sizeof(s->cpus_v), &s->cpus_v)) {
		fprintf(stderr, "%s: sched_setaffinity(%d): %m\n", prog, tid);
		return 1;
	}
	if (s->io && syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, tid, s->io_v)) {
		fprintf(stderr, "%s: ioprio_set(%d): %m\n", prog, tid);
		return 1;
	}
	return 0;
}

/* --- fork, thread, exec ------------------------------------------------ */

static int do_fork(long n)
{
	int status, ret = 0;
	struct probe p;
	pid_t pid;
	long i;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0) {
			fprintf(stderr, "%s: fork: %m\n", prog);
			return 1;
		}
		if (!pid) {
			probe_read(&p, 0);
			_exit(print_self(&p));
		}
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			ret = 1;
	}
	return ret;
}

/* Like do_fork(), each child born in the cgroup DIR. */
static int do_clone(const char *dir, long n)
{
	struct probe_clone_args args;
	int status, fd, ret = 0;
	struct probe p;
	long i, pid;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %m\n", prog, dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		memset(&args, 0, sizeof(args));
		args.flags = PROBE_CLONE_INTO_CGROUP;
		args.exit_signal = SIGCHLD;
		args.cgroup = fd;
		/* No CLONE_VM and no stack: the child goes on as after fork(). */
		pid = syscall(SYS_clone3, &args, sizeof(args));
		if (pid < 0) {
			fprintf(stderr, "%s: clone3 into %s: %m\n", prog, dir);
			ret = 1;
			break;
		}
		if (!pid) {
			probe_read(&p, 0);
			_exit(print_self(&p));
		}
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			ret = 1;
	}
	close(fd);
	return ret;
}

static void *thread_probe(void *arg)
{
	struct probe p;

	probe_read(&p, 0);
	*(int *)arg = print_self(&p);
	return NULL;
}

static int do_thread(long n)
{
	pthread_t *t = calloc(n, sizeof(*t));
	int *rc = calloc(n, sizeof(*rc));
	int err, ret = 0;
	long i, started;

	if (!t || !rc) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	for (started = 0; started < n; started++) {
		err = pthread_create(&t[started], NULL, thread_probe, &rc[started]);
		if (err) {
			fprintf(stderr, "%s: pthread_create: %s\n", prog, strerror(err));
			ret = 1;
			break;
		}
	}
	for (i = 0; i < started; i++) {
		pthread_join(t[i], NULL);
		ret |= rc[i];
	}
	free(t);
	free(rc);
	return ret;
}

/* Exec of this program's file, by its own name, so that comm stays. */
static int do_exec(void)
{
	char path[4096];
	ssize_t n;

	n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (n < 0) {
		fprintf(stderr, "%s: /proc/self/exe: %m\n", prog);
		return 1;
	}
	path[n] = '\0';
	execl(path, "taskprobe", "self", (char *)NULL);
	fprintf(stderr, "%s: exec %s: %m\n", prog, path);
	return 1;
}

/* --- hold --------------------------------------------------------------- */

static void *thread_sleep(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *thread_probe_sleep(void *arg)
{
	struct probe p;

	probe_read(&p, 0);
	print_self(&p);
	return thread_sleep(arg);
}

static int do_hold(int argc, char **argv)
{
	struct spec set = { 0 }, usr1 = { 0 }, usr2 = { 0 };
	long threads = 0, i;
	siginfo_t info;
	sigset_t sigs;
	pthread_t t;
	struct probe p;
	pid_t pid;
	int c, err;

	optind = 1;
	while ((c = getopt(argc, argv, "+t:s:1:2:")) != -1) {
		switch (c) {
		case 't':
			if (parse_int(optarg, 0, 10000, &threads))
				return usage_error("bad thread count '%s'", optarg);
			break;
		case 's':
			if (parse_spec(optarg, &set))
				return usage_error("bad spec '%s'", optarg);
			break;
		case '1':
			if (parse_spec(optarg, &usr1))
				return usage_error("bad spec '%s'", optarg);
			break;
		case '2':
			if (parse_spec(optarg, &usr2))
				return usage_error("bad spec '%s'", optarg);
			break;
		default:
			return usage_error("bad hold option");
		}
	}
	if (optind != argc)
		return usage_error("hold takes no arguments");
	if (apply_spec(0, &set))
		return 1;

	/* The threads, and children, inherit the mask: only main waits. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGUSR2);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGPWR);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	for (i = 0; i < threads; i++) {
		err = pthread_create(&t, NULL, thread_sleep, NULL);
		if (err) {
			fprintf(stderr, "%s: pthread_create: %s\n", prog, strerror(err));
			return 1;
		}
	}
	say("ready pid=%d", getpid());
	for (;;) {
		if (sigwaitinfo(&sigs, &info) < 0)
			continue;
		switch (info.si_signo) {
		case SIGUSR1:
			say("usr1 %s", apply_spec(0, &usr1) ? "failed" : "done");
			break;
		case SIGUSR2:
			say("usr2 %s", apply_spec(0, &usr2) ? "failed" : "done");
			break;
		case SIGHUP:
			pid = fork();
			if (!pid) {
				probe_read(&p, 0);
				print_self(&p);
				for (;;)
					pause();
			}
			if (pid < 0)
				say("fork failed");
			break;
		case SIGPWR:
			err = pthread_create(&t, NULL, thread_probe_sleep, NULL);
			if (err)
				say("pthread_create failed");
			break;
		}
	}
}

/* --- spin --------------------------------------------------------------- */

static struct timespec spin_deadline;

static bool before_deadline(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec < spin_deadline.tv_sec ||
	       (now.tv_sec == spin_deadline.tv_sec &&
		now.tv_nsec < spin_deadline.tv_nsec);
}

static void *thread_spin(void *arg)
{
	struct probe p;

	probe_read(&p, 0);
	*(int *)arg = print_self(&p);
	while (before_deadline())
		;
	return NULL;
}

static int do_spin(long n, long secs, bool wait)
{
	pthread_t *t = calloc(n, sizeof(*t));
	int *rc = calloc(n, sizeof(*rc));
	int err, ret = 0;
	long i, started;
	sigset_t sigs;

	if (!t || !rc) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	if (wait) {
		sigemptyset(&sigs);
		sigaddset(&sigs, SIGUSR1);
		pthread_sigmask(SIG_BLOCK, &sigs, NULL);
		say("waiting");
		while (sigwaitinfo(&sigs, NULL) < 0)
			;
	}
	clock_gettime(CLOCK_MONOTONIC, &spin_deadline);
	spin_deadline.tv_sec += secs;
	for (started = 0; started < n; started++) {
		err = pthread_create(&t[started], NULL, thread_spin, &rc[started]);
		if (err) {
			fprintf(stderr, "%s: pthread_create: %s\n", prog, strerror(err));
			ret = 1;
			break;
		}
		/* This thread must never look like a runaway itself. */
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	for (i = 0; i < started; i++) {
		pthread_join(t[i], NULL);
		ret |= rc[i];
	}
	say("done");
	free(t);
	free(rc);
	return ret;
}

/* --- show, tid, cgroup, set --------------------------------------------- */

static int show_process(pid_t pid)
{
	char path[64];
	struct dirent *d;
	int ret = 0, n = 0;
	DIR *dir;
	long tid;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir) {
		fprintf(stderr, "%s: %s: %m\n", prog, path);
		return 1;
	}
	while ((d = readdir(dir))) {
		if (parse_int(d->d_name, 1, INT32_MAX, &tid))
			continue;
		ret |= print_tid(tid, pid);
		n++;
	}
	closedir(dir);
	return n ? ret : 1;
}

static int show_cgroup(const char *dir)
{
	char path[4096], line[64];
	int ret = 0;
	long tid;
	FILE *f;

	snprintf(path, sizeof(path), "%s/cgroup.threads", dir);
	f = fopen(path, "re");
	if (!f) {
		fprintf(stderr, "%s: %s: %m\n", prog, path);
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (parse_int(line, 1, INT32_MAX, &tid))
			continue;
		ret |= print_tid(tid, tgid_of(tid));
	}
	fclose(f);
	return ret;
}

int main(int argc, char **argv)
{
	struct probe self;
	struct spec spec;
	long n, secs;
	int i, ret = 0;

	/* First: before anything else this task does. */
	probe_read(&self, 0);

	if (argc < 2 || !strcmp(argv[1], "self")) {
		if (argc > 2)
			return usage_error("self takes no arguments");
		return print_self(&self);
	}
	if (!strcmp(argv[1], "fork") || !strcmp(argv[1], "thread")) {
		if (argc != 3 || parse_int(argv[2], 0, 100000, &n))
			return usage_error("%s needs a count", argv[1]);
		if (print_self(&self))
			return 1;
		return argv[1][0] == 'f' ? do_fork(n) : do_thread(n);
	}
	if (!strcmp(argv[1], "clone")) {
		if (argc != 4 || parse_int(argv[3], 0, 100000, &n))
			return usage_error("clone needs a directory and a count");
		if (print_self(&self))
			return 1;
		return do_clone(argv[2], n);
	}
	if (!strcmp(argv[1], "exec")) {
		if (argc != 2)
			return usage_error("exec takes no arguments");
		return print_self(&self) ? 1 : do_exec();
	}
	if (!strcmp(argv[1], "hold")) {
		if (print_self(&self))
			return 1;
		return do_hold(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "spin")) {
		if (argc < 4 || argc > 5 || parse_int(argv[2], 1, 1024, &n) ||
		    parse_int(argv[3], 1, 3600, &secs) ||
		    (argc == 5 && strcmp(argv[4], "wait")))
			return usage_error("spin needs a thread count and seconds");
		if (print_self(&self))
			return 1;
		return do_spin(n, secs, argc == 5);
	}
	if (!strcmp(argv[1], "show") || !strcmp(argv[1], "tid")) {
		if (argc < 3)
			return usage_error("%s needs ids", argv[1]);
		for (i = 2; i < argc; i++) {
			if (parse_int(argv[i], 1, INT32_MAX, &n))
				return usage_error("bad id '%s'", argv[i]);
			ret |= argv[1][0] == 's' ? show_process(n) : print_tid(n, tgid_of(n));
		}
		return ret;
	}
	if (!strcmp(argv[1], "cgroup")) {
		if (argc != 3)
			return usage_error("cgroup needs a directory");
		return show_cgroup(argv[2]);
	}
	if (!strcmp(argv[1], "set")) {
		if (argc != 4 || parse_int(argv[2], 1, INT32_MAX, &n))
			return usage_error("set needs a thread id and a spec");
		if (parse_spec(argv[3], &spec))
			return usage_error("bad spec '%s'", argv[3]);
		return apply_spec(n, &spec);
	}
	return usage_error("unknown mode '%s'", argv[1]);
}
