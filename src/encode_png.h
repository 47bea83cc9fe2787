/* encode_png: our own PNG encoder over libpng (stage: encode). RGB when the
 * picture is opaque, text chunks for the metadata, pHYs, no tIME. */
#ifndef SALTPRINT_ENCODE_PNG_H
#define SALTPRINT_ENCODE_PNG_H

#include <cairo.h>
#include <stdbool.h>

#include "util.h"

struct png_meta {
	const char *title, *description, *source, *author, *software;
	double dpi; /* written as pHYs */
};

struct png_params {
	/* false: unfiltered rows through our deflate (src/deflate.h), the
	 * default. true: libpng and zlib with the settings below, kept so that
	 * `make bench` can compare them. */
	bool zlib;
	int level;    /* zlib level 0-9 */
	int filters;  /* libpng PNG_FILTER_* mask */
	int strategy; /* zlib strategy */
	int threads;  /* our deflate over row blocks: 1 = one thread, 0 = a core each */
};
/* The settings chosen by measurement (see docs/benchmarks.md). */
void encode_png_default_params(struct png_params *p);

/* Encodes an RGB24 or ARGB32 image surface into out. Returns 0, or -1 with a
 * message in err. */
int encode_png_write(cairo_surface_t *img, const struct png_meta *meta,
		     const struct png_params *params, struct dynbuf *out, char *err, size_t errlen);

#endif
