#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-bench.sh: the benchmarks of issues 4, 5, 6, 7 and 8, run inside the
# test VM, and a summary table at the end. `make bench` boots the VM (with
# 4 GiB per NUMA node, see check.sh) with the bench_* programs on PATH and
# runs this script as root, the module loaded:
#
#   tools/testing/check.sh --kdir KDIR bench [1,2,3,4,5,6,7,8,9] [quick] \
#       [debug | kernel=NAME]
#
# (debug: on the project's debug kernel, patches/ applied, instead of
# Debian's stock one; `make bench DEBUG=1`. kernel=NAME: on Debian's
# kernel NAME of tools/testing/qemu/kernels, 6.12 or 7.x; `make bench
# KERNEL=7.x`.)
#
# Kernel command line (check.sh passes them; /proc/cmdline is read):
#   aisched_bench.only=1,3   run only these benchmarks (default: all nine)
#   aisched_bench.quick=1    smaller counts, for trying the harness out;
#                            its figures are not the ones to quote
#
#   1 first-instruction correctness   bench_first
#   2 hot-path cost                   bench_hotpath, once per phase and round;
#                                     this script loads and unloads the module
#                                     between phases
#   3 tagging at scale                bench_tagscale
#   4 move-in latency                 bench_movein
#   5 placement correctness           bench_placement
#   6 pool fault cost                 bench_faults
#   7 pool guarantee                  bench_guarantee, after this script
#                                     reloads the module with pool=1:N, N a
#                                     quarter of node 1's memory in 2 MiB
#                                     pages (512 for 4 GiB); the module is
#                                     reloaded without a pool afterwards
#   8 soft NUMA hint                  bench_hint; needs the numa-hint hook
#                                     of patches/ (the debug kernel), and
#                                     says "skipped" without it
#   9 EEVDF slice                     bench_slice; needs EEVDF custom slices
#                                     (Linux 6.12 or later: kernel=6.12 or
#                                     kernel=7.x), and says "skipped" without
#                                     them
#
# Every program prints its own table; the "summary|..." lines they print are
# gathered into the final table. Exits 0 if every benchmark ran and met its
# correctness checks (the performance targets are reported, not enforced).
set -u

only=1,2,3,4,5,6,7,8,9
quick=0
# shellcheck disable=SC2013 # words, not lines
for arg in $(cat /proc/cmdline); do
	case $arg in
	aisched_bench.only=*) only=${arg#*=} ;;
	aisched_bench.quick=*) quick=${arg#*=} ;;
	esac
done

if [ "$quick" = 1 ]; then
	first_count=1000
	hot_rounds=3 hot_samples=3
	scale_threads=1000,2000 scale_rounds=3
	moves=200
	place_count=200
	fault_reps=3
	hint_rounds=2 hint_seconds=5
	slice_rounds=2 slice_seconds=5
else
	first_count=10000
	hot_rounds=40 hot_samples=2
	scale_threads=1000,10000 scale_rounds=11
	moves=1000
	place_count=1000
	fault_reps=11
	hint_rounds=5 hint_seconds=10
	slice_rounds=5 slice_seconds=10
fi

out=/tmp/aisched-bench
rm -rf "$out"
mkdir -p "$out"
status=0
module=${AISCHED_MODULE:-aisched}
tool=${AISCHED_TOOL:-/usr/sbin/aisched}

want() {
	case ",$only," in *,"$1",*) return 0 ;; esac
	return 1
}

header() {
	echo
	echo "================================================================"
	echo "$*"
	echo "================================================================"
}

# run NAME CMD...: runs CMD, its output on the console and in $out/NAME.txt.
run() {
	name=$1
	shift
	echo "# $*"
	{ "$@" 2>&1; echo $? >"$out/$name.rc"; } | tee "$out/$name.txt"
	rc=$(cat "$out/$name.rc")
	if [ "$rc" -ne 0 ]; then
		echo "run-bench: $1 exited with status $rc"
		status=1
	fi
}

module_state() {
	if [ "$1" = unloaded ]; then
		[ ! -d "/sys/module/$module" ] || modprobe -r "$module"
	else
		[ -d "/sys/module/$module" ] || modprobe "$module"
	fi
}

echo "run-bench: kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs," \
	"$(awk '/MemTotal/ { printf "%d MiB", $2 / 1024 }' /proc/meminfo)," \
	"benchmarks $only$( [ "$quick" = 1 ] && echo ', quick (not for quoting)')"
echo "run-bench: TCG emulation inflates every absolute time; compare the ratios."

