// SPDX-License-Identifier: GPL-2.0
/*
 * Generic-netlink I/O for the aisched family.
 *
 * The socket asks for extended ACKs, so that every rejection comes back with
 * the kernel's reason, and for capped ACKs, since the request is at hand to
 * resolve NLMSGERR_ATTR_OFFS against. Every error is printed here, once, in
 * the same words for the tool and the test helpers:
 *
 *   aisched: kernel: <extack message>
 *   aisched: kernel: missing attribute <type>
 *   aisched: <what>: <strerror>[ (are you root?)]
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/aisched.h>
#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "aisched.h"
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* The largest errno the kernel has (MAX_ERRNO, include/linux/err.h). */
#define MAX_ERRNO	4095

/*
 * Where the commands print (aisched.h). Here, because every program that
 * talks to the module links nl.c, the test helpers too.
 */
__thread FILE *aisched_out_stream;
__thread FILE *aisched_err_stream;

/**
 * aisched_streams_set() - where this thread's commands print
 * @out: instead of stdout, or NULL for stdout
 * @err: instead of stderr, or NULL for stderr
 */
void aisched_streams_set(FILE *out, FILE *err)
{
	aisched_out_stream = out;
	aisched_err_stream = err;
}

struct aisched_nl {
	struct nl_sock *sk;
	int family;
	struct aisched_nl_error last;
	const char *const *attr_names;
	int attr_max;
};

/* State of one request while its replies are read. */
struct aisched_nl_req {
	struct aisched_nl *nl;
	const struct nlmsghdr *req;
	int (*cb)(struct nl_msg *msg, void *arg);
	void *arg;
	int cb_err;
	bool done;
};

static void reset_error(struct aisched_nl_error *e)
{
	e->error = 0;
	e->msg[0] = '\0';
	e->bad_offset = -1;
	e->bad_attr = -1;
	e->miss_type = -1;
	e->miss_nest = -1;
}

static int get_u32(const struct nlattr *a, long *out)
{
	if (nla_len(a) != sizeof(uint32_t))
		return -EINVAL;
	*out = nla_get_u32((struct nlattr *)a);
	return 0;
}

/*
 * Decode the NLMSGERR_ATTR_* TLVs of an ACK, an error or a DONE message.
 * Unknown and malformed TLVs are skipped: they only add detail.
 */
static void parse_ext_ack(struct aisched_nl_req *rq, struct nlattr *head, int len)
{
	struct aisched_nl_error *e = &rq->nl->last;
	const struct nlmsghdr *req = rq->req;
	struct nlattr *a;
	size_t n;
	int rem;

	nla_for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case NLMSGERR_ATTR_MSG:
			n = strnlen(nla_data(a), nla_len(a));
			if (n >= sizeof(e->msg))
				n = sizeof(e->msg) - 1;
			memcpy(e->msg, nla_data(a), n);
			e->msg[n] = '\0';
			break;
		case NLMSGERR_ATTR_OFFS:
			get_u32(a, &e->bad_offset);
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			get_u32(a, &e->miss_type);
			break;
		case NLMSGERR_ATTR_MISS_NEST:
			get_u32(a, &e->miss_nest);
			break;
		}
	}

	/* Name the attribute the offset points at, within our own request. */
	if (e->bad_offset >= (long)(NLMSG_HDRLEN + GENL_HDRLEN) &&
	    e->bad_offset + NLA_HDRLEN <= (long)req->nlmsg_len)
		e->bad_attr = nla_type((const struct nlattr *)
				       ((const char *)req + e->bad_offset));
}

/*
 * The error of an error or DONE message as a negative errno. A positive one
 * is taken as its negation; one beyond the errnos is no error the kernel
 * has, and a broken message (INT_MIN, for one, has no errno to print).
 */
static int kernel_errno(int error)
{
	if (error > 0)
		error = -error;
	return error < -MAX_ERRNO ? -EBADMSG : error;
}

static void parse_nlmsgerr(struct aisched_nl_req *rq, const struct nlmsgerr *err)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)
				     ((const char *)err - NLMSG_HDRLEN);
	size_t hlen = sizeof(*err);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* Unless capped, the request follows, padded to NLMSG_ALIGNTO. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (err->msg.nlmsg_len < NLMSG_HDRLEN)
			return;
		hlen += err->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	hlen = NLMSG_ALIGN(hlen);
	if (nlh->nlmsg_len <= NLMSG_HDRLEN + hlen)
		return;
	parse_ext_ack(rq, (struct nlattr *)((char *)err + hlen),
		      nlh->nlmsg_len - NLMSG_HDRLEN - hlen);
}

