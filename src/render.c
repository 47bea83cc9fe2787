/* render: cairo surfaces for PNG, SVG and PDF around one draw_chart() call
 * (stages: draw + encode). cairo errors are sticky: checked after drawing and
 * after finishing each surface. */
#include "render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "encode_svg.h"
#include "svg_glyphs.h"

#define OUTPUT_LIMIT ((size_t)1 << 30)

void render_opts_default(struct render_opts *o)
{
	memset(o, 0, sizeof *o);
	o->scale = 1;
	o->date_epoch = 1514764800; /* 2018-01-01: fixed when SOURCE_DATE_EPOCH is unset */
	encode_png_default_params(&o->png);
	spec_limits_default(&o->lim);
}

const char *render_format_ext(enum render_format f)
{
	return f == FORMAT_PNG ? "png" : f == FORMAT_SVG ? "svg" : "pdf";
}

bool render_check_canvas(const struct chart_layout *l, const struct render_opts *o,
			 struct diag *d)
{
	double w = ceil(l->width * o->scale), h = ceil(l->height * o->scale);
	const struct chart *c = l->chart;
	int line = c->width_pos.line, col = c->width_pos.col;
	if (w > o->lim.max_side_px || h > o->lim.max_side_px) {
		diag_error(d, DIAG_INPUT, c->file, line, col,
			   "the canvas would be %.0fx%.0f px at scale %g, over the limit of %d px a "
			   "side (--max-side raises it)",
			   w, h, o->scale, o->lim.max_side_px);
		return false;
	}
	if (w * h > o->lim.max_megapixels * 1e6) {
		diag_error(d, DIAG_INPUT, c->file, line, col,
			   "the canvas would be %.0fx%.0f px at scale %g, over the limit of %g "
			   "megapixels (--max-megapixels raises it)",
			   w, h, o->scale, o->lim.max_megapixels);
		return false;
	}
	return true;
}

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	return dynbuf_append(closure, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Ends drawing on a vector surface: cairo's errors are sticky, so the
 * context's and then the finished surface's status tell. */
static cairo_status_t finish_surface(cairo_t *cr, cairo_surface_t *s)
{
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st;
}

static int cairo_failed(struct diag *d, const struct chart_layout *l, const char *what,
			cairo_status_t st)
{
	diag_error(d, DIAG_INTERNAL, l->chart->file, 0, 0, "drawing the %s failed: %s", what,
		   cairo_status_to_string(st));
	return -1;
}

int render_png(const struct chart_layout *l, const struct render_opts *o, struct dynbuf *out,
	       struct diag *d)
{
	int w = (int)ceil(l->width * o->scale), h = (int)ceil(l->height * o->scale);
	/* Our own pixel memory: the chart paints its opaque background over all
	 * of it first, so it need not be cleared (cairo's would be: megabytes of
	 * writes a render). */
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	unsigned char *px = stride > 0 && h > 0 ? (l->embedded ? calloc((size_t)h, (size_t)stride)
								 : malloc((size_t)stride * (size_t)h))
						: NULL;
	if (!px)
		return cairo_failed(d, l, "PNG", CAIRO_STATUS_NO_MEMORY);
	cairo_surface_t *s = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24, w, h, stride);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_status_t st = cairo_surface_status(s);
		cairo_surface_destroy(s);
		free(px);
		return cairo_failed(d, l, "PNG", st);
	}
	cairo_t *cr = cairo_create(s);
	cairo_scale(cr, o->scale, o->scale);
	draw_chart(cr, l);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		free(px);
		return cairo_failed(d, l, "PNG", st);
	}
	const struct chart *c = l->chart;
	char software[64];
	snprintf(software, sizeof software, "saltprint %s", SALTPRINT_VERSION);
	struct png_meta meta = {c->title.text, l->alt, c->source.text, c->credit.text, software,
				96.0 * o->scale};
	char err[300];
	int rc = encode_png_write(s, &meta, &o->png, out, err, sizeof err);
	cairo_surface_destroy(s);
	free(px);
	if (rc != 0) {
		diag_error(d, DIAG_OUTPUT, c->file, 0, 0, "%s", err);
		return -1;
	}
	return 0;
}

int render_svg(const struct chart_layout *l, const struct render_opts *o, struct dynbuf *out,
	       struct diag *d)
{
	(void)o;
	/* First with our glyph symbols (svg_glyphs.h); should their markers not
	 * come out one for one, again with cairo writing the text. */
	for (int attempt = 0; attempt < 2; attempt++) {
		struct dynbuf raw;
		dynbuf_init(&raw, OUTPUT_LIMIT);
		cairo_surface_t *s =
			cairo_svg_surface_create_for_stream(sink_write, &raw, l->width, l->height);
		cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
		struct svg_glyphs *g = attempt == 0 ? svg_glyphs_new() : NULL;
		if (g)
			svg_glyphs_attach(g, s);
		cairo_t *cr = cairo_create(s);
		draw_chart(cr, l);
		cairo_status_t st = finish_surface(cr, s);
		if (st != CAIRO_STATUS_SUCCESS) {
			svg_glyphs_free(g);
			dynbuf_fini(&raw);
			return cairo_failed(d, l, "SVG", st);
		}
		if (g) {
			struct dynbuf spliced;
			dynbuf_init(&spliced, OUTPUT_LIMIT);
			int rc = svg_glyphs_splice(g, (const char *)raw.data, raw.len, &spliced);
			svg_glyphs_free(g);
			dynbuf_fini(&raw);
			if (rc != 0) {
				dynbuf_fini(&spliced);
				continue;
			}
			raw = spliced;
		}
		dynbuf_append(&raw, "", 1);
		int rc = encode_svg_finish((const char *)raw.data, raw.len - 1, l->width, l->height,
					   l->chart->title.text, l->alt, out);
		dynbuf_fini(&raw);
		if (rc != 0) {
			diag_error(d, DIAG_INTERNAL, l->chart->file, 0, 0, "finishing the SVG failed");
			return -1;
		}
		return 0;
	}
	return -1; /* not reached: the second attempt has no markers to match */
}

