/* frame: the house-style header (accent tab, title, subtitle) and footer
 * (note, source, credit) around every chart (stages: layout, draw). */
#include "layout.h"

#include <math.h>
#include <string.h>

#include "util.h"

static const char *source_prefix(enum locale_id l)
{
	static const char *const p[] = {"数据来源：", "資料來源：", "出典：", "출처: ", "Source: "};
	return p[l];
}

static const char *note_prefix(enum locale_id l)
{
	static const char *const p[] = {"注：", "註：", "注：", "주: ", "Note: "};
	return p[l];
}

static bool make(struct text_engine *te, struct text_block *tb, const char *text,
		 const struct text_field *f, const struct text_style *st, double wrap,
		 const struct chart *c, struct diag *d)
{
	struct text_origin o = {d, c->file, f->pos};
	return text_block_make(te, tb, text, st, wrap, c->locale, &o);
}

bool frame_measure(struct text_engine *te, const struct chart *c, const struct theme *t,
		   double width, bool embedded, struct frame_layout *f, struct diag *d)
{
	memset(f, 0, sizeof *f);
	double cw = width - 2 * t->pad;
	bool ok = true;
	struct text_style title = {t->title_px, 700, t->serif_title, false, t->title_lh, TEXT_LEFT, true, 0, 0};
	struct text_style sub = {t->subtitle_px, 400, false, false, t->subtitle_lh, TEXT_LEFT, true, 0, 0};
	struct text_style small = {t->source_px, 400, false, false, 1.4, TEXT_LEFT, true, 0, 0};
	if (c->title.text)
		ok &= make(te, &f->title, c->title.text, &c->title, &title, cw, c, d);
	if (c->subtitle.text)
		ok &= make(te, &f->subtitle, c->subtitle.text, &c->subtitle, &sub, cw, c, d);
	char buf[40000];
	if (c->note.text) {
		snprintf(buf, sizeof buf, "%s%s", note_prefix(c->locale), c->note.text);
		ok &= make(te, &f->note, buf, &c->note, &small, cw, c, d);
	}
	if (c->source.text) {
		snprintf(buf, sizeof buf, "%s%s", source_prefix(c->locale), c->source.text);
		ok &= make(te, &f->source, buf, &c->source, &small, 0, c, d);
	}
	if (c->credit.text && !embedded) /* in a poster, its footer credits */
		ok &= make(te, &f->credit, c->credit.text, &c->credit, &small, 0, c, d);
	/* A theme's logo takes the bottom right; the credit then joins the
	 * source on the left. */
	const struct theme_file *tf = embedded ? NULL : t->file;
	if (tf && tf->logo_file[0]) {
		cairo_surface_t *png = cairo_image_surface_create_from_png(tf->logo_file);
		if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
			diag_error(d, DIAG_INPUT, tf->logo_file, 0, 0, "cannot read the logo as a PNG: %s",
				   cairo_status_to_string(cairo_surface_status(png)));
			cairo_surface_destroy(png);
			return false;
		}
		f->logo_png = png;
		f->logo_h = round(tf->logo_height * t->scale);
		f->logo_w = f->logo_h * cairo_image_surface_get_width(png) /
			    fmax(1, cairo_image_surface_get_height(png));
	} else if (tf && tf->logo_text[0]) {
		struct text_style ls = {t->source_px * 1.1, 700, true, false, 1.2, TEXT_LEFT, false, 0, 0};
		struct text_field none = {NULL, {0, 0}};
		ok &= make(te, &f->logo, tf->logo_text, &none, &ls, 0, c, d);
		f->logo_w = f->logo.width;
		f->logo_h = f->logo.height;
	}
	if (!ok)
		return false;

	/* Source left and credit right on one line when both fit; otherwise
	 * each wraps on its own line. */
	double gap = t->source_px * 1.5;
	if (f->logo_w > 0)
		cw -= f->logo_w + gap; /* the footer's text keeps clear of the logo */
	if (f->source.layout && f->credit.layout &&
	    (f->logo_w > 0 || f->source.width + gap + f->credit.width > cw)) {
		text_block_fini(&f->source);
		text_block_fini(&f->credit);
		snprintf(buf, sizeof buf, "%s%s", source_prefix(c->locale), c->source.text);
		ok &= make(te, &f->source, buf, &c->source, &small, cw, c, d);
		ok &= make(te, &f->credit, c->credit.text, &c->credit, &small, cw, c, d);
		f->credit_y = -1; /* stacked */
	} else {
		if (f->source.layout && f->source.width > cw) {
			text_block_fini(&f->source);
			snprintf(buf, sizeof buf, "%s%s", source_prefix(c->locale), c->source.text);
			ok &= make(te, &f->source, buf, &c->source, &small, cw, c, d);
		}
		if (f->credit.layout && f->credit.width > cw) {
			text_block_fini(&f->credit);
			ok &= make(te, &f->credit, c->credit.text, &c->credit, &small, cw, c, d);
		}
	}
	double s = t->scale;
	/* Inside a poster a chart has no accent tab, and no header at all when
	 * it has neither title nor subtitle. */
	f->tab.w = embedded ? 0 : 56 * s;
	f->tab.h = embedded ? 0 : 6 * s;
	f->tab_gap = embedded ? 0 : 16 * s;
	f->header_h = t->pad + f->tab.h + f->tab_gap + f->title.height;
	if (f->subtitle.layout)
		f->header_h += (f->title.layout ? t->gap_title_subtitle : 0) + f->subtitle.height;
	if (f->title.layout || f->subtitle.layout || !embedded)
		f->header_h += t->gap_header_plot;
	double foot = 0;
	if (f->note.layout)
		foot += f->note.height;
	double line = 0;
	if (f->credit_y < 0) {
		line = (f->source.layout ? f->source.height : 0) +
		       (f->credit.layout ? f->credit.height : 0);
	} else {
		line = f->source.height > f->credit.height ? f->source.height : f->credit.height;
	}
	if (line > 0 && foot > 0)
		foot += 6 * s;
	foot += line;
	if (f->logo_h > foot)
		foot = f->logo_h;
	f->footer_h = (foot > 0 ? t->gap_plot_footer + foot : 0) + t->pad;
	return ok;
}

