#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Tags: tag, untag, list and show; each class on the tasks a cgroup already
# has; and every bad input refused with its message, changing nothing.
# What tasks run under is read back from the kernel by taskprobe, the tags
# by tagq (TAG_GET); see tags.lib.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

tags_init t50
A=$T/a			# tagged and untagged by the cases
FIX=$T/fix		# tagged dataloader for the refusals; holds FIX_PID
V1=/tmp/aisched-v1	# a cgroup v1 hierarchy, if the kernel lets us mount one

# Distinctive originals: a restore to defaults would show.
# No affinity of its own: from Linux 6.2 the kernel keeps a mask a task set
# itself inside every later one (50-tags' own_affinity).
ORIG=nice=5,io=2:6
ORIG_STATE="policy=0 nice=5 rtprio=0 io=2:6 cpus=0-3"

CMD_TAG_SET=3
CMD_TAG_DEL=4
CMD_TAG_GET=5
A_PATH=1 A_ID=2 A_CLASS=4 A_POLICY=5 A_NICE=6 A_RT_PRIO=7 A_RT_BUDGET=8
A_IO_CLASS=9 A_IO_LEVEL=10 A_CPUS=11
EPERM=1 ENOENT=2 EINVAL=22 ERANGE=34

cleanup() {
	echo 1 >/sys/devices/system/cpu/cpu3/online 2>/dev/null
	if [ -d "$V1" ]; then
		rmdir "$V1/sub" 2>/dev/null
		umount "$V1" 2>/dev/null
		rmdir "$V1" 2>/dev/null
	fi
	tags_cleanup
}

# json_field JSON KEY: the value of a top-level number or string field.
json_field() {
	printf '%s\n' "$1" | sed -n "s/.*\"$2\":\"\{0,1\}\([^\",}]*\).*/\1/p"
}

# bundle PATH: the bundle part of PATH's tag (no cgroup, id or counters).
bundle() {
	tagq get "$1" | sed 's/^cgroup=[^ ]* id=[^ ]* //; s/ tasks=.*//'
}

# The state of the world the refusals must leave alone: every tag under $T
# with its counters, as TAG_GET and "aisched list" give them, and every
# thread of the fixture's task.
world() {
	tags_under
	aisched list | grep "$TNAME/" || true
	snapshot_threads "$(cat "$KTAP_TMP/fix.pid")"
}

# unchanged WHAT: the world is as it was when the fixture was made.
unchanged() {
	world >"$KTAP_TMP/world.now"
	if ! diff -u "$KTAP_TMP/world.fix" "$KTAP_TMP/world.now" >"$KTAP_TMP/world.diff"; then
		sed 's/^/# /' "$KTAP_TMP/world.diff"
		fail "$1 changed something"
	fi
}

# repair_fixture: after a refusal that was not one, so that the next cases
# do not fail for it too.
repair_fixture() {
	aisched tag "$FIX" --class dataloader --cpus 2-3 >/dev/null
	world >"$KTAP_TMP/world.fix"
}

test_feature_bit() {
	out=$(aisched info --json)
	f=$(json_field "$out" features)
	[ -n "$f" ] || fail "no features in: $out"
	assert_eq "$((f & 1))" 1 "AISCHED_FEATURE_TAGS in features $f"
}

