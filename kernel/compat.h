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

#include <linux/mm.h>
#include <linux/netlink.h>
#include <linux/pci_ids.h>
#include <linux/sched.h>

/*
 * pfn_t and its header went in Linux 6.17: PFN-mapping helpers take a pfn.
 * Kbuild looks for the header.
 */
#ifdef AISCHED_HAVE_PFN_T
#include <linux/pfn_t.h>
#define aisched_pfn_arg(pfn)		pfn_to_pfn_t(pfn)
#else
#define aisched_pfn_arg(pfn)		(pfn)
#endif

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

/*
 * vm_flags became read-only in Linux 6.3, set through vm_flags_set(), an
 * inline function: Kbuild looks for it in the kernel's headers.
 */
#ifdef AISCHED_HAVE_VM_FLAGS_SET
#define aisched_vm_flags_set(vma, flags)	vm_flags_set(vma, flags)
#else
static inline void aisched_vm_flags_set(struct vm_area_struct *vma,
					vm_flags_t flags)
{
	vma->vm_flags |= flags;
}
#endif

/*
 * nth_page() went in Linux 6.18: the pages of a folio are contiguous in
 * the memory map on every kernel that dropped it.
 */
#ifndef nth_page
#define nth_page(page, n)		((page) + (n))
#endif

/*
 * no_llseek, NULL since Linux 6.0, went in 6.12: a file without ->llseek
 * cannot seek (ESPIPE) on every kernel the module supports.
 */
#ifndef no_llseek
#define no_llseek			NULL
#endif

/*
 * EEVDF custom slices (Linux 6.12): sched_setattr()'s sched_runtime sets
 * the slice of a normal or batch task, 0 gives it back the default slice.
 * Kbuild looks for custom_slice in struct sched_entity.
 * aisched_task_slice() is a task's own slice in ns, 0 for the default;
 * it reads without a lock, as task_nice() does.
 */
#ifdef AISCHED_HAVE_CUSTOM_SLICE
static inline bool aisched_have_custom_slice(void)
{
	return true;
}

static inline u64 aisched_task_slice(struct task_struct *p)
{
	return READ_ONCE(p->se.custom_slice) ? READ_ONCE(p->se.slice) : 0;
}
#else
static inline bool aisched_have_custom_slice(void)
{
	return false;
}

static inline u64 aisched_task_slice(struct task_struct *p)
{
	return 0;
}
#endif

/* ->huge_fault() took an enum page_entry_size before 6.6, an order since. */
#ifdef AISCHED_HAVE_PAGE_ENTRY_SIZE
#define aisched_huge_fault_t		enum page_entry_size
#define AISCHED_HUGE_FAULT_PMD		PE_SIZE_PMD
#else
#define aisched_huge_fault_t		unsigned int
#define AISCHED_HUGE_FAULT_PMD		PMD_ORDER
#endif

/* Maps @pfn, the head of a 2 MiB page, with a PMD entry at the fault. */
static inline vm_fault_t aisched_insert_pfn_pmd(struct vm_fault *vmf,
						unsigned long pfn, bool write)
{
	return vmf_insert_pfn_pmd(vmf, aisched_pfn_arg(pfn), write);
}

#endif /* _AISCHED_COMPAT_H */
