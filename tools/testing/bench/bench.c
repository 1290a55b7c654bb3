// SPDX-License-Identifier: GPL-2.0
/*
 * What the aisched benchmarks share; see bench.h.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "bench.h"
#include "nl.h"

#define IOPRIO_WHO_PROCESS	1
#define SCHED_RESET_ON_FORK	0x40000000

const char *bench_prog = "bench";

/* --- time and statistics ------------------------------------------------ */

uint64_t bench_ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000ull + (uint64_t)ts->tv_nsec;
}

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return bench_ts_ns(&ts);
}

void bench_sleep_us(unsigned int us)
{
	struct timespec ts = { us / 1000000, (long)(us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void bench_sort_u64(uint64_t *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
}

uint64_t bench_pct(const uint64_t *sorted, size_t n, double p)
{
	size_t rank;

	if (!n)
		return 0;
	rank = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

double bench_median(const uint64_t *sorted, size_t n)
{
	if (!n)
		return 0;
	if (n % 2)
		return (double)sorted[n / 2];
	return ((double)sorted[n / 2 - 1] + (double)sorted[n / 2]) / 2;
}

double bench_median_d(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_d);
	if (n % 2)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2;
}

const char *bench_fmt_ns(double ns, char *buf, size_t size)
{
	if (ns >= 10e9)
		snprintf(buf, size, "%.1f s", ns / 1e9);
	else if (ns >= 1e9)
		snprintf(buf, size, "%.2f s", ns / 1e9);
	else if (ns >= 10e6)
		snprintf(buf, size, "%.1f ms", ns / 1e6);
	else if (ns >= 1e6)
		snprintf(buf, size, "%.2f ms", ns / 1e6);
	else if (ns >= 10e3)
		snprintf(buf, size, "%.1f us", ns / 1e3);
	else if (ns >= 1e3)
		snprintf(buf, size, "%.2f us", ns / 1e3);
	else
		snprintf(buf, size, "%.0f ns", ns);
	return buf;
}

/* --- errors -------------------------------------------------------------- */

void bench_die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", bench_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void bench_warn(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", bench_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* --- CPUs ------------------------------------------------------------------ */

uint64_t bench_parse_cpulist(const char *s)
{
	uint64_t mask = 0;
	const char *p = s;

	while (*p && *p != '\n') {
		char *end;
		unsigned long a, b;

		a = strtoul(p, &end, 10);
		if (end == p)
			bench_die("bad cpulist '%s'", s);
		b = a;
		if (*end == '-') {
			p = end + 1;
			b = strtoul(p, &end, 10);
			if (end == p)
				bench_die("bad cpulist '%s'", s);
		}
		if (b < a || b >= 64)
			bench_die("cpulist '%s': only CPUs 0-63 are supported", s);
		for (; a <= b; a++)
			mask |= 1ull << a;
		p = end;
		if (*p == ',')
			p++;
	}
	return mask;
}

static uint64_t read_cpulist_file(const char *path)
{
	char buf[256];
	FILE *f = fopen(path, "r");

	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return bench_parse_cpulist(buf);
}

uint64_t bench_node_cpus(int node)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/cpulist", node);
	return read_cpulist_file(path);
}

uint64_t bench_online_cpus(void)
{
	uint64_t m = read_cpulist_file("/sys/devices/system/cpu/online");

	if (!m)
		bench_die("cannot read /sys/devices/system/cpu/online");
	return m;
}

const char *bench_fmt_cpus(uint64_t mask, char *buf, size_t size)
{
	size_t len = 0;
	int i = 0;

	buf[0] = '\0';
	while (i < 64) {
		int j;

		if (!(mask & (1ull << i))) {
			i++;
			continue;
		}
		for (j = i; j + 1 < 64 && (mask & (1ull << (j + 1))); j++)
			;
		if (j == i)
			len += snprintf(buf + len, size - len, "%s%d", len ? "," : "", i);
		else
			len += snprintf(buf + len, size - len, "%s%d-%d", len ? "," : "", i, j);
		if (len >= size)
			break;
		i = j + 1;
	}
	return buf;
}

/* --- a thread's scheduling state ----------------------------------------- */

/*
 * Raw system calls: the first-instruction benchmark calls these from a
 * thread that shares its creator's TLS, so they must not write errno.
 */
static inline long raw3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile ("syscall"
			  : "=a"(ret)
			  : "0"(nr), "D"(a), "S"(b), "d"(c)
			  : "rcx", "r11", "memory");
	return ret;
}

static inline long raw4(long nr, long a, long b, long c, long d)
{
	register long r10 __asm__("r10") = d;
	long ret;

	__asm__ volatile ("syscall"
			  : "=a"(ret)
			  : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
			  : "rcx", "r11", "memory");
	return ret;
}

long bench_sched_setattr(pid_t tid, int policy, int nice, int rt_prio)
{
	struct aisched_sched_attr a = {
		.size = sizeof(a),
		.sched_policy = (uint32_t)policy,
		.sched_nice = nice,
		.sched_priority = (uint32_t)rt_prio,
	};

	return raw3(SYS_sched_setattr, tid, (long)&a, 0);
}

long bench_ioprio_get(pid_t tid)
{
	return raw3(SYS_ioprio_get, IOPRIO_WHO_PROCESS, tid, 0);
}

long bench_ioprio_set(pid_t tid, int ioprio)
{
	return raw3(SYS_ioprio_set, IOPRIO_WHO_PROCESS, tid, ioprio);
}

long bench_setaffinity(pid_t tid, uint64_t mask)
{
	return raw3(SYS_sched_setaffinity, tid, sizeof(mask), (long)&mask);
}

/* The calling thread's affinity to @mask, or die. */
void bench_set_cpus(uint64_t mask)
{
	long err = bench_setaffinity(0, mask);

	if (err)
		bench_die("sched_setaffinity: %s", strerror((int)-err));
}

long bench_getaffinity(pid_t tid, uint64_t *mask)
{
	/* The kernel copies out nr_cpu_ids rounded up to longs: 8 bytes here. */
	long ret;

	*mask = 0;
	ret = raw3(SYS_sched_getaffinity, tid, sizeof(*mask), (long)mask);
	return ret < 0 ? ret : 0;
}

int bench_get_state(pid_t tid, struct bench_state *s)
{
	struct aisched_sched_attr a = { 0 };
	long ret;

	ret = raw4(SYS_sched_getattr, tid, (long)&a, sizeof(a), 0);
	if (ret < 0)
		return (int)ret;
	s->policy = (int)(a.sched_policy & ~SCHED_RESET_ON_FORK);
	s->nice = a.sched_nice;
	s->rt_prio = (int)a.sched_priority;
	ret = bench_getaffinity(tid, &s->cpus);
	if (ret < 0)
		return (int)ret;
	ret = bench_ioprio_get(tid);
	if (ret < 0)
		return (int)ret;
	s->ioprio = (int)ret;
	return 0;
}

int bench_set_state(pid_t tid, const struct bench_state *s)
{
	long ret;

	ret = bench_sched_setattr(tid, s->policy, s->nice, s->rt_prio);
	if (ret < 0)
		return (int)ret;
	ret = bench_setaffinity(tid, s->cpus);
	if (ret < 0)
		return (int)ret;
	ret = bench_ioprio_set(tid, s->ioprio);
	return ret < 0 ? (int)ret : 0;
}

int bench_state_check(const struct bench_state *have, const struct bench_state *want)
{
	int wrong = 0, cls = BENCH_IOPRIO_CLASS(want->ioprio);

	if (have->policy != want->policy)
		wrong |= BENCH_WRONG_POLICY;
	else if ((want->policy == SCHED_OTHER || want->policy == SCHED_BATCH) &&
		 have->nice != want->nice)
		wrong |= BENCH_WRONG_POLICY;
	else if (want->policy == SCHED_FIFO && have->rt_prio != want->rt_prio)
		wrong |= BENCH_WRONG_POLICY;
	if (want->cpus && have->cpus != want->cpus)
		wrong |= BENCH_WRONG_CPUS;
	if (BENCH_IOPRIO_CLASS(have->ioprio) != cls)
		wrong |= BENCH_WRONG_IOPRIO;
	else if ((cls == BENCH_IOPRIO_CLASS_RT || cls == BENCH_IOPRIO_CLASS_BE) &&
		 BENCH_IOPRIO_LEVEL(have->ioprio) != BENCH_IOPRIO_LEVEL(want->ioprio))
		wrong |= BENCH_WRONG_IOPRIO;
	return wrong;
}

void bench_background_state(uint64_t cpus, struct bench_state *want)
{
	memset(want, 0, sizeof(*want));
	want->policy = SCHED_IDLE;
	want->cpus = cpus;
	want->ioprio = BENCH_IOPRIO(BENCH_IOPRIO_CLASS_IDLE, 0);
}

/* --- cgroup v2 ------------------------------------------------------------ */

void bench_cg_mkdir(const char *path)
{
	char buf[4096];
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			bench_die("mkdir %s: %s", buf, strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST)
		bench_die("mkdir %s: %s", buf, strerror(errno));
}

int bench_cg_write(const char *dir, const char *file, const char *val)
{
	char path[4096];
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	if (n < 0)
		err = -errno;
	close(fd);
	return err;
}

void bench_cg_move(const char *dir, pid_t pid)
{
	char buf[32];
	int err;

	snprintf(buf, sizeof(buf), "%d", (int)pid);
	err = bench_cg_write(dir, "cgroup.procs", buf);
	if (err)
		bench_die("moving %d into %s: %s", (int)pid, dir, strerror(-err));
}

static int cg_populated(const char *dir)
{
	char path[4096], line[128];
	int populated = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/cgroup.events", dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "populated ", 10))
			populated = atoi(line + 10);
	fclose(f);
	return populated;
}

void bench_cg_remove(const char *dir)
{
	char path[4096];
	struct dirent *de;
	DIR *d;
	int i;

	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		bench_cg_remove(path);
	}
	closedir(d);
	if (cg_populated(dir))
		bench_cg_write(dir, "cgroup.kill", "1");
	for (i = 0; i < 1000; i++) {
		if (!rmdir(dir) || errno == ENOENT)
			return;
		if (errno != EBUSY)
			break;
		bench_sleep_us(10000);
	}
	bench_warn("rmdir %s: %s", dir, strerror(errno));
}

