// SPDX-License-Identifier: GPL-2.0
/*
 * bench_faults: benchmark 6 (issue 6), the fault cost of pool memory.
 *
 * One process maps MIB MiB three ways, all on the same NUMA node, and
 * writes one byte to each 4 KiB page; the time from mmap() to the last
 * write ("map+touch") and the minor faults it took (getrusage()) are the
 * figures:
 *
 *   pool     /dev/aisched, MAP_SHARED: the process is in a cgroup tagged
 *            class training with --hugepages MIB/2@NODE, the node's pool
 *            grown to hold them; each 2 MiB faults in once, a pool page
 *            zeroed and mapped with a PMD entry
 *   hugetlb  MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, from 2 MiB hugetlb
 *            pages reserved on the node beforehand (its nr_hugepages): the
 *            baseline the pool should be on par with
 *   4 KiB    MAP_PRIVATE | MAP_ANONYMOUS with MADV_NOHUGEPAGE, so that
 *            transparent huge pages cannot serve it: one fault per 4 KiB
 *
 * The process is bound to the node (MPOL_BIND) and to its CPUs, and stays
 * in the tagged cgroup for all three (class training is SCHED_NORMAL, nice
 * 0, as if untagged). Every repetition maps, touches and unmaps each kind
 * once, in an order rotated from one repetition to the next, after one
 * warm-up round of WARM MiB each. The first repetition also checks with
 * move_pages(2) that every page is on the node.
 *
 * Usage: bench_faults [--node N] [--mib M] [--reps R]
 *        (defaults: node 1, 1024 MiB, 11 repetitions)
 *
 * If the node cannot hold three times MIB MiB (the pool's pages, the
 * hugetlb pages and the 4 KiB mapping) with room to spare, the size is
 * cut to what fits, and the output says so. Prints a table, then
 * "summary|..." lines for run-bench.sh. Exit status 0 if every mapping was
 * made, faulted as expected and landed on the node; 1 otherwise; 2 on bad
 * usage.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <linux/aisched.h>

#include "bench.h"
#include "nl.h"

#define DIR_FAULTS	BENCH_CGROUP_ROOT "/faults"
#define WARM_MIB	16
#define MARGIN_MIB	128	/* left free on the node, beyond the three */
#define MAX_REPS	101

enum { M_POOL, M_HUGETLB, M_4K, NR_METHODS };

static const char * const method_name[NR_METHODS] = { "pool", "hugetlb", "4 KiB" };

struct sample {
	uint64_t ns;		/* mmap + touch */
	uint64_t unmap_ns;	/* munmap */
	uint64_t sys_ns;	/* system time of mmap + touch */
	uint64_t faults;	/* minor faults of mmap + touch */
	uint64_t major;
};

struct series {
	struct sample s[MAX_REPS];
	size_t n;
	unsigned long pages, on_node, missing;	/* the node check */
	int checked;
	int failed;		/* errno of a failed mmap */
};

static int node = 1;
static int pool_fd = -1;
static struct series series[NR_METHODS];

static uint64_t tv_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000ull + (uint64_t)tv->tv_usec * 1000ull;
}

/* Maps @len bytes the way of @m; MAP_FAILED with errno set if it cannot. */
static char *map(int m, size_t len)
{
	char *p;

	switch (m) {
	case M_POOL:
		return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, pool_fd, 0);
	case M_HUGETLB:
		return mmap(NULL, len, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	default:
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED && madvise(p, len, MADV_NOHUGEPAGE)) {
			int err = errno;

			munmap(p, len);
			errno = err;
			return MAP_FAILED;
		}
		return p;
	}
}

/*
 * One map+touch+unmap of @len bytes by method @m. With @s NULL a warm-up;
 * with @check, where the pages are is counted into @se.
 */
static int one(int m, size_t len, struct sample *s, struct series *se, int check)
{
	struct rusage r0, r1;
	uint64_t t0, t1, t2;
	volatile char *p;
	size_t off;

	getrusage(RUSAGE_SELF, &r0);
	t0 = bench_now_ns();
	p = map(m, len);
	if (p == MAP_FAILED)
		return -errno;
	for (off = 0; off < len; off += BENCH_PAGE)
		p[off] = 1;
	t1 = bench_now_ns();
	getrusage(RUSAGE_SELF, &r1);
	if (check) {
		size_t step = m == M_4K ? BENCH_PAGE : BENCH_HPAGE;

		se->pages = len / step;
		se->on_node = bench_pages_on_node((void *)p, len, step, node, &se->missing);
		se->checked = 1;
	}
	t2 = bench_now_ns();
	munmap((void *)p, len);
	if (s) {
		s->ns = t1 - t0;
		s->unmap_ns = bench_now_ns() - t2;
		s->sys_ns = tv_ns(&r1.ru_stime) - tv_ns(&r0.ru_stime);
		s->faults = (uint64_t)(r1.ru_minflt - r0.ru_minflt);
		s->major = (uint64_t)(r1.ru_majflt - r0.ru_majflt);
	}
	return 0;
}