static int error_cb(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct aisched_nl_req *rq = arg;

	(void)nla;
	rq->done = true;
	rq->nl->last.error = kernel_errno(err->error);
	parse_nlmsgerr(rq, err);
	return NL_STOP;
}

static int ack_cb(struct nl_msg *msg, void *arg)
{
	struct aisched_nl_req *rq = arg;

	rq->done = true;
	/* A successful request may still carry a warning. */
	parse_nlmsgerr(rq, nlmsg_data(nlmsg_hdr(msg)));
	if (rq->nl->last.msg[0])
		fprintf(aisched_err, "aisched: kernel: warning: %s\n", rq->nl->last.msg);
	return NL_STOP;
}

/* The end of a dump carries the dump's error, if any, and its message. */
static int finish_cb(struct nl_msg *msg, void *arg)
{
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct aisched_nl_req *rq = arg;
	int hlen = NLMSG_ALIGN(sizeof(int));
	int err;

	rq->done = true;
	if (nlmsg_datalen(nlh) < (int)sizeof(int))
		return NL_STOP;
	memcpy(&err, nlmsg_data(nlh), sizeof(err));
	if (err >= 0)
		return NL_STOP;
	rq->nl->last.error = kernel_errno(err);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && nlmsg_datalen(nlh) > hlen)
		parse_ext_ack(rq, (struct nlattr *)((char *)nlmsg_data(nlh) + hlen),
			      nlmsg_datalen(nlh) - hlen);
	return NL_STOP;
}

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct aisched_nl_req *rq = arg;
	int ret;

	/* After a decoding error, read on to the end but ignore the rest. */
	if (!rq->cb || rq->cb_err)
		return NL_SKIP;
	ret = rq->cb(msg, rq->arg);
	if (ret < 0)
		rq->cb_err = ret;
	return NL_OK;
}

static int nlerr_to_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	default:
		return -EIO;
	}
}

/**
 * aisched_nl_print_error() - print why the kernel refused a request
 * @f: where to (stderr)
 * @e: what the kernel said
 * @what: what the request does, for messages
 * @attr_name: the name, for people, of the attribute the kernel blamed
 *	(NLMSGERR_ATTR_OFFS), such as the command-line option that set it;
 *	NULL if none
 *
 * Prints "aisched: kernel: <message>[ (<attr_name>)]" if the kernel gave a
 * message, else the missing attribute, else @what and strerror().
 */
void aisched_nl_print_error(FILE *f, const struct aisched_nl_error *e,
			    const char *what, const char *attr_name)
{
	char blame[64] = "";

	if (attr_name)
		snprintf(blame, sizeof(blame), " (%s)", attr_name);
	if (e->msg[0])
		fprintf(f, "aisched: kernel: %s%s\n", e->msg, blame);
	else if (e->miss_type >= 0)
		fprintf(f, "aisched: kernel: missing attribute %ld\n",
			e->miss_type);
	else if (e->error == -EPERM || e->error == -EACCES)
		fprintf(f, "aisched: %s: %s (are you root?)\n", what,
			strerror(-e->error));
	else
		fprintf(f, "aisched: %s: %s%s\n", what, strerror(-e->error), blame);
}

static void report(const struct aisched_nl *nl, const char *what)
{
	const struct aisched_nl_error *e = &nl->last;
	const char *name = NULL;

	if (nl->attr_names && e->bad_attr >= 0 && e->bad_attr <= nl->attr_max)
		name = nl->attr_names[e->bad_attr];
	aisched_nl_print_error(aisched_err, e, what, name);
}

/**
 * aisched_nl_open() - open a generic-netlink socket to the aisched family
 *
 * Resolves the family by name and enables extended ACKs. Prints why on
 * failure; a missing family means the module is not loaded and says so.
 *
 * Return: the handle, to be closed with aisched_nl_close(), or NULL.
 */
struct aisched_nl *aisched_nl_open(void)
{
	struct aisched_nl *nl;
	int one = 1;
	int fd, ret;

	nl = calloc(1, sizeof(*nl));
	if (!nl)
		goto err_nomem;
	reset_error(&nl->last);
	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		goto err_nomem;

	ret = genl_connect(nl->sk);
	if (ret < 0) {
		fprintf(aisched_err, "aisched: opening a generic netlink socket: %s\n",
			nl_geterror(ret));
		goto err;
	}

