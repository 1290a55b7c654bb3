// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: whole commands of the tool, against a kernel whose
 * every answer is fuzz input.
 *
 * The tool runs as it is, from aisched_main(), on one of the command lines
 * of command_lines[]. The link wraps (ld --wrap, see the Makefile) the few
 * libnl and libc calls that would reach the kernel, so that nothing is
 * sent and what is received comes from the input:
 *
 *   genl_connect(), genl_ctrl_resolve(), genl_ctrl_resolve_grp(),
 *   nl_socket_add_membership()
 *	succeed without a socket (the family lookup fails if the input's
 *	first byte has bit 7 set: the module is not loaded);
 *   nl_send_auto()
 *	completes the request (port, sequence number), sends nothing;
 *   nl_cb_alloc()
 *	makes libnl's receive loop read the input's datagrams
 *	(nl_cb_overwrite_recv()), so that libnl's own checks of what it
 *	receives (lengths, sequence numbers, ACK, error and DONE messages)
 *	run as they do for real, and then nl.c's and the decoders';
 *   recvfrom(), ppoll()
 *	the same for the events group (monitor); once the input is used up,
 *	ppoll() lets a SIGTERM in, which ends monitor as it would a user's.
 *
 * Input: one byte, the command line's index in command_lines[] (bit 7:
 * see above); then messages, each [kind: 1 byte][flags: 2][length: 2]
 * [body: length bytes], numbers little-endian. kind & 7 is the message's
 * type (0 NLMSG_ERROR, 1 NLMSG_DONE, 2 NLMSG_NOOP, else the family's);
 * kind & 0x80 starts a new datagram; kind & 0x40 gives the message a
 * sequence number other than the request's; kind & 0x20 has the datagram
 * come from a port other than the kernel's. The harness writes each
 * nlmsghdr around its body, with the body's length, since libnl, which
 * checks it, is not instrumented for the fuzzer to learn it from.
 *
 * show and tag need a cgroup directory: a directory made at start-up under
 * $TMPDIR, with a memory.numa_stat and a cgroup.threads that lists this
 * thread, and removed at exit.
 */

#define _GNU_SOURCE	/* ppoll(), gettid() */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "fuzz.h"

#include "aisched.h"

#define FUZZ_GROUP	7	/* the events group's id: any */
#define KIND_TYPE	0x07
#define KIND_DATAGRAM	0x20	/* kind & 0x20: from another port */
#define KIND_SEQ	0x40
#define KIND_NEW	0x80
#define SEL_NO_FAMILY	0x80

/* "@" is the cgroup directory made at start-up. */
static const char *const command_lines[][12] = {
	{ "info" },
	{ "info", "--json" },
	{ "info", "--node", "1" },
	{ "info", "-j", "-n", "0" },
	{ "gpus" },
	{ "gpus", "--json" },
	{ "gpus", "set", "0", "--node", "1" },
	{ "gpus", "set", "0000:17:00.0", "--node", "auto", "--json" },
	{ "pool" },
	{ "pool", "--json" },
	{ "pool", "set", "--node", "1", "--pages", "512" },
	{ "pool", "set", "--node", "0", "--pages", "0", "--json" },
	{ "tag", "@", "--class", "training" },
	{ "tag", "@", "--class", "inference", "--nice", "-5", "--cpus", "0-3",
	  "--gpu", "0", "--json" },
	{ "untag", "@" },
	{ "untag", "--id", "42" },
	{ "list" },
	{ "list", "@", "--json" },
	{ "show", "@" },
	{ "show", "@", "--json" },
	{ "monitor" },
	{ "monitor", "--json", "--count", "2" },
};

/* What the "kernel" has left to say, and what it answers. */
static struct {
	const uint8_t *data;
	size_t size;
	size_t pos;
	bool no_family;
	uint32_t seq;
	uint32_t port;
} feed;

static char cgroup_dir[256];

/* Little-endian, whatever the host: the seeds are files. */
static uint16_t get16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

/*
 * The next datagram: its messages, each with its nlmsghdr, in one heap
 * block of exactly its length. Return: its length, or 0 if the input is
 * used up.
 */
static size_t next_datagram(unsigned char **out, bool *foreign)
{
	unsigned char *buf = NULL;
	size_t len = 0, body;
	struct nlmsghdr *nlh;
	uint8_t kind;
	bool first = true;

	*foreign = false;
	while (feed.pos + 5 <= feed.size) {
		kind = feed.data[feed.pos];
		if (!first && (kind & KIND_NEW))
			break;
		body = get16(feed.data + feed.pos + 3);
		if (body > feed.size - feed.pos - 5)
			body = feed.size - feed.pos - 5;
		buf = realloc(buf, len + NLMSG_ALIGN(NLMSG_HDRLEN + body));
		if (!buf)
			abort();
		nlh = (struct nlmsghdr *)(buf + len);
		memset(nlh, 0, NLMSG_ALIGN(NLMSG_HDRLEN + body));
		nlh->nlmsg_len = NLMSG_HDRLEN + body;
		switch (kind & KIND_TYPE) {
		case 0:
			nlh->nlmsg_type = NLMSG_ERROR;
			break;
		case 1:
			nlh->nlmsg_type = NLMSG_DONE;
			break;
		case 2:
			nlh->nlmsg_type = NLMSG_NOOP;
			break;
		default:
			nlh->nlmsg_type = FUZZ_FAMILY;
		}
		nlh->nlmsg_flags = get16(feed.data + feed.pos + 1);
		nlh->nlmsg_seq = feed.seq + !!(kind & KIND_SEQ);
		nlh->nlmsg_pid = feed.port;
		memcpy(NLMSG_DATA(nlh), feed.data + feed.pos + 5, body);
		*foreign |= kind & KIND_DATAGRAM;
		feed.pos += 5 + body;
		/* No padding after the last message: a datagram ends there. */
		len += NLMSG_ALIGN(NLMSG_HDRLEN + body);
		first = false;
	}
	if (!len)
		return 0;
	len -= NLMSG_ALIGN(nlh->nlmsg_len) - nlh->nlmsg_len;
	*out = buf;
	return len;
}

static bool feed_done(void)
{
	return feed.pos + 5 > feed.size;
}

/* libnl's receive, for nl_cb_overwrite_recv(); libnl frees *buf. */
static int feed_recv(struct nl_sock *sk, struct sockaddr_nl *nla,
		     unsigned char **buf, struct ucred **creds)
{
	bool foreign;
	size_t len;

	(void)sk;
	len = next_datagram(buf, &foreign);
	if (!len)
		return -NLE_AGAIN;	/* as a socket that has nothing more */
	memset(nla, 0, sizeof(*nla));
	nla->nl_family = AF_NETLINK;
	nla->nl_pid = foreign;
	*creds = NULL;
	return len;
}

int __wrap_genl_connect(struct nl_sock *sk);
int __wrap_genl_ctrl_resolve(struct nl_sock *sk, const char *name);
int __wrap_genl_ctrl_resolve_grp(struct nl_sock *sk, const char *family,
				 const char *grp);
int __wrap_nl_socket_add_membership(struct nl_sock *sk, int group);
int __wrap_nl_send_auto(struct nl_sock *sk, struct nl_msg *msg);
struct nl_cb *__real_nl_cb_alloc(enum nl_cb_kind kind);
struct nl_cb *__wrap_nl_cb_alloc(enum nl_cb_kind kind);
ssize_t __wrap_recvfrom(int fd, void *buf, size_t size, int flags,
			struct sockaddr *from, socklen_t *fromlen);
int __real_ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *t,
		 const sigset_t *mask);
