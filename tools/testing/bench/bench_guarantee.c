// SPDX-License-Identifier: GPL-2.0
/*
 * bench_guarantee: benchmark 7 (issue 6), what the pool guarantees once
 * memory is fragmented.
 *
 * The module is loaded with a pool reserved at load on NODE (pool=NODE:N;
 * run-bench.sh reloads it so). Then NODE's memory is fragmented: bound to
 * the node (MPOL_BIND, and its CPUs), the program fills it, 1 MiB at a
 * time in turn, with page cache (4 KiB files, one page each) and small
 * anonymous allocations (4 KiB pages, THP off), until MARGIN MiB above
 * the node's high watermark are left free (the watermark as it is at the
 * time: the kernel boosts it when allocations fall back to pageblocks of
 * another migratetype; below it the OOM killer would end the fill). Then
 * it deletes every other file and frees every other anonymous page
 * (MADV_DONTNEED): about half the filled memory is free again, in 4 KiB
 * holes. With --free random, a random half of each instead (a fixed
 * seed): compaction's free scanner, which samples a pageblock at a stride
 * that doubles after each block it found nothing in, can step over every
 * hole of a strictly alternating pattern.
 *
 * The page cache is, one round each (--cache tmpfs,ramfs):
 *
 *   tmpfs  movable, like the page cache of files: compaction can move it
 *          and the anonymous pages out of the way, at a cost in time
 *   ramfs  neither movable nor reclaimable: what compaction cannot touch,
 *          like the kernel memory and pinned pages that fragment a host
 *          after days of uptime
 *
 * In each round, with the memory so fragmented:
 *
 *   hugetlb  a runtime grow of NODE's 2 MiB hugetlb pool asks for N pages
 *            (N written to its nr_hugepages, from 0): how many it gets is
 *            the baseline. For information, two more tries follow: the
 *            same write again, and again after compacting the node (a
 *            write to its sysfs compact file), as an administrator might
 *            do; then they are all released
 *   pool     a process in a cgroup tagged class training --hugepages
 *            N@NODE maps N * 2 MiB of /dev/aisched and writes one byte
 *            per 4 KiB; how many 2 MiB pages it mapped and touched, and
 *            how many of them move_pages(2) finds on NODE, is the figure
 *
 * The rounds share one kernel: after a failed compaction the kernel defers
 * compaction of that order for a while, and compaction leaves pageblock
 * skip hints behind (mm/compaction.c), so a grow can fail at once because
 * an earlier one failed. The output
 * shows what compaction did in each first grow and in the node's
 * compaction (/proc/vmstat). The tmpfs round, the fairer test of hugetlb,
 * comes first by default.
 *
 * Target: the pool 100% (N of N, all on NODE). The ratio is pool / hugetlb.
 *
 * Usage: bench_guarantee [--node N] [--cache tmpfs,ramfs] [--margin MIB]
 *                        [--free alternate|random]
 *        (defaults: node 1, both page caches, 16 MiB, alternate)
 *
 * N is what the node's pool holds (POOL_GET); it must be non-zero. Prints
 * the setup and a table, then "summary|..." lines for run-bench.sh. Exit
 * status 0 if the pool mapped and touched all N pages on NODE in every
 * round, 1 otherwise, 2 on bad usage.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/aisched.h>

#include "bench.h"
#include "nl.h"

#define DIR_GUARANTEE	BENCH_CGROUP_ROOT "/guarantee"
#define FILL_DIR	"/tmp/aisched-bench-fill"
#define CHUNK_PAGES	256	/* 1 MiB of each kind in turn */
#define CHECK_EVERY	2	/* chunks between looks at MemFree */

/* The hugetlb grow, tried again, then after compacting the node. */
enum { T_GROW, T_AGAIN, T_COMPACTED, NR_TRIES };

