/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output helpers shared by the subcommands: JSON building and printing,
 * tables for people, and the escaping of names in them.
 */

#ifndef AISCHED_PRINT_H
#define AISCHED_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

#include "cpulist.h"

int aisched_json_add(struct json_object *obj, const char *key,
		     struct json_object *val);
int aisched_json_add_str(struct json_object *obj, const char *key,
			 const char *s);
struct json_object *aisched_json_cpu_array(const struct aisched_cpumask *mask);
int aisched_json_print(FILE *f, struct json_object *obj);
int aisched_json_print_put(FILE *f, struct json_object *obj);
void aisched_print_checked(int ret);
struct json_object *aisched_json_array_of(const void *items, size_t nr,
					  size_t size,
					  struct json_object *(*build)(const void *item));

char *aisched_escape(const char *s);

/**
 * struct aisched_table - a table for people: a header row, then rows
 * @nr_cols: columns per row
 * @right: per column, whether it is right-aligned (numbers)
 * @cells: the cells, row by row, each a string the table owns
 * @nr_rows: rows, the header included
 */
struct aisched_table {
	size_t nr_cols;
	const bool *right;
	char **cells;
	size_t nr_rows;
};

int aisched_table_init(struct aisched_table *t, size_t nr_cols,
		       const char *const *header, const bool *right);
int aisched_table_add(struct aisched_table *t, const char *const *row);
int aisched_table_print(FILE *f, const struct aisched_table *t);
void aisched_table_free(struct aisched_table *t);

#endif /* AISCHED_PRINT_H */
