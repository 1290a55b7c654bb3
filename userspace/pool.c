// SPDX-License-Identifier: GPL-2.0
/*
 * aisched pool [--json]
 * aisched pool set --node N --pages P [--json]
 *
 * AISCHED_CMD_POOL_GET as a dump: the huge-page pool of every online node
 * with memory, in node order, in 2 MiB pages. With set,
 * AISCHED_CMD_POOL_SET: grow or shrink one node's pool to P pages; then
 * print it, with a warning when it holds other than P.
 */

#include <errno.h>
#include <string.h>

#include <netlink/attr.h>

#include "aisched.h"
#include "decode.h"
#include "nl.h"
#include "parse.h"
#include "pool.h"
#include "print.h"

static const struct option pool_options[] = {
	{ "help",  no_argument,       NULL, 'h' },
	{ "json",  no_argument,       NULL, 'j' },
	{ "node",  required_argument, NULL, 'n' },
	{ "pages", required_argument, NULL, 'p' },
	{ NULL,    0,                 NULL, 0 },
};

/* The option that set each attribute of a POOL_SET request. */
const char *const pool_attr_options[AISCHED_A_POOL_MAX + 1] = {
	[AISCHED_A_POOL_NODE]  = "--node",
	[AISCHED_A_POOL_PAGES] = "--pages",
};

/* pages is in requests only: a reply that has it is not looked at. */
static const struct aisched_attr_policy pool_policy[AISCHED_A_POOL_MAX + 1] = {
	[AISCHED_A_POOL_NODE]     = { "node",     AISCHED_ATTR_U32, true },
	[AISCHED_A_POOL_TOTAL]    = { "total",    AISCHED_ATTR_U32, true },
	[AISCHED_A_POOL_FREE]     = { "free",     AISCHED_ATTR_U32, true },
	[AISCHED_A_POOL_RESERVED] = { "reserved", AISCHED_ATTR_U32, true },
	[AISCHED_A_POOL_IN_USE]   = { "in-use",   AISCHED_ATTR_U32, true },
	[AISCHED_A_POOL_CAPACITY] = { "capacity", AISCHED_ATTR_U32, true },
	[AISCHED_A_POOL_HELD]     = { "held",     AISCHED_ATTR_U32, true },
};

/**
 * pool_usage() - print the usage of "aisched pool"
 * @f: stdout for --help, stderr after a usage error
 */
void pool_usage(FILE *f)
{
	fprintf(f,
		"Usage: aisched pool [--json]\n"
		"       aisched pool set --node N --pages P [--json]\n"
		"\n"
		"Lists the huge-page pool of each online NUMA node with memory, in\n"
		"2 MiB pages: the pages it holds (total), those free, those the tags'\n"
		"quotas reserve, those in use (mapped or held), those held (unmapped\n"
		"but still referenced in the kernel), and the node's capacity (the\n"
		"memory its page allocator manages: no pool can be larger).\n"
		"\n"
		"With set, grows or shrinks the pool of node N to P pages, and prints\n"
		"it. A grow takes what the node can give; a shrink gives back free\n"
		"pages only, and never goes below what the quotas reserve. If the pool\n"
		"then holds other than P pages, a warning on standard error says so;\n"
		"the status is still 0. Needs CAP_SYS_ADMIN.\n"
		"\n"
		"Options:\n"
		"  -n, --node N   with set: the node (0-%d)\n"
		"  -p, --pages P  with set: the pages the node's pool should hold\n"
		"  -j, --json     print one JSON array of node objects (with set, one\n"
		"                 object) on one line\n"
		"  -h, --help     show this help\n",
		AISCHED_MAX_NODE_ID);
}

static int usage_error(void)
{
	pool_usage(aisched_err);
	return AISCHED_EXIT_USAGE;
}

static int parse_node(const char *val, struct pool_opts *o)
{
	int ret;

	ret = aisched_parse_u32(val, AISCHED_MAX_NODE_ID, &o->node);
	if (ret == -ERANGE) {
		fprintf(aisched_err, "aisched: pool: --node: '%s' is out of range (0-%d)\n",
			val, AISCHED_MAX_NODE_ID);
		return usage_error();
	}
	if (ret) {
		fprintf(aisched_err, "aisched: pool: --node: '%s' is not a node (0-%d)\n",
			val, AISCHED_MAX_NODE_ID);
		return usage_error();
	}
	o->has_node = true;
	return 0;
}