# 10,000 threads and more: threads-max is derived from memory (about 16,000
# in this VM); leave room.
if [ "$(cat /proc/sys/kernel/threads-max)" -lt 30000 ]; then
	echo 30000 >/proc/sys/kernel/threads-max
fi

if want 1; then
	header "1. first-instruction correctness"
	run first bench_first --count "$first_count"
fi

if want 2; then
	header "2. hot-path cost"
	phases="unloaded loaded tags tagged"
	phases_reversed="tagged tags loaded unloaded"
	: >"$out/hotpath.samples"
	r=1
	while [ "$r" -le "$hot_rounds" ]; do
		# Rotate the order of the phases from round to round, and reverse
		# it every 4 rounds, so that each phase follows more than one other.
		# shellcheck disable=SC2086 # split the lists into words
		if [ $(( (r - 1) / 4 % 2 )) -eq 0 ]; then
			set -- $phases
		else
			set -- $phases_reversed
		fi
		i=0
		while [ "$i" -lt $(( (r - 1) % 4 )) ]; do
			first=$1
			shift
			set -- "$@" "$first"
			i=$((i + 1))
		done
		echo "# round $r of $hot_rounds: $*"
		for ph in "$@"; do
			if ! module_state "$ph"; then
				echo "run-bench: cannot set the module up for phase $ph"
				status=1
				continue
			fi
			if ! bench_hotpath --phase "$ph" --round "$r" --samples "$hot_samples" \
				>>"$out/hotpath.samples" 2>"$out/hotpath.err"; then
				cat "$out/hotpath.err"
				echo "run-bench: bench_hotpath --phase $ph failed"
				status=1
			fi
		done
		r=$((r + 1))
	done
	module_state loaded
	run hotpath bench_hotpath --report "$out/hotpath.samples"
fi

if want 3; then
	header "3. tagging at scale"
	run tagscale bench_tagscale --threads "$scale_threads" --rounds "$scale_rounds" \
		--tool "$tool"
fi

if want 4; then
	header "4. move-in latency"
	run movein bench_movein --moves "$moves"
fi

if want 5; then
	header "5. placement correctness"
	run placement bench_placement --count "$place_count"
fi

if want 6; then
	header "6. pool fault cost"
	run faults bench_faults --node 1 --reps "$fault_reps"
fi

if want 7; then
	header "7. pool guarantee"
	# The pool is reserved at load, before the benchmark fragments memory:
	# a quarter of node 1, whose MemTotal is rounded to whole GiB first.
	node1_kb=$(awk '/MemTotal/ { print $4 }' /sys/devices/system/node/node1/meminfo)
	node1_gib=$(( (node1_kb + 524288) / 1048576 ))
	pool_pages=$((node1_gib * 128))
	echo "# modprobe $module pool=1:$pool_pages"
	if module_state unloaded && modprobe "$module" "pool=1:$pool_pages"; then
		run guarantee bench_guarantee --node 1
	else
		echo "run-bench: cannot reload $module with pool=1:$pool_pages"
		status=1
	fi
	module_state unloaded && module_state loaded
fi

if want 8; then
	header "8. soft NUMA hint"
	run hint bench_hint --rounds "$hint_rounds" --seconds "$hint_seconds"
fi

if want 9; then
	header "9. EEVDF slice"
	run slice bench_slice --rounds "$slice_rounds" --seconds "$slice_seconds"
fi

header "summary"
printf '%-21s %-28s %-21s %-17s %-7s %s\n' benchmark measure aisched baseline ratio target
cat "$out"/*.txt 2>/dev/null | grep '^summary|' | sort -s -t '|' -k 2,2 |
	awk -F'|' '{ printf "%-21s %-28s %-21s %-17s %-7s %s\n", $2, $3, $4, $5, $6, $7 }'
echo
echo "baselines: 1 none (control: untagged, 0% expected); 2 the module not loaded;"
echo "3 the same changes from user space (ratio: user time / aisched time);"
echo "4 a user-space mover that sets the policy itself (ratio: aisched / user);"
echo "5 the same processes in an untagged cgroup (ratio: aisched / untagged share);"
echo "6 MAP_HUGETLB and 4 KiB anonymous memory (ratio: pool time / baseline time);"
echo "7 a runtime hugetlb grow on the fragmented node (ratio: pool pages / hugetlb pages);"
echo "8 the same spinners in an untagged cgroup (ratio: hinted share / untagged share);"
echo "9 training at the same nice, the default slice (ratio: slice delay / default delay)"
[ "$status" -eq 0 ] || echo "run-bench: something failed (see above)"
exit "$status"
