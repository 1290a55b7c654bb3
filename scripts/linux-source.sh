#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unpacks Debian's linux-source-6.1 under the build directory, once per
# package version, and prints the tree's path. The tree gives checkpatch.pl,
# the kselftest harness and (for the debug kernel) the kernel source.
#
# Usage: scripts/linux-source.sh BUILD_DIR
set -eu

build=${1:?usage: linux-source.sh BUILD_DIR}
tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || { echo "aisched: $tarball missing (scripts/deps.sh style)" >&2; exit 1; }

version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
tree=$build/linux-source-6.1
stamp=$tree/.aisched-unpacked

if [ "$(cat "$stamp" 2>/dev/null)" != "$version" ]; then
	echo "aisched: unpacking linux-source-6.1 $version" >&2
	rm -rf "$tree"
	mkdir -p "$build"
	tar -C "$build" -xJf "$tarball"
	echo "$version" > "$stamp"
fi
echo "$tree"
