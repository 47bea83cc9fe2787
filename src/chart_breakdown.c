/* chart_breakdown: the `breakdown` chart (stages: layout, draw). A whole and
 * its parts as a 100% stacked bar, a donut with the total in its centre, a
 * waffle whose cells are rounded by largest remainder, or a pictogram; or a
 * set of related counts as bars or rows of icons, which invents no whole.
 * Labels are direct where every one fits, a legend otherwise. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icons.h"
#include "layout.h"
#include "numfmt.h"
#include "util.h"

static bool make(struct text_engine *te, struct text_block *tb, const char *text,
		 const struct text_style *st, double wrap, const struct chart *c, struct pos pos,
		 struct diag *d)
{
	struct text_origin o = {d, c->file, pos};
	return text_block_make(te, tb, text, st, wrap, c->locale, &o);
}

static const char *value_text(const struct chart *c, size_t i, char *buf, size_t size)
{
	const struct breakdown *bd = &c->breakdown;
	const struct bd_part *p = &bd->parts[i];
	const char *unit = bd->unit.text ? bd->unit.text : "";
	/* A value already in percent is its own share. */
	if (bd->whole && strcmp(unit, "%") != 0 && strcmp(unit, "％") != 0)
		snprintf(buf, size, "%s%s · %d%%", p->value_text, unit, bd->shares[i]);
	else
		snprintf(buf, size, "%s%s", p->value_text, unit);
	return buf;
}

/* Legend items with their text wrapped to a column `col_w` wide. */
static bool make_items(struct text_engine *te, const struct chart *c, const struct theme *t,
		       struct breakdown_layout *bl, double col_w, double s, struct diag *d)
{
	struct text_style ls = {t->label_px * 0.875, 400, false, false, 1.35, TEXT_LEFT, true, 0, 0};
	struct text_style vs = {t->label_px * 0.875, 700, false, true, 1.3, TEXT_LEFT, false, 0, 0};
	bool ok = true;
	for (size_t i = 0; i < bl->n_items; i++) {
		struct bd_item *it = &bl->items[i];
		text_block_fini(&it->label);
		text_block_fini(&it->value);
		char buf[256];
		double w = col_w - bl->swatch - round(10 * s);
		ok &= make(te, &it->label, c->breakdown.parts[i].label.text, &ls, w, c,
			   c->breakdown.parts[i].label.pos, d);
		ok &= make(te, &it->value, value_text(c, i, buf, sizeof buf), &vs, 0, c,
			   c->breakdown.parts[i].pos, d);
	}
	return ok;
}

/* Lays the legend out in columns at (x, y), `width` wide; returns its height. */
static double place_items(struct breakdown_layout *bl, double x, double y, double width,
			  int cols, double s)
{
	double gap_x = round(24 * s), gap_y = round(18 * s);
	double col_w = (width - gap_x * (cols - 1)) / cols;
	double row_y = y, row_h = 0;
	for (size_t i = 0; i < bl->n_items; i++) {
		struct bd_item *it = &bl->items[i];
		int col = (int)(i % (size_t)cols);
		if (col == 0 && i > 0) {
			row_y += row_h + gap_y;
			row_h = 0;
		}
		it->x = x + col * (col_w + gap_x);
		it->y = row_y;
		it->text_x = it->x + bl->swatch + round(10 * s);
		it->value_y = it->y + it->label.height;
		double h = it->label.height + it->value.height;
		if (h > row_h)
			row_h = h;
	}
	return row_y + row_h - y;
}

/* The width a one-column legend of the items as made needs. */
static double legend_width(const struct breakdown_layout *bl, double s)
{
	double w = 0;
	for (size_t i = 0; i < bl->n_items; i++) {
		const struct bd_item *it = &bl->items[i];
		w = fmax(w, fmax(it->label.ink_left + it->label.ink_width,
				 it->value.ink_left + it->value.ink_width));
	}
	return bl->swatch + round(10 * s) + w;
}

static int legend_cols(size_t n, double width, double s)
{
	int cols = (int)floor((width + 24 * s) / (220 * s + 24 * s));
	if (cols < 1)
		cols = 1;
	if ((size_t)cols > n)
		cols = (int)n;
	/* Even rows: 5 items in columns of 3 + 2 rather than 4 + 1. */
	int rows = ((int)n + cols - 1) / cols;
	return ((int)n + rows - 1) / rows;
}