int __wrap_ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *t,
		 const sigset_t *mask);

int __wrap_genl_connect(struct nl_sock *sk)
{
	(void)sk;
	return 0;
}

int __wrap_genl_ctrl_resolve(struct nl_sock *sk, const char *name)
{
	(void)sk;
	(void)name;
	return feed.no_family ? -NLE_OBJ_NOTFOUND : FUZZ_FAMILY;
}

int __wrap_genl_ctrl_resolve_grp(struct nl_sock *sk, const char *family,
				 const char *grp)
{
	(void)sk;
	(void)family;
	(void)grp;
	return FUZZ_GROUP;
}

int __wrap_nl_socket_add_membership(struct nl_sock *sk, int group)
{
	(void)sk;
	(void)group;
	return 0;
}

int __wrap_nl_send_auto(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	nl_complete_msg(sk, msg);
	feed.seq = nlh->nlmsg_seq;
	feed.port = nlh->nlmsg_pid;
	return nlh->nlmsg_len;
}

struct nl_cb *__wrap_nl_cb_alloc(enum nl_cb_kind kind)
{
	struct nl_cb *cb = __real_nl_cb_alloc(kind);

	if (cb)
		nl_cb_overwrite_recv(cb, feed_recv);
	return cb;
}

ssize_t __wrap_recvfrom(int fd, void *buf, size_t size, int flags,
			struct sockaddr *from, socklen_t *fromlen)
{
	struct sockaddr_nl nla = { .nl_family = AF_NETLINK };
	unsigned char *dgram;
	bool foreign;
	size_t len;

