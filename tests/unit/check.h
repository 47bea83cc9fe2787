/* check: a tiny unit-test harness. Each TEST is registered by the runner in
 * test_main.c; CHECK records a failure with its line and goes on. */
#ifndef SALTPRINT_CHECK_H
#define SALTPRINT_CHECK_H

#include <stdio.h>
#include <string.h>

extern int check_failures;
void check_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                                     \
	do {                                                                            \
		if (!(cond))                                                            \
			check_fail(__FILE__, __LINE__, "%s", #cond);                    \
	} while (0)
#define CHECK_STR(got, want)                                                            \
	do {                                                                            \
		const char *g_ = (got), *w_ = (want);                                   \
		if (strcmp(g_, w_) != 0)                                                \
			check_fail(__FILE__, __LINE__, "got \"%s\", want \"%s\"", g_, w_); \
	} while (0)

#define T(name) void name(void);
#include "tests.def"
#undef T

struct text_engine;
/* The engine over the project's fonts/ (tests run from the top directory). */
struct text_engine *test_engine(void);

struct arena;
struct diag;
struct chart;
struct spec_inputs;
/* Starts arena a and diag d (to stderr) and loads the spec at path with the
 * default limits, recording what it read in `in` unless that is NULL. */
struct chart *test_load_spec(struct arena *a, struct diag *d, const char *path,
			     struct spec_inputs *in);

#endif
