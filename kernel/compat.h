/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: differences between the kernels the module supports.
 *
 * Every version difference lives here, detected by the feature itself
 * (a macro, a symbol) rather than by version number wherever possible,
 * so the rest of the module is written against one API.
 */

#ifndef _AISCHED_COMPAT_H
#define _AISCHED_COMPAT_H

#include <linux/netlink.h>
#include <linux/pci_ids.h>

/* PCI class 0x12 (processing accelerators) got its names in Linux 6.2. */
#ifndef PCI_CLASS_ACCELERATOR_PROCESSING
#define PCI_CLASS_ACCELERATOR_PROCESSING	0x1200
#endif

/*
 * NL_SET_ERR_MSG_FMT() (Linux 6.3) formats into a buffer inside the extack.
 * Before 6.3 the extack holds only a pointer, and the message must stay
 * valid until netlink_ack() has copied it, after the handler returned.
 * aisched_compat_fmt_msg() formats into one slot of a static ring: a slot
 * is reused only after AISCHED_COMPAT_MSG_SLOTS further messages, and its
 * last byte is never anything but NUL, so even a reader that races with a
 * reuse reads a terminated string within the slot.
 */
#ifndef NL_SET_ERR_MSG_FMT
#define AISCHED_COMPAT_MSG_LEN		80
#define AISCHED_COMPAT_MSG_SLOTS	64

const char *aisched_compat_fmt_msg(const char *fmt, ...) __printf(1, 2);

#define NL_SET_ERR_MSG_FMT(extack, fmt, args...) do {			\
	struct netlink_ext_ack *__extack = (extack);			\
									\
	if (__extack)							\
		__extack->_msg = aisched_compat_fmt_msg(fmt, ##args);	\
} while (0)
#endif

#endif /* _AISCHED_COMPAT_H */
