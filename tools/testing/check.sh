#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: builds what the guest needs and runs the project's checks. The
# top-level Makefile calls it; run it directly only to pass other options.
#
# Usage: check.sh --kdir KDIR [--build DIR] MODE [ARG]
#
#   all          every check: host stages, then the guest suite on Debian's
#                stock kernel; the last line is "N passed, N failed"
#   quick        the edit-test loop (today the same stages as all)
#   vm           an interactive shell in the test VM
#   demo         the narrated demo in the test VM
#   run SCRIPT   SCRIPT as root in the test VM; exits with its status
#
# KDIR is the kernel build directory (Debian's linux-headers-*-amd64) the
# guest kernel matches; the module is built from a copy of the sources under
# the build directory, so the tree's own kernel/ build is left alone.
set -euo pipefail

ME=aisched-check
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
QEMU_DIR=$ROOT/tools/testing/qemu
kdir= build=$ROOT/build

die() { echo "$ME: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case $1 in
	--kdir) kdir=${2:?}; shift 2 ;;
	--build) build=${2:?}; shift 2 ;;
	-h|--help) sed -n '4,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) break ;;
	esac
done
mode=${1:-}
[ -n "$mode" ] || die "no mode (all, quick, vm, demo, run SCRIPT)"
[ -n "$kdir" ] && [ -d "$kdir" ] || die "no kernel headers (KDIR='$kdir'); scripts/deps.sh build installs them"
mkdir -p "$build"
build=$(cd "$build" && pwd)
export BUILD_DIR=$build

kver=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
[ -n "$kver" ] || die "cannot read the kernel release of $kdir"

guest=$build/guest/$kver
results=$build/results
jobs=$(nproc)

# The module for the guest kernel, from a copy of the sources; W=1, and the
# build log kept for the warning check.
build_module() {
	local src=$guest/module
	mkdir -p "$src"
	cp -a "$ROOT/Kbuild" "$src/"
	rm -rf "$src/kernel" "$src/include"
	cp -a "$ROOT/kernel" "$ROOT/include" "$src/"
	# Objects of a host build would be foreign to this kernel.
	find "$src/kernel" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name '.*.cmd' \) -delete
	make -C "$kdir" M="$src" W=1 -j"$jobs" modules >"$guest/module.log" 2>&1 || {
		cat "$guest/module.log" >&2
		die "the module does not build against $kdir"
	}
	echo "$src/kernel/aisched.ko"
}

# Everything the guest runs, then its initramfs.
# The static links warn that libnl's unused name-service calls need glibc's
# shared libraries at run time; the log keeps that out of sight.
prepare_guest() {
	local ko log=$guest/build.log
	echo "$ME: building for the guest kernel $kver" >&2
	ko=$(build_module)
	if ! {
		make -C "$ROOT/userspace" O="$guest/tool" STATIC=1 -j"$jobs" &&
		make -C "$ROOT/tools/testing/selftests/aisched" O="$guest/tests" \
			STATIC=1 INSTALL_PATH="$guest/tests/bin" -j"$jobs" install &&
		python3 "$ROOT/tools/testing/spec/check_spec.py" policy \
			"$ROOT/Documentation/netlink/specs/aisched.yaml" \
			>"$guest/tests/bin/aisched.policy" &&
		"$QEMU_DIR/build-initramfs.sh" --module "$ko" --tool "$guest/tool/aisched" \
			--test-bin "$guest/tests/bin" --kver "$kver" \
			-o "$guest/initramfs.cpio.gz"
	} >"$log" 2>&1; then
		cat "$log" >&2
		die "building the guest image failed"
	fi
}

