// SPDX-License-Identifier: GPL-2.0
/*
 * aisched show PATH [--json]
 *
 * AISCHED_CMD_TAG_GET for the tag of PATH, then the cgroup's memory per
 * NUMA node (memory.numa_stat) and the share of it on the tag's target
 * nodes, then every thread of the cgroup and of the cgroups below it
 * (cgroup.threads of each directory), each with the scheduling policy, CPU
 * affinity and I/O priority the kernel reports for it now: what the tag
 * applied, or what the thread chose instead.
 */

#define _GNU_SOURCE	/* sched_getaffinity(), CPU_ALLOC(), SCHED_BATCH */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/aisched.h>
#include <netlink/attr.h>

#include "aisched.h"
#include "cgroup.h"
#include "names.h"
#include "nl.h"
#include "parse.h"
#include "print.h"
#include "sched_attr.h"
#include "show.h"

#define IOPRIO_WHO_PROCESS	1
#define IOPRIO_CLASS_SHIFT	13
#define IOPRIO_DATA_MASK	((1u << IOPRIO_CLASS_SHIFT) - 1)

/**
 * show_usage() - print the usage of "aisched show"
 * @f: stdout for --help, stderr after a usage error
 */
void show_usage(FILE *f)
{
	fputs("Usage: aisched show PATH [--json]\n"
	      "\n"
	      "Shows the tag of the cgroup v2 directory PATH (or of the cgroup path PATH,\n"
	      "as list shows it), the cgroup's memory on each NUMA node and the share of\n"
	      "it on the tag's target nodes, then every thread of that cgroup and of the\n"
	      "cgroups below it with its scheduling policy, CPU affinity and I/O priority.\n"
	      "\n"
	      "Options:\n"
	      "  -j, --json  print one JSON object on one line\n"
	      "  -h, --help  show this help\n", f);
}

/**
 * show_parse_args() - parse the command line of "aisched show"
 * @argc: argument count
 * @argv: arguments, argv[0] being "show"
 * @o: filled in
 *
 * On a usage error, prints why and the usage to stderr. Never exits.
 *
 * Return: 0, also for --help (@o->help is set), or 2 (bad usage).
 */
int show_parse_args(int argc, char *argv[], struct show_opts *o)
{
	struct aisched_path_opts p;
	int ret;

	ret = aisched_parse_path_json(argc, argv, "show", show_usage, &p);
	o->help = p.help;
	o->json = p.json;
	o->path = p.path;
	if (ret || o->help || o->path)
		return ret;
	fputs("aisched: show: missing the cgroup PATH\n", aisched_err);
	show_usage(aisched_err);
	return AISCHED_EXIT_USAGE;
}

/* A thread that is gone reads as ENOENT in /proc and ESRCH in syscalls. */
static int gone(int err)
{
	return err == ENOENT || err == ESRCH ? -ESRCH : -err;
}

/* The first line of /proc/TID/NAME, without its newline. */
static int read_proc(pid_t tid, const char *name, char *buf, size_t size)
{
	char path[64];
	ssize_t len;
	int fd, err;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)tid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return gone(errno);
	len = read(fd, buf, size - 1);
	err = errno;
	close(fd);
	if (len < 0)
		return gone(err);
	buf[len] = '\0';
	return 0;
}

static int read_tgid(pid_t tid, pid_t *pid)
{
	char buf[4096], *p;
	int ret;

	ret = read_proc(tid, "status", buf, sizeof(buf));
	if (ret)
		return ret;
	p = strstr(buf, "\nTgid:");
	if (!p)
		return -EIO;
	*pid = strtol(p + 6, NULL, 10);
	return 0;
}

static int read_affinity(pid_t tid, struct aisched_cpumask *mask)
{
	size_t ncpus = 1024, size, cpu;
	cpu_set_t *set;
	int err;

	for (;;) {
		set = CPU_ALLOC(ncpus);
		if (!set)
			return -ENOMEM;
		size = CPU_ALLOC_SIZE(ncpus);
		if (!sched_getaffinity(tid, size, set))
			break;
		err = errno;
		CPU_FREE(set);
		if (err != EINVAL || ncpus >= (1u << 20))
			return gone(err);
		ncpus *= 2;
	}
	for (cpu = 0; cpu < size * 8; cpu++) {
		if (CPU_ISSET_S(cpu, size, set) && aisched_cpumask_set(mask, cpu)) {
			CPU_FREE(set);
			return -ENOMEM;
		}
	}
	CPU_FREE(set);
	return 0;
}

