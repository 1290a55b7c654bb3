#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh: boot the aisched test VM (machine.sh) and run something in it.
#
# Usage: run.sh --tests|--script FILE|--demo|--shell [options]
#        run.sh --system --script FILE|--shell --module KO --tool BIN [options]
#
# Modes:
#   --tests            run the guest selftests; KTAP on stdout, then a summary
#   --script FILE      run FILE as root with /bin/sh in the guest
#   --demo             run tools/testing/qemu/demo.sh, like --script
#   --shell            interactive shell on the console (Ctrl-A x quits QEMU)
# The system guest (--system, with --script or --shell): Debian 12 with
# systemd as PID 1, Slurm, podman (README.md, "The system guest"): the same
# machine, the root image of system/build-rootfs.sh (built once per
# machine, as root), and the module, the tool and the test helpers
# installed at boot as make install installs them:
#   --system           boot it; needs --module and --tool; --kver or the
#                      module's vermagic picks Debian's kernel
#   --rootfs IMAGE     its root image (default: system/build-rootfs.sh's)
# Guest image (built artifacts; run.sh builds no code):
#   --initrd FILE      initramfs from build-initramfs.sh
#                      (default: $BUILD_DIR/vm/initramfs.cpio.gz)
#   --module KO --tool BIN [--test-bin DIR]
#                      build the initramfs first (build-initramfs.sh); with
#                      --system, the layer disk (system/build-layer.sh)
# Kernel:
#   --kver KVER        boot Debian's image of this release (fetch-kernel.sh
#                      --vmlinux; default: the release the initramfs was
#                      built for)
#   --kernel IMAGE     boot this kernel instead: a bzImage, or a vmlinux
#                      with a PVH entry (CONFIG_PVH)
# Run:
#   --only NAME[,NAME] with --tests: run only these test files
#   --repeat N         with --tests: run them N times in a row in this boot
#   --append ARGS      extra kernel command line
#   --env NAME=VALUE   NAME=VALUE in the environment of the guest's tests or
#                      script (repeatable; VALUE without spaces)
#   --qemu-arg ARGS    extra QEMU arguments, split at spaces (repeatable)
#   --node-mem SIZE    memory of each of the two NUMA nodes, in MiB or GiB
#                      (512M, 4G; default 1G; the benchmarks use 4G)
#   --timeout SECONDS  kill the VM after SECONDS (default: 300; with --shell
#                      none); 0: no limit
#   --log FILE         where the console log goes too
#                      (default: $BUILD_DIR/vm/console.log; with --system
#                      $BUILD_DIR/sysvm/console.log)
#
# The console (ttyS0) is streamed to stdout; standard input is not read
# except with --shell. The guest's result token comes back on ttyS1.
#
# Exit status: --tests 0 if every test passed, 1 if one failed; --script and
# --demo the script's exit status; --shell 0; 124 timeout; 125 the guest
# crashed or the kernel reported a problem (a line of kernel-reports in the
# console: panic, oops, BUG, WARNING, KASAN, UBSAN, lockdep, kmemleak...),
# or the guest gave no result; 1 setup error; 2 bad usage.
#
# Environment: BUILD_DIR (default: <repo>/build), QEMU (default:
# qemu-system-x86_64).
set -euo pipefail

ME=aisched-vm
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
QEMU=${QEMU:-qemu-system-x86_64}

# shellcheck source-path=SCRIPTDIR source=machine.sh
. "$HERE/machine.sh"

mode='' script='' initrd='' kernel='' kver='' module='' tool='' testbin='' only='' repeat=''
append='' timeout='' node_mem=1G log=''
system='' rootfs=''
qemu_extra=()
set_mode() {
	[ -z "$mode" ] || { echo "$ME: give only one of --tests, --script, --demo, --shell" >&2; usage; }
	mode=$1
}
while [ $# -gt 0 ]; do
	case $1 in
	--tests|--demo|--shell) set_mode "${1#--}"; shift; continue ;;
	--system) system=1; shift; continue ;;
	-h|--help) usage ;;
	esac
	[ $# -ge 2 ] || { echo "$ME: $1 needs an argument" >&2; usage; }
	case $1 in
	--script) set_mode script; script=$2 ;;
	--initrd) initrd=$2 ;;
	--module) module=$2 ;;
	--tool) tool=$2 ;;
	--test-bin) testbin=$2 ;;
	--kver) kver=$2 ;;
	--kernel) kernel=$2 ;;
	--only) only=$2 ;;
	--repeat) repeat=$2 ;;
	--append) append="${append:+$append }$2" ;;
	--env)
		[[ $2 =~ ^[A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*$ ]] ||
			die "--env wants NAME=VALUE, a VALUE without spaces, not '$2'"
		append="${append:+$append }aisched_env.$2"
		;;
	--qemu-arg) read -ra words <<<"$2"; qemu_extra+=("${words[@]}") ;;
	--timeout) timeout=$2 ;;
	--node-mem) node_mem=$2 ;;
	--log) log=$2 ;;
	--rootfs) rootfs=$2 ;;
	*) echo "$ME: unknown option $1" >&2; usage ;;
	esac
	shift 2