static double median_of(const struct series *se, size_t field_off)
{
	uint64_t v[MAX_REPS];
	size_t i;

	for (i = 0; i < se->n; i++)
		v[i] = *(const uint64_t *)((const char *)&se->s[i] + field_off);
	bench_sort_u64(v, se->n);
	return bench_median(v, se->n);
}

#define MEDIAN(se, field)	median_of(se, offsetof(struct sample, field))

static uint64_t min_ns(const struct series *se, int max)
{
	uint64_t v = se->s[0].ns;
	size_t i;

	for (i = 1; i < se->n; i++)
		if (max ? se->s[i].ns > v : se->s[i].ns < v)
			v = se->s[i].ns;
	return v;
}

static void usage(FILE *f)
{
	fputs("Usage: bench_faults [--node N] [--mib M] [--reps R]\n", f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "node", required_argument, NULL, 'n' },
		{ "mib", required_argument, NULL, 'm' },
		{ "reps", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	unsigned long mib = 1024, asked, reps = 11, pages, r, i;
	long free_mib, hugetlb_orig, hugetlb_now, need;
	struct bench_tag tag = { .cls = AISCHED_CLASS_TRAINING };
	struct bench_pool pool, pool_orig;
	struct aisched_nl *nl;
	uint64_t cpus;
	char cpubuf[64], buf[8][64];
	double med[NR_METHODS];
	int c, m, ret, fail = 0;

	bench_prog = "bench_faults";
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "n:m:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			node = atoi(optarg);
			if (node < 0 || node >= 64)
				bench_die("--node must be from 0 to 63");
			break;
		case 'm':
			mib = strtoul(optarg, NULL, 10);
			if (mib < 2 || mib % 2 || mib > 65536)
				bench_die("--mib must be an even number of MiB, at most 65536");
			break;
		case 'r':
			reps = strtoul(optarg, NULL, 10);
			if (reps < 1 || reps > MAX_REPS)
				bench_die("--reps must be from 1 to %d", MAX_REPS);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}

	cpus = bench_node_cpus(node);
	if (!cpus)
		bench_die("node %d has no online CPUs", node);
	nl = bench_nl_open();
	pool_fd = open("/dev/aisched", O_RDWR | O_CLOEXEC);
	if (pool_fd < 0)
		bench_die("/dev/aisched: %s", strerror(errno));
	if (bench_pool_get(nl, node, &pool_orig))
		bench_die("cannot read node %d's pool", node);
	hugetlb_orig = bench_node_hugetlb_get(node, "nr_hugepages");
	if (hugetlb_orig < 0)
		bench_die("node %d has no 2 MiB hugetlb pages to set", node);

	/*
	 * The node must hold the pool's pages, the hugetlb pages and the 4 KiB
	 * mapping at once, and some room besides; pages the pool or hugetlb
	 * already hold free count for them.
	 */
	asked = mib;
	free_mib = bench_node_meminfo_kb(node, "MemFree") / 1024;
	need = (long)(3 * mib) + MARGIN_MIB -
	       2 * (long)(pool_orig.total - pool_orig.reserved) -
	       2 * bench_node_hugetlb_get(node, "free_hugepages");
	if (need > free_mib) {
		long fit = (free_mib - MARGIN_MIB +
			    2 * (long)(pool_orig.total - pool_orig.reserved) +
			    2 * bench_node_hugetlb_get(node, "free_hugepages")) / 3;

		fit &= ~1L;
		if (fit < 2 * WARM_MIB)
			bench_die("node %d has %ld MiB free: too little for this benchmark",
				  node, free_mib);
		mib = (unsigned long)fit;
	}
	pages = mib / 2;

	/* The process, its cgroup and its memory: all on the node. */
	bench_cg_mkdir(BENCH_CGROUP_ROOT);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	bench_cg_remove(DIR_FAULTS);
	bench_cg_mkdir(DIR_FAULTS);
	if (pool_orig.total - pool_orig.reserved < pages &&
	    bench_pool_set(nl, node, pool_orig.reserved + (uint32_t)pages, &pool))
		bench_die("cannot grow node %d's pool", node);
	if (bench_pool_get(nl, node, &pool))
		bench_die("cannot read node %d's pool", node);
	if (pool.total - pool.reserved < pages)
		bench_die("node %d's pool got %u pages, %u held by quotas: %lu do not fit",
			  node, pool.total, pool.reserved, pages);
	tag.hugepages = (uint32_t)pages;
	tag.hugepages_node = (uint32_t)node;
	if (bench_tag_set(nl, DIR_FAULTS, &tag, NULL))
		bench_die("cannot tag %s with --hugepages %lu@%d", DIR_FAULTS, pages, node);
	ret = bench_node_hugetlb_set(node, hugetlb_orig + (long)pages);
	hugetlb_now = bench_node_hugetlb_get(node, "free_hugepages");
	if (ret || hugetlb_now < (long)pages)
		bench_die("node %d: hugetlb has %ld free 2 MiB pages, %lu wanted (%s)", node,
			  hugetlb_now, pages, ret ? strerror(-ret) : "too fragmented?");
	bench_cg_move(DIR_FAULTS, 0);
	if (bench_setaffinity(0, cpus))
		bench_die("sched_setaffinity: %s", strerror(errno));
	ret = bench_mem_bind(node);
	if (ret)
		bench_die("set_mempolicy(MPOL_BIND, %d): %s", node, strerror(-ret));

	printf("Benchmark 6: fault cost of the huge-page pool\n");
	if (mib != asked)
		printf("NOTE: %lu MiB do not fit three times on node %d (%ld MiB free): "
		       "%lu MiB per mapping instead\n", asked, node, free_mib, mib);
	printf("node %d (CPUs %s), %lu MiB per mapping, %lu repetitions after a warm-up of\n"
	       "%d MiB, the order rotated; one write per 4 KiB; the process bound to the\n"
	       "node (MPOL_BIND) and its CPUs, in a cgroup tagged class training\n"
	       "--hugepages %lu@%d\n"
	       "  pool     /dev/aisched, MAP_SHARED (node %d's pool: %u pages, %u reserved)\n"
	       "  hugetlb  MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB, node %d's nr_hugepages %ld -> %ld\n"
	       "  4 KiB    MAP_PRIVATE|MAP_ANONYMOUS, MADV_NOHUGEPAGE\n\n",
	       node, bench_fmt_cpus(cpus, cpubuf, sizeof(cpubuf)), mib, reps, WARM_MIB,
	       pages, node, node, pool.total, pool.reserved + (uint32_t)pages, node,
	       hugetlb_orig, hugetlb_orig + (long)pages);

	for (m = 0; m < NR_METHODS; m++) {
		ret = one(m, (size_t)WARM_MIB << 20, NULL, NULL, 0);
		if (ret) {
			series[m].failed = -ret;
			bench_warn("%s: mmap of %d MiB: %s", method_name[m], WARM_MIB,
				   strerror(-ret));
		}
	}
	for (r = 0; r < reps; r++) {
		for (i = 0; i < NR_METHODS; i++) {
			struct series *se;

			m = (int)((i + r) % NR_METHODS);
			se = &series[m];
			if (se->failed)
				continue;
			ret = one(m, (size_t)mib << 20, &se->s[se->n], se, r == 0);
			if (ret) {
				se->failed = -ret;
				bench_warn("%s: mmap of %lu MiB: %s", method_name[m], mib,
					   strerror(-ret));
				continue;
			}
			se->n++;
		}
	}

	printf("%-8s %4s %13s %10s %10s %10s %9s %9s %11s %13s\n", "method", "reps",
	       "map+touch p50", "min", "max", "per 2 MiB", "faults", "sys p50",
	       "munmap p50", "on node");
	for (m = 0; m < NR_METHODS; m++) {
		const struct series *se = &series[m];
		char on[32];

		med[m] = 0;
		if (!se->n) {
			printf("%-8s %4s mmap failed: %s\n", method_name[m], "0",
			       strerror(se->failed));
			fail = 1;
			continue;
		}
		med[m] = MEDIAN(se, ns);
		snprintf(on, sizeof(on), "%lu/%lu", se->on_node, se->pages);
		printf("%-8s %4zu %13s %10s %10s %10s %9.0f %9s %11s %13s\n", method_name[m],
		       se->n, bench_fmt_ns(med[m], buf[0], sizeof(buf[0])),
		       bench_fmt_ns((double)min_ns(se, 0), buf[1], sizeof(buf[1])),
		       bench_fmt_ns((double)min_ns(se, 1), buf[2], sizeof(buf[2])),
		       bench_fmt_ns(med[m] / (double)pages, buf[3], sizeof(buf[3])),
		       MEDIAN(se, faults),
		       bench_fmt_ns(MEDIAN(se, sys_ns), buf[4], sizeof(buf[4])),
		       bench_fmt_ns(MEDIAN(se, unmap_ns), buf[5], sizeof(buf[5])), on);
		if (se->failed || se->on_node != se->pages || se->missing)
			fail = 1;
		for (i = 0; i < se->n; i++)
			if (se->s[i].major)
				fail = 1;
	}
	/* One fault per 2 MiB for the two huge kinds, one per 4 KiB else. */
	if ((series[M_POOL].n && MEDIAN(&series[M_POOL], faults) < (double)pages) ||
	    (series[M_4K].n && MEDIAN(&series[M_4K], faults) < (double)(mib * 256)))
		fail = 1;

	printf("\nfaults: minor faults of mmap + touch (getrusage), median; per 2 MiB: the\n"
	       "median / %lu; sys: system time of mmap + touch; on node: pages move_pages()\n"
	       "found on node %d in the first repetition (one address per 2 MiB for pool\n"
	       "and hugetlb, per 4 KiB for 4 KiB)\n", pages, node);
	if (med[M_HUGETLB] > 0 && med[M_4K] > 0 && med[M_POOL] > 0)
		printf("ratios of the medians: pool/hugetlb %.3f, pool/4K %.3f "
		       "(4K/pool %.1fx)\n", med[M_POOL] / med[M_HUGETLB],
		       med[M_POOL] / med[M_4K], med[M_4K] / med[M_POOL]);

	snprintf(buf[6], sizeof(buf[6]), "%lu MiB map+touch, hugetlb", mib);
	bench_fmt_ns(med[M_POOL], buf[0], sizeof(buf[0]));
	bench_fmt_ns(med[M_HUGETLB], buf[1], sizeof(buf[1]));
	if (med[M_HUGETLB] > 0)
		snprintf(buf[2], sizeof(buf[2]), "%.3f", med[M_POOL] / med[M_HUGETLB]);
	else
		snprintf(buf[2], sizeof(buf[2]), "-");
	bench_summary("6 fault cost", buf[6], buf[0], buf[1], buf[2], "<= 1 (on par)");
	snprintf(buf[6], sizeof(buf[6]), "%lu MiB map+touch, 4 KiB", mib);
	bench_fmt_ns(med[M_4K], buf[1], sizeof(buf[1]));
	if (med[M_4K] > 0)
		snprintf(buf[2], sizeof(buf[2]), "%.3f", med[M_POOL] / med[M_4K]);
	else
		snprintf(buf[2], sizeof(buf[2]), "-");
	bench_summary("6 fault cost", buf[6], buf[0], buf[1], buf[2], "far below 1");
	for (m = 0; m < NR_METHODS; m++)
		snprintf(buf[3 + m], sizeof(buf[3 + m]), "%.0f",
			 series[m].n ? MEDIAN(&series[m], faults) : 0.0);
	snprintf(buf[6], sizeof(buf[6]), "faults, hugetlb");
	bench_summary("6 fault cost", buf[6], buf[3], buf[4], NULL, "(info)");
	snprintf(buf[6], sizeof(buf[6]), "faults, 4 KiB");
	bench_summary("6 fault cost", buf[6], buf[3], buf[5], NULL, "(info)");

	/* Back as it was. */
	bench_mem_bind(-1);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	if (bench_node_hugetlb_set(node, hugetlb_orig))
		bench_warn("cannot set node %d's nr_hugepages back to %ld", node, hugetlb_orig);
	close(pool_fd);
	if (bench_tag_del(nl, DIR_FAULTS))
		bench_warn("cannot untag %s", DIR_FAULTS);
	bench_cg_remove(DIR_FAULTS);
	if (pool.total != pool_orig.total &&
	    bench_pool_set(nl, node, pool_orig.total, &pool))
		bench_warn("cannot shrink node %d's pool back to %u", node, pool_orig.total);
	aisched_nl_close(nl);
	return fail;
}
