// SPDX-License-Identifier: GPL-2.0
/*
 * The SPANK plugin's rules, apart from Slurm.
 *
 * The plugin runs as root in slurmstepd on a user's request, so it never
 * hands a step more than plugstack.conf allows: which classes, the highest
 * real-time priority, the lowest nice value, the realtime I/O class, the
 * largest huge-page quota. The defaults allow every class, no real-time
 * priority, no negative nice value, no realtime I/O and no quota. A
 * request beyond a limit is refused with a message that names the limit,
 * at submission (srun, sbatch and salloc call the options' callbacks) and
 * again in slurmstepd, where the options arrive through the environment
 * and could have been set by hand.
 *
 * A class's own values count: inference is nice -10 (classes.rst), so it
 * needs min_nice=-10, or --aisched-nice=0 from the user. The table below
 * holds what each class gives that a limit covers.
 */

#define _GNU_SOURCE	/* asprintf, strndup */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/aisched.h>

#include "errbuf.h"
#include "names.h"
#include "parse.h"
#include "policy.h"

const struct aisched_spank_optdef aisched_spank_opts[AISCHED_SPANK_NR_OPTS] = {
	[AISCHED_SPANK_OPT_CLASS] = {
		"aisched-class", "class",
		"aisched: run the step under this class: training, inference, dataloader or background",
	},
	[AISCHED_SPANK_OPT_NICE] = {
		"aisched-nice", "n",
		"aisched: the nice value of the step's class, -20 to 19",
	},
	[AISCHED_SPANK_OPT_RT_PRIO] = {
		"aisched-rt-prio", "n",
		"aisched: SCHED_FIFO at this priority, under the runaway guard",
	},
	[AISCHED_SPANK_OPT_IOPRIO] = {
		"aisched-ioprio", "class[:level]",
		"aisched: the I/O priority: rt, be, idle or none, level 0-7",
	},
	[AISCHED_SPANK_OPT_PLACEMENT] = {
		"aisched-placement", "mode",
		"aisched: near the step's GPUs: local, spread, prefer or none",
	},
	[AISCHED_SPANK_OPT_MEM] = {
		"aisched-mem", "mode",
		"aisched: the step's memory on its GPUs' nodes: preferred or strict",
	},
	[AISCHED_SPANK_OPT_HUGEPAGES] = {
		"aisched-hugepages", "n",
		"aisched: a quota of n 2 MiB pages of the huge-page pool",
	},
};

/* What each class gives that a limit covers (classes.rst). */
static const int32_t class_nice[] = {
	[AISCHED_CLASS_TRAINING] = 0,
	[AISCHED_CLASS_INFERENCE] = -10,
	[AISCHED_CLASS_DATALOADER] = 0,
	[AISCHED_CLASS_BACKGROUND] = 0,
};

#define ALL_CLASSES	((1u << (AISCHED_CLASS_BACKGROUND + 1)) - 1)

static const char *class_name(uint32_t class)
{
	return class < aisched_class_names.nr ? aisched_class_names.names[class] : "?";
}

/* "training, inference, dataloader or background", of the classes in @mask. */
static void class_list(char *buf, size_t size, uint32_t mask)
{
	uint32_t c, n = 0, total = 0;
	size_t len = 0;

	for (c = 0; c < aisched_class_names.nr; c++)
		total += !!(mask & (1u << c));
	buf[0] = '\0';
	for (c = 0; c < aisched_class_names.nr && len < size; c++) {
		if (!(mask & (1u << c)))
			continue;
		n++;
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					n == 1 ? "" : n == total ? " or " : ", ",
					class_name(c));
	}
	if (!total)
		snprintf(buf, size, "none");
}

/**
 * aisched_spank_conf_init() - the defaults of plugstack.conf's arguments
 * @c: set to them
 */
void aisched_spank_conf_init(struct aisched_spank_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->default_class = -1;
	c->classes = ALL_CLASSES;
	c->missing = AISCHED_SPANK_MISSING_WARN;
	snprintf(c->gres_conf, sizeof(c->gres_conf), "%s", AISCHED_SPANK_GRES_CONF);
}

