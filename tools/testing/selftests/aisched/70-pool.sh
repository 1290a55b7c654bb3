#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The huge-page pool's sizing: the pool parameter reserves 2 MiB pages per
# node at load (the node's free memory drops by as much, and comes back at
# unload); POOL_GET (do and dump) and `aisched pool` (table and JSON) show
# every node with memory, the capacity being the node's memory; POOL_SET
# and `aisched pool set` grow and shrink a node's pool, a grow the node
# cannot meet in full holding what it got, with the tool's warning; every
# bad parameter refuses the load, naming the pair in the kernel log; every
# bad request is refused with its message, changing nothing; POOL_SET needs
# CAP_SYS_ADMIN, POOL_GET does not. The file ends with the module loaded
# plainly. The parser's every path is KUnit's (aisched_pool); here fewer
# parameters on the debug kernel, where each load takes seconds.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

EPERM=1 EINVAL=22 ERANGE=34
CMD_POOL_GET=9 CMD_POOL_SET=10
A_POOL_NODE=1 A_POOL_PAGES=2
# A reply's attributes: node, total, free, reserved, in-use, capacity, held.
REPLY_ATTRS=1,3,4,5,6,7,8
NODES=/sys/devices/system/node
PARAM=/sys/module/aisched/parameters/pool
# A node's free memory moves by a few MiB on its own, by more on the debug
# kernel: what a test gives back must come back within this, in kB.
MARGIN=$(scaled 8192 16384)

cleanup() {
	modprobe -r aisched 2>/dev/null
	modprobe aisched
}

# load_with PARAM: the module reloaded with pool=PARAM.
load_with() {
	modprobe -r aisched || fail "modprobe -r aisched failed"
	modprobe aisched "pool=$1" 2>"$KTAP_TMP/err" ||
		fail "modprobe aisched pool=$1 failed: $(cat "$KTAP_TMP/err")"
	assert_eq "$(cat "$PARAM")" "$1" "$PARAM"
}

# load_plain: the module reloaded without a pool.
load_plain() {
	modprobe -r aisched || fail "modprobe -r aisched failed"
	modprobe aisched || fail "modprobe aisched failed"
}

# memfree NODE: the node's free memory in kB: its MemFree (sysfs) and the
# pages on the per-CPU free lists of its zones (/proc/zoneinfo), which
# MemFree leaves out, and where pages given back wait, 2 MiB ones too.
memfree() {
	awk -v node="$1" -v meminfo="$NODES/node$1/meminfo" '
		/^Node / { here = ($2 == node ",") }
		here && $1 == "count:" { pcp += $2 }
		END {
			while ((getline line < meminfo) > 0) {
				split(line, w)
				if (w[3] == "MemFree:") free = w[4]
			}
			if (free == "") exit 1
			print free + pcp * 4
		}' /proc/zoneinfo || fail "no MemFree for node $1"
}

# memfree_at_least NODE KB: true if the node's free memory is KB or more. For
# wait_until: on the debug kernel the node's free memory swings by tens of MiB
# (KASAN's quarantine, kmemleak), and comes back within seconds.
memfree_at_least() {
	[ "$(memfree "$1")" -ge "$2" ]
}

# memtotal NODE: the node's MemTotal in kB (the pages its allocator
# manages), from sysfs.
memtotal() {
	sed -n "s/^Node $1 MemTotal: *\([0-9]*\) kB\$/\1/p" "$NODES/node$1/meminfo"
}

# mem_nodes: the nodes with memory, from sysfs, one a line.
mem_nodes() {
	tr , '\n' <"$NODES/has_memory" | while IFS=- read -r _a _b; do
		seq "$_a" "${_b:-$_a}"
	done
}

# json_objects: the objects of a JSON array on stdin, one a line.
json_objects() {
	awk '{ gsub(/\}, *\{/, "}\n{"); print }' | sed 's/^ *\[ *//; s/ *\] *$//; /^$/d'
}

