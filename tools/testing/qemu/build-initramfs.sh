#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-initramfs.sh: build the initramfs of the aisched test VM from built
# artifacts (it builds nothing itself).
#
# Usage: build-initramfs.sh --module KO --tool BIN [options]
#
#   --module KO      the built aisched.ko
#   --tool BIN       the statically linked aisched tool
#   --test-bin DIR   extra test binaries (statically linked) and data, copied
#                    to /usr/lib/aisched/tests/bin (on the guest's PATH)
#   --tests DIR      guest tests (default: tools/testing/selftests/aisched);
#                    its *.sh files go to /usr/lib/aisched/tests
#   --kver KVER      kernel release the module is for (default: the
#                    module's vermagic)
#   --extra-module KO another module for the same kernel (repeatable), e.g.
#                    kunit.ko of the debug kernel or a KUnit test module:
#                    /lib/modules/KVER/kernel/NAME.ko, in modules.dep, so
#                    `modprobe NAME` loads it and what it depends on
#   -o, --output F   the archive (default: $BUILD_DIR/vm/initramfs.cpio.gz)
#
# Environment: BUILD_DIR (default: <repo>/build); the staging directory is
# $BUILD_DIR/vm/initramfs.d. The archive is a gzip'd newc cpio of:
#   /init                                  tools/testing/qemu/init
#   /bin/busybox and its applets (symlinks), from busybox-static
#   /lib/modules/KVER/extra/aisched.ko     plus modules.dep (depmod -b)
#   /lib/modules/KVER/kernel/*.ko          --extra-module
#   /lib/modules/KVER/kernel/drivers/block/loop.ko
#                                          from Debian's package of KVER,
#                                          if KVER is a Debian release
#   /usr/sbin/aisched                      the tool
#   /usr/lib/aisched/tests/                the tests, lib.sh, run_tests.sh
#   /usr/lib/aisched/tests/bin/            --test-bin
#   /etc/aisched-vm/kver, /etc/passwd, /etc/group
set -euo pipefail

ME=aisched-vm
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"


module='' tool='' testbin='' kver=''
extra=()
tests=$REPO/tools/testing/selftests/aisched
out=$BUILD_DIR/vm/initramfs.cpio.gz
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || case $1 in -h|--help) usage ;; *) echo "$ME: $1 needs an argument" >&2; usage ;; esac
	case $1 in
	--module) module=$2 ;;
	--tool) tool=$2 ;;
	--test-bin) testbin=$2 ;;
	--tests) tests=$2 ;;
	--kver) kver=$2 ;;
	--extra-module) extra+=("$2") ;;
	-o|--output) out=$2 ;;
	*) echo "$ME: unknown option $1" >&2; usage ;;
	esac
	shift 2
done

[ -n "$module" ] || die "no module given (--module aisched.ko; build it first)"
[ -f "$module" ] || die "module $module not found (build it first)"
[ -n "$tool" ] || die "no tool given (--tool aisched, linked statically)"
[ -f "$tool" ] || die "tool $tool not found (build it first, statically: STATIC=1)"
[ -z "$testbin" ] || [ -d "$testbin" ] || die "test binary directory $testbin not found"
[ -d "$tests" ] || die "test directory $tests not found"
for ko in "${extra[@]}"; do
	[ -f "$ko" ] || die "module $ko not found (build it first)"
	case $ko in *.ko) ;; *) die "$ko: --extra-module wants a .ko file" ;; esac
done
busybox=$(command -v busybox) || die "busybox not found (install busybox-static)"

# A dynamically linked program cannot run in the guest, which has no libc:
# refuse it here rather than fail with "not found" there.
check_static() {
	local f=$1
	[ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] || return 0
	if LC_ALL=C readelf -l "$f" 2>/dev/null | grep -q 'Requesting program interpreter'; then
		die "$f is dynamically linked; the guest has no libc (link it with -static)"
	fi
}
check_static "$busybox"
check_static "$tool"

if [ -z "$kver" ]; then
	kver=$(modinfo -F vermagic "$module" | awk '{ print $1 }') ||
		die "cannot read the vermagic of $module (pass --kver)"
	[ -n "$kver" ] || die "$module has no vermagic (pass --kver)"
