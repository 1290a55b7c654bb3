// SPDX-License-Identifier: GPL-2.0
/*
 * Cgroup directories named on the command line.
 *
 * The kernel resolves the path a request carries in the caller's context,
 * as open() would, except that it has no working directory to go by: the
 * tool sends absolute paths. The cgroup paths the tool prints ("/jobs/a",
 * as /proc/PID/cgroup has them) are taken too, relative to the cgroup v2
 * mount, when no such directory exists from the root.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aisched.h"
#include "cgroup.h"

static char *join(const char *dir, const char *name)
{
	size_t dlen = strlen(dir);
	char *s;

	while (dlen && dir[dlen - 1] == '/')
		dlen--;
	while (*name == '/')
		name++;
	s = malloc(dlen + strlen(name) + 2);
	if (s)
		sprintf(s, "%.*s/%s", (int)dlen, dir, name);
	return s;
}

/* mountinfo escapes space, tab, newline and backslash as \ooo; undo it. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0');
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/*
 * The mount point of a mountinfo line if its file system is cgroup2, else
 * NULL. The line is modified.
 */
static char *cgroup2_mount_point(char *line)
{
	char *fields[5], *sep, *save = NULL, *tok;
	int i;

	sep = strstr(line, " - ");
	if (!sep || strncmp(sep + 3, "cgroup2 ", 8))
		return NULL;
	*sep = '\0';
	/* ID PARENT MAJ:MIN ROOT MOUNT-POINT ... */
	tok = strtok_r(line, " ", &save);
	for (i = 0; tok && i < 5; i++) {
		fields[i] = tok;
		tok = strtok_r(NULL, " ", &save);
	}
	if (i < 5)
		return NULL;
	unescape(fields[4]);
	return fields[4];
}

/* The directory under a cgroup v2 mount that @arg names there, or NULL. */
static char *under_cgroup2_mount(const char *arg, const char *mountinfo)
{
	char *line = NULL, *mnt, *path = NULL;
	size_t size = 0;
	struct stat st;
	FILE *f;

	f = fopen(mountinfo, "re");
	if (!f)
		return NULL;
	while (!path && getline(&line, &size, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		mnt = cgroup2_mount_point(line);
		if (!mnt)
			continue;
		path = join(mnt, arg);
		if (path && stat(path, &st)) {
			free(path);
			path = NULL;
		}
	}
	free(line);
	fclose(f);
	return path;
}

/**
 * aisched_cgroup_path() - the path to send for a cgroup directory argument
 * @arg: PATH as given on the command line
 * @mountinfo: the mount table to look for cgroup v2 mounts in,
 *	AISCHED_MOUNTINFO (a parameter for the unit tests)
 *
 * A relative @arg is made absolute from the working directory. An absolute
 * one that does not exist, such as "/jobs/a", is looked up under each
 * cgroup2 mount in turn; the first that has it gives the path. Otherwise
 * @arg is sent as given, for the kernel to say what is wrong with it.
 *
 * Return: the path, to be freed with free(), or NULL (having printed why).
 */
char *aisched_cgroup_path(const char *arg, const char *mountinfo)
{
	char *cwd, *path = NULL;
	struct stat st;

	if (arg[0] != '/') {
		cwd = getcwd(NULL, 0);
		if (!cwd) {
			fprintf(aisched_err, "aisched: finding the working directory: %s\n",
				strerror(errno));
			return NULL;
		}
		path = join(cwd, arg);
		free(cwd);
		goto out;
	}
	if (stat(arg, &st) && errno == ENOENT)
		path = under_cgroup2_mount(arg, mountinfo);
	if (!path)
		path = strdup(arg);
out:
	if (!path)
		fputs("aisched: out of memory\n", aisched_err);
	return path;
}

/**
 * aisched_what() - what a request about a cgroup does, for messages
 * @verb: "tagging", "untagging"...
 * @path: the cgroup's path
 *
 * Return: "<verb> <path>", to be freed with free(), or NULL (having
 * printed why).
 */
char *aisched_what(const char *verb, const char *path)
{
	char *s = malloc(strlen(verb) + strlen(path) + 2);

	if (!s) {
		fputs("aisched: out of memory\n", aisched_err);
		return NULL;
	}
	sprintf(s, "%s %s", verb, path);
	return s;
}
