/* theme: the house style: colours, type sizes and spacing (stage: layout and
 * draw). Sizes are px for a 1200-px-wide chart; theme_scale() adapts them to
 * other widths. Values from ../shared/DESIGN.md. */
#ifndef SALTPRINT_THEME_H
#define SALTPRINT_THEME_H

#include <stdint.h>

struct theme {
	uint32_t bg, ink, ink2, ink3, baseline, grid, track, context, primary, accent;
	uint32_t palette[6];
	double pad;       /* canvas padding */
	double title_px, subtitle_px, label_px, value_px, small_px, source_px;
	double title_lh, subtitle_lh, label_lh;
	double gap_title_subtitle, gap_header_plot, gap_plot_footer;
};

/* The default (light) theme at the given width: type and spacing follow the
 * square root of width/1200, within 0.6 and 1.3. */
void theme_default(struct theme *t, double width_px);
double theme_scale(double width_px);

#endif
