#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs what the build and the tests need and is missing, with apt-get.
# Usage: scripts/deps.sh GROUP...   (groups: build tool guest style spec kernel matrix fuzz system slurm)
#
# Only packages from the running Debian release are installed; the host's apt
# configuration is never changed. Not root: print the exact command instead.
set -eu

declare -A pkgs_of=(
	[build]="make gcc libc6-dev linux-headers-amd64 kmod"
	[tool]="make gcc libc6-dev pkg-config libnl-3-dev libnl-genl-3-dev libjson-c-dev man-db"
	[guest]="qemu-system-x86 busybox-static cpio gzip kmod dpkg apt zstd"
	[style]="perl linux-source-6.1 xz-utils"
	[spec]="python3 python3-yaml"
	[kernel]="make gcc libc6-dev flex bison bc libelf-dev patch xz-utils linux-source-6.1 ccache"
	# The newer kernels of the matrix: a chroot of their suite to build in
	# (debian-kernel.sh), their compressed modules.
	[matrix]="debootstrap debian-archive-keyring xz-utils util-linux"
	# The system guest (tools/testing/qemu/system): its root image is a
	# debootstrap tree made into ext4 with mke2fs -d (e2fsprogs), one build
	# at a time (flock, util-linux); its boot files hold the kernel's
	# modules uncompressed.
	[system]="debootstrap debian-archive-keyring e2fsprogs util-linux xz-utils zstd"
	# The tool's host fuzzers (tools/testing/fuzz): clang's libFuzzer and
	# sanitizer runtimes are in libclang-rt-dev, which clang only
	# recommends; llvm has the llvm-symbolizer their reports need.
	[fuzz]="clang libclang-rt-dev llvm"
	# The SPANK plugin (userspace/slurm): Slurm's slurm/spank.h.
	[slurm]="libslurm-dev"
)

want=()
for group in "$@"; do
	[ -n "${pkgs_of[$group]+x}" ] || { echo "deps.sh: unknown group '$group'" >&2; exit 2; }
	for p in ${pkgs_of[$group]}; do
		status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[ "$status" = installed ] || want+=("$p")
	done
done
[ ${#want[@]} -eq 0 ] && exit 0

# De-duplicate, keeping order.
mapfile -t want < <(printf '%s\n' "${want[@]}" | awk '!seen[$0]++')
cmd="apt-get install -y --no-install-recommends ${want[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "aisched: missing packages: ${want[*]}" >&2
	echo "aisched: run as root: apt-get update && $cmd" >&2
	exit 1
fi
echo "aisched: installing ${want[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet; an old list may name
# versions the registry no longer serves. Update once and retry.
if ! $cmd </dev/null >&2; then
	apt-get update </dev/null >&2
	$cmd </dev/null >&2
fi
