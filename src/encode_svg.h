/* encode_svg: finishes cairo's SVG for publication (stage: encode): px size,
 * role="img", <title> and <desc>, and ids that depend only on this document. */
#ifndef SALTPRINT_ENCODE_SVG_H
#define SALTPRINT_ENCODE_SVG_H

#include "util.h"

/* Rewrites the cairo SVG in `in` into `out`. Returns 0, or -1 when the input
 * is not the SVG cairo writes. */
int encode_svg_finish(const char *in, size_t len, double width_px, double height_px,
		      const char *title, const char *desc, struct dynbuf *out);
/* Appends s with & < > " escaped. */
void encode_svg_escape(struct dynbuf *out, const char *s);

#endif
