#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-rootfs.sh: build the root file system image of the system guest, a
# Debian 12 (bookworm) made with debootstrap, once per cache key, and print
# its path. Needs root to build (debootstrap); reading a cached image does
# not.
#
# Usage: build-rootfs.sh [--key] [--rebuild]
#
#   --key       print the cache key and exit (builds nothing)
#   --rebuild   build again even if the image of this key exists
#
# What goes in (every item is part of the cache key, with this script):
#   - debootstrap --variant=minbase of bookworm, from the mirror the host's
#     own Debian comes from, with the packages of system/packages and what
#     they depend on (not what they recommend);
#   - the files of system/rootfs/ copied over it (Slurm's configuration, the
#     host name, the stand-in GPU device files);
#   - the units of system/masks masked; multi-user.target the default;
#   - no apt lists or archives, documentation, man pages or locales.
# Nothing of the project's own build goes in: the module, the tool and the
# tests come with each boot, on a second disk (build-layer.sh).
#
# The image is ext4, made with mke2fs -d from the debootstrap tree (no loop
# mount), sparse, with about 1 GiB free. The guest boots it with QEMU's
# snapshot=on, so the cached file is never written.
#
# Cache (outside the clone, so that every clone on the machine finds it):
#   $AISCHED_CACHE_DIR/sysimage/KEY/root.img       printed on stdout
#   $AISCHED_CACHE_DIR/sysimage/KEY/packages.list  "package version" lines
#   $AISCHED_CACHE_DIR/sysimage/KEY/build.log      debootstrap's output
# AISCHED_CACHE_DIR defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/aisched, where
# the debug kernel's ccache lives too. A build happens in KEY.tmp and is
# renamed to KEY when complete: an interrupted build leaves no image. The
# three images used last are kept; older keys are removed.
#
# Required packages: scripts/deps.sh system.
set -euo pipefail

ME=aisched-sysimage
# shellcheck source=SCRIPTDIR/../common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
SYS=$HERE/system
SUITE=bookworm
KEEP=3

print_key='' rebuild=''
while [ $# -gt 0 ]; do
	case $1 in
	--key) print_key=1 ;;
	--rebuild) rebuild=1 ;;
	-h|--help) usage ;;
	*) echo "$ME: unknown argument $1" >&2; usage ;;
	esac
	shift
done

# The package list without comments, one name a line.
packages() {
	sed 's/#.*//' "$SYS/packages" | tr -s '[:blank:]' '\n' | sed '/^$/d'
}
masks() {
	sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$SYS/masks"
}

# The key: the suite, this script, the lists, and each file of rootfs/ by
# name, type and contents (not mode, which follows the clone's umask: the
# files are copied with fixed modes below).
key=$(
	{
		echo "suite $SUITE minbase"
		for f in "${BASH_SOURCE[0]}" "$SYS/packages" "$SYS/masks"; do
			echo "== ${f##*/}"
			cat "$f"
		done
		(cd "$SYS/rootfs" && find . -mindepth 1 -printf '%P %y %l\n' | LC_ALL=C sort)
		(cd "$SYS/rootfs" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
	} | sha256sum | cut -c 1-16
)
if [ -n "$print_key" ]; then
	echo "$key"
	exit 0
fi

cache=${AISCHED_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aisched}/sysimage
dir=$cache/$key
img=$dir/root.img

# A cached image is used as it is; its directory's time records the use,
# for the eviction below.
found() {
	[ -z "$rebuild" ] && [ -f "$img" ] || return 1
	touch "$dir" 2>/dev/null || true
	echo "$img"
}
found && exit 0

[ "$(id -u)" -eq 0 ] || die "no image for key $key in $cache, and building one needs root" \
	"(debootstrap): run this as root once"
for c in debootstrap mke2fs flock; do
	command -v "$c" >/dev/null || die "$c is not installed (scripts/deps.sh system)"
done
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || die "no $keyring (scripts/deps.sh system)"

mkdir -p "$cache"
# One build at a time on the machine: a second caller waits, then finds
# the image.
exec 9>"$cache/.lock"
if ! flock -n 9; then
	say "waiting for another build in $cache"
	flock 9
fi
found && exit 0

# The host's mirror: the one its own release comes from (as
# debian-kernel.sh finds it).
host_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
# shellcheck disable=SC2016 # apt's own $(...) fields
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null |
	awk -v s="$host_suite" '$2 == s { sub(/\/$/, "", $1); print $1; exit }')
