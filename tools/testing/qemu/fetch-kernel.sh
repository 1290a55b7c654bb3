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
#   $BUILD_DIR/kernel/$KVER/             the unpacked package
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

pkg=linux-image-$kver-unsigned
cache=$BUILD_DIR/kernel/deb
mkdir -p "$cache"

download() {
	# As root, apt drops to _apt for downloading, which cannot write into
	# a directory it does not own; downloading as root is fine here.
	local sandbox=()
	[ "$(id -u)" -ne 0 ] || sandbox=(-o APT::Sandbox::User=root)
	(cd "$cache" && apt-get -qq "${sandbox[@]}" "${apt_opts[@]}" download "$pkg") >&2
}

if ! ls "$cache/${pkg}_"*.deb >/dev/null 2>&1; then
	echo "$ME: downloading $pkg" >&2
	if ! download; then
		if [ "$(id -u)" -ne 0 ]; then
			die "cannot download $pkg; if the package lists are stale, run as root:" \
				"apt-get ${apt_opts[*]} update, then retry"
		fi
		echo "$ME: download failed; running apt-get update once and retrying" >&2
		apt-get -q "${apt_opts[@]}" update >&2 || die "apt-get update failed"
		download || die "cannot download $pkg (is $kver a Debian kernel release?)"
	fi
fi
deb=$(printf '%s\n' "$cache/${pkg}_"*.deb | sort -V | tail -n 1)

echo "$ME: unpacking $(basename "$deb")" >&2
rm -rf "$dest.tmp"
dpkg -x "$deb" "$dest.tmp" || die "dpkg -x $deb failed"
[ -f "$dest.tmp/boot/vmlinuz-$kver" ] || die "$deb holds no boot/vmlinuz-$kver"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
print_image
