/* theme: the built-in house style and its resolution to px (layout, draw). */
#include "theme.h"

#include <math.h>
#include <string.h>

void theme_file_default(struct theme_file *tf)
{
	memset(tf, 0, sizeof *tf);
	strcpy(tf->name, "default");
	tf->bg = 0xFFFFFF;
	tf->ink = 0x1A1A1A;
	tf->ink2 = 0x4D4D4D;
	tf->ink3 = 0x666666;
	tf->baseline = 0x333333;
	tf->grid = 0xD9D9D9;
	tf->track = 0xE5E5E5;
	tf->context = 0xBFBFBF;
	tf->primary = 0x0072B2;
	tf->accent = 0xC8102E;
	const uint32_t pal[6] = {0x0072B2, 0xF46A25, 0x12436D, 0x009E73, 0x990000, 0xCC79A7};
	memcpy(tf->palette, pal, sizeof pal);
	tf->serif_headline = true;
	tf->serif_title = false;
	tf->title = 52;
	tf->subtitle = 34;
	tf->label = 32;
	tf->value = 64;
	tf->small = 26;
	tf->source = 26;
	tf->pad = 48;
	tf->headline = 80;
	tf->dek = 48;
	tf->heading = 60;
	tf->body = 40;
	tf->poster_small = 32;
	tf->margin = 60;
	tf->autospace = true;
	tf->compress = true;
	tf->logo_height = 40;
}

double theme_scale(double width_px)
{
	double s = sqrt(width_px / 1200.0);
	return s < 0.6 ? 0.6 : s > 1.3 ? 1.3 : s;
}

void theme_resolve_scaled(struct theme *t, const struct theme_file *tf, double s)
{
	memset(t, 0, sizeof *t);
	t->file = tf;
	t->bg = tf->bg;
	t->ink = tf->ink;
	t->ink2 = tf->ink2;
	t->ink3 = tf->ink3;
	t->baseline = tf->baseline;
	t->grid = tf->grid;
	t->track = tf->track;
	t->context = tf->context;
	t->primary = tf->primary;
	t->accent = tf->accent;
	memcpy(t->palette, tf->palette, sizeof t->palette);
	t->scale = s;
	t->pad = round(tf->pad * s);
	t->title_px = round(tf->title * s);
	t->subtitle_px = round(tf->subtitle * s);
	t->label_px = round(tf->label * s);
	t->value_px = round(tf->value * s);
	t->small_px = round(tf->small * s);
	t->source_px = round(tf->source * s);
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
	t->serif_title = tf->serif_title;
}

void theme_resolve(struct theme *t, const struct theme_file *tf, double width_px)
{
	theme_resolve_scaled(t, tf, theme_scale(width_px));
}

void theme_default(struct theme *t, double width_px)
{
	static struct theme_file builtin;
	static bool ready;
	if (!ready) {
		theme_file_default(&builtin);
		ready = true;
	}
	theme_resolve(t, &builtin, width_px);
}
