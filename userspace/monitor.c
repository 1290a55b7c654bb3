// SPDX-License-Identifier: GPL-2.0
/*
 * aisched monitor [--json] [--count <n>]
 *
 * Joins the family's "events" multicast group and prints each event on a
 * line of its own as it arrives, flushing it at once, so that a script
 * reading through a pipe or a file sees it then. Prints nothing else.
 * SIGINT and SIGTERM end it with status 0.
 */

#define _GNU_SOURCE	/* ppoll() */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "aisched.h"
#include "decode.h"
#include "monitor.h"
#include "names.h"
#include "nl.h"
#include "parse.h"
#include "print.h"

static const struct option monitor_options[] = {
	{ "help",  no_argument,       NULL, 'h' },
	{ "json",  no_argument,       NULL, 'j' },
	{ "count", required_argument, NULL, 'c' },
	{ NULL,    0,                 NULL, 0 },
};

static const struct aisched_attr_policy event_policy[AISCHED_A_EVENT_MAX + 1] = {
	[AISCHED_A_EVENT_TYPE]       = { "type",       AISCHED_ATTR_U32,    true },
	[AISCHED_A_EVENT_CGROUP_ID]  = { "cgroup-id",  AISCHED_ATTR_U64,    true },
	[AISCHED_A_EVENT_CGROUP]     = { "cgroup",     AISCHED_ATTR_STRING, true },
	/* Required or not depending on the type: see need_attrs[]. */
	[AISCHED_A_EVENT_CLASS]      = { "class",      AISCHED_ATTR_U32,    false },
	[AISCHED_A_EVENT_PID]        = { "pid",        AISCHED_ATTR_U32,    false },
	[AISCHED_A_EVENT_TGID]       = { "tgid",       AISCHED_ATTR_U32,    false },
	[AISCHED_A_EVENT_COMM]       = { "comm",       AISCHED_ATTR_STRING, false },
	[AISCHED_A_EVENT_REASON]     = { "reason",     AISCHED_ATTR_U32,    false },
	[AISCHED_A_EVENT_OVERRIDE]   = { "override",   AISCHED_ATTR_U32,    false },
	[AISCHED_A_EVENT_RUNTIME_MS] = { "runtime-ms", AISCHED_ATTR_U32,    false },
	[AISCHED_A_EVENT_CPUS]       = { "cpus",       AISCHED_ATTR_BINARY, false },
	[AISCHED_A_EVENT_CPUSET]     = { "cpuset",     AISCHED_ATTR_BINARY, false },
	[AISCHED_A_EVENT_PAD]        = { "pad",        AISCHED_ATTR_IGNORE, false },
};

#define BIT(n)	(1u << (n))
#define TASK	(BIT(AISCHED_A_EVENT_PID) | BIT(AISCHED_A_EVENT_TGID) | \
		 BIT(AISCHED_A_EVENT_COMM))

/* The attributes each type of event must carry besides type and cgroup. */
static const unsigned int need_attrs[] = {
	[AISCHED_EVENT_TYPE_TAG_ADDED]   = BIT(AISCHED_A_EVENT_CLASS),
	[AISCHED_EVENT_TYPE_TAG_REMOVED] = BIT(AISCHED_A_EVENT_REASON),
	[AISCHED_EVENT_TYPE_OVERRIDE]    = TASK | BIT(AISCHED_A_EVENT_OVERRIDE),
	[AISCHED_EVENT_TYPE_DEMOTION]    = TASK | BIT(AISCHED_A_EVENT_RUNTIME_MS),
	[AISCHED_EVENT_TYPE_CONFLICT]    = TASK | BIT(AISCHED_A_EVENT_CPUS) |
					   BIT(AISCHED_A_EVENT_CPUSET),
};

/**
 * monitor_usage() - print the usage of "aisched monitor"
 * @f: stdout for --help, stderr after a usage error
 */
