#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: builds what the guest needs and runs the project's checks. The
# top-level Makefile calls it; run it directly only to pass other options.
#
# Usage: check.sh --kdir KDIR [--build DIR] MODE [ARG]
#
#   all          every check: host stages, then the guest suite on Debian's
#                stock kernel, on the newer kernels of the matrix, and on the
#                debug kernel (KASAN, lockdep, kmemleak, UBSAN, KUnit); the
#                last line is "N passed, N failed"
#   quick        the edit-test loop: host stages and the stock kernel only
#   matrix       the kernel matrix: host stages and the guest suite on the
#                stock kernel and each kernel of tools/testing/qemu/kernels
#                (Debian's 6.12 and newest 7.x), without the debug kernel
#   kunit SUITE  the KUnit suite SUITE (aisched_X) alone, on the debug kernel
#   vm           an interactive shell in the test VM
#   demo         the narrated demo in the test VM
#   run SCRIPT   SCRIPT as root in the test VM; exits with its status
#   sysvm [kernel=NAME]
#                an interactive shell in the system guest (Debian 12,
#                systemd, Slurm, podman: tools/testing/qemu/system/), on
#                Debian's 6.1 or that kernel of tools/testing/qemu/kernels
#   sysrun SCRIPT [kernel=NAME]
#                SCRIPT as root in the system guest; exits with its status
#   run-debug SCRIPT
#                the same on the debug kernel
#   repeat NAME[,NAME] N BOOTS [debug | kernel=NAME]
#                the guest tests NAME... N times in a row in each of BOOTS
#                fresh boots (N=20 BOOTS=1: twenty runs in one boot; N=1
#                BOOTS=20: twenty boots), on Debian's 6.1, the debug kernel
#                or that kernel of tools/testing/qemu/kernels; prints each
#                file's runs passed, then the summary of every case
#   bench [1,2,3,4,5,6,7,8,9] [quick] [debug | kernel=NAME]
#                the benchmarks (tools/testing/bench/run-bench.sh) in the test
#                VM, or only those listed; quick: smaller counts; debug: on
#                the debug kernel (patches/ applied: benchmark 8 needs its
#                numa-hint hook and skips without it); kernel=NAME: on that
#                kernel of tools/testing/qemu/kernels (6.12 or 7.x: benchmark
#                9 needs EEVDF custom slices and skips without them). The VM
#                gets 4 GiB per node (the pool's benchmarks map 1 GiB three
#                ways on one node). Console log in BUILD/bench/console.log,
#                console-debug.log or console-NAME.log
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
	-h|--help) sed -n '4,/^set -e/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) break ;;
	esac
done
mode=${1:-}
[ -n "$mode" ] || die "no mode (all, quick, vm, demo, run SCRIPT, bench)"
[ -n "$kdir" ] && [ -d "$kdir" ] || die "no kernel headers (KDIR='$kdir'); scripts/deps.sh build installs them"
mkdir -p "$build"
build=$(cd "$build" && pwd)
export BUILD_DIR=$build

kver=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
[ -n "$kver" ] || die "cannot read the kernel release of $kdir"

# The spec check needs PyYAML, which scripts/deps.sh installs for Debian's
# own interpreter; a python3 earlier on PATH (pyenv, a venv) may lack it.
spec_python=/usr/bin/python3

guest=$build/guest/$kver
results=$build/results
jobs=$(nproc)
# The debug kernel's ccache outlives the build directory, so a fresh clone
# on a machine that built the kernel before rebuilds it in about a minute.
export CCACHE_DIR=${CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aisched/ccache}

# A fresh copy of the module's sources in DIR, to build for one kernel while
# the tree's own kernel/ stays as it is. Objects of a host build in the tree
# would be foreign to that kernel, so they are left out.
copy_module_src() {
	rm -rf "$1" && mkdir -p "$1" &&
		cp -a "$ROOT/Kbuild" "$ROOT/kernel" "$ROOT/include" "$1/" &&
		find "$1/kernel" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' \
			-o -name '.*.cmd' \) -delete
}

