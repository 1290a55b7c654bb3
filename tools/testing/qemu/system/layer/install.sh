#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# install.sh LAYER: installs the per-commit layer into the system guest's
# root. boot-init runs it in a chroot of the root, before systemd starts,
# with the layer disk mounted read-only at LAYER (where it stays). The
# guest's own install does the work, with the same commands as the
# top-level Makefile's install-module and userspace/Makefile's install
# (PREFIX=/usr/local), so the guest holds what `make install` gives a real
# host. Then the test bed's part: the guest tests and the script (used from
# the layer), and the unit that runs the script.
set -eu

layer=$1
kver=$(cat "$layer/kver")

# make install-module. Its depmod ran on the host, on this very tree with
# this module in extra/ (build-layer.sh: under TCG it takes a minute):
# its files go where depmod would have written them.
install -D -m 0644 "$layer/module/aisched.ko" "/lib/modules/$kver/extra/aisched.ko"
cp "$layer"/depmod/modules.* "/lib/modules/$kver/"

# make install-tool
install -d /usr/local/sbin /usr/local/share/man/man8
install -m 0755 "$layer/tool/aisched" /usr/local/sbin/aisched
install -m 0644 "$layer/man/aisched.8" /usr/local/share/man/man8/aisched.8

# Loaded at boot as README.md tells a real host to do it.
echo aisched >/etc/modules-load.d/aisched.conf

# The test bed.
mkdir -p /usr/lib/aisched /usr/lib/aisched-vm
ln -sfn "$layer/tests" /usr/lib/aisched/tests
install -m 0755 "$layer/vm/run" /usr/lib/aisched-vm/run
[ ! -f "$layer/script" ] || ln -sfn "$layer/script" /usr/lib/aisched-vm/script
install -m 0644 "$layer/vm/aisched-vm.service" /etc/systemd/system/aisched-vm.service
mkdir -p /etc/systemd/system/multi-user.target.wants
ln -sfn ../aisched-vm.service /etc/systemd/system/multi-user.target.wants/aisched-vm.service
