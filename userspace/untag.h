/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched untag: argument parsing, kept apart from the netlink I/O so that
 * the unit tests can drive it.
 */

#ifndef AISCHED_UNTAG_H
#define AISCHED_UNTAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/**
 * struct untag_opts - the command line of "aisched untag"
 * @help: --help was given; nothing else is valid
 * @path: PATH, or NULL if --id was given
 * @has_id: --id was given
 * @id: its value, a cgroup id
 */
struct untag_opts {
	bool help;
	const char *path;
	bool has_id;
	uint64_t id;
};

void untag_usage(FILE *f);
int untag_parse_args(int argc, char *argv[], struct untag_opts *o);

#endif /* AISCHED_UNTAG_H */