# The module for the guest kernel, from a copy of the sources; W=1, and the
# build log kept for the warning check.
build_module() {
	local src=$guest/module
	copy_module_src "$src" || die "cannot copy the module's sources to $src"
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
		"$spec_python" "$ROOT/tools/testing/spec/check_spec.py" policy \
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

# The system guest (tools/testing/qemu/system/): the module of
# prepare_guest, or with kernel=NAME the one prepare_matrix_guest builds for
# that kernel of the matrix; the tool as make builds it (linked dynamically,
# as make install installs it; the root image has its libraries); the test
# helpers of prepare_guest. The root image stays Debian 12 whatever the
# kernel. Sets sys_args, the arguments of run.sh.
prepare_system_guest() {
	local where=${1:-} name suite sys_ko=$guest/module/kernel/aisched.ko sys_kver=$kver
	local tool=$build/system/tool
	prepare_guest
	mkdir -p "$tool"
	make -C "$ROOT/userspace" O="$tool" -j"$jobs" >"$tool/build.log" 2>&1 || {
		cat "$tool/build.log" >&2
		die "the tool does not build"
	}
	case $where in
	'') ;;
	kernel=?*)
		name=${where#kernel=}
		suite=$(matrix_kernels | awk -v n="$name" '$1 == n { print $2; exit }')
		[ -n "$suite" ] ||
			die "no kernel $name in tools/testing/qemu/kernels ($(matrix_kernels | awk '{ print $1 }' | paste -sd ' '))"
		[ "$(id -u)" -eq 0 ] || die "Debian's $name kernel: building for it needs root (debootstrap, chroot)"
		prepare_matrix_guest "$suite" ||
			die "the module does not build for Debian's $name kernel"
		sys_ko=$mx_ko sys_kver=$mx_kver
		;;
	*) die "usage: check.sh sysvm|sysrun [SCRIPT] [kernel=NAME]" ;;
	esac
	sys_args=(--system --module "$sys_ko" --kver "$sys_kver" --tool "$tool/aisched"
		--test-bin "$guest/tests/bin")
}

# The debug kernel (KASAN, UBSAN, lockdep, kmemleak, KUnit), built once per
# cache key by build-kernel.sh; aisched.ko and aisched_kunit.ko for it, with
# W=1; its initramfs, with kunit.ko. The tool and the test helpers are
# static: those of prepare_guest serve. Sets debug_image, debug_initrd and
# debug_kver. AISCHED_KUNIT_SUITES (X for suite aisched_X) narrows the
# KUnit module to those suites.
prepare_debug_guest() {
	local kdir dguest=$build/guest/debug
	local src=$dguest/module log=$dguest/build.log
	mkdir -p "$dguest"
	echo "$ME: building the debug kernel (from nothing: about 9 minutes)" >&2
	kdir=$("$QEMU_DIR/build-kernel.sh") || return 1
	debug_kver=$(cat "$kdir/include/config/kernel.release") || return 1
	debug_image=$kdir/arch/x86/boot/bzImage
	debug_initrd=$dguest/initramfs.cpio.gz
	copy_module_src "$src" || return 1
	if ! make -C "$kdir" M="$src" W=1 -j"$jobs" \
		${AISCHED_KUNIT_SUITES:+AISCHED_KUNIT_SUITES="$AISCHED_KUNIT_SUITES"} \
		modules >"$dguest/module.log" 2>&1; then
		cat "$dguest/module.log" >&2
		echo "$ME: the module does not build against the debug kernel" >&2
		return 1
	fi
	if ! "$QEMU_DIR/build-initramfs.sh" --module "$src/kernel/aisched.ko" \
		--tool "$guest/tool/aisched" --test-bin "$guest/tests/bin" \
		--kver "$debug_kver" --extra-module "$kdir/lib/kunit/kunit.ko" \
		--extra-module "$src/kernel/tests/aisched_kunit.ko" \
		-o "$debug_initrd" >"$log" 2>&1; then
		cat "$log" >&2
		echo "$ME: building the debug guest image failed" >&2
		return 1
	fi
}

