/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The aisched tool: version and subcommands.
 */

#ifndef AISCHED_H
#define AISCHED_H

#include <stdio.h>

#define AISCHED_TOOL_VERSION	"0.1.0"

/*
 * Where the commands print: stdout and stderr, unless a caller that runs
 * them as a library (the SPANK plugin, in slurmstepd) gives the calling
 * thread streams of its own with aisched_streams_set().
 */
extern __thread FILE *aisched_out_stream;
extern __thread FILE *aisched_err_stream;
#define aisched_out	(aisched_out_stream ? aisched_out_stream : stdout)
#define aisched_err	(aisched_err_stream ? aisched_err_stream : stderr)
void aisched_streams_set(FILE *out, FILE *err);

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif

/* Exit statuses. */
#define AISCHED_EXIT_OK		0
#define AISCHED_EXIT_FAIL	1
#define AISCHED_EXIT_USAGE	2

/* The entry point of a subcommand: argv[0] is the subcommand's name. */
typedef int aisched_subcommand_fn(int argc, char *argv[]);

int aisched_main(int argc, char *argv[]);
aisched_subcommand_fn *aisched_subcommand(const char *name);

/* One per subcommand, each in its own file. */
int info_main(int argc, char *argv[]);
int gpus_main(int argc, char *argv[]);
int pool_main(int argc, char *argv[]);
int tag_main(int argc, char *argv[]);
int untag_main(int argc, char *argv[]);
int list_main(int argc, char *argv[]);
int show_main(int argc, char *argv[]);
int monitor_main(int argc, char *argv[]);

#endif /* AISCHED_H */
