/* fuzz_render: spec bytes in, a whole render out: validation, layout, and
 * drawing to PNG (and for half the inputs SVG) in memory, the canvas capped
 * small so each run is quick. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "render.h"
#include "spec.h"
#include "text.h"

/* The unit tests replay tests/fuzz/regressions/ through this very function,
 * under another name (tests/unit/test_fuzz_regressions.c). */
#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	static struct text_engine *te;
	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		struct diag d0;
		diag_init(&d0, stderr);
		te = text_engine_new("fonts", &d0);
		if (!te)
			return 0;
	}
	struct arena a;
	arena_init(&a);
	struct diag d;
	diag_init(&d, devnull);
	struct render_opts ro;
	render_opts_default(&ro);
	ro.lim.max_side_px = 1600;
	ro.lim.max_megapixels = 1.5;
	ro.lim.max_items = 60;
	ro.lim.max_text_chars = 2000;
	ro.scale = 0.25; /* the layout at full size, few pixels to fill */
	const char *name = size && (data[0] & 1) ? "tests/fuzz/fuzz.json" : "tests/fuzz/fuzz.yaml";
	struct chart *c = spec_load_buffer(&a, &d, name, (const char *)data, size, &ro.lim);
	struct chart_layout l;
	if (c && layout_chart(te, c, NULL, c->kind == CHART_POSTER ? 375 : 0, &l, &d)) {
		if (render_check_canvas(&l, &ro, &d) && l.height * ro.scale < 4000) {
			struct dynbuf out;
			dynbuf_init(&out, (size_t)64 << 20);
			render_png(&l, &ro, &out, &d);
			dynbuf_fini(&out);
			/* Every other input also to SVG: text through svg_glyphs,
			 * whose markers must all be gone from what is written (a
			 * spec's text has its < and " escaped there). */
			if (data[0] & 2) {
				static const char mark[] = "<path style=\" stroke:none;fill-rule:nonzero;"
							   "fill:rgb(12.345678%,98.765432%,55.55555%)";
				dynbuf_init(&out, (size_t)64 << 20);
				if (render_svg(&l, &ro, &out, &d) == 0 &&
				    (memmem(out.data, out.len, mark, sizeof mark - 1) ||
				     !memmem(out.data, out.len, "</svg>", 6)))
					__builtin_trap();
				dynbuf_fini(&out);
			}
		}
		layout_chart_fini(&l);
	}
	arena_fini(&a);
	return 0;
}