void monitor_usage(FILE *f)
{
	fputs("Usage: aisched monitor [--json] [--count <n>]\n"
	      "\n"
	      "Prints the module's events as they happen, one line each: tags added\n"
	      "and removed, overrides, demotions and cpuset conflicts. Runs until\n"
	      "interrupted (SIGINT, SIGTERM), which ends it with status 0.\n"
	      "\n"
	      "Options:\n"
	      "  -j, --json         print one JSON object per line (JSON Lines)\n"
	      "  -c, --count <n>    exit after <n> events\n"
	      "  -h, --help         show this help\n", f);
}

static int usage_error(void)
{
	monitor_usage(aisched_err);
	return AISCHED_EXIT_USAGE;
}

/**
 * monitor_parse_args() - parse the command line of "aisched monitor"
 * @argc: argument count
 * @argv: arguments, argv[0] being "monitor"
 * @o: filled in
 *
 * On a usage error, prints why and the usage to stderr. Never exits.
 *
 * Return: 0, also for --help (@o->help is set), or 2 (bad usage).
 */
int monitor_parse_args(int argc, char *argv[], struct monitor_opts *o)
{
	int c, ret;

	memset(o, 0, sizeof(*o));
	aisched_getopt_reset();
	while ((c = aisched_getopt(argc, argv, "+:c:hj", monitor_options,
				   "monitor")) != -1) {
		switch (c) {
		case 'h':
			o->help = true;
			return 0;
		case 'j':
			o->json = true;
			break;
		case 'c':
			ret = aisched_parse_u64(optarg, &o->count);
			if (ret) {
				fprintf(aisched_err, "aisched: monitor: --count: '%s' %s\n",
					optarg, ret == -ERANGE ? "does not fit 64 bits"
							       : "is not a number");
				return usage_error();
			}
			o->has_count = true;
			break;
		default:
			return usage_error();
		}
	}
	if (optind < argc) {
		fprintf(aisched_err, "aisched: monitor: unexpected argument '%s'\n",
			argv[optind]);
		return usage_error();
	}
	return 0;
}

/**
 * monitor_free_event() - free what monitor_decode_event() allocated
 * @ev: the event; it is left empty
 */
void monitor_free_event(struct aisched_event *ev)
{
	free(ev->cgroup);
	free(ev->comm);
	aisched_cpumask_free(&ev->cpus);
	aisched_cpumask_free(&ev->cpuset);
	memset(ev, 0, sizeof(*ev));
}

static int decode_cpus(struct nlattr *a, struct aisched_cpumask *mask,
		       const struct aisched_event *ev, const char *name)
{
	int ret = aisched_cpumask_decode(mask, nla_data(a), nla_len(a));

	if (ret == -EINVAL)
		return aisched_bad_reply("event on %s: attribute %s (%d) has %d bytes, expected a non-zero multiple of 4",
					 ev->cgroup, name, nla_type(a), nla_len(a));
	if (ret)
		fputs("aisched: out of memory\n", aisched_err);
	return ret;
}

