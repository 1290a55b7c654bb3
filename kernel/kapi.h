/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: kernel hooks found at run time.
 *
 * patches/ adds to the kernel what a module cannot do from outside: set
 * another task's memory policy, migrate its pages, give it a preferred
 * NUMA node that NUMA balancing keeps, and map a normal 2 MiB folio with a
 * PMD entry. The module never needs them: aisched_kapi_init() looks each
 * one up by name with __symbol_get(), and every caller tests for it and
 * falls back to what a stock kernel allows. One build of the module thus
 * serves stock and patched kernels alike.
 *
 * The hooks are set once at module init, before anything can call them,
 * and dropped at module exit, after everything that calls them is gone:
 * readers need no lock.
 */

#ifndef _AISCHED_KAPI_H
#define _AISCHED_KAPI_H

#include <linux/mm_types.h>
#include <linux/nodemask.h>
#include <linux/types.h>

struct task_struct;
struct folio;
struct vm_fault;

/* The signatures of patches/ (and of vmf_insert_folio_pmd() upstream). */
struct aisched_kapi {
	int (*set_mempolicy)(struct task_struct *p, int mode,
			     const nodemask_t *nodes);
	int (*get_mempolicy)(struct task_struct *p, int *mode,
			     nodemask_t *nodes);
	long (*migrate_pages)(struct task_struct *p, const nodemask_t *from,
			      const nodemask_t *to, int flags);
	int (*set_numa_hint)(struct task_struct *p, int nid);
	int (*get_numa_hint)(struct task_struct *p);
	vm_fault_t (*insert_folio_pmd)(struct vm_fault *vmf,
				       struct folio *folio, bool write);
};

extern struct aisched_kapi aisched_kapi;

/* Each hook is there whole or not at all. */
static inline bool aisched_have_mempolicy(void)
{
	return aisched_kapi.set_mempolicy;
}

static inline bool aisched_have_migrate(void)
{
	return aisched_kapi.migrate_pages;
}

static inline bool aisched_have_numa_hint(void)
{
	return aisched_kapi.set_numa_hint;
}

static inline bool aisched_have_pin(void)
{
	return aisched_kapi.insert_folio_pmd;
}

u64 aisched_kapi_features(void);
void aisched_kapi_init(void);
void aisched_kapi_exit(void);

#endif /* _AISCHED_KAPI_H */
