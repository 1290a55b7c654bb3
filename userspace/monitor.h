/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched monitor: argument parsing, event decoding and printing, kept
 * apart from the netlink I/O so that the unit tests can drive them.
 */

#ifndef AISCHED_MONITOR_H
#define AISCHED_MONITOR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/netlink.h>

#include "cpulist.h"

/**
 * struct monitor_opts - the command line of "aisched monitor"
 * @help: --help was given; nothing else is valid
 * @json: --json
 * @has_count: --count was given
 * @count: its value: exit after that many events
 */
struct monitor_opts {
	bool help;
	bool json;
	bool has_count;
	uint64_t count;
};

/**
 * struct aisched_event - one event, from the "event" attribute set
 * @type: AISCHED_A_EVENT_TYPE
 * @cgroup_id: AISCHED_A_EVENT_CGROUP_ID
 * @cgroup: AISCHED_A_EVENT_CGROUP, the path in the initial cgroup namespace
 * @has_class: AISCHED_A_EVENT_CLASS was sent (always for tag-added)
 * @class: its value
 * @has_task: the event is about a task: override, demotion, conflict
 * @pid: AISCHED_A_EVENT_PID, the thread
 * @tgid: AISCHED_A_EVENT_TGID, its process
 * @comm: AISCHED_A_EVENT_COMM
 * @reason: AISCHED_A_EVENT_REASON, for tag-removed
 * @override: AISCHED_A_EVENT_OVERRIDE, for override
 * @runtime_ms: AISCHED_A_EVENT_RUNTIME_MS, for demotion
 * @cpus: AISCHED_A_EVENT_CPUS, for conflict
 * @cpuset: AISCHED_A_EVENT_CPUSET, for conflict
 */
struct aisched_event {
	uint32_t type;
	uint64_t cgroup_id;
	char *cgroup;
	bool has_class;
	uint32_t class;
	bool has_task;
	uint32_t pid;
	uint32_t tgid;
	char *comm;
	uint32_t reason;
	uint32_t override;
	uint32_t runtime_ms;
	struct aisched_cpumask cpus;
	struct aisched_cpumask cpuset;
};

void monitor_usage(FILE *f);
int monitor_parse_args(int argc, char *argv[], struct monitor_opts *o);

int monitor_decode_event(struct nlmsghdr *nlh, struct aisched_event *ev);
void monitor_free_event(struct aisched_event *ev);
int monitor_print_event(FILE *f, const struct aisched_event *ev);
int monitor_print_event_json(FILE *f, const struct aisched_event *ev);

#endif /* AISCHED_MONITOR_H */