static int decode_event_attrs(struct nlattr **tb, struct aisched_event *ev)
{
	char num[AISCHED_NAME_MAX];
	unsigned int need = 0;
	int type, ret;

	ev->type = nla_get_u32(tb[AISCHED_A_EVENT_TYPE]);
	ev->cgroup_id = nla_get_u64(tb[AISCHED_A_EVENT_CGROUP_ID]);
	ev->cgroup = strdup(nla_data(tb[AISCHED_A_EVENT_CGROUP]));
	if (!ev->cgroup)
		goto err_nomem;

	if (ev->type < ARRAY_SIZE(need_attrs))
		need = need_attrs[ev->type];
	for (type = 0; type <= AISCHED_A_EVENT_MAX; type++) {
		if ((need & BIT(type)) && !tb[type])
			return aisched_bad_reply("event %s on %s: missing attribute %s (%d)",
						 aisched_name(&aisched_event_names,
							      ev->type, num),
						 ev->cgroup, event_policy[type].name,
						 type);
	}

	if (tb[AISCHED_A_EVENT_CLASS]) {
		ev->has_class = true;
		ev->class = nla_get_u32(tb[AISCHED_A_EVENT_CLASS]);
	}
	if (tb[AISCHED_A_EVENT_REASON])
		ev->reason = nla_get_u32(tb[AISCHED_A_EVENT_REASON]);
	if (need & TASK) {
		ev->has_task = true;
		ev->pid = nla_get_u32(tb[AISCHED_A_EVENT_PID]);
		ev->tgid = nla_get_u32(tb[AISCHED_A_EVENT_TGID]);
		ev->comm = strdup(nla_data(tb[AISCHED_A_EVENT_COMM]));
		if (!ev->comm)
			goto err_nomem;
	}
	if (tb[AISCHED_A_EVENT_OVERRIDE])
		ev->override = nla_get_u32(tb[AISCHED_A_EVENT_OVERRIDE]);
	if (tb[AISCHED_A_EVENT_RUNTIME_MS])
		ev->runtime_ms = nla_get_u32(tb[AISCHED_A_EVENT_RUNTIME_MS]);
	if (need & BIT(AISCHED_A_EVENT_CPUS)) {
		ret = decode_cpus(tb[AISCHED_A_EVENT_CPUS], &ev->cpus, ev, "cpus");
		ret = ret ?: decode_cpus(tb[AISCHED_A_EVENT_CPUSET], &ev->cpuset,
					 ev, "cpuset");
		if (ret)
			return ret;
	}
	return 0;

err_nomem:
	fputs("aisched: out of memory\n", aisched_err);
	return -ENOMEM;
}

/**
 * monitor_decode_event() - decode a message of the events group
 * @nlh: the message
 * @ev: filled in; free with monitor_free_event() whatever the result
 *
 * Every event must have type, cgroup-id and cgroup; tag-added also class,
 * tag-removed reason, and the task events (override, demotion, conflict)
 * pid, tgid and comm, with override, runtime-ms, or cpus and cpuset. An
 * event of a type the tool does not know needs only the first three.
 *
 * Return: 0, 1 if the message is not an event (another command of the
 * family; to be ignored), -EBADMSG if it breaks the spec, or -ENOMEM;
 * having printed why.
 */
int monitor_decode_event(struct nlmsghdr *nlh, struct aisched_event *ev)
{
	struct nlattr *tb[AISCHED_A_EVENT_MAX + 1];
	struct nlattr *head;
	int len, ret;

	memset(ev, 0, sizeof(*ev));
	head = aisched_genl_attrs(nlh, &len);
	if (!head)
		return -EBADMSG;
	if (((struct genlmsghdr *)nlmsg_data(nlh))->cmd != AISCHED_CMD_EVENT)
		return 1;
	ret = aisched_attr_parse(tb, AISCHED_A_EVENT_MAX, event_policy, head,
				 len, "event");
	return ret ?: decode_event_attrs(tb, ev);
}

/**
 * monitor_print_event() - print an event as a line of words
 * @f: where to
 * @ev: the event
 *
 * The type, the cgroup, then key=value words:
 *
 *   tag-added /jobs/a class=training
 *   tag-removed /jobs/a reason=untag
 *   override /jobs/a pid=123 tgid=120 comm=foo fields=sched,affinity
 *   demotion /jobs/a pid=123 tgid=120 comm=foo ran=105ms
 *   conflict /jobs/a pid=123 tgid=120 comm=foo cpus=2-3 cpuset=0-1
 *
 * The cgroup and comm are escaped as aisched_escape() does, so that each
 * word is one word. Unknown values print as numbers; an event of unknown
 * type as its number and its cgroup.
 *
 * Return: 0 or -ENOMEM.
 */
