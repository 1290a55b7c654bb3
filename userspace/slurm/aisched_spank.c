// SPDX-License-Identifier: GPL-2.0
/*
 * aisched.so: a Slurm SPANK plugin that tags every job step with an
 * aisched class from its first instruction.
 *
 * In plugstack.conf:
 *
 *	required /usr/lib/x86_64-linux-gnu/slurm-wlm/aisched.so [ARG...]
 *
 * with the admin's limits as ARGs (policy.c). srun, sbatch and salloc take
 * --aisched-class=CLASS and the other --aisched-* options, which are
 * checked against the limits at submission: a typo or a request beyond a
 * limit is refused there, and nothing runs.
 *
 * The tag is made in slurm_spank_task_post_fork(): in slurmstepd, as
 * root, once the task is in its leaf cgroup (.../step_S/user/task_K with
 * cgroup/v2) and before it has exec'd, so its first instruction already
 * runs under the class. One tag per step, on the step's user/ cgroup, the
 * parent of every task_K: a tag covers its subtree, so the step's every
 * task, child and thread is covered by the first post_fork, and the step
 * is one tag with one quota, as the admin's per-step limits mean. Its
 * GPUs are the step's (SLURM_STEP_GPUS, or SLURM_JOB_GPUS for a batch
 * step), mapped through gres.conf's File= list to device files and
 * through devmap.c to PCI addresses. The tag goes when the step ends
 * (slurm_spank_exit), and Slurm's removal of the cgroup would end it too.
 *
 * Messages go to the step's stderr as one line each, "aisched: ...":
 * refusals through slurm_error(), notes through slurm_spank_log().
 */

#include <stdint.h>
#include <sys/types.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <slurm/spank.h>

#include "aisched.h"
#include "devmap.h"
#include "gres.h"
#include "policy.h"

SPANK_PLUGIN(aisched, 1);

/* Per process: one slurmstepd runs one step; srun, sbatch and salloc one job. */
static struct aisched_spank_conf conf;
static struct aisched_spank_req req;
static char tagged[4096];	/* the cgroup tagged, once it is */
static bool failed_once;

static int opt_cb(int val, const char *optarg, int remote);

static struct spank_option options[AISCHED_SPANK_NR_OPTS];

/* A message of the tool's, captured, to one line each of the step's log. */
static void relay(const char *text, bool error)
{
	const char *line = text, *nl;

	while (line && *line) {
		nl = strchr(line, '\n');
		if (error)
			slurm_error("%.*s", (int)(nl ? nl - line : (long)strlen(line)), line);
		else
			slurm_spank_log("%.*s", (int)(nl ? nl - line : (long)strlen(line)), line);
		line = nl ? nl + 1 : NULL;
	}
}

/*
 * Runs a command of the tool (tag_main(), untag_main()) with its output
 * kept and its messages relayed. Return: its exit status, and in *@err
 * its messages (free()).
 */
static int run_tool(int (*fn)(int, char **), int argc, char **argv, char **err)
{
	char *out_buf = NULL;
	size_t out_len = 0, err_len = 0;
	FILE *out, *errf;
	int ret;

	*err = NULL;
	out = open_memstream(&out_buf, &out_len);
	errf = open_memstream(err, &err_len);
	if (!out || !errf) {
		if (out)
			fclose(out);
		if (errf)
			fclose(errf);
		free(out_buf);
		free(*err);
		*err = strdup("aisched: out of memory");
		return AISCHED_EXIT_FAIL;
	}
	aisched_streams_set(out, errf);
	ret = fn(argc, argv);
	aisched_streams_set(NULL, NULL);
	fclose(out);
	fclose(errf);
	free(out_buf);
	return ret;
}