/* rgb mixed with the background: f = 0 is rgb, 1 the background. */
static uint32_t tint(uint32_t rgb, uint32_t bg, double f)
{
	uint32_t out = 0;
	for (int sh = 0; sh <= 16; sh += 8) {
		double a = (rgb >> sh) & 255, b = (bg >> sh) & 255;
		out |= (uint32_t)lround(a + (b - a) * f) << sh;
	}
	return out;
}

static void colors_init(const struct chart *c, const struct theme *t,
			struct breakdown_layout *bl)
{
	bl->colors = xcalloc(bl->n, sizeof *bl->colors);
	int k = 0;
	for (size_t i = 0; i < bl->n; i++) {
		if (c->breakdown.parts[i].other)
			bl->colors[i] = t->context;
		else if (!c->breakdown.whole)
			bl->colors[i] = t->primary; /* one variable, one colour */
		else if (k < 6)
			bl->colors[i] = t->palette[k++];
		else /* past six hues, lighter tints of them, so no two parts match */
			bl->colors[i] = tint(t->palette[k++ % 6], t->bg, 0.5);
	}
}

/* A legend beside (wide) or under (narrow) a figure `fig_w` wide and
 * `fig_h` tall placed at (fig_x, 0); returns the plot height. */
static bool figure_with_legend(struct text_engine *te, const struct chart *c,
			       const struct theme *t, struct breakdown_layout *bl, double W,
			       double fig_w, double fig_h, bool beside, bool centre, double s,
			       double *fig_x, double *fig_y, struct diag *d)
{
	double gap = round(40 * s);
	if (beside) {
		double lw = W - fig_w - gap;
		int cols = lw >= 2 * 220 * s + 24 * s && bl->n_items > 4 ? 2 : 1;
		if (!make_items(te, c, t, bl, (lw - 24 * s * (cols - 1)) / cols, s, d))
			return false;
		double lh = place_items(bl, fig_w + gap, 0, lw, cols, s);
		double h = fmax(fig_h, lh);
		/* Centre the shorter of the two on the other. */
		*fig_x = 0;
		*fig_y = (h - fig_h) / 2;
		double dy = (h - lh) / 2;
		for (size_t i = 0; i < bl->n_items; i++) {
			bl->items[i].y += dy;
			bl->items[i].value_y += dy;
		}
		bl->height = h;
	} else {
		int cols = legend_cols(bl->n_items, W, s);
		double col_w = (W - 24 * s * (cols - 1)) / cols;
		if (!make_items(te, c, t, bl, col_w, s, d))
			return false;
		/* A ring is centred over its legend; a grid of cells or icons keeps
		 * the left edge of the title and the legend. */
		*fig_x = centre ? (W - fig_w) / 2 : 0;
		*fig_y = 0;
		double lh = place_items(bl, 0, fig_h + round(32 * s), W, cols, s);
		bl->height = fig_h + round(32 * s) + lh;
	}
	return true;
}