int monitor_print_event(FILE *f, const struct aisched_event *ev)
{
	char num[AISCHED_NAME_MAX], fields[128];
	char *cgroup, *comm = NULL, *cpus = NULL, *cpuset = NULL;
	int ret = -ENOMEM;

	cgroup = aisched_escape(ev->cgroup);
	if (!cgroup)
		return -ENOMEM;
	if (ev->has_task) {
		comm = aisched_escape(ev->comm);
		if (!comm)
			goto out;
	}
	fprintf(f, "%s %s", aisched_name(&aisched_event_names, ev->type, num),
		cgroup);
	switch (ev->type) {
	case AISCHED_EVENT_TYPE_TAG_ADDED:
		fprintf(f, " class=%s",
			aisched_name(&aisched_class_names, ev->class, num));
		break;
	case AISCHED_EVENT_TYPE_TAG_REMOVED:
		fprintf(f, " reason=%s",
			aisched_name(&aisched_reason_names, ev->reason, num));
		break;
	case AISCHED_EVENT_TYPE_OVERRIDE:
		aisched_override_format(fields, sizeof(fields), ev->override);
		fprintf(f, " pid=%u tgid=%u comm=%s fields=%s", ev->pid,
			ev->tgid, comm, fields);
		break;
	case AISCHED_EVENT_TYPE_DEMOTION:
		fprintf(f, " pid=%u tgid=%u comm=%s ran=%ums", ev->pid, ev->tgid,
			comm, ev->runtime_ms);
		break;
	case AISCHED_EVENT_TYPE_CONFLICT:
		cpus = aisched_cpulist_alloc(&ev->cpus);
		cpuset = aisched_cpulist_alloc(&ev->cpuset);
		if (!cpus || !cpuset)
			goto out;
		fprintf(f, " pid=%u tgid=%u comm=%s cpus=%s cpuset=%s", ev->pid,
			ev->tgid, comm, cpus[0] ? cpus : "-",
			cpuset[0] ? cpuset : "-");
		break;
	}
	fputc('\n', f);
	ret = 0;
out:
	free(cgroup);
	free(comm);
	free(cpus);
	free(cpuset);
	return ret;
}

static struct json_object *override_json(uint32_t flags)
{
	char num[AISCHED_NAME_MAX];
	struct json_object *arr, *s;
	unsigned int bit;

	arr = json_object_new_array();
	for (bit = 0; arr && bit < 32; bit++) {
		if (!(flags & BIT(bit)))
			continue;
		if (bit < aisched_override_names.nr &&
		    aisched_override_names.names[bit]) {
			s = json_object_new_string(aisched_override_names.names[bit]);
		} else {
			snprintf(num, sizeof(num), "%#x", BIT(bit));
			s = json_object_new_string(num);
		}
		if (!s || json_object_array_add(arr, s)) {
			json_object_put(s);
			json_object_put(arr);
			return NULL;
		}
	}
	return arr;
}

static struct json_object *cpus_json(const struct aisched_cpumask *mask)
{
	char *list = aisched_cpulist_alloc(mask);
	struct json_object *s;

	if (!list)
		return NULL;
	s = json_object_new_string(list);
	free(list);
	return s;
}