/* /proc/vmstat's compaction counters: the first grow, the node's compaction. */
enum {
	C_STALL, C_FAIL, C_SUCCESS, C_MIGRATE_SCANNED, C_FREE_SCANNED,
	C_MIGRATED, C_MIGRATE_FAILED, NR_COMPACT
};
enum { P_GROW, P_COMPACT, NR_PHASES };

static const char * const compact_name[NR_COMPACT] = {
	"compact_stall", "compact_fail", "compact_success", "compact_migrate_scanned",
	"compact_free_scanned", "pgmigrate_success", "pgmigrate_fail",
};

/* What the pool's mapper found, in memory shared with the parent. */
struct mapper {
	int mmap_err;		/* errno of mmap, 0 if it worked */
	int sigbus;		/* the touch ended in SIGBUS */
	unsigned long touched;	/* 2 MiB pages written all through */
	unsigned long on_node;
	unsigned long missing;
	uint64_t ns;		/* mmap + touch */
};

struct round {
	const char *cache;
	unsigned long files, anon;		/* pages filled */
	long free_before, free_filled, free_after;	/* MiB */
	long blocks_before, blocks_after;	/* free 2 MiB blocks */
	long stop_mib;				/* the fill's last look at it */
	long pb_before[3], pb_after[3];		/* pageblocks by migratetype */
	long slab_mib;				/* Slab grew by */
	long hugetlb_got[NR_TRIES];
	uint64_t hugetlb_ns[NR_TRIES];	/* the write; the compaction's apart */
	uint64_t compact_ns;
	long compact[NR_PHASES][NR_COMPACT];
	struct mapper pool;
};

static int node = 1;
static unsigned long pages;	/* N */
static long margin_mib = 16;	/* above the high watermark */
static int free_random;		/* --free random */
static sigjmp_buf bus_jmp;

static void on_sigbus(int sig)
{
	(void)sig;
	siglongjmp(bus_jmp, 1);
}

static long free_mib(void)
{
	return bench_node_meminfo_kb(node, "MemFree") / 1024;
}

/* Free memory the fill leaves: the high watermark, boosted or not, + margin. */
static long stop_mib(void)
{
	return bench_node_high_wmark_kb(node) / 1024 + margin_mib;
}

static void file_name(char *buf, size_t size, unsigned long i)
{
	snprintf(buf, size, FILL_DIR "/%lx", i);
}

/* One page of page cache: a new 4 KiB file. */
static void add_file(unsigned long i, const char *page)
{
	char name[64];
	int fd;

	file_name(name, sizeof(name), i);
	fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		bench_die("%s: %s", name, strerror(errno));
	if (write(fd, page, BENCH_PAGE) != (ssize_t)BENCH_PAGE)
		bench_die("write %s: %s", name, strerror(errno));
	close(fd);
}

static void del_file(unsigned long i)
{
	char name[64];

	file_name(name, sizeof(name), i);
	if (unlink(name) && errno != ENOENT)
		bench_warn("unlink %s: %s", name, strerror(errno));
}

/* Whether the @i-th page of a kind is freed: every odd one, or at random. */
static int free_this(unsigned long i, unsigned int *seed)
{
	return free_random ? rand_r(seed) & 1 : i & 1;
}

/*
 * Fills the node, then frees every other page of each kind (or a random
 * half). Returns the anonymous area (of *len bytes), which the caller unmaps after the round.
 */
