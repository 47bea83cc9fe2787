/* theme: the default house style, from ../shared/DESIGN.md (layout, draw). */
#include "theme.h"

#include <math.h>

double theme_scale(double width_px)
{
	double s = sqrt(width_px / 1200.0);
	return s < 0.6 ? 0.6 : s > 1.3 ? 1.3 : s;
}

void theme_default(struct theme *t, double width_px)
{
	double s = theme_scale(width_px);
	t->bg = 0xFFFFFF;
	t->ink = 0x1A1A1A;
	t->ink2 = 0x4D4D4D;
	t->ink3 = 0x666666;
	t->baseline = 0x333333;
	t->grid = 0xD9D9D9;
	t->track = 0xE5E5E5;
	t->context = 0xBFBFBF;
	t->primary = 0x0072B2;
	t->accent = 0xC8102E;
	const uint32_t pal[6] = {0x0072B2, 0xF46A25, 0x12436D, 0x009E73, 0x990000, 0xCC79A7};
	for (int i = 0; i < 6; i++)
		t->palette[i] = pal[i];
	t->pad = round(48 * s);
	t->title_px = round(52 * s);
	t->subtitle_px = round(34 * s);
	t->label_px = round(32 * s);
	t->value_px = round(64 * s);
	t->small_px = round(26 * s);
	t->source_px = round(26 * s);
	/* Never below the 18-px floor for legible text on a phone. */
	if (t->small_px < 18)
		t->small_px = 18;
	if (t->source_px < 18)
		t->source_px = 18;
	t->title_lh = 1.3;
	t->subtitle_lh = 1.5;
	t->label_lh = 1.4;
	t->gap_title_subtitle = round(12 * s);
	t->gap_header_plot = round(40 * s);
	t->gap_plot_footer = round(40 * s);
}
