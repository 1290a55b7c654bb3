/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched pool: argument parsing, the POOL_SET request, reply decoding and
 * printing, kept apart from the netlink I/O so that the unit tests can
 * drive each of them.
 */

#ifndef AISCHED_POOL_H
#define AISCHED_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>
#include <linux/aisched.h>
#include <linux/netlink.h>
#include <netlink/msg.h>

#include "replies.h"

/**
 * struct pool_opts - the command line of "aisched pool"
 * @help: --help was given; nothing else is valid
 * @json: --json
 * @set: "set": resize a node's pool instead of listing the pool
 * @has_node: --node was given
 * @node: its value, 0 to AISCHED_MAX_NODE_ID
 * @has_pages: --pages was given
 * @pages: its value, in 2 MiB pages
 */
struct pool_opts {
	bool help;
	bool json;
	bool set;
	bool has_node;
	uint32_t node;
	bool has_pages;
	uint32_t pages;
};

/**
 * struct aisched_pool - one node's pool, from the "pool" attribute set
 * @node: AISCHED_A_POOL_NODE
 * @total: AISCHED_A_POOL_TOTAL
 * @free: AISCHED_A_POOL_FREE
 * @reserved: AISCHED_A_POOL_RESERVED
 * @in_use: AISCHED_A_POOL_IN_USE
 * @held: AISCHED_A_POOL_HELD
 * @capacity: AISCHED_A_POOL_CAPACITY
 *
 * All in 2 MiB pages.
 */
struct aisched_pool {
	uint32_t node;
	uint32_t total;
	uint32_t free;
	uint32_t reserved;
	uint32_t in_use;
	uint32_t held;
	uint32_t capacity;
};

extern const char *const pool_attr_options[AISCHED_A_POOL_MAX + 1];
extern const struct aisched_reply_type aisched_pool_reply;

void pool_usage(FILE *f);
int pool_parse_args(int argc, char *argv[], struct pool_opts *o);
int pool_put_request(struct nl_msg *msg, const struct pool_opts *o);

int aisched_pool_decode(struct nlmsghdr *nlh, struct aisched_pool *pool);

int aisched_pool_print_table(FILE *f, const struct aisched_pool *pools,
			     size_t nr);
struct json_object *aisched_pool_json(const struct aisched_pool *pool);
int aisched_pool_print_json(FILE *f, const struct aisched_pool *pool);
int aisched_pool_list_print_json(FILE *f, const struct aisched_pool *pools,
				 size_t nr);
void aisched_pool_warn(FILE *f, uint32_t pages, const struct aisched_pool *pool);

#endif /* AISCHED_POOL_H */
