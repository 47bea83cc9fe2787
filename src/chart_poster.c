/* chart_poster: the report-card poster (长图): headline, dek, sections of
 * headings, paragraphs and charts, and a footer, as one tall column
 * (stages: layout, draw). Sizes and rhythm follow ../shared/DESIGN.md for a
 * 1080-px poster and scale with the width. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "util.h"

static bool make(struct text_engine *te, struct text_block *tb, const char *text,
		 const struct text_style *st, double wrap, const struct chart *c, struct pos pos,
		 struct diag *d)
{
	struct text_origin o = {d, c->file, pos};
	return text_block_make(te, tb, text, st, wrap, c->locale, &o);
}

static const char *source_prefix(enum locale_id l)
{
	static const char *const p[] = {"数据来源：", "資料來源：", "出典：", "출처: ", "Source: "};
	return p[l];
}

bool poster_layout(struct text_engine *te, const struct chart *c, const struct theme_file *tf,
		   double W, struct poster_layout *pl, struct diag *d)
{
	memset(pl, 0, sizeof *pl);
	const struct poster *po = &c->poster;
	double k = W / 1080.0; /* the poster is read scaled to a phone's width */
	double margin = round(tf->margin * k);
	double cw = W - 2 * margin;
	struct text_style hs = {round(tf->headline * k), 700, tf->serif_headline, false, 1.3,
				TEXT_LEFT, true, 0, 0};
	struct text_style ds = {round(tf->dek * k), 400, false, false, 1.6, TEXT_LEFT, true, 0, 0};
	struct text_style secs = {round(tf->heading * k), 700, false, false, 1.35, TEXT_LEFT, true, 0, 0};
	struct text_style bs = {round(tf->body * k), 400, false, false, 1.7, TEXT_LEFT, false, 0, 0};
	struct text_style ss = {round(tf->poster_small * k), 400, false, false, 1.5, TEXT_LEFT, true, 0, 0};
	bool ok = true;

	double y = round(96 * k);
	pl->tab = (struct rect){margin, y, round(64 * k), round(8 * k)};
	y += pl->tab.h + round(32 * k);
	ok &= make(te, &pl->headline, c->title.text, &hs, cw, c, c->title.pos, d);
	pl->headline_y = y;
	if (ok)
		y += pl->headline.height;
	if (c->subtitle.text) {
		y += round(24 * k);
		ok &= make(te, &pl->dek, c->subtitle.text, &ds, cw, c, c->subtitle.pos, d);
		pl->dek_y = y;
		if (ok)
			y += pl->dek.height;
	}
	y += round(96 * k);

	size_t n = 0;
	for (size_t i = 0; i < po->n; i++)
		n += 1 + po->sections[i].n;
	pl->items = xcalloc(n ? n : 1, sizeof *pl->items);
	/* Charts in a poster: the full content width, type at 1.25x the chart
	 * sizes, so that their smallest text stays at the 32-px phone floor. */
	double chart_scale = 1.25 * k;
	for (size_t i = 0; i < po->n && ok; i++) {
		const struct poster_section *sec = &po->sections[i];
		if (i > 0)
			y += round(128 * k);
		struct poster_item *h = &pl->items[pl->n_items++];
		h->kind = 0;
		h->section = (int)i;
		ok &= make(te, &h->text, sec->heading.text, &secs, cw, c, sec->heading.pos, d);
		if (!ok)
			break;
		h->x = margin;
		h->y = y;
		h->h = h->text.height;
		y += h->h + round(24 * k);
		int prev = 0; /* 0 heading, 1 text, 2 chart */
		for (size_t b = 0; b < sec->n && ok; b++) {
			const struct poster_block *blk = &sec->blocks[b];
			struct poster_item *it = &pl->items[pl->n_items++];
			it->section = (int)i;
			it->x = margin;
			if (blk->kind == BLOCK_TEXT) {
				if (prev == 1)
					y += round(32 * k);
				else if (prev == 2)
					y += round(48 * k);
				it->kind = 1;
				/* **bold** marks the figures, as the article does. */
				size_t len = strlen(blk->text.text);
				char *plain = xmalloc(len + 1);
				size_t ranges[256][2];
				size_t nb = text_parse_bold(blk->text.text, plain, ranges, 256);
				struct text_origin o = {d, c->file, blk->text.pos};
				ok &= text_block_make_rich(te, &it->text, plain, &bs, cw, c->locale, &o,
							   (const size_t(*)[2])ranges, nb);
				free(plain);
				if (!ok)
					break;
				it->y = y;
				it->h = it->text.height;
				prev = 1;
			} else {
				if (prev != 0)
					y += round(48 * k);
				it->kind = 2;
				it->chart = xcalloc(1, sizeof *it->chart);
				ok &= layout_chart_embedded(te, blk->chart, tf, chart_scale, cw, it->chart, d);
				chart_text_style(te, tf, c); /* the poster's words again */
				if (!ok) {
					free(it->chart);
					it->chart = NULL;
					break;
				}
				it->y = y;
				it->h = it->chart->height;
				prev = 2;
			}
			y += it->h;
		}
	}
	if (!ok)
		return false;

	/* Footer: a rule, the source, the credit, the logo. */
	y += round(96 * k);
	pl->rule_y = y;
	pl->rule_w = fmax(1, round(2 * k));
	y += round(24 * k);
	double text_w = cw;
	if (tf->logo_text[0]) {
		struct text_style ls = {round(tf->poster_small * k * 1.1), 700, true, false, 1.2,
					TEXT_LEFT, false, 0, 0};
		struct pos none = {0, 0};
		ok &= make(te, &pl->logo, tf->logo_text, &ls, 0, c, none, d);
		pl->logo_w = pl->logo.width;
		pl->logo_h = pl->logo.height;
	} else if (tf->logo_file[0]) {
		cairo_surface_t *png = cairo_image_surface_create_from_png(tf->logo_file);
		if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
			diag_error(d, DIAG_INPUT, tf->logo_file, 0, 0, "cannot read the logo as a PNG");
			cairo_surface_destroy(png);
			return false;
		}
		pl->logo_png = png;
		pl->logo_h = round(tf->logo_height * k * 1.25);
		pl->logo_w = pl->logo_h * cairo_image_surface_get_width(png) /
			     fmax(1, cairo_image_surface_get_height(png));
	}
	if (pl->logo_w > 0)
		text_w -= pl->logo_w + round(32 * k);
	double foot_top = y;
	if (c->source.text) {
		char buf[20100];
		snprintf(buf, sizeof buf, "%s%s", source_prefix(c->locale), c->source.text);
		ok &= make(te, &pl->source, buf, &ss, text_w, c, c->source.pos, d);
		pl->source_y = y;
		if (ok)
			y += pl->source.height;
	}
	if (c->credit.text) {
		ok &= make(te, &pl->credit, c->credit.text, &ss, text_w, c, c->credit.pos, d);
		pl->credit_y = y;
		if (ok)
			y += pl->credit.height;
	}
	pl->logo_x = W - margin - pl->logo_w;
	pl->content_w = cw;
	pl->logo_y = foot_top;
	y = fmax(y, foot_top + pl->logo_h);
	pl->height = ceil(y + round(96 * k));
	return ok;
}

