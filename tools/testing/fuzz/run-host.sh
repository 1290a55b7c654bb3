#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-host.sh: the libFuzzer targets of the aisched tool, on the host.
# Builds them, replays every input of regressions/<target>/ and
# corpus/<target>/, then fuzzes each target for a fixed time from a copy of
# its corpus. Prints KTAP; exits 1 if a target failed to build, crashed on
# a kept input or found a new crash.
#
# Usage: run-host.sh [--build DIR] [--time SECONDS] [--seed N|random]
#                    [--merge] [TARGET...]
#
#   --build DIR     binaries and the files of each run (default: build/fuzz
#                   in the repository): DIR/<target>/ has the scratch corpus,
#                   the logs (build.log, replay.log, fuzz.log) and any crash
#   --time SECONDS  how long to fuzz each target (default 20); 0 replays only
#   --seed N        libFuzzer's -seed (default 1); printed, so that a run can
#                   be repeated. "random" takes one from the clock
#   --merge         after a clean run, merge what it found that adds coverage
#                   into the tree's corpus/<target>/ (-merge=1), for a
#                   developer to commit; without it the tree is never written
#   TARGET          reply, args, values, files, nl (fuzz_nl works too);
#                   default: all of them
#
# Needs clang and its libFuzzer: scripts/deps.sh tool fuzz (run here; as a
# normal user it prints the apt-get command instead). The fuzzers run under
# nice -n 10, one at a time.
#
# When a target crashes, the input is in DIR/<target>/crash-<sha1> (or
# leak-, timeout-, oom-), named in the output with the first lines of the
# sanitizer's report. Replay it with
#
#   DIR/fuzz_<target> DIR/<target>/crash-<sha1>
#
# fix the bug, and keep the input forever as a regression case, under a
# name that says what it is:
#
#   cp DIR/<target>/crash-<sha1> tools/testing/fuzz/regressions/<target>/<what>
#
# Every run replays it from then on. README has more.
set -u

ME=aisched-fuzz
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
build=$ROOT/build/fuzz
time=20
seed=1
merge=0

die() { echo "$ME: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
	case $1 in
	--build) build=${2:?}; shift 2 ;;
	--time) time=${2:?}; shift 2 ;;
	--seed) seed=${2:?}; shift 2 ;;
	--merge) merge=1; shift ;;
	-h|--help) sed -n '3,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown option '$1' (see --help)" ;;
	*) break ;;
	esac
done
case $time in ''|*[!0-9]*) die "--time: '$time' is not a number of seconds" ;; esac
[ "$seed" = random ] && seed=$(( $(date +%s) % 1000000 + 1 ))
case $seed in ''|*[!0-9]*) die "--seed: '$seed' is not a number" ;; esac