/**
 * show_read_thread() - read what the kernel says about a thread
 * @tid: the thread
 * @t: filled in; free with show_free_thread() whatever the result. The
 *	cgroup is left NULL, for the caller to set.
 *
 * Return: 0, -ESRCH if the thread is gone, or another negative errno.
 */
int show_read_thread(pid_t tid, struct aisched_thread *t)
{
	struct aisched_sched_attr attr;
	char comm[64];
	long ioprio;
	int ret;

	memset(t, 0, sizeof(*t));
	t->tid = tid;
	ret = read_tgid(tid, &t->pid);
	ret = ret ?: read_proc(tid, "comm", comm, sizeof(comm));
	if (ret)
		return ret;
	comm[strcspn(comm, "\n")] = '\0';
	t->comm = strdup(comm);
	if (!t->comm)
		return -ENOMEM;

	memset(&attr, 0, sizeof(attr));
	if (syscall(SYS_sched_getattr, tid, &attr, sizeof(attr), 0))
		return gone(errno);
	t->policy = attr.sched_policy;
	t->nice = attr.sched_nice;
	t->rt_prio = attr.sched_priority;

	ret = read_affinity(tid, &t->cpus);
	if (ret)
		return ret;

	ioprio = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, tid);
	if (ioprio < 0)
		return gone(errno);
	t->io_class = ioprio >> IOPRIO_CLASS_SHIFT;
	t->io_level = ioprio & IOPRIO_DATA_MASK;
	return 0;
}

/**
 * show_free_thread() - free what show_read_thread() allocated
 * @t: the thread; it is left empty
 */
void show_free_thread(struct aisched_thread *t)
{
	free(t->comm);
	free(t->cgroup);
	aisched_cpumask_free(&t->cpus);
	memset(t, 0, sizeof(*t));
}

/**
 * show_free_threads() - free a list of threads
 * @list: the list; it is left empty
 */
void show_free_threads(struct aisched_threads *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++)
		show_free_thread(&list->threads[i]);
	free(list->threads);
	list->threads = NULL;
	list->nr = 0;
}