done
[ -n "$mode" ] || usage
if [ -n "$system" ]; then
	case $mode in script|shell) ;; *) die "--system runs --script FILE or --shell" ;; esac
	[ -z "$initrd" ] || die "--system boots its own initramfs: no --initrd"
	[ -n "$module" ] && [ -n "$tool" ] || die "--system needs --module KO and --tool BIN"
else
	[ -z "$rootfs" ] || die "--rootfs needs --system"
fi
[ -n "$log" ] || log=$BUILD_DIR/${system:+sys}vm/console.log
[ -z "$only" ] || [ "$mode" = tests ] || die "--only needs --tests"
[ -z "$repeat" ] || [ "$mode" = tests ] || die "--repeat needs --tests"
case $repeat in
''|[1-9]*) case $repeat in *[!0-9]*) die "--repeat wants a count of 1 or more, not '$repeat'" ;; esac ;;
*) die "--repeat wants a count of 1 or more, not '$repeat'" ;;
esac
[ "$mode" != demo ] || script=$HERE/demo.sh
[ -z "$script" ] || [ -f "$script" ] || die "script $script not found"
if [ -z "$timeout" ]; then
	[ "$mode" = shell ] && timeout=0 || timeout=300
fi
case $timeout in ''|*[!0-9]*) die "--timeout wants whole seconds, not '$timeout'" ;; esac
[[ $node_mem =~ ^[1-9][0-9]*[MG]$ ]] || die "--node-mem wants a size like 512M or 4G, not '$node_mem'"
command -v "$QEMU" >/dev/null || die "$QEMU not found (install qemu-system-x86)"

mkdir -p "$BUILD_DIR/vm"
work=$(mktemp -d "$BUILD_DIR/vm/run.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The guest image.
if [ -n "$system" ]; then
	# The system guest: the cached root image, Debian's kernel with the
	# initramfs and module tree of system/build-boot.sh, and this run's
	# layer (with the script).
	if [ -z "$kver" ]; then
		kver=$(modinfo -F vermagic "$module" 2>/dev/null | awk '{ print $1 }')
		[ -n "$kver" ] || die "cannot read the vermagic of $module (pass --kver)"
	fi
	[ -n "$rootfs" ] || rootfs=$("$HERE/system/build-rootfs.sh") || die "no root image"
	[ -f "$rootfs" ] || die "root image $rootfs not found"
	boot=$("$HERE/system/build-boot.sh" "$kver") || die "cannot make the boot files of $kver"
	initrd=$boot/boot.cpio
	"$HERE/system/build-layer.sh" --module "$module" --tool "$tool" --kver "$kver" \
		--modules "$boot/tree" \
		${testbin:+--test-bin "$testbin"} ${script:+--script "$script"} \
		-o "$work/layer.img" || die "cannot make the layer disk"
	image_kver=$kver
	script=''
elif [ -n "$module$tool$testbin" ]; then
	[ -z "$initrd" ] || die "give either --initrd or --module/--tool, not both"
	initrd=$BUILD_DIR/vm/initramfs.cpio.gz
	"$HERE/build-initramfs.sh" --module "$module" --tool "$tool" \
		${testbin:+--test-bin "$testbin"} ${kver:+--kver "$kver"} -o "$initrd"
elif [ -z "$initrd" ]; then
	initrd=$BUILD_DIR/vm/initramfs.cpio.gz
	[ -f "$initrd" ] || die "no initramfs at $initrd: build one with" \
		"build-initramfs.sh --module aisched.ko --tool aisched, or pass --initrd FILE" \
		"or --module KO --tool BIN"
fi
[ -f "$initrd" ] || die "initramfs $initrd not found"
if [ -z "$system" ]; then
	image_kver=$(gzip -dc "$initrd" 2>/dev/null |
		cpio -i --quiet --to-stdout etc/aisched-vm/kver 2>/dev/null) || true
	[ -n "$image_kver" ] || die "$initrd is not an aisched VM initramfs (no etc/aisched-vm/kver)"
fi

# The kernel.
if [ -z "$kernel" ]; then
	if [ -n "$kver" ] && [ "$kver" != "$image_kver" ]; then
		die "--kver $kver, but the initramfs holds a module for $image_kver"
	fi
	kernel=$("$HERE/fetch-kernel.sh" --vmlinux "${kver:-$image_kver}") ||
		die "cannot get a kernel"
fi
[ -f "$kernel" ] || die "kernel image $kernel not found"

# A script travels in a second cpio archive appended to the image: the
# kernel unpacks concatenated archives in order.
if [ -n "$script" ]; then
	mkdir -p "$work/overlay/aisched-vm"
	install -m 0755 "$script" "$work/overlay/aisched-vm/script"
	(cd "$work/overlay" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet | gzip -n) >"$work/overlay.cpio.gz"
	cat "$initrd" "$work/overlay.cpio.gz" >"$work/initrd.cpio.gz"
	initrd=$work/initrd.cpio.gz
fi

cmdline="aisched_vm.mode=$mode${only:+ aisched_vm.only=$only}${repeat:+ aisched_vm.repeat=$repeat}"
# systemd: no status lines on the console but those of failures.
[ -z "$system" ] || cmdline="$cmdline systemd.show_status=error"
cmdline="$cmdline${append:+ $append}"
result=$work/result
: >"$result"
mkdir -p "$(dirname "$log")"
: >"$log"

# With --shell the console is the terminal (and the monitor, behind Ctrl-A c).
# Otherwise QEMU never reads standard input (CI has none; a terminal's
# keystrokes must not reach the guest) and its console output goes to stdout.
console=()
# shellcheck disable=SC2054 # commas inside QEMU options
case $mode in
shell) console=(-chardev stdio,id=con,mux=on,signal=off -mon chardev=con,mode=readline) ;;
*)
	console=(-chardev stdio,id=con)
	case " ${qemu_extra[*]} " in
	*" -monitor "*|*" -qmp "*|*" -mon "*) ;;
	*) console+=(-monitor none) ;;
	esac
	;;
