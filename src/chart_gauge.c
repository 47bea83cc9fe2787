/* chart_gauge: the `gauges` chart: 240-degree arcs on a shared scale, the
 * value as written, a wrapped label and keyed reference marks (stages:
 * layout, draw). The grid follows the width. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "numfmt.h"
#include "util.h"

#define SWEEP_DEG 240.0
#define START_DEG 150.0 /* cairo angles grow clockwise; 150 is lower left */

int gauges_columns(size_t n, double plot_w, double gap, double min_cell)
{
	int cols = (int)n;
	while (cols > 1 && (plot_w - gap * (cols - 1)) / cols < min_cell)
		cols--;
	/* Balance the rows: 5 in rows of 4 + 1 become 3 + 2. */
	int rows = ((int)n + cols - 1) / cols;
	return ((int)n + rows - 1) / rows;
}

static double angle_of(double frac)
{
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	return (START_DEG + SWEEP_DEG * frac) * M_PI / 180.0;
}

static bool make(struct text_engine *te, struct text_block *tb, const char *text,
		 const struct text_style *st, double wrap, const struct chart *c, struct pos pos,
		 struct diag *d)
{
	struct text_origin o = {d, c->file, pos};
	return text_block_make(te, tb, text, st, wrap, c->locale, &o);
}