[ -n "$mirror" ] || die "cannot find the host's Debian mirror for '$host_suite' (apt-get update first?)"

start=$(date +%s)
umask 022
tmp=$dir.tmp
tree=$tmp/tree
log=$tmp/build.log
# debootstrap mounts /proc and /sys in the tree while it installs; one
# that was interrupted may have left them mounted: unmount before removing.
cleanup() {
	awk -v t="$tmp/" 'index($2, t) == 1 { print $2 }' /proc/self/mounts | sort -r |
		while read -r m; do umount -l "$m" || true; done
	rm -rf --one-file-system "$tmp"
}
cleanup
mkdir -p "$tmp"
# Whatever stops the build, no half image stays, and no tree.
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
: >"$log"

step() {
	if ! "$@" >>"$log" 2>&1; then
		tail -n 40 "$log" | sed 's/^/  /' >&2
		cp "$log" "$cache/$key.failed.log" 2>/dev/null || true
		die "failed: $* (log: $cache/$key.failed.log)"
	fi
}

mapfile -t pkgs < <(packages)
say "debootstrap of $SUITE with ${#pkgs[@]} packages, key $key (a few minutes; log: $log)"
step debootstrap --variant=minbase --keyring="$keyring" \
	--include="$(IFS=,; echo "${pkgs[*]}")" "$SUITE" "$tree" "$mirror"

say "configuring"
# The repository's files, owned by root and 0644 (directories 0755)
# whoever owns the clone and whatever its umask; symbolic links as they are.
step cp -rT --no-preserve=mode,ownership "$SYS/rootfs" "$tree"
while read -r unit; do
	ln -sfn /dev/null "$tree/etc/systemd/system/$unit"
done < <(masks)
ln -sfn /lib/systemd/system/multi-user.target "$tree/etc/systemd/system/default.target"
# No network: the host's resolver means nothing in the guest.
rm -f "$tree/etc/resolv.conf"
# shellcheck disable=SC2016 # dpkg-query's own ${...} fields
chroot "$tree" dpkg-query -W -f '${Package} ${Version}\n' >"$tmp/packages.list"
# What no test reads; the image is smaller and mke2fs -d faster.
rm -rf "$tree"/var/lib/apt/lists/* "$tree"/var/cache/apt/* "$tree"/var/cache/debconf/*-old \
	"$tree"/usr/share/doc/* "$tree"/usr/share/man/* "$tree"/usr/share/info/* \
	"$tree"/usr/share/locale/* "$tree"/var/log/bootstrap.log "$tree"/tmp/*

# The size: what the tree takes plus 1 GiB for what the guest writes (the
# writes land in QEMU's snapshot file; the file system must have room).
used=$(du -sm "$tree" | cut -f1)
size=$((used + used / 4 + 1024))
say "making the image: ${used} MiB used, ${size} MiB file system"
step mke2fs -q -F -t ext4 -L aisched-root -m 0 -E root_owner=0:0 -d "$tree" "$tmp/root.img" "${size}M"
rm -rf --one-file-system "$tree"
printf 'key %s\nsuite %s\nhost-suite %s\nbuilt %s\nseconds %s\n' "$key" "$SUITE" \
	"$host_suite" "$(date -u +%FT%TZ)" "$(( $(date +%s) - start ))" >"$tmp/stamp"
rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
rm -f "$cache/$key.failed.log"
say "built $img in $(( $(date +%s) - start )) s ($(du -m "$img" | cut -f1) MiB on disk)"

# Keep the images used last (other clones may be at other commits).
# shellcheck disable=SC2012 # the names are hex keys
ls -1dt "$cache"/*/ 2>/dev/null | sed 's:/$::' | grep -v '\.tmp$' | tail -n +$((KEEP + 1)) |
	while read -r old; do
		[ -f "$old/root.img" ] || continue
		say "removing the older image ${old##*/}"
		rm -rf "$old"
	done
echo "$img"
