// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of "aisched show" without the module: reading threads (this
 * process's own), walking a cgroup tree (a fake one in a temporary
 * directory), the output formats, and the resolution of PATH.
 */

#define _GNU_SOURCE	/* gettid(), sched_getaffinity() */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/aisched.h>

#include "kselftest_harness.h"

#include "capture.h"
#include "aisched.h"
#include "cgroup.h"
#include "numastat.h"
#include "show.h"

/* Above PID_MAX_LIMIT (4194304): no thread can have it. */
#define NO_TID	4194305

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f))
		abort();
}

static char *path_of(const char *dir, const char *name)
{
	char *s;

	if (asprintf(&s, "%s/%s", dir, name) < 0)
		abort();
	return s;
}

static void mkdir_in(const char *dir, const char *name)
{
	char *p = path_of(dir, name);

	if (mkdir(p, 0755))
		abort();
	free(p);
}

static void rm_tree(const char *dir)
{
	char *cmd;

	if (asprintf(&cmd, "rm -rf '%s'", dir) < 0 || system(cmd))
		abort();
	free(cmd);
}

TEST(read_own_thread)
{
	struct aisched_thread t;
	cpu_set_t set;
	char *cpus;
	int cpu, n = 0;

	ASSERT_EQ(0, prctl(PR_SET_NAME, "show test"));
	ASSERT_EQ(0, show_read_thread(gettid(), &t));
	EXPECT_EQ(gettid(), t.tid);
	EXPECT_EQ(getpid(), t.pid);
	EXPECT_STREQ("show test", t.comm);
	EXPECT_EQ(NULL, t.cgroup);
	/* The harness runs tests under the default policy. */
	EXPECT_EQ(SCHED_OTHER, t.policy);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), t.nice);
	ASSERT_EQ(0, sched_getaffinity(0, sizeof(set), &set));
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		EXPECT_EQ(!!CPU_ISSET(cpu, &set), aisched_cpumask_test(&t.cpus, cpu));
		n += !!CPU_ISSET(cpu, &set);
	}
	EXPECT_LT(0, n);
	cpus = aisched_cpulist_alloc(&t.cpus);
	EXPECT_NE(0, strlen(cpus));
	free(cpus);
	show_free_thread(&t);
}

TEST(read_gone_thread)
{
	struct aisched_thread t;

	EXPECT_EQ(-ESRCH, show_read_thread(NO_TID, &t));
	show_free_thread(&t);
}

/* A fake cgroup tree: cgroup.threads files naming this thread and others. */
FIXTURE(tree) {
	char dir[64];
};

