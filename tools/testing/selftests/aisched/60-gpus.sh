#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# GPU discovery: GPU_GET (dump, by index, by address) lists exactly the
# GPUs sysfs has, in PCI-address order, with the node sysfs gives them;
# `aisched gpus` (table and JSON) shows the same; hot-unplug and rescan
# take a GPU out and bring it back, shifting the indices after it; a node
# override (GPU_SET) is shown, removed with auto, and outlives an unplug
# of its device; every bad request is refused with its message, changing
# nothing; GPU_SET needs CAP_SYS_ADMIN, GPU_GET does not.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"
# shellcheck source=gpus.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/gpus.lib"

EPERM=1 ENODEV=19 EINVAL=22 ERANGE=34

cleanup() {
	gpus_reset
}

gpus_reset
gpus_init || { ktap_skip_all "not the machine the GPU tests assume"; }

# json_field JSON KEY: the value of a top-level number or string field.
json_field() {
	printf '%s\n' "$1" | sed -n "s/.*\"$2\": *\"\{0,1\}\([^\",}]*\).*/\1/p"
}

# json_objects: the objects of a JSON array on stdin, one a line.
json_objects() {
	awk '{ gsub(/\}, *\{/, "}\n{"); print }' | sed 's/^ *\[ *//; s/ *\] *$//; /^$/d'
}

# json_kv OBJECT: a flat JSON object as sorted key=value words.
json_kv() {
	printf '%s\n' "$1" | sed 's/^ *{//; s/} *$//; s/, *"/\n"/g; s/": */=/g; s/"//g' |
		LC_ALL=C sort | tr '\n' ' '
}

source_word() {
	case $1 in
	"$SRC_DISCOVERED") SOURCE=discovered ;;
	"$SRC_OVERRIDE") SOURCE=override ;;
	"$SRC_UNKNOWN") SOURCE=unknown ;;
	*) SOURCE="?$1" ;;
	esac
}