static int conf_u32(const char *arg, const char *val, uint32_t max,
		    uint32_t *out, char *err, size_t errlen)
{
	if (aisched_parse_u32(val, max, out))
		return aisched_errbuf(err, errlen, -EINVAL, "plugstack.conf: %s: '%s' is not a number from 0 to %u",
				      arg, val, max);
	return 0;
}

/* A comma-separated list of class names, into a mask. */
static int conf_classes(const char *val, uint32_t *mask, char *err,
			size_t errlen)
{
	char *copy = strdup(val), *s, *save = NULL;
	uint32_t class;
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	*mask = 0;
	for (s = strtok_r(copy, ",", &save); s && !ret;
	     s = strtok_r(NULL, ",", &save)) {
		if (aisched_name_lookup(&aisched_class_names, s, &class))
			ret = aisched_errbuf(err, errlen, -EINVAL,
					     "plugstack.conf: classes: '%s' is not a class (training, inference, dataloader or background)",
					     s);
		else
			*mask |= 1u << class;
	}
	free(copy);
	return ret;
}

/**
 * aisched_spank_conf_parse() - read the plugin's plugstack.conf arguments
 * @c: the defaults (aisched_spank_conf_init()), changed by each argument
 * @ac: their number
 * @av: the arguments, KEY=VALUE each:
 *	default_class=CLASS, classes=CLASS[,CLASS...], max_rt_prio=N (0-49),
 *	min_nice=N (-20-19), max_hugepages=N, io_rt=yes|no,
 *	missing_module=warn|fail, gres_conf=PATH
 * @err: why not, naming the argument
 * @errlen: the size of @err
 *
 * Return: 0, or -EINVAL (or -ENOMEM) with @err set.
 */
int aisched_spank_conf_parse(struct aisched_spank_conf *c, int ac,
			     char *const av[], char *err, size_t errlen)
{
	uint32_t v;
	int i, ret;

	for (i = 0; i < ac; i++) {
		const char *arg = av[i], *eq = strchr(arg, '=');
		const char *val = eq ? eq + 1 : "";
		size_t klen = eq ? (size_t)(eq - arg) : strlen(arg);
		char key[32];

		if (!eq || klen >= sizeof(key))
			return aisched_errbuf(err, errlen, -EINVAL, "plugstack.conf: '%s' is not KEY=VALUE", arg);
		memcpy(key, arg, klen);
		key[klen] = '\0';
		ret = 0;
		if (!strcmp(key, "default_class")) {
			if (!strcmp(val, "none")) {
				c->default_class = -1;
			} else if (aisched_name_lookup(&aisched_class_names, val, &v)) {
				ret = aisched_errbuf(err, errlen, -EINVAL,
						     "plugstack.conf: default_class: '%s' is not a class (training, inference, dataloader, background or none)",
						     val);
			} else {
				c->default_class = (int)v;
			}
		} else if (!strcmp(key, "classes")) {
			ret = conf_classes(val, &c->classes, err, errlen);
		} else if (!strcmp(key, "max_rt_prio")) {
			ret = conf_u32(key, val, AISCHED_SPANK_RT_PRIO_CAP, &c->max_rt_prio,
				       err, errlen);
		} else if (!strcmp(key, "min_nice")) {
			if (aisched_parse_s32(val, &c->min_nice) ||
			    c->min_nice < -20 || c->min_nice > 19)
				ret = aisched_errbuf(err, errlen, -EINVAL,
						     "plugstack.conf: min_nice: '%s' is not a nice value (-20 to 19)",
						     val);
		} else if (!strcmp(key, "max_hugepages")) {
			ret = conf_u32(key, val, UINT32_MAX, &c->max_hugepages,
				       err, errlen);
		} else if (!strcmp(key, "io_rt")) {
			if (strcmp(val, "yes") && strcmp(val, "no"))
				ret = aisched_errbuf(err, errlen, -EINVAL,
						     "plugstack.conf: io_rt: '%s' is not yes or no", val);
			c->io_rt = !strcmp(val, "yes");
		} else if (!strcmp(key, "missing_module")) {
			if (!strcmp(val, "warn"))
				c->missing = AISCHED_SPANK_MISSING_WARN;
			else if (!strcmp(val, "fail"))
				c->missing = AISCHED_SPANK_MISSING_FAIL;
			else
				ret = aisched_errbuf(err, errlen, -EINVAL,
						     "plugstack.conf: missing_module: '%s' is not warn or fail",
						     val);
		} else if (!strcmp(key, "gres_conf")) {
			if (val[0] != '/' || strlen(val) >= sizeof(c->gres_conf))
				ret = aisched_errbuf(err, errlen, -EINVAL,
						     "plugstack.conf: gres_conf: '%s' is not an absolute path",
						     val);
			else
				snprintf(c->gres_conf, sizeof(c->gres_conf), "%s", val);
		} else {
			ret = aisched_errbuf(err, errlen, -EINVAL,
					     "plugstack.conf: unknown argument '%s' (default_class, classes, max_rt_prio, min_nice, max_hugepages, io_rt, missing_module, gres_conf)",
					     key);
		}
		if (ret)
			return ret;
	}
	if (c->default_class >= 0 && !(c->classes & (1u << c->default_class)))
		return aisched_errbuf(err, errlen, -EINVAL,
				      "plugstack.conf: default_class=%s is not among classes=",
				      class_name((uint32_t)c->default_class));
	return 0;
}

