# SPDX-License-Identifier: GPL-2.0
#
# aisched: top-level Makefile. `make help` lists the targets.

# The kernel to build the module for: the running kernel's build directory if
# there is one, else the newest installed Debian linux-headers-*-amd64.
KDIR ?= $(or $(wildcard /lib/modules/$(shell uname -r)/build),$(newest_headers))
# The guest always runs a Debian kernel image, fetched to match these headers.
GUEST_KDIR ?= $(newest_headers)

newest_headers = $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
# The release the headers are for (Debian's include/config/kernel.release
# holds the upstream version instead).
kver = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h)

BUILD ?= $(CURDIR)/build
PREFIX ?= /usr/local
DEPS := scripts/deps.sh
QEMU := tools/testing/qemu
VERSION := $(shell sed -n 's/^\#define AISCHED_VERSION "\(.*\)"/\1/p' kernel/aisched.h)

ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += --no-print-directory
endif

.PHONY: all module tool clean install install-module install-tool dkms-install \
	check check-quick check-matrix check-repeat fuzz kunit vm demo run bench style help deps-build deps-guest deps-check \
	sysvm sysrun deps-system

all: module tool

deps-build:
	$(Q)$(DEPS) build tool

deps-guest:
	$(Q)$(DEPS) build tool guest spec style slurm

# What building the debug kernel needs on top.
deps-check: deps-guest
	$(Q)$(DEPS) kernel matrix fuzz

# The system guest's root image (debootstrap, mke2fs -d); a kernel of the
# matrix needs its chroot too.
deps-system: deps-guest
	$(Q)$(DEPS) system $(if $(KERNEL),matrix)

module: deps-build
	$(Q)test -d "$(KDIR)" || { echo "aisched: no kernel build directory (KDIR=$(KDIR))" >&2; exit 1; }
	$(Q)$(MAKE) -C $(KDIR) M=$(CURDIR) modules

# The Slurm SPANK plugin is built where Slurm's header is (libslurm-dev).
SPANK_H := $(wildcard /usr/include/slurm/spank.h)

tool: deps-build
	$(Q)$(MAKE) -C userspace
	$(if $(SPANK_H),$(Q)$(MAKE) -C userspace/slurm)

install: install-module install-tool

# INSTALL_MOD_PATH installs under another root, as for the kernel's own
# modules_install.
install-module: module
	$(Q)install -D -m 0644 kernel/aisched.ko $(INSTALL_MOD_PATH)/lib/modules/$(kver)/extra/aisched.ko
	$(Q)depmod $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) $(kver)

install-tool: tool
	$(Q)$(MAKE) -C userspace install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	$(if $(SPANK_H),$(Q)$(MAKE) -C userspace/slurm install DESTDIR=$(DESTDIR))

# Registers the source with DKMS, which rebuilds the module for every kernel
# installed from now on.
dkms-install:
	$(Q)command -v dkms >/dev/null || { echo "aisched: dkms is not installed (apt-get install dkms)" >&2; exit 1; }
	$(Q)rm -rf /usr/src/aisched-$(VERSION)
	$(Q)mkdir -p /usr/src/aisched-$(VERSION)
	$(Q)cp -r Kbuild dkms.conf kernel include /usr/src/aisched-$(VERSION)/
	$(Q)dkms add aisched/$(VERSION) 2>/dev/null || true
	$(Q)dkms install aisched/$(VERSION)

# Everything: host checks, then the guest suite on Debian's stock kernel,
# on the newer kernels of the matrix and on the debug kernel.
check: deps-check
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" all

# The edit-test loop: the same, without the debug kernel.
check-quick: deps-guest
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" quick

# The kernel matrix alone: host checks and the guest suite on Debian's 6.1,
# 6.12 and newest 7.x kernels (tools/testing/qemu/kernels), no debug kernel.
check-matrix: deps-guest
	$(Q)$(DEPS) matrix
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" matrix

# One guest test, or several, again and again, to find one that fails only
# sometimes: make check-repeat ONLY=55-runaway N=20 [BOOTS=1]
# [DEBUG=1 | KERNEL=6.12|7.x]: N runs in a row in each of BOOTS fresh boots.
check-repeat: $(if $(filter 1,$(DEBUG)),deps-check,deps-guest)
	$(Q)test -n "$(ONLY)" || { echo "usage: make check-repeat ONLY=NAME[,NAME] [N=20] [BOOTS=1] [DEBUG=1 | KERNEL=6.12|7.x]" >&2; exit 2; }
	$(if $(KERNEL),$(Q)$(DEPS) matrix)
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" repeat \
		"$(ONLY)" "$(or $(N),20)" "$(or $(BOOTS),1)" \
		$(if $(filter 1,$(DEBUG)),debug,$(if $(KERNEL),kernel=$(KERNEL)))

# One KUnit suite alone, on the debug kernel: make kunit SUITE=aisched_netlink
kunit: deps-check
	$(Q)test -n "$(SUITE)" || { echo "usage: make kunit SUITE=aisched_<name>" >&2; exit 2; }
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" kunit "$(SUITE)"

# An interactive shell in the test VM, with the module loaded.
vm: deps-guest
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" vm

# A narrated demo of the module at work, in the test VM.
demo: deps-guest
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" demo

