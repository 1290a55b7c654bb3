// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the device-file to PCI-address mapping, on fixture trees
 * laid out as the kernel lays out sysfs and as NVIDIA's driver writes its
 * /proc files, and on the admin's table.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "devmap.h"

/* Writes @text to ROOT/@rel, making the directories on the way. */
static void put(const char *root, const char *rel, const char *text)
{
	char path[PATH_MAX], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

/* ROOT/sys/dev/char/MAJ:MIN/device -> @target, as sysfs links it. */
static void link_dev(const char *root, const char *majmin, const char *target)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];

	snprintf(dir, sizeof(dir), "%s/sys/dev/char/%s/x", root, majmin);
	put(root, dir + strlen(root) + 1, "");
	unlink(dir);
	snprintf(path, sizeof(path), "%s/sys/dev/char/%s/device", root, majmin);
	if (symlink(target, path))
		abort();
}

/* As nv_procfs_read_gpu_info() prints it: tabs, then spaces. */
static const char nvidia_info_fmt[] =
	"Model: \t\t NVIDIA A100-SXM4-80GB\n"
	"IRQ:   \t\t 168\n"
	"GPU UUID: \t GPU-6d3a8ac1-7a53-3f0e-1b7c-3c2b9d0e1a%02u\n"
	"Video BIOS: \t 92.00.36.00.02\n"
	"Bus Type: \t PCIe\n"
	"DMA Size: \t 47 bits\n"
	"DMA Mask: \t 0x7fffffffffff\n"
	"Bus Location: \t %s\n"
	"Device Minor: \t %u\n"
	"GPU Firmware: \t 535.54.03\n"
	"GPU Excluded:\t No\n";

static void nvidia_gpu(const char *root, const char *addr, unsigned int minor)
{
	char rel[PATH_MAX], text[1024];

	snprintf(rel, sizeof(rel), "proc/driver/nvidia/gpus/%s/information", addr);
	snprintf(text, sizeof(text), nvidia_info_fmt, minor, addr, minor);
	put(root, rel, text);
}

FIXTURE(devmap) {
	char root[64];
	char table[PATH_MAX];
	struct aisched_devmap m;
	char addr[AISCHED_PCI_ADDR_SIZE];
	char err[512];
};

FIXTURE_SETUP(devmap)
{
	strcpy(self->root, "/tmp/devmap_test.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->root));
	snprintf(self->table, sizeof(self->table), "%s/etc/aisched/devices",
		 self->root);
	self->m.root = self->root;
	self->m.devices_file = self->table;
	/* A DRM render node and card behind a PCI function, an accel device. */
	link_dev(self->root, "226:128",
		 "../../../devices/pci0000:00/0000:00:10.0/0000:0b:00.0");
	link_dev(self->root, "226:1",
		 "../../../devices/pci0000:00/0000:00:10.0/0000:0B:00.0");
	link_dev(self->root, "261:0",
		 "../../../devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0");
	/* simpledrm: a DRM device that is not on PCI. */
	link_dev(self->root, "226:0",
		 "../../../devices/platform/simple-framebuffer.0");
	/* Two NVIDIA GPUs whose minors are not in address order. */
	nvidia_gpu(self->root, "0000:17:00.0", 1);
	nvidia_gpu(self->root, "0000:65:00.0", 0);
}

FIXTURE_TEARDOWN(devmap)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->root);
	if (system(cmd))
		TH_LOG("could not remove %s", self->root);
}

TEST_F(devmap, drm_render_node_through_sysfs)
{
	ASSERT_EQ(0, aisched_devmap_rdev(&self->m, 226, 128, self->addr,
					 self->err, sizeof(self->err)));
	EXPECT_STREQ("0000:0b:00.0", self->addr);
}

TEST_F(devmap, upper_case_link_gives_lower_case)
{
	ASSERT_EQ(0, aisched_devmap_rdev(&self->m, 226, 1, self->addr,
					 self->err, sizeof(self->err)));
	EXPECT_STREQ("0000:0b:00.0", self->addr);
}

TEST_F(devmap, accel_device_through_sysfs)
{
	ASSERT_EQ(0, aisched_devmap_rdev(&self->m, 261, 0, self->addr,
					 self->err, sizeof(self->err)));
	EXPECT_STREQ("0000:3b:00.0", self->addr);
}

TEST_F(devmap, platform_device_is_refused)
{
	EXPECT_EQ(-ENODEV, aisched_devmap_rdev(&self->m, 226, 0, self->addr,
					       self->err, sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "simple-framebuffer.0, which is not a PCI device"));
}

TEST_F(devmap, nvidia_minor_through_proc)
{
	ASSERT_EQ(0, aisched_devmap_rdev(&self->m, 195, 0, self->addr,
					 self->err, sizeof(self->err)));
	EXPECT_STREQ("0000:65:00.0", self->addr);
	ASSERT_EQ(0, aisched_devmap_rdev(&self->m, 195, 1, self->addr,
					 self->err, sizeof(self->err)));
	EXPECT_STREQ("0000:17:00.0", self->addr);
}

