/* layout: boxes in px at 1x for a whole graphic (stage: layout). Built once
 * from the model; drawn by draw_chart() into any cairo surface. */
#ifndef SALTPRINT_LAYOUT_H
#define SALTPRINT_LAYOUT_H

#include <cairo.h>
#include <stdbool.h>

#include "model.h"
#include "text.h"
#include "theme.h"

struct rect {
	double x, y, w, h;
};

/* Title, subtitle, note, source and credit around the plot. */
struct frame_layout {
	struct text_block title, subtitle, note, source, credit;
	double title_y, subtitle_y, note_y, source_y, credit_x, credit_y;
	double header_h, footer_h; /* including their gaps to the plot */
	struct rect tab;           /* the accent tab above the title */
	struct rect plot;
};

struct gauge_box {
	struct rect cell;
	double cx, cy, radius, stroke;
	double frac; /* value / max */
	struct text_block value, unit, label, lo, hi;
	double value_x, value_y, unit_x, unit_y, label_y, lo_x, lo_y, hi_x, hi_y;
	size_t n_marks;
	double *mark_frac;
	struct text_block *mark_text;
	double *mark_x, *mark_y; /* caption top-left; the key tick is left of it */
	double key_w;            /* width of the key tick plus its gap */
	double text_x, text_w;   /* the label column (row mode: right of the ring) */
};

struct gauges_layout {
	size_t n;
	struct gauge_box *boxes;
	int cols, rows;
	bool row_mode; /* one column: ring left, text right */
	double height;
};

struct tl_box {
	double mark_x, mark_y; /* the dot: at the event's date */
	bool has_amount;
	double stem_h; /* horizontal: the lollipop's length */
	double bar_w;  /* vertical: the amount bar */
	int lane;      /* horizontal: 0 is nearest the stems */
	struct text_block date, name, detail, amount, running;
	struct rect group; /* the label group */
	double date_y, name_y, detail_y, amount_y, running_y; /* line tops */
	double amount_x, bar_x, bar_y, name_x, running_x;
	double leader_x0, leader_y0, leader_x1, leader_y1;
};

struct tl_tick {
	double pos; /* x (horizontal) or y (vertical) of the tick */
	bool major; /* a year boundary */
	struct text_block text;
	double text_x, text_y;
	bool show;
};

struct timeline_layout {
	bool vertical;
	size_t n;
	struct tl_box *boxes;
	size_t n_ticks;
	struct tl_tick *ticks;
	double axis_x0, axis_y0, axis_x1, axis_y1;
	double band_y0, band_y1; /* horizontal: where rules jog to their slots */
	double dot_r, stem_w, bar_h;
	double height;
};

struct chart_layout {
	const struct chart *chart;
	struct theme theme;
	double width, height; /* px at 1x */
	struct frame_layout frame;
	struct gauges_layout gauges;
	struct timeline_layout timeline;
	const char *alt; /* the alt text: the author's, or generated */
	char *alt_owned;
};

/* Lays `c` out at `width_px` (0: the spec's width). Reports text and size
 * problems to d and returns false then. */
bool layout_chart(struct text_engine *te, const struct chart *c, int width_px,
		  struct chart_layout *out, struct diag *d);
void layout_chart_fini(struct chart_layout *l);
void draw_chart(cairo_t *cr, const struct chart_layout *l);

/* Frame: measure header and footer for a content width, then place them
 * around a plot of the given height. */
bool frame_measure(struct text_engine *te, const struct chart *c, const struct theme *t,
		   double width, struct frame_layout *f, struct diag *d);
void frame_place(struct frame_layout *f, const struct theme *t, double width, double plot_h,
		 double total_h);
void frame_draw(cairo_t *cr, const struct frame_layout *f, const struct theme *t);
void frame_fini(struct frame_layout *f);

/* Gauges: the grid follows the width. */
bool gauges_layout(struct text_engine *te, const struct chart *c, const struct theme *t,
		   double plot_w, struct gauges_layout *g, struct diag *d);
void gauges_place(struct gauges_layout *g, double x, double y);
void gauges_draw(cairo_t *cr, const struct gauges_layout *g, const struct theme *t);
void gauges_fini(struct gauges_layout *g);
/* How many columns n gauges take in plot_w px (balanced rows). */
int gauges_columns(size_t n, double plot_w, double gap, double min_cell);

/* Timeline: horizontal (lollipops, labels in lanes) or vertical (time flows
 * down), chosen by the spec or by the width (600 px and less: vertical). */
bool timeline_layout(struct text_engine *te, const struct chart *c, const struct theme *t,
		     double plot_w, struct timeline_layout *tl, struct diag *d);
void timeline_place(struct timeline_layout *tl, double x, double y);
void timeline_draw(cairo_t *cr, const struct timeline_layout *tl, const struct theme *t);
void timeline_fini(struct timeline_layout *tl);

#endif