static int cmp_threads(const void *a, const void *b)
{
	const struct aisched_thread *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *path_join(const char *a, const char *b)
{
	char *s = malloc(strlen(a) + strlen(b) + 2);

	if (s)
		sprintf(s, "%s/%s", a, b);
	return s;
}

static int add_thread(struct aisched_threads *list, pid_t tid, const char *rel)
{
	struct aisched_thread t, *threads;
	int ret;

	ret = show_read_thread(tid, &t);
	if (!ret) {
		t.cgroup = strdup(rel[0] ? rel : ".");
		if (!t.cgroup)
			ret = -ENOMEM;
	}
	if (!ret) {
		threads = realloc(list->threads, (list->nr + 1) * sizeof(*threads));
		if (threads) {
			list->threads = threads;
			list->threads[list->nr++] = t;
			return 0;
		}
		ret = -ENOMEM;
	}
	show_free_thread(&t);
	if (ret == -ESRCH)
		return 0;	/* it exited while being read */
	if (ret == -ENOMEM)
		fputs("aisched: out of memory\n", aisched_err);
	else
		fprintf(aisched_err, "aisched: reading thread %d: %s\n", (int)tid,
			strerror(-ret));
	return ret;
}

/* The threads of one cgroup, sorted by process then thread. */
static int read_cgroup_threads(const char *dir, const char *rel,
			       struct aisched_threads *list, bool top)
{
	size_t first = list->nr;
	char *path, *line = NULL;
	size_t size = 0;
	long tid;
	FILE *f;
	int ret = 0;

	path = path_join(dir, "cgroup.threads");
	if (!path) {
		fputs("aisched: out of memory\n", aisched_err);
		return -ENOMEM;
	}
	f = fopen(path, "re");
	if (!f) {
		ret = -errno;
		/* A cgroup below may be removed while it is read. */
		if (!top && (ret == -ENOENT || ret == -ENODEV))
			ret = 0;
		else
			fprintf(aisched_err, "aisched: reading %s: %s\n", path,
				strerror(-ret));
		free(path);
		return ret;
	}
	while (!ret && getline(&line, &size, f) > 0) {
		tid = strtol(line, NULL, 10);
		if (tid > 0)
			ret = add_thread(list, tid, rel);
	}
	free(line);
	fclose(f);
	free(path);
	if (!ret && list->nr - first > 1)
		qsort(list->threads + first, list->nr - first,
		      sizeof(*list->threads), cmp_threads);
	return ret;
}

static void free_names(char **names, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
}

/* The subdirectories of a directory, sorted by name. */
static int read_subdirs(const char *dir, char ***names, size_t *nr, bool top)
{
	struct dirent *de;
	struct stat st;
	char **n;
	DIR *d;
	int err;

	*names = NULL;
	*nr = 0;
	d = opendir(dir);
	if (!d) {
		err = errno;
		if (!top && (err == ENOENT || err == ENODEV))
			return 0;
		fprintf(aisched_err, "aisched: reading %s: %s\n", dir, strerror(err));
		return -err;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (de->d_type == DT_UNKNOWN) {
			if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
			    !S_ISDIR(st.st_mode))
				continue;
		} else if (de->d_type != DT_DIR) {
			continue;
		}
		n = realloc(*names, (*nr + 1) * sizeof(*n));
		if (!n)
			goto err_nomem;
		*names = n;
		n[*nr] = strdup(de->d_name);
		if (!n[*nr])
			goto err_nomem;
		(*nr)++;
	}
	closedir(d);
	if (*nr > 1)
		qsort(*names, *nr, sizeof(**names), cmp_names);
	return 0;

err_nomem:
	closedir(d);
	free_names(*names, *nr);
	*names = NULL;
	*nr = 0;
	fputs("aisched: out of memory\n", aisched_err);
	return -ENOMEM;
}

static int read_tree(const char *dir, const char *rel,
		     struct aisched_threads *list, bool top)
{
	char **names, *sub, *subrel;
	size_t i, nr;
	int ret;

	ret = read_cgroup_threads(dir, rel, list, top);
	ret = ret ?: read_subdirs(dir, &names, &nr, top);
	if (ret)
		return ret;
	for (i = 0; !ret && i < nr; i++) {
		sub = path_join(dir, names[i]);
		subrel = rel[0] ? path_join(rel, names[i]) : strdup(names[i]);
		if (sub && subrel) {
			ret = read_tree(sub, subrel, list, false);
		} else {
			fputs("aisched: out of memory\n", aisched_err);
			ret = -ENOMEM;
		}
		free(sub);
		free(subrel);
	}
	free_names(names, nr);
	return ret;
}

/**
 * show_read_threads() - read the threads of a cgroup subtree
 * @dir: the cgroup v2 directory
 * @list: filled in; free with show_free_threads() whatever the result
 *
 * Reads cgroup.threads of @dir and of each directory below it, depth
 * first, subdirectories by name; the threads of each cgroup come sorted by
 * process, then thread. A thread that exits, or a cgroup below @dir that
 * is removed, while being read is left out.
 *
 * Return: 0, or a negative errno having printed why.
 */
int show_read_threads(const char *dir, struct aisched_threads *list)
{
	list->threads = NULL;
	list->nr = 0;
	return read_tree(dir, "", list, true);
}

enum {
	COL_TID, COL_PID, COL_CGROUP, COL_POLICY, COL_CPUS, COL_IOPRIO,
	COL_COMM, NR_COLS
};

static const char *const thread_header[NR_COLS] = {
	"tid", "pid", "cgroup", "policy", "cpus", "ioprio", "comm",
};

static const bool thread_right[NR_COLS] = {
	[COL_TID] = true, [COL_PID] = true,
};

