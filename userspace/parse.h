/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsing of command lines and command-line values, shared by the
 * subcommands. Nothing here exits: errors are printed and returned.
 */

#ifndef AISCHED_PARSE_H
#define AISCHED_PARSE_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

void aisched_getopt_reset(void);
int aisched_getopt(int argc, char *argv[], const char *shortopts,
		   const struct option *longopts, const char *cmd);
int aisched_parse_u32(const char *s, uint32_t max, uint32_t *out);
int aisched_parse_u64(const char *s, uint64_t *out);
int aisched_parse_s32(const char *s, int32_t *out);
/**
 * struct aisched_path_opts - a command line of the form [PATH] [--json]
 * @help: --help was given; nothing else is valid
 * @json: --json
 * @path: PATH, or NULL if none was given
 */
struct aisched_path_opts {
	bool help;
	bool json;
	const char *path;
};

int aisched_parse_path_json(int argc, char *argv[], const char *cmd,
			    void (*usage)(FILE *f), struct aisched_path_opts *o);
int aisched_parse_gpu(const char *s, uint32_t *index);
int aisched_parse_ioprio(const char *s, uint32_t *io_class, bool *has_level,
			 uint32_t *level);

#endif /* AISCHED_PARSE_H */