# The guest suite on the debug kernel, as a second labelled log; a build
# failure is a failed case. Extra arguments go to run.sh.
run_debug_suite() {
	if prepare_debug_guest; then
		echo "$ME: guest suite on the debug kernel $debug_kver" >&2
		"$QEMU_DIR/run.sh" --tests --kernel "$debug_image" --initrd "$debug_initrd" \
			--timeout 2400 --log "$results/debug.log" "$@" >/dev/null || true
	else
		printf '%s\n' "KTAP version 1" "1..1" \
			"not ok 1 - the debug kernel and its guest image build" >"$results/debug.log"
	fi
}

# The newer kernels of the matrix: "NAME SUITE" lines of qemu/kernels.
matrix_kernels() {
	grep -vE '^[[:space:]]*(#|$)' "$QEMU_DIR/kernels"
}

# prepare_matrix_guest SUITE: the newest kernel of Debian SUITE
# (debian-kernel.sh), aisched.ko built for it with W=1 in that suite's
# chroot, and its initramfs; the tool and the test helpers are static:
# those of prepare_guest serve. Sets mx_kver, mx_ko (the module) and
# mx_initrd.
prepare_matrix_guest() {
	local out kdir chroot_dir src mguest
	out=$("$QEMU_DIR/debian-kernel.sh" "$1") || return 1
	read -r mx_kver kdir chroot_dir <<<"$out"
	mguest=$build/guest/$mx_kver
	src=/build/aisched-$mx_kver
	mkdir -p "$mguest"
	copy_module_src "$chroot_dir$src" || return 1
	if ! "$QEMU_DIR/debian-kernel.sh" --make "$chroot_dir" "$kdir" "$src" W=1 \
		-j"$jobs" modules >"$mguest/module.log" 2>&1; then
		cat "$mguest/module.log" >&2
		echo "$ME: the module does not build against $mx_kver" >&2
		return 1
	fi
	mx_ko=$chroot_dir$src/kernel/aisched.ko
	mx_initrd=$mguest/initramfs.cpio.gz
	if ! "$QEMU_DIR/build-initramfs.sh" --module "$mx_ko" \
		--tool "$guest/tool/aisched" --test-bin "$guest/tests/bin" \
		--kver "$mx_kver" -o "$mx_initrd" >"$mguest/build.log" 2>&1; then
		cat "$mguest/build.log" >&2
		echo "$ME: building the guest image for $mx_kver failed" >&2
		return 1
	fi
}

# run_matrix_suite NAME SUITE: the guest suite on that kernel, in
# $results/NAME.log; a build failure is a failed case. Records the release
# for stage_build.
run_matrix_suite() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "$ME: Debian's $1 kernel: skipped, building for it needs root" >&2
		printf '%s\n' "KTAP version 1" "1..1" \
			"ok 1 - the guest suite on Debian's $1 kernel # SKIP needs root (debootstrap, chroot)" \
			>"$results/$1.log"
	elif prepare_matrix_guest "$2"; then
		echo "$ME: guest suite on Debian's $1 kernel $mx_kver ($2)" >&2
		echo "$1 $mx_kver" >>"$results/matrix.list"
		"$QEMU_DIR/run.sh" --tests --initrd "$mx_initrd" \
			--timeout 900 --log "$results/$1.log" >/dev/null || true
	else
		printf '%s\n' "KTAP version 1" "1..1" \
			"not ok 1 - the module and guest image build for Debian's $1 kernel ($2)" \
			>"$results/$1.log"
	fi
}

