// SPDX-License-Identifier: GPL-2.0
/*
 * From a GPU's device file to its PCI address.
 *
 * A job launcher knows its GPUs as device files: Slurm's gres.conf lists
 * them (File=/dev/nvidia[0-3]), a container's config.json carries them in
 * linux.devices. The module knows GPUs by PCI address. In this order:
 *
 * 1. the admin's table, AISCHED_DEVICES_FILE: "DEVICE ADDRESS" lines, for
 *    hosts where neither of the others tells (a driver without sysfs
 *    links, a device node made by hand);
 * 2. sysfs: /sys/dev/char/MAJ:MIN/device is a link to the device the
 *    character device belongs to, a PCI function for DRM (/dev/dri/card0,
 *    /dev/dri/renderD128) and accel (/dev/accel/accel0) devices;
 * 3. NVIDIA's driver, whose /dev/nvidiaN (major 195, minor N) has no
 *    sysfs link: /proc/driver/nvidia/gpus/ADDR/information names each
 *    GPU's "Device Minor" and "Bus Location".
 *
 * Nothing is guessed: a device that none of them maps is refused with a
 * message that says what was looked at.
 */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "devmap.h"
#include "errbuf.h"

const struct aisched_devmap aisched_devmap_host = {
	.root = "",
	.devices_file = AISCHED_DEVICES_FILE,
};

static bool is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/**
 * aisched_pci_addr_valid() - whether @s is a PCI address, dddd:bb:dd.f
 * @s: the text
 *
 * Lower or upper case hex; the device 0-0x1f and the function 0-7, as the
 * kernel names devices in /sys/bus/pci/devices.
 *
 * Return: 1 if it is, 0 if not.
 */
int aisched_pci_addr_valid(const char *s)
{
	if (strlen(s) != AISCHED_PCI_ADDR_SIZE - 1)
		return 0;
	if (!is_hex(s, 4) || s[4] != ':' || !is_hex(s + 5, 2) || s[7] != ':' ||
	    !is_hex(s + 8, 2) || s[10] != '.' || s[11] < '0' || s[11] > '7')
		return 0;
	/* The device number has 5 bits. */
	return strtoul(s + 8, NULL, 16) <= 0x1f;
}

/* Copies a valid address, in the kernel's lower case. */
static void addr_copy(char addr[AISCHED_PCI_ADDR_SIZE], const char *s)
{
	size_t i;

	for (i = 0; i < AISCHED_PCI_ADDR_SIZE - 1; i++)
		addr[i] = (char)tolower((unsigned char)s[i]);
	addr[i] = '\0';
}

static char *skip_space(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/*
 * Looks @path up in the admin's table. Return: 1 and @addr set if it is
 * there, 0 if not (or there is no table), or -EINVAL with @err naming the
 * file and line of a malformed entry: a broken table must not be read as
 * "not listed".
 */
static int devices_file_lookup(const char *file, const char *path,
			       char addr[AISCHED_PCI_ADDR_SIZE], char *err,
			       size_t errlen)
{
	char line[PATH_MAX + 64];
	unsigned int lineno = 0;
	int ret = 0;
	FILE *f;

	if (!file)
		return 0;
	f = fopen(file, "re");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return aisched_errbuf(err, errlen, -errno, "cannot read %s: %s", file,
				      strerror(errno));
	}
	while (fgets(line, sizeof(line), f)) {
		char *dev, *a, *end;

		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			ret = aisched_errbuf(err, errlen, -EINVAL, "%s:%u: line too long",
					     file, lineno);
			break;
		}
		trim_end(line);
		dev = skip_space(line);
		if (!*dev || *dev == '#')
			continue;
		end = dev + strcspn(dev, " \t");
		a = skip_space(end);
		*end = '\0';
		if (dev[0] != '/' || !*a || a[strcspn(a, " \t")] ||
		    !aisched_pci_addr_valid(a)) {
			ret = aisched_errbuf(err, errlen, -EINVAL,
					     "%s:%u: expected DEVICE ADDRESS, such as /dev/nvidia0 0000:17:00.0",
					     file, lineno);
			break;
		}
		if (!strcmp(dev, path)) {
			addr_copy(addr, a);
			ret = 1;
			break;
		}
	}
	fclose(f);
	return ret;
}

/* Through sysfs. Return: 1 and @addr set, 0 if sysfs has no link. */
static int sysfs_lookup(const char *root, unsigned int major,
			unsigned int minor, char addr[AISCHED_PCI_ADDR_SIZE],
			char *err, size_t errlen)
{
	char link[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(link, sizeof(link), "%s/sys/dev/char/%u:%u/device", root,
		 major, minor);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return 0;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!aisched_pci_addr_valid(base))
		return aisched_errbuf(err, errlen, -ENODEV,
				      "character device %u:%u belongs to %s, which is not a PCI device",
				      major, minor, base);
	addr_copy(addr, base);
	return 1;
}

/*
 * Reads one NVIDIA information file: its "Device Minor" and "Bus
 * Location". Return: 1 if both are there and the minor is @minor, else 0.
 */