static bool layout_stacked_bar(struct text_engine *te, const struct chart *c,
			       const struct theme *t, struct breakdown_layout *bl, double W,
			       double s, struct diag *d)
{
	const struct breakdown *bd = &c->breakdown;
	bl->bar = (struct rect){0, 0, W, round(52 * s)};
	bl->seg_x = xcalloc(bl->n, sizeof *bl->seg_x);
	bl->seg_w = xcalloc(bl->n, sizeof *bl->seg_w);
	double x = 0;
	for (size_t i = 0; i < bl->n; i++) {
		bl->seg_x[i] = x;
		bl->seg_w[i] = W * bd->parts[i].value / bd->sum;
		x += bl->seg_w[i];
	}
	/* Direct labels under their segments when every one fits its width. */
	bool direct = true;
	double pad = round(6 * s);
	for (size_t i = 0; i < bl->n && direct; i++) {
		if (bl->seg_w[i] < 96 * s) {
			direct = false;
			break;
		}
		struct bd_item *it = &bl->items[i];
		struct text_style ls = {t->label_px * 0.875, 400, false, false, 1.35, TEXT_LEFT, true, 0, 0};
		struct text_style vs = {t->label_px * 0.875, 700, false, true, 1.3, TEXT_LEFT, false, 0, 0};
		char buf[256];
		if (!make(te, &it->label, bd->parts[i].label.text, &ls, bl->seg_w[i] - 2 * pad, c,
			  bd->parts[i].label.pos, d) ||
		    !make(te, &it->value, value_text(c, i, buf, sizeof buf), &vs, 0, c,
			  bd->parts[i].pos, d))
			return false;
		if (it->value.width > bl->seg_w[i] - 2 * pad || it->label.lines > 3)
			direct = false;
	}
	if (direct) {
		double h = 0;
		for (size_t i = 0; i < bl->n; i++) {
			struct bd_item *it = &bl->items[i];
			it->x = bl->seg_x[i];
			it->text_x = bl->seg_x[i] + pad;
			it->y = bl->bar.h + round(14 * s);
			it->value_y = it->y + it->label.height;
			h = fmax(h, it->label.height + it->value.height);
		}
		bl->swatch = 0;
		bl->height = bl->bar.h + round(14 * s) + h;
		return true;
	}
	int cols = legend_cols(bl->n_items, W, s);
	if (!make_items(te, c, t, bl, (W - 24 * s * (cols - 1)) / cols, s, d))
		return false;
	double lh = place_items(bl, 0, bl->bar.h + round(28 * s), W, cols, s);
	bl->height = bl->bar.h + round(28 * s) + lh;
	return true;
}

static bool layout_donut(struct text_engine *te, const struct chart *c, const struct theme *t,
			 struct breakdown_layout *bl, double W, double s, struct diag *d)
{
	const struct breakdown *bd = &c->breakdown;
	bool beside = W >= 640 * s;
	double D = beside ? fmin(W * 0.42, 400 * s) : fmin(W * 0.8, 320 * s);
	bl->r_out = D / 2;
	bl->r_in = bl->r_out * 0.6;
	/* The total in the hole, as large as fits. */
	double size = round(60 * s);
	struct text_style cs = {size, 700, false, true, 1.1, TEXT_LEFT, false, 0, 0};
	for (int i = 0; i < 6; i++) {
		cs.size_px = size;
		text_block_fini(&bl->center_value);
		if (!make(te, &bl->center_value, bd->sum_text, &cs, 0, c, bd->parts[0].pos, d))
			return false;
		if (bl->center_value.width <= 2 * bl->r_in * 0.82 || size <= 14)
			break;
		size = fmax(14, floor(size * 2 * bl->r_in * 0.82 / bl->center_value.width));
	}
	if (bd->total_label.text) {
		struct text_style ts = {t->small_px, 400, false, false, 1.3, TEXT_CENTER, true, 0, 0};
		if (!make(te, &bl->center_label, bd->total_label.text, &ts, 2 * bl->r_in * 0.78, c,
			  bd->total_label.pos, d))
			return false;
	}
	/* Shares on the segments that have room for them. */
	bl->seg_text = xcalloc(bl->n, sizeof *bl->seg_text);
	bl->seg_tx = xcalloc(bl->n, sizeof *bl->seg_tx);
	bl->seg_ty = xcalloc(bl->n, sizeof *bl->seg_ty);
	struct text_style ss = {t->small_px, 700, false, true, 1.2, TEXT_LEFT, false, 0, 0};
	double a = -M_PI / 2, rm = (bl->r_out + bl->r_in) / 2;
	for (size_t i = 0; i < bl->n; i++) {
		double span = 2 * M_PI * bd->parts[i].value / bd->sum;
		char buf[32];
		snprintf(buf, sizeof buf, "%d%%", bd->shares[i]);
		if (!make(te, &bl->seg_text[i], buf, &ss, 0, c, bd->parts[i].pos, d))
			return false;
		double room = span * rm, th = bl->r_out - bl->r_in;
		if (room < bl->seg_text[i].width + 12 * s || th < bl->seg_text[i].height + 4 * s ||
		    span > 2 * M_PI - 1e-9)
			text_block_fini(&bl->seg_text[i]);
		double mid = a + span / 2;
		bl->seg_tx[i] = bl->r_out + rm * cos(mid) - bl->seg_text[i].width / 2;
		bl->seg_ty[i] = bl->r_out + rm * sin(mid) - bl->seg_text[i].height / 2;
		a += span;
	}
	double fx, fy;
	if (!figure_with_legend(te, c, t, bl, W, D, D, beside, true, s, &fx, &fy, d))
		return false;
	bl->cx = fx + bl->r_out;
	bl->cy = fy + bl->r_out;
	for (size_t i = 0; i < bl->n; i++)
		bl->seg_tx[i] += fx, bl->seg_ty[i] += fy;
	double lh = bl->center_label.layout ? bl->center_label.height : 0;
	double vh = bl->center_value.height;
	bl->cv_x = bl->cx - bl->center_value.width / 2;
	bl->cv_y = bl->cy - (vh + lh) / 2;
	bl->cl_x = bl->cx - bl->center_label.width / 2;
	bl->cl_y = bl->cv_y + vh;
	return true;
}

