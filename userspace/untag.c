// SPDX-License-Identifier: GPL-2.0
/*
 * aisched untag PATH
 * aisched untag --id <id>
 *
 * AISCHED_CMD_TAG_DEL: removes a tag, named by its cgroup's directory or
 * by the cgroup's id. Prints nothing on success.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/aisched.h>
#include <netlink/attr.h>

#include "aisched.h"
#include "cgroup.h"
#include "nl.h"
#include "parse.h"
#include "untag.h"

static const struct option untag_options[] = {
	{ "help", no_argument,       NULL, 'h' },
	{ "id",   required_argument, NULL, 'i' },
	{ NULL,   0,                 NULL, 0 },
};

static const char *const untag_attr_options[AISCHED_A_TAG_MAX + 1] = {
	[AISCHED_A_TAG_CGROUP_ID] = "--id",
};

/**
 * untag_usage() - print the usage of "aisched untag"
 * @f: stdout for --help, stderr after a usage error
 */
void untag_usage(FILE *f)
{
	fputs("Usage: aisched untag PATH\n"
	      "       aisched untag --id <id>\n"
	      "\n"
	      "Removes the tag of the cgroup v2 directory PATH (or of the cgroup path\n"
	      "PATH, as list shows it), or of the cgroup with id <id>. Its threads get\n"
	      "back what they had before, or the next tagged ancestor's policy.\n"
	      "\n"
	      "Options:\n"
	      "  -i, --id <id>  name the cgroup by its id (cgroup_id in list --json)\n"
	      "  -h, --help     show this help\n", f);
}

static int usage_error(void)
{
	untag_usage(aisched_err);
	return AISCHED_EXIT_USAGE;
}

static int set_path(const char *arg, struct untag_opts *o)
{
	if (o->path) {
		fprintf(aisched_err, "aisched: untag: unexpected argument '%s'\n", arg);
		return usage_error();
	}
	o->path = arg;
	return 0;
}

/**
 * untag_parse_args() - parse the command line of "aisched untag"
 * @argc: argument count
 * @argv: arguments, argv[0] being "untag"
 * @o: filled in
 *
 * Exactly one of PATH and --id must be given. On a usage error, prints why
 * and the usage to stderr. Never exits.
 *
 * Return: 0, also for --help (@o->help is set), or 2 (bad usage).
 */
int untag_parse_args(int argc, char *argv[], struct untag_opts *o)
{
	int c, ret;

	memset(o, 0, sizeof(*o));
	aisched_getopt_reset();
	while ((c = aisched_getopt(argc, argv, "-:hi:", untag_options,
				   "untag")) != -1) {
		switch (c) {
		case 'h':
			o->help = true;
			return 0;
		case 1:
			ret = set_path(optarg, o);
			if (ret)
				return ret;
			break;
		case 'i':
			ret = aisched_parse_u64(optarg, &o->id);
			if (ret) {
				fprintf(aisched_err, "aisched: untag: --id: '%s' %s\n", optarg,
					ret == -ERANGE ? "does not fit 64 bits"
						       : "is not a number");
				return usage_error();
			}
			o->has_id = true;
			break;
		default:
			return usage_error();
		}
	}
	for (; optind < argc; optind++) {
		ret = set_path(argv[optind], o);
		if (ret)
			return ret;
	}
	if (o->path && o->has_id) {
		fputs("aisched: untag: give PATH or --id, not both\n", aisched_err);
		return usage_error();
	}
	if (!o->path && !o->has_id) {
		fputs("aisched: untag: missing the cgroup PATH (or --id)\n", aisched_err);
		return usage_error();
	}
	return 0;
}

static int untag(struct aisched_nl *nl, const struct untag_opts *o,
		 const char *path)
{
	char idbuf[32];
	struct nl_msg *msg;
	char *what;
	int ret;

	if (!path)
		snprintf(idbuf, sizeof(idbuf), "cgroup %llu",
			 (unsigned long long)o->id);
	what = aisched_what("untagging", path ?: idbuf);
	if (!what)
		return -ENOMEM;
	ret = -ENOMEM;
	msg = aisched_nl_msg(nl, AISCHED_CMD_TAG_DEL, 0);
	if (!msg)
		goto out;
	if (path ? nla_put_string(msg, AISCHED_A_TAG_PATH, path)
		 : nla_put_u64(msg, AISCHED_A_TAG_CGROUP_ID, o->id)) {
		nlmsg_free(msg);
		fprintf(aisched_err, "aisched: %s: the request does not fit a message\n",
			what);
		ret = -EMSGSIZE;
		goto out;
	}
	aisched_nl_name_attrs(nl, untag_attr_options, AISCHED_A_TAG_MAX);
	ret = aisched_nl_request(nl, msg, NULL, NULL, what);
out:
	free(what);
	return ret;
}

/**
 * untag_main() - "aisched untag"
 * @argc: argument count
 * @argv: arguments, argv[0] being "untag"
 *
 * Return: the exit status.
 */
int untag_main(int argc, char *argv[])
{
	struct aisched_nl *nl;
	struct untag_opts o;
	char *path = NULL;
	int ret;

	ret = untag_parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		untag_usage(aisched_out);
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
		if (!untag(nl, &o, path))
			ret = AISCHED_EXIT_OK;
		aisched_nl_close(nl);
	}
	free(path);
	return ret;
}