static int nvidia_info_match(const char *file, unsigned int minor,
			     char addr[AISCHED_PCI_ADDR_SIZE])
{
	char line[256], bus[64] = "";
	bool has_minor = false;
	unsigned long m = 0;
	FILE *f;

	f = fopen(file, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':'), *val, *end;

		if (!colon)
			continue;
		*colon = '\0';
		val = skip_space(colon + 1);
		trim_end(val);
		if (!strcmp(line, "Device Minor")) {
			errno = 0;
			m = strtoul(val, &end, 10);
			has_minor = !errno && end != val && !*end;
		} else if (!strcmp(line, "Bus Location")) {
			snprintf(bus, sizeof(bus), "%s", val);
		}
	}
	fclose(f);
	if (!has_minor || m != minor || !aisched_pci_addr_valid(bus))
		return 0;
	addr_copy(addr, bus);
	return 1;
}

/* Through the NVIDIA driver's /proc files. Return: 1 and @addr set, or 0. */
static int nvidia_lookup(const char *root, unsigned int minor,
			 char addr[AISCHED_PCI_ADDR_SIZE])
{
	char dir[PATH_MAX], file[PATH_MAX + 300];
	struct dirent *d;
	int found = 0;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s/proc/driver/nvidia/gpus", root);
	dp = opendir(dir);
	if (!dp)
		return 0;
	while (!found && (d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s/%s/information", dir, d->d_name);
		found = nvidia_info_match(file, minor, addr);
	}
	closedir(dp);
	return found;
}

/**
 * aisched_devmap_rdev() - the PCI address of the GPU a character device is
 * @m: where to look (aisched_devmap_host on the host)
 * @major: the device's major number
 * @minor: its minor number
 * @addr: set to the address, lower case
 * @err: set to why not, on failure
 * @errlen: the size of @err
 *
 * Through sysfs, then for NVIDIA's major through the driver's /proc files.
 * The admin's table is keyed by path: aisched_devmap_path() reads it.
 *
 * Return: 0, or -ENODEV if neither maps the device (@err says why).
 */
int aisched_devmap_rdev(const struct aisched_devmap *m, unsigned int major,
			unsigned int minor, char addr[AISCHED_PCI_ADDR_SIZE],
			char *err, size_t errlen)
{
	int ret;

	ret = sysfs_lookup(m->root, major, minor, addr, err, errlen);
	if (ret)
		return ret < 0 ? ret : 0;
	if (major == AISCHED_NVIDIA_MAJOR) {
		if (minor > AISCHED_NVIDIA_MINOR_MAX)
			return aisched_errbuf(err, errlen, -ENODEV,
					      "NVIDIA device %u:%u is a control device, not a GPU",
					      major, minor);
		if (nvidia_lookup(m->root, minor, addr))
			return 0;
		return aisched_errbuf(err, errlen, -ENODEV,
				      "no GPU of the NVIDIA driver has device minor %u (/proc/driver/nvidia/gpus/*/information)",
				      minor);
	}
	return aisched_errbuf(err, errlen, -ENODEV,
			      "character device %u:%u has no PCI device in sysfs (/sys/dev/char/%u:%u/device)",
			      major, minor, major, minor);
}

/**
 * aisched_devmap_path() - the PCI address of the GPU behind a device file
 * @m: where to look (aisched_devmap_host on the host)
 * @path: the device file, an absolute path such as /dev/nvidia0 or
 *	/dev/dri/renderD128
 * @addr: set to the address, lower case
 * @err: set to why not, on failure
 * @errlen: the size of @err
 *
 * The admin's table first (by @path as given), then the device's numbers
 * through aisched_devmap_rdev().
 *
 * Return: 0; -EINVAL for a path that is not absolute or a malformed
 * table; -ENOTTY for a file that is not a character device; -ENODEV for
 * a device nothing maps; or another -errno from stat().
 */
int aisched_devmap_path(const struct aisched_devmap *m, const char *path,
			char addr[AISCHED_PCI_ADDR_SIZE], char *err,
			size_t errlen)
{
	struct stat st;
	int ret;

	if (path[0] != '/')
		return aisched_errbuf(err, errlen, -EINVAL,
				      "%s: a device file must be an absolute path", path);
	ret = devices_file_lookup(m->devices_file, path, addr, err, errlen);
	if (ret)
		return ret < 0 ? ret : 0;
	if (stat(path, &st))
		return aisched_errbuf(err, errlen, -errno, "%s: %s", path,
				      strerror(errno));
	if (!S_ISCHR(st.st_mode))
		return aisched_errbuf(err, errlen, -ENOTTY,
				      "%s is not a character device", path);
	ret = aisched_devmap_rdev(m, major(st.st_rdev), minor(st.st_rdev),
				  addr, err, errlen);
	if (ret && errlen) {
		char why[256];

		snprintf(why, sizeof(why), "%s", err);
		snprintf(err, errlen, "%s: %s; %s does not list it", path, why,
			 m->devices_file ? m->devices_file : "no device table");
	}
	return ret;
}