/* n whole cells (or icons) shared among the parts by largest remainder, in
 * the parts' order: the part each shows, -1 for none left over. */
static int *parts_in_order(const struct breakdown *bd, size_t parts, int n)
{
	double *vals = xcalloc(parts, sizeof *vals);
	int *counts = xcalloc(parts, sizeof *counts);
	for (size_t i = 0; i < parts; i++)
		vals[i] = bd->parts[i].value;
	numfmt_largest_remainder(vals, parts, n, counts);
	int *part = xcalloc((size_t)n, sizeof *part);
	int k = 0;
	for (size_t i = 0; i < parts; i++)
		for (int j = 0; j < counts[i] && k < n; j++)
			part[k++] = (int)i;
	for (; k < n; k++)
		part[k] = -1;
	free(vals);
	free(counts);
	return part;
}

static bool layout_waffle(struct text_engine *te, const struct chart *c, const struct theme *t,
			  struct breakdown_layout *bl, double W, double s, struct diag *d)
{
	const struct breakdown *bd = &c->breakdown;
	int n = bd->cells;
	bl->n_cells = n;
	bl->cols = n % 10 == 0 && n >= 10 && n <= 200 ? 10 : (int)ceil(sqrt((double)n));
	bl->rows = (n + bl->cols - 1) / bl->cols;
	bool beside = W >= 640 * s;
	double gw = beside ? fmin(W * 0.45, 440 * s) : fmin(W, 440 * s);
	bl->cell = gw / (bl->cols + 0.12 * (bl->cols - 1));
	bl->cell_gap = bl->cell * 0.12;
	double gh = bl->rows * bl->cell + (bl->rows - 1) * bl->cell_gap;
	bl->cell_part = parts_in_order(bd, bl->n, n);
	double fx, fy;
	if (!figure_with_legend(te, c, t, bl, W, gw, gh, beside, false, s, &fx, &fy, d))
		return false;
	bl->grid_x = fx;
	bl->grid_y = fy;
	return true;
}

static bool make_key(struct text_engine *te, const struct chart *c, const struct theme *t,
		     struct breakdown_layout *bl, struct diag *d)
{
	const struct breakdown *bd = &c->breakdown;
	char num[64], buf[256];
	numfmt_plain(bd->per_icon, 3, num, sizeof num);
	const char *unit = bd->unit.text ? bd->unit.text : "";
	if (c->locale == LOCALE_EN)
		snprintf(buf, sizeof buf, "Each icon: %s%s", num, unit);
	else if (c->locale == LOCALE_KO)
		snprintf(buf, sizeof buf, "아이콘 하나 = %s%s", num, unit);
	else if (c->locale == LOCALE_JA)
		snprintf(buf, sizeof buf, "アイコン1つ＝%s%s", num, unit);
	else
		snprintf(buf, sizeof buf, "每个图标代表%s%s", num, unit);
	struct text_style ks = {t->small_px, 400, false, false, 1.3, TEXT_LEFT, false, 0, 0};
	struct pos none = {0, 0};
	return make(te, &bl->center_label, buf, &ks, 0, c, none, d);
}

