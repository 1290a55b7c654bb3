// SPDX-License-Identifier: GPL-2.0
/*
 * aisched: the tracepoints' definitions.
 */

#define CREATE_TRACE_POINTS
#include "trace.h"
