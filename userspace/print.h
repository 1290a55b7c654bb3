/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output helpers shared by the subcommands: JSON building and printing.
 */

#ifndef AISCHED_PRINT_H
#define AISCHED_PRINT_H

#include <stdio.h>

#include <json-c/json.h>

#include "cpulist.h"

int aisched_json_add(struct json_object *obj, const char *key,
		     struct json_object *val);
struct json_object *aisched_json_cpu_array(const struct aisched_cpumask *mask);
int aisched_json_print(FILE *f, struct json_object *obj);

#endif /* AISCHED_PRINT_H */
