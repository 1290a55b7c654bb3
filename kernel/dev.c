// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: /dev/aisched, which maps pool memory.
 *
 * A task whose cgroup (or nearest tagged ancestor) holds a quota maps a
 * multiple of 2 MiB with MAP_SHARED. The pages are charged to the quota at
 * mmap, so running over it is ENOMEM there and never a SIGBUS later. Each
 * 2 MiB of the area gets one pool page of the quota's node at its first
 * fault, zeroed, mapped with one PMD entry. The pages go back to the pool
 * when the last mapping of the area goes (munmap, exit, kill); a fork
 * shares them.
 *
 * How a 2 MiB page is mapped depends on the kernel (kapi.h):
 *
 * - With vmf_insert_folio_pmd() (Linux 6.15, or 6.1 with patches/0004) the
 *   area is a normal mapping: each PMD entry holds a reference on its page
 *   and a file rmap, which zap_huge_pmd() drops, so get_user_pages() can
 *   pin pool memory (O_DIRECT, RDMA, GPU host-memory registration).
 *
 * - Otherwise the area is VM_PFNMAP: on a stock 6.1 a module can map a page
 *   with a PMD entry only through vmf_insert_pfn_pmd(), and the kernel
 *   then keeps no mapcount for it. get_user_pages() refuses such an area
 *   (EFAULT); the lockless path, which cannot see the VMA on 6.1, may still
 *   take references on pages already mapped.
 *
 * Either way a page whose references are not the pool's own at the last
 * unmap is given to no one else until they are dropped
 * (aisched_pool_release()).
 *
 * 6.1 never calls ->huge_fault for this area (hugepage_vma_check() turns
 * VM_DONTEXPAND and VM_PFNMAP away), so ->fault maps the PMD itself when
 * the PMD is empty; ->huge_fault serves kernels that call it.
 *
 * Locking: pool.h. A mapping's page array is filled locklessly: a fault
 * that loses the race for an empty slot puts its page back.
 */

#include <linux/cgroup.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/huge_mm.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/slab.h>

#include "compat.h"
#include "kapi.h"
#include "pool.h"
#include "tags.h"

/**
 * struct aisched_pool_map - one area mapped from /dev/aisched
 * @ref: its VMAs (a fork adds one)
 * @acct: the quota its pages are charged to, with a reference
 * @nr: its size in 2 MiB pages, all charged
 * @pages: its pages, NULL until the first fault in each 2 MiB
 */
struct aisched_pool_map {
	refcount_t ref;
	struct aisched_pool_acct *acct;
	unsigned long nr;
	struct page *pages[];
};

/* Zeroes a 2 MiB page before it is mapped; nothing of a last user shows. */
static void aisched_dev_zero(struct page *page)
{
	unsigned int i;

	for (i = 0; i < (1U << AISCHED_POOL_ORDER); i++) {
		clear_highpage(nth_page(page, i));
		if (!(i % 64))
			cond_resched();
	}
}

/* The pool page behind a 2 MiB slot of the area, taken at the first fault. */
static struct page *aisched_dev_page(struct aisched_pool_map *map,
				     unsigned long idx)
{
	struct page *page, *old;

	/* Pairs with the cmpxchg() below: a page seen is a zeroed page. */
	page = smp_load_acquire(&map->pages[idx]);
	if (page)
		return page;
	page = aisched_pool_take(map->acct);
	if (!page) {
		pr_err_ratelimited("pool: node %d has no page for a charged fault\n",
				   aisched_pool_acct_node(map->acct));
		return NULL;
	}
	aisched_dev_zero(page);
	/* Publishes the zeroed page; full barrier on success. */
	old = cmpxchg(&map->pages[idx], NULL, page);
	if (old) {
		aisched_pool_untake(map->acct, page);
		return old;
	}
	return page;
}

static vm_fault_t aisched_dev_fault_at(struct vm_fault *vmf, bool pmd)
{
	struct vm_area_struct *vma = vmf->vma;
	struct aisched_pool_map *map = vma->vm_private_data;
	unsigned long off = vmf->address - vma->vm_start;
	struct page *page;
	unsigned long pfn;

	if (off >> PMD_SHIFT >= map->nr)
		return VM_FAULT_SIGBUS;
	page = aisched_dev_page(map, off >> PMD_SHIFT);
	if (!page)
		return VM_FAULT_SIGBUS;
	if (aisched_have_pin()) {
		if (pmd)
			return aisched_kapi.insert_folio_pmd(vmf, page_folio(page),
						vmf->flags & FAULT_FLAG_WRITE);
		/* The core maps it, with a reference and a file rmap. */
		vmf->page = nth_page(page, (off & ~PMD_MASK) >> PAGE_SHIFT);
		get_page(vmf->page);
		return 0;
	}
	pfn = page_to_pfn(page);
	if (pmd)
		return aisched_insert_pfn_pmd(vmf, pfn,
					      vmf->flags & FAULT_FLAG_WRITE);
	return vmf_insert_pfn(vma, vmf->address & PAGE_MASK,
			      pfn + ((off & ~PMD_MASK) >> PAGE_SHIFT));
}

/*
 * The PTE-level fault. An empty PMD gets the whole 2 MiB page; a PMD that
 * already points to a page table (one left by an earlier mapping of the
 * range) gets the 4 KiB entry asked for.
 */
