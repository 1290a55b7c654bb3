/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SPANK plugin's rules, apart from Slurm: the admin's arguments in
 * plugstack.conf, the user's --aisched-* options, and whether a request
 * stays within what the admin allows. Pure, so that the unit tests and the
 * fuzzer drive them without a Slurm.
 */

#ifndef AISCHED_SLURM_POLICY_H
#define AISCHED_SLURM_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AISCHED_SPANK_GRES_CONF	"/etc/slurm/gres.conf"

/* The module never gives more (kernel/class.h): its runaway guard runs at
 * SCHED_FIFO 50. The module parameter rt_prio_max may allow less.
 */
#define AISCHED_SPANK_RT_PRIO_CAP	49

/* What happens to a step that asked for a class when the module is not
 * loaded.
 */
enum aisched_spank_missing {
	AISCHED_SPANK_MISSING_WARN,	/* one line on its stderr, runs untagged */
	AISCHED_SPANK_MISSING_FAIL,	/* the launch fails with one line */
};

/**
 * struct aisched_spank_conf - the admin's arguments in plugstack.conf
 * @default_class: the class of steps that ask for none, or -1 for none
 * @classes: bit N set: class N (AISCHED_CLASS_*) may be asked for
 * @max_rt_prio: the highest SCHED_FIFO priority a step may get; 0: none
 * @min_nice: the lowest nice value a step may get
 * @max_hugepages: the largest quota, in 2 MiB pages, a step may get
 * @io_rt: whether a step may get the realtime I/O class
 * @missing: what a missing module does
 * @gres_conf: the gres.conf to read GPU device files from
 */
struct aisched_spank_conf {
	int default_class;
	uint32_t classes;
	uint32_t max_rt_prio;
	int32_t min_nice;
	uint32_t max_hugepages;
	bool io_rt;
	enum aisched_spank_missing missing;
	char gres_conf[256];
};

/**
 * struct aisched_spank_req - what a step asked for, option by option
 * @class: AISCHED_CLASS_*, or -1 for none
 * @has_*: the option was given
 */
struct aisched_spank_req {
	int class;
	bool has_nice;
	int32_t nice;
	bool has_rt_prio;
	uint32_t rt_prio;
	bool has_io;
	uint32_t io_class;
	bool has_io_level;
	uint32_t io_level;
	bool has_placement;
	uint32_t placement;
	bool has_mem;
	uint32_t mem;
	bool has_hugepages;
	uint32_t hugepages;
};

/* The options, in the order they are registered; their callbacks' val. */
enum aisched_spank_opt {
	AISCHED_SPANK_OPT_CLASS,
	AISCHED_SPANK_OPT_NICE,
	AISCHED_SPANK_OPT_RT_PRIO,
	AISCHED_SPANK_OPT_IOPRIO,
	AISCHED_SPANK_OPT_PLACEMENT,
	AISCHED_SPANK_OPT_MEM,
	AISCHED_SPANK_OPT_HUGEPAGES,
	AISCHED_SPANK_NR_OPTS,
};

/**
 * struct aisched_spank_optdef - one --aisched-* option
 * @name: without the leading dashes
 * @arginfo: its value, in one word
 * @usage: one line of srun --help
 */
struct aisched_spank_optdef {
	const char *name;
	const char *arginfo;
	const char *usage;
};

extern const struct aisched_spank_optdef aisched_spank_opts[AISCHED_SPANK_NR_OPTS];

void aisched_spank_conf_init(struct aisched_spank_conf *c);
int aisched_spank_conf_parse(struct aisched_spank_conf *c, int ac,
			     char *const av[], char *err, size_t errlen);
void aisched_spank_req_init(struct aisched_spank_req *r);
int aisched_spank_req_set(struct aisched_spank_req *r, int opt,
			  const char *val, char *err, size_t errlen);
int aisched_spank_req_check(const struct aisched_spank_conf *c,
			    struct aisched_spank_req *r, char *err,
			    size_t errlen);
int aisched_spank_tag_argv(const struct aisched_spank_req *r,
			   const char *path, char *const gpus[], size_t nr_gpus,
			   char ***argv, int *argc);
void aisched_spank_argv_free(char **argv, int argc);
int aisched_spank_step_cgroup(const char *proc_cgroup, char *out, size_t size);

#endif /* AISCHED_SLURM_POLICY_H */