esac
aisched_vm_args "$kernel" "$initrd" con "$result" "$cmdline" "$node_mem"
if [ -n "$system" ]; then
	aisched_vm_disk "$rootfs" aisched-root snapshot 0x10
	aisched_vm_disk "$boot/modules.img" aisched-modules snapshot 0x11
	aisched_vm_disk "$work/layer.img" aisched-layer ro 0x12
fi
qemu_cmd=("$QEMU" "${VM_ARGS[@]}" "${console[@]}" "${qemu_extra[@]}")

limit=()
[ "$timeout" -eq 0 ] || limit=(timeout --foreground -k 10 "$timeout")
start=$(date +%s.%N)
set +e
if [ "$mode" = shell ]; then
	"${limit[@]}" "${qemu_cmd[@]}" 2>&1 | tee "$log"
else
	# Without a display, SeaBIOS mirrors its screen to the serial port with
	# terminal resets (ESC c) and screen clears: drop escape sequences.
	"${limit[@]}" "${qemu_cmd[@]}" </dev/null 2>&1 |
		sed -u 's/\x1b\(c\|\[[0-9;?]*[A-Za-z]\)//g' | tee "$log"
fi
qemu_rc=${PIPESTATUS[0]}
set -e
elapsed=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.1f", $2 - $1 }')

token=$(tr -d '\r' <"$result" | grep -m 1 -E '^aisched-(result|exit|error): ' || true)
# Kernel log lines that fail any run: crashes, and the debug kernel's
# detector reports (KASAN, UBSAN, lockdep, might_sleep, kmemleak); the list
# is in kernel-reports.
report_re=$(grep -vE '^(#|$)' "$HERE/kernel-reports" | paste -sd '|')
mapfile -t reports < <(tr -d '\r' <"$log" |
	grep -E "\\[ *[0-9]+\\.[0-9]+\\] .*($report_re)" |
	sed -E 's/^.*\[ *[0-9]+\.[0-9]+\] //' || true)

echo "$ME: ${system:+system }$mode run took ${elapsed}s (console log: $log)" >&2

# The verdict; with --tests the summary of the KTAP comes last.
status=0
if [ "$qemu_rc" -eq 124 ]; then
	echo "$ME: timeout: the VM ran longer than ${timeout}s and was killed" >&2
	status=124
elif [ ${#reports[@]} -gt 0 ]; then
	echo "$ME: the kernel reported a problem: ${reports[0]}" >&2
	[ ${#reports[@]} -eq 1 ] ||
		echo "$ME: and $(( ${#reports[@]} - 1 )) more report lines (see $log)" >&2
	status=125
elif [ "$mode" = shell ]; then
	status=0
elif [ "$qemu_rc" -ne 0 ]; then
	echo "$ME: $QEMU exited with status $qemu_rc" >&2
	status=125
else
	case $token in
	"aisched-result: ok") status=0 ;;
	"aisched-result: fail") echo "$ME: tests failed" >&2; status=1 ;;
	"aisched-exit: "*)
		status=${token#aisched-exit: }
		[ "$status" -eq 0 ] || echo "$ME: the script exited with status $status" >&2
		;;
	"aisched-error: "*) echo "$ME: guest: ${token#aisched-error: }" >&2; status=125 ;;
	*) echo "$ME: the guest gave no result (did it crash?)" >&2; status=125 ;;
	esac
fi
if [ "$mode" = tests ]; then
	if command -v python3 >/dev/null; then
		python3 "$HERE/ktap-summary.py" "$log" || [ "$status" -ne 0 ] || status=1
	else
		echo "$ME: no python3: no summary (see $log)" >&2
	fi
fi
exit "$status"
