#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debian-kernel.sh: get the newest kernel of another Debian suite ready to
# build a module for and to boot, without touching the host's apt setup or
# root: prints "KVER KDIR CHROOT" on stdout.
#
# Usage: debian-kernel.sh SUITE
#        debian-kernel.sh --make CHROOT KDIR SRC [MAKE_ARGS...]
#
#   SUITE   a Debian suite: trixie (6.12), trixie-backports (7.x), sid
#   --make  runs make -C KDIR M=SRC MAKE_ARGS in CHROOT, where KDIR and SRC
#           are paths inside CHROOT, with /proc mounted in a private mount
#           namespace (objtool reads it); for the module's build
#
# For SUITE it
#   - keeps apt package lists of SUITE alone under $BUILD_DIR/apt/SUITE,
#     from the mirror the host's own Debian suite comes from (apt-get -o
#     Dir::Etc::SourceList=... -o Dir::State::Lists=...), updated once a day;
#   - takes the release that SUITE's linux-headers-amd64 depends on;
#   - makes a debootstrap chroot of SUITE's base suite (trixie for
#     trixie-backports) under $BUILD_DIR/chroot/BASE, once: its kernel's
#     build tools (fixdep, modpost, objtool) need that suite's glibc, and its
#     compiler must be the kernel's;
#   - installs in it what the release's headers depend on (gcc-N, pahole,
#     libraries) with the chroot's own apt, and unpacks the headers,
#     /usr/src/linux-headers-KVER (KDIR) in the chroot;
#   - fetches the release's image with fetch-kernel.sh.
#
# Needs root (debootstrap, chroot), debootstrap, and the mirror.
# Environment: BUILD_DIR (default: <repo>/build).
set -euo pipefail

ME=aisched-kernel
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -ge 1 ] || usage
case $1 in -h|--help) usage ;; esac
[ "$(id -u)" -eq 0 ] || die "needs root: debootstrap and chroot build the module for $1"

if [ "$1" = --make ]; then
	[ $# -ge 4 ] || usage
	chroot_dir=$2 kdir=$3 src=$4
	shift 4
	exec unshare --mount --propagation private chroot "$chroot_dir" /bin/sh -c \
		'mount -t proc proc /proc && exec make -C "$0" M="$1" "$@"' "$kdir" "$src" "$@"
fi

suite=$1
case $suite in *[!a-z0-9-]*|'') die "'$suite' is not a Debian suite name" ;; esac
base=${suite%-backports}
command -v debootstrap >/dev/null || die "debootstrap is not installed (scripts/deps.sh matrix)"

# The host's mirror: the one its own release comes from.
host_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null |
	awk -v s="$host_suite" '$2 == s { sub(/\/$/, "", $1); print $1; exit }')
[ -n "$mirror" ] || die "cannot find the host's Debian mirror for '$host_suite' (apt-get update first?)"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# Apt state of SUITE alone.
apt_dir=$BUILD_DIR/apt/$suite
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
echo "deb [signed-by=$keyring] $mirror $suite main" >"$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
	-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
	-o APT::Sandbox::User=root)
if [ -z "$(find "$apt_dir/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null)" ]; then
	say "updating the package lists of $suite"
	apt-get -qq "${apt_opts[@]}" update >&2 || die "apt-get update of $suite failed"
fi

# The release: linux-headers-amd64 depends on linux-headers-KVER.
kver=$(apt-cache "${apt_opts[@]}" depends linux-headers-amd64 2>/dev/null |
	sed -n 's/^ *Depends: linux-headers-\(.*-amd64\)$/\1/p' | sort -V | tail -n 1)
[ -n "$kver" ] || die "$suite has no linux-headers-amd64"
abi=${kver%-amd64}
headers=("linux-headers-$kver" "linux-headers-$abi-common" "linux-kbuild-$abi")

# What the headers need to build with, beyond the kernel's own packages:
# the compiler and the libraries of the build tools.
mapfile -t needs < <(apt-cache "${apt_opts[@]}" depends "${headers[@]}" 2>/dev/null |
	sed -n 's/^ *|\{0,1\}Depends: \([^ <]*\).*/\1/p' | grep -v '^linux-' | sort -u)
needs+=(make perl python3 libc6-dev)

# The chroot, made once (debootstrap into a temporary directory first, so
# an interrupted run leaves nothing half made).
chroot_dir=$BUILD_DIR/chroot/$base
if [ ! -x "$chroot_dir/usr/bin/make" ]; then
	say "making a $base chroot for building modules (debootstrap: a few minutes)"
	rm -rf "$chroot_dir.tmp"
	mkdir -p "$(dirname "$chroot_dir")"
	debootstrap --variant=minbase --keyring="$keyring" \
		--include="$(IFS=,; echo "${needs[*]}")" \
		"$base" "$chroot_dir.tmp" "$mirror" >"$BUILD_DIR/chroot/$base.log" 2>&1 ||
		die "debootstrap of $base failed (see $BUILD_DIR/chroot/$base.log)"
	rm -rf "$chroot_dir"
	mv "$chroot_dir.tmp" "$chroot_dir"
fi
# A newer kernel of the suite may need more (a new compiler): the chroot's
# apt installs what is missing; it does nothing when all is there.
missing=()
for p in "${needs[@]}"; do
	[ -n "$p" ] || continue
	chroot "$chroot_dir" dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null |
		grep -qx installed || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	say "installing ${missing[*]} in the $base chroot"
	{ chroot "$chroot_dir" apt-get -qq update &&
	  DEBIAN_FRONTEND=noninteractive chroot "$chroot_dir" \
		apt-get -qq install -y --no-install-recommends "${missing[@]}"; } \
		>>"$BUILD_DIR/chroot/$base.log" 2>&1 </dev/null ||
		die "cannot install ${missing[*]} in $chroot_dir (see $BUILD_DIR/chroot/$base.log)"
fi

# The headers, unpacked into the chroot (not installed: the headers
# package depends on the image).
kdir=/usr/src/linux-headers-$kver
if [ ! -e "$chroot_dir$kdir/Makefile" ]; then
	debs=$BUILD_DIR/kernel/deb
	mkdir -p "$debs"
	want=()
	for p in "${headers[@]}"; do
		ls "$debs/${p}_"*.deb >/dev/null 2>&1 || want+=("$p")
	done
	if [ ${#want[@]} -gt 0 ]; then
		say "downloading ${want[*]}"
		(cd "$debs" && apt-get -qq "${apt_opts[@]}" download "${want[@]}") >&2 ||
			die "cannot download the headers of $kver"
	fi
	for p in "${headers[@]}"; do
		deb=$(printf '%s\n' "$debs/${p}_"*.deb | sort -V | tail -n 1)
		dpkg -x "$deb" "$chroot_dir" || die "dpkg -x $deb failed"
	done
fi
[ -e "$chroot_dir$kdir/Makefile" ] || die "no $kdir in $chroot_dir"

"$HERE/fetch-kernel.sh" --apt-opt "${apt_opts[*]}" "$kver" >/dev/null ||
	die "cannot fetch the image of $kver"
echo "$kver $kdir $chroot_dir"