# Each class's defaults, as TAG_SET's reply and TAG_GET report them.
test_class_defaults() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	id=$(cgroup_id "$A")
	for c in training:"class=0 policy=0 nice=0 rt_prio=- rt_budget_ms=- io_class=2 io_level=4 cpus=-" \
		inference:"class=1 policy=0 nice=-10 rt_prio=- rt_budget_ms=- io_class=2 io_level=0 cpus=-" \
		dataloader:"class=2 policy=1 nice=0 rt_prio=- rt_budget_ms=- io_class=2 io_level=0 cpus=-" \
		background:"class=3 policy=2 nice=- rt_prio=- rt_budget_ms=- io_class=3 io_level=* cpus=-"; do
		class=${c%%:*}
		aisched tag "$A" --class "$class" >/dev/null
		assert_match "$(bundle "$A")" "${c#*:}" "$class bundle"
		line=$(tagq get "$A")
		assert_match "$line" "cgroup=$TNAME/a id=$id *" "$class cgroup and id"
		assert_match "$line" "* tasks=0 applied=0 overrides=0 demotions=0 conflicts=0" \
			"$class counters of an empty cgroup"
		aisched untag "$A"
	done
	aisched tag "$A" --class inference --rt-prio 10 >/dev/null
	assert_eq "$(bundle "$A")" \
		"class=1 policy=3 nice=-10 rt_prio=10 rt_budget_ms=100 io_class=2 io_level=0 cpus=-" \
		"inference --rt-prio 10 (nice: what a demoted task gets)"
	aisched untag "$A"
	assert_eq "$(tagq dump | grep -c "^cgroup=$TNAME/" || true)" 0 "tags left"
}

# Every option overrides its field of the class's defaults.
test_tag_options() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	aisched tag "$A" --class training --nice 7 --ioprio be:6 --cpus 2-3 >/dev/null
	assert_eq "$(bundle "$A")" \
		"class=0 policy=0 nice=7 rt_prio=- rt_budget_ms=- io_class=2 io_level=6 cpus=2-3" \
		"training --nice 7 --ioprio be:6 --cpus 2-3"
	aisched tag "$A" --class background --policy batch --ioprio rt:3 >/dev/null
	assert_match "$(bundle "$A")" \
		"class=3 policy=1 nice=* rt_prio=- rt_budget_ms=- io_class=1 io_level=3 cpus=-" \
		"background --policy batch --ioprio rt:3 (replacing)"
	aisched tag "$A" --class inference --rt-prio 20 --rt-budget-ms 250 --ioprio idle >/dev/null
	assert_match "$(bundle "$A")" \
		"class=1 policy=3 nice=-10 rt_prio=20 rt_budget_ms=250 io_class=3 io_level=* cpus=-" \
		"inference --rt-prio 20 --rt-budget-ms 250 --ioprio idle"
	aisched tag "$A" --class inference --rt-prio 5 --nice -3 >/dev/null
	assert_eq "$(bundle "$A")" \
		"class=1 policy=3 nice=-3 rt_prio=5 rt_budget_ms=100 io_class=2 io_level=0 cpus=-" \
		"inference --rt-prio 5 --nice -3"
	aisched untag "$A"
}

# Each class on tasks that were there before the tag: two sleeps and a
# process of four threads, with distinctive originals. Every thread gets the
# class; without --cpus, affinity stays; untag gives back the originals.
test_existing_tasks_each_class() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	spawn "$KTAP_TMP/s1" "$A" "$ORIG" sleep 1000
	pids=$SPAWNED
	spawn "$KTAP_TMP/s2" "$A" "$ORIG" sleep 1000
	pids="$pids $SPAWNED"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 3
	pids="$pids $SPAWNED"
	assert_threads "$pids" "$ORIG_STATE" "before tagging"
	before=$(snapshot_threads "$pids")
	for c in training inference dataloader background inference:10; do
		class=${c%%:*} rt=
		[ "$class" = "$c" ] || rt=${c#*:}
		aisched tag "$A" --class "$class" ${rt:+--rt-prio "$rt"} >/dev/null
		assert_threads "$pids" "$(class_state "$class" 0-3 "$rt")" "$c"
		assert_eq "$(tag_field "$A" tasks)" 6 "$c: tasks covered"
		applied=$(tag_field "$A" applied)
		[ "$applied" -ge 6 ] || fail "$c: applied $applied, expected at least 6"
		aisched untag "$A"
		assert_eq "$(snapshot_threads "$pids")" "$before" "$c: after untag"
	done
}