static int parse_pages(const char *val, struct pool_opts *o)
{
	int ret;

	ret = aisched_parse_u32(val, UINT32_MAX, &o->pages);
	if (ret == -ERANGE) {
		fprintf(aisched_err, "aisched: pool: --pages: '%s' does not fit 32 bits\n",
			val);
		return usage_error();
	}
	if (ret) {
		fprintf(aisched_err, "aisched: pool: --pages: '%s' is not a number of pages\n",
			val);
		return usage_error();
	}
	o->has_pages = true;
	return 0;
}

/* The one operand: "set". */
static int parse_operand(const char *arg, struct pool_opts *o)
{
	if (!o->set && !strcmp(arg, "set")) {
		o->set = true;
		return 0;
	}
	fprintf(aisched_err, "aisched: pool: unexpected argument '%s'\n", arg);
	return usage_error();
}

/**
 * pool_parse_args() - parse the command line of "aisched pool"
 * @argc: argument count
 * @argv: arguments, argv[0] being "pool"; the one operand may be "set";
 *	options may come anywhere
 * @o: filled in
 *
 * Whether the node is online, and whether its memory holds the pages, is
 * for the kernel to say. On a usage error, prints why and the usage to
 * stderr. Never exits.
 *
 * Return: 0, also for --help (@o->help is set), or 2 (bad usage).
 */
int pool_parse_args(int argc, char *argv[], struct pool_opts *o)
{
	int c, ret;

	memset(o, 0, sizeof(*o));
	aisched_getopt_reset();
	while ((c = aisched_getopt(argc, argv, "-:hjn:p:", pool_options,
				   "pool")) != -1) {
		switch (c) {
		case 'h':
			o->help = true;
			return 0;
		case 'j':
			o->json = true;
			ret = 0;
			break;
		case 'n':
			ret = parse_node(optarg, o);
			break;
		case 'p':
			ret = parse_pages(optarg, o);
			break;
		case 1:
			ret = parse_operand(optarg, o);
			break;
		default:
			return usage_error();
		}
		if (ret)
			return ret;
	}
	for (; optind < argc; optind++) {
		ret = parse_operand(argv[optind], o);
		if (ret)
			return ret;
	}
	if (!o->set && (o->has_node || o->has_pages)) {
		fprintf(aisched_err, "aisched: pool: %s goes with set: aisched pool set --node N --pages P\n",
			o->has_node ? "--node" : "--pages");
		return usage_error();
	}
	if (o->set && !o->has_node) {
		fputs("aisched: pool: set: missing --node (a node)\n", aisched_err);
		return usage_error();
	}
	if (o->set && !o->has_pages) {
		fputs("aisched: pool: set: missing --pages (the pages the node's pool should hold)\n",
		      aisched_err);
		return usage_error();
	}
	return 0;
}

/**
 * pool_put_request() - add the attributes of a POOL_SET request
 * @msg: the request, from aisched_nl_msg()
 * @o: the parsed command line, with @o->set
 *
 * Return: 0, or -EMSGSIZE if they do not fit.
 */
int pool_put_request(struct nl_msg *msg, const struct pool_opts *o)
{
	if (nla_put_u32(msg, AISCHED_A_POOL_NODE, o->node) ||
	    nla_put_u32(msg, AISCHED_A_POOL_PAGES, o->pages))
		return -EMSGSIZE;
	return 0;
}

/**
 * aisched_pool_decode() - decode a POOL_GET or POOL_SET reply
 * @nlh: the reply
 * @pool: filled in
 *
 * node, total, free, reserved, in-use, held and capacity are required,
 * each exactly a u32. The figures are printed as the kernel sent them, not
 * checked against each other.
 *
 * Return: 0 or -EBADMSG, having printed why.
 */
int aisched_pool_decode(struct nlmsghdr *nlh, struct aisched_pool *pool)
{
	struct nlattr *tb[AISCHED_A_POOL_MAX + 1];
	struct nlattr *head;
	int len, ret;

	memset(pool, 0, sizeof(*pool));
	head = aisched_genl_attrs(nlh, &len);
	if (!head)
		return -EBADMSG;
	ret = aisched_attr_parse(tb, AISCHED_A_POOL_MAX, pool_policy, head, len,
				 "pool");
	if (ret)
		return ret;
	pool->node = nla_get_u32(tb[AISCHED_A_POOL_NODE]);
	pool->total = nla_get_u32(tb[AISCHED_A_POOL_TOTAL]);
	pool->free = nla_get_u32(tb[AISCHED_A_POOL_FREE]);
	pool->reserved = nla_get_u32(tb[AISCHED_A_POOL_RESERVED]);
	pool->in_use = nla_get_u32(tb[AISCHED_A_POOL_IN_USE]);
	pool->held = nla_get_u32(tb[AISCHED_A_POOL_HELD]);
	pool->capacity = nla_get_u32(tb[AISCHED_A_POOL_CAPACITY]);
	return 0;
}

