#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# EEVDF custom slices (Linux 6.12): the inference class's latency hint.
# Where the kernel has them, inference tasks get a 1 ms slice (or a tag's
# --slice-us) from their first instruction, and untag gives back exactly
# the slice each task had: the default, or one it set itself, before or
# after the tag. Where it has none, the feature bit is clear, inference
# still applies, and --slice-us is refused. Whether the kernel has them is
# told by its version, never by the module's own report. A task's slice is
# read back from the kernel by slicectl (sched_getattr()'s sched_runtime).
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

tags_init t58
A=$T/a			# tagged and untagged by the cases
FEATURE_SLICE=128
INFERENCE_NS=1000000	# the inference class's default slice
OWN_NS=5000000		# a slice a task sets itself before the tag
LATE_NS=2000000		# and one it sets after
MSG_OLD='slice-us needs EEVDF custom slices (Linux 6.12 or later)'
MSG_POLICY='slice-us needs policy normal or batch'

cleanup() {
	tags_cleanup
}

# has_slices: the oracle, the kernel's version.
has_slices() {
	kernel_at_least 6 12
}

need_slices() {
	has_slices || skip "Linux $(uname -r) has no EEVDF custom slices (6.12 or later)"
}

# json_field JSON KEY: the value of a top-level number or string field.
json_field() {
	printf '%s\n' "$1" | sed -n "s/.*\"$2\":\"\{0,1\}\([^\",}]*\).*/\1/p"
}

# slice_is TID NS WHAT: thread TID's sched_runtime is NS.
slice_is() {
	_si=$(slicectl get "$1") || fail "$3: cannot read the slice of $1"
	assert_eq "$_si" "$2" "$3: sched_runtime of $1"
}

# spawn_sleep: a sleep in $A with what the test shell has; sets PID.
spawn_sleep() {
	spawn "$KTAP_TMP/sleep.$1" "$A" - sleep 1000
	PID=$SPAWNED
}

test_feature_bit() {
	out=$(aisched info --json)
	f=$(json_field "$out" features)
	[ -n "$f" ] || fail "no features in: $out"
	names=$(aisched info | sed -n 's/^features: *//p')
	if has_slices; then
		assert_eq "$((f & FEATURE_SLICE))" "$FEATURE_SLICE" \
			"AISCHED_FEATURE_SLICE in features $f"
		assert_match "$names" "*, slice)" "aisched info names the feature"
	else
		assert_eq "$((f & FEATURE_SLICE))" 0 "AISCHED_FEATURE_SLICE in features $f"
		case $names in
		*slice*) fail "aisched info names slice: $names" ;;
		esac
	fi
}

# On every kernel: out of range, and with a policy other than normal or
# batch, --slice-us is refused with its message, changing nothing.
test_refusals() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	spawn_sleep r
	aisched tag "$A" --class dataloader >/dev/null
	tag=$(tagq get "$A")
	task=$(tid_state "$PID") slice=$(slicectl get "$PID")
	tool_refuses "integer out of range" tag "$A" --class inference --slice-us 99
	tool_refuses "integer out of range" tag "$A" --class inference --slice-us 100001
	tool_refuses "$MSG_POLICY" tag "$A" --class background --slice-us 300
	tool_refuses "$MSG_POLICY" tag "$A" --class dataloader --policy idle --slice-us 300
	tool_refuses "$MSG_POLICY" tag "$A" --class inference --rt-prio 10 --slice-us 300
	assert_eq "$(tagq get "$A")" "$tag" "the tag after the refusals"
	assert_eq "$(tid_state "$PID")" "$task" "the task after the refusals"
	slice_is "$PID" "$slice" "after the refusals"
}