pid_t *bench_cg_threads(const char *dir, size_t *n)
{
	char path[4096];
	size_t cap = 1024;
	pid_t *v;
	FILE *f;
	int tid;

	snprintf(path, sizeof(path), "%s/cgroup.threads", dir);
	f = fopen(path, "r");
	if (!f)
		bench_die("%s: %s", path, strerror(errno));
	v = malloc(cap * sizeof(*v));
	if (!v)
		bench_die("out of memory");
	*n = 0;
	while (fscanf(f, "%d", &tid) == 1) {
		if (*n == cap) {
			cap *= 2;
			v = realloc(v, cap * sizeof(*v));
			if (!v)
				bench_die("out of memory");
		}
		v[(*n)++] = tid;
	}
	fclose(f);
	return v;
}

/* --- tags, through netlink ------------------------------------------------ */

struct aisched_nl *bench_nl_open(void)
{
	struct aisched_nl *nl = aisched_nl_open();

	if (!nl)
		bench_die("cannot talk to the aisched module");
	return nl;
}

static int tag_reply_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[AISCHED_A_TAG_MAX + 1];
	struct bench_tag_reply *r = arg;

	if (!r)
		return NL_OK;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, AISCHED_A_TAG_MAX, NULL) < 0)
		return NL_OK;
	if (tb[AISCHED_A_TAG_TASKS])
		r->tasks = nla_get_u32(tb[AISCHED_A_TAG_TASKS]);
	if (tb[AISCHED_A_TAG_APPLIED])
		r->applied = nla_get_u64(tb[AISCHED_A_TAG_APPLIED]);
	if (tb[AISCHED_A_TAG_OVERRIDES])
		r->overrides = nla_get_u64(tb[AISCHED_A_TAG_OVERRIDES]);
	if (tb[AISCHED_A_TAG_CONFLICTS])
		r->conflicts = nla_get_u64(tb[AISCHED_A_TAG_CONFLICTS]);
	return NL_OK;
}

