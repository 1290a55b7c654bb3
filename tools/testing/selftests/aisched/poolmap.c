// SPDX-License-Identifier: GPL-2.0
/*
 * poolmap: map huge-page pool memory from /dev/aisched and report what the
 * kernel did with it.
 *
 * Usage: poolmap [options] LEN
 *
 *   LEN      bytes to map; a K or M suffix multiplies by 1024 or 1048576
 *   -a       map anonymous private memory in 4 KiB pages instead
 *            (MADV_NOHUGEPAGE), the baseline the pool's figures are
 *            compared with; /dev/aisched is not opened
 *   -P       MAP_PRIVATE instead of MAP_SHARED
 *   -o OFF   map at file offset OFF (bytes)
 *   -A       MAP_FIXED at an address 1 MiB past a 2 MiB boundary
 *   -z       read every byte first: zero=yes if all are 0, else zero=no
 *   -w BYTE  then write BYTE (decimal) to every byte
 *   -c BYTE  then check every byte is BYTE: check=ok or check=bad
 *   -n       then report each 4 KiB page's node (move_pages(2), nodes NULL):
 *            node0=A node1=B missing=M
 *   -v       report VmPTE (kB, /proc/self/status) before mapping and after
 *            the writes: vmpte_before=K vmpte_after=K
 *   -s       report the area's smaps: smaps_rss=K smaps_flags=FLAG,FLAG...
 *            smaps_name=PATH ("-" for none)
 *   -d FILE  read the area's first 2 MiB from FILE with O_DIRECT:
 *            odirect=ok or odirect=ERRNO
 *   -R       register the whole area as an io_uring fixed buffer
 *            (IORING_REGISTER_BUFFERS, a long-term pin): uring=ok or
 *            uring=ERRNO; uring_setup=ERRNO if io_uring_setup(2) fails
 *   -I       ioctl(2) on the device (request 0): ioctl=ok or ioctl=ERRNO
 *   -V FIFO  vmsplice(2) the first 4 KiB of each 2 MiB of the area (16 at
 *            most, the pipe's default size) into FIFO, a pipe opened for
 *            writing without blocking: vmsplice=BYTES or vmsplice=ERRNO
 *   -f       fork after the writes: the child checks it sees BYTE (-w) and
 *            writes 0x5a to the area's last byte; the parent then reads it:
 *            fork_child=ok|bad fork_shared=yes|no
 *   -F       fork a sharer: a child that keeps the area and sleeps until
 *            killed (its stdout and stderr /dev/null): sharer=PID
 *   -u OP    try OP on the area: munmap-part, mprotect-part, mremap-grow,
 *            mremap-shrink, mremap-move, munmap-all, mprotect-all (read
 *            only): OP=ok or OP=ERRNO; then, if the area is still there
 *            (OP failed, or mprotect-all), intact=yes|no: every byte still
 *            BYTE (-w), or 0
 *   -H       hold: after the report, print "ready" and sleep until killed;
 *            on each SIGUSR1 check the area again and print recheck=ok|bad
 *            (every byte BYTE (-w), or 0)
 *
 * One line on stdout: mmap=ok (or mmap=ERRNO and exit 1), then the items
 * asked for, in the order above. ERRNO is a name (EINVAL) or a number.
 * Exit status: 0 ok, 1 mmap failed, 2 bad usage, 3 a system call other
 * than mmap failed.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/io_uring.h>

#define PAGE		4096UL
#define HPAGE		(2UL << 20)
#define MAX_NODES	64
#define CHUNK		1024	/* pages per move_pages() call */
#define PIPE_BUFS	16	/* a pipe's default number of buffers */

static const char *prog = "poolmap";