static bool layout_pictogram_whole(struct text_engine *te, const struct chart *c,
				   const struct theme *t, struct breakdown_layout *bl, double W,
				   double s, struct diag *d)
{
	const struct breakdown *bd = &c->breakdown;
	bool beside = W >= 640 * s;
	bl->icon = round(34 * s);
	bl->icon_gap = round(8 * s);
	/* Whole icons only (shared/DESIGN.md): the total rounded, each icon
	 * given to one part by largest remainder, as the waffle's cells. */
	bl->n_icons = (size_t)fmax(1, round(bd->sum / bd->per_icon));
	bl->icon_part = parts_in_order(bd, bl->n, (int)bl->n_icons);
	/* Beside the legend, the icons take what the legend leaves: the width
	 * of its widest item (labels wrapped at 38% of the width), and at least
	 * 62% of the width. The lines are evened out, so that 43 icons make
	 * lines of 15, 15 and 13, not 13, 13, 13 and 4; then the icons grow (up
	 * to 48 px) until the icons and the legend fill the width, rather than
	 * leave its right part empty. */
	double avail = W, gap = round(40 * s);
	if (beside) {
		if (!make_items(te, c, t, bl, W * 0.38 - gap, s, d))
			return false;
		avail = fmax(W - gap - legend_width(bl, s), W * 0.62);
	}
	int fit = (int)floor((avail + bl->icon_gap) / (bl->icon + bl->icon_gap));
	bl->icons_per_line = fit < 1 ? 1 : fit > 20 ? 20 : fit;
	if ((size_t)bl->icons_per_line > bl->n_icons)
		bl->icons_per_line = (int)bl->n_icons;
	int lines = (int)((bl->n_icons + (size_t)bl->icons_per_line - 1) / (size_t)bl->icons_per_line);
	bl->icons_per_line = (int)((bl->n_icons + (size_t)lines - 1) / (size_t)lines);
	double fw = bl->icons_per_line * (bl->icon + bl->icon_gap) - bl->icon_gap;
	if (beside && fw < avail) {
		double k = fmin(avail / fw, 48.0 / 34.0);
		bl->icon = floor(34 * s * k);
		bl->icon_gap = round(8 * s * k);
		fw = bl->icons_per_line * (bl->icon + bl->icon_gap) - bl->icon_gap;
	}
	double fh = lines * (bl->icon + bl->icon_gap) - bl->icon_gap;
	if (!make_key(te, c, t, bl, d))
		return false;
	double kh = bl->center_label.height + round(12 * s);
	double fx, fy;
	if (!figure_with_legend(te, c, t, bl, W, fw, fh + kh, beside, false, s, &fx, &fy, d))
		return false;
	bl->icons_x = fx;
	bl->icons_y = fy;
	bl->cl_x = fx;
	bl->cl_y = fy + fh + round(12 * s);
	return true;
}