static int thread_row(struct aisched_table *table, const struct aisched_thread *t)
{
	char tid[16], pid[16], policy[2 * AISCHED_NAME_MAX];
	char ioprio[2 * AISCHED_NAME_MAX];
	char *cgroup, *comm, *cpus;
	const char *row[NR_COLS];
	int ret = -ENOMEM;

	snprintf(tid, sizeof(tid), "%d", (int)t->tid);
	snprintf(pid, sizeof(pid), "%d", (int)t->pid);
	aisched_sched_policy_format(policy, sizeof(policy), t->policy, t->nice,
				    t->rt_prio);
	aisched_ioprio_format(ioprio, sizeof(ioprio), t->io_class, t->io_level);
	cgroup = aisched_escape(t->cgroup);
	comm = aisched_escape(t->comm);
	cpus = aisched_cpulist_alloc(&t->cpus);
	if (cgroup && comm && cpus) {
		row[COL_TID] = tid;
		row[COL_PID] = pid;
		row[COL_CGROUP] = cgroup;
		row[COL_POLICY] = policy;
		row[COL_CPUS] = cpus;
		row[COL_IOPRIO] = ioprio;
		row[COL_COMM] = comm;
		ret = aisched_table_add(table, row);
	}
	free(cgroup);
	free(comm);
	free(cpus);
	return ret;
}

/* Why the memory could not be read, in the words of the report. */
static void print_memory_error(FILE *f, int err)
{
	if (err == -ENOENT)
		fputs("memory:     - (memory controller not enabled)\n", f);
	else if (err == -EINVAL)
		fputs("memory:     - (memory.numa_stat is not as expected)\n", f);
	else
		fprintf(f, "memory:     - (reading memory.numa_stat: %s)\n",
			strerror(-err));
}

/**
 * show_print_memory() - print the locality report for people
 * @f: where to
 * @tag: the tag
 * @memory: the cgroup's memory per node
 *
 * Prints "memory:" and, for each node, "node<N> <MiB> MiB" to one decimal,
 * separated by commas; then, for a tag whose placement is not none,
 * "local:" and the share of that memory on its target nodes, in percent
 * to one decimal ("-" if the cgroup has no memory), and the target nodes.
 * If the memory could not be read, only "memory:     - (<why>)": the
 * memory controller not enabled for the cgroup (no memory.numa_stat), or
 * the error.
 *
 * Return: 0 or -ENOMEM.
 */
int show_print_memory(FILE *f, const struct aisched_tag *tag,
		      const struct show_memory *memory)
{
	const struct aisched_numa_mem *mem = &memory->mem;
	uint64_t total;
	char *target;
	size_t i;

	if (memory->err) {
		print_memory_error(f, memory->err);
		return 0;
	}
	fputs("memory:     ", f);
	for (i = 0; i < mem->nr; i++)
		fprintf(f, "%snode%u %.1f MiB", i ? ", " : "", mem->nodes[i].node,
			(double)mem->nodes[i].bytes / (1 << 20));
	fputs(mem->nr ? "\n" : "-\n", f);
	if (!aisched_tag_is_placed(tag))
		return 0;

	target = aisched_cpulist_alloc(&tag->target_nodes);
	if (!target)
		return -ENOMEM;
	total = aisched_numa_mem_total(mem);
	if (total)
		fprintf(f, "local:      %.1f%% on nodes %s\n",
			100.0 * aisched_numa_mem_on(mem, &tag->target_nodes) / total,
			target[0] ? target : "-");
	else
		fprintf(f, "local:      - on nodes %s\n", target[0] ? target : "-");
	free(target);
	return 0;
}

/**
 * show_print() - print a tag, its memory and its threads for people
 * @f: where to
 * @tag: the tag
 * @memory: the cgroup's memory per node
 * @list: the threads
 *
 * The tag as aisched_tag_print() prints it, with the locality report of
 * show_print_memory() between its settings and its counters, an empty
 * line, then a table of the threads: tid,
 * pid, cgroup (relative to the tag's: "." for its own), policy, cpus,
 * ioprio and comm, last since it may hold anything; or "no threads".
 *
 * Return: 0 or -ENOMEM.
 */
