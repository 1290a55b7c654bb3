// SPDX-License-Identifier: GPL-2.0
/*
 * CPU bitmaps and cpulists. Pure functions, unit tested on the host.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpulist.h"

/**
 * aisched_cpumask_decode() - decode an AISCHED_A_NODE_CPUS payload
 * @mask: filled in; free with aisched_cpumask_free()
 * @data: the attribute's payload
 * @len: its length in bytes
 *
 * Return: 0, -EINVAL if @len is zero or not a multiple of 4 bytes, or
 * -ENOMEM.
 */
int aisched_cpumask_decode(struct aisched_cpumask *mask, const void *data,
			   size_t len)
{
	mask->words = NULL;
	mask->nr_words = 0;
	if (!len || len % sizeof(uint32_t))
		return -EINVAL;
	mask->words = malloc(len);
	if (!mask->words)
		return -ENOMEM;
	/* The payload is only 4-byte aligned by netlink convention: copy. */
	memcpy(mask->words, data, len);
	mask->nr_words = len / sizeof(uint32_t);
	return 0;
}

/**
 * aisched_cpumask_free() - free what aisched_cpumask_decode() allocated
 * @mask: the mask; it is left empty
 */
void aisched_cpumask_free(struct aisched_cpumask *mask)
{
	free(mask->words);
	mask->words = NULL;
	mask->nr_words = 0;
}

/**
 * aisched_cpumask_nr_bits() - number of CPUs the bitmap can describe
 * @mask: the mask
 *
 * Return: 32 times the number of words.
 */
unsigned long aisched_cpumask_nr_bits(const struct aisched_cpumask *mask)
{
	return mask->nr_words * 32;
}

/**
 * aisched_cpumask_test() - is a CPU in the mask?
 * @mask: the mask
 * @cpu: CPU number; CPUs beyond the bitmap are not in it
 *
 * Return: true if bit @cpu is set.
 */
bool aisched_cpumask_test(const struct aisched_cpumask *mask, unsigned long cpu)
{
	if (cpu >= aisched_cpumask_nr_bits(mask))
		return false;
	return mask->words[cpu / 32] & (UINT32_C(1) << (cpu % 32));
}

/* Append like snprintf(): *len counts what the whole list needs. */
static void append(char *buf, size_t size, size_t *len, unsigned long first,
		   unsigned long last)
{
	char tmp[48];
	size_t n, room;
	int ret;

	if (first == last)
		ret = snprintf(tmp, sizeof(tmp), "%s%lu", *len ? "," : "", first);
	else
		ret = snprintf(tmp, sizeof(tmp), "%s%lu-%lu", *len ? "," : "",
			       first, last);
	n = ret;
	if (*len + 1 < size) {
		room = size - 1 - *len;
		memcpy(buf + *len, tmp, n < room ? n : room);
	}
	*len += n;
}

/**
 * aisched_cpulist_format() - format a CPU mask as a cpulist
 * @buf: output buffer, may be NULL if @size is 0
 * @size: its size
 * @mask: the mask
 *
 * Writes ranges in ascending order, "0-3,8,10-11"; an empty mask gives "".
 * Like snprintf(), the output is truncated to fit and always terminated
 * when @size is not 0.
 *
 * Return: the length of the whole list, not counting the terminating NUL.
 */
size_t aisched_cpulist_format(char *buf, size_t size,
			      const struct aisched_cpumask *mask)
{
	unsigned long nbits = aisched_cpumask_nr_bits(mask);
	unsigned long cpu, first;
	size_t len = 0;

	for (cpu = 0; cpu < nbits; cpu++) {
		if (!aisched_cpumask_test(mask, cpu))
			continue;
		first = cpu;
		while (cpu + 1 < nbits && aisched_cpumask_test(mask, cpu + 1))
			cpu++;
		append(buf, size, &len, first, cpu);
	}
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	return len;
}

/**
 * aisched_cpulist_alloc() - format a CPU mask as a newly allocated cpulist
 * @mask: the mask
 *
 * Return: the list, to be freed with free(), or NULL if out of memory.
 */
char *aisched_cpulist_alloc(const struct aisched_cpumask *mask)
{
	size_t len = aisched_cpulist_format(NULL, 0, mask);
	char *buf = malloc(len + 1);

	if (buf)
		aisched_cpulist_format(buf, len + 1, mask);
	return buf;
}

/* A decimal CPU number at *s, advancing *s past it. */
static int parse_cpu(const char **s, unsigned long *cpu)
{
	unsigned long v = 0;
	const char *p = *s;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (~0ul - 9) / 10)
			return -ERANGE;
		v = v * 10 + (*p - '0');
	}
	*s = p;
	*cpu = v;
	return 0;
}

/* Make room for CPU @cpu, zeroing the new words. */
static int grow(struct aisched_cpumask *mask, unsigned long cpu)
{
	size_t need = cpu / 32 + 1;
	uint32_t *words;

	if (need <= mask->nr_words)
		return 0;
	words = realloc(mask->words, need * sizeof(*words));
	if (!words)
		return -ENOMEM;
	memset(words + mask->nr_words, 0,
	       (need - mask->nr_words) * sizeof(*words));
	mask->words = words;
	mask->nr_words = need;
	return 0;
}

/**
 * aisched_cpulist_parse() - parse a cpulist into a CPU mask
 * @mask: filled in; free with aisched_cpumask_free() whatever the result
 * @list: the list: CPUs ("3") and ranges ("0-3") separated by commas, no
 *	spaces, each range in ascending order; overlaps are allowed
 * @max_cpu: the largest CPU number accepted
 * @bad_cpu: set to the offending CPU number when returning -ERANGE (to
 *	ULONG_MAX if it does not even fit an unsigned long); may be NULL
 *
 * The mask gets as many 32-bit words as the largest CPU of @list needs, the
 * form AISCHED_A_TAG_CPUS takes. Whether the CPUs exist is not checked.
 *
 * Return: 0, -EINVAL if @list is not a cpulist, -ERANGE if it names a CPU
 * above @max_cpu, or -ENOMEM.
 */
int aisched_cpulist_parse(struct aisched_cpumask *mask, const char *list,
			  unsigned long max_cpu, unsigned long *bad_cpu)
{
	unsigned long first, last, cpu;
	const char *s = list;
	int ret;

	mask->words = NULL;
	mask->nr_words = 0;
	for (;;) {
		ret = parse_cpu(&s, &first);
		last = first;
		if (!ret && *s == '-') {
			s++;
			ret = parse_cpu(&s, &last);
		}
		if (ret == -ERANGE) {
			if (bad_cpu)
				*bad_cpu = ~0ul;
			return ret;
		}
		if (ret || last < first || (*s && *s != ','))
			return -EINVAL;
		if (last > max_cpu) {
			if (bad_cpu)
				*bad_cpu = first > max_cpu ? first : last;
			return -ERANGE;
		}
		for (cpu = first; cpu <= last; cpu++)
			if (aisched_cpumask_set(mask, cpu))
				return -ENOMEM;
		if (!*s)
			return 0;
		s++;	/* the comma, which must be followed by another item */
	}
}

/**
 * aisched_cpumask_set() - add a CPU to a mask, growing it as needed
 * @mask: the mask; an empty one ({ NULL, 0 }) is fine
 * @cpu: the CPU
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_cpumask_set(struct aisched_cpumask *mask, unsigned long cpu)
{
	if (grow(mask, cpu))
		return -ENOMEM;
	mask->words[cpu / 32] |= UINT32_C(1) << (cpu % 32);
	return 0;
}
