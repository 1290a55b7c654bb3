/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A parser's refusal, written into the caller's buffer: the parsers that
 * a library caller runs (device files, gres.conf, the SPANK plugin's
 * rules) say what is wrong there, for the caller to print where its user
 * sees it, instead of printing it themselves.
 */

#ifndef AISCHED_ERRBUF_H
#define AISCHED_ERRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/**
 * aisched_errbuf() - format a message into @err and return @ret
 * @err: the buffer, or anything when @errlen is 0
 * @errlen: its size
 * @ret: what to return, a negative errno
 * @fmt: printf format of the message
 *
 * Return: @ret.
 */
static inline int aisched_errbuf(char *err, size_t errlen, int ret,
				 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static inline int aisched_errbuf(char *err, size_t errlen, int ret,
				 const char *fmt, ...)
{
	va_list ap;

	if (errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return ret;
}

#endif /* AISCHED_ERRBUF_H */
