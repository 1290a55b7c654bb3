// SPDX-License-Identifier: GPL-2.0
/*
 * asuser: run a command as another user, with no capabilities, for the
 * tests of unprivileged callers (the guest's busybox may have no su or
 * setpriv that does this).
 *
 * Usage: asuser UID CMD [ARG...]
 *
 * Drops the supplementary groups, sets the real, effective and saved group
 * and user ids to UID (the group id too), then execs CMD (searched in PATH).
 * Exit status: CMD's, or 127 if it could not be run.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	unsigned long id;
	char *end;

	if (argc < 3) {
		fputs("Usage: asuser UID CMD [ARG...]\n", stderr);
		return 127;
	}
	errno = 0;
	id = strtoul(argv[1], &end, 10);
	if (end == argv[1] || *end || errno || id > 0xfffffffeUL) {
		fprintf(stderr, "asuser: bad uid '%s'\n", argv[1]);
		return 127;
	}
	if (setgroups(0, NULL) || setresgid(id, id, id) || setresuid(id, id, id)) {
		perror("asuser: dropping privileges");
		return 127;
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "asuser: %s: %m\n", argv[2]);
	return 127;
}
