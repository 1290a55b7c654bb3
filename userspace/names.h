/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of the interface's enums and flags (class, policy, io-class,
 * placement, mem, node-source, event-type, remove-reason, override,
 * feature), as the spec spells them, and of
 * the kernel's scheduling policies and I/O priority classes.
 */

#ifndef AISCHED_NAMES_H
#define AISCHED_NAMES_H

#include <stddef.h>
#include <stdint.h>

/**
 * struct aisched_names - the names of an enum, indexed by value
 * @names: the names; a NULL entry is a value without a name
 * @nr: number of entries
 */
struct aisched_names {
	const char *const *names;
	size_t nr;
};

extern const struct aisched_names aisched_class_names;
extern const struct aisched_names aisched_policy_names;
extern const struct aisched_names aisched_io_class_names;
extern const struct aisched_names aisched_placement_names;
extern const struct aisched_names aisched_mem_names;
extern const struct aisched_names aisched_node_source_names;
extern const struct aisched_names aisched_event_names;
extern const struct aisched_names aisched_reason_names;
extern const struct aisched_names aisched_override_names;
extern const struct aisched_names aisched_feature_names;
extern const struct aisched_names aisched_sched_policy_names;

/* Big enough for any name below and for any u32 in decimal. */
#define AISCHED_NAME_MAX	32

const char *aisched_name(const struct aisched_names *names, uint32_t value,
			 char buf[AISCHED_NAME_MAX]);
int aisched_name_lookup(const struct aisched_names *names, const char *s,
			uint32_t *value);
size_t aisched_override_format(char *buf, size_t size, uint32_t flags);
size_t aisched_feature_format(char *buf, size_t size, uint64_t features);

/* The features a kernel with the hooks of patches/ adds. */
#define AISCHED_FEATURES_HOOKS						\
	(AISCHED_FEATURE_MEMPOLICY | AISCHED_FEATURE_MIGRATE |		\
	 AISCHED_FEATURE_NUMA_HINT | AISCHED_FEATURE_PIN)
void aisched_policy_format(char *buf, size_t size, uint32_t policy,
			   int32_t nice, uint32_t rt_prio);
void aisched_sched_policy_format(char *buf, size_t size, uint32_t policy,
				 int nice, unsigned int rt_prio);
void aisched_ioprio_format(char *buf, size_t size, uint32_t io_class,
			   uint32_t level);

#endif /* AISCHED_NAMES_H */
