/* SPDX-License-Identifier: GPL-2.0 */
/*
 * From a GPU's device file to its PCI address: what a job launcher knows
 * (Slurm's gres.conf File=, a container's linux.devices) to what the
 * module takes (aisched tag --gpu 0000:17:00.0).
 */

#ifndef AISCHED_DEVMAP_H
#define AISCHED_DEVMAP_H

#include <stddef.h>
#include <sys/types.h>

/* "dddd:bb:dd.f" and its NUL. */
#define AISCHED_PCI_ADDR_SIZE	13

/* NVIDIA's character devices: /dev/nvidiaN is minor N; 255 is nvidiactl. */
#define AISCHED_NVIDIA_MAJOR	195
#define AISCHED_NVIDIA_MINOR_MAX 254

/* The admin's table for hosts where neither sysfs nor the driver tells. */
#define AISCHED_DEVICES_FILE	"/etc/aisched/devices"

/**
 * struct aisched_devmap - where the mapping looks
 * @root: prefix of every file it reads ("" on the host; a fixture tree in
 *	the unit tests): ROOT/sys/dev/char, ROOT/proc/driver/nvidia/gpus,
 *	ROOT/sys/bus/pci/devices
 * @devices_file: the override table, or NULL for none; not under @root
 *	unless it says so
 */
struct aisched_devmap {
	const char *root;
	const char *devices_file;
};

/* The host's: the real /sys and /proc, and AISCHED_DEVICES_FILE. */
extern const struct aisched_devmap aisched_devmap_host;

int aisched_devmap_rdev(const struct aisched_devmap *m, unsigned int major,
			unsigned int minor, char addr[AISCHED_PCI_ADDR_SIZE],
			char *err, size_t errlen);
int aisched_devmap_path(const struct aisched_devmap *m, const char *path,
			char addr[AISCHED_PCI_ADDR_SIZE], char *err,
			size_t errlen);
int aisched_pci_addr_valid(const char *s);

#endif /* AISCHED_DEVMAP_H */
