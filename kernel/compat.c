// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: implementations behind compat.h for older kernels.
 */

#include <kunit/visibility.h>
#include <linux/atomic.h>
#include <linux/kernel.h>

#include "compat.h"

#ifdef AISCHED_COMPAT_MSG_SLOTS
static char aisched_compat_msgs[AISCHED_COMPAT_MSG_SLOTS][AISCHED_COMPAT_MSG_LEN];
static atomic_t aisched_compat_msg_next = ATOMIC_INIT(0);

/**
 * aisched_compat_fmt_msg() - format an extack message on kernels before 6.3
 * @fmt: printf format
 *
 * Context: any context.
 * Return: the formatted message, truncated to AISCHED_COMPAT_MSG_LEN - 1
 * characters, valid until AISCHED_COMPAT_MSG_SLOTS later calls.
 */
const char *aisched_compat_fmt_msg(const char *fmt, ...)
{
	unsigned int slot = (unsigned int)atomic_inc_return(&aisched_compat_msg_next);
	char *msg = aisched_compat_msgs[slot % AISCHED_COMPAT_MSG_SLOTS];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, AISCHED_COMPAT_MSG_LEN, fmt, args);
	va_end(args);
	return msg;
}
EXPORT_SYMBOL_IF_KUNIT(aisched_compat_fmt_msg);
#endif