FIXTURE_SETUP(tree)
{
	char tids[64], *p;

	strcpy(self->dir, "/tmp/aisched-show-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(tids, sizeof(tids), "%d\n%d\n", NO_TID, gettid());
	p = path_of(self->dir, "cgroup.threads");
	write_file(p, tids);
	free(p);
	p = path_of(self->dir, "cgroup.procs");
	write_file(p, "1\n");
	free(p);
	/* Created out of order: the walk sorts by name. */
	mkdir_in(self->dir, "b");
	p = path_of(self->dir, "b/cgroup.threads");
	write_file(p, tids);
	free(p);
	mkdir_in(self->dir, "a");
	p = path_of(self->dir, "a/cgroup.threads");
	write_file(p, "");
	free(p);
	mkdir_in(self->dir, "a/x y");
	p = path_of(self->dir, "a/x y/cgroup.threads");
	write_file(p, tids);
	free(p);
	/* A cgroup removed while the walk runs: no cgroup.threads any more. */
	mkdir_in(self->dir, "c");
}

FIXTURE_TEARDOWN(tree)
{
	rm_tree(self->dir);
}

TEST_F(tree, walk)
{
	struct aisched_threads list;
	struct output o;
	int ret;

	CAPTURE(&o, ret = show_read_threads(self->dir, &list));
	ASSERT_EQ(0, ret) TH_LOG("%s", o.err);
	/* The thread that does not exist is left out, silently. */
	EXPECT_STREQ("", o.err);
	ASSERT_EQ(3, list.nr);
	EXPECT_STREQ(".", list.threads[0].cgroup);
	EXPECT_STREQ("a/x y", list.threads[1].cgroup);
	EXPECT_STREQ("b", list.threads[2].cgroup);
	EXPECT_EQ(gettid(), list.threads[0].tid);
	EXPECT_EQ(getpid(), list.threads[2].pid);
	show_free_threads(&list);
	EXPECT_EQ(0, list.nr);
	output_free(&o);
}

TEST_F(tree, top_without_threads_file)
{
	struct aisched_threads list;
	struct output o;
	char *p, want[128];
	int ret;

	p = path_of(self->dir, "cgroup.threads");
	ASSERT_EQ(0, unlink(p));
	CAPTURE(&o, ret = show_read_threads(self->dir, &list));
	EXPECT_EQ(-ENOENT, ret);
	snprintf(want, sizeof(want), "aisched: reading %s: No such file or directory\n", p);
	EXPECT_STREQ(want, o.err);
	show_free_threads(&list);
	output_free(&o);
	free(p);
}

static void fake_thread(struct aisched_thread *t, pid_t tid, pid_t pid,
			const char *comm, const char *cgroup, uint32_t policy,
			int nice, unsigned int prio, const char *cpus,
			uint32_t io_class, uint32_t io_level)
{
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	t->pid = pid;
	t->comm = strdup(comm);
	t->cgroup = strdup(cgroup);
	t->policy = policy;
	t->nice = nice;
	t->rt_prio = prio;
	if (aisched_cpulist_parse(&t->cpus, cpus, 8191, NULL))
		abort();
	t->io_class = io_class;
	t->io_level = io_level;
}

static void fake_tag(struct aisched_tag *tag)
{
	memset(tag, 0, sizeof(*tag));
	tag->cgroup_id = 9;
	tag->cgroup = strdup("/jobs/a");
	tag->class = AISCHED_CLASS_TRAINING;
	tag->policy = AISCHED_POLICY_NORMAL;
	tag->io_class = AISCHED_IO_CLASS_BE;
	tag->io_level = 4;
	tag->tasks = 3;
	tag->applied = 3;
}

static char *print(int (*fn)(FILE *f, const struct aisched_tag *tag,
			     const struct show_memory *memory,
			     const struct aisched_threads *list),
		   const struct aisched_tag *tag, const struct show_memory *memory,
		   const struct aisched_threads *list)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f || fn(f, tag, memory, list))
		abort();
	fclose(f);
	return text;
}