# json_row OBJECT: a flat JSON object of numbers as the words
# "node total free reserved in_use held capacity", in that order; fails on
# any other key.
json_row() {
	printf '%s\n' "$1" | sed 's/^ *{//; s/} *$//; s/, *"/\n"/g; s/": */=/g; s/"//g' \
		>"$KTAP_TMP/kv"
	_jr_keys=$(sed 's/=.*//' "$KTAP_TMP/kv" | LC_ALL=C sort | tr '\n' ' ')
	assert_eq "$_jr_keys" "capacity free held in_use node reserved total " "keys of $1"
	for _jr_k in node total free reserved in_use held capacity; do
		sed -n "s/^$_jr_k=//p" "$KTAP_TMP/kv"
	done | tr '\n' ' ' | sed 's/ $//'
}

# pool_rows: the pool as `aisched pool --json` gives it, one row (as
# json_row) per node.
pool_rows() {
	aisched pool --json >"$KTAP_TMP/json" || fail "aisched pool --json failed"
	json_objects <"$KTAP_TMP/json" >"$KTAP_TMP/objs"
	while IFS= read -r _pr_o; do
		json_row "$_pr_o"
		echo
	done <"$KTAP_TMP/objs"
}

# pool_of NODE: sets TOTAL FREE RESERVED IN_USE HELD CAPACITY to the node's
# figures.
pool_of() {
	pool_rows >"$KTAP_TMP/rows"
	_po_row=$(grep "^$1 " "$KTAP_TMP/rows") || fail "node $1 not in aisched pool --json"
	# shellcheck disable=SC2086 # the words of the row
	set -- $_po_row
	TOTAL=$2 FREE=$3 RESERVED=$4 IN_USE=$5 HELD=$6 CAPACITY=$7
}

# assert_pool NODE TOTAL FREE WHAT: the node's pool holds TOTAL pages, FREE
# of them free, none reserved, in use or held; and POOL_GET's reply has its
# seven attributes.
assert_pool() {
	pool_of "$1"
	assert_eq "$TOTAL/$FREE/$RESERVED/$IN_USE/$HELD" "$2/$3/0/$(($2 - $3))/0" \
		"$4: node $1 total/free/reserved/in use/held"
	assert_eq "$(nl_raw "$CMD_POOL_GET" "$A_POOL_NODE:u32:$1")" \
		"reply cmd=$CMD_POOL_GET attrs=$REPLY_ATTRS" "$4: POOL_GET node $1 reply"
}

# capacity NODE: what the kernel's capacity of the node must be, its
# managed memory in 2 MiB pages.
capacity() {
	echo $(($(memtotal "$1") / 2048))
}

# pool_set NODE PAGES: `aisched pool set`, which must succeed; its stdout
# in $KTAP_TMP/set.out, its stderr in $KTAP_TMP/set.err.
pool_set() {
	aisched pool set --node "$1" --pages "$2" >"$KTAP_TMP/set.out" 2>"$KTAP_TMP/set.err" ||
		fail "aisched pool set --node $1 --pages $2 failed: $(cat "$KTAP_TMP/set.err")"
}

# table_rows: the rows of `aisched pool`, numbers joined by one space,
# after checking its header and its last line.
table_rows() {
	aisched pool >"$KTAP_TMP/table" || fail "aisched pool failed"
	assert_eq "$(head -n 1 "$KTAP_TMP/table" | awk '{ $1 = $1; print }')" \
		"node total free reserved in use held capacity" "aisched pool header"
	assert_eq "$(tail -n 1 "$KTAP_TMP/table")" "(2 MiB pages)" "aisched pool last line"
	sed '1d; $d' "$KTAP_TMP/table" | awk '{ $1 = $1; print }'
}

