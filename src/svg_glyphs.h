/* svg_glyphs: text in an SVG as glyph symbols written here (stage: render).
 *
 * cairo's SVG surface writes every glyph's outline again for every document,
 * each coordinate through printf's exact decimal conversion: that was most
 * of an SVG's time. Here a glyph's outline is made once per font and kept
 * with the font, and each text block drawn on the surface leaves a marker (a
 * 1 px square of a colour no theme has) where its glyphs go in the
 * document's order. svg_glyphs_splice puts the glyphs in place of the
 * markers; when the markers do not come out one for one, the caller renders
 * the SVG again with cairo drawing the text. */
#ifndef SALTPRINT_SVG_GLYPHS_H
#define SALTPRINT_SVG_GLYPHS_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct svg_glyphs;

struct svg_glyphs *svg_glyphs_new(void);
void svg_glyphs_free(struct svg_glyphs *g);
/* Text drawn on `s` (a cairo SVG surface) from now on may go through g. */
void svg_glyphs_attach(struct svg_glyphs *g, cairo_surface_t *s);
/* The collector for text drawn with cr, or NULL: cr draws straight onto an
 * attached surface (no group) with a transformation that only moves. */
struct svg_glyphs *svg_glyphs_for(cairo_t *cr);
/* Can this font's glyphs be written here: outlines, not colour glyphs, and
 * a plain font matrix (no rotation or slant from the CTM)? */
bool svg_glyphs_font_ok(cairo_scaled_font_t *sf);

/* One text block: begin, its runs (glyph positions in user space of cr),
 * then end, which draws the block's marker with cr. */
void svg_glyphs_begin(struct svg_glyphs *g);
void svg_glyphs_run(struct svg_glyphs *g, cairo_t *cr, cairo_scaled_font_t *sf, double r,
		    double gr, double b, const cairo_glyph_t *glyphs, int n);
void svg_glyphs_end(struct svg_glyphs *g, cairo_t *cr);

/* Appends cairo's SVG `in` to `out` with the glyphs' symbols after the root
 * element's start tag and each text block in place of its marker. Returns
 * -1 (and appends nothing) when the markers are not the blocks one for one. */
int svg_glyphs_splice(const struct svg_glyphs *g, const char *in, size_t len,
		      struct dynbuf *out);

/* A coordinate as cairo's SVG writes it: at most six decimals, no trailing
 * zeros, no "-0". Writes into buf (at least 32 bytes); returns the length. */
size_t svg_number(char *buf, double v);

#endif
