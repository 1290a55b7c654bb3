/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aisched: module-wide definitions shared by every part of the module.
 *
 * The map of kernel/ is in Documentation/aisched/design.rst.
 */

#ifndef _AISCHED_H
#define _AISCHED_H

#include <linux/types.h>

#define AISCHED_VERSION "0.1.0"

u64 aisched_features(void);

#endif /* _AISCHED_H */
