/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU bitmaps as the kernel sends and takes them (AISCHED_A_NODE_CPUS,
 * AISCHED_A_TAG_CPUS: 32-bit words in host byte order, word 0 holding CPUs
 * 0-31) and their cpulist form, "0-3,8".
 */

#ifndef AISCHED_CPULIST_H
#define AISCHED_CPULIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * struct aisched_cpumask - a decoded CPU bitmap
 * @words: the bitmap; bit (cpu % 32) of word (cpu / 32) is @cpu
 * @nr_words: number of words, at least one
 */
struct aisched_cpumask {
	uint32_t *words;
	size_t nr_words;
};

int aisched_cpumask_decode(struct aisched_cpumask *mask, const void *data,
			   size_t len);
void aisched_cpumask_free(struct aisched_cpumask *mask);
bool aisched_cpumask_test(const struct aisched_cpumask *mask, unsigned long cpu);
unsigned long aisched_cpumask_nr_bits(const struct aisched_cpumask *mask);
size_t aisched_cpulist_format(char *buf, size_t size,
			      const struct aisched_cpumask *mask);
char *aisched_cpulist_alloc(const struct aisched_cpumask *mask);
int aisched_cpulist_parse(struct aisched_cpumask *mask, const char *list,
			  unsigned long max_cpu, unsigned long *bad_cpu);
int aisched_cpumask_set(struct aisched_cpumask *mask, unsigned long cpu);

#endif /* AISCHED_CPULIST_H */