static const char *errname(int err)
{
	static char buf[16];

	switch (err) {
	case EPERM:	return "EPERM";
	case ENOENT:	return "ENOENT";
	case EINTR:	return "EINTR";
	case EIO:	return "EIO";
	case EBADF:	return "EBADF";
	case ENOMEM:	return "ENOMEM";
	case EACCES:	return "EACCES";
	case EFAULT:	return "EFAULT";
	case EBUSY:	return "EBUSY";
	case ENODEV:	return "ENODEV";
	case EINVAL:	return "EINVAL";
	case ENOSPC:	return "ENOSPC";
	case EAGAIN:	return "EAGAIN";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOSYS:	return "ENOSYS";
	case ENOTTY:	return "ENOTTY";
	}
	snprintf(buf, sizeof(buf), "%d", err);
	return buf;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: %s [-a] [-P] [-o OFF] [-A] [-z] [-w BYTE] [-c BYTE] [-n] [-v] [-s] [-d FILE] [-R] [-I] [-V FIFO] [-f] [-F] [-u OP] [-H] LEN\n",
		prog);
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
	exit(3);
}

static unsigned long parse_len(const char *s)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s)
		usage();
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	if (*end)
		usage();
	return v;
}

static int parse_byte(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < 0 || v > 255)
		usage();
	return v;
}

/* VmPTE of this process, in kB. */
static long vmpte(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	if (!f)
		die("/proc/self/status");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmPTE: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* The area's Rss, VmFlags and name (256 bytes) from /proc/self/smaps. */
static void smaps(unsigned long addr, long *rss, char *flags, size_t size,
		  char *name)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	unsigned long start, end;
	char line[512];
	int here = 0, n;

	if (!f)
		die("/proc/self/smaps");
	*rss = -1;
	snprintf(flags, size, "-");
	strcpy(name, "-");
	while (fgets(line, sizeof(line), f)) {
		char path[256];

		n = sscanf(line, "%lx-%lx %*s %*s %*s %*s %255s", &start, &end,
			   path);
		if (n >= 2 && strchr(line, '-') < strchr(line, ' ')) {
			here = start == addr;
			if (here && n == 3)
				strcpy(name, path);
			continue;
		}
		if (!here)
			continue;
		if (sscanf(line, "Rss: %ld kB", rss) == 1)
			continue;
		if (!strncmp(line, "VmFlags:", 8)) {
			char *p = line + 8, *out = flags;
			size_t n;

			while (*p == ' ')
				p++;
			n = strcspn(p, "\n");
			if (n >= size)
				n = size - 1;
			memcpy(out, p, n);
			out[n] = '\0';
			for (; *out; out++)
				if (*out == ' ')
					*out = ',';
			if (out > flags && out[-1] == ',')
				out[-1] = '\0';
		}
	}
	fclose(f);
}

static void nodes(char *area, unsigned long len)
{
	unsigned long count[MAX_NODES] = { 0 }, missing = 0, i, n, j;
	int status[CHUNK], maxnode = 1;
	void *pages[CHUNK];

	for (i = 0; i < len / PAGE; i += n) {
		n = len / PAGE - i < CHUNK ? len / PAGE - i : CHUNK;
		for (j = 0; j < n; j++)
			pages[j] = area + (i + j) * PAGE;
		if (syscall(SYS_move_pages, 0, n, pages, NULL, status, 0))
			die("move_pages");
		for (j = 0; j < n; j++) {
			if (status[j] < 0 || status[j] >= MAX_NODES) {
				missing++;
				continue;
			}
			count[status[j]]++;
			if (status[j] > maxnode)
				maxnode = status[j];
		}
	}
	for (i = 0; i <= (unsigned long)maxnode; i++)
		printf(" node%lu=%lu", i, count[i]);
	printf(" missing=%lu", missing);
}

static int check(const char *area, unsigned long len, int byte)
{
	unsigned long i;

	for (i = 0; i < len; i++)
		if ((unsigned char)area[i] != byte)
			return 0;
	return 1;
}

static void odirect(char *area, const char *file)
{
	int fd = open(file, O_RDONLY | O_DIRECT);
	ssize_t n;

	if (fd < 0)
		die(file);
	n = pread(fd, area, HPAGE, 0);
	printf(" odirect=%s", n >= 0 ? "ok" : errname(errno));
	close(fd);
}