TEST(formats)
{
	struct show_memory memory = { .err = -ENOENT };
	struct aisched_thread threads[3];
	struct aisched_threads list = { threads, 3 };
	struct aisched_tag tag;
	char *text;

	fake_tag(&tag);
	fake_thread(&threads[0], 120, 120, "python3", ".", SCHED_OTHER, 0, 0,
		    "0-3", AISCHED_IO_CLASS_BE, 4);
	fake_thread(&threads[1], 12345, 120, "pt data worker", "sub/x",
		    SCHED_FIFO, 0, 10, "2", AISCHED_IO_CLASS_NONE, 0);
	fake_thread(&threads[2], 7, 7, "idler", "sub", SCHED_IDLE, 19, 0,
		    "0-1,3", AISCHED_IO_CLASS_IDLE, 7);

	text = print(show_print, &tag, &memory, &list);
	EXPECT_STREQ("cgroup:     /jobs/a\n"
		     "cgroup id:  9\n"
		     "class:      training\n"
		     "policy:     normal:0\n"
		     "ioprio:     be:4\n"
		     "cpus:       -\n"
		     "gpus:       -\n"
		     "nodes:      -\n"
		     "placement:  none\n"
		     "memory:     - (memory controller not enabled)\n"
		     "tasks:      3\n"
		     "applied:    3\n"
		     "overrides:  0\n"
		     "demotions:  0\n"
		     "conflicts:  0\n"
		     "\n"
		     "  tid  pid  cgroup  policy    cpus   ioprio  comm\n"
		     "  120  120  .       normal:0  0-3    be:4    python3\n"
		     "12345  120  sub/x   fifo:10   2      none    pt\\040data\\040worker\n"
		     "    7    7  sub     idle      0-1,3  idle    idler\n", text);
	free(text);

	text = print(show_print_json, &tag, &memory, &list);
	EXPECT_STREQ("{\"tag\":{\"cgroup\":\"/jobs/a\",\"cgroup_id\":9,\"class\":\"training\","
		     "\"policy\":\"normal\",\"nice\":0,\"io_class\":\"be\",\"io_level\":4,"
		     "\"gpus\":[],\"placement\":\"none\","
		     "\"tasks\":3,\"applied\":3,\"overrides\":0,\"demotions\":0,"
		     "\"conflicts\":0},\"threads\":["
		     "{\"tid\":120,\"pid\":120,\"comm\":\"python3\",\"cgroup\":\".\","
		     "\"policy\":\"normal\",\"nice\":0,\"cpus\":\"0-3\",\"io_class\":\"be\","
		     "\"io_level\":4},"
		     "{\"tid\":12345,\"pid\":120,\"comm\":\"pt data worker\",\"cgroup\":\"sub/x\","
		     "\"policy\":\"fifo\",\"rt_prio\":10,\"cpus\":\"2\",\"io_class\":\"none\","
		     "\"io_level\":0},"
		     "{\"tid\":7,\"pid\":7,\"comm\":\"idler\",\"cgroup\":\"sub\","
		     "\"policy\":\"idle\",\"cpus\":\"0-1,3\",\"io_class\":\"idle\","
		     "\"io_level\":7}]}\n", text);
	free(text);

	list.nr = 0;
	text = print(show_print, &tag, &memory, &list);
	EXPECT_NE(NULL, strstr(text, "placement:  none\n"
				     "memory:     - (memory controller not enabled)\n"
				     "tasks:      3\n"));
	EXPECT_NE(NULL, strstr(text, "conflicts:  0\n\nno threads\n"));
	free(text);
	text = print(show_print_json, &tag, &memory, &list);
	EXPECT_NE(NULL, strstr(text, "},\"threads\":[]}\n"));
	free(text);

	show_free_thread(&threads[0]);
	show_free_thread(&threads[1]);
	show_free_thread(&threads[2]);
	aisched_tag_free(&tag);
}

/* memory.numa_stat as Linux 6.1 writes it, for a cgroup on two nodes. */
static const char numa_stat_6_1[] =
	"anon N0=1048576 N1=4194304\n"
	"file N0=524288 N1=62914560\n"
	"kernel_stack N0=16384 N1=32768\n"
	"pagetables N0=45056 N1=0\n"
	"shmem N0=0 N1=0\n"
	"file_mapped N0=0 N1=0\n"
	"anon_thp N0=0 N1=2097152\n"
	"inactive_anon N0=1048576 N1=4194304\n"
	"active_file N0=524288 N1=62914560\n"
	"slab_reclaimable N0=999 N1=0\n"
	"workingset_refault_anon N0=0 N1=0\n";

/* Sums of anon and file per node, as aisched_numa_stat_parse() gives them. */
FIXTURE(numa_stat) {
	struct aisched_numa_mem mem;
	int ret;
};

/*
 * @text: the file
 * @ret: what aisched_numa_stat_parse() must return
 * @nr: how many nodes it must find
 * @node, @bytes: the nodes, in order, and their sums
 */
FIXTURE_VARIANT(numa_stat) {
	const char *text;
	int ret;
	size_t nr;
	uint32_t node[4];
	uint64_t bytes[4];
};

FIXTURE_VARIANT_ADD(numa_stat, linux_6_1) {
	.text = numa_stat_6_1,
	.nr = 2, .node = { 0, 1 }, .bytes = { 1572864, 67108864 },
};

FIXTURE_VARIANT_ADD(numa_stat, one_node_no_final_newline) {
	.text = "anon N0=4096\nfile N0=8192",
	.nr = 1, .node = { 0 }, .bytes = { 12288 },
};