static vm_fault_t aisched_dev_fault(struct vm_fault *vmf)
{
	return aisched_dev_fault_at(vmf, pmd_none(READ_ONCE(*vmf->pmd)));
}

static vm_fault_t aisched_dev_huge_fault(struct vm_fault *vmf,
					 aisched_huge_fault_t size)
{
	if (size != AISCHED_HUGE_FAULT_PMD)
		return VM_FAULT_FALLBACK;
	return aisched_dev_fault_at(vmf, true);
}

static void aisched_dev_vm_open(struct vm_area_struct *vma)
{
	struct aisched_pool_map *map = vma->vm_private_data;

	refcount_inc(&map->ref);
}

/* The last VMA of the area is gone and its page tables with it. */
static void aisched_dev_vm_close(struct vm_area_struct *vma)
{
	struct aisched_pool_map *map = vma->vm_private_data;

	if (!refcount_dec_and_test(&map->ref))
		return;
	aisched_pool_release(map->acct, map->pages, map->nr);
	aisched_pool_acct_put(map->acct);
	kvfree(map);
}

/* The area is one whole: no partial munmap, mprotect or mremap. */
static int aisched_dev_vm_may_split(struct vm_area_struct *vma,
				    unsigned long addr)
{
	return -EINVAL;
}

/* Nor does it move (growing is refused by VM_DONTEXPAND). */
static int aisched_dev_vm_mremap(struct vm_area_struct *vma)
{
	return -EINVAL;
}

static const struct vm_operations_struct aisched_dev_vm_ops = {
	.open		= aisched_dev_vm_open,
	.close		= aisched_dev_vm_close,
	.may_split	= aisched_dev_vm_may_split,
	.mremap		= aisched_dev_vm_mremap,
	.fault		= aisched_dev_fault,
	.huge_fault	= aisched_dev_huge_fault,
};

/* The quota of the calling task's cgroup, with a reference, or NULL. */
static struct aisched_pool_acct *aisched_dev_quota(void)
{
	struct aisched_pool_acct *acct = NULL;
	struct aisched_tag *tag;

	rcu_read_lock();
	tag = aisched_tag_find(task_dfl_cgroup(current));
	if (tag)
		acct = aisched_pool_acct_tryget(rcu_dereference(tag->quota));
	rcu_read_unlock();
	return acct;
}

/*
 * mmap: MAP_SHARED, offset 0, a multiple of 2 MiB at a 2 MiB boundary
 * (EINVAL); a quota (EPERM) with room for it (ENOMEM).
 */
static int aisched_dev_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start;
	struct aisched_pool_acct *acct;
	struct aisched_pool_map *map;
	unsigned long nr;
	int ret;

	if (!(vma->vm_flags & VM_MAYSHARE) || vma->vm_pgoff ||
	    !IS_ALIGNED(vma->vm_start | len, PMD_SIZE))
		return -EINVAL;
	nr = len >> PMD_SHIFT;
	acct = aisched_dev_quota();
	if (!acct)
		return -EPERM;
	/* First: the quota bounds the array (a node's memory / 2 MiB). */
	ret = aisched_pool_charge(acct, nr);
	if (ret)
		goto put;
	map = kvzalloc(struct_size(map, pages, nr), GFP_KERNEL);
	if (!map) {
		aisched_pool_uncharge(acct, nr);
		ret = -ENOMEM;
		goto put;
	}
	refcount_set(&map->ref, 1);
	map->acct = acct;
	map->nr = nr;
	vma->vm_private_data = map;
	vma->vm_ops = &aisched_dev_vm_ops;
	aisched_vm_flags_set(vma, (aisched_have_pin() ? 0 : VM_PFNMAP) |
			     VM_DONTEXPAND | VM_DONTDUMP | VM_HUGEPAGE);
	return 0;

put:
	aisched_pool_acct_put(acct);
	return ret;
}

/* Places an area at a 2 MiB boundary, so that PMD entries can map it. */
static unsigned long aisched_dev_get_unmapped_area(struct file *file,
						   unsigned long addr,
						   unsigned long len,
						   unsigned long pgoff,
						   unsigned long flags)
{
	if (!(flags & MAP_FIXED))
		addr &= PMD_MASK;
	return thp_get_unmapped_area(file, addr, len, pgoff, flags);
}

static const struct file_operations aisched_dev_fops = {
	.owner			= THIS_MODULE,
	.open			= nonseekable_open,
	.llseek			= no_llseek,
	.mmap			= aisched_dev_mmap,
	.get_unmapped_area	= aisched_dev_get_unmapped_area,
};

static struct miscdevice aisched_dev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "aisched",
	.fops	= &aisched_dev_fops,
	/* Anyone may open it; mapping needs a quota. */
	.mode	= 0666,
};

/**
 * aisched_dev_init() - create /dev/aisched
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int aisched_dev_init(void)
{
	return misc_register(&aisched_dev);
}

/**
 * aisched_dev_exit() - remove /dev/aisched
 *
 * Context: process context, module exit: no file is open (each holds a
 * reference on the module), so no area is mapped.
 */
void aisched_dev_exit(void)
{
	misc_deregister(&aisched_dev);
}
