/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched show: argument parsing, the reading of a cgroup subtree's threads
 * and the printing, kept apart from the netlink I/O so that the unit tests
 * can drive them.
 */

#ifndef AISCHED_SHOW_H
#define AISCHED_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "cpulist.h"
#include "numastat.h"
#include "tags.h"

/**
 * struct show_opts - the command line of "aisched show"
 * @help: --help was given; nothing else is valid
 * @json: --json
 * @path: PATH, as given
 */
struct show_opts {
	bool help;
	bool json;
	const char *path;
};

/**
 * struct aisched_thread - one thread, as the kernel reports it to anyone
 * @tid: its id
 * @pid: its process's id (Tgid in /proc/TID/status)
 * @comm: its name (/proc/TID/comm)
 * @cgroup: its cgroup, relative to the directory shown: "." for that one,
 *	"a/b" below it
 * @policy: SCHED_* (sched_getattr())
 * @nice: its nice value
 * @rt_prio: its real-time priority
 * @cpus: its CPU affinity (sched_getaffinity())
 * @io_class: its I/O priority class (ioprio_get(IOPRIO_WHO_PROCESS))
 * @io_level: the data of its I/O priority: the level, for rt and be
 */
struct aisched_thread {
	pid_t tid;
	pid_t pid;
	char *comm;
	char *cgroup;
	uint32_t policy;
	int nice;
	unsigned int rt_prio;
	struct aisched_cpumask cpus;
	uint32_t io_class;
	uint32_t io_level;
};

/**
 * struct aisched_threads - threads, in the order show prints them
 * @threads: the threads
 * @nr: how many
 */
struct aisched_threads {
	struct aisched_thread *threads;
	size_t nr;
};

/**
 * struct show_memory - the cgroup's memory, for the locality report
 * @err: 0 if @mem holds it, else the negative errno of reading it (see
 *	aisched_numa_stat_read())
 * @mem: its memory per node
 */
struct show_memory {
	int err;
	struct aisched_numa_mem mem;
};

void show_usage(FILE *f);
int show_parse_args(int argc, char *argv[], struct show_opts *o);

int show_read_thread(pid_t tid, struct aisched_thread *t);
void show_free_thread(struct aisched_thread *t);
int show_read_threads(const char *dir, struct aisched_threads *list);
void show_free_threads(struct aisched_threads *list);

int show_print_memory(FILE *f, const struct aisched_tag *tag,
		      const struct show_memory *memory);
int show_print(FILE *f, const struct aisched_tag *tag,
	       const struct show_memory *memory,
	       const struct aisched_threads *list);
int show_print_json(FILE *f, const struct aisched_tag *tag,
		    const struct show_memory *memory,
		    const struct aisched_threads *list);

#endif /* AISCHED_SHOW_H */