/* Nodes that are not consecutive, listed out of order, and a big one. */
FIXTURE_VARIANT_ADD(numa_stat, sparse_nodes) {
	.text = "file N3=1 N1023=2\nanon N1023=4 N0=8 N3=16\n",
	.nr = 3, .node = { 0, 3, 1023 }, .bytes = { 8, 17, 6 },
};

FIXTURE_VARIANT_ADD(numa_stat, anon_only) {
	.text = "kernel N0=5\nanon N0=1 N1=2\n",
	.nr = 2, .node = { 0, 1 }, .bytes = { 1, 2 },
};

FIXTURE_VARIANT_ADD(numa_stat, u64_max) {
	.text = "anon N0=18446744073709551615\nfile N0=0\n",
	.nr = 1, .node = { 0 }, .bytes = { UINT64_MAX },
};

/* Saturated, not wrapped. */
FIXTURE_VARIANT_ADD(numa_stat, sum_saturates) {
	.text = "anon N0=18446744073709551615\nfile N0=1\n",
	.nr = 1, .node = { 0 }, .bytes = { UINT64_MAX },
};

/* A line whose key only starts with anon or file is not theirs. */
FIXTURE_VARIANT_ADD(numa_stat, prefixes_are_other_keys) {
	.text = "anon_thp Nx\nfile_dirty junk\nfiles N0=1\nanon N0=2\n",
	.nr = 1, .node = { 0 }, .bytes = { 2 },
};

FIXTURE_VARIANT_ADD(numa_stat, no_anon_or_file) {
	.text = "kernel_stack N0=16384\n", .ret = -EINVAL,
};

FIXTURE_VARIANT_ADD(numa_stat, empty) {
	.text = "", .ret = -EINVAL,
};

FIXTURE_VARIANT_ADD(numa_stat, not_a_node_word) {
	.text = "anon N0=1 total=2\n", .ret = -EINVAL,
};

FIXTURE_VARIANT_ADD(numa_stat, no_bytes) {
	.text = "anon N0=\n", .ret = -EINVAL,
};

FIXTURE_VARIANT_ADD(numa_stat, negative) {
	.text = "file N0=-1\n", .ret = -EINVAL,
};

FIXTURE_VARIANT_ADD(numa_stat, trailing_junk) {
	.text = "file N0=1kB\n", .ret = -EINVAL,
};

FIXTURE_VARIANT_ADD(numa_stat, bytes_overflow) {
	.text = "anon N0=18446744073709551616\n", .ret = -EINVAL,
};

FIXTURE_VARIANT_ADD(numa_stat, node_overflow) {
	.text = "anon N4294967296=1\n", .ret = -EINVAL,
};

FIXTURE_SETUP(numa_stat)
{
	self->ret = aisched_numa_stat_parse(variant->text, &self->mem);
}

FIXTURE_TEARDOWN(numa_stat)
{
	aisched_numa_mem_free(&self->mem);
}

TEST_F(numa_stat, parse)
{
	size_t i;

	ASSERT_EQ(variant->ret, self->ret);
	if (variant->ret)
		return;
	ASSERT_EQ(variant->nr, self->mem.nr);
	for (i = 0; i < variant->nr; i++) {
		EXPECT_EQ(variant->node[i], self->mem.nodes[i].node);
		EXPECT_EQ(variant->bytes[i], self->mem.nodes[i].bytes);
	}
}

TEST(numa_mem_sums)
{
	struct aisched_numa_mem mem;
	struct aisched_cpumask nodes;

	ASSERT_EQ(0, aisched_numa_stat_parse(numa_stat_6_1, &mem));
	EXPECT_EQ(1572864 + 67108864, aisched_numa_mem_total(&mem));
	ASSERT_EQ(0, aisched_cpulist_parse(&nodes, "1", 1023, NULL));
	EXPECT_EQ(67108864, aisched_numa_mem_on(&mem, &nodes));
	aisched_cpumask_free(&nodes);
	/* Nodes beyond the bitmap are not in it. */
	ASSERT_EQ(0, aisched_cpulist_parse(&nodes, "0,40", 1023, NULL));
	EXPECT_EQ(1572864, aisched_numa_mem_on(&mem, &nodes));
	aisched_cpumask_free(&nodes);
	ASSERT_EQ(0, aisched_cpulist_parse(&nodes, "2-3", 1023, NULL));
	EXPECT_EQ(0, aisched_numa_mem_on(&mem, &nodes));
	aisched_cpumask_free(&nodes);
	aisched_numa_mem_free(&mem);
	EXPECT_EQ(0, aisched_numa_mem_total(&mem));
}