	/* Best effort: without them the kernel answers, only less helpfully. */
	fd = nl_socket_get_fd(nl->sk);
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	ret = genl_ctrl_resolve(nl->sk, AISCHED_FAMILY_NAME);
	if (ret == -NLE_OBJ_NOTFOUND) {
		fputs("aisched: the aisched module is not loaded (run: modprobe aisched)\n",
		      aisched_err);
		goto err;
	}
	if (ret < 0) {
		fprintf(aisched_err, "aisched: looking up the %s netlink family: %s\n",
			AISCHED_FAMILY_NAME, nl_geterror(ret));
		goto err;
	}
	nl->family = ret;
	return nl;

err_nomem:
	fputs("aisched: out of memory\n", aisched_err);
err:
	aisched_nl_close(nl);
	return NULL;
}

/**
 * aisched_nl_close() - close a handle from aisched_nl_open()
 * @nl: the handle; NULL is allowed
 */
void aisched_nl_close(struct aisched_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sk);
	free(nl);
}

/**
 * aisched_nl_msg() - allocate a request to the aisched family
 * @nl: handle from aisched_nl_open()
 * @cmd: AISCHED_CMD_*
 * @flags: extra netlink flags, e.g. NLM_F_DUMP; NLM_F_REQUEST and NLM_F_ACK
 *	are added when it is sent
 *
 * Return: the message with its generic-netlink header, ready for nla_put*(),
 * or NULL (having printed why).
 */
struct nl_msg *aisched_nl_msg(struct aisched_nl *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc();
	if (!msg)
		goto err_nomem;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, AISCHED_FAMILY_VERSION)) {
		nlmsg_free(msg);
		goto err_nomem;
	}
	return msg;

err_nomem:
	fputs("aisched: out of memory\n", aisched_err);
	return NULL;
}

/**
 * aisched_nl_request() - send a request and read its replies
 * @nl: handle from aisched_nl_open()
 * @msg: request from aisched_nl_msg(); always consumed
 * @cb: called for each reply message (once for a do, once per object for
 *	a dump); returns NL_OK, or a negative errno to fail the request after
 *	having printed why. Replies after a failure are read and dropped. May
 *	be NULL.
 * @arg: passed to @cb
 * @what: what the request does, for messages ("getting node 3")
 *
 * Waits for the ACK of a do or the end of a dump. If the kernel refuses the
 * request, prints its extack message, or @what and strerror() if it gave
 * none. The details stay available through aisched_nl_last_error().
 *
 * Return: 0, or a negative errno (the kernel's, or @cb's).
 */
int aisched_nl_request(struct aisched_nl *nl, struct nl_msg *msg,
		       int (*cb)(struct nl_msg *msg, void *arg), void *arg,
		       const char *what)
{
	struct aisched_nl_req rq = {
		.nl = nl,
		.req = nlmsg_hdr(msg),
		.cb = cb,
		.arg = arg,
	};
	struct nl_cb *nlcb;
	int ret;

	reset_error(&nl->last);
	nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nlcb) {
		fputs("aisched: out of memory\n", aisched_err);
		ret = -ENOMEM;
		goto out_free;
	}
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, &rq);
	nl_cb_set(nlcb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, &rq);
	nl_cb_set(nlcb, NL_CB_FINISH, NL_CB_CUSTOM, finish_cb, &rq);
	nl_cb_err(nlcb, NL_CB_CUSTOM, error_cb, &rq);

	ret = nl_send_auto(nl->sk, msg);
	if (ret < 0) {
		fprintf(aisched_err, "aisched: %s: sending: %s\n", what, nl_geterror(ret));
		ret = nlerr_to_errno(ret);
		goto out_put;
	}

	while (!rq.done) {
		ret = nl_recvmsgs(nl->sk, nlcb);
		if (ret < 0 && !rq.done) {
			fprintf(aisched_err, "aisched: %s: receiving: %s\n", what,
				nl_geterror(ret));
			ret = nlerr_to_errno(ret);
			nl->last.error = ret;
			goto out_put;
		}
	}

	if (nl->last.error) {
		report(nl, what);
		ret = nl->last.error;
	} else {
		ret = rq.cb_err;
	}

out_put:
	nl_cb_put(nlcb);
out_free:
	nlmsg_free(msg);
	return ret;
}

