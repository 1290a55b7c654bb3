#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The family as the kernel reports it agrees with the spec, and malformed
# requests are refused with an extack message that the tool's error path
# prints. nl_raw sends hand-made requests through the tool's netlink code.
set -eu
. "$(dirname "$0")/lib.sh"

CMD_GET_INFO=1
CMD_NODE_GET=2
A_NODE_ID=1

# expect_refusal MESSAGE BAD_ATTR NL_RAW_ARGS...: the request must be refused
# with exactly "aisched: kernel: MESSAGE", blaming BAD_ATTR ("-" for none).
expect_refusal() {
	msg=$1 bad=$2
	shift 2
	rc=0
	nl_raw "$@" >"$KTAP_TMP/out" 2>"$KTAP_TMP/err" || rc=$?
	assert_eq "$rc" 1 "nl_raw $* exit status"
	assert_eq "$(cat "$KTAP_TMP/err")" "aisched: kernel: $msg" "nl_raw $* message"
	grep -q "bad_attr=$bad " "$KTAP_TMP/out" ||
		fail "nl_raw $*: expected bad_attr=$bad in: $(cat "$KTAP_TMP/out")"
}

test_policy_matches_spec() {
	nl_policy aisched | LC_ALL=C sort >"$KTAP_TMP/kernel"
	if ! diff -u "$AISCHED_BINDIR/aisched.policy" "$KTAP_TMP/kernel" >"$KTAP_TMP/diff"; then
		sed 's/^/# /' "$KTAP_TMP/diff"
		fail "the kernel's policy differs from the spec (- spec, + kernel)"
	fi
}

test_well_formed_request_is_accepted() {
	out=$(nl_raw $CMD_NODE_GET $A_NODE_ID:u32:0)
	assert_eq "$out" "reply cmd=$CMD_NODE_GET attrs=1,3,2" "reply"
}

test_unknown_attribute() {
	expect_refusal "Unknown attribute type" 99 $CMD_NODE_GET $A_NODE_ID:u32:0 99:u32:1
}

# The netlink core's own words, which changed after 6.1: a command without
# a policy now calls every attribute unknown. Either way the attribute is
# refused and named.
test_attribute_on_command_without_attributes() {
	msg="Attribute failed policy validation"
	nl_raw $CMD_GET_INFO 1:u32:0 2>&1 >/dev/null | grep -q "Unknown attribute type" &&
		msg="Unknown attribute type"
	expect_refusal "$msg" 1 $CMD_GET_INFO 1:u32:0
}

test_wrong_length() {
	expect_refusal "invalid attribute length" $A_NODE_ID $CMD_NODE_GET $A_NODE_ID:u8:0
}

test_wrong_type_string_for_u32() {
	expect_refusal "invalid attribute length" $A_NODE_ID $CMD_NODE_GET $A_NODE_ID:str:node0
}

test_wrong_type_nested_for_u32() {
	# The node id, flagged as a nest (NLA_F_NESTED is bit 15 of the type).
	expect_refusal "NLA_F_NESTED not expected" $A_NODE_ID $CMD_NODE_GET \
		$((0x8000 | A_NODE_ID)):u32:0
}

test_out_of_range() {
	expect_refusal "integer out of range" $A_NODE_ID $CMD_NODE_GET $A_NODE_ID:u32:1024
}

test_missing_attribute() {
	expect_refusal "missing node id" - $CMD_NODE_GET
	grep -q "miss_type=$A_NODE_ID " "$KTAP_TMP/out" ||
		fail "missing attribute type not reported: $(cat "$KTAP_TMP/out")"
}

ktap_begin 9
run_case test_policy_matches_spec
run_case test_well_formed_request_is_accepted
run_case test_unknown_attribute
run_case test_attribute_on_command_without_attributes
run_case test_wrong_length
run_case test_wrong_type_string_for_u32
run_case test_wrong_type_nested_for_u32
run_case test_out_of_range
run_case test_missing_attribute
ktap_end
