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
	struct text_block title, subtitle, note, source, credit, logo;
	double title_y, subtitle_y, note_y, source_y, credit_x, credit_y, logo_x, logo_y;
	void *logo_png; /* cairo_surface_t of the theme's logo file */
	double logo_w, logo_h;
	double header_h, footer_h; /* including their gaps to the plot */
	struct rect tab;           /* the accent tab above the title */
	double tab_gap;
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
	bool anchor; /* a year's label among months': shown before the months */
	struct text_block text;
	/* The first tick of a span across years reads "2016 年 10 月"; alt is
	 * "10 月", swapped in when the year would crowd the next label. */
	struct text_block alt;
	bool alt_in;
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

/* A legend entry, or a direct label: swatch, label, value (and share). */
struct bd_item {
	struct text_block label, value;
	double x, y;         /* top-left of the swatch */
	double text_x;       /* label and value start here */
	double value_y;
	uint32_t rgb;
};

struct bd_row { /* related counts: one row per part */
	struct text_block label, value;
	double label_x, label_y, value_x, value_y;
	double bar_x, bar_y, bar_w, bar_h;  /* bar variant */
	double icons_x, icons_y;            /* pictogram variant */
	int icons_per_line, n_icons;        /* whole icons: the value over per_icon, rounded */
};

struct breakdown_layout {
	enum breakdown_variant variant;
	bool whole;
	size_t n;
	uint32_t *colors;
	double swatch;
	/* 100% stacked bar */
	struct rect bar;
	double *seg_x, *seg_w;
	/* donut */
	double cx, cy, r_out, r_in;
	struct text_block center_value, center_label;
	double cv_x, cv_y, cl_x, cl_y;
	struct text_block *seg_text;
	double *seg_tx, *seg_ty;
	/* waffle */
	int cols, rows, n_cells;
	int *cell_part; /* the part each cell shows, -1 for none */
	double cell, cell_gap, grid_x, grid_y;
	/* pictogram of a whole */
	double icon, icon_gap;
	int icons_per_line;
	double icons_x, icons_y;
	size_t n_icons;
	int *icon_part; /* the part each icon shows (whole icons, by largest remainder) */
	/* legend or direct labels */
	size_t n_items;
	struct bd_item *items;
	/* related counts */
	struct bd_row *rows_of;
	double height;
};

struct kpi_box {
	struct rect card;
	struct text_block label, value, unit, compare;
	double label_x, label_y, value_x, value_y, unit_x, unit_y, compare_x, compare_y;
	double icon_x, icon_y, icon_size;
	uint32_t compare_rgb;
};

struct kpis_layout {
	size_t n;
	struct kpi_box *boxes;
	int cols;
	double rule_w;
	double height;
};

struct chart_layout;

struct poster_item {
	int kind; /* 0 heading, 1 paragraph, 2 chart */
	int section;
	struct text_block text;
	struct chart_layout *chart;
	double x, y, h;
};

struct poster_layout {
	struct rect tab;
	struct text_block headline, dek, source, credit, logo;
	double headline_y, dek_y, rule_y, rule_w, source_y, credit_y, logo_x, logo_y, content_w;
	void *logo_png;
	double logo_w, logo_h;
	size_t n_items;
	struct poster_item *items;
	double height;
};

struct chart_layout {
	const struct chart *chart;
	struct theme theme;
	double width, height; /* px at 1x */
	struct frame_layout frame;
	struct gauges_layout gauges;
	struct timeline_layout timeline;
	struct breakdown_layout breakdown;
	struct kpis_layout kpis;
	struct poster_layout poster;
	bool embedded; /* inside a poster: no background, tab or padding */
	const char *alt; /* the alt text: the author's, or generated */
	char *alt_owned;
};

/* Lays `c` out at `width_px` (0: the spec's width) in the house style `tf`
 * (NULL: the built-in one). Reports text and size problems to d and returns
 * false then, having freed what it built; on success free with
 * layout_chart_fini(). */
bool layout_chart(struct text_engine *te, const struct chart *c, const struct theme_file *tf,
		  int width_px, struct chart_layout *out, struct diag *d);
void layout_chart_fini(struct chart_layout *l);
void draw_chart(cairo_t *cr, const struct chart_layout *l);
/* A chart inside a poster, `width` px wide, type at `scale`. */
bool layout_chart_embedded(struct text_engine *te, const struct chart *c,
			   const struct theme_file *tf, double scale, double width,
			   struct chart_layout *out, struct diag *d);
/* Sets the typography of the theme and the chart (its words beside the
 * theme's) for the texts laid out next. */
void chart_text_style(struct text_engine *te, const struct theme_file *tf, const struct chart *c);
/* Draws only what meets the band [y0, y1) of the canvas (PDF pages). */
void draw_chart_band(cairo_t *cr, const struct chart_layout *l, double y0, double y1);

/* Frame: measure header and footer for a content width, then place them
 * around a plot of the given height. */
bool frame_measure(struct text_engine *te, const struct chart *c, const struct theme *t,
		   double width, bool embedded, struct frame_layout *f, struct diag *d);
void frame_place(struct frame_layout *f, const struct theme *t, double width, double plot_h,
		 double total_h);
void frame_draw(cairo_t *cr, const struct frame_layout *f, const struct theme *t);
void frame_fini(struct frame_layout *f);
/* Sets an 0xRRGGBB colour as the source. */
void set_rgb(cairo_t *cr, uint32_t rgb);
/* Paints a PNG logo (a cairo image surface) `h` px tall at (x, y). */
void draw_logo_png(cairo_t *cr, void *png, double x, double y, double h);

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

bool breakdown_layout(struct text_engine *te, const struct chart *c, const struct theme *t,
		      double plot_w, struct breakdown_layout *bl, struct diag *d);
void breakdown_place(struct breakdown_layout *bl, double x, double y);
void breakdown_draw(cairo_t *cr, const struct breakdown_layout *bl, const struct theme *t,
		    const struct chart *c);
void breakdown_fini(struct breakdown_layout *bl);

bool kpis_layout(struct text_engine *te, const struct chart *c, const struct theme *t,
		 double plot_w, struct kpis_layout *kl, struct diag *d);
void kpis_place(struct kpis_layout *kl, double x, double y);
void kpis_draw(cairo_t *cr, const struct kpis_layout *kl, const struct theme *t,
	       const struct chart *c);
void kpis_fini(struct kpis_layout *kl);

bool poster_layout(struct text_engine *te, const struct chart *c, const struct theme_file *tf,
		   double width, struct poster_layout *pl, struct diag *d);
void poster_draw(cairo_t *cr, const struct poster_layout *pl, const struct theme *t,
		 double y0, double y1);
void poster_fini(struct poster_layout *pl);
/* Where an A4 page may end: above a section (preferred) or a block, never
 * right under a heading. */
struct page_break {
	double y;
	bool section;
};
size_t poster_breaks(const struct poster_layout *pl, struct page_break *out, size_t max);

#endif
