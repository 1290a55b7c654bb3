// SPDX-License-Identifier: GPL-2.0
/*
 * Output helpers shared by the subcommands: JSON building and printing,
 * tables for people, and the escaping of names in them.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "aisched.h"
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
 * aisched_json_add_str() - add a string member to a JSON object
 * @obj: the object
 * @key: the member's name
 * @s: its value, copied
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_json_add_str(struct json_object *obj, const char *key,
			 const char *s)
{
	return aisched_json_add(obj, key, json_object_new_string(s));
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

/**
 * aisched_print_checked() - report a print function's error
 * @ret: what the print function returned: 0 or a negative errno
 *
 * The print functions return their errors without printing them; the
 * commands report them with this.
 */
void aisched_print_checked(int ret)
{
	if (ret)
		fprintf(aisched_err, "aisched: printing: %s\n", strerror(-ret));
}

/**
 * aisched_json_print_put() - print a JSON value on one line, then free it
 * @f: where to
 * @obj: the value, or NULL if building it ran out of memory
 *
 * Return: 0, -ENOMEM (@obj is NULL, or printing ran out) or -EIO.
 */
int aisched_json_print_put(FILE *f, struct json_object *obj)
{
	int ret;

	if (!obj)
		return -ENOMEM;
	ret = aisched_json_print(f, obj);
	json_object_put(obj);
	return ret;
}

/**
 * aisched_json_array_of() - a JSON array with one object per item
 * @items: the first item
 * @nr: how many items
 * @size: the size of one item
 * @build: builds one item's object, NULL if out of memory
 *
 * Return: the array, or NULL if out of memory.
 */
struct json_object *aisched_json_array_of(const void *items, size_t nr,
					  size_t size,
					  struct json_object *(*build)(const void *item))
{
	struct json_object *arr, *obj;
	size_t i;

	arr = json_object_new_array();
	if (!arr)
		return NULL;
	for (i = 0; i < nr; i++) {
		obj = build((const char *)items + i * size);
		if (!obj || json_object_array_add(arr, obj)) {
			json_object_put(obj);
			json_object_put(arr);
			return NULL;
		}
	}
	return arr;
}

/**
 * aisched_escape() - a name made safe for a table or a line of words
 * @s: the name: a cgroup path, a thread's name
 *
 * Cgroup paths and thread names may hold spaces and control characters.
 * As in /proc/self/mountinfo, space, tab, newline and backslash become
 * \ooo in octal, and so do the other control characters; anything else,
 * UTF-8 included, is kept.
 *
 * Return: the escaped copy, to be freed with free(), or NULL if out of
 * memory.
 */
char *aisched_escape(const char *s)
{
	const unsigned char *p;
	char *out, *o;

	out = malloc(4 * strlen(s) + 1);
	if (!out)
		return NULL;
	for (p = (const unsigned char *)s, o = out; *p; p++) {
		if (*p <= ' ' || *p == '\\' || *p == 0x7f)
			o += sprintf(o, "\\%03o", *p);
		else
			*o++ = *p;
	}
	*o = '\0';
	return out;
}

/**
 * aisched_table_init() - start a table
 * @t: the table
 * @nr_cols: number of columns
 * @header: the column titles
 * @right: per column, whether it is right-aligned; must outlive @t
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_table_init(struct aisched_table *t, size_t nr_cols,
		       const char *const *header, const bool *right)
{
	t->nr_cols = nr_cols;
	t->right = right;
	t->cells = NULL;
	t->nr_rows = 0;
	return aisched_table_add(t, header);
}

/**
 * aisched_table_add() - add a row
 * @t: the table
 * @row: the row's cells, copied
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_table_add(struct aisched_table *t, const char *const *row)
{
	size_t i, base = t->nr_rows * t->nr_cols;
	char **cells;

	cells = realloc(t->cells, (base + t->nr_cols) * sizeof(*cells));
	if (!cells)
		return -ENOMEM;
	t->cells = cells;
	for (i = 0; i < t->nr_cols; i++) {
		cells[base + i] = strdup(row[i]);
		if (!cells[base + i]) {
			while (i--)
				free(cells[base + i]);
			return -ENOMEM;
		}
	}
	t->nr_rows++;
	return 0;
}

/**
 * aisched_table_print() - print a table
 * @f: where to
 * @t: the table
 *
 * Columns are as wide as their widest cell and two spaces apart; a line
 * has no trailing spaces.
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_table_print(FILE *f, const struct aisched_table *t)
{
	size_t r, c, len, *width;
	const char *cell;

	width = calloc(t->nr_cols, sizeof(*width));
	if (!width)
		return -ENOMEM;
	for (r = 0; r < t->nr_rows; r++) {
		for (c = 0; c < t->nr_cols; c++) {
			len = strlen(t->cells[r * t->nr_cols + c]);
			if (len > width[c])
				width[c] = len;
		}
	}
	for (r = 0; r < t->nr_rows; r++) {
		for (c = 0; c < t->nr_cols; c++) {
			cell = t->cells[r * t->nr_cols + c];
			if (c)
				fputs("  ", f);
			if (t->right[c])
				fprintf(f, "%*s", (int)width[c], cell);
			else if (c + 1 < t->nr_cols)
				fprintf(f, "%-*s", (int)width[c], cell);
			else
				fputs(cell, f);
		}
		fputc('\n', f);
	}
	free(width);
	return 0;
}

/**
 * aisched_table_free() - free a table
 * @t: the table; it is left empty
 */
void aisched_table_free(struct aisched_table *t)
{
	size_t i;

	for (i = 0; i < t->nr_rows * t->nr_cols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nr_rows = 0;
}