static void uring(char *area, unsigned long len)
{
	struct iovec iov = { .iov_base = area, .iov_len = len };
	struct io_uring_params params;
	int fd, ret;

	memset(&params, 0, sizeof(params));
	fd = syscall(__NR_io_uring_setup, 1, &params);
	if (fd < 0) {
		printf(" uring_setup=%s", errname(errno));
		return;
	}
	ret = syscall(__NR_io_uring_register, fd, IORING_REGISTER_BUFFERS,
		      &iov, 1);
	printf(" uring=%s", ret ? errname(errno) : "ok");
	close(fd);
}

static void splice_to(char *area, unsigned long len, const char *fifo)
{
	struct iovec iov[PIPE_BUFS];
	unsigned long i, n = len / HPAGE;
	ssize_t ret;
	int fd;

	if (n > PIPE_BUFS)
		n = PIPE_BUFS;
	for (i = 0; i < n; i++) {
		iov[i].iov_base = area + i * HPAGE;
		iov[i].iov_len = PAGE;
	}
	fd = open(fifo, O_WRONLY | O_NONBLOCK);
	if (fd < 0)
		die(fifo);
	ret = vmsplice(fd, iov, n, SPLICE_F_NONBLOCK);
	if (ret < 0)
		printf(" vmsplice=%s", errname(errno));
	else
		printf(" vmsplice=%zd", ret);
	close(fd);
}

/*
 * A child that keeps the area until killed; its output goes to /dev/null,
 * so that a reader of the parent's does not wait for it.
 */
static void sharer(void)
{
	pid_t pid;
	int fd;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		fd = open("/dev/null", O_RDWR);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 ||
		    dup2(fd, STDERR_FILENO) < 0)
			_exit(3);
		for (;;)
			pause();
	}
	printf(" sharer=%d", (int)pid);
}

static void forked(char *area, unsigned long len, int byte)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		int ok = byte < 0 || check(area, len, byte);

		area[len - 1] = 0x5a;
		_exit(ok ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	printf(" fork_child=%s fork_shared=%s",
	       WIFEXITED(status) && !WEXITSTATUS(status) ? "ok" : "bad",
	       (unsigned char)area[len - 1] == 0x5a ? "yes" : "no");
}

