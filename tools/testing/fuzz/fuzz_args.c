// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the tool's command lines, without sending anything.
 *
 * Input: the words after "aisched", separated by NUL bytes ("tag\0/a\0-c\0
 * training"). If the first word names a subcommand, the words from there
 * go to that subcommand's parser, X_parse_args(), which is what X_main()
 * calls before it opens a socket; a command line that parses then builds
 * the request X_main() would send, into a message that stays here.
 * Anything else goes to aisched_main(), which answers it itself (usage,
 * --help, --version, an unknown command) without talking to the kernel.
 * getopt's state is reset by each parser (aisched_getopt_reset()).
 */

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "fuzz.h"

#include "aisched.h"
#include "gpus.h"
#include "info.h"
#include "list.h"
#include "monitor.h"
#include "pool.h"
#include "show.h"
#include "tag.h"
#include "untag.h"

/* A request as aisched_nl_msg() starts it, for the put functions. */
static struct nl_msg *new_request(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, FUZZ_FAMILY,
				 0, 0, cmd, AISCHED_FAMILY_VERSION))
		abort();
	return msg;
}

static void parse_info(int argc, char *argv[])
{
	struct info_opts o;

	if (!info_parse_args(argc, argv, &o) && o.help)
		info_usage(fuzz_sink());
}

static void parse_gpus(int argc, char *argv[])
{
	struct gpus_opts o;
	struct nl_msg *msg;

	if (gpus_parse_args(argc, argv, &o))
		return;
	if (o.help) {
		gpus_usage(fuzz_sink());
	} else if (o.set) {
		msg = new_request(AISCHED_CMD_GPU_SET);
		gpus_put_request(msg, &o);
		nlmsg_free(msg);
	}
}

static void parse_pool(int argc, char *argv[])
{
	struct pool_opts o;
	struct nl_msg *msg;

	if (pool_parse_args(argc, argv, &o))
		return;
	if (o.help) {
		pool_usage(fuzz_sink());
	} else if (o.set) {
		msg = new_request(AISCHED_CMD_POOL_SET);
		pool_put_request(msg, &o);
		nlmsg_free(msg);
	}
}

static void parse_tag(int argc, char *argv[])
{
	struct nl_msg *msg;
	struct tag_opts o;

	if (!tag_parse_args(argc, argv, &o)) {
		if (o.help) {
			tag_usage(fuzz_sink());
		} else {
			/* tag_main() sends the path aisched_cgroup_path() makes. */
			msg = new_request(AISCHED_CMD_TAG_SET);
			tag_put_request(msg, &o, o.path);
			nlmsg_free(msg);
		}
	}
	tag_opts_free(&o);
}

static void parse_untag(int argc, char *argv[])
{
	struct untag_opts o;

	if (!untag_parse_args(argc, argv, &o) && o.help)
		untag_usage(fuzz_sink());
}

static void parse_list(int argc, char *argv[])
{
	struct list_opts o;

	if (!list_parse_args(argc, argv, &o) && o.help)
		list_usage(fuzz_sink());
}

static void parse_show(int argc, char *argv[])
{
	struct show_opts o;

	if (!show_parse_args(argc, argv, &o) && o.help)
		show_usage(fuzz_sink());
}

static void parse_monitor(int argc, char *argv[])
{
	struct monitor_opts o;

	if (!monitor_parse_args(argc, argv, &o) && o.help)
		monitor_usage(fuzz_sink());
}

/* The parser of each subcommand, by the X_main() that calls it. */
static const struct {
	aisched_subcommand_fn *main;
	void (*parse)(int argc, char *argv[]);
} parsers[] = {
	{ info_main, parse_info },
	{ gpus_main, parse_gpus },
	{ pool_main, parse_pool },
	{ tag_main, parse_tag },
	{ untag_main, parse_untag },
	{ list_main, parse_list },
	{ show_main, parse_show },
	{ monitor_main, parse_monitor },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	aisched_subcommand_fn *sub;
	struct fuzz_argv a;
	size_t i;

	fuzz_argv_split(&a, "aisched", data, size);
	sub = a.argc > 1 ? aisched_subcommand(a.argv[1]) : NULL;
	if (!sub) {
		aisched_main(a.argc, a.argv);
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(parsers); i++) {
		if (parsers[i].main == sub) {
			parsers[i].parse(a.argc - 1, a.argv + 1);
			goto out;
		}
	}
	/* A new subcommand: its parser belongs in parsers[]. */
	fprintf(stderr, "fuzz_args: no parser for the subcommand '%s'\n",
		a.argv[1]);
	abort();
out:
	fuzz_argv_free(&a);
	return 0;
}
