/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Slurm's gres.conf, as far as aisched needs it: the device files of this
 * node's GPUs in GRES index order, which is what SLURM_STEP_GPUS and
 * SLURM_JOB_GPUS count in.
 */

#ifndef AISCHED_SLURM_GRES_H
#define AISCHED_SLURM_GRES_H

#include <stddef.h>
#include <stdint.h>

/* More is a configuration error: no node has that many device files. */
#define AISCHED_GRES_MAX_FILES	1024

/**
 * struct aisched_gres - this node's GPU device files
 * @files: absolute paths, in GRES index order: the order of the File=
 *	entries of the Name=gpu lines that apply to the node, each entry's
 *	hostlist expanded in place
 * @nr: how many
 */
struct aisched_gres {
	char **files;
	size_t nr;
};

int aisched_hostlist_expand(const char *expr, char ***out, size_t *nr,
			    size_t max, char *err, size_t errlen);
void aisched_strv_free(char **v, size_t n);
int aisched_gres_parse(const char *text, const char *file, const char *node,
		       struct aisched_gres *g, char *err, size_t errlen);
int aisched_gres_load(const char *file, const char *node,
		      struct aisched_gres *g, char *err, size_t errlen);
void aisched_gres_free(struct aisched_gres *g);
int aisched_gres_indices(const char *s, uint32_t **out, size_t *nr,
			 char *err, size_t errlen);

#endif /* AISCHED_SLURM_GRES_H */
