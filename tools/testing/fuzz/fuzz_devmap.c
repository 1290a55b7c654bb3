// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: devmap.c's readers of what maps a GPU's device file to
 * its PCI address: the admin's table, the target of a sysfs device link,
 * and the NVIDIA driver's information file; and the PCI address check they
 * share.
 *
 * Input: a letter that picks the file, then its contents:
 *
 *   't'  the table (AISCHED_DEVICES_FILE), in a memfd, in which
 *        aisched_devmap_path() looks up /dev/nvidia0;
 *   's'  the target of the link ROOT/sys/dev/char/226:128/device, which
 *        aisched_devmap_rdev() resolves for 226:128 (a DRM render node);
 *   'n'  ROOT/proc/driver/nvidia/gpus/0000:17:00.0/information, which
 *        aisched_devmap_rdev() reads for NVIDIA's minors 0, 1, 254 and 255;
 *   'a'  a string for aisched_pci_addr_valid().
 *
 * ROOT is a fixture tree made at start-up under $TMPDIR, as the unit tests
 * make theirs, and removed at exit. What must hold: an address found is a
 * valid one, in lower case; a refusal's message is a string within its
 * buffer.
 */

#define _GNU_SOURCE	/* memfd_create() */
#include <ctype.h>
#include <errno.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#include "aisched.h"
#include "devmap.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "fuzz_devmap: %s:%d: %s does not hold\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

#define DRM_LINK	"sys/dev/char/226:128/device"
#define NVIDIA_INFO	"proc/driver/nvidia/gpus/0000:17:00.0/information"

/* The fixture tree's directories, parents first. */
static const char *const dirs[] = {
	"sys", "sys/dev", "sys/dev/char", "sys/dev/char/226:128", "proc",
	"proc/driver", "proc/driver/nvidia", "proc/driver/nvidia/gpus",
	"proc/driver/nvidia/gpus/0000:17:00.0",
};

static char root[256];

static void path_of(char *buf, size_t size, const char *rel)
{
	snprintf(buf, size, "%s/%s", root, rel);
}

static void remove_root(void)
{
	char path[512];
	size_t i;

	path_of(path, sizeof(path), DRM_LINK);
	unlink(path);
	path_of(path, sizeof(path), NVIDIA_INFO);
	unlink(path);
	for (i = ARRAY_SIZE(dirs); i--;) {
		path_of(path, sizeof(path), dirs[i]);
		rmdir(path);
	}
	rmdir(root);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	size_t i;

	(void)argc;
	(void)argv;
	snprintf(root, sizeof(root), "%s/aisched-fuzz-XXXXXX",
		 tmp && tmp[0] ? tmp : P_tmpdir);
	if (!mkdtemp(root))
		abort();
	atexit(remove_root);
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		path_of(path, sizeof(path), dirs[i]);
		if (mkdir(path, 0755))
			abort();
	}
	return 0;
}

/* What devmap's callers may rely on, whatever the files said. */
static void check_result(int ret, const char *addr, const char *err,
			 size_t errlen)
{
	size_t i;

	if (ret) {
		CHECK(ret < 0);
		CHECK(strnlen(err, errlen) < errlen);
		return;
	}
	CHECK(aisched_pci_addr_valid(addr));
	for (i = 0; addr[i]; i++)
		CHECK(!isupper((unsigned char)addr[i]));
}

static void table(const uint8_t *data, size_t size)
{
	char file[64], addr[AISCHED_PCI_ADDR_SIZE], err[512];
	struct aisched_devmap m = { .root = root, .devices_file = file };
	int fd, ret;

	fd = memfd_create("devices", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(file, sizeof(file), "/proc/self/fd/%d", fd);
	memset(err, 'x', sizeof(err));
	ret = aisched_devmap_path(&m, "/dev/nvidia0", addr, err, sizeof(err));
	check_result(ret, addr, err, sizeof(err));
	close(fd);
}

static void drm_link(const uint8_t *data, size_t size)
{
	struct aisched_devmap m = { .root = root, .devices_file = NULL };
	char link[512], addr[AISCHED_PCI_ADDR_SIZE], err[512];
	char *target = fuzz_string(data, size);
	int ret;

	path_of(link, sizeof(link), DRM_LINK);
	unlink(link);
	/* A target symlink() refuses ("", too long) is no link at all. */
	if (!symlink(target, link)) {
		memset(err, 'x', sizeof(err));
		ret = aisched_devmap_rdev(&m, 226, 128, addr, err, sizeof(err));
		check_result(ret, addr, err, sizeof(err));
	}
	free(target);
}

static void nvidia_info(const uint8_t *data, size_t size)
{
	static const unsigned int minors[] = { 0, 1, 254, 255 };
	struct aisched_devmap m = { .root = root, .devices_file = NULL };
	char path[512], addr[AISCHED_PCI_ADDR_SIZE], err[512];
	size_t i;
	FILE *f;
	int ret;

	path_of(path, sizeof(path), NVIDIA_INFO);
	f = fopen(path, "we");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	for (i = 0; i < ARRAY_SIZE(minors); i++) {
		memset(err, 'x', sizeof(err));
		ret = aisched_devmap_rdev(&m, AISCHED_NVIDIA_MAJOR, minors[i],
					  addr, err, sizeof(err));
		check_result(ret, addr, err, sizeof(err));
	}
}

static void address(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);

	if (aisched_pci_addr_valid(s))
		CHECK(strlen(s) == AISCHED_PCI_ADDR_SIZE - 1 && s[4] == ':' &&
		      s[7] == ':' && s[10] == '.');
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	switch (data[0]) {
	case 't':
		table(data + 1, size - 1);
		break;
	case 's':
		drm_link(data + 1, size - 1);
		break;
	case 'n':
		nvidia_info(data + 1, size - 1);
		break;
	case 'a':
		address(data + 1, size - 1);
		break;
	}
	return 0;
}