/* Related counts: a row per part, as a bar or a line of icons. */
static bool layout_rows(struct text_engine *te, const struct chart *c, const struct theme *t,
			struct breakdown_layout *bl, double W, double s, struct diag *d)
{
	const struct breakdown *bd = &c->breakdown;
	bool icons = bd->variant == BD_PICTOGRAM;
	bl->rows_of = xcalloc(bl->n, sizeof *bl->rows_of);
	struct text_style ls = {t->label_px * 0.875, 400, false, false, 1.35, TEXT_LEFT, true, 0, 0};
	struct text_style vs = {t->label_px, 700, false, true, 1.2, TEXT_LEFT, false, 0, 0};
	double vmax = 0, value_w = 0, label_w = 0;
	bool ok = true;
	for (size_t i = 0; i < bl->n; i++) {
		char buf[256];
		ok &= make(te, &bl->rows_of[i].value, value_text(c, i, buf, sizeof buf), &vs, 0, c,
			   bd->parts[i].pos, d);
		vmax = fmax(vmax, bd->parts[i].value);
		if (ok)
			value_w = fmax(value_w, bl->rows_of[i].value.width);
	}
	if (!ok)
		return false;
	double gap = round(16 * s);
	if (icons) {
		/* Label and value on a line, the icons beneath. */
		bl->icon = round(30 * s);
		bl->icon_gap = round(6 * s);
		int fit = (int)floor((W + bl->icon_gap) / (bl->icon + bl->icon_gap));
		if (fit < 1)
			fit = 1;
		if (!make_key(te, c, t, bl, d))
			return false;
		double y = 0;
		for (size_t i = 0; i < bl->n; i++) {
			struct bd_row *r = &bl->rows_of[i];
			ok &= make(te, &r->label, bd->parts[i].label.text, &ls, W - value_w - gap, c,
				   bd->parts[i].label.pos, d);
			if (!ok)
				return false;
			/* Whole icons, rounded; a count above zero shows at least one. */
			double count = bd->parts[i].value / bd->per_icon;
			int n_icons = count > 0 ? (int)fmax(1, round(count)) : 0;
			r->n_icons = n_icons;
			r->icons_per_line = fit;
			int lines = n_icons > 0 ? (n_icons + fit - 1) / fit : 0;
			r->value_x = 0;
			r->value_y = y;
			r->label_x = r->value.width + round(14 * s);
			r->label_y = y + r->value.baseline - r->label.baseline;
			double line_h = fmax(r->value.height, r->label_y - y + r->label.height);
			r->icons_x = 0;
			r->icons_y = y + line_h + round(10 * s);
			y = r->icons_y + lines * (bl->icon + bl->icon_gap) - (lines ? bl->icon_gap : 0);
			y += round(30 * s);
		}
		bl->cl_x = 0;
		bl->cl_y = y - round(10 * s);
		bl->height = bl->cl_y + bl->center_label.height;
		return true;
	}
	/* Bars: labels in a column, bars zero-based, values at their ends. */
	for (size_t i = 0; i < bl->n; i++) {
		ok &= make(te, &bl->rows_of[i].label, bd->parts[i].label.text, &ls, W * 0.32, c,
			   bd->parts[i].label.pos, d);
		if (ok)
			label_w = fmax(label_w, bl->rows_of[i].label.ink_left + bl->rows_of[i].label.ink_width);
	}
	if (!ok)
		return false;
	double bar_x = label_w + gap;
	double bar_max = W - bar_x - value_w - round(10 * s);
	double bar_h = round(30 * s);
	double y = 0;
	for (size_t i = 0; i < bl->n; i++) {
		struct bd_row *r = &bl->rows_of[i];
		double h = fmax(r->label.height, bar_h);
		r->label_x = 0;
		r->label_y = y + (h - r->label.height) / 2;
		r->bar_x = bar_x;
		r->bar_h = bar_h;
		r->bar_y = y + (h - bar_h) / 2;
		r->bar_w = vmax > 0 ? bar_max * bd->parts[i].value / vmax : 0;
		r->value_x = bar_x + r->bar_w + round(10 * s);
		r->value_y = y + (h - r->value.height) / 2;
		y += h + round(18 * s);
	}
	bl->height = y - round(18 * s);
	return true;
}

bool breakdown_layout(struct text_engine *te, const struct chart *c, const struct theme *t,
		      double W, struct breakdown_layout *bl, struct diag *d)
{
	memset(bl, 0, sizeof *bl);
	const struct breakdown *bd = &c->breakdown;
	double s = t->scale;
	bl->variant = bd->variant;
	bl->whole = bd->whole;
	bl->n = bd->n;
	bl->swatch = round(20 * s);
	colors_init(c, t, bl);
	bl->n_items = bd->n;
	bl->items = xcalloc(bl->n_items, sizeof *bl->items);
	for (size_t i = 0; i < bl->n; i++)
		bl->items[i].rgb = bl->colors[i];
	if (!bd->whole) {
		bl->n_items = 0;
		return layout_rows(te, c, t, bl, W, s, d);
	}
	switch (bd->variant) {
	case BD_BAR:
		return layout_stacked_bar(te, c, t, bl, W, s, d);
	case BD_DONUT:
		return layout_donut(te, c, t, bl, W, s, d);
	case BD_WAFFLE:
		return layout_waffle(te, c, t, bl, W, s, d);
	case BD_PICTOGRAM:
		return layout_pictogram_whole(te, c, t, bl, W, s, d);
	}
	return false;
}

