#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-boot.sh: what the system guest needs of one Debian kernel release,
# made once per release and cached in the build directory; prints the
# directory.
#
# Usage: build-boot.sh [--apt-opt OPT]... KVER
#
#   KVER          a Debian kernel release (uname -r), e.g. 6.1.0-57-amd64
#   --apt-opt OPT passed to fetch-kernel.sh, for a kernel of another suite
#                 (check.sh passes none: the release is fetched already)
#
# In $BUILD_DIR/system/kernel/KVER/:
#   boot.cpio     the initramfs: busybox, boot-init as /init, and the
#                 modules that mounting an ext4 virtio disk needs (virtio_pci,
#                 virtio_blk, ext4 and what they depend on, crc32c),
#                 uncompressed for busybox's insmod; an uncompressed cpio,
#                 which the kernel unpacks without decompressing
#   modules.img   the release's whole module tree (lib/modules/KVER of
#                 Debian's package, as fetch-kernel.sh unpacks it) with the
#                 modules.dep that depmod makes for it, as an ext4 image
#                 (mke2fs -d): the guest mounts it on /lib/modules/KVER
#   tree/lib/modules/KVER
#                 the same tree, hard links to the unpacked package: what
#                 build-layer.sh runs depmod on for a module of this commit
#   key           what they were made from; a new key makes them again
#
# The key hashes the release, this script and boot-init. The files are made
# in a temporary directory and renamed into place.
#
# Environment: BUILD_DIR (default: <repo>/build).
# Required packages: scripts/deps.sh guest system.
set -euo pipefail

ME=aisched-sysboot
# shellcheck source=SCRIPTDIR/../common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
SYS=$HERE/system

kver=''
apt_opts=()
while [ $# -gt 0 ]; do
	case $1 in
	--apt-opt) [ $# -ge 2 ] || usage; apt_opts+=(--apt-opt "$2"); shift 2 ;;
	-h|--help) usage ;;
	-*) echo "$ME: unknown option $1" >&2; usage ;;
	*) [ -z "$kver" ] || usage; kver=$1; shift ;;
	esac
done
[ -n "$kver" ] || usage
for c in mke2fs depmod modprobe cpio; do
	command -v "$c" >/dev/null || die "$c is not installed (scripts/deps.sh guest system)"
done
busybox=$(command -v busybox) || die "busybox not found (install busybox-static)"

key=$({ echo "$kver"; cat "${BASH_SOURCE[0]}" "$SYS/boot-init"; } | sha256sum | cut -c 1-16)
out=$BUILD_DIR/system/kernel/$kver
if [ "$(cat "$out/key" 2>/dev/null)" = "$key" ] && [ -f "$out/boot.cpio" ] && [ -d "$out/tree" ] &&
   [ -f "$out/modules.img" ]; then
	echo "$out"
	exit 0
fi

"$HERE/fetch-kernel.sh" "${apt_opts[@]}" "$kver" >/dev/null || die "cannot get Debian's kernel $kver"
tree=$BUILD_DIR/kernel/$kver/lib/modules/$kver
[ -d "$tree/kernel" ] || die "no module tree in $tree"
tree=$(realpath "$tree")

tmp=$out.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

# The module tree: a hard-linked copy, so that depmod's files do not land
# in the unpacked package.
say "module tree of $kver"
mkdir -p "$tmp/root/lib/modules"
cp -al "$tree" "$tmp/root/lib/modules/$kver"
depmod -b "$tmp/root" "$kver" || die "depmod of $kver failed"
mods=$tmp/root/lib/modules/$kver
used=$(du -sm "$mods" | cut -f1)
mke2fs -q -F -t ext4 -L aisched-modules -m 0 -E root_owner=0:0 -d "$mods" \
	"$tmp/modules.img" "$((used + used / 4 + 64))M" >&2 || die "mke2fs of the module tree failed"

# The initramfs. modprobe --show-depends lists what to load, dependencies
# first; "builtin" lines need nothing.
say "initramfs of $kver"
init=$tmp/init.d
mkdir -p "$init"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,etc,lib/modules}
install -m 0755 "$SYS/boot-init" "$init/init"
install -m 0755 "$busybox" "$init/bin/busybox"
"$busybox" --list-full | while read -r applet; do
	case $applet in linuxrc|bin/busybox) continue ;; esac
	[ -e "$init/$applet" ] || ln -s /bin/busybox "$init/$applet"
done
: >"$init/etc/boot-modules"
for m in virtio_pci virtio_blk crypto-crc32c ext4; do
	modprobe -d "$tmp/root" -S "$kver" --show-depends "$m" ||
		die "$kver has no module $m"
done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r ko; do
	name=${ko##*/}
	name=${name%.xz}
	name=${name%.zst}
	case $ko in
	*.xz) xz -dc "$ko" >"$init/lib/modules/$name" ;;
	*.zst) zstd -qdc "$ko" >"$init/lib/modules/$name" ;;
	*) cp "$ko" "$init/lib/modules/$name" ;;
	esac || die "cannot copy $ko"
	echo "/lib/modules/$name" >>"$init/etc/boot-modules"
done
(cd "$init" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --quiet) >"$tmp/boot.cpio" || die "cpio failed"
echo "$key" >"$tmp/key"
mv "$tmp/root" "$tmp/tree"
rm -rf "$init"

rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
say "$out: modules.img $(du -m "$out/modules.img" | cut -f1) MiB, boot.cpio $(du -k "$out/boot.cpio" | cut -f1) KiB"
echo "$out"