# pool=1:16 at load: 16 pages, all free, on node 1 alone; node 1's free memory
# drops by 32 MiB at least, and the unload gives it back.
test_load_param() {
	load_plain
	before=$(memfree 1)
	klog_mark
	load_with 1:16
	after=$(memfree 1)
	assert_pool 1 16 16 "pool=1:16"
	assert_pool 0 0 0 "pool=1:16"
	klog_since |
		grep 'aisched: pool' >"$KTAP_TMP/log" || true
	assert_eq "$(cat "$KTAP_TMP/log")" "aisched: pool: node 1: 16 2 MiB pages reserved" \
		"kernel log of pool=1:16"
	ktap_diag "node 1 free memory: $before kB, with pool=1:16 $after kB"
	# Other allocations come and go meanwhile (the debug kernel's more
	# than the stock one's): 32 MiB within the margin.
	[ "$((before - after))" -ge "$((32768 - MARGIN))" ] ||
		fail "node 1 free memory dropped by $((before - after)) kB, not 32768"
	after=$(memfree 1)
	modprobe -r aisched || fail "modprobe -r aisched failed"
	wait_until 5 memfree_at_least 1 "$((after + 32768 - MARGIN))" || true
	back=$(memfree 1)
	ktap_diag "node 1 free memory: $after kB before the unload, $back kB after"
	[ "$back" -ge "$((after + 32768 - MARGIN))" ] ||
		fail "the unload gave node 1 back $((back - after)) kB, not 32768"
	modprobe aisched || fail "modprobe aisched failed"
	assert_pool 1 0 0 "a plain load after pool=1:16"
}

# POOL_GET's dump: a row per node with memory, in node order, capacity the
# node's memory; the table and JSON say the same; nl_raw sees one reply
# per node, with the seven attributes.
test_dump() {
	load_with 0:2,1:3
	pool_rows >"$KTAP_TMP/rows"
	for n in $(mem_nodes); do
		t=$((n + 2))
		echo "$n $t $t 0 0 0 $(capacity "$n")"
	done >"$KTAP_TMP/want"
	if ! diff -u "$KTAP_TMP/want" "$KTAP_TMP/rows" >"$KTAP_TMP/diff"; then
		sed 's/^/# /' "$KTAP_TMP/diff"
		fail "aisched pool --json differs (- expected, + printed)"
	fi
	table_rows >"$KTAP_TMP/trows"
	if ! diff -u "$KTAP_TMP/rows" "$KTAP_TMP/trows" >"$KTAP_TMP/diff"; then
		sed 's/^/# /' "$KTAP_TMP/diff"
		fail "aisched pool's table differs from its JSON (- JSON, + table)"
	fi
	nl_raw --dump "$CMD_POOL_GET" >"$KTAP_TMP/raw" || fail "POOL_GET dump failed"
	for n in $(mem_nodes); do
		echo "reply cmd=$CMD_POOL_GET attrs=$REPLY_ATTRS"
	done >"$KTAP_TMP/want"
	assert_eq "$(cat "$KTAP_TMP/raw")" "$(cat "$KTAP_TMP/want")" "nl_raw POOL_GET dump"
	assert_eq "$(cat "$PARAM")" 0:2,1:3 "$PARAM"
}

# `aisched pool set` grows and shrinks the pool to the size asked, printing
# the node's row (or object); POOL_SET replies with the seven attributes.
test_grow_shrink() {
	load_plain
	for p in $(scaled "8 3 5 0" "8 3 0"); do
		pool_set 1 "$p"
		assert_eq "$(cat "$KTAP_TMP/set.err")" "" "aisched pool set --pages $p: stderr"
		assert_eq "$(head -n 1 "$KTAP_TMP/set.out" | awk '{ $1 = $1; print }')" \
			"node total free reserved in use held capacity" "aisched pool set --pages $p: header"
		assert_eq "$(sed -n 2p "$KTAP_TMP/set.out" | awk '{ $1 = $1; print }')" \
			"1 $p $p 0 0 0 $(capacity 1)" "aisched pool set --pages $p: row"
		assert_pool 1 "$p" "$p" "after aisched pool set --pages $p"
	done
	aisched pool set --node 0 --pages 2 --json >"$KTAP_TMP/out" ||
		fail "aisched pool set --node 0 --pages 2 --json failed"
	assert_eq "$(json_row "$(cat "$KTAP_TMP/out")")" "0 2 2 0 0 0 $(capacity 0)" \
		"aisched pool set --node 0 --pages 2 --json"
	assert_eq "$(nl_raw "$CMD_POOL_SET" "$A_POOL_NODE:u32:0" "$A_POOL_PAGES:u32:1")" \
		"reply cmd=$CMD_POOL_SET attrs=$REPLY_ATTRS" "POOL_SET node 0 pages 1 reply"
	assert_pool 0 1 1 "after POOL_SET node 0 pages 1"
	assert_pool 1 0 0 "after POOL_SET node 0 pages 1"
	pool_set 0 0
}

