/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * aisched generic-netlink interface.
 *
 * Follows Documentation/netlink/specs/aisched.yaml, which is the definition;
 * tools/testing/spec/check_spec.py fails if the two disagree. Values are
 * pinned and only ever appended.
 */

#ifndef _UAPI_LINUX_AISCHED_H
#define _UAPI_LINUX_AISCHED_H

#define AISCHED_FAMILY_NAME	"aisched"
#define AISCHED_FAMILY_VERSION	1

#define AISCHED_MAX_NODE_ID	1023

enum {
	AISCHED_A_INFO_VERSION = 1,
	AISCHED_A_INFO_ABI_VERSION = 2,
	AISCHED_A_INFO_FEATURES = 3,
	AISCHED_A_INFO_NODE = 4,
	AISCHED_A_INFO_PAD = 5,

	__AISCHED_A_INFO_MAX,
	AISCHED_A_INFO_MAX = (__AISCHED_A_INFO_MAX - 1)
};

enum {
	AISCHED_A_NODE_ID = 1,
	AISCHED_A_NODE_CPUS = 2,
	AISCHED_A_NODE_MEM_TOTAL = 3,
	AISCHED_A_NODE_PAD = 4,

	__AISCHED_A_NODE_MAX,
	AISCHED_A_NODE_MAX = (__AISCHED_A_NODE_MAX - 1)
};

enum {
	AISCHED_CMD_GET_INFO = 1,
	AISCHED_CMD_NODE_GET = 2,

	__AISCHED_CMD_MAX,
	AISCHED_CMD_MAX = (__AISCHED_CMD_MAX - 1)
};

#define AISCHED_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_AISCHED_H */