void frame_place(struct frame_layout *f, const struct theme *t, double width, double plot_h,
		 double total_h)
{
	double s = t->scale;
	f->tab.x = t->pad;
	f->tab.y = t->pad;
	f->title_y = t->pad + f->tab.h + f->tab_gap;
	double y = f->title_y + f->title.height;
	if (f->subtitle.layout) {
		f->subtitle_y = y + (f->title.layout ? t->gap_title_subtitle : 0);
		y = f->subtitle_y + f->subtitle.height;
	}
	if (f->title.layout || f->subtitle.layout || f->tab.h > 0)
		y += t->gap_header_plot;
	/* Extra height from a fixed canvas goes around the plot. */
	double spare = total_h - (f->header_h + plot_h + f->footer_h);
	f->plot.x = t->pad;
	f->plot.y = y + (spare > 0 ? spare / 2 : 0);
	f->plot.w = width - 2 * t->pad;
	f->plot.h = plot_h;
	/* The footer sits on the bottom padding. */
	double fy = total_h - t->pad;
	if (f->credit_y < 0) {
		if (f->credit.layout) {
			fy -= f->credit.height;
			f->credit_x = t->pad;
			f->credit_y = fy;
		}
		if (f->source.layout) {
			fy -= f->source.height;
			f->source_y = fy;
		}
	} else {
		double line = f->source.height > f->credit.height ? f->source.height : f->credit.height;
		fy -= line;
		f->source_y = fy;
		f->credit_y = fy;
		f->credit_x = width - t->pad - f->credit.width;
	}
	if (f->note.layout)
		f->note_y = fy - (f->source.layout || f->credit.layout ? 6 * s : 0) - f->note.height;
	f->logo_x = width - t->pad - f->logo_w;
	f->logo_y = total_h - t->pad - f->logo_h;
}

void set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
			     (rgb & 255) / 255.0);
}

void draw_logo_png(cairo_t *cr, void *png, double x, double y, double h)
{
	cairo_surface_t *s = png;
	double k = h / cairo_image_surface_get_height(s);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, k, k);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
}

static void fill_rect(cairo_t *cr, const struct rect *r, uint32_t rgb)
{
	if (r->w <= 0 || r->h <= 0)
		return;
	set_rgb(cr, rgb);
	cairo_rectangle(cr, r->x, r->y, r->w, r->h);
	cairo_fill(cr);
}

void frame_draw(cairo_t *cr, const struct frame_layout *f, const struct theme *t)
{
	fill_rect(cr, &f->tab, t->accent);
	text_block_draw(&f->title, cr, t->pad, f->title_y, t->ink);
	text_block_draw(&f->subtitle, cr, t->pad, f->subtitle_y, t->ink2);
	text_block_draw(&f->note, cr, t->pad, f->note_y, t->ink3);
	text_block_draw(&f->source, cr, t->pad, f->source_y, t->ink3);
	text_block_draw(&f->credit, cr, f->credit_x, f->credit_y, t->ink3);
	text_block_draw(&f->logo, cr, f->logo_x, f->logo_y, t->ink);
	if (f->logo_png)
		draw_logo_png(cr, f->logo_png, f->logo_x, f->logo_y, f->logo_h);
}

void frame_fini(struct frame_layout *f)
{
	text_block_fini(&f->title);
	text_block_fini(&f->subtitle);
	text_block_fini(&f->note);
	text_block_fini(&f->source);
	text_block_fini(&f->credit);
	text_block_fini(&f->logo);
	if (f->logo_png)
		cairo_surface_destroy(f->logo_png);
	f->logo_png = NULL;
}