/* Reading PATH/memory.numa_stat, in a fake cgroup directory. */
TEST(numa_stat_read)
{
	struct aisched_numa_mem mem;
	char dir[64], *p, *big;
	size_t i, len = 0;

	strcpy(dir, "/tmp/aisched-numa-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(dir));
	/* No memory controller: no file. */
	EXPECT_EQ(-ENOENT, aisched_numa_stat_read(dir, &mem));
	EXPECT_EQ(0, mem.nr);
	aisched_numa_mem_free(&mem);

	p = path_of(dir, "memory.numa_stat");
	write_file(p, numa_stat_6_1);
	ASSERT_EQ(0, aisched_numa_stat_read(dir, &mem));
	ASSERT_EQ(2, mem.nr);
	EXPECT_EQ(67108864, mem.nodes[1].bytes);
	aisched_numa_mem_free(&mem);

	/* Longer than one read: the anon and file lines come last. */
	big = malloc(64 * 1024);
	ASSERT_NE(NULL, big);
	for (i = 0; i < 2000; i++)
		len += sprintf(big + len, "other%zu N0=1 N1=2\n", i);
	strcpy(big + len, "anon N0=1 N1=2\nfile N0=3 N1=4\n");
	write_file(p, big);
	ASSERT_EQ(0, aisched_numa_stat_read(dir, &mem));
	ASSERT_EQ(2, mem.nr);
	EXPECT_EQ(4, mem.nodes[0].bytes);
	EXPECT_EQ(6, mem.nodes[1].bytes);
	aisched_numa_mem_free(&mem);
	free(big);

	write_file(p, "junk\n");
	EXPECT_EQ(-EINVAL, aisched_numa_stat_read(dir, &mem));
	aisched_numa_mem_free(&mem);
	free(p);
	rm_tree(dir);
}

static void place_tag(struct aisched_tag *tag, uint32_t placement,
		      const char *target)
{
	tag->placement = placement;
	tag->mem = AISCHED_MEM_PREFERRED;
	if (aisched_cpulist_parse(&tag->target_nodes, target, 1023, NULL))
		abort();
}

static char *print_memory(const struct aisched_tag *tag,
			  const struct show_memory *memory)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f || show_print_memory(f, tag, memory))
		abort();
	fclose(f);
	return text;
}

/* The locality report: memory per node, and the share on the target. */
TEST(locality_report)
{
	struct aisched_threads list = { NULL, 0 };
	struct show_memory memory = { 0 };
	struct aisched_tag tag;
	char *text;

	fake_tag(&tag);
	ASSERT_EQ(0, aisched_numa_stat_parse(numa_stat_6_1, &memory.mem));

	/* Placement none: memory only. */
	text = print_memory(&tag, &memory);
	EXPECT_STREQ("memory:     node0 1.5 MiB, node1 64.0 MiB\n", text);
	free(text);

	place_tag(&tag, AISCHED_PLACEMENT_LOCAL, "1");
	text = print_memory(&tag, &memory);
	EXPECT_STREQ("memory:     node0 1.5 MiB, node1 64.0 MiB\n"
		     "local:      97.7% on nodes 1\n", text);
	free(text);

	text = print(show_print, &tag, &memory, &list);
	EXPECT_NE(NULL, strstr(text, "cpus:       -\n"
				     "gpus:       -\n"
				     "nodes:      -\n"
				     "placement:  local\n"
				     "mem:        preferred\n"
				     "target:     1\n"
				     "memory:     node0 1.5 MiB, node1 64.0 MiB\n"
				     "local:      97.7% on nodes 1\n"
				     "tasks:      3\n")) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "conflicts:  0\n"
				     "\n"
				     "no threads\n")) TH_LOG("%s", text);
	free(text);

	text = print(show_print_json, &tag, &memory, &list);
	EXPECT_NE(NULL, strstr(text, "\"placement\":\"local\",\"mem\":\"preferred\","
				     "\"target_nodes\":\"1\",\"tasks\":3,"))
		TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "},\"memory\":{\"node0\":1572864,\"node1\":67108864},"
				     "\"local_pct\":97.7,\"threads\":[]}\n"))
		TH_LOG("%s", text);
	free(text);

	aisched_cpumask_free(&tag.target_nodes);
	place_tag(&tag, AISCHED_PLACEMENT_SPREAD, "0-1");
	text = print_memory(&tag, &memory);
	EXPECT_STREQ("memory:     node0 1.5 MiB, node1 64.0 MiB\n"
		     "local:      100.0% on nodes 0-1\n", text);
	free(text);
	text = print(show_print_json, &tag, &memory, &list);
	EXPECT_NE(NULL, strstr(text, "\"local_pct\":100.0,")) TH_LOG("%s", text);
	free(text);

	aisched_numa_mem_free(&memory.mem);
	aisched_tag_free(&tag);
}

