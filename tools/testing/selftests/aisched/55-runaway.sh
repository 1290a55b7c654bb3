#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The FIFO runaway guard: threads of an inference tag with --rt-prio that
# run past their budget without sleeping are demoted to SCHED_OTHER nice -10,
# counted and reported, and the machine stays responsive. The kernel's own
# RT throttling is switched off first (sched_rt_runtime_us = -1), so that
# only the guard can save the machine: one busy FIFO thread per CPU would
# otherwise hold every CPU. The busy threads give up by themselves after
# SPIN_SECS, so that a missing guard fails the case instead of hanging the
# machine for good.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

tags_init t55
A=$T/a
# Once demoted, the spinners are at nice -10 on every CPU, and the shell
# that checks them had a tenth of a CPU: under TCG on a loaded host its
# checks took longer than the spinners' bound. With the weight of the
# cgroup that holds the spinners at the minimum, a demoted spinner yields
# to the shell. FIFO spinners ignore it: before the guard demotes them, the
# shell still gets no CPU at all, which is what the tests prove.
echo 1 >"$T/cpu.weight" 2>/dev/null ||
	ktap_diag "no cpu controller: the shell competes with the spinners at nice 0"
RT_RUNTIME=/proc/sys/kernel/sched_rt_runtime_us
RT_RUNTIME_ORIG=$(cat "$RT_RUNTIME")
NCPU=$(nproc)
# A bound, not a duration: the spinners are stopped (SIGSTOP) once they
# were seen demoted. It is long because once they are, the shell has a
# tenth of each CPU against spinners at nice -10, and under TCG (the debug
# kernel, a loaded host) even that check can take a minute.
SPIN_SECS=120
# The spinners' originals are the shell's.
SHELL_STATE=$(tid_state $$)

DEMOTE_TP=/sys/kernel/tracing/events/aisched/aisched_demote

cleanup() {
	echo "$RT_RUNTIME_ORIG" >"$RT_RUNTIME"
	[ ! -d "$DEMOTE_TP" ] || echo 0 >"$DEMOTE_TP/enable"
	tags_cleanup
}

# FIFO tasks that sleep are not demoted, however long they live: longer
# than the budget, which a guard that went by the clock would demote. The
# budget is generous: the program starts under the tag, and its start,
# before its threads first sleep, counts; under TCG with KASAN on a host
# at a load of 10 that took more than 1 s of run time once in 20 runs (run
# time counts the time TCG's thread is off the host CPU).
test_sleepers_stay_fifo() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	aisched tag "$A" --class inference --rt-prio 10 --rt-budget-ms 3000 >/dev/null
	hold "$KTAP_TMP/h" "$A" - -t 2
	pid=$SPAWNED
	sleep 4
	assert_threads "$pid" "$(class_state inference '*' 10)" "sleeping FIFO threads"
	assert_eq "$(tag_field "$A" demotions)" 0 "demotions"
}

# spinners_demoted PID: true once every spinner thread of PID (all but the
# main thread, which sleeps in pthread_join) is SCHED_OTHER nice -10.
spinners_demoted() {
	for t in $(threads "$1" | grep -vx "$1"); do
		taskprobe tid "$t" 2>/dev/null | grep -q ' policy=0 nice=-10 rtprio=0 ' || return 1
	done
}

# fifo_gone PID N: true once PID has N threads besides its main thread and
# none of them is SCHED_FIFO. Only shell builtins (the policy is field 41 of
# /proc/TID/stat): while the spinners run, every fork costs the shell dear.
fifo_gone() {
	_fg_n=0
	for _fg_d in /proc/"$1"/task/*; do
		[ "${_fg_d##*/}" != "$1" ] || continue
		IFS= read -r _fg_stat <"$_fg_d/stat" || return 1
		# shellcheck disable=SC2086 # the fields
		set -- "$1" "$2" ${_fg_stat##*) }
		# Now $3 is field 3 (the state): the policy, field 41, is $41.
		eval "_fg_policy=\${41}"
		# shellcheck disable=SC2154 # set by eval
		[ "$_fg_policy" = 0 ] || return 1
		_fg_n=$((_fg_n + 1))
	done
	[ "$_fg_n" = "$2" ]
}

