/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched tag: argument parsing and the TAG_SET request, kept apart from
 * the netlink I/O so that the unit tests can drive them.
 */

#ifndef AISCHED_TAG_H
#define AISCHED_TAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/aisched.h>
#include <netlink/msg.h>

#include "cpulist.h"

/* The largest CPU a request can name: AISCHED_MAX_CPUS_LEN bytes of bits. */
#define AISCHED_MAX_CPU		(AISCHED_MAX_CPUS_LEN * 8 - 1)

/**
 * struct tag_opts - the command line of "aisched tag"
 * @help: --help was given; nothing else is valid
 * @json: --json
 * @path: PATH, as given
 * @class: --class (required), AISCHED_CLASS_*
 * @has_policy: --policy was given
 * @policy: its value, AISCHED_POLICY_*
 * @has_nice: --nice was given
 * @nice: its value, not range checked
 * @has_rt_prio: --rt-prio was given
 * @rt_prio: its value, not range checked
 * @has_rt_budget: --rt-budget-ms was given
 * @rt_budget_ms: its value, not range checked
 * @has_io_class: --ioprio was given
 * @io_class: its class, AISCHED_IO_CLASS_*
 * @has_io_level: --ioprio had a level
 * @io_level: the level, not range checked
 * @cpus: --cpus, empty (no words) if not given
 */
struct tag_opts {
	bool help;
	bool json;
	const char *path;
	uint32_t class;
	bool has_policy;
	uint32_t policy;
	bool has_nice;
	int32_t nice;
	bool has_rt_prio;
	uint32_t rt_prio;
	bool has_rt_budget;
	uint32_t rt_budget_ms;
	bool has_io_class;
	uint32_t io_class;
	bool has_io_level;
	uint32_t io_level;
	struct aisched_cpumask cpus;
};

extern const char *const tag_attr_options[AISCHED_A_TAG_MAX + 1];

void tag_usage(FILE *f);
int tag_parse_args(int argc, char *argv[], struct tag_opts *o);
void tag_opts_free(struct tag_opts *o);
int tag_put_request(struct nl_msg *msg, const struct tag_opts *o,
		    const char *path);

#endif /* AISCHED_TAG_H */