static char *fragment(struct round *rd, size_t *len)
{
	static char page[BENCH_PAGE];
	unsigned int seed = 1;
	unsigned long i;
	long slab0;
	char *anon;

	memset(page, 0x5a, sizeof(page));
	if (mkdir(FILL_DIR, 0700) && errno != EEXIST)
		bench_die("mkdir " FILL_DIR ": %s", strerror(errno));
	if (mount("aisched-bench", FILL_DIR, rd->cache, 0,
		  !strcmp(rd->cache, "tmpfs") ? "size=100%" : NULL))
		bench_die("mount -t %s " FILL_DIR ": %s", rd->cache, strerror(errno));

	rd->free_before = free_mib();
	rd->blocks_before = bench_node_free_2m(node);
	bench_node_pageblocks(node, rd->pb_before);
	slab0 = bench_node_meminfo_kb(node, "Slab");
	/* At most all of the free memory, in anonymous pages. */
	*len = (size_t)rd->free_before << 20;
	anon = mmap(NULL, *len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (anon == MAP_FAILED)
		bench_die("mmap of %zu MiB: %s", *len >> 20, strerror(errno));
	if (madvise(anon, *len, MADV_NOHUGEPAGE))
		bench_die("madvise(MADV_NOHUGEPAGE): %s", strerror(errno));

	while (free_mib() > stop_mib()) {
		for (i = 0; i < CHECK_EVERY; i++) {
			unsigned long k;

			for (k = 0; k < CHUNK_PAGES; k++)
				add_file(rd->files++, page);
			for (k = 0; k < CHUNK_PAGES &&
			     (rd->anon + 1) * BENCH_PAGE <= *len; k++)
				anon[rd->anon++ * BENCH_PAGE] = 1;
		}
	}
	rd->free_filled = free_mib();
	rd->stop_mib = stop_mib();

	/* Every other page of each kind, or a random half. */
	for (i = 0; i < rd->files; i++)
		if (free_this(i, &seed))
			del_file(i);
	for (i = 0; i < rd->anon; i++)
		if (free_this(i, &seed) &&
		    madvise(anon + i * BENCH_PAGE, BENCH_PAGE, MADV_DONTNEED))
			bench_die("madvise(MADV_DONTNEED): %s", strerror(errno));
	rd->free_after = free_mib();
	rd->blocks_after = bench_node_free_2m(node);
	bench_node_pageblocks(node, rd->pb_after);
	rd->slab_mib = (bench_node_meminfo_kb(node, "Slab") - slab0) / 1024;
	return anon;
}

static void unfragment(struct round *rd, char *anon, size_t len)
{
	unsigned long i;

	for (i = 0; i < rd->files; i++)	/* those left; the others are ENOENT */
		del_file(i);
	if (umount(FILL_DIR))
		bench_warn("umount " FILL_DIR ": %s", strerror(errno));
	rmdir(FILL_DIR);
	munmap(anon, len);
}

/* The pool's side: a child in the tagged cgroup maps and touches N pages. */
static void __attribute__((noreturn)) mapper(struct mapper *out)
{
	size_t len = pages * BENCH_HPAGE;
	struct sigaction sa = { .sa_handler = on_sigbus };
	volatile char *p;
	uint64_t t0;
	int fd;

	bench_cg_move(DIR_GUARANTEE, 0);
	sigaction(SIGBUS, &sa, NULL);
	fd = open("/dev/aisched", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		out->mmap_err = errno;
		_exit(1);
	}
	t0 = bench_now_ns();
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		out->mmap_err = errno;
		_exit(1);
	}
	if (sigsetjmp(bus_jmp, 1)) {
		out->sigbus = 1;
	} else {
		size_t off;

		for (off = 0; off < len; off += BENCH_PAGE) {
			p[off] = 1;
			if ((off + BENCH_PAGE) % BENCH_HPAGE == 0)
				out->touched++;
		}
	}
	out->ns = bench_now_ns() - t0;
	out->on_node = bench_pages_on_node((void *)p, out->touched * BENCH_HPAGE,
					   BENCH_HPAGE, node, &out->missing);
	_exit(0);
}

/* Subtracts (@sign -1) or adds (+1) the compaction counters' values now. */
static void vmstat_delta(long *v, int sign)
{
	int c;

	for (c = 0; c < NR_COMPACT; c++)
		v[c] += sign * bench_vmstat(compact_name[c]);
}