# table_row LINE: the row `aisched gpus` prints for a gpuq LINE, its
# columns joined by one space.
table_row() {
	# shellcheck disable=SC2086 # the words of the line
	set -- $1
	source_word "${7#source=}"
	_n=${6#node=}
	[ "$_n" != -1 ] || _n=-
	echo "${1#index=} ${2#address=} ${3#vendor=}:${4#device=} ${5#class=} $_n $SOURCE ${9#cpus=}"
}

# json_want LINE: the key=value words a JSON object for a gpuq LINE has,
# sorted (cpus absent when the node is unknown).
json_want() {
	# shellcheck disable=SC2086 # the words of the line
	set -- $1
	source_word "${7#source=}"
	{
		echo "index=${1#index=}"
		echo "address=${2#address=}"
		echo "vendor=${3#vendor=}"
		echo "device=${4#device=}"
		echo "class=${5#class=}"
		echo "node=${6#node=}"
		echo "node_source=$SOURCE"
		echo "discovered_node=${8#discovered=}"
		[ "${9#cpus=}" = - ] || echo "cpus=${9#cpus=}"
	} | LC_ALL=C sort | tr '\n' ' '
}

# assert_table EXPECTED WHAT: `aisched gpus` prints the header and one row
# per line of EXPECTED (gpuq lines), in that order.
assert_table() {
	aisched gpus >"$KTAP_TMP/table" || fail "$2: aisched gpus failed"
	assert_eq "$(head -n 1 "$KTAP_TMP/table" | awk '{ $1 = $1; print }')" \
		"index address vendor:device class node source cpus" "$2: header"
	printf '%s\n' "$1" | while IFS= read -r l; do table_row "$l"; done >"$KTAP_TMP/rows.want"
	tail -n +2 "$KTAP_TMP/table" | awk '{ $1 = $1; print }' >"$KTAP_TMP/rows.now"
	if ! diff -u "$KTAP_TMP/rows.want" "$KTAP_TMP/rows.now" >"$KTAP_TMP/rows.diff"; then
		sed 's/^/# /' "$KTAP_TMP/rows.diff"
		fail "$2: aisched gpus rows differ (- expected, + printed)"
	fi
}

# assert_json_object OBJECT LINE WHAT: a JSON GPU object says what the
# gpuq LINE does, and nothing else.
assert_json_object() {
	assert_eq "$(json_kv "$1")" "$(json_want "$2")" "$3"
}

# The state the refusals must leave alone.
world() {
	gpuq dump
	aisched gpus
}

test_feature_bit() {
	out=$(aisched info --json)
	f=$(json_field "$out" features)
	[ -n "$f" ] || fail "no features in: $out"
	assert_eq "$((f & 2))" 2 "AISCHED_FEATURE_GPUS in features $f"
}

# GPU_GET's dump is sysfs's GPUs: address, ids, class, the node of the
# device or its bridge, the node's CPUs; in PCI-address order, indexed.
test_dump_matches_sysfs() {
	want=$(sysfs_gpus)
	assert_eq "$(printf '%s\n' "$want" | wc -l)" 2 "GPUs in sysfs"
	assert_gpus "$want" "GPU_GET dump"
	# The node-1 GPU sits behind a bridge on a higher bus: index 1.
	assert_eq "$(gpu_index "$GPUX")/$(gpu_index "$GPU1")" 0/1 "indices of $GPUX/$GPU1"
	assert_eq "$(field "$(gpuq addr "$GPU1")" cpus)" "$(cat "$NODES/node1/cpulist")" \
		"cpus of the node-1 GPU"
}

test_get_by_index_and_address() {
	sysfs_gpus >"$KTAP_TMP/want"
	while IFS= read -r line; do
		i=$(field "$line" index) a=$(field "$line" address)
		assert_eq "$(gpuq index "$i")" "$line" "GPU_GET index $i"
		assert_eq "$(gpuq addr "$a")" "$line" "GPU_GET address $a"
	done <"$KTAP_TMP/want"
}

test_tool_table() {
	assert_table "$(sysfs_gpus)" "aisched gpus"
}

test_tool_json() {
	aisched gpus --json | json_objects >"$KTAP_TMP/objs" || fail "aisched gpus --json failed"
	sysfs_gpus >"$KTAP_TMP/want"
	assert_eq "$(wc -l <"$KTAP_TMP/objs")" "$(wc -l <"$KTAP_TMP/want")" "JSON objects"
	i=1
	while IFS= read -r line; do
		assert_json_object "$(sed -n "${i}p" "$KTAP_TMP/objs")" "$line" "object $i"
		i=$((i + 1))
	done <"$KTAP_TMP/want"
}

# An override, by index and by address, shown everywhere; auto removes it.
test_override() {
	trap gpus_reset EXIT
	want=$(sysfs_gpus)
	i=$(gpu_index "$GPU1")
	line=$(sysfs_gpu "$GPU1")
	over=$(gpu_with "$line" node=0 source="$SRC_OVERRIDE" cpus="$(node_cpus 0)")
	out=$(aisched gpus set "$i" --node 0) || fail "aisched gpus set $i --node 0 failed"
	assert_eq "$(printf '%s\n' "$out" | tail -n +2 | awk '{ $1 = $1; print }')" \
		"$(table_row "$over")" "the row aisched gpus set prints"
	assert_eq "$(gpuq addr "$GPU1")" "$over" "GPU_GET after the override"
	assert_table "$(printf '%s\n' "$want" | sed "s/.* address=$GPU1 .*/$over/")" \
		"aisched gpus with the override"
	out=$(aisched gpus set "$GPU1" --node auto --json) ||
		fail "aisched gpus set $GPU1 --node auto failed"
	assert_json_object "$out" "$line" "aisched gpus set --node auto --json"
	assert_gpus "$want" "after auto"

	# The GPU with no node: an override gives it one, and its CPUs.
	x=$(sysfs_gpu "$GPUX")
	out=$(aisched gpus set "$GPUX" --node 1 --json) || fail "aisched gpus set $GPUX failed"
	over=$(gpu_with "$x" node=1 source="$SRC_OVERRIDE" cpus="$(node_cpus 1)")
	assert_json_object "$out" "$over" "aisched gpus set $GPUX --node 1 --json"
	assert_eq "$(gpuq addr "$GPUX")" "$over" "GPU_GET of $GPUX"
	# A second override replaces the first.
	aisched gpus set "$(gpu_index "$GPUX")" --node 0 >/dev/null
	assert_eq "$(gpuq addr "$GPUX")" \
		"$(gpu_with "$x" node=0 source="$SRC_OVERRIDE" cpus="$(node_cpus 0)")" \
		"GPU_GET of $GPUX, override replaced"
	aisched gpus set "$GPUX" --node auto >/dev/null
	assert_gpus "$want" "after auto"
}

# Hot-unplug and rescan of each GPU: it leaves the list and comes back, and
# the indices after it shift.
test_hotplug() {
	trap gpus_reset EXIT
	want=$(sysfs_gpus)
	pci_remove "$GPU1"
	assert_gpus "$(printf '%s\n' "$want" | grep -v " address=$GPU1 ")" "$GPU1 removed"
	assert_table "$(sysfs_gpus)" "aisched gpus, $GPU1 removed"
	raw_refuses "no GPU at PCI address $GPU1" "$ENODEV" '*' \
		"$CMD_GPU_GET" "$A_GPU_ADDRESS:str:$GPU1"
	raw_refuses "GPU index 1 is out of range (1 GPUs)" "$ERANGE" '*' \
		"$CMD_GPU_GET" "$A_GPU_INDEX:u32:1"
	pci_rescan
	assert_gpus "$want" "$GPU1 back after a rescan"

	pci_remove "$GPUX"
	assert_gpus "$(sysfs_gpu "$GPU1" | sed 's/^index=1 /index=0 /')" \
		"$GPUX removed: $GPU1 is index 0"
	assert_eq "$(gpuq index 0)" "$(gpuq addr "$GPU1")" "index 0 with $GPUX removed"
	pci_rescan
	assert_gpus "$want" "$GPUX back after a rescan"
	assert_table "$want" "aisched gpus after the rescans"
}

# An override outlives the device's unplug: back after a rescan, with it.
test_override_survives_replug() {
	trap gpus_reset EXIT
	want=$(sysfs_gpus)
	aisched gpus set "$GPUX" --node 1 >/dev/null
	aisched gpus set "$GPU1" --node 0 >/dev/null
	over=$(gpuq dump)
	pci_remove "$GPUX"
	pci_remove "$GPU1"
	assert_gpus "" "both removed"
	assert_eq "$(aisched gpus)" "" "aisched gpus with no GPU"
	tool_refuses "no GPU at PCI address $GPUX" gpus set "$GPUX" --node auto
	pci_rescan
	assert_gpus "$over" "after the rescan: the overrides are back"
	aisched gpus set "$GPUX" --node auto >/dev/null
	aisched gpus set "$GPU1" --node auto >/dev/null
	assert_gpus "$want" "after auto"
	# Without an override, a replugged device is discovered afresh.
	pci_remove "$GPUX"
	pci_rescan
	assert_gpus "$want" "replugged without an override"
}

# GPU_GET: each bad request refused with its message.
test_get_refusals() {
	world >"$KTAP_TMP/world.before"
	raw_refuses "no GPU at PCI address 0000:00:1f.0" "$ENODEV" '*' \
		"$CMD_GPU_GET" "$A_GPU_ADDRESS:str:0000:00:1f.0"
	# A PCI device that is not a GPU (the i440FX host bridge).
	raw_refuses "no GPU at PCI address 0000:00:00.0" "$ENODEV" '*' \
		"$CMD_GPU_GET" "$A_GPU_ADDRESS:str:0000:00:00.0"
	raw_refuses "GPU index 7 is out of range (2 GPUs)" "$ERANGE" '*' \
		"$CMD_GPU_GET" "$A_GPU_INDEX:u32:7"
	raw_refuses "name a GPU by index or by address" "$EINVAL" '*' "$CMD_GPU_GET"
	raw_refuses "name a GPU by index or by address, not both" "$EINVAL" '*' \
		"$CMD_GPU_GET" "$A_GPU_INDEX:u32:0" "$A_GPU_ADDRESS:str:$GPU1"
	raw_refuses "integer out of range" "$ERANGE" "$A_GPU_INDEX" \
		"$CMD_GPU_GET" "$A_GPU_INDEX:u32:65536"
	# Longer than the policy's 31 characters.
	raw_refuses "Attribute failed policy validation" "$EINVAL" "$A_GPU_ADDRESS" \
		"$CMD_GPU_GET" "$A_GPU_ADDRESS:str:0000:00:02.0-and-then-very-much-more"
	raw_refuses "a GPU dump lists every GPU; it takes no index or address" "$EINVAL" '*' \
		--dump "$CMD_GPU_GET" "$A_GPU_INDEX:u32:0"
	world >"$KTAP_TMP/world.after"
	diff -u "$KTAP_TMP/world.before" "$KTAP_TMP/world.after" | sed 's/^/# /'
	cmp -s "$KTAP_TMP/world.before" "$KTAP_TMP/world.after" ||
		fail "the refused GPU_GETs changed something"
}

# GPU_SET: each bad request refused with its message, through the tool and
# nl_raw, and nothing changes.
test_set_refusals() {
	trap gpus_reset EXIT
	# With an override in place, which no refusal may touch.
	aisched gpus set "$GPUX" --node 1 >/dev/null
	world >"$KTAP_TMP/world.before"
	i1=$(gpu_index "$GPU1")
	soft tool_refuses "no GPU at PCI address 0000:00:1f.0" gpus set 0000:00:1f.0 --node 0
	soft tool_refuses "GPU index 7 is out of range (2 GPUs)" gpus set 7 --node 0
	soft tool_refuses "node 3 is not online" gpus set "$i1" --node 3
	soft tool_refuses "node 3 is not online" gpus set "$GPUX" --node 3
	soft raw_refuses "node 3 is not online" "$EINVAL" '*' \
		"$CMD_GPU_SET" "$A_GPU_INDEX:u32:$i1" "$A_GPU_NODE:u32:3"
	soft raw_refuses "missing node" "$EINVAL" '*' "$CMD_GPU_SET" "$A_GPU_INDEX:u32:$i1"
	soft raw_refuses "name a GPU by index or by address" "$EINVAL" '*' \
		"$CMD_GPU_SET" "$A_GPU_NODE:u32:0"
	soft raw_refuses "name a GPU by index or by address, not both" "$EINVAL" '*' \
		"$CMD_GPU_SET" "$A_GPU_INDEX:u32:$i1" "$A_GPU_ADDRESS:str:$GPU1" "$A_GPU_NODE:u32:0"
	soft raw_refuses "no GPU at PCI address 0000:00:1f.0" "$ENODEV" '*' \
		"$CMD_GPU_SET" "$A_GPU_ADDRESS:str:0000:00:1f.0" "$A_GPU_NODE:u32:0"
	soft raw_refuses "GPU index 2 is out of range (2 GPUs)" "$ERANGE" '*' \
		"$CMD_GPU_SET" "$A_GPU_INDEX:u32:2" "$A_GPU_NODE:u32:0"
	# node is an s32 from -1 to the highest node id (1023).
	soft raw_refuses "integer out of range" "$ERANGE" "$A_GPU_NODE" \
		"$CMD_GPU_SET" "$A_GPU_INDEX:u32:$i1" "$A_GPU_NODE:u32:0xfffffffe"
	soft raw_refuses "integer out of range" "$ERANGE" "$A_GPU_NODE" \
		"$CMD_GPU_SET" "$A_GPU_INDEX:u32:$i1" "$A_GPU_NODE:u32:1024"
	world >"$KTAP_TMP/world.after"
	if ! diff -u "$KTAP_TMP/world.before" "$KTAP_TMP/world.after" >"$KTAP_TMP/world.diff"; then
		sed 's/^/# /' "$KTAP_TMP/world.diff"
		echo "the refused GPU_SETs changed something" >>"$KTAP_TMP/soft"
	fi
	# The tool's own checks: a node that is not a number or auto.
	for bad in "--node x" "--node" ""; do
		rc=0
		# shellcheck disable=SC2086 # the options
		aisched gpus set "$i1" $bad >/dev/null 2>&1 || rc=$?
		soft assert_eq "$rc" 2 "aisched gpus set $i1 $bad: exit status"
	done
	soft_end
}

# Reading needs no privilege; setting a node needs CAP_SYS_ADMIN.
test_unprivileged() {
	trap gpus_reset EXIT
	assert_eq "$(asuser 65534 gpuq dump)" "$(gpuq dump)" "GPU_GET dump as nobody"
	assert_eq "$(asuser 65534 aisched gpus)" "$(aisched gpus)" "aisched gpus as nobody"
	before=$(gpuq dump)
	for args in "gpus set $GPU1 --node 0" "gpus set 0 --node auto"; do
		rc=0
		# shellcheck disable=SC2086 # the arguments
		asuser 65534 aisched $args >/dev/null 2>"$KTAP_TMP/err" || rc=$?
		assert_eq "$rc" 1 "nobody: aisched $args exit status ($(cat "$KTAP_TMP/err"))"
		assert_eq "$(cat "$KTAP_TMP/err")" \
			"aisched: kernel: changing a GPU's node needs CAP_SYS_ADMIN" "nobody: aisched $args"
	done
	rc=0
	asuser 65534 nl_raw "$CMD_GPU_SET" "$A_GPU_INDEX:u32:0" "$A_GPU_NODE:u32:1" \
		>"$KTAP_TMP/out" 2>&1 || rc=$?
	assert_eq "$rc" 1 "nobody: GPU_SET exit status"
	assert_match "$(cat "$KTAP_TMP/out")" "*rejected error=-$EPERM *" "nobody: GPU_SET errno"
	assert_eq "$(gpuq dump)" "$before" "GPUs after the refusals"
}

ktap_begin 11
run_case test_feature_bit
run_case test_dump_matches_sysfs
run_case test_get_by_index_and_address
run_case test_tool_table
run_case test_tool_json
run_case test_override
run_case test_hotplug
run_case test_override_survives_replug
run_case test_get_refusals
run_case test_set_refusals
run_case test_unprivileged
ktap_end