int bench_tag_set(struct aisched_nl *nl, const char *path,
		  const struct bench_tag *tag, struct bench_tag_reply *r)
{
	struct nl_msg *msg = aisched_nl_msg(nl, AISCHED_CMD_TAG_SET, 0);
	uint32_t words[2];

	if (!msg)
		return -ENOMEM;
	if (r)
		memset(r, 0, sizeof(*r));
	if (nla_put_string(msg, AISCHED_A_TAG_PATH, path) < 0 ||
	    nla_put_u32(msg, AISCHED_A_TAG_CLASS, tag->cls) < 0)
		goto err;
	if (tag->cpus) {
		words[0] = (uint32_t)tag->cpus;
		words[1] = (uint32_t)(tag->cpus >> 32);
		if (nla_put(msg, AISCHED_A_TAG_CPUS, words[1] ? 8 : 4, words) < 0)
			goto err;
	}
	if (tag->gpu && nla_put_string(msg, AISCHED_A_TAG_GPU, tag->gpu) < 0)
		goto err;
	if (tag->has_nice &&
	    nla_put(msg, AISCHED_A_TAG_NICE, sizeof(tag->nice), &tag->nice) < 0)
		goto err;
	if (tag->has_placement &&
	    nla_put_u32(msg, AISCHED_A_TAG_PLACEMENT, tag->placement) < 0)
		goto err;
	if (tag->hugepages &&
	    (nla_put_u32(msg, AISCHED_A_TAG_HUGEPAGES, tag->hugepages) < 0 ||
	     nla_put_u32(msg, AISCHED_A_TAG_HUGEPAGES_NODE, tag->hugepages_node) < 0))
		goto err;
	return aisched_nl_request(nl, msg, tag_reply_cb, r, "tagging");
err:
	nlmsg_free(msg);
	bench_warn("TAG_SET request too large");
	return -EMSGSIZE;
}

