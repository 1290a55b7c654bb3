// SPDX-License-Identifier: GPL-2.0
/*
 * aisched_kunit.ko: the KUnit suites for aisched. Suite aisched_X lives in
 * X_test.c; the suites run when the module loads.
 */

#include <linux/module.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites for aisched");