bool gauges_layout(struct text_engine *te, const struct chart *c, const struct theme *t,
		   double plot_w, struct gauges_layout *g, struct diag *d)
{
	memset(g, 0, sizeof *g);
	double s = t->scale;
	double gap = round(32 * s);
	g->n = c->n_gauges;
	g->cols = gauges_columns(g->n, plot_w, gap, 156 * fmax(1, s));
	g->rows = (int)((g->n + (size_t)g->cols - 1) / (size_t)g->cols);
	g->boxes = xcalloc(g->n, sizeof *g->boxes);
	double cw = (plot_w - gap * (g->cols - 1)) / g->cols;
	/* One column (a phone): each gauge becomes a row, ring left, text right. */
	g->row_mode = g->cols == 1 && g->n > 1;
	double radius = g->row_mode ? fmin(cw * 0.2, 100 * s) : fmin(cw * 0.41, 120 * s);
	double stroke = round(radius * 0.18 * 2) / 2;
	double inner = 2 * (radius - stroke) * 0.72; /* room for the value */
	double text_gap = round(24 * s);
	double text_w = g->row_mode ? cw - 2 * radius - text_gap : cw;

	enum text_align align = g->row_mode ? TEXT_LEFT : TEXT_CENTER;
	struct text_style label = {t->label_px, 400, false, false, t->label_lh, align, true, 0, 0};
	struct text_style small = {t->small_px, 400, false, true, 1.3, TEXT_LEFT, false, 0, 0};
	struct text_style cap = {t->small_px, 400, false, false, 1.35, align, true, 0, 0};
	bool ok = true;

	/* One value size for the whole set: the largest at which every value and
	 * unit fits inside its ring. */
	double vsize = t->value_px;
	for (int pass = 0; pass < 6; pass++) {
		double widest = 0;
		for (size_t i = 0; i < g->n && ok; i++) {
			const struct gauge *gi = &c->gauges[i];
			struct gauge_box *b = &g->boxes[i];
			struct text_style vs = {vsize, 700, false, true, 1.0, TEXT_LEFT, false, 0, 0};
			struct text_style us = {round(vsize * 0.5), 700, false, false, 1.0, TEXT_LEFT,
						false, 0, 0};
			text_block_fini(&b->value);
			text_block_fini(&b->unit);
			ok &= make(te, &b->value, gi->value_text, &vs, 0, c, gi->pos, d);
			/* The same unit as the gauge before: the same layout. */
			const struct gauge *prev = i ? &c->gauges[i - 1] : NULL;
			if (gi->unit.text && gi->unit.text[0] && prev && prev->unit.text &&
			    strcmp(prev->unit.text, gi->unit.text) == 0 && g->boxes[i - 1].unit.layout)
				text_block_share(&b->unit, &g->boxes[i - 1].unit);
			else if (gi->unit.text && gi->unit.text[0])
				ok &= make(te, &b->unit, gi->unit.text, &us, 0, c, gi->unit.pos, d);
			double w = b->value.width + (b->unit.layout ? b->unit.width + vsize * 0.04 : 0);
			if (w > widest)
				widest = w;
		}
		if (!ok || widest <= inner || vsize <= 10)
			break;
		vsize = fmax(10, floor(vsize * inner / widest));
	}
	if (!ok)
		return false;

	char prev_hi[128] = "";
	for (size_t i = 0; i < g->n; i++) {
		const struct gauge *gi = &c->gauges[i];
		struct gauge_box *b = &g->boxes[i];
		b->radius = radius;
		b->stroke = stroke;
		b->frac = gi->value / gi->max;
		b->cell.w = cw;
		b->text_w = text_w;
		ok &= make(te, &b->label, gi->label.text, &label, text_w, c, gi->label.pos, d);
		char num[64];
		numfmt_plain(gi->max, 2, num, sizeof num);
		char hi[128];
		snprintf(hi, sizeof hi, "%s%s", num, gi->unit.text ? gi->unit.text : "");
		/* The scale ends repeat from gauge to gauge: laid out once. */
		if (i && g->boxes[i - 1].lo.layout)
			text_block_share(&b->lo, &g->boxes[i - 1].lo);
		else
			ok &= make(te, &b->lo, "0", &small, 0, c, gi->pos, d);
		if (i && g->boxes[i - 1].hi.layout && strcmp(hi, prev_hi) == 0)
			text_block_share(&b->hi, &g->boxes[i - 1].hi);
		else
			ok &= make(te, &b->hi, hi, &small, 0, c, gi->pos, d);
		snprintf(prev_hi, sizeof prev_hi, "%s", hi);
		b->n_marks = gi->n_marks;
		b->key_w = fmax(12, round(14 * s));
		if (gi->n_marks) {
			b->mark_frac = xcalloc(gi->n_marks, sizeof *b->mark_frac);
			b->mark_text = xcalloc(gi->n_marks, sizeof *b->mark_text);
			b->mark_x = xcalloc(gi->n_marks, sizeof *b->mark_x);
			b->mark_y = xcalloc(gi->n_marks, sizeof *b->mark_y);
		}
		for (size_t k = 0; k < gi->n_marks; k++) {
			b->mark_frac[k] = gi->marks[k].value / gi->max;
			ok &= make(te, &b->mark_text[k], gi->marks[k].label.text, &cap, text_w - b->key_w, c,
				   gi->marks[k].label.pos, d);
		}
	}
	if (!ok)
		return false;

	/* Rows: every cell in a row shares the ring line and the label line. */
	double row_gap = round((g->row_mode ? 32 : 44) * s);
	double y = 0;
	for (int r = 0; r < g->rows; r++) {
		size_t first = (size_t)r * g->cols;
		size_t count = g->n - first < (size_t)g->cols ? g->n - first : (size_t)g->cols;
		double ends_h = 0;
		for (size_t k = 0; k < count; k++)
			ends_h = fmax(ends_h, g->boxes[first + k].hi.height);
		double ring_h = radius * 1.5 + round(6 * s) + ends_h;
		double row_h = 0;
		/* A short last row is centred. */
		double row_x = (plot_w - (count * cw + (count - 1) * gap)) / 2;
		for (size_t k = 0; k < count; k++) {
			struct gauge_box *b = &g->boxes[first + k];
			b->cell.x = row_x + k * (cw + gap);
			b->cell.y = y;
			b->cx = b->cell.x + (g->row_mode ? radius : cw / 2);
			double text_h = b->label.height;
			for (size_t m = 0; m < b->n_marks; m++)
				text_h += round(8 * s) + b->mark_text[m].height;
			double ring_top = 0, text_top;
			if (g->row_mode) {
				b->text_x = b->cell.x + 2 * radius + text_gap;
				/* Centre the text on the ring, or the ring on the text. */
				double hi = fmax(ring_h, text_h);
				ring_top = (hi - ring_h) / 2;
				text_top = (hi - text_h) / 2;
			} else {
				b->text_x = b->cell.x;
				text_top = ring_h + round(10 * s);
			}
			b->cy = y + ring_top + radius;
			double vx_w = b->value.width +
				      (b->unit.layout ? b->unit.width + b->value.height * 0.04 : 0);
			b->value_x = b->cx - vx_w / 2;
			/* Centre the digits' cap height on the ring's centre. */
			double cap_h = b->value.height * 0.73;
			b->value_y = b->cy + cap_h / 2 - b->value.baseline;
			if (b->unit.layout) {
				b->unit_x = b->value_x + b->value.width + b->value.height * 0.04;
				b->unit_y = b->value_y + b->value.baseline - b->unit.baseline;
			}
			double end_dx = (radius - stroke / 2) * cos(30 * M_PI / 180);
			double ends_y = b->cy + radius * 0.5 + round(6 * s);
			b->lo_x = b->cx - end_dx - b->lo.width / 2;
			b->lo_y = ends_y;
			b->hi_x = b->cx + end_dx - b->hi.width / 2;
			b->hi_y = ends_y;
			b->label_y = y + text_top;
			double my = b->label_y + b->label.height;
			for (size_t m = 0; m < b->n_marks; m++) {
				/* The caption's lines share the label's alignment; its key tick
				 * stands left of the first line. */
				const struct text_block *tb = &b->mark_text[m];
				my += round(8 * s);
				b->mark_x[m] = g->row_mode ? b->text_x + b->key_w
							   : b->cx - tb->width / 2 + b->key_w / 2;
				b->mark_y[m] = my;
				my += tb->height;
			}
			double h = fmax(my - y, y + ring_top + ring_h - y);
			b->cell.h = h;
			if (h > row_h)
				row_h = h;
		}
		for (size_t k = 0; k < count; k++)
			g->boxes[first + k].cell.h = row_h;
		y += row_h + (r + 1 < g->rows ? row_gap : 0);
	}
	g->height = y;
	return true;
}