int show_print(FILE *f, const struct aisched_tag *tag,
	       const struct show_memory *memory,
	       const struct aisched_threads *list)
{
	struct aisched_table table;
	size_t i;
	int ret;

	ret = aisched_tag_print_settings(f, tag);
	ret = ret ?: show_print_memory(f, tag, memory);
	if (ret)
		return ret;
	aisched_tag_print_counters(f, tag);
	fputc('\n', f);
	if (!list->nr) {
		fputs("no threads\n", f);
		return 0;
	}
	ret = aisched_table_init(&table, NR_COLS, thread_header, thread_right);
	for (i = 0; !ret && i < list->nr; i++)
		ret = thread_row(&table, &list->threads[i]);
	ret = ret ?: aisched_table_print(f, &table);
	aisched_table_free(&table);
	return ret;
}

static struct json_object *thread_json(const struct aisched_thread *t)
{
	char num[AISCHED_NAME_MAX];
	struct json_object *obj;
	char *cpus;
	int ret;

	obj = json_object_new_object();
	cpus = aisched_cpulist_alloc(&t->cpus);
	if (!obj || !cpus)
		goto err;
	ret = aisched_json_add(obj, "tid", json_object_new_int(t->tid));
	ret = ret ?: aisched_json_add(obj, "pid", json_object_new_int(t->pid));
	ret = ret ?: aisched_json_add_str(obj, "comm", t->comm);
	ret = ret ?: aisched_json_add_str(obj, "cgroup", t->cgroup);
	ret = ret ?: aisched_json_add_str(obj, "policy",
					  aisched_name(&aisched_sched_policy_names,
						       t->policy, num));
	switch (t->policy) {
	case SCHED_OTHER:
	case SCHED_BATCH:
		ret = ret ?: aisched_json_add(obj, "nice", json_object_new_int(t->nice));
		break;
	case SCHED_FIFO:
	case SCHED_RR:
		ret = ret ?: aisched_json_add(obj, "rt_prio",
					      json_object_new_uint64(t->rt_prio));
		break;
	}
	ret = ret ?: aisched_json_add_str(obj, "cpus", cpus);
	ret = ret ?: aisched_json_add_str(obj, "io_class",
					  aisched_name(&aisched_io_class_names,
						       t->io_class, num));
	ret = ret ?: aisched_json_add(obj, "io_level",
				      json_object_new_uint64(t->io_level));
	if (ret)
		goto err;
	free(cpus);
	return obj;

err:
	free(cpus);
	json_object_put(obj);
	return NULL;
}

/* The memory object of show --json: {"node0": bytes, ...}. */
static struct json_object *memory_json(const struct aisched_numa_mem *mem)
{
	struct json_object *obj;
	char key[24];
	size_t i;

	obj = json_object_new_object();
	for (i = 0; obj && i < mem->nr; i++) {
		snprintf(key, sizeof(key), "node%u", mem->nodes[i].node);
		if (aisched_json_add(obj, key,
				     json_object_new_uint64(mem->nodes[i].bytes))) {
			json_object_put(obj);
			return NULL;
		}
	}
	return obj;
}

/* The share of memory on the target nodes, to one decimal: 97.7. */
static struct json_object *local_pct_json(const struct aisched_tag *tag,
					  const struct aisched_numa_mem *mem)
{
	char text[16];
	double pct;

	pct = 100.0 * aisched_numa_mem_on(mem, &tag->target_nodes) /
	      aisched_numa_mem_total(mem);
	snprintf(text, sizeof(text), "%.1f", pct);
	return json_object_new_double_s(strtod(text, NULL), text);
}

static int add_memory_json(struct json_object *obj, const struct aisched_tag *tag,
			   const struct show_memory *memory)
{
	int ret;

	if (memory->err)
		return 0;
	ret = aisched_json_add(obj, "memory", memory_json(&memory->mem));
	if (!ret && aisched_tag_is_placed(tag) &&
	    aisched_numa_mem_total(&memory->mem))
		ret = aisched_json_add(obj, "local_pct",
				       local_pct_json(tag, &memory->mem));
	return ret;
}

