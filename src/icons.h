/* icons: small vector icons drawn with cairo paths, for pictograms and KPI
 * cards (stage: draw). Each fits a size x size box. */
#ifndef SALTPRINT_ICONS_H
#define SALTPRINT_ICONS_H

#include <cairo.h>
#include <stdint.h>

#include "model.h"

/* Fills the icon in rgb; with 0 < fraction < 1, only its left part. */
void icon_draw(cairo_t *cr, enum icon_kind k, double x, double y, double size, double fraction,
	       uint32_t rgb);
/* Fills the part of the icon between fractions f0 and f1 of its width. */
void icon_draw_span(cairo_t *cr, enum icon_kind k, double x, double y, double size, double f0,
		    double f1, uint32_t rgb);

#endif