# The whole of node 1's memory: the node cannot give it (the kernel and
# the tests use some), the pool holds what it got, and the tool says so;
# shrunk to 0, the node's free memory comes back. The same asked at load is
# logged, and the load goes on.
test_partial_grow() {
	load_plain
	cap=$(capacity 1)
	before=$(memfree 1)
	rc=0
	aisched pool set --node 1 --pages "$cap" >"$KTAP_TMP/out" 2>"$KTAP_TMP/err" || rc=$?
	pool_of 1
	got=$TOTAL
	ktap_diag "node 1: $got of $cap pages; free memory $before kB, then $(memfree 1) kB"
	assert_eq "$rc" 0 "aisched pool set --pages $cap (all of node 1): exit status"
	[ "$got" -gt 0 ] && [ "$got" -lt "$cap" ] || fail "node 1 holds $got of $cap pages"
	assert_eq "$FREE/$RESERVED/$IN_USE/$HELD/$CAPACITY" "$got/0/0/0/$cap" \
		"node 1 free/reserved/in use/held/capacity"
	assert_eq "$(cat "$KTAP_TMP/err")" \
		"aisched: node 1: the pool holds $got of the $cap pages asked for" "the tool's warning"
	assert_eq "$(sed -n 2p "$KTAP_TMP/out" | awk '{ $1 = $1; print }')" "1 $got $got 0 0 0 $cap" \
		"the row printed"
	pool_set 1 0
	wait_until 5 memfree_at_least 1 "$((before - MARGIN))" || true
	back=$(memfree 1)
	assert_eq "$(cat "$KTAP_TMP/set.err")" "" "aisched pool set --pages 0: stderr"
	assert_pool 1 0 0 "shrunk to 0"
	ktap_diag "node 1 free memory after the shrink: $back kB"
	[ "$back" -ge "$((before - MARGIN))" ] ||
		fail "node 1 free memory $back kB after the shrink, $before kB before the grow"

	klog_mark
	load_with "1:$cap"
	pool_of 1
	klog_since |
		grep 'aisched: pool' >"$KTAP_TMP/log" || true
	ktap_diag "pool=1:$cap: $TOTAL pages"
	[ "$TOTAL" -gt 0 ] && [ "$TOTAL" -lt "$cap" ] || fail "pool=1:$cap: node 1 holds $TOTAL"
	assert_eq "$FREE" "$TOTAL" "pool=1:$cap: free"
	assert_eq "$(cat "$KTAP_TMP/log")" "aisched: pool: node 1: got $TOTAL of $cap 2 MiB pages" \
		"kernel log of pool=1:$cap"
	modprobe -r aisched || fail "modprobe -r aisched failed"
	wait_until 5 memfree_at_least 1 "$((before - MARGIN))" || true
	back=$(memfree 1)
	ktap_diag "node 1 free memory after the unload: $back kB"
	[ "$back" -ge "$((before - MARGIN))" ] ||
		fail "node 1 free memory $back kB after the unload, $before kB before"
	modprobe aisched || fail "modprobe aisched failed"
}