size_t poster_breaks(const struct poster_layout *pl, struct page_break *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < pl->n_items && n < max; i++) {
		/* Above any heading or block, but a heading keeps its first block. */
		const struct poster_item *it = &pl->items[i];
		if (i > 0 && pl->items[i - 1].kind == 0)
			continue;
		out[n].y = it->y;
		out[n].section = it->kind == 0;
		n++;
	}
	if (n < max) {
		out[n].y = pl->rule_y;
		out[n].section = true;
		n++;
	}
	return n;
}

static bool meets(double top, double h, double y0, double y1)
{
	return top < y1 && top + h > y0;
}

void poster_draw(cairo_t *cr, const struct poster_layout *pl, const struct theme *t, double y0,
		 double y1)
{
	double margin = pl->tab.x;
	if (meets(pl->tab.y, pl->tab.h, y0, y1)) {
		set_rgb(cr, t->accent);
		cairo_rectangle(cr, pl->tab.x, pl->tab.y, pl->tab.w, pl->tab.h);
		cairo_fill(cr);
	}
	if (meets(pl->headline_y, pl->headline.height, y0, y1))
		text_block_draw(&pl->headline, cr, margin, pl->headline_y, t->ink);
	if (meets(pl->dek_y, pl->dek.height, y0, y1))
		text_block_draw(&pl->dek, cr, margin, pl->dek_y, t->ink2);
	for (size_t i = 0; i < pl->n_items; i++) {
		const struct poster_item *it = &pl->items[i];
		if (!meets(it->y, it->h, y0, y1))
			continue;
		if (it->kind == 2) {
			cairo_save(cr);
			cairo_translate(cr, it->x, it->y);
			draw_chart_band(cr, it->chart, y0 - it->y, y1 - it->y);
			cairo_restore(cr);
		} else {
			text_block_draw(&it->text, cr, it->x, it->y, t->ink);
		}
	}
	if (meets(pl->rule_y, pl->height - pl->rule_y, y0, y1)) {
		set_rgb(cr, t->ink);
		cairo_rectangle(cr, margin, pl->rule_y, pl->content_w, pl->rule_w);
		cairo_fill(cr);
		text_block_draw(&pl->source, cr, margin, pl->source_y, t->ink3);
		text_block_draw(&pl->credit, cr, margin, pl->credit_y, t->ink2);
		text_block_draw(&pl->logo, cr, pl->logo_x, pl->logo_y, t->ink);
		if (pl->logo_png)
			draw_logo_png(cr, pl->logo_png, pl->logo_x, pl->logo_y, pl->logo_h);
	}
}

void poster_fini(struct poster_layout *pl)
{
	for (size_t i = 0; i < pl->n_items; i++) {
		text_block_fini(&pl->items[i].text);
		if (pl->items[i].chart) {
			layout_chart_fini(pl->items[i].chart);
			free(pl->items[i].chart);
		}
	}
	free(pl->items);
	text_block_fini(&pl->headline);
	text_block_fini(&pl->dek);
	text_block_fini(&pl->source);
	text_block_fini(&pl->credit);
	text_block_fini(&pl->logo);
	if (pl->logo_png)
		cairo_surface_destroy(pl->logo_png);
	memset(pl, 0, sizeof *pl);
}
