// SPDX-License-Identifier: GPL-2.0
/*
 * A cgroup's memory per NUMA node, from its memory.numa_stat.
 *
 * The file has one line per kind of memory, each with one "N<node>=<bytes>"
 * word per node that has memory:
 *
 *   anon N0=1572864 N1=67108864
 *   file N0=0 N1=0
 *   kernel_stack N0=16384 N1=0
 *   ...
 *
 * The locality report counts what a task's placement decides, the anon
 * and file lines; the kernel's own allocations on its behalf are left out.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "numastat.h"

#define NUMA_STAT	"memory.numa_stat"

/* A decimal number at *s, advancing *s past it; no sign, no overflow. */
static int parse_number(const char **s, uint64_t max, uint64_t *out)
{
	const char *p = *s;
	uint64_t v = 0;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (max - (*p - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (*p - '0');
	}
	*s = p;
	*out = v;
	return 0;
}

/* Add @bytes to @node's sum, keeping the nodes in increasing order. */
static int add(struct aisched_numa_mem *mem, uint32_t node, uint64_t bytes)
{
	struct aisched_node_mem *nodes;
	size_t i;

	for (i = 0; i < mem->nr && mem->nodes[i].node < node; i++)
		;
	if (i < mem->nr && mem->nodes[i].node == node) {
		/* Saturate rather than wrap: the file is the kernel's. */
		if (mem->nodes[i].bytes > UINT64_MAX - bytes)
			mem->nodes[i].bytes = UINT64_MAX;
		else
			mem->nodes[i].bytes += bytes;
		return 0;
	}
	nodes = realloc(mem->nodes, (mem->nr + 1) * sizeof(*nodes));
	if (!nodes)
		return -ENOMEM;
	memmove(nodes + i + 1, nodes + i, (mem->nr - i) * sizeof(*nodes));
	nodes[i].node = node;
	nodes[i].bytes = bytes;
	mem->nodes = nodes;
	mem->nr++;
	return 0;
}

/* The words after the key of one anon or file line, up to its end. */
static int parse_line(const char *s, const char *end,
		      struct aisched_numa_mem *mem)
{
	uint64_t node, bytes;
	int ret;

	for (;;) {
		while (s < end && *s == ' ')
			s++;
		if (s == end)
			return 0;
		if (*s++ != 'N')
			return -EINVAL;
		ret = parse_number(&s, UINT32_MAX, &node);
		if (ret || *s++ != '=')
			return -EINVAL;
		ret = parse_number(&s, UINT64_MAX, &bytes);
		if (ret || (s != end && *s != ' '))
			return -EINVAL;
		ret = add(mem, node, bytes);
		if (ret)
			return ret;
	}
}

/**
 * aisched_numa_stat_parse() - sum the anon and file memory of each node
 * @text: the contents of a memory.numa_stat file
 * @mem: filled in; free with aisched_numa_mem_free() whatever the result
 *
 * Adds up, per node, the "N<node>=<bytes>" words of the lines whose key is
 * anon or file; other lines are not looked at. A node that only one of
 * them lists counts too.
 *
 * Return: 0, -EINVAL if @text has neither line or one of them is not a
 * list of such words, or -ENOMEM.
 */
int aisched_numa_stat_parse(const char *text, struct aisched_numa_mem *mem)
{
	const char *line, *end, *key_end;
	bool found = false;
	size_t key_len;
	int ret;

	mem->nodes = NULL;
	mem->nr = 0;
	for (line = text; *line; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		key_end = memchr(line, ' ', end - line);
		key_len = key_end ? (size_t)(key_end - line) : (size_t)(end - line);
		if (!(key_len == 4 && (!strncmp(line, "anon", 4) ||
				       !strncmp(line, "file", 4))))
			continue;
		found = true;
		ret = parse_line(line + key_len, end, mem);
		if (ret)
			return ret;
	}
	return found ? 0 : -EINVAL;
}

/**
 * aisched_numa_stat_read() - read a cgroup's memory per node
 * @dir: the cgroup v2 directory
 * @mem: filled in from @dir/memory.numa_stat; free with
 *	aisched_numa_mem_free() whatever the result
 *
 * Return: 0, a negative errno from opening or reading the file (-ENOENT
 * when the memory controller is not enabled for the cgroup), -EINVAL if
 * the file is not as aisched_numa_stat_parse() expects, or -ENOMEM.
 */
int aisched_numa_stat_read(const char *dir, struct aisched_numa_mem *mem)
{
	size_t len = 0, size = 4096;
	char *path, *text, *bigger;
	ssize_t n;
	int fd, ret;

	mem->nodes = NULL;
	mem->nr = 0;
	path = malloc(strlen(dir) + sizeof("/" NUMA_STAT));
	if (!path)
		return -ENOMEM;
	sprintf(path, "%s/" NUMA_STAT, dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ret = fd < 0 ? -errno : 0;
	free(path);
	if (ret)
		return ret;
	text = malloc(size);
	while (text) {
		n = read(fd, text + len, size - len - 1);
		if (n < 0) {
			ret = -errno;
			break;
		}
		if (!n)
			break;
		len += n;
		if (size - len > 1)
			continue;
		size *= 2;
		bigger = realloc(text, size);
		if (!bigger)
			free(text);
		text = bigger;
	}
	close(fd);
	if (!text)
		return -ENOMEM;
	text[len] = '\0';
	ret = ret ?: aisched_numa_stat_parse(text, mem);
	free(text);
	return ret;
}

/**
 * aisched_numa_mem_free() - free what parsing allocated
 * @mem: the memory per node; it is left empty
 */
void aisched_numa_mem_free(struct aisched_numa_mem *mem)
{
	free(mem->nodes);
	mem->nodes = NULL;
	mem->nr = 0;
}

/**
 * aisched_numa_mem_total() - a cgroup's memory on all nodes
 * @mem: its memory per node
 *
 * Return: the sum in bytes, saturated at UINT64_MAX.
 */
uint64_t aisched_numa_mem_total(const struct aisched_numa_mem *mem)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < mem->nr; i++)
		sum = mem->nodes[i].bytes > UINT64_MAX - sum ? UINT64_MAX
							     : sum + mem->nodes[i].bytes;
	return sum;
}

/**
 * aisched_numa_mem_on() - a cgroup's memory on some nodes
 * @mem: its memory per node
 * @nodes: the nodes, a bitmap like a CPU mask
 *
 * Return: the sum in bytes over the nodes of @mem that are in @nodes,
 * saturated at UINT64_MAX.
 */
uint64_t aisched_numa_mem_on(const struct aisched_numa_mem *mem,
			     const struct aisched_cpumask *nodes)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < mem->nr; i++) {
		if (!aisched_cpumask_test(nodes, mem->nodes[i].node))
			continue;
		sum = mem->nodes[i].bytes > UINT64_MAX - sum ? UINT64_MAX
							     : sum + mem->nodes[i].bytes;
	}
	return sum;
}