void gauges_place(struct gauges_layout *g, double x, double y)
{
	for (size_t i = 0; i < g->n; i++) {
		struct gauge_box *b = &g->boxes[i];
		b->cell.x += x, b->cell.y += y;
		b->cx += x, b->cy += y;
		b->value_x += x, b->value_y += y;
		b->unit_x += x, b->unit_y += y;
		b->lo_x += x, b->lo_y += y;
		b->hi_x += x, b->hi_y += y;
		b->label_y += y;
		b->text_x += x;
		for (size_t m = 0; m < b->n_marks; m++)
			b->mark_x[m] += x, b->mark_y[m] += y;
	}
}

void gauges_draw(cairo_t *cr, const struct gauges_layout *g, const struct theme *t)
{
	for (size_t i = 0; i < g->n; i++) {
		const struct gauge_box *b = &g->boxes[i];
		double rc = b->radius - b->stroke / 2;
		cairo_set_line_width(cr, b->stroke);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		set_rgb(cr, t->track);
		cairo_new_path(cr);
		cairo_arc(cr, b->cx, b->cy, rc, angle_of(0), angle_of(1));
		cairo_stroke(cr);
		if (b->frac > 0) {
			set_rgb(cr, t->primary);
			cairo_arc(cr, b->cx, b->cy, rc, angle_of(0), angle_of(b->frac));
			cairo_stroke(cr);
		}
		/* Reference marks: an ink tick across the track, keyed below. */
		double tick_w = fmax(2, b->stroke * 0.16);
		double over = b->stroke * 0.3;
		for (size_t m = 0; m < b->n_marks; m++) {
			double a = angle_of(b->mark_frac[m]);
			double r0 = b->radius - b->stroke - over, r1 = b->radius + over;
			set_rgb(cr, t->ink);
			cairo_set_line_width(cr, tick_w);
			cairo_move_to(cr, b->cx + r0 * cos(a), b->cy + r0 * sin(a));
			cairo_line_to(cr, b->cx + r1 * cos(a), b->cy + r1 * sin(a));
			cairo_stroke(cr);
			const struct text_block *tb = &b->mark_text[m];
			double kx = b->mark_x[m] + tb->line0_x - b->key_w + tick_w;
			double ky = b->mark_y[m] + tb->baseline;
			cairo_move_to(cr, kx, ky - tb->baseline * 0.82);
			cairo_line_to(cr, kx, ky + tb->baseline * 0.06);
			cairo_stroke(cr);
			text_block_draw(tb, cr, b->mark_x[m], b->mark_y[m], t->ink2);
		}
		text_block_draw(&b->value, cr, b->value_x, b->value_y, t->ink);
		text_block_draw(&b->unit, cr, b->unit_x, b->unit_y, t->ink);
		text_block_draw(&b->lo, cr, b->lo_x, b->lo_y, t->ink3);
		text_block_draw(&b->hi, cr, b->hi_x, b->hi_y, t->ink3);
		double lx = g->row_mode ? b->text_x : b->cx - b->label.width / 2;
		text_block_draw(&b->label, cr, lx, b->label_y, t->ink);
	}
}

void gauges_fini(struct gauges_layout *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct gauge_box *b = &g->boxes[i];
		text_block_fini(&b->value);
		text_block_fini(&b->unit);
		text_block_fini(&b->label);
		text_block_fini(&b->lo);
		text_block_fini(&b->hi);
		for (size_t m = 0; m < b->n_marks; m++)
			text_block_fini(&b->mark_text[m]);
		free(b->mark_text);
		free(b->mark_frac);
		free(b->mark_x);
		free(b->mark_y);
	}
	free(g->boxes);
	memset(g, 0, sizeof *g);
}
