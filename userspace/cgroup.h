/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cgroup directories named on the command line: turning PATH into the path
 * the kernel resolves.
 */

#ifndef AISCHED_CGROUP_H
#define AISCHED_CGROUP_H

#define AISCHED_MOUNTINFO	"/proc/self/mountinfo"

char *aisched_cgroup_path(const char *arg, const char *mountinfo);
char *aisched_what(const char *verb, const char *path);

#endif /* AISCHED_CGROUP_H */