# spin_done FILE: true if the spinners wrote "done" (builtins only).
spin_done() {
	while IFS= read -r _sd_line; do
		[ "$_sd_line" != "done" ] || return 0
	done <"$1"
	return 1
}

# The spinners' process starts in an untagged cgroup and waits, asleep, to
# be moved into the tagged one (exec alone can take 50 ms of CPU under TCG).
# Its main thread only starts the spinners, which are born under the tag,
# and sleeps in pthread_join; on the debug kernel, starting a thread can
# take more than the budget, so the main thread may be demoted too, and
# each count below is of the threads that were.
test_runaway_demoted() {
	trap 'echo "$RT_RUNTIME_ORIG" >"$RT_RUNTIME"; reset_cg "$A"' EXIT
	mkdir -p "$A"
	if [ -d "$DEMOTE_TP" ]; then
		: >/sys/kernel/tracing/trace
		echo 1 >"$DEMOTE_TP/enable"
	fi
	spawn "$KTAP_TMP/spin" "$T/out" - taskprobe spin "$NCPU" "$SPIN_SECS" wait
	pid=$SPAWNED
	wait_until 5 grep -q '^waiting' "$KTAP_TMP/spin" || fail "the spinner did not start"
	# tag-added, a demotion per spinner, then the main thread's demotion
	# or, if it was not demoted, tag-removed.
	monitor_start "$KTAP_TMP/mon" $((NCPU + 2))
	# The budget is what a spinner may run before the guard demotes it, and
	# each spinner first reads its own state (several system calls, and
	# the thread's start in libc) before it spins: under TCG, with KASAN,
	# on a loaded host, that alone took more than 50 ms of run time once in
	# 20 runs (run time counts the time TCG's thread is off the host CPU),
	# and the spinner read itself already demoted. 300 ms, as
	# demoted_to_tag_nice has, keeps the FIFO phase short (the guard looks
	# every quarter budget) and the first reads out of its reach.
	aisched tag "$A" --class inference --rt-prio 10 --rt-budget-ms 300 >/dev/null
	echo "$pid" >"$A/cgroup.procs"
	await_threads 2 "$pid" "$(class_state inference '*' 10)" "moved in"
	echo -1 >"$RT_RUNTIME"
	start=$(date +%s)
	kill -USR1 "$pid"
	# The shell is back: the guard let it run. Check that it was the guard,
	# not the spinners' end; then stop them (SIGSTOP: they keep their
	# state) to look at them at leisure.
	wait_until 30 fifo_gone "$pid" "$NCPU" || true
	alive=yes
	kill -0 "$pid" 2>/dev/null && ! spin_done "$KTAP_TMP/spin" || alive=no
	kill -STOP "$pid" 2>/dev/null || true
	ktap_diag "spinners demoted within $(( $(date +%s) - start )) s"
	assert_eq "$alive" yes "the spinners still spinning when the shell saw them demoted"
	assert_eq "$(sh -c 'echo responsive')" responsive "a shell command"
	grep '^tid=' "$KTAP_TMP/spin" | grep -v "^tid=$pid " >"$KTAP_TMP/spinners" || true
	assert_eq "$(wc -l <"$KTAP_TMP/spinners")" "$NCPU" "spinners that reported"
	while IFS= read -r line; do
		state_var "$line"
		assert_match "$STATE" "$(class_state inference '*' 10)" \
			"first instruction of ${line%% tgid=*}"
	done <"$KTAP_TMP/spinners"
	spinners_demoted "$pid" || fail "spinners not demoted: $(taskprobe show "$pid")"
	main=$(tid_state "$pid")
	demoted=$NCPU
	case $main in
	"policy=0 nice=-10 rtprio=0 io=2:0 cpus="*)
		demoted=$((NCPU + 1))
		ktap_diag "the main thread was demoted too (it ran past the budget starting threads)" ;;
	*) assert_match "$main" "$(class_state inference '*' 10)" \
		"the main thread, asleep in pthread_join" ;;
	esac
	assert_eq "$(tag_field "$A" demotions)" "$demoted" "demotions"
	aisched list --json | grep "\"cgroup\":\"$TNAME/a\"" | grep -q "\"demotions\":${demoted}[,}]" ||
		fail "aisched list --json: no demotions $demoted: $(aisched list --json)"
	assert_eq "$(list_column "$TNAME/a" demotions)" "$demoted" "demotions in aisched list"

	# Untag: the spinners' originals, not what the guard gave them.
	aisched untag "$A"
	for t in $(threads "$pid"); do
		assert_eq "$(tid_state "$t")" "$SHELL_STATE" "thread $t after untag"
	done

	# The events: one demotion for each, naming it.
	monitor_wait "$KTAP_TMP/mon"
	assert_eq "$(grep -c '^demotion ' "$KTAP_TMP/mon" || true)" "$demoted" "demotion events"
	for t in $(threads "$pid" | grep -vx "$pid"); do
		grep '^demotion ' "$KTAP_TMP/mon" | grep -q " pid=$t " ||
			fail "no demotion event names thread $t: $(cat "$KTAP_TMP/mon")"
	done

	# The tracepoint, one per spinner.
	if [ -d "$DEMOTE_TP" ]; then
		echo 0 >"$DEMOTE_TP/enable"
		for t in $(threads "$pid" | grep -vx "$pid"); do
			grep -q "aisched_demote: pid=$t " /sys/kernel/tracing/trace ||
				fail "no aisched_demote trace event for thread $t"
		done
	fi
}

