/* diag: error reporting in GCC format, counted by kind (all stages). */
#include "diag.h"

#include <stdarg.h>

void diag_init(struct diag *d, FILE *out)
{
	d->out = out ? out : stderr;
	for (int i = 0; i < DIAG_KINDS; i++)
		d->count[i] = 0;
}

int diag_errors(const struct diag *d)
{
	int n = 0;
	for (int i = 0; i < DIAG_KINDS; i++)
		n += d->count[i];
	return n;
}

int diag_exit_code(const struct diag *d)
{
	if (d->count[DIAG_INPUT])
		return EXIT_INPUT;
	if (d->count[DIAG_FONT])
		return EXIT_FONT;
	if (d->count[DIAG_OUTPUT])
		return EXIT_OUTPUT;
	if (d->count[DIAG_INTERNAL])
		return EXIT_INTERNAL;
	return EXIT_OK;
}

void diag_error(struct diag *d, enum diag_kind kind, const char *file, int line, int col,
		const char *fmt, ...)
{
	d->count[kind]++;
	if (file && line > 0 && col > 0)
		fprintf(d->out, "%s:%d:%d: error: ", file, line, col);
	else if (file && line > 0)
		fprintf(d->out, "%s:%d: error: ", file, line);
	else if (file)
		fprintf(d->out, "%s: error: ", file);
	else
		fputs("saltprint: error: ", d->out);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
	fputc('\n', d->out);
}