static int gpu_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[AISCHED_A_GPU_MAX + 1];
	struct bench_gpu *gpu = arg;
	uint32_t words[2] = { 0, 0 };
	struct nlattr *a;

	if (gpu->node >= 0 ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, AISCHED_A_GPU_MAX, NULL) < 0 ||
	    !tb[AISCHED_A_GPU_ADDRESS] || !tb[AISCHED_A_GPU_NODE] ||
	    (int32_t)nla_get_u32(tb[AISCHED_A_GPU_NODE]) < 0)
		return NL_OK;
	snprintf(gpu->addr, sizeof(gpu->addr), "%s",
		 nla_get_string(tb[AISCHED_A_GPU_ADDRESS]));
	gpu->node = (int32_t)nla_get_u32(tb[AISCHED_A_GPU_NODE]);
	a = tb[AISCHED_A_GPU_CPUS];
	if (a)
		memcpy(words, nla_data(a), nla_len(a) < 8 ? nla_len(a) : 8);
	gpu->cpus = (uint64_t)words[1] << 32 | words[0];
	return NL_OK;
}

int bench_gpu_find(struct aisched_nl *nl, struct bench_gpu *gpu)
{
	struct nl_msg *msg = aisched_nl_msg(nl, AISCHED_CMD_GPU_GET, NLM_F_DUMP);
	int ret;

	memset(gpu, 0, sizeof(*gpu));
	gpu->node = -1;
	if (!msg)
		return -ENOMEM;
	ret = aisched_nl_request(nl, msg, gpu_cb, gpu, "reading GPUs");
	if (ret)
		return ret;
	return gpu->node >= 0 ? 0 : -ENOENT;
}

int bench_tag_del(struct aisched_nl *nl, const char *path)
{
	struct nl_msg *msg = aisched_nl_msg(nl, AISCHED_CMD_TAG_DEL, 0);

	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, AISCHED_A_TAG_PATH, path) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return aisched_nl_request(nl, msg, NULL, NULL, "untagging");
}

static int pool_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[AISCHED_A_POOL_MAX + 1];
	struct bench_pool *p = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, AISCHED_A_POOL_MAX, NULL) < 0)
		return NL_OK;