# Host stages: each writes KTAP to $results/NAME.ktap.
stage_build() {
	local n=0 fail=0
	ktap_case() {
		n=$((n + 1))
		if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
	}
	local debug_log=$build/guest/debug/module.log
	echo "KTAP version 1"
	echo "1..$(( 6 + debug + $(cat "$results/matrix.list" 2>/dev/null | wc -l) ))"
	if grep -E 'warning:|error:' "$guest/module.log" >"$results/module-warnings.txt"; then
		sed 's/^/# /' "$results/module-warnings.txt"
		ktap_case fail "build: aisched.ko for $kver with W=1 has no warnings"
	else
		ktap_case ok "build: aisched.ko for $kver with W=1 has no warnings"
	fi
	if [ "$debug" = 1 ]; then
		if [ -f "$debug_log" ] && ! grep -E 'warning:|error:' "$debug_log" \
			>"$results/module-warnings-debug.txt"; then
			ktap_case ok "build: aisched.ko and aisched_kunit.ko for the debug kernel with W=1 have no warnings"
		else
			sed 's/^/# /' "$results/module-warnings-debug.txt" 2>/dev/null || echo "# not built"
			ktap_case fail "build: aisched.ko and aisched_kunit.ko for the debug kernel with W=1 have no warnings"
		fi
	fi
	local name mkver mlog
	while read -r name mkver; do
		mlog=$build/guest/$mkver/module.log
		if grep -E 'warning:|error:' "$mlog" >"$results/module-warnings-$name.txt"; then
			sed 's/^/# /' "$results/module-warnings-$name.txt"
			ktap_case fail "build: aisched.ko for $mkver ($name) with W=1 has no warnings"
		else
			ktap_case ok "build: aisched.ko for $mkver ($name) with W=1 has no warnings"
		fi
	done < <(cat "$results/matrix.list" 2>/dev/null)
	if make -C "$ROOT/userspace" O="$build/host/tool" -j"$jobs" >"$results/tool-build.log" 2>&1; then
		ktap_case ok "build: the tool builds with -Werror"
	else
		sed 's/^/# /' "$results/tool-build.log"
		ktap_case fail "build: the tool builds with -Werror"
	fi
	if make -C "$ROOT/userspace/slurm" O="$build/host/slurm" -j"$jobs" \
		>"$results/slurm-build.log" 2>&1; then
		ktap_case ok "build: the SPANK plugin builds with -Werror"
	else
		sed 's/^/# /' "$results/slurm-build.log"
		ktap_case fail "build: the SPANK plugin builds with -Werror"
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
	local ksft=$build/linux-source-6.1/tools/testing/selftests

	make -s -C "$ROOT/userspace" O="$build/host/tool" KSFT_DIR="$ksft" check &&
		make -s -C "$ROOT/userspace/slurm" O="$build/host/slurm" \
			KSFT_DIR="$ksft" check
}

stage_spec() {
	"$spec_python" "$ROOT/tools/testing/spec/check_spec.py" header \
		"$ROOT/Documentation/netlink/specs/aisched.yaml" \
		"$ROOT/include/uapi/linux/aisched.h"
}

# The summary parser that every count goes through.
stage_harness() {
	python3 "$QEMU_DIR/tests/ktap_summary_test.py"
}

stage_style() {
	"$ROOT/tools/testing/style.sh" --build "$build"
}

# The tool's libFuzzer targets, briefly: every kept input replayed, then
# AISCHED_FUZZ_TIME seconds of fuzzing each (make fuzz runs them longer).
stage_fuzz() {
	"$ROOT/tools/testing/fuzz/run-host.sh" --build "$build/fuzz" \
		--time "${AISCHED_FUZZ_TIME:-10}"
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

# check DEBUG MATRIX: every stage; with DEBUG=1 also the debug kernel's
# run, with MATRIX=1 the newer kernels'.
check() {
	local args=() name suite
	debug=$1 matrix=$2
	rm -rf "$results"
	mkdir -p "$results"
	# The kselftest harness for the unit tests, and checkpatch, come from it.
	"$ROOT/scripts/linux-source.sh" "$build" >/dev/null
	prepare_guest
	echo "$ME: guest suite on Debian's stock kernel $kver" >&2
	"$QEMU_DIR/run.sh" --tests --initrd "$guest/initramfs.cpio.gz" \
		--timeout 900 --log "$results/stock.log" >/dev/null || true
	if [ "$matrix" = 1 ]; then
		while read -r name suite; do
			run_matrix_suite "$name" "$suite"
		done < <(matrix_kernels)
	fi
	[ "$debug" = 0 ] || run_debug_suite
	for stage in build unit spec harness style fuzz; do
		run_host_stage "$stage"
		args+=(--label "$stage" "$results/$stage.ktap")
	done
	args+=(--label stock "$results/stock.log")
	if [ "$matrix" = 1 ]; then
		while read -r name suite; do
			args+=(--label "$name" "$results/$name.log")
		done < <(matrix_kernels)
	fi
	[ "$debug" = 0 ] || args+=(--label debug "$results/debug.log")
	python3 "$QEMU_DIR/ktap-summary.py" "${args[@]}"
}

case $mode in
all)
	check 1 1
	;;
