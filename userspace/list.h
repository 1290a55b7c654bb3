/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched list: argument parsing, kept apart from the netlink I/O so that
 * the unit tests can drive it. The printing is in tags.h.
 */

#ifndef AISCHED_LIST_H
#define AISCHED_LIST_H

#include <stdbool.h>
#include <stdio.h>

/**
 * struct list_opts - the command line of "aisched list"
 * @help: --help was given; nothing else is valid
 * @json: --json
 * @path: PATH, or NULL for every tag
 */
struct list_opts {
	bool help;
	bool json;
	const char *path;
};

void list_usage(FILE *f);
int list_parse_args(int argc, char *argv[], struct list_opts *o);

#endif /* AISCHED_LIST_H */