fi

module=$(realpath "$module") tool=$(realpath "$tool") tests=$(realpath "$tests")
for i in "${!extra[@]}"; do
	extra[i]=$(realpath "${extra[i]}")
done
[ -z "$testbin" ] || testbin=$(realpath "$testbin")
out=$(realpath -m "$out")
stage=$BUILD_DIR/vm/initramfs.d
rm -rf "$stage"
mkdir -p "$stage"
cd "$stage"
mkdir -p bin sbin usr/bin usr/sbin dev proc sys tmp run root etc/aisched-vm \
	lib/modules/"$kver"/extra usr/lib/aisched/tests/bin

install -m 0755 "$HERE/init" init
install -m 0755 "$busybox" bin/busybox
"$busybox" --list-full | while read -r applet; do
	case $applet in linuxrc|bin/busybox) continue ;; esac
	[ -e "$applet" ] || ln -s /bin/busybox "$applet"
done

install -m 0644 "$module" lib/modules/"$kver"/extra/aisched.ko
# A module for another kernel would fail to load in the guest with a
# message far from its cause: check the vermagic here.
for ko in "${extra[@]}"; do
	name=${ko##*/}
	v=$(modinfo -F vermagic "$ko" | awk '{ print $1 }')
	[ "$v" = "$kver" ] || die "$ko is for kernel '$v', not $kver"
	[ ! -e lib/modules/"$kver"/kernel/"$name" ] || die "two extra modules named $name"
	install -D -m 0644 "$ko" lib/modules/"$kver"/kernel/"$name"
done

# The stock kernel's own modules that the tests use: loop, a block device
# for O_DIRECT (71-pool-map.sh). From Debian's packages of the release,
# which fetch-kernel.sh unpacks under $BUILD_DIR/kernel/KVER (the VM boots
# its image anyway); newer releases ship them xz-compressed, which busybox
# cannot load, so they are stored uncompressed. A kernel that is no Debian
# release (the debug kernel, built without the loop driver) gets none, and
# the tests that need it skip.
stock_module() {
	local rel=$1 tree=$BUILD_DIR/kernel/$kver/lib/modules/$kver/kernel
	local to=lib/modules/$kver/kernel/$rel
	if [ -f "$tree/$rel" ]; then
		install -D -m 0644 "$tree/$rel" "$to"
	elif [ -f "$tree/$rel.xz" ]; then
		mkdir -p "$(dirname "$to")"
		xz -dc "$tree/$rel.xz" >"$to" || die "cannot uncompress $tree/$rel.xz"
	else
		say "no $rel for $kver; tests that need it will skip"
	fi
}
case $kver in
*-amd64)
	[ -d "$BUILD_DIR/kernel/$kver" ] || "$HERE/fetch-kernel.sh" "$kver" >/dev/null ||
		say "cannot fetch Debian's kernel $kver; tests that need its modules will skip"
	stock_module drivers/block/loop.ko
	;;
esac

touch lib/modules/"$kver"/modules.order lib/modules/"$kver"/modules.builtin \
	lib/modules/"$kver"/modules.builtin.modinfo
depmod -b "$stage" "$kver" || die "depmod failed"

install -m 0755 "$tool" usr/sbin/aisched

shopt -s nullglob
for t in "$tests"/*.sh; do
	install -m 0755 "$t" usr/lib/aisched/tests/
done
[ -e usr/lib/aisched/tests/run_tests.sh ] || die "$tests has no run_tests.sh"
if [ -n "$testbin" ]; then
	cp -a "$testbin"/. usr/lib/aisched/tests/bin/
	while IFS= read -r -d '' f; do
		check_static "$f"
	done < <(find usr/lib/aisched/tests/bin -type f -print0)
fi

echo "$kver" >etc/aisched-vm/kver
printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
	'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >etc/passwd
printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >etc/group

mkdir -p "$(dirname "$out")"
find . -mindepth 1 -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc -R 0:0 --quiet | gzip -9 -n >"$out.tmp"
mv "$out.tmp" "$out"
echo "$ME: $out ($kver, $(du -k "$out" | cut -f1) KiB)" >&2