/* aisched_pool_reply's decode: a pool holds nothing to free. */
static int aisched_pool_decode_cb(struct nlmsghdr *nlh, void *item)
{
	return aisched_pool_decode(nlh, item);
}

/* POOL_GET and POOL_SET replies, for a struct aisched_reply_list. */
const struct aisched_reply_type aisched_pool_reply = {
	.size = sizeof(struct aisched_pool),
	.decode = aisched_pool_decode_cb,
};

enum {
	COL_NODE, COL_TOTAL, COL_FREE, COL_RESERVED, COL_IN_USE, COL_HELD,
	COL_CAPACITY, NR_COLS
};

static const char *const table_header[NR_COLS] = {
	"node", "total", "free", "reserved", "in use", "held", "capacity",
};

static const bool table_right[NR_COLS] = {
	true, true, true, true, true, true, true,
};

static int table_row(struct aisched_table *table, const struct aisched_pool *pool)
{
	const uint32_t val[NR_COLS] = {
		pool->node, pool->total, pool->free, pool->reserved,
		pool->in_use, pool->held, pool->capacity,
	};
	char cells[NR_COLS][16];
	const char *row[NR_COLS];
	int i;

	for (i = 0; i < NR_COLS; i++) {
		snprintf(cells[i], sizeof(cells[i]), "%u", val[i]);
		row[i] = cells[i];
	}
	return aisched_table_add(table, row);
}

/**
 * aisched_pool_print_table() - print nodes' pools for people, one row each
 * @f: where to
 * @pools: the nodes' pools
 * @nr: how many
 *
 * Columns node, total, free, reserved, in use, held and capacity,
 * right-aligned under a header, then a line "(2 MiB pages)" saying the
 * unit. No pool prints nothing at all.
 *
 * Return: 0 or -ENOMEM.
 */
int aisched_pool_print_table(FILE *f, const struct aisched_pool *pools,
			     size_t nr)
{
	struct aisched_table table;
	size_t i;
	int ret;

	if (!nr)
		return 0;
	ret = aisched_table_init(&table, NR_COLS, table_header, table_right);
	for (i = 0; !ret && i < nr; i++)
		ret = table_row(&table, &pools[i]);
	ret = ret ?: aisched_table_print(f, &table);
	if (!ret)
		fputs("(2 MiB pages)\n", f);
	aisched_table_free(&table);
	return ret;
}

/**
 * aisched_pool_json() - a node's pool as a JSON object
 * @pool: the pool
 *
 * Keys, all numbers of 2 MiB pages but the first: node, total, free,
 * reserved, in_use, held, capacity.
 *
 * Return: the object, or NULL if out of memory.
 */
struct json_object *aisched_pool_json(const struct aisched_pool *pool)
{
	struct json_object *obj;
	int ret;