	(void)fd;
	(void)flags;
	len = next_datagram(&dgram, &foreign);
	if (!len) {
		errno = EAGAIN;
		return -1;
	}
	/* A datagram longer than the buffer is cut, as recvfrom() cuts it. */
	memcpy(buf, dgram, len < size ? len : size);
	free(dgram);
	nla.nl_pid = foreign;
	memcpy(from, &nla, *fromlen < sizeof(nla) ? *fromlen : sizeof(nla));
	*fromlen = sizeof(nla);
	return len < size ? len : size;
}

int __wrap_ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *t,
		 const sigset_t *mask)
{
	static const struct timespec now;

	(void)t;
	if (!feed_done()) {
		fds[0].revents = POLLIN;
		return 1;
	}
	/* Pending until @mask lets monitor's handler have it. */
	raise(SIGTERM);
	return __real_ppoll(fds, nfds, &now, mask);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "we");
	if (!f || fputs(text, f) < 0 || fclose(f))
		abort();
}

static void remove_cgroup_dir(void)
{
	static const char *const files[] = {
		"sub/cgroup.threads", "sub", "memory.numa_stat",
		"cgroup.threads", "",
	};
	char path[512];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", cgroup_dir, files[i]);
		remove(path);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char sub[512], tid[16];

	(void)argc;
	(void)argv;
	snprintf(cgroup_dir, sizeof(cgroup_dir), "%s/aisched-fuzz-XXXXXX",
		 tmp && tmp[0] ? tmp : P_tmpdir);
	if (!mkdtemp(cgroup_dir))
		abort();
	atexit(remove_cgroup_dir);
	snprintf(tid, sizeof(tid), "%d\n", (int)gettid());
	write_file(cgroup_dir, "cgroup.threads", tid);
	write_file(cgroup_dir, "memory.numa_stat",
		   "anon N0=1572864 N1=67108864\nfile N0=0 N1=4096\n");
	snprintf(sub, sizeof(sub), "%s/sub", cgroup_dir);
	if (mkdir(sub, 0755))
		abort();
	write_file(sub, "cgroup.threads", "");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[ARRAY_SIZE(command_lines[0]) + 2];
	const char *const *line;
	size_t sel;
	int argc;

	if (!size)
		return 0;
	sel = data[0] & ~SEL_NO_FAMILY;
	if (sel >= ARRAY_SIZE(command_lines))
		return 0;
	memset(&feed, 0, sizeof(feed));
	feed.data = data;
	feed.size = size;
	feed.pos = 1;
	feed.no_family = data[0] & SEL_NO_FAMILY;

	line = command_lines[sel];
	argv[0] = "aisched";
	for (argc = 1; line[argc - 1]; argc++)
		argv[argc] = (char *)(strcmp(line[argc - 1], "@") ?
				      line[argc - 1] : cgroup_dir);
	argv[argc] = NULL;
	aisched_main(argc, argv);
	return 0;
}