TEST_F(devmap, nvidia_unknown_minor)
{
	EXPECT_EQ(-ENODEV, aisched_devmap_rdev(&self->m, 195, 2, self->addr,
					       self->err, sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "no GPU of the NVIDIA driver has device minor 2"));
}

TEST_F(devmap, nvidiactl_is_not_a_gpu)
{
	EXPECT_EQ(-ENODEV, aisched_devmap_rdev(&self->m, 195, 255, self->addr,
					       self->err, sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "control device"));
}

TEST_F(devmap, nvidia_without_driver_files)
{
	self->m.root = "/nonexistent";
	EXPECT_EQ(-ENODEV, aisched_devmap_rdev(&self->m, 195, 0, self->addr,
					       self->err, sizeof(self->err)));
}

TEST_F(devmap, nvidia_info_without_bus_location_is_skipped)
{
	put(self->root, "proc/driver/nvidia/gpus/0000:aa:00.0/information",
	    "Model: \t\t broken\nDevice Minor: \t 3\n");
	EXPECT_EQ(-ENODEV, aisched_devmap_rdev(&self->m, 195, 3, self->addr,
					       self->err, sizeof(self->err)));
}

TEST_F(devmap, unmapped_character_device)
{
	EXPECT_EQ(-ENODEV, aisched_devmap_rdev(&self->m, 1, 3, self->addr,
					       self->err, sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "/sys/dev/char/1:3/device"));
}

TEST_F(devmap, table_wins_and_is_keyed_by_path)
{
	put(self->root, "etc/aisched/devices",
	    "# by hand: the driver of these has no sysfs link\n"
	    "\n"
	    "/dev/gpu/a   0000:17:00.0\n"
	    "\t/dev/gpu/b\t0000:A1:1F.7   \n");
	ASSERT_EQ(0, aisched_devmap_path(&self->m, "/dev/gpu/b", self->addr,
					 self->err, sizeof(self->err)));
	EXPECT_STREQ("0000:a1:1f.7", self->addr);
	ASSERT_EQ(0, aisched_devmap_path(&self->m, "/dev/gpu/a", self->addr,
					 self->err, sizeof(self->err)));
	EXPECT_STREQ("0000:17:00.0", self->addr);
}

TEST_F(devmap, table_line_errors_name_the_line)
{
	static const char *const bad[] = {
		"/dev/gpu/a\n",
		"/dev/gpu/a 17:00.0\n",
		"/dev/gpu/a 0000:17:20.0\n",
		"/dev/gpu/a 0000:17:00.8\n",
		"dev/gpu/a 0000:17:00.0\n",
		"/dev/gpu/a 0000:17:00.0 extra\n",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[128];

		snprintf(text, sizeof(text), "# ok\n%s", bad[i]);
		put(self->root, "etc/aisched/devices", text);
		EXPECT_EQ(-EINVAL, aisched_devmap_path(&self->m, "/dev/gpu/z",
						       self->addr, self->err,
						       sizeof(self->err)));
		EXPECT_NE(NULL, strstr(self->err, "devices:2: expected DEVICE ADDRESS"))
			TH_LOG("line '%s': %s", bad[i], self->err);
	}
}

TEST_F(devmap, path_not_a_character_device)
{
	char file[PATH_MAX];

	snprintf(file, sizeof(file), "%s/plain", self->root);
	put(self->root, "plain", "");
	EXPECT_EQ(-ENOTTY, aisched_devmap_path(&self->m, file, self->addr,
					       self->err, sizeof(self->err)));
	EXPECT_EQ(-ENOENT, aisched_devmap_path(&self->m, "/nonexistent/nvidia9",
					       self->addr, self->err,
					       sizeof(self->err)));
	EXPECT_EQ(-EINVAL, aisched_devmap_path(&self->m, "nvidia0", self->addr,
					       self->err, sizeof(self->err)));
}

TEST_F(devmap, path_of_an_unmapped_device_says_what_was_looked_at)
{
	/* /dev/null is character device 1:3, which the fixture does not map. */
	EXPECT_EQ(-ENODEV, aisched_devmap_path(&self->m, "/dev/null", self->addr,
					       self->err, sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "/dev/null: character device 1:3"));
	EXPECT_NE(NULL, strstr(self->err, "does not list it"));
}

TEST(pci_addr_valid)
{
	EXPECT_EQ(1, aisched_pci_addr_valid("0000:00:00.0"));
	EXPECT_EQ(1, aisched_pci_addr_valid("ffff:ff:1f.7"));
	EXPECT_EQ(1, aisched_pci_addr_valid("0000:0B:00.0"));
	EXPECT_EQ(0, aisched_pci_addr_valid("0000:00:20.0"));
	EXPECT_EQ(0, aisched_pci_addr_valid("0000:00:00.8"));
	EXPECT_EQ(0, aisched_pci_addr_valid("00:00.0"));
	EXPECT_EQ(0, aisched_pci_addr_valid("0000:00:00.0 "));
	EXPECT_EQ(0, aisched_pci_addr_valid("000g:00:00.0"));
	EXPECT_EQ(0, aisched_pci_addr_valid(""));
}

TEST_HARNESS_MAIN
