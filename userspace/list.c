// SPDX-License-Identifier: GPL-2.0
/*
 * aisched list [PATH] [--json]
 *
 * AISCHED_CMD_TAG_GET as a dump: every tag, or with PATH those of that
 * cgroup and the cgroups below it, with their counters.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/aisched.h>
#include <netlink/attr.h>

#include "aisched.h"
#include "cgroup.h"
#include "list.h"
#include "nl.h"
#include "parse.h"
#include "print.h"
#include "tags.h"

/**
 * list_usage() - print the usage of "aisched list"
 * @f: stdout for --help, stderr after a usage error
 */
void list_usage(FILE *f)
{
	fputs("Usage: aisched list [PATH] [--json]\n"
	      "\n"
	      "Lists the tags with their policies and counters, one row each; with\n"
	      "PATH, only the tags of that cgroup v2 directory and of those below it.\n"
	      "Prints nothing if there is no tag.\n"
	      "\n"
	      "Options:\n"
	      "  -j, --json  print one JSON array of tag objects on one line\n"
	      "  -h, --help  show this help\n", f);
}

/**
 * list_parse_args() - parse the command line of "aisched list"
 * @argc: argument count
 * @argv: arguments, argv[0] being "list"
 * @o: filled in
 *
 * On a usage error, prints why and the usage to stderr. Never exits.
 *
 * Return: 0, also for --help (@o->help is set), or 2 (bad usage).
 */
int list_parse_args(int argc, char *argv[], struct list_opts *o)
{
	struct aisched_path_opts p;
	int ret;

	ret = aisched_parse_path_json(argc, argv, "list", list_usage, &p);
	o->help = p.help;
	o->json = p.json;
	o->path = p.path;
	return ret;
}

static int list(struct aisched_nl *nl, const struct list_opts *o,
		const char *path)
{
	struct aisched_reply_list tags = AISCHED_REPLY_LIST(&aisched_tag_reply);
	struct nl_msg *msg;
	char *what;
	int ret;

	what = path ? aisched_what("listing the tags under", path)
		    : aisched_what("listing", "the tags");
	if (!what)
		return -ENOMEM;
	ret = -ENOMEM;
	msg = aisched_nl_msg(nl, AISCHED_CMD_TAG_GET, NLM_F_DUMP);
	if (!msg)
		goto out;
	if (path && nla_put_string(msg, AISCHED_A_TAG_PATH, path)) {
		nlmsg_free(msg);
		fprintf(aisched_err, "aisched: %s: the request does not fit a message\n",
			what);
		ret = -EMSGSIZE;
		goto out;
	}
	ret = aisched_request_dump(nl, msg, &tags, what);
	if (!ret) {
		ret = o->json ? aisched_tag_list_print_json(aisched_out, tags.items, tags.nr)
			      : aisched_tag_print_table(aisched_out, tags.items, tags.nr);
		aisched_print_checked(ret);
	}
	aisched_reply_list_free(&tags);
out:
	free(what);
	return ret;
}

/**
 * list_main() - "aisched list"
 * @argc: argument count
 * @argv: arguments, argv[0] being "list"
 *
 * Return: the exit status.
 */
int list_main(int argc, char *argv[])
{
	struct aisched_nl *nl;
	struct list_opts o;
	char *path = NULL;
	int ret;

	ret = list_parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		list_usage(aisched_out);
		return AISCHED_EXIT_OK;
	}

	if (o.path) {
		path = aisched_cgroup_path(o.path, AISCHED_MOUNTINFO);
		if (!path)
			return AISCHED_EXIT_FAIL;
	}
	ret = AISCHED_EXIT_FAIL;
	nl = aisched_nl_open();
	if (nl) {
		if (!list(nl, &o, path))
			ret = AISCHED_EXIT_OK;
		aisched_nl_close(nl);
	}
	free(path);
	return ret;
}