	obj = json_object_new_object();
	if (!obj)
		return NULL;
	ret = aisched_json_add(obj, "node", json_object_new_uint64(pool->node));
	ret = ret ?: aisched_json_add(obj, "total", json_object_new_uint64(pool->total));
	ret = ret ?: aisched_json_add(obj, "free", json_object_new_uint64(pool->free));
	ret = ret ?: aisched_json_add(obj, "reserved",
				      json_object_new_uint64(pool->reserved));
	ret = ret ?: aisched_json_add(obj, "in_use",
				      json_object_new_uint64(pool->in_use));
	ret = ret ?: aisched_json_add(obj, "held", json_object_new_uint64(pool->held));
	ret = ret ?: aisched_json_add(obj, "capacity",
				      json_object_new_uint64(pool->capacity));
	if (ret) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

/**
 * aisched_pool_print_json() - print one node's pool as a JSON object on
 *	one line
 * @f: where to
 * @pool: the pool
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int aisched_pool_print_json(FILE *f, const struct aisched_pool *pool)
{
	return aisched_json_print_put(f, aisched_pool_json(pool));
}

/* aisched_json_array_of()'s builder for aisched_pool_json(). */
static struct json_object *aisched_pool_json_cb(const void *item)
{
	return aisched_pool_json(item);
}

/**
 * aisched_pool_list_print_json() - print nodes' pools as a JSON array on
 *	one line
 * @f: where to
 * @pools: the nodes' pools
 * @nr: how many
 *
 * The array holds one object per node, as aisched_pool_json() builds
 * them; no node prints "[]".
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int aisched_pool_list_print_json(FILE *f, const struct aisched_pool *pools,
				 size_t nr)
{
	return aisched_json_print_put(f, aisched_json_array_of(pools, nr,
								   sizeof(*pools),
								   aisched_pool_json_cb));
}

/**
 * aisched_pool_warn() - say why a POOL_SET left other than the pages asked
 * @f: where to (stderr)
 * @pages: the pages asked for
 * @pool: the reply
 *
 * Below @pages, the node gave fewer pages than asked (a partial grow);
 * above, a shrink met pages that quotas reserve or that are in use. Prints
 * nothing if the pool holds exactly @pages.
 */
void aisched_pool_warn(FILE *f, uint32_t pages, const struct aisched_pool *pool)
{
	if (pool->total < pages)
		fprintf(f, "aisched: node %u: the pool holds %u of the %u pages asked for\n",
			pool->node, pool->total, pages);
	else if (pool->total > pages)
		fprintf(f, "aisched: node %u: the pool holds %u pages, more than the %u asked for: quotas hold %u, %u in use\n",
			pool->node, pool->total, pages, pool->reserved,
			pool->in_use);
}

/* The print functions return their errors without printing them. */
static int list_pool(struct aisched_nl *nl, const struct pool_opts *o)
{
	struct aisched_reply_list pools = AISCHED_REPLY_LIST(&aisched_pool_reply);
	struct nl_msg *msg;
	int ret;

	msg = aisched_nl_msg(nl, AISCHED_CMD_POOL_GET, NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	ret = aisched_request_dump(nl, msg, &pools, "listing the pool");
	if (!ret) {
		ret = o->json ? aisched_pool_list_print_json(aisched_out, pools.items, pools.nr)
			      : aisched_pool_print_table(aisched_out, pools.items, pools.nr);
		aisched_print_checked(ret);
	}
	aisched_reply_list_free(&pools);
	return ret;
}

static int set_pool(struct aisched_nl *nl, const struct pool_opts *o)
{
	struct aisched_reply_list reply = AISCHED_REPLY_LIST(&aisched_pool_reply);
	const struct aisched_pool *pool;
	char what[64];
	struct nl_msg *msg;
	int ret;

	snprintf(what, sizeof(what), "setting the pool of node %u", o->node);
	msg = aisched_nl_msg(nl, AISCHED_CMD_POOL_SET, 0);
	if (!msg)
		return -ENOMEM;
	if (pool_put_request(msg, o)) {
		nlmsg_free(msg);
		fprintf(aisched_err, "aisched: %s: the request does not fit a message\n",
			what);
		return -EMSGSIZE;
	}
	aisched_nl_name_attrs(nl, pool_attr_options, AISCHED_A_POOL_MAX);
	ret = aisched_request_one(nl, msg, &reply, what);
	pool = reply.items;
	if (!ret && pool->node != o->node)
		ret = aisched_bad_reply("%s: the reply is for node %u", what,
					pool->node);
	if (!ret) {
		ret = o->json ? aisched_pool_print_json(aisched_out, pool)
			      : aisched_pool_print_table(aisched_out, pool, 1);
		aisched_print_checked(ret);
	}
	if (!ret) {
		/* After the row, also when both go to one pipe. */
		fflush(aisched_out);
		aisched_pool_warn(aisched_err, o->pages, pool);
	}
	aisched_reply_list_free(&reply);
	return ret;
}

/**
 * pool_main() - "aisched pool"
 * @argc: argument count
 * @argv: arguments, argv[0] being "pool"
 *
 * A POOL_SET that leaves the pool other than asked is not a failure: the
 * figures printed are the truth, and a warning says why.
 *
 * Return: the exit status.
 */
int pool_main(int argc, char *argv[])
{
	struct aisched_nl *nl;
	struct pool_opts o;
	int ret;

	ret = pool_parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		pool_usage(aisched_out);
		return AISCHED_EXIT_OK;
	}

	nl = aisched_nl_open();
	if (!nl)
		return AISCHED_EXIT_FAIL;
	ret = o.set ? set_pool(nl, &o) : list_pool(nl, &o);
	aisched_nl_close(nl);
	return ret ? AISCHED_EXIT_FAIL : AISCHED_EXIT_OK;
}