# With --cpus, affinity is set too, on every thread.
test_existing_tasks_cpus() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 2
	pid=$SPAWNED
	aisched tag "$A" --class dataloader --cpus 3 >/dev/null
	assert_threads "$pid" "$(class_state dataloader 3)" "dataloader --cpus 3"
	aisched tag "$A" --class dataloader --cpus 1-3 >/dev/null
	assert_threads "$pid" "$(class_state dataloader 1-3)" "replaced with --cpus 1-3"
	aisched untag "$A"
	assert_threads "$pid" "$ORIG_STATE" "after untag"
}

# A mask the task set itself before the tag: 6.1 replaces it with the tag's
# CPUs; from 6.2 the kernel keeps it inside them where they meet, and the
# tag's CPUs alone only where they do not. Untag gives it back either way.
test_own_affinity() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" nice=5,cpus=0-2,io=2:6 -t 2
	pid=$SPAWNED
	if own_affinity_kept; then want=1-2; else want=1-3; fi
	ktap_diag "$(uname -r): its own 0-2 under --cpus 1-3 gives $want"
	aisched tag "$A" --class dataloader --cpus 1-3 >/dev/null
	assert_threads "$pid" "$(class_state dataloader "$want")" "--cpus 1-3 over its own 0-2"
	aisched tag "$A" --class dataloader --cpus 3 >/dev/null
	assert_threads "$pid" "$(class_state dataloader 3)" "--cpus 3, apart from its own 0-2"
	aisched untag "$A"
	assert_threads "$pid" "policy=0 nice=5 rtprio=0 io=2:6 cpus=0-2" "after untag"
}

# list shows every tag with its class; show the tag and each of its tasks
# with its effective policy and affinity.
test_list_and_show() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A/sub"
	hold "$KTAP_TMP/h" "$A/sub" - -t 2
	pid=$SPAWNED
	aisched tag "$A" --class background --cpus 1-2 >/dev/null
	assert_eq "$(list_column "$TNAME/a" class)" background "class in aisched list"
	assert_eq "$(list_column "$TNAME/a" tasks)" 3 "tasks in aisched list"
	out=$(aisched list --json)
	printf '%s\n' "$out" | grep -q "\"cgroup\":\"$TNAME/a\"" ||
		fail "aisched list --json has no $TNAME/a: $out"
	out=$(aisched show "$A")
	for tid in $(threads "$pid"); do
		printf '%s\n' "$out" | grep -Eq "^ *$tid +$pid .* idle.* 1-2 " ||
			fail "aisched show $A: no row for thread $tid (idle, CPUs 1-2): $out"
	done
	out=$(aisched show "$A" --json)
	for tid in $(threads "$pid"); do
		obj=$(printf '%s\n' "$out" | grep -o "{\"tid\":$tid,[^}]*}" || true)
		for kv in "\"pid\":$pid" '"policy":"idle"' '"cpus":"1-2"'; do
			case $obj in *"$kv"*) ;; *) fail "aisched show --json: thread $tid without $kv: $out" ;; esac
		done
	done
	aisched untag "$A"
	out=$(aisched list)
	if printf '%s\n' "$out" | grep -q "$TNAME/a"; then
		fail "aisched list still shows $TNAME/a after untag: $out"
	fi
}

# Untagging what is not tagged, and reading an unknown tag, are refused.
test_not_tagged() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	id=$(cgroup_id "$A")
	tool_refuses "$TNAME/a is not tagged" untag "$A"
	tool_refuses "$TNAME/a is not tagged" show "$A"
	raw_refuses "$TNAME/a is not tagged" "$ENOENT" - "$CMD_TAG_GET" "$A_PATH":str:"$A"
	raw_refuses "$TNAME/a is not tagged" "$ENOENT" - "$CMD_TAG_DEL" "$A_ID":u64:"$id"
	raw_refuses "no cgroup with id 4000000000" "$ENOENT" '*' "$CMD_TAG_GET" "$A_ID":u64:4000000000
	raw_refuses "no cgroup with id 4000000000" "$ENOENT" '*' "$CMD_TAG_DEL" "$A_ID":u64:4000000000
	# A dump says why too (checked in its first dumpit call, not .start).
	raw_refuses "no cgroup with id 4000000000" "$ENOENT" '*' --dump "$CMD_TAG_GET" "$A_ID":u64:4000000000
}

