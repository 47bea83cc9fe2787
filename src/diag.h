/* diag: every error a person sees goes through here, in GCC format
 * (file:line:col: error: ...), counted by kind so main.c picks the exit code. */
#ifndef SALTPRINT_DIAG_H
#define SALTPRINT_DIAG_H

#include <stdio.h>

/* Exit codes, documented in --help, README and the man page. */
enum {
	EXIT_OK = 0,
	EXIT_INTERNAL = 1,
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,  /* bad spec or data */
	EXIT_FONT = 4,   /* missing font, glyph or font-lock mismatch */
	EXIT_OUTPUT = 5, /* an output file could not be written */
};

enum diag_kind { DIAG_INPUT, DIAG_FONT, DIAG_OUTPUT, DIAG_INTERNAL, DIAG_KINDS };

struct diag {
	FILE *out; /* where messages go (stderr by default) */
	int count[DIAG_KINDS];
};

void diag_init(struct diag *d, FILE *out);
int diag_errors(const struct diag *d);
/* The exit code for the errors so far (the first kind in enum order wins). */
int diag_exit_code(const struct diag *d);

/* line and col are 1-based; 0 leaves them out. file may be NULL. */
void diag_error(struct diag *d, enum diag_kind kind, const char *file, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