/* A quota: its line ends the settings, before the locality report. */
TEST(show_hugepages)
{
	struct aisched_threads list = { NULL, 0 };
	struct show_memory memory = { 0 };
	struct aisched_tag tag;
	char *text;

	fake_tag(&tag);
	ASSERT_EQ(0, aisched_numa_stat_parse(numa_stat_6_1, &memory.mem));
	place_tag(&tag, AISCHED_PLACEMENT_LOCAL, "1");
	tag.has_hugepages = true;
	tag.hugepages = 16;
	tag.hugepages_node = 1;
	tag.hugepages_used = 4;

	text = print(show_print, &tag, &memory, &list);
	EXPECT_NE(NULL, strstr(text, "target:     1\n"
				     "hugepages:  4 of 16 on node 1 (2 MiB pages)\n"
				     "memory:     node0 1.5 MiB, node1 64.0 MiB\n"
				     "local:      97.7% on nodes 1\n"
				     "tasks:      3\n")) TH_LOG("%s", text);
	free(text);
	text = print(show_print_json, &tag, &memory, &list);
	EXPECT_NE(NULL, strstr(text, "\"target_nodes\":\"1\","
				     "\"hugepages\":{\"quota\":16,\"node\":1,\"used\":4},"
				     "\"tasks\":3,")) TH_LOG("%s", text);
	free(text);

	aisched_numa_mem_free(&memory.mem);
	aisched_tag_free(&tag);
}

/* No memory at all: no share to give. */
TEST(locality_report_without_memory)
{
	struct aisched_threads list = { NULL, 0 };
	struct show_memory memory = { 0 };
	struct aisched_tag tag;
	char *text;

	fake_tag(&tag);
	place_tag(&tag, AISCHED_PLACEMENT_LOCAL, "0");
	ASSERT_EQ(0, aisched_numa_stat_parse("anon N0=0 N1=0\nfile N0=0 N1=0\n",
					     &memory.mem));
	text = print_memory(&tag, &memory);
	EXPECT_STREQ("memory:     node0 0.0 MiB, node1 0.0 MiB\n"
		     "local:      - on nodes 0\n", text);
	free(text);
	text = print(show_print_json, &tag, &memory, &list);
	EXPECT_NE(NULL, strstr(text, "},\"memory\":{\"node0\":0,\"node1\":0},"
				     "\"threads\":[]}\n")) TH_LOG("%s", text);
	free(text);
	aisched_numa_mem_free(&memory.mem);
	aisched_tag_free(&tag);
}