all=()
for src in "$HERE"/fuzz_*.c; do
	name=${src##*/fuzz_}
	all+=("${name%.c}")
done
targets=()
for t in "${@:-${all[@]}}"; do
	t=${t#fuzz_}
	[ -f "$HERE/fuzz_$t.c" ] || die "no target '$t' (targets: ${all[*]})"
	targets+=("$t")
done

"$ROOT/scripts/deps.sh" tool fuzz || exit 1
mkdir -p "$build" || exit 1
build=$(cd "$build" && pwd)
# A sanitizer's report with the stack of where it fired, symbolized.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# libFuzzer's flags for every run: the fuzzed code's chatter silenced
# (libFuzzer and the sanitizers keep their own stderr), a hang reported.
common=(-close_fd_mask=3 -timeout=10 -rss_limit_mb=2048)

# The first lines of what went wrong, from a libFuzzer log, as KTAP
# diagnostics.
report() {
	grep -m1 -A14 -E '^==[0-9]+== ?ERROR|runtime error:|^checked_nla:|does not hold' "$1" |
		grep -v -E '^ +#[0-9]+ .* in (fuzzer::|main |__libc_start|_start)' |
		head -n 12 | sed 's/^/# /'
}

# The input a crash was written to, from a libFuzzer log.
artifact() {
	sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$1" | tail -n 1
}

echo "KTAP version 1"
echo "1..${#targets[@]}"
n=0 status=0
for t in "${targets[@]}"; do
	n=$((n + 1))
	bin=$build/fuzz_$t
	dir=$build/$t
	mkdir -p "$dir"
	rm -f "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-* \
	      "$dir"/slow-unit-*
	# The targets' fixture trees: a crash's _Exit() leaves them behind.
	rm -rf "$dir/tmp"
	mkdir -p "$dir/tmp"
	export TMPDIR=$dir/tmp

	if ! nice -n 10 make -s -C "$HERE" O="$build" "fuzz_$t" \
			>"$dir/build.log" 2>&1; then
		echo "not ok $n - fuzz: $t: build failed"
		tail -n 12 "$dir/build.log" | sed 's/^/# /'
		status=1
		continue
	fi

	# Every kept input once, regressions first: each must pass as it is.
	kept=()
	for f in "$HERE/regressions/$t"/* "$HERE/corpus/$t"/*; do
		[ -f "$f" ] && kept+=("$f")
	done
	nr_regressions=$(find "$HERE/regressions/$t" -type f 2>/dev/null | wc -l)
	echo "# $t: replaying ${#kept[@]} inputs ($nr_regressions regressions)"
	start=$SECONDS
	if [ ${#kept[@]} -gt 0 ] &&
	   ! (cd "$dir" && nice -n 10 "$bin" "${common[@]}" \
			-artifact_prefix="$dir/" "${kept[@]}") \
			>"$dir/replay.log" 2>&1; then
		failed=$(sed -n 's/^Running: //p' "$dir/replay.log" | tail -n 1)
		echo "not ok $n - fuzz: $t: ${failed#"$HERE"/} fails"
		report "$dir/replay.log"
		status=1
		continue
	fi
	if [ "$time" -eq 0 ]; then
		echo "ok $n - fuzz: $t (${#kept[@]} runs, $((SECONDS - start)) s)"
		continue
	fi

	# A scratch copy, so that the run does not grow the tree's corpus.
	rm -rf "$dir/corpus"
	mkdir -p "$dir/corpus"
	[ ${#kept[@]} -eq 0 ] || cp "${kept[@]}" "$dir/corpus/"
	dict=()
	[ -f "$HERE/$t.dict" ] && dict=(-dict="$HERE/$t.dict")
	echo "# $t: $bin -seed=$seed -max_total_time=$time ${dict[*]}"
	start=$SECONDS
	(cd "$dir" && nice -n 10 "$bin" "${common[@]}" -seed="$seed" \
		-max_total_time="$time" -print_final_stats=1 \
		-artifact_prefix="$dir/" "${dict[@]}" "$dir/corpus") \
		>"$dir/fuzz.log" 2>&1
	rc=$?
	took=$((SECONDS - start))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log" | tail -n 1)
	stats=$(grep -E '^#[0-9]+.*cov: ' "$dir/fuzz.log" | tail -n 1 |
		sed -n 's/.*\(cov: [0-9]* ft: [0-9]* corp: [^ ]*\).*\(exec\/s: [0-9]*\).*/\1 \2/p')
	[ -n "$stats" ] && echo "# $t: $stats"
	if [ $rc -ne 0 ]; then
		crash=$(artifact "$dir/fuzz.log")
		if [ -n "$crash" ]; then
			echo "not ok $n - fuzz: $t: crash, input ${crash#"$build"/}"
			echo "# replay: $bin $crash"
			echo "# keep it: cp $crash $HERE/regressions/$t/<what-it-is>"
		else
			echo "not ok $n - fuzz: $t: libFuzzer exited with $rc"
		fi
		report "$dir/fuzz.log"
		status=1
		continue
	fi

	if [ $merge -eq 1 ]; then
		mkdir -p "$HERE/corpus/$t"
		before=$(find "$HERE/corpus/$t" -type f | wc -l)
		(cd "$dir" && nice -n 10 "$bin" "${common[@]}" -merge=1 \
			"$HERE/corpus/$t" "$dir/corpus") >"$dir/merge.log" 2>&1 ||
			echo "# $t: merging failed, see $dir/merge.log"
		after=$(find "$HERE/corpus/$t" -type f | wc -l)
		echo "# $t: merged $((after - before)) inputs into corpus/$t"
	fi
	echo "ok $n - fuzz: $t (${runs:-?} runs, $took s)"
done
exit $status