quick)
	check 0 0
	;;
matrix)
	check 0 1
	;;
kunit)
	suite=${2:?usage: check.sh kunit SUITE (aisched_X, from kernel/tests/X_test.c)}
	file=${suite#aisched_}_test.c
	[ -f "$ROOT/kernel/tests/$file" ] || die "no suite $suite (no kernel/tests/$file)"
	rm -rf "$results" && mkdir -p "$results"
	prepare_guest
	AISCHED_KUNIT_SUITES=${suite#aisched_} run_debug_suite --only 40-kunit
	python3 "$QEMU_DIR/ktap-summary.py" --label debug "$results/debug.log"
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
sysvm)
	prepare_system_guest "${2:-}"
	exec "$QEMU_DIR/run.sh" "${sys_args[@]}" --shell
	;;
sysrun)
	script=${2:?usage: check.sh sysrun SCRIPT [kernel=NAME]}
	[ -f "$script" ] || die "no script $script"
	prepare_system_guest "${3:-}"
	exec "$QEMU_DIR/run.sh" "${sys_args[@]}" --script "$script" --timeout 900
	;;
run-debug)
	script=${2:?usage: check.sh run-debug SCRIPT}
	[ -f "$script" ] || die "no script $script"
	prepare_guest
	prepare_debug_guest || die "the debug kernel or its guest image does not build"
	exec "$QEMU_DIR/run.sh" --script "$script" --kernel "$debug_image" \
		--initrd "$debug_initrd" --timeout 900
	;;