# Runs SCRIPT as root in the test VM, with the module loaded.
run: deps-guest
	$(Q)test -n "$(SCRIPT)" || { echo "usage: make run SCRIPT=file" >&2; exit 2; }
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" \
		$(if $(filter 1,$(DEBUG)),run-debug,run) "$(SCRIPT)"

# The system guest (tools/testing/qemu/system/): Debian 12 with systemd as
# PID 1, Slurm, podman, node_exporter, and the module and the tool installed
# as make install installs them. Its root image is built once per machine
# (as root; a few minutes) into ~/.cache/aisched/sysimage.
# make sysvm [KERNEL=6.12|7.x]: an interactive shell in it.
sysvm: deps-system
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" sysvm \
		$(if $(KERNEL),kernel=$(KERNEL))

# make sysrun SCRIPT=file [KERNEL=6.12|7.x]: SCRIPT as root in the system
# guest; the exit status is the script's.
sysrun: deps-system
	$(Q)test -n "$(SCRIPT)" || { echo "usage: make sysrun SCRIPT=file [KERNEL=6.12|7.x]" >&2; exit 2; }
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" sysrun "$(SCRIPT)" \
		$(if $(KERNEL),kernel=$(KERNEL))

# The benchmarks of Documentation/aisched/benchmarks.rst, in the test VM:
# make bench [BENCH=1,3] [QUICK=1] [DEBUG=1 | KERNEL=6.12|7.x]
# (DEBUG=1: on the debug kernel, whose patches/ benchmark 8 needs; KERNEL=:
# on that kernel of the matrix, tools/testing/qemu/kernels, as benchmark 9
# needs 6.12 or later)
bench: $(if $(filter 1,$(DEBUG)),deps-check,deps-guest)
	$(if $(KERNEL),$(Q)$(DEPS) matrix)
	$(Q)tools/testing/check.sh --kdir "$(GUEST_KDIR)" --build "$(BUILD)" bench $(BENCH) \
		$(if $(QUICK),quick) $(if $(filter 1,$(DEBUG)),debug) \
		$(if $(KERNEL),kernel=$(KERNEL))

# The fuzzers, long: each libFuzzer target of the tool on the host for
# FUZZ_TIME seconds (make check gives each 10).
fuzz: deps-guest
	$(Q)$(DEPS) fuzz
	$(Q)tools/testing/fuzz/run-host.sh --build "$(BUILD)/fuzz" --time "$(or $(FUZZ_TIME),300)"

style:
	$(Q)$(DEPS) style
	$(Q)tools/testing/style.sh --build "$(BUILD)"

clean:
	$(Q)if [ -d "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	$(Q)$(MAKE) -C userspace clean
	$(Q)$(MAKE) -C userspace/slurm clean
	$(Q)$(MAKE) -C tools/testing/selftests/aisched clean

help:
	@echo "aisched $(VERSION)"
	@echo
	@echo "  make              build kernel/aisched.ko (KDIR=$(KDIR)) and userspace/aisched"
	@echo "  make module|tool  each half of that"
	@echo "  make install      install the module into /lib/modules/<ver>/extra, run depmod,"
	@echo "                    and install the tool and its man page under PREFIX=$(PREFIX)"
	@echo "  make dkms-install register the source with DKMS (rebuilds on kernel upgrades)"
	@echo "  make check        run every test: host checks, the guest suite on Debian's"
	@echo "                    6.1, 6.12 and newest 7.x kernels and on the debug kernel"
	@echo "                    (KASAN, lockdep, kmemleak, KUnit)"
	@echo "  make check-quick  the edit-test loop: host checks and Debian's 6.1 only"
	@echo "  make check-matrix host checks and the guest suite on Debian's 6.1, 6.12"
	@echo "                    and newest 7.x kernels, without the debug kernel"
	@echo "  make check-repeat ONLY=55-runaway [N=20] [BOOTS=1] [DEBUG=1|KERNEL=7.x]"
	@echo "                    one guest test N times in each of BOOTS fresh boots"
	@echo "  make kunit SUITE=aisched_X   one KUnit suite alone, on the debug kernel"
	@echo "  make demo         boot the test VM and show the module at work"
	@echo "  make vm           an interactive shell in the test VM, module loaded"
	@echo "  make run SCRIPT=f run a script as root in the test VM (DEBUG=1: on"
	@echo "                    the debug kernel)"
	@echo "  make sysvm        an interactive shell in the system guest (Debian 12,"
	@echo "                    systemd, Slurm, podman; KERNEL=6.12 or 7.x: that kernel)"
	@echo "  make sysrun SCRIPT=f  run a script as root in the system guest"
	@echo "                    (KERNEL=6.12 or 7.x: on that kernel)"
	@echo "  make bench        the benchmarks in the test VM (BENCH=1,3 picks some;"
	@echo "                    DEBUG=1: on the debug kernel, which benchmark 8 needs;"
	@echo "                    KERNEL=6.12 or 7.x: on that kernel, which benchmark 9 needs)"
	@echo "  make fuzz         the tool's libFuzzer targets, FUZZ_TIME=300 s each"
	@echo "  make style        checkpatch on kernel/"
	@echo "  make clean        remove build output (build/ holds cached kernels; rm -rf it)"
	@echo
	@echo "  V=1 shows the commands; BUILD=dir moves the build directory."