int slurm_spank_init(spank_t sp, int ac, char **av)
{
	spank_context_t ctx = spank_context();
	char err[512];
	int i;

	if (ctx != S_CTX_LOCAL && ctx != S_CTX_REMOTE && ctx != S_CTX_ALLOCATOR)
		return 0;
	aisched_spank_conf_init(&conf);
	if (aisched_spank_conf_parse(&conf, ac, av, err, sizeof(err))) {
		slurm_error("aisched: %s", err);
		return -1;
	}
	aisched_spank_req_init(&req);
	for (i = 0; i < AISCHED_SPANK_NR_OPTS; i++) {
		options[i] = (struct spank_option){
			.name = (char *)aisched_spank_opts[i].name,
			.arginfo = (char *)aisched_spank_opts[i].arginfo,
			.usage = (char *)aisched_spank_opts[i].usage,
			.has_arg = 1,
			.val = i,
			.cb = opt_cb,
		};
		if (spank_option_register(sp, &options[i]) != ESPANK_SUCCESS) {
			slurm_error("aisched: cannot register --%s",
				    aisched_spank_opts[i].name);
			return -1;
		}
	}
	return 0;
}

/* Each option as it comes: srun, sbatch and salloc refuse a bad one. */
static int opt_cb(int val, const char *optarg, int remote)
{
	char err[512];

	(void)remote;
	if (aisched_spank_req_set(&req, val, optarg, err, sizeof(err))) {
		slurm_error("aisched: %s", err);
		return -1;
	}
	return 0;
}

/* After every option: the limits, at submission too. */
int slurm_spank_init_post_opt(spank_t sp, int ac, char **av)
{
	char err[512];

	(void)sp;
	(void)ac;
	(void)av;
	if (aisched_spank_req_check(&conf, &req, err, sizeof(err)) < 0) {
		slurm_error("aisched: %s", err);
		return -1;
	}
	return 0;
}

/* The step's user/ cgroup, from the task's own /proc/PID/cgroup. */
static int step_cgroup(pid_t pid, char *out, size_t size)
{
	char file[64], text[8192];
	size_t n;
	FILE *f;
	int ret;

	snprintf(file, sizeof(file), "/proc/%d/cgroup", (int)pid);
	f = fopen(file, "re");
	if (!f) {
		slurm_error("aisched: cannot read %s: %s", file, strerror(errno));
		return -1;
	}
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	ret = aisched_spank_step_cgroup(text, out, size);
	if (ret == -ENOENT)
		slurm_error("aisched: task %d is in no cgroup v2 (is Slurm's cgroup plugin cgroup/v2?)",
			    (int)pid);
	else if (ret)
		slurm_error("aisched: the cgroup of task %d is too long a path", (int)pid);
	return ret ? -1 : 0;
}

/* The step's GPUs as PCI addresses; @nr 0 if it has none. */
static int step_gpus(spank_t sp, char ***addrs, size_t *nr)
{
	char list[1024], node[256], err[512];
	struct aisched_gres g;
	uint32_t *idx = NULL;
	size_t n = 0, i;
	int ret = -1;

	*addrs = NULL;
	*nr = 0;
	if (spank_getenv(sp, "SLURM_STEP_GPUS", list, sizeof(list)) != ESPANK_SUCCESS &&
	    spank_getenv(sp, "SLURM_JOB_GPUS", list, sizeof(list)) != ESPANK_SUCCESS)
		return 0;
	if (spank_getenv(sp, "SLURMD_NODENAME", node, sizeof(node)) != ESPANK_SUCCESS &&
	    gethostname(node, sizeof(node))) {
		slurm_error("aisched: cannot tell this node's name");
		return -1;
	}
	if (aisched_gres_indices(list, &idx, &n, err, sizeof(err))) {
		slurm_error("aisched: SLURM_STEP_GPUS: %s", err);
		return -1;
	}
	if (aisched_gres_load(conf.gres_conf, node, &g, err, sizeof(err))) {
		slurm_error("aisched: %s", err);
		free(idx);
		return -1;
	}
	*addrs = calloc(n, sizeof(**addrs));
	if (!*addrs)
		goto out;
	for (i = 0; i < n; i++) {
		char addr[AISCHED_PCI_ADDR_SIZE];

		if (idx[i] >= g.nr) {
			slurm_error("aisched: GPU %u of the step is not in %s (%zu GPUs for node %s)",
				    idx[i], conf.gres_conf, g.nr, node);
			goto out;
		}
		if (aisched_devmap_path(&aisched_devmap_host, g.files[idx[i]],
					addr, err, sizeof(err))) {
			slurm_error("aisched: GPU %u: %s", idx[i], err);
			goto out;
		}
		(*addrs)[i] = strdup(addr);
		if (!(*addrs)[i])
			goto out;
		*nr = i + 1;
	}
	ret = 0;
out:
	if (ret) {
		aisched_strv_free(*addrs, *nr);
		*addrs = NULL;
		*nr = 0;
	}
	aisched_gres_free(&g);
	free(idx);
	return ret;
}