repeat)
	names=${2:-} count=${3:-} boots=${4:-} where=${5:-}
	repeat_usage="usage: check.sh repeat NAME[,NAME] N BOOTS [debug | kernel=NAME]"
	[ -n "$names" ] || die "$repeat_usage"
	for v in "$count" "$boots"; do
		case $v in ''|*[!0-9]*|0*) die "$repeat_usage (N and BOOTS: 1 or more)" ;; esac
	done
	for name in ${names//,/ }; do
		[ -f "$ROOT/tools/testing/selftests/aisched/${name%.sh}.sh" ] ||
			die "no guest test ${name%.sh} in tools/testing/selftests/aisched"
	done
	# Its own results, beside make check's.
	results=$build/repeat
	rm -rf "$results" && mkdir -p "$results"
	prepare_guest
	rp_args=(--initrd "$guest/initramfs.cpio.gz") rp_label=stock rp_per=300
	case $where in
	'') ;;
	debug)
		prepare_debug_guest || die "the debug kernel or its guest image does not build"
		rp_args=(--kernel "$debug_image" --initrd "$debug_initrd")
		rp_label=debug rp_per=1200
		;;
	kernel=?*)
		rp_label=${where#kernel=}
		rp_suite=$(matrix_kernels | awk -v n="$rp_label" '$1 == n { print $2; exit }')
		[ -n "$rp_suite" ] ||
			die "no kernel $rp_label in tools/testing/qemu/kernels ($(matrix_kernels | awk '{ print $1 }' | paste -sd ' '))"
		prepare_matrix_guest "$rp_suite" ||
			die "the module or its guest image does not build for Debian's $rp_label kernel"
		rp_args=(--initrd "$mx_initrd")
		;;
	*) die "$repeat_usage" ;;
	esac
	# The bound of one boot: generous per run, since a hang is what it is
	# there to catch.
	rp_timeout=$((120 + count * rp_per * $(echo "$names" | tr ',' '\n' | wc -l)))
	args=()
	for b in $(seq 1 "$boots"); do
		echo "$ME: $names on $rp_label, boot $b of $boots, $count run(s)" >&2
		"$QEMU_DIR/run.sh" --tests --only "$names" --repeat "$count" \
			"${rp_args[@]}" --timeout "$rp_timeout" \
			--log "$results/repeat-$b.log" >/dev/null 2>"$results/repeat-$b.err" || true
		grep -E '^(ok|not ok) [0-9]+ - ' "$results/repeat-$b.log" | tr -d '\r' |
			sed -E 's/^(ok|not ok) [0-9]+ - ([^ ]+).*/\1 \2/' >>"$results/repeat.runs" || true
		args+=(--label "$rp_label boot $b" "$results/repeat-$b.log")
	done
	# Each file's runs: one that never reported (a hang, a crash) is a
	# failed run too.
	for name in ${names//,/ }; do
		name=${name%.sh}.sh
		rp_ok=$(grep -cx "ok $name" "$results/repeat.runs" || true)
		echo "$ME: $name on $rp_label: $rp_ok of $((count * boots)) runs passed" >&2
	done
	python3 "$QEMU_DIR/ktap-summary.py" "${args[@]}"
	;;
bench)
	# The guest image of prepare_guest (or, with debug, the debug kernel's
	# module, with kernel=NAME that kernel's), plus the bench_* programs.
	bench_args='' bench_debug=0 bench_name='' bench_suite=''
	bench_usage="usage: check.sh bench [1,2,3,4,5,6,7,8,9] [quick] [debug | kernel=NAME]"
	for arg in "${@:2}"; do
		case $arg in
		quick) bench_args="${bench_args:+$bench_args }aisched_bench.quick=1" ;;
		debug) bench_debug=1 ;;
		kernel=?*) bench_name=${arg#kernel=} ;;
		[1-9]*) bench_args="${bench_args:+$bench_args }aisched_bench.only=$arg" ;;
		*) die "$bench_usage" ;;
		esac
	done
	if [ -n "$bench_name" ]; then
		[ "$bench_debug" = 0 ] || die "debug and kernel=$bench_name: one kernel at a time"
		bench_suite=$(matrix_kernels | awk -v n="$bench_name" '$1 == n { print $2; exit }')
		[ -n "$bench_suite" ] ||
			die "no kernel $bench_name in tools/testing/qemu/kernels ($(matrix_kernels | awk '{ print $1 }' | paste -sd ' '))"
	fi
	prepare_guest
	bench=$build/bench
	bench_ko=$guest/module/kernel/aisched.ko bench_kver=$kver
	bench_initrd=$bench/initramfs.cpio.gz bench_log=$bench/console.log
	bench_timeout=3600 bench_kernel=()
	if [ "$bench_debug" = 1 ]; then
		prepare_debug_guest || die "the debug kernel or its guest image does not build"
		bench_ko=$build/guest/debug/module/kernel/aisched.ko bench_kver=$debug_kver
		bench_initrd=$bench/initramfs-debug.cpio.gz
		bench_log=$bench/console-debug.log
		# KASAN, lockdep and kmemleak slow everything down.
		bench_timeout=7200 bench_kernel=(--kernel "$debug_image")
	elif [ -n "$bench_name" ]; then
		prepare_matrix_guest "$bench_suite" ||
			die "the module or its guest image does not build for Debian's $bench_name kernel"
		echo "$ME: benchmarks on Debian's $bench_name kernel $mx_kver ($bench_suite)" >&2
		bench_ko=$mx_ko bench_kver=$mx_kver
		bench_initrd=$bench/initramfs-$bench_name.cpio.gz
		bench_log=$bench/console-$bench_name.log
	fi
	mkdir -p "$bench"
	rm -rf "${bench:?}/bin"
	if ! {
		make -C "$ROOT/tools/testing/bench" O="$bench" STATIC=1 -j"$jobs" \
			INSTALL_PATH="$bench/bin" install &&
		cp -a "$guest/tests/bin/." "$bench/bin/" &&
		"$QEMU_DIR/build-initramfs.sh" --module "$bench_ko" \
			--tool "$guest/tool/aisched" --test-bin "$bench/bin" --kver "$bench_kver" \
			-o "$bench_initrd"
	} >"$bench/build.log" 2>&1; then
		cat "$bench/build.log" >&2
		die "building the benchmark image failed"
	fi
	exec "$QEMU_DIR/run.sh" --script "$ROOT/tools/testing/bench/run-bench.sh" \
		"${bench_kernel[@]}" --initrd "$bench_initrd" --timeout "$bench_timeout" \
		--node-mem 4G --log "$bench_log" ${bench_args:+--append "$bench_args"}
	;;
*)
	die "unknown mode '$mode'"
	;;
esac