/**
 * show_print_json() - print a tag, its memory and its threads as one JSON
 *	object
 * @f: where to
 * @tag: the tag
 * @memory: the cgroup's memory per node
 * @list: the threads
 *
 * Keys: tag (the object of aisched_tag_json()); memory (an object with a
 * key node<N> per node, its bytes of anon and file memory; absent if
 * memory.numa_stat could not be read); local_pct (the percentage of that
 * memory on the tag's target nodes, a number to one decimal; absent for
 * placement none, for no memory, or for none read); threads (array of
 * objects with tid, pid (numbers), comm, cgroup, policy (strings), nice
 * (number, normal and batch only), rt_prio (number, fifo and rr only),
 * cpus, io_class (strings), io_level (number)).
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int show_print_json(FILE *f, const struct aisched_tag *tag,
		    const struct show_memory *memory,
		    const struct aisched_threads *list)
{
	struct json_object *obj, *threads = NULL, *t;
	size_t i;
	int ret;

	obj = json_object_new_object();
	if (!obj)
		return -ENOMEM;
	ret = aisched_json_add(obj, "tag", aisched_tag_json(tag));
	ret = ret ?: add_memory_json(obj, tag, memory);
	if (!ret) {
		threads = json_object_new_array();
		ret = aisched_json_add(obj, "threads", threads);
	}
	for (i = 0; !ret && i < list->nr; i++) {
		t = thread_json(&list->threads[i]);
		if (!t || json_object_array_add(threads, t)) {
			json_object_put(t);
			ret = -ENOMEM;
		}
	}
	ret = ret ?: aisched_json_print(f, obj);
	json_object_put(obj);
	return ret;
}

static int show(struct aisched_nl *nl, const struct show_opts *o,
		const char *path)
{
	struct show_memory memory = { 0 };
	struct aisched_threads threads = { NULL, 0 };
	struct aisched_reply_list reply = AISCHED_REPLY_LIST(&aisched_tag_reply);
	const struct aisched_tag *tag;
	struct nl_msg *msg;
	char *what;
	int ret;

	what = aisched_what("getting the tag of", path);
	if (!what)
		return -ENOMEM;
	ret = -ENOMEM;
	msg = aisched_nl_msg(nl, AISCHED_CMD_TAG_GET, 0);
	if (!msg)
		goto out;
	if (nla_put_string(msg, AISCHED_A_TAG_PATH, path)) {
		nlmsg_free(msg);
		fprintf(aisched_err, "aisched: %s: the request does not fit a message\n",
			what);
		ret = -EMSGSIZE;
		goto out;
	}
	ret = aisched_request_one(nl, msg, &reply, what);
	tag = reply.items;
	if (!ret) {
		/* Without it, the report says why; show goes on. */
		memory.err = aisched_numa_stat_read(path, &memory.mem);
		if (memory.err == -ENOMEM) {
			fputs("aisched: out of memory\n", aisched_err);
			ret = -ENOMEM;
		}
	}
	ret = ret ?: show_read_threads(path, &threads);
	if (!ret) {
		ret = o->json ? show_print_json(aisched_out, tag, &memory, &threads)
			      : show_print(aisched_out, tag, &memory, &threads);
		aisched_print_checked(ret);
	}
	show_free_threads(&threads);
	aisched_numa_mem_free(&memory.mem);
	aisched_reply_list_free(&reply);
out:
	free(what);
	return ret;
}

/**
 * show_main() - "aisched show"
 * @argc: argument count
 * @argv: arguments, argv[0] being "show"
 *
 * Return: the exit status.
 */
int show_main(int argc, char *argv[])
{
	struct aisched_nl *nl;
	struct show_opts o;
	char *path;
	int ret;

	ret = show_parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		show_usage(aisched_out);
		return AISCHED_EXIT_OK;
	}

	path = aisched_cgroup_path(o.path, AISCHED_MOUNTINFO);
	if (!path)
		return AISCHED_EXIT_FAIL;
	ret = AISCHED_EXIT_FAIL;
	nl = aisched_nl_open();
	if (nl) {
		if (!show(nl, &o, path))
			ret = AISCHED_EXIT_OK;
		aisched_nl_close(nl);
	}
	free(path);
	return ret;
}
