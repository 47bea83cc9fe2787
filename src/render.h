/* render: draws a laid-out chart into PNG, SVG or PDF bytes in memory
 * (stages: draw + encode). One drawing code path for all three. */
#ifndef SALTPRINT_RENDER_H
#define SALTPRINT_RENDER_H

#include "diag.h"
#include "encode_png.h"
#include "layout.h"
#include "spec_tree.h"
#include "util.h"

enum render_format { FORMAT_PNG = 1, FORMAT_SVG = 2, FORMAT_PDF = 4 };

struct render_opts {
	double scale;            /* PNG pixels per px */
	long long date_epoch;    /* PDF creation date, seconds since 1970 */
	struct png_params png;
	struct spec_limits lim;
	int pdf_pages; /* 0: as the spec says; 1: one tall page; 2: A4 pages */
};
void render_opts_default(struct render_opts *o);
const char *render_format_ext(enum render_format f);

/* Checks the canvas against the limits at opts->scale. */
bool render_check_canvas(const struct chart_layout *l, const struct render_opts *o,
			 struct diag *d);
/* Each returns 0, or -1 after reporting. */
int render_png(const struct chart_layout *l, const struct render_opts *o, struct dynbuf *out,
	       struct diag *d);
int render_svg(const struct chart_layout *l, const struct render_opts *o, struct dynbuf *out,
	       struct diag *d);
int render_pdf(const struct chart_layout *l, const struct render_opts *o, struct dynbuf *out,
	       struct diag *d);
int render_format(enum render_format f, const struct chart_layout *l,
		  const struct render_opts *o, struct dynbuf *out, struct diag *d);

#endif