/**
 * aisched_spank_req_init() - a request of nothing
 * @r: set to it
 */
void aisched_spank_req_init(struct aisched_spank_req *r)
{
	memset(r, 0, sizeof(*r));
	r->class = -1;
}

/**
 * aisched_spank_req_set() - take one --aisched-* option
 * @r: the request so far
 * @opt: which (enum aisched_spank_opt)
 * @val: its value
 * @err: why not, naming the option and the values it takes
 * @errlen: the size of @err
 *
 * The syntax only; the admin's limits are aisched_spank_req_check()'s.
 *
 * Return: 0 or -EINVAL.
 */
int aisched_spank_req_set(struct aisched_spank_req *r, int opt,
			  const char *val, char *err, size_t errlen)
{
	uint32_t v;

	if (!val)
		val = "";
	switch (opt) {
	case AISCHED_SPANK_OPT_CLASS:
		if (aisched_name_lookup(&aisched_class_names, val, &v))
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-class: '%s' is not a class (training, inference, dataloader or background)",
					      val);
		r->class = (int)v;
		return 0;
	case AISCHED_SPANK_OPT_NICE:
		if (aisched_parse_s32(val, &r->nice) || r->nice < -20 || r->nice > 19)
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-nice: '%s' is not a nice value (-20 to 19)", val);
		r->has_nice = true;
		return 0;
	case AISCHED_SPANK_OPT_RT_PRIO:
		if (aisched_parse_u32(val, AISCHED_SPANK_RT_PRIO_CAP, &r->rt_prio) ||
		    !r->rt_prio)
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-rt-prio: '%s' is not a priority (1 to %d)",
					      val, AISCHED_SPANK_RT_PRIO_CAP);
		r->has_rt_prio = true;
		return 0;
	case AISCHED_SPANK_OPT_IOPRIO:
		if (aisched_parse_ioprio(val, &r->io_class, &r->has_io_level,
					 &r->io_level) ||
		    (r->has_io_level && r->io_level > 7))
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-ioprio: '%s' is not CLASS[:LEVEL] (class rt, be, idle or none; level 0-7)",
					      val);
		r->has_io = true;
		return 0;
	case AISCHED_SPANK_OPT_PLACEMENT:
		if (aisched_name_lookup(&aisched_placement_names, val, &r->placement))
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-placement: '%s' is not a placement (local, spread, prefer or none)",
					      val);
		r->has_placement = true;
		return 0;
	case AISCHED_SPANK_OPT_MEM:
		if (aisched_name_lookup(&aisched_mem_names, val, &r->mem))
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-mem: '%s' is not a memory placement (preferred or strict)",
					      val);
		r->has_mem = true;
		return 0;
	case AISCHED_SPANK_OPT_HUGEPAGES:
		if (aisched_parse_u32(val, UINT32_MAX, &r->hugepages))
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-hugepages: '%s' is not a number of 2 MiB pages",
					      val);
		r->has_hugepages = true;
		return 0;
	default:
		return aisched_errbuf(err, errlen, -EINVAL, "unknown option %d", opt);
	}
}