/* Whether the module is there to talk to. */
static bool module_loaded(void)
{
	return !access("/sys/module/aisched", F_OK);
}

int slurm_spank_task_post_fork(spank_t sp, int ac, char **av)
{
	char cg[sizeof(tagged)], **gpus, **argv, *err;
	uint32_t job = 0, step = 0;
	size_t nr_gpus;
	char msg[512];
	pid_t pid;
	int argc, ret;

	(void)ac;
	(void)av;
	if (!spank_remote(sp) || tagged[0] || failed_once)
		return 0;
	/* Again here: the options came through the environment. */
	ret = aisched_spank_req_check(&conf, &req, msg, sizeof(msg));
	if (ret < 0) {
		slurm_error("aisched: %s", msg);
		return -1;
	}
	if (!ret)
		return 0;
	if (!module_loaded()) {
		failed_once = true;
		if (conf.missing == AISCHED_SPANK_MISSING_FAIL) {
			slurm_error("aisched: the aisched module is not loaded on this node: the step cannot get --aisched-class (missing_module=fail)");
			return -1;
		}
		slurm_spank_log("aisched: the aisched module is not loaded on this node: the step runs untagged");
		return 0;
	}
	if (spank_get_item(sp, S_TASK_PID, &pid) != ESPANK_SUCCESS) {
		slurm_error("aisched: cannot get the task's pid");
		return -1;
	}
	spank_get_item(sp, S_JOB_ID, &job);
	spank_get_item(sp, S_JOB_STEPID, &step);
	if (step_cgroup(pid, cg, sizeof(cg)) || step_gpus(sp, &gpus, &nr_gpus))
		return -1;
	ret = aisched_spank_tag_argv(&req, cg, gpus, nr_gpus, &argv, &argc);
	aisched_strv_free(gpus, nr_gpus);
	if (ret) {
		slurm_error("aisched: out of memory");
		return -1;
	}
	ret = run_tool(tag_main, argc, argv, &err);
	aisched_spank_argv_free(argv, argc);
	if (ret) {
		relay(err ? err : "aisched: tagging failed", true);
		free(err);
		failed_once = true;
		return -1;
	}
	/* A warning of the kernel's (a cpuset conflict) is the job's to see. */
	if (err && *err)
		relay(err, false);
	free(err);
	memcpy(tagged, cg, sizeof(tagged));
	slurm_verbose("aisched: job %u step %u: %s tagged", job, step, tagged);
	return 0;
}

/* The step's end: its tag and quota go with it. */
int slurm_spank_exit(spank_t sp, int ac, char **av)
{
	char *argv[] = { "untag", tagged, NULL }, *err;
	int ret;

	(void)ac;
	(void)av;
	if (!spank_remote(sp) || !tagged[0])
		return 0;
	ret = run_tool(untag_main, 2, argv, &err);
	/* Slurm may have removed the cgroup first, which ended the tag. */
	if (ret && err && !strstr(err, "No such file") && !strstr(err, "is not tagged"))
		relay(err, true);
	free(err);
	tagged[0] = '\0';
	return 0;
}