# With --nice, a demoted task gets that nice. One spinner: it cannot hold
# the machine, so the kernel's RT throttling can stay. A longer budget: on
# the debug kernel, waking up and starting a thread can take 50 ms of CPU.
test_demoted_to_tag_nice() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	spawn "$KTAP_TMP/spin" "$T/out" - taskprobe spin 1 "$SPIN_SECS" wait
	pid=$SPAWNED
	wait_until 5 grep -q '^waiting' "$KTAP_TMP/spin" || fail "the spinner did not start"
	aisched tag "$A" --class inference --rt-prio 10 --rt-budget-ms 300 --nice -5 >/dev/null
	echo "$pid" >"$A/cgroup.procs"
	await_threads 2 "$pid" "$(class_state inference '*' 10)" "moved in"
	kill -USR1 "$pid"
	wait_until 10 sh -c "taskprobe show $pid | grep -q ' policy=0 nice=-5 '" || true
	t=$(threads "$pid" | grep -vx "$pid")
	assert_match "$(tid_state "$t")" "policy=0 nice=-5 rtprio=0 io=2:0 cpus=*" "the spinner"
	# As in runaway_demoted: on a loaded host the main thread can run
	# past the budget starting the spinner (its run time counts the time
	# TCG's thread was off the host CPU), and is demoted too, to the
	# same nice. Every demotion is of one of the two, and counted.
	demoted=1
	case $(tid_state "$pid") in
	"policy=0 nice=-5 rtprio=0 io=2:0 cpus="*)
		demoted=2
		ktap_diag "the main thread was demoted too (it ran past the budget starting the spinner)" ;;
	*) assert_match "$(tid_state "$pid")" "$(class_state inference '*' 10)" \
		"the main thread, asleep in pthread_join" ;;
	esac
	assert_eq "$(tag_field "$A" demotions)" "$demoted" "demotions"
	! grep -q '^done' "$KTAP_TMP/spin" || fail "the spinner ran to its end first"
}

ktap_begin 3
run_case test_sleepers_stay_fifo
run_case test_runaway_demoted
run_case test_demoted_to_tag_nice
ktap_end