/**
 * aisched_spank_req_check() - whether a request stays within the limits
 * @c: the admin's limits
 * @r: the request; a step that asked for no class but gave other options,
 *	or asked for nothing under a default_class, gets the default class
 * @err: why not, naming the limit
 * @errlen: the size of @err
 *
 * Return: 1 if the step is to be tagged, 0 if not (it asked for nothing
 * and there is no default class), or -EINVAL.
 */
int aisched_spank_req_check(const struct aisched_spank_conf *c,
			    struct aisched_spank_req *r, char *err,
			    size_t errlen)
{
	bool other = r->has_nice || r->has_rt_prio || r->has_io ||
		     r->has_placement || r->has_mem || r->has_hugepages;
	char allowed[96];
	int32_t nice;

	if (r->class < 0) {
		if (c->default_class < 0) {
			if (other)
				return aisched_errbuf(err, errlen, -EINVAL,
						      "--aisched-* options need --aisched-class (this cluster has no default class)");
			return 0;
		}
		r->class = c->default_class;
	}
	if (!(c->classes & (1u << r->class))) {
		class_list(allowed, sizeof(allowed), c->classes);
		return aisched_errbuf(err, errlen, -EINVAL,
				      "--aisched-class=%s is not allowed here (classes=: %s)",
				      class_name((uint32_t)r->class), allowed);
	}
	if (r->has_rt_prio && r->rt_prio > c->max_rt_prio) {
		if (!c->max_rt_prio)
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-rt-prio=%u: real-time priorities are not allowed here (max_rt_prio=0)",
					      r->rt_prio);
		return aisched_errbuf(err, errlen, -EINVAL,
				      "--aisched-rt-prio=%u is above this cluster's limit (max_rt_prio=%u)",
				      r->rt_prio, c->max_rt_prio);
	}
	nice = r->has_nice ? r->nice : class_nice[r->class];
	if (nice < c->min_nice) {
		if (!r->has_nice)
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-class=%s runs at nice %d, below this cluster's limit (min_nice=%d): add --aisched-nice=%d",
					      class_name((uint32_t)r->class), nice,
					      c->min_nice, c->min_nice);
		return aisched_errbuf(err, errlen, -EINVAL,
				      "--aisched-nice=%d is below this cluster's limit (min_nice=%d)",
				      nice, c->min_nice);
	}
	if (r->has_io && r->io_class == AISCHED_IO_CLASS_RT && !c->io_rt)
		return aisched_errbuf(err, errlen, -EINVAL,
				      "--aisched-ioprio: the realtime I/O class is not allowed here (io_rt=no)");
	if (r->has_hugepages && r->hugepages > c->max_hugepages) {
		if (!c->max_hugepages)
			return aisched_errbuf(err, errlen, -EINVAL,
					      "--aisched-hugepages=%u: huge-page quotas are not allowed here (max_hugepages=0)",
					      r->hugepages);
		return aisched_errbuf(err, errlen, -EINVAL,
				      "--aisched-hugepages=%u is above this cluster's limit (max_hugepages=%u)",
				      r->hugepages, c->max_hugepages);
	}
	return 1;
}

