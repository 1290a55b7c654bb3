/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capturing what the code under test prints, for the unit tests.
 *
 * Each test runs in its own child of the harness, so redirecting stdout and
 * stderr is safe; they are restored before any assertion, so that the
 * harness's own messages are never swallowed.
 */

#ifndef AISCHED_TEST_CAPTURE_H
#define AISCHED_TEST_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/**
 * struct output - what one call printed
 * @out: its standard output, NUL-terminated
 * @err: its standard error, NUL-terminated
 */
struct output {
	char *out;
	char *err;
};

struct redirect {
	FILE *stream;
	FILE *tmp;
	int saved;
};

static inline int redirect_begin(struct redirect *r, FILE *stream)
{
	r->stream = stream;
	r->tmp = tmpfile();
	if (!r->tmp)
		return -1;
	fflush(stream);
	r->saved = dup(fileno(stream));
	if (r->saved < 0 || dup2(fileno(r->tmp), fileno(stream)) < 0)
		return -1;
	return 0;
}

static inline char *redirect_end(struct redirect *r)
{
	char *text;
	long len;

	fflush(r->stream);
	dup2(r->saved, fileno(r->stream));
	close(r->saved);
	len = ftell(r->tmp);
	text = calloc(1, len + 1);
	rewind(r->tmp);
	if (text && fread(text, 1, len, r->tmp) != (size_t)len)
		text[0] = '\0';
	fclose(r->tmp);
	return text;
}

/* Capture stdout and stderr around one statement into a struct output. */
#define CAPTURE(output, statement) do {					\
	struct redirect __out, __err;					\
									\
	if (redirect_begin(&__out, stdout) ||				\
	    redirect_begin(&__err, stderr))				\
		abort();						\
	statement;							\
	(output)->err = redirect_end(&__err);				\
	(output)->out = redirect_end(&__out);				\
	if (!(output)->out || !(output)->err)				\
		abort();						\
} while (0)

static inline void output_free(struct output *o)
{
	free(o->out);
	free(o->err);
	o->out = NULL;
	o->err = NULL;
}

/* Whether @s starts with @prefix. */
static inline int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Number of entries of a NULL-terminated argv. */
static inline int argv_count(char *const argv[])
{
	int n = 0;

	while (argv[n])
		n++;
	return n;
}

#endif /* AISCHED_TEST_CAPTURE_H */
