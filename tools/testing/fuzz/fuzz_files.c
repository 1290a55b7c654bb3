// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the kernel's files the tool parses, memory.numa_stat
 * (show's locality report) and /proc/self/mountinfo (finding a cgroup path
 * under a cgroup2 mount).
 *
 * Input: a letter that picks the file ('n' memory.numa_stat, 'm'
 * mountinfo), then its contents. numa_stat text goes to
 * aisched_numa_stat_parse(), whose result must list each node once, in
 * increasing order, and sums as the report computes them. mountinfo is
 * put in a memfd and handed to aisched_cgroup_path() by its /proc/self/fd
 * path, for a cgroup path that exists nowhere, so that every cgroup2 line
 * is parsed, unescaped and tried.
 */

#define _GNU_SOURCE	/* memfd_create() */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

#include "cgroup.h"
#include "cpulist.h"
#include "numastat.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "fuzz_files: %s:%d: %s does not hold\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

/* A path no cgroup2 mount has, absolute, so that every mount is tried. */
#define NO_SUCH_CGROUP	"/aisched-fuzz-no-such-cgroup/a"

static void numa_stat(const uint8_t *data, size_t size)
{
	uint32_t words[] = { 0x5, 0x1 };	/* nodes 0, 2 and 32 */
	const struct aisched_cpumask nodes = { words, 2 };
	struct aisched_numa_mem mem;
	uint64_t total, on;
	char *text;
	size_t i;

	text = fuzz_string(data, size);
	if (!aisched_numa_stat_parse(text, &mem)) {
		for (i = 1; i < mem.nr; i++)
			CHECK(mem.nodes[i - 1].node < mem.nodes[i].node);
		total = aisched_numa_mem_total(&mem);
		on = aisched_numa_mem_on(&mem, &nodes);
		CHECK(on <= total);
	}
	aisched_numa_mem_free(&mem);
	free(text);
}

static void mountinfo(const uint8_t *data, size_t size)
{
	char path[64], *cgroup;
	int fd;

	fd = memfd_create("mountinfo", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	cgroup = aisched_cgroup_path(NO_SUCH_CGROUP, path);
	/* No mount has it: it is sent as given, for the kernel to refuse. */
	CHECK(cgroup && !strcmp(cgroup, NO_SUCH_CGROUP));
	free(cgroup);
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size && data[0] == 'n')
		numa_stat(data + 1, size - 1);
	else if (size && data[0] == 'm')
		mountinfo(data + 1, size - 1);
	return 0;
}
