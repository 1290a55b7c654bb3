// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: kernel hooks found at run time (kapi.h).
 */

#include <linux/aisched.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include "kapi.h"

struct aisched_kapi aisched_kapi __read_mostly;

/*
 * The hooks by name, in groups that come from one patch: a group is used
 * only if all of its symbols are there.
 */
static const struct aisched_kapi_group {
	const char *what;
	u64 feature;
	struct {
		const char *name;
		size_t off;
	} syms[2];
} aisched_kapi_groups[] = {
	{ "mempolicy", AISCHED_FEATURE_MEMPOLICY, {
		{ "task_set_mempolicy",
		  offsetof(struct aisched_kapi, set_mempolicy) },
		{ "task_get_mempolicy",
		  offsetof(struct aisched_kapi, get_mempolicy) } } },
	{ "migrate", AISCHED_FEATURE_MIGRATE, {
		{ "task_migrate_pages",
		  offsetof(struct aisched_kapi, migrate_pages) } } },
	{ "numa-hint", AISCHED_FEATURE_NUMA_HINT, {
		{ "sched_set_numa_hint",
		  offsetof(struct aisched_kapi, set_numa_hint) },
		{ "sched_get_numa_hint",
		  offsetof(struct aisched_kapi, get_numa_hint) } } },
	{ "pin", AISCHED_FEATURE_PIN, {
		{ "vmf_insert_folio_pmd",
		  offsetof(struct aisched_kapi, insert_folio_pmd) } } },
};

static u64 aisched_kapi_found;

static void **aisched_kapi_slot(size_t off)
{
	return (void **)((char *)&aisched_kapi + off);
}

/**
 * aisched_kapi_features() - the AISCHED_FEATURE_* bits of the hooks found
 *
 * Context: any context.
 */
u64 aisched_kapi_features(void)
{
	return aisched_kapi_found;
}

static void aisched_kapi_put_group(const struct aisched_kapi_group *g)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(g->syms) && g->syms[i].name; i++) {
		void **slot = aisched_kapi_slot(g->syms[i].off);

		if (*slot)
			__symbol_put(g->syms[i].name);
		*slot = NULL;
	}
}

/**
 * aisched_kapi_init() - look up the hooks of patches/
 *
 * A symbol taken holds its module (none for the kernel's own) until
 * aisched_kapi_exit().
 *
 * Context: process context, module init, before anything uses a hook.
 */
void aisched_kapi_init(void)
{
	const struct aisched_kapi_group *g;
	char found[48] = "", *pos = found;
	unsigned int i;
	bool all;

	for (g = aisched_kapi_groups;
	     g < aisched_kapi_groups + ARRAY_SIZE(aisched_kapi_groups); g++) {
		all = true;
		for (i = 0; i < ARRAY_SIZE(g->syms) && g->syms[i].name; i++) {
			void *sym = __symbol_get(g->syms[i].name);

			*aisched_kapi_slot(g->syms[i].off) = sym;
			all = all && sym;
		}
		if (!all) {
			aisched_kapi_put_group(g);
			continue;
		}
		aisched_kapi_found |= g->feature;
		pos += scnprintf(pos, found + sizeof(found) - pos, " %s",
				 g->what);
	}
	pr_info("kernel hooks:%s\n",
		*found ? found : " none (a stock kernel; see patches/README)");
}

/**
 * aisched_kapi_exit() - drop the hooks
 *
 * Context: process context, module exit, after every user of a hook.
 */
void aisched_kapi_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(aisched_kapi_groups); i++)
		aisched_kapi_put_group(&aisched_kapi_groups[i]);
	aisched_kapi_found = 0;
}