static void try_op(char *area, unsigned long len, const char *op, int byte)
{
	int ret, mapped;
	void *p;

	if (!strcmp(op, "munmap-part")) {
		ret = munmap(area, HPAGE);
	} else if (!strcmp(op, "munmap-all")) {
		ret = munmap(area, len);
	} else if (!strcmp(op, "mprotect-part")) {
		ret = mprotect(area, HPAGE, PROT_READ);
	} else if (!strcmp(op, "mprotect-all")) {
		ret = mprotect(area, len, PROT_READ);
	} else if (!strcmp(op, "mremap-grow")) {
		p = mremap(area, len, len + HPAGE, 0);
		ret = p == MAP_FAILED ? -1 : 0;
	} else if (!strcmp(op, "mremap-shrink")) {
		p = mremap(area, len, len - HPAGE, 0);
		ret = p == MAP_FAILED ? -1 : 0;
	} else if (!strcmp(op, "mremap-move")) {
		void *to = mmap(NULL, len + HPAGE, PROT_NONE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (to == MAP_FAILED)
			die("mmap");
		to = (void *)(((unsigned long)to + HPAGE - 1) & ~(HPAGE - 1));
		p = mremap(area, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, to);
		ret = p == MAP_FAILED ? -1 : 0;
	} else {
		usage();
	}
	mapped = ret || !strcmp(op, "mprotect-all");
	printf(" %s=%s", op, ret ? errname(errno) : "ok");
	if (mapped)
		printf(" intact=%s", check(area, len, byte < 0 ? 0 : byte) ?
		       "yes" : "no");
}

static volatile sig_atomic_t usr1;

static void on_usr1(int sig)
{
	(void)sig;
	usr1 = 1;
}

int main(int argc, char **argv)
{
	int flags = MAP_SHARED, zero = 0, wbyte = -1, cbyte = -1, fd, c;
	int want_nodes = 0, want_pte = 0, want_smaps = 0, do_fork = 0;
	int misaligned = 0, hold = 0, anon = 0, want_uring = 0, share = 0;
	int want_ioctl = 0;
	const char *direct = NULL, *op = NULL, *fifo = NULL;
	unsigned long len, off = 0;
	long pte_before = 0;
	void *hint = NULL;
	char *area;

	while ((c = getopt(argc, argv, "aPo:Azw:c:nvsd:RIV:fFu:H")) != -1) {
		switch (c) {
		case 'a': anon = 1; break;
		case 'P': flags = MAP_PRIVATE; break;
		case 'o': off = parse_len(optarg); break;
		case 'A': misaligned = 1; break;
		case 'z': zero = 1; break;
		case 'w': wbyte = parse_byte(optarg); break;
		case 'c': cbyte = parse_byte(optarg); break;
		case 'n': want_nodes = 1; break;
		case 'v': want_pte = 1; break;
		case 's': want_smaps = 1; break;
		case 'd': direct = optarg; break;
		case 'R': want_uring = 1; break;
		case 'I': want_ioctl = 1; break;
		case 'V': fifo = optarg; break;
		case 'f': do_fork = 1; break;
		case 'F': share = 1; break;
		case 'u': op = optarg; break;
		case 'H': hold = 1; break;
		default: usage();
		}
	}
	if (optind != argc - 1)
		usage();
	len = parse_len(argv[optind]);

	if (anon) {
		flags = MAP_PRIVATE | MAP_ANONYMOUS;
		fd = -1;
	} else {
		fd = open("/dev/aisched", O_RDWR);
		if (fd < 0)
			die("/dev/aisched");
	}
	if (misaligned) {
		/* A free range with room for the area 1 MiB past a boundary. */
		char *r = mmap(NULL, len + 2 * HPAGE, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (r == MAP_FAILED)
			die("mmap");
		hint = (void *)((((unsigned long)r + HPAGE - 1) & ~(HPAGE - 1)) +
				(HPAGE >> 1));
		flags |= MAP_FIXED;
	}
	if (want_pte)
		pte_before = vmpte();
	area = mmap(hint, len, PROT_READ | PROT_WRITE, flags, fd, off);
	if (area == MAP_FAILED) {
		printf("mmap=%s\n", errname(errno));
		return 1;
	}
	if (anon && madvise(area, len, MADV_NOHUGEPAGE))
		die("madvise");
	printf("mmap=ok");
	if (zero)
		printf(" zero=%s", check(area, len, 0) ? "yes" : "no");
	if (wbyte >= 0)
		memset(area, wbyte, len);
	if (cbyte >= 0)
		printf(" check=%s", check(area, len, cbyte) ? "ok" : "bad");
	if (want_nodes)
		nodes(area, len);
	if (want_pte)
		printf(" vmpte_before=%ld vmpte_after=%ld", pte_before, vmpte());
	if (want_smaps) {
		char fl[256], name[256];
		long rss;

		smaps((unsigned long)area, &rss, fl, sizeof(fl), name);
		printf(" smaps_rss=%ld smaps_flags=%s smaps_name=%s", rss, fl,
		       name);
	}
	if (direct)
		odirect(area, direct);
	if (want_uring)
		uring(area, len);
	if (want_ioctl)
		printf(" ioctl=%s", ioctl(fd, 0, 0) ? errname(errno) : "ok");
	if (fifo)
		splice_to(area, len, fifo);
	if (do_fork)
		forked(area, len, wbyte);
	if (share)
		sharer();
	if (op)
		try_op(area, len, op, wbyte);
	printf("\n");
	fflush(stdout);
	if (hold) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;
		if (sigaction(SIGUSR1, &sa, NULL))
			die("sigaction");
		printf("ready\n");
		fflush(stdout);
		for (;;) {
			pause();
			if (!usr1)
				continue;
			usr1 = 0;
			printf("recheck=%s\n",
			       check(area, len, wbyte < 0 ? 0 : wbyte) ?
			       "ok" : "bad");
			fflush(stdout);
		}
	}
	return 0;
}