static void run_round(struct round *rd, struct mapper *shared)
{
	uint64_t t0;
	size_t len;
	char *anon;
	pid_t pid;
	int ret, status, t;

	anon = fragment(rd, &len);

	/* hugetlb: a runtime grow to N; again; again after compaction. */
	vmstat_delta(rd->compact[P_GROW], -1);
	for (t = 0; t < NR_TRIES; t++) {
		if (t == T_AGAIN)
			vmstat_delta(rd->compact[P_GROW], 1);
		if (t == T_COMPACTED) {
			char path[64];

			snprintf(path, sizeof(path), "/sys/devices/system/node/node%d", node);
			vmstat_delta(rd->compact[P_COMPACT], -1);
			t0 = bench_now_ns();
			ret = bench_cg_write(path, "compact", "1");
			rd->compact_ns = bench_now_ns() - t0;
			vmstat_delta(rd->compact[P_COMPACT], 1);
			if (ret)
				bench_warn("%s/compact: %s", path, strerror(-ret));
		}
		t0 = bench_now_ns();
		ret = bench_node_hugetlb_set(node, (long)pages);
		rd->hugetlb_ns[t] = bench_now_ns() - t0;
		if (ret)
			bench_warn("node %d: writing nr_hugepages %lu: %s", node, pages,
				   strerror(-ret));
		rd->hugetlb_got[t] = bench_node_hugetlb_get(node, "nr_hugepages");
	}
	if (bench_node_hugetlb_set(node, 0))
		bench_warn("node %d: cannot set nr_hugepages back to 0", node);

	/* The pool: N pages in a child of the tagged cgroup. */
	memset(shared, 0, sizeof(*shared));
	pid = fork();
	if (pid < 0)
		bench_die("fork: %s", strerror(errno));
	if (pid == 0)
		mapper(shared);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			bench_die("waitpid: %s", strerror(errno));
	rd->pool = *shared;
	if (!WIFEXITED(status))
		bench_warn("the pool's mapper died of signal %d", WTERMSIG(status));

	unfragment(rd, anon, len);
	printf("# %s round: %lu files, %lu anonymous pages; free 2 MiB blocks %ld -> %ld;"
	       " hugetlb %ld (%ld, %ld), pool %lu of %lu\n", rd->cache, rd->files, rd->anon,
	       rd->blocks_before, rd->blocks_after, rd->hugetlb_got[T_GROW],
	       rd->hugetlb_got[T_AGAIN], rd->hugetlb_got[T_COMPACTED], rd->pool.on_node,
	       pages);
}