# TAG_GET and TAG_DEL by cgroup id.
test_by_id() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	id=$(cgroup_id "$A")
	aisched tag "$A" --class dataloader >/dev/null
	assert_match "$(tagq id "$id")" "cgroup=$TNAME/a id=$id class=2 *" "TAG_GET by id"
	assert_eq "$(nl_raw "$CMD_TAG_DEL" "$A_ID":u64:"$id")" ack "TAG_DEL by id"
	assert_eq "$(tagq dump | grep -c "^cgroup=$TNAME/a " || true)" 0 "tag left after TAG_DEL"
}

# Not against the fixture: taking a CPU offline changes the affinity of
# the tasks whose cpuset had it.
test_offline_cpus() {
	trap 'echo 1 >/sys/devices/system/cpu/cpu3/online; reset_cg "$A"' EXIT
	mkdir -p "$A"
	echo 0 >/sys/devices/system/cpu/cpu3/online
	raw_refuses "none of cpus 3 is online" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$A_PATH":str:"$A" "$A_CLASS":u32:2 "$A_CPUS":hex:08000000
	tool_refuses "none of cpus 3 is online" tag "$A" --class dataloader --cpus 3
	assert_eq "$(tags_under)" "" "tags after the refusals"
}

# --- refusals: each against the fixture, which must not change -----------

test_fixture() {
	mkdir -p "$FIX"
	hold "$KTAP_TMP/fix" "$FIX" "$ORIG" -t 2
	echo "$SPAWNED" >"$KTAP_TMP/fix.pid"
	aisched tag "$FIX" --class dataloader --cpus 2-3 >/dev/null
	assert_threads "$SPAWNED" "$(class_state dataloader 2-3)" "fixture"
	world >"$KTAP_TMP/world.fix"
}

test_not_a_cgroup_directory() {
	tool_refuses "/tmp is not a cgroup v2 directory" tag /tmp --class training
	tool_refuses "/proc is not a cgroup v2 directory" tag /proc --class training
	tool_refuses "/proc is not a cgroup v2 directory" untag /proc
	tool_refuses "$FIX/cgroup.procs is not a cgroup v2 directory" \
		tag "$FIX/cgroup.procs" --class training
	raw_refuses "/tmp is not a cgroup v2 directory" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$A_PATH":str:/tmp "$A_CLASS":u32:0
	unchanged "tagging a directory that is not a cgroup"
}

test_no_such_directory() {
	tool_refuses "$T/nope: no such directory" tag "$T/nope" --class training
	raw_refuses "$T/nope: no such directory" "$ENOENT" '*' \
		"$CMD_TAG_SET" "$A_PATH:str:$T/nope" "$A_CLASS":u32:0
	unchanged "tagging a path that does not exist"
}

test_cgroup_v1() {
	mkdir -p "$V1"
	if ! mount -t cgroup -o none,name=aischedtest cgroup "$V1" 2>"$KTAP_TMP/err"; then
		rmdir "$V1"
		skip "cannot mount a named cgroup v1 hierarchy: $(cat "$KTAP_TMP/err")"
	fi
	mkdir "$V1/sub"
	tool_refuses "$V1/sub is in a cgroup v1 hierarchy; aisched needs cgroup v2" \
		tag "$V1/sub" --class training
	tool_refuses "$V1 is in a cgroup v1 hierarchy; aisched needs cgroup v2" \
		tag "$V1" --class training
	unchanged "tagging a cgroup v1 directory"
}

