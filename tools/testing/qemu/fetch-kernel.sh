#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-kernel.sh: get Debian's stock kernel image for a kernel release and
# print the path of its bzImage. The package is downloaded with apt-get and
# unpacked with dpkg -x under the build directory; it is never installed.
#
# Usage: fetch-kernel.sh [--vmlinux] [--apt-opt OPT]... KVER
#        fetch-kernel.sh [--vmlinux] [--apt-opt OPT]... --kdir KDIR
#
#   KVER          kernel release, as `uname -r` prints it (e.g. 6.1.0-56-amd64)
#   --kdir KDIR   take the release from the headers a module was built
#                 against (KDIR/include/generated/utsrelease.h; note that
#                 Debian's include/config/kernel.release holds the upstream
#                 version, e.g. 6.1.192, not the release)
#   --vmlinux     print instead the uncompressed kernel ELF, extracted once
#                 from the bzImage (boot/vmlinux-$KVER): QEMU boots it through
#                 its PVH entry without decompressing it, about 3 s faster
#                 under TCG. Falls back to the bzImage without CONFIG_PVH.
#   --apt-opt OPT extra apt-get option (repeatable), e.g.
#                 "-o Dir::Etc::SourceList=FILE" for another Debian suite
#
# Environment: BUILD_DIR (default: <repo>/build). Layout:
#   $BUILD_DIR/kernel/deb/               downloaded .deb files (the cache)
#   $BUILD_DIR/kernel/$KVER/             the unpacked packages: the image
#                                        package up to 6.x; from 7.0 the
#                                        image, its base and its modules
#   $BUILD_DIR/kernel/$KVER/boot/vmlinuz-$KVER   printed on stdout
# An already unpacked release is not fetched again.
set -euo pipefail

ME=aisched-vm
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"


kver='' kdir='' want_vmlinux=''
apt_opts=()
while [ $# -gt 0 ]; do
	case $1 in
	--kdir) [ $# -ge 2 ] || usage; kdir=$2; shift 2 ;;
	--vmlinux) want_vmlinux=1; shift ;;
	--apt-opt) [ $# -ge 2 ] || usage; read -ra o <<<"$2"; apt_opts+=("${o[@]}"); shift 2 ;;
	-h|--help) usage ;;
	-*) echo "$ME: unknown option $1" >&2; usage ;;
	*) [ -z "$kver" ] || usage; kver=$1; shift ;;
	esac
done

if [ -n "$kdir" ]; then
	uts=$kdir/include/generated/utsrelease.h
	[ -r "$uts" ] || die "$uts: not found (is $kdir a kernel build or headers directory?)"
	kver=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$uts")
	[ -n "$kver" ] || die "$uts: no UTS_RELEASE"
fi
[ -n "$kver" ] || usage

dest=$BUILD_DIR/kernel/$kver
bzimage=$dest/boot/vmlinuz-$kver
vmlinux=$dest/boot/vmlinux-$kver

# Prints the image to boot: the bzImage, or with --vmlinux the ELF inside it.
print_image() {
	if [ -z "$want_vmlinux" ]; then
		echo "$bzimage"
	elif [ -f "$vmlinux" ]; then
		echo "$vmlinux"
	elif ! grep -qx 'CONFIG_PVH=y' "$dest/boot/config-$kver" 2>/dev/null; then
		echo "$ME: $kver has no PVH entry; booting the bzImage" >&2
		echo "$bzimage"
	elif python3 "$HERE/extract-vmlinux.py" "$bzimage" "$vmlinux"; then
		echo "$vmlinux"
	else
		echo "$ME: cannot extract vmlinux from $bzimage; booting the bzImage" >&2
		echo "$bzimage"
	fi
}

if [ -f "$bzimage" ]; then
	print_image
	exit 0
fi

cache=$BUILD_DIR/kernel/deb
mkdir -p "$cache"

# Debian packages a release up to 6.x as linux-image-KVER-unsigned. From
# 7.0 it is split: linux-binary-unsigned-KVER holds the image,
# linux-base-KVER its config and linux-modules-KVER the modules.
old_pkgs=("linux-image-$kver-unsigned")
split_pkgs=("linux-binary-unsigned-$kver" "linux-base-$kver" "linux-modules-$kver")

cached() {
	local p
	for p; do
		ls "$cache/${p}_"*.deb >/dev/null 2>&1 || return 1
	done
}

# Downloads the packages of PKG... that are not in the cache yet.
download() {
	# As root, apt drops to _apt for downloading, which cannot write into
	# a directory it does not own; downloading as root is fine here.
	local sandbox=() want=() p
	[ "$(id -u)" -ne 0 ] || sandbox=(-o APT::Sandbox::User=root)
	for p; do
		cached "$p" || want+=("$p")
	done
	[ ${#want[@]} -gt 0 ] || return 0
	echo "$ME: downloading ${want[*]}" >&2
	(cd "$cache" && apt-get -qq "${sandbox[@]}" "${apt_opts[@]}" download "${want[@]}") >&2
}

# Either packaging; the old one's error is expected for a 7.x release.
fetch() {
	if cached "${split_pkgs[@]}"; then
		pkgs=("${split_pkgs[@]}")
	elif download "${old_pkgs[@]}" 2>/dev/null; then
		pkgs=("${old_pkgs[@]}")
	else
		download "${split_pkgs[@]}" || return 1
		pkgs=("${split_pkgs[@]}")
	fi
}

pkgs=()
if ! fetch; then
	if [ "$(id -u)" -ne 0 ]; then
		die "cannot download the image of $kver; if the package lists are stale, run as root:" \
			"apt-get ${apt_opts[*]} update, then retry"
	fi
	echo "$ME: download failed; running apt-get update once and retrying" >&2
	apt-get -q "${apt_opts[@]}" update >&2 || die "apt-get update failed"
	fetch || die "cannot download the image of $kver (is it a Debian kernel release?)"
fi

rm -rf "$dest.tmp"
for p in "${pkgs[@]}"; do
	deb=$(printf '%s\n' "$cache/${p}_"*.deb | sort -V | tail -n 1)
	echo "$ME: unpacking $(basename "$deb")" >&2
	dpkg -x "$deb" "$dest.tmp" || die "dpkg -x $deb failed"
done
# One layout for both packagings: boot/vmlinuz-KVER and boot/config-KVER,
# and the modules under lib/modules/KVER (usr/lib/modules on trixie).
if [ ! -e "$dest.tmp/lib/modules" ] && [ -d "$dest.tmp/usr/lib/modules" ]; then
	mkdir -p "$dest.tmp/lib"
	ln -s ../usr/lib/modules "$dest.tmp/lib/modules"
fi
mods=$dest.tmp/lib/modules/$kver
if [ -f "$mods/vmlinuz.unsigned" ]; then
	mkdir -p "$dest.tmp/boot"
	mv "$mods/vmlinuz.unsigned" "$dest.tmp/boot/vmlinuz-$kver"
	[ ! -f "$mods/config" ] || cp "$mods/config" "$dest.tmp/boot/config-$kver"
fi
[ -f "$dest.tmp/boot/vmlinuz-$kver" ] || die "${pkgs[*]}: no kernel image for $kver"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
print_image
