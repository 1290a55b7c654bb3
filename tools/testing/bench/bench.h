/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the aisched benchmarks share: clocks and statistics, cgroup v2
 * plumbing, a thread's scheduling state (policy, nice, affinity, I/O
 * priority) read and written through raw system calls, TAG_SET/TAG_DEL,
 * GPU_GET and POOL_GET/POOL_SET sent straight to the kernel through the
 * tool's userspace/nl.c, and a NUMA node's memory as /sys and /proc show
 * it (free memory, free 2 MiB blocks, hugetlb pages, where pages are).
 *
 * The programs run as root in the test VM (tools/testing/bench/run-bench.sh);
 * CPU masks are 64-bit, which covers the VM's 4 CPUs.
 */

#ifndef AISCHED_BENCH_H
#define AISCHED_BENCH_H

#include <sched.h>	/* SCHED_*: needs _GNU_SOURCE for SCHED_BATCH, SCHED_IDLE */
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <sys/types.h>

#include "sched_attr.h"

struct aisched_nl;

/* I/O priorities as ioprio_get() reports them. */
#define BENCH_IOPRIO_CLASS_NONE	0
#define BENCH_IOPRIO_CLASS_RT	1
#define BENCH_IOPRIO_CLASS_BE	2
#define BENCH_IOPRIO_CLASS_IDLE	3
#define BENCH_IOPRIO(class, level)	(((class) << 13) | (level))
#define BENCH_IOPRIO_CLASS(ioprio)	(((ioprio) >> 13) & 7)
#define BENCH_IOPRIO_LEVEL(ioprio)	((ioprio) & 7)

/* The directory every benchmark's cgroups live under. */
#define BENCH_CGROUP_ROOT	"/sys/fs/cgroup/aisched-bench"

/* --- time and statistics ------------------------------------------------ */

uint64_t bench_now_ns(void);
uint64_t bench_ts_ns(const struct timespec *ts);
void bench_sleep_us(unsigned int us);
void bench_sort_u64(uint64_t *v, size_t n);
/* Nearest-rank percentile (0 < p <= 100) of a sorted array; 0 if empty. */
uint64_t bench_pct(const uint64_t *sorted, size_t n, double p);
/* Median of a sorted array (mean of the two middle values if n is even). */
double bench_median(const uint64_t *sorted, size_t n);
double bench_median_d(double *v, size_t n);	/* sorts v */
/* "1.23 ms", "456 us", "789 ns": a duration for people. */
const char *bench_fmt_ns(double ns, char *buf, size_t size);

/* --- errors -------------------------------------------------------------- */

void __attribute__((noreturn, format(printf, 1, 2))) bench_die(const char *fmt, ...);
void __attribute__((format(printf, 1, 2))) bench_warn(const char *fmt, ...);
extern const char *bench_prog;

/* --- CPUs ------------------------------------------------------------------ */

/* The CPUs of a cpulist ("2-3,5"), as a mask; dies if malformed or >= 64. */
uint64_t bench_parse_cpulist(const char *s);
/* The online CPUs of NUMA node @node (from sysfs); 0 if there is no such node. */
uint64_t bench_node_cpus(int node);
uint64_t bench_online_cpus(void);
/* "2-3" into buf. */
const char *bench_fmt_cpus(uint64_t mask, char *buf, size_t size);

/* --- a thread's scheduling state ----------------------------------------- */

struct bench_state {
	int policy;	/* SCHED_*, without SCHED_RESET_ON_FORK */
	int nice;
	int rt_prio;
	uint64_t cpus;	/* affinity */
	int ioprio;	/* raw, as ioprio_get(IOPRIO_WHO_PROCESS) returns it */
};

/* Which fields of a state differ from what was wanted. */
#define BENCH_WRONG_POLICY	1
#define BENCH_WRONG_CPUS	2
#define BENCH_WRONG_IOPRIO	4

/* tid 0 is the calling thread. 0 or -errno. */
int bench_get_state(pid_t tid, struct bench_state *s);
int bench_set_state(pid_t tid, const struct bench_state *s);
/*
 * Compares what a thread has with what a tag should have given it: the
 * policy (and nice for normal and batch, the priority for FIFO), the CPUs if
 * @want->cpus is not 0, and the I/O class (and level for rt and be).
 * Returns a mask of BENCH_WRONG_*.
 */
int bench_state_check(const struct bench_state *have, const struct bench_state *want);

/* The raw calls, for code that must not touch errno or the C library. */
long bench_sched_setattr(pid_t tid, int policy, int nice, int rt_prio);
long bench_ioprio_get(pid_t tid);
long bench_ioprio_set(pid_t tid, int ioprio);
long bench_setaffinity(pid_t tid, uint64_t mask);
long bench_getaffinity(pid_t tid, uint64_t *mask);
/* The calling thread's affinity to @mask, or bench_die(). */
void bench_set_cpus(uint64_t mask);

/* --- cgroup v2 ------------------------------------------------------------ */