# Host stages: each writes KTAP to $results/NAME.ktap.
stage_build() {
	local n=0 fail=0
	ktap_case() {
		n=$((n + 1))
		if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
	}
	echo "KTAP version 1"
	echo "1..5"
	if grep -E 'warning:|error:' "$guest/module.log" >"$results/module-warnings.txt"; then
		sed 's/^/# /' "$results/module-warnings.txt"
		ktap_case fail "build: aisched.ko for $kver with W=1 has no warnings"
	else
		ktap_case ok "build: aisched.ko for $kver with W=1 has no warnings"
	fi
	if make -C "$ROOT/userspace" O="$build/host/tool" -j"$jobs" >"$results/tool-build.log" 2>&1; then
		ktap_case ok "build: the tool builds with -Werror"
	else
		sed 's/^/# /' "$results/tool-build.log"
		ktap_case fail "build: the tool builds with -Werror"
	fi
	local v d
	v=$(sed -n 's/^#define AISCHED_VERSION "\(.*\)"/\1/p' "$ROOT/kernel/aisched.h")
	d=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$ROOT/dkms.conf")
	if [ -n "$v" ] && [ "$v" = "$d" ]; then
		ktap_case ok "build: dkms.conf has the module's version ($v)"
	else
		echo "# module $v, dkms.conf $d"
		ktap_case fail "build: dkms.conf has the module's version ($v)"
	fi
	# make install, into a staging root.
	local root=$build/host/install
	rm -rf "$root"
	if make -C "$ROOT" KDIR="$kdir" INSTALL_MOD_PATH="$root" DESTDIR="$root" \
		install >"$results/install.log" 2>&1 &&
	   [ -f "$root/lib/modules/$kver/extra/aisched.ko" ] &&
	   grep -q '^extra/aisched.ko:' "$root/lib/modules/$kver/modules.dep"; then
		ktap_case ok "build: make install puts aisched.ko in extra/ and runs depmod"
	else
		sed 's/^/# /' "$results/install.log"
		ktap_case fail "build: make install puts aisched.ko in extra/ and runs depmod"
	fi
	if [ -x "$root/usr/local/sbin/aisched" ] &&
	   man -l "$root/usr/local/share/man/man8/aisched.8" 2>&1 >/dev/null | grep -q . ; then
		echo "# the man page renders with warnings:"
		man -l "$root/usr/local/share/man/man8/aisched.8" 2>&1 >/dev/null | sed 's/^/# /'
		ktap_case fail "build: make install installs the tool and a clean man page"
	elif [ -x "$root/usr/local/sbin/aisched" ] &&
	     [ -f "$root/usr/local/share/man/man8/aisched.8" ]; then
		ktap_case ok "build: make install installs the tool and a clean man page"
	else
		ktap_case fail "build: make install installs the tool and a clean man page"
	fi
	return $fail
}

stage_unit() {
	make -s -C "$ROOT/userspace" O="$build/host/tool" \
		KSFT_DIR="$build/linux-source-6.1/tools/testing/selftests" check
}

stage_spec() {
	python3 "$ROOT/tools/testing/spec/check_spec.py" header \
		"$ROOT/Documentation/netlink/specs/aisched.yaml" \
		"$ROOT/include/uapi/linux/aisched.h"
}

stage_style() {
	"$ROOT/tools/testing/style.sh" --build "$build"
}

run_host_stage() {
	local name=$1
	echo "$ME: $name" >&2
	if "stage_$name" >"$results/$name.ktap" 2>"$results/$name.err"; then
		:
	else
		echo "$ME: $name: failures (see $results/$name.ktap)" >&2
		cat "$results/$name.err" >&2
	fi
}

check() {
	local args=()
	rm -rf "$results"
	mkdir -p "$results"
	# The kselftest harness for the unit tests, and checkpatch, come from it.
	"$ROOT/scripts/linux-source.sh" "$build" >/dev/null
	prepare_guest
	for stage in build unit spec style; do
		run_host_stage "$stage"
		args+=(--label "$stage" "$results/$stage.ktap")
	done
	echo "$ME: guest suite on Debian's stock kernel $kver" >&2
	"$QEMU_DIR/run.sh" --tests --initrd "$guest/initramfs.cpio.gz" \
		--log "$results/stock.log" >/dev/null || true
	args+=(--label stock "$results/stock.log")
	python3 "$QEMU_DIR/ktap-summary.py" "${args[@]}"
}

case $mode in
all|quick)
	check
	;;
vm)
	prepare_guest
	exec "$QEMU_DIR/run.sh" --shell --initrd "$guest/initramfs.cpio.gz"
	;;
demo)
	prepare_guest
	exec "$QEMU_DIR/run.sh" --demo --initrd "$guest/initramfs.cpio.gz"
	;;
run)
	script=${2:?usage: check.sh run SCRIPT}
	[ -f "$script" ] || die "no script $script"
	prepare_guest
	exec "$QEMU_DIR/run.sh" --script "$script" --initrd "$guest/initramfs.cpio.gz"
	;;
*)
	die "unknown mode '$mode'"
	;;
esac