#define POOL_FIELD(field, attr) \
	if (tb[attr]) \
		p->field = nla_get_u32(tb[attr])
	POOL_FIELD(node, AISCHED_A_POOL_NODE);
	POOL_FIELD(total, AISCHED_A_POOL_TOTAL);
	POOL_FIELD(free, AISCHED_A_POOL_FREE);
	POOL_FIELD(reserved, AISCHED_A_POOL_RESERVED);
	POOL_FIELD(in_use, AISCHED_A_POOL_IN_USE);
	POOL_FIELD(held, AISCHED_A_POOL_HELD);
	POOL_FIELD(capacity, AISCHED_A_POOL_CAPACITY);
#undef POOL_FIELD
	return NL_OK;
}

static int pool_request(struct aisched_nl *nl, uint8_t cmd, int node,
			int64_t pages, struct bench_pool *p)
{
	struct nl_msg *msg = aisched_nl_msg(nl, cmd, 0);

	memset(p, 0, sizeof(*p));
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, AISCHED_A_POOL_NODE, (uint32_t)node) < 0 ||
	    (pages >= 0 && nla_put_u32(msg, AISCHED_A_POOL_PAGES, (uint32_t)pages) < 0)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return aisched_nl_request(nl, msg, pool_cb, p,
				  cmd == AISCHED_CMD_POOL_SET ? "sizing the pool" :
				  "reading the pool");
}

int bench_pool_get(struct aisched_nl *nl, int node, struct bench_pool *p)
{
	return pool_request(nl, AISCHED_CMD_POOL_GET, node, -1, p);
}

int bench_pool_set(struct aisched_nl *nl, int node, uint32_t pages,
		   struct bench_pool *p)
{
	return pool_request(nl, AISCHED_CMD_POOL_SET, node, pages, p);
}

/* --- memory -------------------------------------------------------------- */

long bench_node_meminfo_kb(int node, const char *field)
{
	char path[128], line[256], name[64];
	size_t len = strlen(field);
	long kb = -1, v;
	FILE *f;
	int n;

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/meminfo", node);
	f = fopen(path, "r");
	if (!f)
		return -1;
	/* "Node 1 MemFree:        123456 kB" */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d %63s %ld", &n, name, &v) == 3 &&
		    !strncmp(name, field, len) && name[len] == ':') {
			kb = v;
			break;
		}
	}
	fclose(f);
	return kb;
}

int bench_node_pageblocks(int node, long blocks[3])
{
	static const char * const names[3] = { "Unmovable", "Movable", "Reclaimable" };
	FILE *f = fopen("/proc/pagetypeinfo", "r");
	int col[3] = { -1, -1, -1 };
	char line[512];
	int i, in_table = 0, found = 0;

	blocks[0] = blocks[1] = blocks[2] = 0;
	if (!f)
		return -errno;
	/*
	 * Per node: the free pages ("Node    1, zone   Normal, type  Movable
	 * ..."), then the pageblocks:
	 * "Number of blocks type     Unmovable      Movable  Reclaimable ..."
	 * "Node 1, zone   Normal          12         1900           40 ..."
	 */
	while (fgets(line, sizeof(line), f)) {
		char *tok, *save = NULL;
		int n, c;

		if (!strncmp(line, "Number of blocks type", 21)) {
			tok = strtok_r(line + 21, " \n", &save);
			for (c = 0; tok; c++, tok = strtok_r(NULL, " \n", &save))
				for (i = 0; i < 3; i++)
					if (!strcmp(tok, names[i]))
						col[i] = c;
			in_table = 1;
			continue;
		}
		if (strncmp(line, "Node ", 5) || strstr(line, ", type ")) {
			in_table = 0;	/* the table of one node ends */
			continue;
		}
		if (!in_table || sscanf(line, "Node %d,", &n) != 1 || n != node)
			continue;
		found = 1;
		/* Past "Node N, zone NAME": the counts. */
		tok = strtok_r(line, " \n", &save);
		for (c = 0; tok && c < 4; c++)
			tok = strtok_r(NULL, " \n", &save);
		for (c = 0; tok; c++, tok = strtok_r(NULL, " \n", &save))
			for (i = 0; i < 3; i++)
				if (c == col[i])
					blocks[i] += atol(tok);
	}
	fclose(f);
	return found ? 0 : -ENOENT;
}