static double pct(unsigned long part, unsigned long whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void usage(FILE *f)
{
	fputs("Usage: bench_guarantee [--node N] [--cache tmpfs,ramfs] [--margin MIB]\n"
	      "                       [--free alternate|random]\n", f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "node", required_argument, NULL, 'n' },
		{ "cache", required_argument, NULL, 'c' },
		{ "margin", required_argument, NULL, 'M' },
		{ "free", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct bench_tag tag = { .cls = AISCHED_CLASS_TRAINING };
	struct round rounds[2];
	char caches[32] = "tmpfs,ramfs", *tok;
	struct bench_pool pool;
	struct mapper *shared;
	struct aisched_nl *nl;
	char param[256] = "", cpubuf[64], buf[5][64];
	unsigned int nr = 0, k;
	long hugetlb_orig, total_mib;
	uint64_t cpus;
	int c, ret, fail = 0;
	FILE *f;

	bench_prog = "bench_guarantee";
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "n:c:M:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			node = atoi(optarg);
			if (node < 0 || node >= 64)
				bench_die("--node must be from 0 to 63");
			break;
		case 'c':
			snprintf(caches, sizeof(caches), "%s", optarg);
			break;
		case 'f':
			if (strcmp(optarg, "alternate") && strcmp(optarg, "random")) {
				usage(stderr);
				return 2;
			}
			free_random = !strcmp(optarg, "random");
			break;
		case 'M':
			margin_mib = atol(optarg);
			if (margin_mib < 8)
				bench_die("--margin must be at least 8 (MiB)");
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	memset(rounds, 0, sizeof(rounds));
	for (tok = strtok(caches, ","); tok; tok = strtok(NULL, ",")) {
		if ((strcmp(tok, "tmpfs") && strcmp(tok, "ramfs")) || nr == 2) {
			usage(stderr);
			return 2;
		}
		rounds[nr++].cache = !strcmp(tok, "tmpfs") ? "tmpfs" : "ramfs";
	}
	if (!nr) {
		usage(stderr);
		return 2;
	}

	cpus = bench_node_cpus(node);
	if (!cpus)
		bench_die("node %d has no online CPUs", node);
	nl = bench_nl_open();
	if (bench_pool_get(nl, node, &pool))
		bench_die("cannot read node %d's pool", node);
	if (!pool.total || pool.reserved)
		bench_die("node %d's pool holds %u pages, %u reserved: load the module with "
			  "pool=%d:N and no quotas", node, pool.total, pool.reserved, node);
	pages = pool.total;
	f = fopen("/sys/module/aisched/parameters/pool", "r");
	if (f) {
		if (!fgets(param, sizeof(param), f))
			param[0] = '\0';
		param[strcspn(param, "\n")] = '\0';
		fclose(f);
	}
	hugetlb_orig = bench_node_hugetlb_get(node, "nr_hugepages");
	if (hugetlb_orig < 0)
		bench_die("node %d has no 2 MiB hugetlb pages to set", node);
	if (hugetlb_orig && bench_node_hugetlb_set(node, 0))
		bench_die("node %d: cannot set nr_hugepages to 0", node);
	total_mib = bench_node_meminfo_kb(node, "MemTotal") / 1024;

	bench_cg_mkdir(BENCH_CGROUP_ROOT);
	bench_cg_move(BENCH_CGROUP_ROOT, 0);
	bench_cg_remove(DIR_GUARANTEE);
	bench_cg_mkdir(DIR_GUARANTEE);
	tag.hugepages = (uint32_t)pages;
	tag.hugepages_node = (uint32_t)node;
	if (bench_tag_set(nl, DIR_GUARANTEE, &tag, NULL))
		bench_die("cannot tag %s with --hugepages %lu@%d", DIR_GUARANTEE, pages, node);
	if (bench_setaffinity(0, cpus))
		bench_die("sched_setaffinity: %s", strerror(errno));
	ret = bench_mem_bind(node);
	if (ret)
		bench_die("set_mempolicy(MPOL_BIND, %d): %s", node, strerror(-ret));
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		bench_die("mmap: %s", strerror(errno));

	printf("Benchmark 7: the pool's guarantee on fragmented memory\n");
	printf("node %d: %ld MiB, CPUs %s; the module loaded with pool=%s: node %d's\n"
	       "pool holds %lu 2 MiB pages (%lu MiB); a cgroup tagged class training\n"
	       "--hugepages %lu@%d.\n"
	       "Each round fills node %d (MPOL_BIND), 1 MiB of 4 KiB files and 1 MiB of\n"
	       "4 KiB anonymous pages (MADV_NOHUGEPAGE) in turn, until the free memory is\n"
	       "%ld MiB above the high watermark (now %ld MiB); deletes %s\n"
	       "and frees %s; then asks hugetlb for %lu pages on\n"
	       "node %d (nr_hugepages 0 -> %lu), and the pool's cgroup maps and touches\n"
	       "%lu pages of /dev/aisched.\n\n",
	       node, total_mib, bench_fmt_cpus(cpus, cpubuf, sizeof(cpubuf)),
	       param[0] ? param : "?", node, pages, pages * 2, pages, node, node,
	       margin_mib, bench_node_high_wmark_kb(node) / 1024,
	       free_random ? "a random half of the files" : "every other file",
	       free_random ? "a random half of the anonymous pages" :
	       "every other anonymous page", pages, node, pages, pages);

	for (k = 0; k < nr; k++)
		run_round(&rounds[k], shared);

	printf("\nfragmentation of node %d (MiB; 2M blocks: free blocks of 2 MiB or more,\n"
	       "from /proc/buddyinfo, in 2 MiB units; stop: the high watermark + %ld MiB\n"
	       "when the fill stopped)\n", node, margin_mib);
	printf("%-6s %8s %8s %8s %9s %8s %8s %8s %10s %9s\n", "cache", "files", "anon",
	       "free", "2M blocks", "stop", "filled", "slab +", "free after",
	       "2M blocks");
	for (k = 0; k < nr; k++) {
		const struct round *rd = &rounds[k];

		printf("%-6s %8lu %8lu %8ld %9ld %8ld %8ld %8ld %10ld %9ld\n", rd->cache,
		       rd->files, rd->anon, rd->free_before, rd->blocks_before, rd->stop_mib,
		       rd->free_filled, rd->slab_mib, rd->free_after, rd->blocks_after);
	}
	printf("\nnode %d's 2 MiB pageblocks by migratetype (/proc/pagetypeinfo), before the\n"
	       "fill and after the frees (compaction moves pages only into free pages of\n"
	       "movable blocks, and cannot empty a block that holds an unmovable page)\n",
	       node);
	printf("%-6s %25s %25s\n", "cache", "before: U / M / R", "after: U / M / R");
	for (k = 0; k < nr; k++) {
		const struct round *rd = &rounds[k];

		snprintf(buf[0], sizeof(buf[0]), "%ld / %ld / %ld", rd->pb_before[0],
			 rd->pb_before[1], rd->pb_before[2]);
		snprintf(buf[1], sizeof(buf[1]), "%ld / %ld / %ld", rd->pb_after[0],
			 rd->pb_after[1], rd->pb_after[2]);
		printf("%-6s %25s %25s\n", rd->cache, buf[0], buf[1]);
	}
	snprintf(buf[4], sizeof(buf[4]), "on node %d", node);
	printf("\n%-6s %18s %9s %18s %18s %18s %18s %8s\n", "cache", "hugetlb grow",
	       "time", "pool", buf[4], "grow again", "compacted", "ratio");
	for (k = 0; k < nr; k++) {
		const struct round *rd = &rounds[k];
		const struct mapper *mp = &rd->pool;
		unsigned long got[NR_TRIES];
		char h[NR_TRIES][32], p[40], o[32];
		int t;

		for (t = 0; t < NR_TRIES; t++) {
			got[t] = rd->hugetlb_got[t] > 0 ? (unsigned long)rd->hugetlb_got[t] : 0;
			snprintf(h[t], sizeof(h[t]), "%lu (%.1f%%)", got[t], pct(got[t], pages));
		}
		if (mp->mmap_err)
			snprintf(p, sizeof(p), "mmap: %s", strerror(mp->mmap_err));
		else
			snprintf(p, sizeof(p), "%lu (%.1f%%)%s", mp->touched,
				 pct(mp->touched, pages), mp->sigbus ? " SIGBUS" : "");
		snprintf(o, sizeof(o), "%lu (%.1f%%)", mp->on_node, pct(mp->on_node, pages));
		if (got[T_GROW])
			snprintf(buf[0], sizeof(buf[0]), "%.2f",
				 (double)mp->on_node / (double)got[T_GROW]);
		else
			snprintf(buf[0], sizeof(buf[0]), "inf");
		printf("%-6s %18s %9s %18s %18s %18s %18s %8s\n", rd->cache, h[T_GROW],
		       bench_fmt_ns((double)rd->hugetlb_ns[T_GROW], buf[1], sizeof(buf[1])),
		       p, o, h[T_AGAIN], h[T_COMPACTED], buf[0]);
		if (mp->mmap_err || mp->sigbus || mp->touched != pages ||
		    mp->on_node != pages || mp->missing)
			fail = 1;
	}
	printf("\nof %lu 2 MiB pages asked for: hugetlb grow: what node %d's nr_hugepages\n"
	       "reached (time: the write); pool: pages mapped and written all through;\n"
	       "on node %d: of them, those move_pages() found there; grow again: the\n"
	       "same write once more; compacted: once more after writing the node's\n"
	       "compact file; ratio: pool pages on the node / the first grow's pages\n",
	       pages, node, node);
	for (k = 0; k < nr; k++) {
		const struct round *rd = &rounds[k];
		unsigned long got = rd->hugetlb_got[T_GROW] > 0 ?
				    (unsigned long)rd->hugetlb_got[T_GROW] : 0;

		const long *g = rd->compact[P_GROW], *n = rd->compact[P_COMPACT];

		printf("%s: the first grow took %s: %ld direct compactions (%ld failed, %ld"
		       " succeeded)\n  scanned %ld pages to move and %ld for free ones, moved"
		       " %ld (%ld failed);\n  the node's compaction took %s: scanned %ld and"
		       " %ld, moved %ld (%ld failed);\n  the grow after it %s; the pool's"
		       " mapping %s\n", rd->cache,
		       bench_fmt_ns((double)rd->hugetlb_ns[T_GROW], buf[1], sizeof(buf[1])),
		       g[C_STALL], g[C_FAIL], g[C_SUCCESS], g[C_MIGRATE_SCANNED],
		       g[C_FREE_SCANNED], g[C_MIGRATED], g[C_MIGRATE_FAILED],
		       bench_fmt_ns((double)rd->compact_ns, buf[2], sizeof(buf[2])),
		       n[C_MIGRATE_SCANNED], n[C_FREE_SCANNED], n[C_MIGRATED],
		       n[C_MIGRATE_FAILED],
		       bench_fmt_ns((double)rd->hugetlb_ns[T_COMPACTED], buf[3],
				    sizeof(buf[3])),
		       bench_fmt_ns((double)rd->pool.ns, buf[0], sizeof(buf[0])));
		if (got)
			snprintf(buf[0], sizeof(buf[0]), "%.2f",
				 (double)rd->pool.on_node / (double)got);
		else
			snprintf(buf[0], sizeof(buf[0]), "inf");
		snprintf(buf[1], sizeof(buf[1]), "2 MiB pages, %s fill", rd->cache);
		snprintf(buf[2], sizeof(buf[2]), "%lu/%lu (%.1f%%)", rd->pool.on_node, pages,
			 pct(rd->pool.on_node, pages));
		snprintf(buf[3], sizeof(buf[3]), "%lu/%lu (%.1f%%)", got, pages,
			 pct(got, pages));
		bench_summary("7 guarantee", buf[1], buf[2], buf[3], buf[0], "100%");
		got = rd->hugetlb_got[T_COMPACTED] > 0 ?
		      (unsigned long)rd->hugetlb_got[T_COMPACTED] : 0;
		snprintf(buf[1], sizeof(buf[1]), "%s, hugetlb compacted", rd->cache);
		snprintf(buf[3], sizeof(buf[3]), "%lu/%lu (%.1f%%)", got, pages,
			 pct(got, pages));
		bench_summary("7 guarantee", buf[1], buf[2], buf[3], NULL, "(info)");
	}

	bench_mem_bind(-1);
	if (hugetlb_orig && bench_node_hugetlb_set(node, hugetlb_orig))
		bench_warn("cannot set node %d's nr_hugepages back to %ld", node, hugetlb_orig);
	if (bench_tag_del(nl, DIR_GUARANTEE))
		bench_warn("cannot untag %s", DIR_GUARANTEE);
	bench_cg_remove(DIR_GUARANTEE);
	munmap(shared, sizeof(*shared));
	aisched_nl_close(nl);
	return fail;
}