# A task that was there before the tag: inference's slice, a tag's own,
# and the default back at untag. Without custom slices: inference applies,
# the slice stays, and --slice-us is refused, changing nothing.
test_existing_task() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	spawn_sleep e
	base=$(slicectl get "$PID")
	if ! has_slices; then
		out=$(aisched tag "$A" --class inference --json)
		assert_eq "$(json_field "$out" slice_us)" "" "slice_us of the tag"
		assert_match "$(tid_state "$PID")" "policy=0 nice=-10 rtprio=0 io=2:0 *" \
			"inference on the task"
		slice_is "$PID" "$base" "under inference"
		tag=$(tagq get "$A") task=$(tid_state "$PID")
		tool_refuses "$MSG_OLD" tag "$A" --class inference --slice-us 300
		tool_refuses "$MSG_OLD" tag "$A" --class training --slice-us 100000
		assert_eq "$(tagq get "$A")" "$tag" "the tag after the refusal"
		assert_eq "$(tid_state "$PID")" "$task" "the task after the refusal"
		slice_is "$PID" "$base" "after the refusal"
		aisched untag "$A"
		slice_is "$PID" "$base" "after untag"
		return 0
	fi
	out=$(aisched tag "$A" --class inference --json)
	assert_eq "$(json_field "$out" slice_us)" 1000 "slice_us of the tag"
	assert_eq "$(list_column "$TNAME/a" slice)" 1000us "slice in aisched list"
	slice_is "$PID" "$INFERENCE_NS" "inference"
	assert_match "$(tid_state "$PID")" "policy=0 nice=-10 rtprio=0 io=2:0 *" \
		"the rest of inference"
	aisched tag "$A" --class inference --slice-us 300 >/dev/null
	slice_is "$PID" 300000 "--slice-us 300"
	aisched tag "$A" --class dataloader --slice-us 100000 >/dev/null
	slice_is "$PID" 100000000 "dataloader (batch) --slice-us 100000"
	assert_eq "$(tag_field "$A" overrides)" 0 "overrides"
	aisched untag "$A"
	slice_is "$PID" "$base" "after untag (the default slice)"
}

# A task's own slice, set before the tag: a class that sets none keeps it,
# inference replaces it, and untag gives it back.
test_own_slice_before() {
	need_slices
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	spawn_sleep b
	slicectl set "$PID" "$OWN_NS"
	slice_is "$PID" "$OWN_NS" "its own slice"
	aisched tag "$A" --class training >/dev/null
	slice_is "$PID" "$OWN_NS" "under training, which sets none"
	aisched tag "$A" --class inference >/dev/null
	slice_is "$PID" "$INFERENCE_NS" "under inference"
	aisched tag "$A" --class training --nice 3 >/dev/null
	slice_is "$PID" "$OWN_NS" "back under training"
	aisched tag "$A" --class inference >/dev/null
	assert_eq "$(tag_field "$A" overrides)" 0 "overrides"
	aisched untag "$A"
	slice_is "$PID" "$OWN_NS" "after untag"
	# Through a class that sets none, too.
	aisched tag "$A" --class training >/dev/null
	aisched untag "$A"
	slice_is "$PID" "$OWN_NS" "after training's untag"
}

# A task that sets its own slice under the tag overrides it: it keeps its
# slice, then and through untag.
test_own_slice_after() {
	need_slices
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	spawn_sleep a
	aisched tag "$A" --class inference >/dev/null
	slice_is "$PID" "$INFERENCE_NS" "inference"
	slicectl set "$PID" "$LATE_NS"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides"
	aisched tag "$A" --class inference --slice-us 300 >/dev/null
	slice_is "$PID" "$LATE_NS" "a new bundle leaves the override"
	aisched untag "$A"
	slice_is "$PID" "$LATE_NS" "after untag"
}

# New tasks: an exec'd image and its forked child read their slice as their
# first action.
test_new_tasks() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	aisched tag "$A" --class inference >/dev/null
	run_in "$A" "$KTAP_TMP/fork" slicectl fork
	if has_slices; then
		want="parent=$INFERENCE_NS child=$INFERENCE_NS"
	else
		s=$(slicectl get $$)
		want="parent=$s child=$s"
	fi
	assert_eq "$(cat "$KTAP_TMP/fork")" "$want" "inference, exec and fork"
	if has_slices; then
		aisched tag "$A" --class inference --slice-us 300 >/dev/null
		run_in "$A" "$KTAP_TMP/fork" slicectl fork
		assert_eq "$(cat "$KTAP_TMP/fork")" "parent=300000 child=300000" \
			"--slice-us 300, exec and fork"
	fi
}

ktap_begin 6
run_case test_feature_bit
run_case test_refusals
run_case test_existing_task
run_case test_own_slice_before
run_case test_own_slice_after
run_case test_new_tasks
ktap_end