static int push(char ***argv, int *argc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int push(char ***argv, int *argc, const char *fmt, ...)
{
	char **v, *s;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	/* One more for the NULL that ends it. */
	v = realloc(*argv, (size_t)(*argc + 2) * sizeof(*v));
	if (!v) {
		free(s);
		return -ENOMEM;
	}
	v[(*argc)++] = s;
	v[*argc] = NULL;
	*argv = v;
	return 0;
}

/**
 * aisched_spank_argv_free() - free what aisched_spank_tag_argv() made
 * @argv: the arguments
 * @argc: their number
 */
void aisched_spank_argv_free(char **argv, int argc)
{
	int i;

	for (i = 0; argv && i < argc; i++)
		free(argv[i]);
	free(argv);
}

/**
 * aisched_spank_tag_argv() - the "aisched tag" command line of a request
 * @r: a checked request (aisched_spank_req_check() gave 1)
 * @path: the cgroup to tag
 * @gpus: the step's GPUs, as PCI addresses
 * @nr_gpus: how many
 * @argv: set to the arguments, "tag" first, NULL-terminated
 * @argc: set to their number
 *
 * The plugin tags through the tool's own parser and request, so that a
 * step gets exactly what "aisched tag" with these options gives.
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_spank_tag_argv(const struct aisched_spank_req *r,
			   const char *path, char *const gpus[], size_t nr_gpus,
			   char ***argv, int *argc)
{
	char name[AISCHED_NAME_MAX];
	int ret;
	size_t i;

	*argv = NULL;
	*argc = 0;
	ret = push(argv, argc, "tag");
	ret = ret ?: push(argv, argc, "%s", path);
	ret = ret ?: push(argv, argc, "--class=%s", class_name((uint32_t)r->class));
	if (r->has_nice)
		ret = ret ?: push(argv, argc, "--nice=%d", r->nice);
	if (r->has_rt_prio)
		ret = ret ?: push(argv, argc, "--rt-prio=%u", r->rt_prio);
	if (r->has_io) {
		const char *io = aisched_name(&aisched_io_class_names,
					      r->io_class, name);

		if (r->has_io_level)
			ret = ret ?: push(argv, argc, "--ioprio=%s:%u", io, r->io_level);
		else
			ret = ret ?: push(argv, argc, "--ioprio=%s", io);
	}
	if (r->has_placement)
		ret = ret ?: push(argv, argc, "--placement=%s",
				  aisched_name(&aisched_placement_names,
					       r->placement, name));
	if (r->has_mem)
		ret = ret ?: push(argv, argc, "--mem=%s",
				  aisched_name(&aisched_mem_names, r->mem, name));
	if (r->has_hugepages)
		ret = ret ?: push(argv, argc, "--hugepages=%u", r->hugepages);
	for (i = 0; i < nr_gpus; i++)
		ret = ret ?: push(argv, argc, "--gpu=%s", gpus[i]);
	if (ret) {
		aisched_spank_argv_free(*argv, *argc);
		*argv = NULL;
		*argc = 0;
	}
	return ret;
}

/**
 * aisched_spank_step_cgroup() - the cgroup to tag, from a task's cgroups
 * @proc_cgroup: the text of the task's /proc/PID/cgroup
 * @out: set to the cgroup v2 path, as /proc shows it (from the cgroup2
 *	root): the step's user/ when the task is in .../user/task_K, as
 *	Slurm's cgroup/v2 puts it, else the task's own cgroup
 * @size: the size of @out
 *
 * Return: 0; -ENOENT if the task is in no cgroup v2 (the "0::" line);
 * -ENAMETOOLONG if the path does not fit.
 */
int aisched_spank_step_cgroup(const char *proc_cgroup, char *out, size_t size)
{
	const char *line = proc_cgroup, *path = NULL, *end, *slash;
	size_t len;

	while (line && *line) {
		if (!strncmp(line, "0::", 3)) {
			path = line + 3;
			break;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	if (!path || *path != '/')
		return -ENOENT;
	end = path + strcspn(path, "\n");
	len = (size_t)(end - path);
	/* .../user/task_K: the step's tasks share .../user. */
	for (slash = end; slash > path && slash[-1] != '/'; slash--)
		;
	if (slash > path && (size_t)(end - slash) > 5 && !strncmp(slash, "task_", 5) &&
	    (size_t)(slash - path) >= 6 && !strncmp(slash - 6, "/user/", 6))
		len = (size_t)(slash - 1 - path);
	if (len + 1 > size)
		return -ENAMETOOLONG;
	memcpy(out, path, len);
	out[len] = '\0';
	return 0;
}