long bench_vmstat(const char *name)
{
	FILE *f = fopen("/proc/vmstat", "r");
	size_t len = strlen(name);
	char line[128];
	long v = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, name, len) && line[len] == ' ') {
			v = atol(line + len + 1);
			break;
		}
	}
	fclose(f);
	return v;
}

long bench_node_high_wmark_kb(int node)
{
	FILE *f = fopen("/proc/zoneinfo", "r");
	long pages = 0, v;
	char line[256];
	int here = 0, n;

	if (!f)
		return -1;
	/* "Node 1, zone   Normal", then "        high     1800" among others */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d,", &n) == 1)
			here = n == node;
		else if (here && sscanf(line, " high %ld", &v) == 1)
			pages += v;
	}
	fclose(f);
	return pages * (long)(BENCH_PAGE / 1024);
}

long bench_node_free_2m(int node)
{
	FILE *f = fopen("/proc/buddyinfo", "r");
	char line[512];
	long blocks = 0;

	if (!f)
		return -1;
	/* "Node 1, zone   Normal     12      3 ... " (orders 0 to 10) */
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end;
		int n, order;

		if (sscanf(line, "Node %d,", &n) != 1 || n != node)
			continue;
		p = strstr(line, "zone");
		if (!p)
			continue;
		p += 4;
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')	/* the zone's name */
			p++;
		for (order = 0;; order++) {
			long count = strtol(p, &end, 10);

			if (end == p)
				break;
			p = end;
			if (order >= 9)
				blocks += count << (order - 9);
		}
	}
	fclose(f);
	return blocks;
}

static void hugetlb_path(char *buf, size_t size, int node, const char *file)
{
	snprintf(buf, size,
		 "/sys/devices/system/node/node%d/hugepages/hugepages-2048kB/%s",
		 node, file);
}

long bench_node_hugetlb_get(int node, const char *file)
{
	char path[160];
	long v = -1;
	FILE *f;

	hugetlb_path(path, sizeof(path), node, file);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

int bench_node_hugetlb_set(int node, long pages)
{
	char path[160], val[32];
	ssize_t len;
	int fd, ret = 0;

	hugetlb_path(path, sizeof(path), node, "nr_hugepages");
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = snprintf(val, sizeof(val), "%ld\n", pages);
	if (write(fd, val, (size_t)len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

#define MOVE_PAGES_CHUNK	4096

unsigned long bench_pages_on_node(void *addr, size_t len, size_t step, int node,
				  unsigned long *missing)
{
	void *addrs[MOVE_PAGES_CHUNK];
	int status[MOVE_PAGES_CHUNK];
	unsigned long on = 0;
	size_t off = 0;

	*missing = 0;
	while (off < len) {
		unsigned long n = 0, i;

		for (; off < len && n < MOVE_PAGES_CHUNK; off += step)
			addrs[n++] = (char *)addr + off;
		if (syscall(SYS_move_pages, 0, n, addrs, NULL, status, 0)) {
			*missing += n;
			continue;
		}
		for (i = 0; i < n; i++) {
			if (status[i] < 0)
				(*missing)++;
			else if (status[i] == node)
				on++;
		}
	}
	return on;
}

int bench_mem_bind(int node)
{
	unsigned long mask[2] = { 0, 0 };
	long ret;

	if (node < 0)
		ret = syscall(SYS_set_mempolicy, 0 /* MPOL_DEFAULT */, NULL, 0);
	else {
		if (node >= 64)
			return -EINVAL;
		mask[0] = 1ul << node;
		ret = syscall(SYS_set_mempolicy, 2 /* MPOL_BIND */, mask,
			      sizeof(mask) * 8);
	}
	return ret ? -errno : 0;
}

/* --- output ---------------------------------------------------------------- */

void bench_summary(const char *bench, const char *measure, const char *aisched,
		   const char *baseline, const char *ratio, const char *target)
{
	printf("summary|%s|%s|%s|%s|%s|%s\n", bench, measure, aisched ? aisched : "-",
	       baseline ? baseline : "-", ratio ? ratio : "-", target ? target : "-");
	fflush(stdout);
}