/**
 * aisched_nl_name_attrs() - name the request's attributes in error messages
 * @nl: handle from aisched_nl_open()
 * @names: indexed by attribute type: the name to print after the kernel's
 *	message when it blames that attribute, e.g. "--nice"; NULL entries
 *	add nothing. NULL for no names. Must outlive the requests.
 * @max: highest index of @names
 *
 * Applies to the requests that follow. Only top-level attributes are
 * named.
 */
void aisched_nl_name_attrs(struct aisched_nl *nl, const char *const *names,
			   int max)
{
	nl->attr_names = names;
	nl->attr_max = max;
}

/**
 * aisched_nl_subscribe() - join one of the family's multicast groups
 * @nl: handle from aisched_nl_open()
 * @group: the group's name, e.g. AISCHED_MCGRP_EVENTS
 *
 * Resolves the group through the generic-netlink controller and joins it.
 * From then on, read the group's messages with aisched_nl_read_events()
 * when aisched_nl_fd() is readable; the handle is for that use only.
 *
 * Return: 0, or a negative errno having printed why.
 */
int aisched_nl_subscribe(struct aisched_nl *nl, const char *group)
{
	int ret;

	ret = genl_ctrl_resolve_grp(nl->sk, AISCHED_FAMILY_NAME, group);
	if (ret == -NLE_OBJ_NOTFOUND) {
		fprintf(aisched_err, "aisched: the loaded aisched module has no \"%s\" group (is it older than the tool?)\n",
			group);
		return -ENOENT;
	}
	if (ret < 0) {
		fprintf(aisched_err, "aisched: looking up the %s group: %s\n", group,
			nl_geterror(ret));
		return nlerr_to_errno(ret);
	}
	/* Room for bursts (capped by net.core.rmem_max); best effort. */
	(void)nl_socket_set_buffer_size(nl->sk, 1 << 20, 0);
	ret = nl_socket_add_membership(nl->sk, ret);
	if (ret < 0) {
		fprintf(aisched_err, "aisched: joining the %s group: %s\n", group,
			nl_geterror(ret));
		return nlerr_to_errno(ret);
	}
	return 0;
}

/**
 * aisched_nl_fd() - the handle's socket, to wait on with poll()
 * @nl: handle from aisched_nl_open()
 *
 * Return: the file descriptor.
 */
int aisched_nl_fd(const struct aisched_nl *nl)
{
	return nl_socket_get_fd(nl->sk);
}

/**
 * aisched_nl_read_events() - read the notifications waiting on the socket
 * @nl: handle subscribed with aisched_nl_subscribe()
 * @cb: called for each message of the family from the kernel; returns 0
 *	to go on, a positive number to stop, or a negative errno (having
 *	printed why) to fail
 * @arg: passed to @cb
 *
 * Does not block: reads what one recv() returns, if anything. Messages of
 * other families and from other senders than the kernel are dropped. If
 * the kernel had to drop notifications because the socket's buffer was
 * full, says so on stderr and goes on.
 *
 * Return: 0 if @cb wants more, a positive number if it asked to stop, or a
 * negative errno.
 */
int aisched_nl_read_events(struct aisched_nl *nl,
			   int (*cb)(struct nlmsghdr *nlh, void *arg), void *arg)
{
	static char buf[65536] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct sockaddr_nl from;
	socklen_t fromlen = sizeof(from);
	struct nlmsghdr *nlh;
	ssize_t len;
	int ret;

	len = recvfrom(aisched_nl_fd(nl), buf, sizeof(buf), MSG_DONTWAIT,
		       (struct sockaddr *)&from, &fromlen);
	if (len < 0) {
		ret = errno;
		if (ret == EAGAIN || ret == EWOULDBLOCK || ret == EINTR)
			return 0;
		if (ret == ENOBUFS) {
			fputs("aisched: events were lost: the socket's receive buffer overflowed\n",
			      aisched_err);
			return 0;
		}
		fprintf(aisched_err, "aisched: receiving events: %s\n", strerror(ret));
		return -ret;
	}
	if (from.nl_pid != 0)
		return 0;
	for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
	     nlh = NLMSG_NEXT(nlh, len)) {
		if (nlh->nlmsg_type != nl->family)
			continue;
		ret = cb(nlh, arg);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * aisched_nl_last_error() - details of the last request's outcome
 * @nl: handle from aisched_nl_open()
 *
 * Return: valid until the next request on @nl.
 */
const struct aisched_nl_error *aisched_nl_last_error(const struct aisched_nl *nl)
{
	return &nl->last;
}
