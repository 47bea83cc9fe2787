/* icons: small vector icons drawn with cairo paths, for pictograms and KPI
 * cards (stage: draw). Each fits a size x size box. */
#ifndef SALTPRINT_ICONS_H
#define SALTPRINT_ICONS_H

#include <cairo.h>
#include <stdint.h>

#include "model.h"

/* Fills the icon in rgb. Icons are always whole: "do not slice off an arm"
 * (shared/DESIGN.md), so counts are rounded to whole icons. */
void icon_draw(cairo_t *cr, enum icon_kind k, double x, double y, double size, uint32_t rgb);

#endif
