/* fonts_lock: `saltprint fonts`: the font files saltprint uses, their
 * sha256, and whether they match fonts/fonts.lock (stage: set-up). */
#ifndef SALTPRINT_FONTS_LOCK_H
#define SALTPRINT_FONTS_LOCK_H

#include <stdio.h>

#include "diag.h"
#include "text.h"

/* Prints the report to out; with `update`, rewrites the lock file. Returns an
 * exit code. */
int fonts_lock_report(struct text_engine *te, const char *fonts_dir, bool update, FILE *out,
		      struct diag *d);

#endif