void breakdown_place(struct breakdown_layout *bl, double x, double y)
{
	bl->bar.x += x, bl->bar.y += y;
	for (size_t i = 0; bl->seg_x && i < bl->n; i++)
		bl->seg_x[i] += x;
	bl->cx += x, bl->cy += y;
	bl->cv_x += x, bl->cv_y += y, bl->cl_x += x, bl->cl_y += y;
	for (size_t i = 0; bl->seg_tx && i < bl->n; i++)
		bl->seg_tx[i] += x, bl->seg_ty[i] += y;
	bl->grid_x += x, bl->grid_y += y;
	bl->icons_x += x, bl->icons_y += y;
	for (size_t i = 0; i < bl->n_items; i++) {
		struct bd_item *it = &bl->items[i];
		it->x += x, it->y += y, it->text_x += x, it->value_y += y;
	}
	for (size_t i = 0; bl->rows_of && i < bl->n; i++) {
		struct bd_row *r = &bl->rows_of[i];
		r->label_x += x, r->label_y += y, r->value_x += x, r->value_y += y;
		r->bar_x += x, r->bar_y += y, r->icons_x += x, r->icons_y += y;
	}
}

/* Dark text on light fills, white on dark: WCAG relative luminance. */
static uint32_t text_on(uint32_t rgb, const struct theme *t)
{
	double c[3];
	for (int i = 0; i < 3; i++) {
		double v = ((rgb >> (16 - 8 * i)) & 255) / 255.0;
		c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	double lum = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	return (1.05) / (lum + 0.05) >= 4.5 ? 0xFFFFFF : t->ink;
}

void breakdown_draw(cairo_t *cr, const struct breakdown_layout *bl, const struct theme *t,
		    const struct chart *c)
{
	const struct breakdown *bd = &c->breakdown;
	double sep = fmax(1, bl->swatch / 10); /* separators in the background colour */
	if (bl->whole && bl->variant == BD_BAR) {
		for (size_t i = 0; i < bl->n; i++) {
			set_rgb(cr, bl->colors[i]);
			cairo_rectangle(cr, bl->seg_x[i], bl->bar.y, bl->seg_w[i], bl->bar.h);
			cairo_fill(cr);
		}
		set_rgb(cr, t->bg);
		for (size_t i = 1; i < bl->n; i++) {
			if (bl->seg_w[i] <= 0)
				continue;
			cairo_rectangle(cr, bl->seg_x[i] - sep / 2, bl->bar.y, sep, bl->bar.h);
			cairo_fill(cr);
		}
	}
	if (bl->whole && bl->variant == BD_DONUT) {
		double a = -M_PI / 2;
		for (size_t i = 0; i < bl->n; i++) {
			double span = 2 * M_PI * bd->parts[i].value / bd->sum;
			if (span <= 0)
				continue;
			cairo_new_path(cr);
			cairo_arc(cr, bl->cx, bl->cy, bl->r_out, a, a + span);
			cairo_arc_negative(cr, bl->cx, bl->cy, bl->r_in, a + span, a);
			cairo_close_path(cr);
			set_rgb(cr, bl->colors[i]);
			cairo_fill(cr);
			a += span;
		}
		if (bl->n > 1) {
			set_rgb(cr, t->bg);
			cairo_set_line_width(cr, sep);
			a = -M_PI / 2;
			for (size_t i = 0; i < bl->n; i++) {
				cairo_move_to(cr, bl->cx + bl->r_in * cos(a) * 0.98, bl->cy + bl->r_in * sin(a) * 0.98);
				cairo_line_to(cr, bl->cx + bl->r_out * cos(a) * 1.01, bl->cy + bl->r_out * sin(a) * 1.01);
				cairo_stroke(cr);
				a += 2 * M_PI * bd->parts[i].value / bd->sum;
			}
		}
		for (size_t i = 0; i < bl->n; i++)
			text_block_draw(&bl->seg_text[i], cr, bl->seg_tx[i], bl->seg_ty[i],
					text_on(bl->colors[i], t));
		text_block_draw(&bl->center_value, cr, bl->cv_x, bl->cv_y, t->ink);
		text_block_draw(&bl->center_label, cr, bl->cl_x, bl->cl_y, t->ink2);
	}
	if (bl->whole && bl->variant == BD_WAFFLE) {
		for (int k = 0; k < bl->n_cells; k++) {
			int r = k / bl->cols, col = k % bl->cols;
			double x = bl->grid_x + col * (bl->cell + bl->cell_gap);
			double y = bl->grid_y + r * (bl->cell + bl->cell_gap);
			set_rgb(cr, bl->cell_part[k] >= 0 ? bl->colors[bl->cell_part[k]] : t->track);
			cairo_rectangle(cr, x, y, bl->cell, bl->cell);
			cairo_fill(cr);
		}
	}
	if (bl->whole && bl->variant == BD_PICTOGRAM) {
		for (size_t k = 0; k < bl->n_icons; k++) {
			int r = (int)(k / (size_t)bl->icons_per_line), col = (int)(k % (size_t)bl->icons_per_line);
			double x = bl->icons_x + col * (bl->icon + bl->icon_gap);
			double y = bl->icons_y + r * (bl->icon + bl->icon_gap);
			int p = bl->icon_part[k];
			icon_draw(cr, bd->icon, x, y, bl->icon, p >= 0 ? bl->colors[p] : t->track);
		}
		text_block_draw(&bl->center_label, cr, bl->cl_x, bl->cl_y, t->ink3);
	}
	for (size_t i = 0; i < bl->n_items; i++) {
		const struct bd_item *it = &bl->items[i];
		if (bl->swatch > 0) {
			set_rgb(cr, it->rgb);
			double sy = it->y + (it->label.baseline - bl->swatch * 0.8);
			cairo_rectangle(cr, it->x, sy, bl->swatch, bl->swatch);
			cairo_fill(cr);
		}
		text_block_draw(&it->label, cr, it->text_x, it->y, t->ink);
		text_block_draw(&it->value, cr, it->text_x, it->value_y, t->ink);
	}
	for (size_t i = 0; bl->rows_of && i < bl->n; i++) {
		const struct bd_row *r = &bl->rows_of[i];
		text_block_draw(&r->label, cr, r->label_x, r->label_y, t->ink);
		text_block_draw(&r->value, cr, r->value_x, r->value_y, t->ink);
		if (bd->variant == BD_PICTOGRAM) {
			for (int k = 0; k < r->n_icons; k++) {
				int row = k / r->icons_per_line, col = k % r->icons_per_line;
				double x = r->icons_x + col * (bl->icon + bl->icon_gap);
				double y = r->icons_y + row * (bl->icon + bl->icon_gap);
				icon_draw(cr, bd->icon, x, y, bl->icon, bl->colors[i]);
			}
		} else {
			set_rgb(cr, bl->colors[i]);
			cairo_rectangle(cr, r->bar_x, r->bar_y, r->bar_w, r->bar_h);
			cairo_fill(cr);
		}
	}
	if (!bl->whole && bd->variant == BD_PICTOGRAM)
		text_block_draw(&bl->center_label, cr, bl->cl_x, bl->cl_y, t->ink3);
}

void breakdown_fini(struct breakdown_layout *bl)
{
	for (size_t i = 0; bl->items && i < bl->n; i++) {
		text_block_fini(&bl->items[i].label);
		text_block_fini(&bl->items[i].value);
	}
	for (size_t i = 0; bl->seg_text && i < bl->n; i++)
		text_block_fini(&bl->seg_text[i]);
	for (size_t i = 0; bl->rows_of && i < bl->n; i++) {
		text_block_fini(&bl->rows_of[i].label);
		text_block_fini(&bl->rows_of[i].value);
	}
	text_block_fini(&bl->center_value);
	text_block_fini(&bl->center_label);
	free(bl->colors);
	free(bl->seg_x);
	free(bl->seg_w);
	free(bl->seg_text);
	free(bl->seg_tx);
	free(bl->seg_ty);
	free(bl->cell_part);
	free(bl->icon_part);
	free(bl->items);
	free(bl->rows_of);
	memset(bl, 0, sizeof *bl);
}