/**
 * monitor_print_event_json() - print an event as a JSON object on one line
 * @f: where to
 * @ev: the event
 *
 * Keys: type (the event's name), cgroup (string), cgroup_id (number), and
 * as the type has them: class, reason (strings), pid, tgid (numbers), comm
 * (string), fields (array of the names of the overridden fields),
 * runtime_ms (number), cpus, cpuset (cpulist strings). Unknown values are
 * given as their number, in a string.
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int monitor_print_event_json(FILE *f, const struct aisched_event *ev)
{
	char num[AISCHED_NAME_MAX];
	struct json_object *obj;
	int ret;

	obj = json_object_new_object();
	if (!obj)
		return -ENOMEM;
	ret = aisched_json_add_str(obj, "type",
				   aisched_name(&aisched_event_names, ev->type, num));
	ret = ret ?: aisched_json_add_str(obj, "cgroup", ev->cgroup);
	ret = ret ?: aisched_json_add(obj, "cgroup_id",
				      json_object_new_uint64(ev->cgroup_id));
	if (ev->has_class)
		ret = ret ?: aisched_json_add_str(obj, "class",
						  aisched_name(&aisched_class_names,
							       ev->class, num));
	if (ev->type == AISCHED_EVENT_TYPE_TAG_REMOVED)
		ret = ret ?: aisched_json_add_str(obj, "reason",
						  aisched_name(&aisched_reason_names,
							       ev->reason, num));
	if (ev->has_task) {
		ret = ret ?: aisched_json_add(obj, "pid", json_object_new_uint64(ev->pid));
		ret = ret ?: aisched_json_add(obj, "tgid", json_object_new_uint64(ev->tgid));
		ret = ret ?: aisched_json_add_str(obj, "comm", ev->comm);
	}
	switch (ev->type) {
	case AISCHED_EVENT_TYPE_OVERRIDE:
		ret = ret ?: aisched_json_add(obj, "fields", override_json(ev->override));
		break;
	case AISCHED_EVENT_TYPE_DEMOTION:
		ret = ret ?: aisched_json_add(obj, "runtime_ms",
					      json_object_new_uint64(ev->runtime_ms));
		break;
	case AISCHED_EVENT_TYPE_CONFLICT:
		ret = ret ?: aisched_json_add(obj, "cpus", cpus_json(&ev->cpus));
		ret = ret ?: aisched_json_add(obj, "cpuset", cpus_json(&ev->cpuset));
		break;
	}
	ret = ret ?: aisched_json_print(f, obj);
	json_object_put(obj);
	return ret;
}

struct monitor_state {
	const struct monitor_opts *o;
	uint64_t seen;
};

static int event_cb(struct nlmsghdr *nlh, void *arg)
{
	struct monitor_state *st = arg;
	struct aisched_event ev;
	int ret;

	ret = monitor_decode_event(nlh, &ev);
	if (ret == 1) {
		monitor_free_event(&ev);
		return 0;
	}
	if (!ret) {
		ret = st->o->json ? monitor_print_event_json(aisched_out, &ev)
				  : monitor_print_event(aisched_out, &ev);
		aisched_print_checked(ret);
	}
	monitor_free_event(&ev);
	if (ret)
		return ret;
	if (fflush(aisched_out) || ferror(aisched_out)) {
		fprintf(aisched_err, "aisched: writing output: %s\n", strerror(errno));
		return -EIO;
	}
	st->seen++;
	return st->o->has_count && st->seen >= st->o->count;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/*
 * Wait for events with SIGINT and SIGTERM blocked except in ppoll(), so
 * that a signal can never slip in between the check of stop and the wait.
 */
static int wait_events(struct aisched_nl *nl, struct monitor_state *st,
		       const sigset_t *waitmask)
{
	struct pollfd pfd = { .fd = aisched_nl_fd(nl), .events = POLLIN };
	int ret;

	if (st->o->has_count && !st->o->count)
		return 0;
	while (!stop) {
		if (ppoll(&pfd, 1, NULL, waitmask) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(aisched_err, "aisched: waiting for events: %s\n",
				strerror(errno));
			return -errno;
		}
		ret = aisched_nl_read_events(nl, event_cb, st);
		if (ret)
			return ret < 0 ? ret : 0;
	}
	return 0;
}

/**
 * monitor_main() - "aisched monitor"
 * @argc: argument count
 * @argv: arguments, argv[0] being "monitor"
 *
 * Return: the exit status: 0 after --count events or a SIGINT or SIGTERM,
 * 1 if the events cannot be received or one breaks the spec.
 */
int monitor_main(int argc, char *argv[])
{
	struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
	struct monitor_state st = { 0 };
	sigset_t block, saved, waitmask;
	struct aisched_nl *nl;
	struct monitor_opts o;
	int ret;

	ret = monitor_parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (o.help) {
		monitor_usage(aisched_out);
		return AISCHED_EXIT_OK;
	}
	st.o = &o;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &saved);
	waitmask = saved;
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGTERM);
	sigemptyset(&sa.sa_mask);
	stop = 0;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);

	ret = AISCHED_EXIT_FAIL;
	nl = aisched_nl_open();
	if (nl) {
		if (!aisched_nl_subscribe(nl, AISCHED_MCGRP_EVENTS) &&
		    !wait_events(nl, &st, &waitmask))
			ret = AISCHED_EXIT_OK;
		aisched_nl_close(nl);
	}

	/* A signal still pending goes to on_signal(), not the default. */
	sigprocmask(SIG_SETMASK, &saved, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	return ret;
}