/* mkdir -p of a cgroup directory (EEXIST is fine). Dies on failure. */
void bench_cg_mkdir(const char *path);
/* Writes @val to @dir/@file. 0 or -errno. */
int bench_cg_write(const char *dir, const char *file, const char *val);
/* Moves process @pid (0: the caller) into @dir. Dies on failure. */
void bench_cg_move(const char *dir, pid_t pid);
/* Kills what is left in @dir (cgroup.kill), then removes it. */
void bench_cg_remove(const char *dir);
/* The thread ids in @dir/cgroup.threads; *n set to their number. Malloc'd. */
pid_t *bench_cg_threads(const char *dir, size_t *n);

/* --- tags, through netlink ------------------------------------------------ */

struct bench_tag {
	uint32_t cls;		/* AISCHED_CLASS_* */
	uint64_t cpus;		/* 0: no CPUS attribute */
	const char *gpu;	/* a GPU's PCI address (GPU attribute); NULL: none */
	uint32_t hugepages;	/* pool quota in 2 MiB pages; 0: none */
	uint32_t hugepages_node; /* its node (sent only with a quota) */
	int has_nice;		/* 0: no NICE attribute (the class's nice) */
	int32_t nice;
	int has_placement;	/* 0: no PLACEMENT attribute (the default) */
	uint32_t placement;	/* AISCHED_PLACEMENT_* */
};

/* A GPU as GPU_GET reports it. */
struct bench_gpu {
	char addr[32];		/* PCI address */
	int node;		/* -1: unknown */
	uint64_t cpus;		/* the node's CPUs; 0 if unknown */
};

struct bench_tag_reply {
	uint32_t tasks;
	uint64_t applied;
	uint64_t overrides;
	uint64_t conflicts;
};

/* Opens the family; dies with the tool's message if it cannot. */
struct aisched_nl *bench_nl_open(void);
/* TAG_SET of @path; @r may be NULL. 0 or -errno (already printed). */
int bench_tag_set(struct aisched_nl *nl, const char *path,
		  const struct bench_tag *tag, struct bench_tag_reply *r);
/*
 * The first GPU in index order whose node is known (GPU_GET dump), into
 * @gpu. 0, -ENOENT if there is none, or -errno (already printed).
 */
int bench_gpu_find(struct aisched_nl *nl, struct bench_gpu *gpu);
/* TAG_DEL of @path. 0 or -errno (already printed). */
int bench_tag_del(struct aisched_nl *nl, const char *path);

/* One node's huge-page pool, as POOL_GET and POOL_SET report it. */
struct bench_pool {
	uint32_t node;
	uint32_t total;
	uint32_t free;
	uint32_t reserved;
	uint32_t in_use;
	uint32_t held;
	uint32_t capacity;
};

/* POOL_GET of @node. 0 or -errno (already printed). */
int bench_pool_get(struct aisched_nl *nl, int node, struct bench_pool *p);
/* POOL_SET of @node to @pages; @p what it holds afterwards. 0 or -errno. */
int bench_pool_set(struct aisched_nl *nl, int node, uint32_t pages,
		   struct bench_pool *p);
/* What a tag of class background with @cpus gives a task. */
void bench_background_state(uint64_t cpus, struct bench_state *want);

/* --- memory -------------------------------------------------------------- */

#define BENCH_PAGE	4096ul
#define BENCH_HPAGE	(2ul << 20)

/* A field of /sys/devices/system/node/nodeN/meminfo ("MemFree"), in kB; -1. */
long bench_node_meminfo_kb(int node, const char *field);
/* @node's pageblocks by migratetype (/proc/pagetypeinfo). 0 or -errno. */
#define BENCH_PB_UNMOVABLE	0
#define BENCH_PB_MOVABLE	1
#define BENCH_PB_RECLAIMABLE	2
int bench_node_pageblocks(int node, long blocks[3]);
/* A counter of /proc/vmstat ("compact_stall"); -1 if there is none. */
long bench_vmstat(const char *name);
/* The sum of @node's zones' high watermarks (/proc/zoneinfo), in kB; -1. */
long bench_node_high_wmark_kb(int node);
/* Free blocks of 2 MiB or more on @node (/proc/buddyinfo), in 2 MiB units. */
long bench_node_free_2m(int node);
/* A file of @node's 2 MiB hugetlb pool ("nr_hugepages", "free_hugepages"); -1. */
long bench_node_hugetlb_get(int node, const char *file);
/* Writes nr_hugepages of @node. 0 or -errno. */
int bench_node_hugetlb_set(int node, long pages);
/*
 * Where the pages of [addr, addr + len) are, one address every @step bytes
 * (move_pages(2), nodes NULL): returns how many are on @node, *missing set
 * to how many move_pages() reported no node for (an error status).
 */
unsigned long bench_pages_on_node(void *addr, size_t len, size_t step, int node,
				  unsigned long *missing);
/* set_mempolicy(MPOL_BIND) to @node; @node -1: MPOL_DEFAULT. 0 or -errno. */
int bench_mem_bind(int node);

/* --- output ---------------------------------------------------------------- */

/*
 * One row of run-bench.sh's summary table, on stdout:
 *   summary|benchmark|measure|aisched|baseline|ratio|target
 * Fields may be "-".
 */
void bench_summary(const char *bench, const char *measure, const char *aisched,
		   const char *baseline, const char *ratio, const char *target);

#endif /* AISCHED_BENCH_H */