# Every malformed parameter refuses the load (nothing of the module is
# left), the kernel log naming the pair and why, and reserves nothing.
test_malformed() {
	modprobe -r aisched
	before=$(memfree 1)
	# PARAMETER|THE PAIR NAMED|WHY ("_" for a space)
	cases="1:8,||empty_pair 1:x|1:x|node_and_pages_must_be_decimal_numbers
		1:8,1:4|1:4|node_given_twice 1:99999|1:99999|more_than_the_node's_memory"
	[ "$SLOW_KERNEL" = 1 ] || cases="$cases 1|1|expected_node:pages
		2:1|2:1|no_such_node 0:1,,1:1||empty_pair 1:0x10|1:0x10|node_and_pages_must_be_decimal_numbers
		-1:1|-1:1|node_and_pages_must_be_decimal_numbers
		+1:1|+1:1|node_and_pages_must_be_decimal_numbers 1:|1:|node_and_pages_must_be_decimal_numbers
		:1|:1|node_and_pages_must_be_decimal_numbers 1:1:1|1:1:1|node_and_pages_must_be_decimal_numbers
		1:00000000000000000000000000000001|=31|too_long_for_node:pages
		0:4294967296|0:4294967296|more_than_the_node's_memory
		1:18446744073709551616|1:18446744073709551616|node_and_pages_must_be_decimal_numbers"
	for c in $cases; do
		param=${c%%|*} bad=${c#*|}
		why=$(echo "${bad#*|}" | tr _ ' ') bad=${bad%|*}
		# =31: the parameter's first 31 characters (the log's buffer)
		[ "$bad" != =31 ] || bad=$(printf '%.31s' "$param")
		klog_mark
		rc=0
		modprobe aisched "pool=$param" >/dev/null 2>&1 || rc=$?
		if [ "$rc" = 0 ]; then
			soft fail "pool=$param: the module loaded"
			modprobe -r aisched
			continue
		fi
		[ ! -d /sys/module/aisched ] || soft fail "pool=$param: /sys/module/aisched is there"
		# busybox's modprobe tries twice (finit_module, then init_module):
		# one line or more, each naming the pair.
		klog_since |
			grep 'aisched: pool' >"$KTAP_TMP/log" || true
		[ -s "$KTAP_TMP/log" ] || soft fail "pool=$param: no kernel log line"
		while IFS= read -r line; do
			soft assert_eq "$line" "aisched: pool: bad pair '$bad': $why" \
				"pool=$param: kernel log"
		done <"$KTAP_TMP/log"
	done
	wait_until 5 memfree_at_least 1 "$((before - MARGIN))" || true
	after=$(memfree 1)
	[ "$after" -ge "$((before - MARGIN))" ] ||
		soft fail "node 1 free memory $after kB after the refusals, $before kB before"
	modprobe aisched || soft fail "the module does not load after the refusals"
	soft assert_pool 1 0 0 "after the refusals"
	soft_end
}

# The state the refusals must leave alone.
world() {
	aisched pool --json
	aisched pool
}

# Every bad POOL_SET or POOL_GET, through the tool and nl_raw, is refused
# with its message and changes nothing; the tool's own checks exit 2.
test_bad_requests() {
	load_with 1:4
	cap=$(capacity 1)
	world >"$KTAP_TMP/world.before"
	soft tool_refuses "node 1 holds at most $cap 2 MiB pages; $((cap + 1)) is more" \
		pool set --node 1 --pages "$((cap + 1))"
	soft tool_refuses "node 2 is not online" pool set --node 2 --pages 1
	soft tool_refuses "node 1023 is not online" pool set --node 1023 --pages 0
	# POOL_SET
	soft raw_refuses "missing node" "$EINVAL" - "$CMD_POOL_SET" "$A_POOL_PAGES:u32:1"
	soft raw_refuses "missing pages" "$EINVAL" - "$CMD_POOL_SET" "$A_POOL_NODE:u32:1"
	soft raw_refuses "node 2 is not online" "$EINVAL" - \
		"$CMD_POOL_SET" "$A_POOL_NODE:u32:2" "$A_POOL_PAGES:u32:1"
	soft raw_refuses "node 1 holds at most $cap 2 MiB pages; 4294967295 is more" "$EINVAL" - \
		"$CMD_POOL_SET" "$A_POOL_NODE:u32:1" "$A_POOL_PAGES:u32:0xffffffff"
	soft raw_refuses "integer out of range" "$ERANGE" "$A_POOL_NODE" \
		"$CMD_POOL_SET" "$A_POOL_NODE:u32:1024" "$A_POOL_PAGES:u32:1"
	soft raw_refuses "invalid attribute length" "$EINVAL" "$A_POOL_PAGES" \
		"$CMD_POOL_SET" "$A_POOL_NODE:u32:1" "$A_POOL_PAGES:u8:1"
	# POOL_GET
	soft raw_refuses "missing node" "$EINVAL" - "$CMD_POOL_GET"
	soft raw_refuses "node 2 is not online" "$EINVAL" - "$CMD_POOL_GET" "$A_POOL_NODE:u32:2"
	soft raw_refuses "integer out of range" "$ERANGE" "$A_POOL_NODE" \
		"$CMD_POOL_GET" "$A_POOL_NODE:u32:1024"
	soft raw_refuses "invalid attribute length" "$EINVAL" "$A_POOL_NODE" \
		"$CMD_POOL_GET" "$A_POOL_NODE:u8:1"
	soft raw_refuses "a pool dump lists every node; it takes no node" "$EINVAL" - \
		--dump "$CMD_POOL_GET" "$A_POOL_NODE:u32:0"
	# The tool's own checks: usage errors, the kernel never asked.
	for bad in "--node 1" "--pages 1" "--node 1 --pages x" "--node 1 --pages -1" \
		"--node x --pages 1" "--node 1 --pages 1 extra" "--node 1 --pages 4294967296"; do
		rc=0
		# shellcheck disable=SC2086 # the options
		aisched pool set $bad >/dev/null 2>"$KTAP_TMP/err" || rc=$?
		soft assert_eq "$rc" 2 "aisched pool set $bad: exit status ($(cat "$KTAP_TMP/err"))"
	done
	rc=0
	aisched pool --node 1 >/dev/null 2>&1 || rc=$?
	soft assert_eq "$rc" 2 "aisched pool --node 1: exit status"
	world >"$KTAP_TMP/world.after"
	if ! diff -u "$KTAP_TMP/world.before" "$KTAP_TMP/world.after" >"$KTAP_TMP/world.diff"; then
		sed 's/^/# /' "$KTAP_TMP/world.diff"
		echo "the refused requests changed the pool" >>"$KTAP_TMP/soft"
	fi
	soft assert_pool 1 4 4 "after the refusals"
	soft_end
}

# Reading needs no privilege; changing the pool needs CAP_SYS_ADMIN, asked
# before anything else of the request.
test_unprivileged() {
	load_with 1:2
	assert_eq "$(asuser 65534 aisched pool)" "$(aisched pool)" "aisched pool as nobody"
	assert_eq "$(asuser 65534 aisched pool --json)" "$(aisched pool --json)" \
		"aisched pool --json as nobody"
	assert_eq "$(asuser 65534 nl_raw "$CMD_POOL_GET" "$A_POOL_NODE:u32:1")" \
		"reply cmd=$CMD_POOL_GET attrs=$REPLY_ATTRS" "POOL_GET as nobody"
	before=$(world)
	for args in "pool set --node 1 --pages 8" "pool set --node 1 --pages 0" \
		"pool set --node 2 --pages 1"; do
		rc=0
		# shellcheck disable=SC2086 # the arguments
		asuser 65534 aisched $args >/dev/null 2>"$KTAP_TMP/err" || rc=$?
		assert_eq "$rc" 1 "nobody: aisched $args exit status ($(cat "$KTAP_TMP/err"))"
		assert_eq "$(cat "$KTAP_TMP/err")" \
			"aisched: kernel: changing the pool needs CAP_SYS_ADMIN" "nobody: aisched $args"
	done
	for attrs in "$A_POOL_NODE:u32:1 $A_POOL_PAGES:u32:8" ""; do
		rc=0
		# shellcheck disable=SC2086 # the attributes
		asuser 65534 nl_raw "$CMD_POOL_SET" $attrs >"$KTAP_TMP/out" 2>"$KTAP_TMP/err" || rc=$?
		assert_eq "$rc" 1 "nobody: POOL_SET $attrs exit status"
		assert_eq "$(cat "$KTAP_TMP/err")" \
			"aisched: kernel: changing the pool needs CAP_SYS_ADMIN" "nobody: POOL_SET $attrs"
		assert_match "$(cat "$KTAP_TMP/out")" "rejected error=-$EPERM *" \
			"nobody: POOL_SET $attrs errno"
	done
	assert_eq "$(world)" "$before" "the pool after the refusals"
	assert_pool 1 2 2 "after the refusals"
}

ktap_begin 7
run_case test_load_param
run_case test_dump
run_case test_grow_shrink
run_case test_partial_grow
run_case test_malformed
run_case test_bad_requests
run_case test_unprivileged
ktap_end