test_root_cgroup() {
	tool_refuses "refusing to tag the root cgroup" tag "$CGROOT" --class background
	raw_refuses "refusing to tag the root cgroup" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$A_PATH":str:"$CGROOT" "$A_CLASS":u32:3
	unchanged "tagging the root cgroup"
	assert_eq "$(tagq dump | grep -c '^cgroup=/ ' || true)" 0 "a tag on the root"
}

test_unknown_class() {
	rc=0
	aisched tag "$FIX" --class gpu >/dev/null 2>&1 || rc=$?
	assert_eq "$rc" 2 "aisched tag --class gpu exit status"
	raw_refuses "integer out of range" "$ERANGE" "$A_CLASS" \
		"$CMD_TAG_SET" "$A_PATH":str:"$FIX" "$A_CLASS":u32:4
	unchanged "an unknown class"
}

test_missing_attributes() {
	raw_refuses "missing class" "$EINVAL" - "$CMD_TAG_SET" "$A_PATH":str:"$FIX"
	raw_refuses "missing cgroup path" "$EINVAL" - "$CMD_TAG_SET" "$A_CLASS":u32:0
	raw_refuses "missing cgroup path or id" "$EINVAL" - "$CMD_TAG_DEL"
	raw_refuses "missing cgroup path or id" "$EINVAL" - "$CMD_TAG_GET"
	raw_refuses "give a cgroup path or id, not both" "$EINVAL" '*' \
		"$CMD_TAG_DEL" "$A_PATH":str:"$FIX" "$A_ID":u64:"$(cgroup_id "$FIX")"
	unchanged "requests missing attributes"
}

# Out of the netlink policy's ranges: refused by the core, naming the
# attribute.
test_out_of_range() {
	p="$A_PATH":str:$FIX
	for bad in "$A_POLICY":u32:4 "$A_NICE":u32:20 "$A_NICE":u32:0xffffffeb \
		"$A_RT_PRIO":u32:0 "$A_RT_PRIO":u32:100 "$A_RT_BUDGET":u32:0 \
		"$A_RT_BUDGET":u32:60001 "$A_IO_CLASS":u32:4 "$A_IO_LEVEL":u32:8; do
		raw_refuses "integer out of range" "$ERANGE" "${bad%%:*}" \
			"$CMD_TAG_SET" "$p" "$A_CLASS":u32:1 "$bad"
	done
	unchanged "values out of range"
}

test_tool_out_of_range() {
	for opts in "--nice 20" "--nice -21" "--rt-prio 0" "--rt-prio 100" \
		"--rt-prio 10 --rt-budget-ms 0" "--ioprio be:8" "--ioprio xx"; do
		rc=0
		# shellcheck disable=SC2086 # the options
		aisched tag "$FIX" --class inference $opts >/dev/null 2>"$KTAP_TMP/err" || rc=$?
		case $rc in
		1) assert_match "$(cat "$KTAP_TMP/err")" "aisched: kernel: integer out of range*" \
			"aisched tag $opts" ;;
		2) ;;	# the tool's own syntax check
		*) fail "aisched tag $opts: exit status $rc ($(cat "$KTAP_TMP/err"))" ;;
		esac
	done
	unchanged "options out of range"
}

test_rt_prio_above_cap() {
	cap=$(cat /sys/module/aisched/parameters/rt_prio_max)
	assert_eq "$cap" 49 "rt_prio_max"
	tool_refuses "rt-prio 50 is above the module's cap of 49 (rt_prio_max)" \
		tag "$FIX" --class inference --rt-prio 50
	tool_refuses "rt-prio 99 is above the module's cap of 49 (rt_prio_max)" \
		tag "$FIX" --class inference --rt-prio 99
	unchanged "an rt-prio above the cap"
}

