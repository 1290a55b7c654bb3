// SPDX-License-Identifier: GPL-2.0
/*
 * Output helpers shared by the subcommands: JSON building and printing.
 */

#include <errno.h>

#include "print.h"

/**
 * aisched_json_add() - add a member to a JSON object
 * @obj: the object
 * @key: the member's name
 * @val: its value, owned by @obj from here on; NULL (a failed allocation)
 *	is reported as -ENOMEM
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_json_add(struct json_object *obj, const char *key,
		     struct json_object *val)
{
	if (!val)
		return -ENOMEM;
	if (json_object_object_add(obj, key, val)) {
		json_object_put(val);
		return -ENOMEM;
	}
	return 0;
}

/**
 * aisched_json_cpu_array() - a CPU mask as a JSON array of CPU numbers
 * @mask: the mask
 *
 * Return: a new array in ascending order, or NULL if out of memory.
 */
struct json_object *aisched_json_cpu_array(const struct aisched_cpumask *mask)
{
	unsigned long nbits = aisched_cpumask_nr_bits(mask);
	struct json_object *arr, *cpu;
	unsigned long i;

	arr = json_object_new_array();
	if (!arr)
		return NULL;
	for (i = 0; i < nbits; i++) {
		if (!aisched_cpumask_test(mask, i))
			continue;
		cpu = json_object_new_uint64(i);
		if (!cpu || json_object_array_add(arr, cpu)) {
			json_object_put(cpu);
			json_object_put(arr);
			return NULL;
		}
	}
	return arr;
}

/**
 * aisched_json_print() - print a JSON value on one line
 * @f: where to
 * @obj: the value
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int aisched_json_print(FILE *f, struct json_object *obj)
{
	const char *s;

	s = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
					   JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!s)
		return -ENOMEM;
	if (fprintf(f, "%s\n", s) < 0)
		return -EIO;
	return 0;
}