/* memory.numa_stat unreadable: say why, and no share. */
TEST(locality_report_fallbacks)
{
	static const struct {
		int err;
		const char *line;
	} cases[] = {
		{ -ENOENT, "memory:     - (memory controller not enabled)\n" },
		{ -EACCES, "memory:     - (reading memory.numa_stat: Permission denied)\n" },
		{ -EINVAL, "memory:     - (memory.numa_stat is not as expected)\n" },
	};
	struct aisched_threads list = { NULL, 0 };
	struct show_memory memory = { 0 };
	struct aisched_tag tag;
	char *text;
	size_t i;

	fake_tag(&tag);
	place_tag(&tag, AISCHED_PLACEMENT_LOCAL, "1");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memory.err = cases[i].err;
		text = print_memory(&tag, &memory);
		EXPECT_STREQ(cases[i].line, text);
		free(text);
		text = print(show_print_json, &tag, &memory, &list);
		EXPECT_FALSE(strstr(text, "\"memory\"") != NULL) TH_LOG("%s", text);
		EXPECT_FALSE(strstr(text, "\"local_pct\"") != NULL);
		free(text);
	}
	aisched_tag_free(&tag);
}

/* PATH resolution, against a fake mount table. */
FIXTURE(paths) {
	char dir[64];
	char *mountinfo;
};

FIXTURE_SETUP(paths)
{
	char *text;

	strcpy(self->dir, "/tmp/aisched-path-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	/* Two cgroup2 mounts, the first without /jobs; a v1 one with it. */
	mkdir_in(self->dir, "v1");
	mkdir_in(self->dir, "v1/jobs");
	mkdir_in(self->dir, "v1/jobs/a");
	mkdir_in(self->dir, "empty v2");
	mkdir_in(self->dir, "v2");
	mkdir_in(self->dir, "v2/jobs");
	mkdir_in(self->dir, "v2/jobs/a");
	self->mountinfo = path_of(self->dir, "mountinfo");
	if (asprintf(&text,
		     "22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
		     "31 23 0:28 / %s/v1 rw,relatime shared:9 - cgroup cgroup rw,cpu\n"
		     "32 23 0:29 / %s/empty\\040v2 rw - cgroup2 cgroup2 rw\n"
		     "33 23 0:30 / %s/v2 rw,nosuid shared:4 master:1 - cgroup2 cgroup2 rw,nsdelegate\n",
		     self->dir, self->dir, self->dir) < 0)
		abort();
	write_file(self->mountinfo, text);
	free(text);
}

FIXTURE_TEARDOWN(paths)
{
	rm_tree(self->dir);
	free(self->mountinfo);
}

TEST_F(paths, cgroup_path_under_mount)
{
	char *got, *want;

	got = aisched_cgroup_path("/jobs/a", self->mountinfo);
	want = path_of(self->dir, "v2/jobs/a");
	EXPECT_STREQ(want, got);
	free(got);
	free(want);
}

TEST_F(paths, existing_absolute_path_is_kept)
{
	char *got;

	got = aisched_cgroup_path(self->dir, self->mountinfo);
	EXPECT_STREQ(self->dir, got);
	free(got);
	got = aisched_cgroup_path("/", self->mountinfo);
	EXPECT_STREQ("/", got);
	free(got);
}

TEST_F(paths, missing_path_is_sent_as_given)
{
	char *got;

	got = aisched_cgroup_path("/jobs/b", self->mountinfo);
	EXPECT_STREQ("/jobs/b", got);
	free(got);
	got = aisched_cgroup_path("/jobs/a", "/nonexistent/mountinfo");
	EXPECT_STREQ("/jobs/a", got);
	free(got);
}

TEST_F(paths, relative_path_is_made_absolute)
{
	char cwd[PATH_MAX], *got, *want;

	ASSERT_NE(NULL, getcwd(cwd, sizeof(cwd)));
	ASSERT_EQ(0, chdir(self->dir));
	got = aisched_cgroup_path("v2/jobs", self->mountinfo);
	want = path_of(self->dir, "v2/jobs");
	EXPECT_STREQ(want, got);
	free(got);
	free(want);
	/* Even one that does not exist: the kernel will say so. */
	got = aisched_cgroup_path("jobs/a", self->mountinfo);
	want = path_of(self->dir, "jobs/a");
	EXPECT_STREQ(want, got);
	free(got);
	free(want);
	ASSERT_EQ(0, chdir(cwd));
}

TEST_HARNESS_MAIN