test_inconsistent_fields() {
	p="$A_PATH":str:$FIX
	soft raw_refuses "policy fifo needs an rt-prio" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:1 "$A_POLICY":u32:3
	soft raw_refuses "rt-prio needs policy fifo" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:1 "$A_POLICY":u32:0 "$A_RT_PRIO":u32:10
	soft raw_refuses "rt-budget-ms needs policy fifo" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:1 "$A_RT_BUDGET":u32:50
	soft raw_refuses "nice does not apply to policy idle" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:3 "$A_NICE":u32:0
	soft raw_refuses "nice does not apply to policy idle" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:0 "$A_POLICY":u32:2 "$A_NICE":u32:0
	soft raw_refuses "io-level applies only to io classes rt and be" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:0 "$A_IO_CLASS":u32:3 "$A_IO_LEVEL":u32:2
	soft raw_refuses "io-level applies only to io classes rt and be" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:0 "$A_IO_CLASS":u32:0 "$A_IO_LEVEL":u32:2
	soft tool_refuses "nice does not apply to policy idle" \
		tag "$FIX" --class background --nice 3
	soft tool_refuses "policy fifo needs an rt-prio" tag "$FIX" --class inference --policy fifo
	soft unchanged "fields that do not go together"
	[ ! -s "$KTAP_TMP/soft" ] || repair_fixture
	soft_end
}

# CPU bitmaps: 32-bit words, host order (x86: little-endian bytes).
test_bad_cpus() {
	p="$A_PATH":str:$FIX
	raw_refuses "cpus must be a whole number of 32-bit words" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:2 "$A_CPUS":hex:0c0000
	raw_refuses "cpus is empty" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:2 "$A_CPUS":hex:00000000
	raw_refuses "cpus names CPU 9, which does not exist" "$EINVAL" '*' \
		"$CMD_TAG_SET" "$p" "$A_CLASS":u32:2 "$A_CPUS":hex:00020000
	tool_refuses "cpus names CPU 9, which does not exist" \
		tag "$FIX" --class dataloader --cpus 9
	unchanged "bad cpus"
}

# Callers without CAP_SYS_ADMIN cannot tag or untag.
test_unprivileged() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	for args in "tag $A --class training" "tag $FIX --class background" "untag $FIX"; do
		rc=0
		# shellcheck disable=SC2086 # the arguments
		asuser 65534 aisched $args >/dev/null 2>"$KTAP_TMP/err" || rc=$?
		assert_eq "$rc" 1 "nobody: aisched $args exit status ($(cat "$KTAP_TMP/err"))"
		assert_eq "$(cat "$KTAP_TMP/err")" \
			"aisched: kernel: changing tags needs CAP_SYS_ADMIN" "nobody: aisched $args"
	done
	rc=0
	asuser 65534 nl_raw "$CMD_TAG_DEL" "$A_PATH":str:"$FIX" >"$KTAP_TMP/out" 2>&1 || rc=$?
	assert_eq "$rc" 1 "nobody: TAG_DEL exit status"
	assert_match "$(cat "$KTAP_TMP/out")" "*rejected error=-$EPERM *" "nobody: TAG_DEL errno"
	unchanged "unprivileged requests"
}

# After all of that, the fixture's task still runs under the tag; untag
# still restores it.
test_fixture_untag() {
	pid=$(cat "$KTAP_TMP/fix.pid")
	assert_threads "$pid" "$(class_state dataloader 2-3)" "fixture after the refusals"
	aisched untag "$FIX"
	assert_threads "$pid" "$ORIG_STATE" "fixture after untag"
}

ktap_begin 24
run_case test_feature_bit
run_case test_class_defaults
run_case test_tag_options
run_case test_existing_tasks_each_class
run_case test_existing_tasks_cpus
run_case test_own_affinity
run_case test_list_and_show
run_case test_not_tagged
run_case test_by_id
run_case test_offline_cpus
run_case test_fixture
run_case test_not_a_cgroup_directory
run_case test_no_such_directory
run_case test_cgroup_v1
run_case test_root_cgroup
run_case test_unknown_class
run_case test_missing_attributes
run_case test_out_of_range
run_case test_tool_out_of_range
run_case test_rt_prio_above_cap
run_case test_inconsistent_fields
run_case test_bad_cpus
run_case test_unprivileged
run_case test_fixture_untag
ktap_end