/* The print edition of a poster: A4 pages. A page ends above a section when
 * that leaves it at least 60% full, else above the last block that fits,
 * never right under a heading. A block up to 1.6 pages tall gets a page of
 * its own, scaled to fit; a last stretch up to 15% over a page is scaled
 * onto it; only a taller block is cut. */
static void pdf_a4_pages(cairo_t *cr, cairo_surface_t *s, const struct chart_layout *l)
{
	const double page_w = 595.276, page_h = 841.89, margin = 36;
	double k = page_w / l->width;		  /* pt per px */
	double band = (page_h - 2 * margin) / k; /* px of poster per page */
	struct page_break br[4096];
	size_t n = poster_breaks(&l->poster, br, 4096);
	const struct theme *t = &l->theme;
	double H = l->height, y0 = 0;
	while (y0 < H - 0.5) {
		double y1, fit = 1;
		if (H - y0 <= band * 1.15) {
			y1 = H;
			fit = fmin(1, band / (H - y0));
		} else {
			double last = -1, sec = -1, next = -1;
			for (size_t i = 0; i < n; i++) {
				if (br[i].y <= y0 + 1)
					continue;
				if (br[i].y <= y0 + band) {
					last = br[i].y;
					if (br[i].section && br[i].y >= y0 + 0.6 * band)
						sec = br[i].y;
				} else if (next < 0) {
					next = br[i].y;
				}
			}
			if (sec > 0) {
				y1 = sec;
			} else if (last > 0) {
				y1 = last;
			} else {
				if (next < 0)
					next = H;
				y1 = next - y0 <= 1.6 * band ? next : y0 + band;
				fit = fmin(1, band / (y1 - y0));
			}
		}
		double kk = k * fit;
		cairo_pdf_surface_set_size(s, page_w, page_h);
		cairo_save(cr);
		cairo_set_source_rgb(cr, ((t->bg >> 16) & 255) / 255.0, ((t->bg >> 8) & 255) / 255.0,
				     (t->bg & 255) / 255.0);
		cairo_paint(cr);
		/* A scaled page stays centred across the sheet. */
		cairo_translate(cr, (page_w - l->width * kk) / 2, margin);
		cairo_scale(cr, kk, kk);
		cairo_translate(cr, 0, -y0);
		cairo_rectangle(cr, 0, y0, l->width, y1 - y0);
		cairo_clip(cr);
		draw_chart_band(cr, l, y0, y1);
		cairo_restore(cr);
		cairo_show_page(cr);
		y0 = y1;
	}
}

int render_pdf(const struct chart_layout *l, const struct render_opts *o, struct dynbuf *out,
	       struct diag *d)
{
	/* 1 px = 0.75 pt: a 1200-px chart prints 12.5 inches wide, as at 96 dpi. */
	const double pt = 0.75;
	bool a4 = l->chart->kind == CHART_POSTER &&
		  (o->pdf_pages == 2 || (o->pdf_pages == 0 && l->chart->poster.print_a4));
	cairo_surface_t *s =
		a4 ? cairo_pdf_surface_create_for_stream(sink_write, out, 595.276, 841.89)
		   : cairo_pdf_surface_create_for_stream(sink_write, out, l->width * pt, l->height * pt);
	const struct chart *c = l->chart;
	char date[32], creator[64];
	time_t t = (time_t)o->date_epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(creator, sizeof creator, "saltprint %s", SALTPRINT_VERSION);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, c->title.text);
	if (c->credit.text)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, c->credit.text);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, l->alt);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, creator);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	cairo_t *cr = cairo_create(s);
	if (a4) {
		pdf_a4_pages(cr, s, l);
	} else {
		cairo_scale(cr, pt, pt);
		draw_chart(cr, l);
	}
	cairo_status_t st = finish_surface(cr, s);
	if (st != CAIRO_STATUS_SUCCESS)
		return cairo_failed(d, l, "PDF", st);
	return 0;
}

int render_format(enum render_format f, const struct chart_layout *l,
		  const struct render_opts *o, struct dynbuf *out, struct diag *d)
{
	switch (f) {
	case FORMAT_PNG:
		return render_png(l, o, out, d);
	case FORMAT_SVG:
		return render_svg(l, o, out, d);
	case FORMAT_PDF:
		return render_pdf(l, o, out, d);
	}
	return -1;
}
