/* chart: lays out and draws a whole graphic: frame plus the chart kind
 * (stages: layout, draw), and writes the alt text when the author gave none. */
#include <math.h>
#include "text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datefmt.h"
#include "layout.h"
#include "util.h"
#include "words.h"

static char *generate_alt(const struct chart *c);

/* A poster: the headline, then each section's heading and key figures: the
 * figures the paragraphs mark in bold, and the charts' own numbers. */
static void poster_alt(struct dynbuf *b, const struct chart *c, bool zh)
{
	const char *stop = zh ? "。" : ". ";
	dynbuf_appendf(b, "%s%s", c->title.text, stop);
	for (size_t i = 0; i < c->poster.n; i++) {
		const struct poster_section *s = &c->poster.sections[i];
		dynbuf_appendf(b, "%s%s", s->heading.text, zh ? "：" : ": ");
		int figures = 0;
		for (size_t k = 0; k < s->n; k++) {
			const struct poster_block *blk = &s->blocks[k];
			if (blk->kind == BLOCK_TEXT) {
				size_t len = strlen(blk->text.text);
				char *plain = xmalloc(len + 1);
				size_t r[256][2];
				size_t n = text_parse_bold(blk->text.text, plain, r, 256);
				for (size_t j = 0; j < n; j++)
					dynbuf_appendf(b, "%s%.*s", figures++ ? (zh ? "，" : ", ") : "",
						       (int)(r[j][1] - r[j][0]), plain + r[j][0]);
				free(plain);
			} else {
				/* A chart's own alt text, without its final stop. */
				char *a = blk->chart->alt.text ? xstrdup(blk->chart->alt.text)
							       : generate_alt(blk->chart);
				size_t len = strlen(a);
				if (len >= strlen(stop) && !strcmp(a + len - strlen(stop), stop))
					a[len - strlen(stop)] = '\0';
				dynbuf_appendf(b, "%s%s", figures++ ? (zh ? "；" : "; ") : "", a);
				free(a);
			}
		}
		dynbuf_appendf(b, "%s", stop);
	}
}

/* "标题。地区生产总值 6.0%；…" in the chart's language. */
static char *generate_alt(const struct chart *c)
{
	struct dynbuf b;
	dynbuf_init(&b, 1u << 20);
	bool zh = c->locale != LOCALE_EN && c->locale != LOCALE_KO;
	const char *stop = zh ? "。" : ". ";
	const char *sep = zh ? "；" : "; ";
	if (c->kind == CHART_POSTER) {
		poster_alt(&b, c, zh);
		if (c->source.text)
			dynbuf_appendf(&b, "%s%s", zh ? "数据来源：" : "Source: ", c->source.text);
		dynbuf_append(&b, "", 1);
		return (char *)b.data;
	}
	if (c->title.text)
		dynbuf_appendf(&b, "%s%s", c->title.text, stop);
	if (c->subtitle.text)
		dynbuf_appendf(&b, "%s%s", c->subtitle.text, stop);
	for (size_t i = 0; i < c->timeline.n; i++) {
		const struct tl_event *e = &c->timeline.events[i];
		char date[64];
		struct date dt = {e->year, e->month, e->day};
		date_format(dt, DATE_FULL, c->locale, date, sizeof date);
		dynbuf_appendf(&b, "%s%s%s", date, zh ? "，" : ", ", e->label.text);
		if (e->place.text)
			dynbuf_appendf(&b, zh ? "（%s）" : " (%s)", e->place.text);
		if (e->detail.text)
			dynbuf_appendf(&b, "%s%s", zh ? "，" : ", ", e->detail.text);
		if (e->has_amount)
			dynbuf_appendf(&b, "%s%s", zh ? "，" : ", ", e->amount_text);
		dynbuf_appendf(&b, "%s", i + 1 < c->timeline.n ? sep : stop);
	}
	if (c->timeline.total_text)
		dynbuf_appendf(&b, "%s%s", c->timeline.total_text, stop);
	const struct breakdown *bd = &c->breakdown;
	for (size_t i = 0; i < bd->n; i++) {
		const struct bd_part *p = &bd->parts[i];
		dynbuf_appendf(&b, "%s%s%s%s", p->label.text, zh ? "" : " ", p->value_text,
			       bd->unit.text ? bd->unit.text : "");
		if (bd->whole)
			dynbuf_appendf(&b, zh ? "（%d%%）" : " (%d%%)", bd->shares[i]);
		dynbuf_appendf(&b, "%s", i + 1 < bd->n ? sep : stop);
	}
	if (bd->n && bd->whole)
		dynbuf_appendf(&b, zh ? "合计%s%s" : "Total %s%s", bd->sum_text, stop);
	for (size_t i = 0; i < c->kpis.n; i++) {
		const struct kpi_card *k = &c->kpis.cards[i];
		dynbuf_appendf(&b, "%s%s%s%s", k->label.text, zh ? "：" : ": ", k->value.text,
			       k->unit.text ? k->unit.text : "");
		if (k->delta.text)
			dynbuf_appendf(&b, zh ? "，%s" : ", %s", k->delta.text);
		if (k->note.text)
			dynbuf_appendf(&b, zh ? "，%s" : ", %s", k->note.text);
		dynbuf_appendf(&b, "%s", i + 1 < c->kpis.n ? sep : stop);
	}
	for (size_t i = 0; i < c->n_gauges; i++) {
		const struct gauge *g = &c->gauges[i];
		dynbuf_appendf(&b, "%s%s%s%s", g->label.text, zh ? "" : " ", g->value_text,
			       g->unit.text ? g->unit.text : "");
		for (size_t k = 0; k < g->n_marks; k++)
			dynbuf_appendf(&b, zh ? "（%s）" : " (%s)", g->marks[k].label.text);
		dynbuf_appendf(&b, "%s", i + 1 < c->n_gauges ? sep : stop);
	}
	if (c->source.text)
		dynbuf_appendf(&b, "%s%s", zh ? "数据来源：" : "Source: ", c->source.text);
	while (b.len && b.data[b.len - 1] == ' ')
		b.len--;
	dynbuf_append(&b, "", 1);
	return (char *)b.data;
}

static const struct theme_file *builtin_theme(void)
{
	static struct theme_file builtin;
	static bool ready;
	if (!ready) {
		theme_file_default(&builtin);
		ready = true;
	}
	return &builtin;
}

void chart_text_style(struct text_engine *te, const struct theme_file *tf, const struct chart *c)
{
	char words[sizeof tf->words + WORDS_MAX + 1];
	snprintf(words, sizeof words, "%s%s", tf->words, c->words ? c->words : "");
	text_engine_set_style(te, tf->autospace, tf->compress, tf->family_sans, tf->family_serif,
			      words);
}

/* Lays the frame and the chart out once l->theme and l->width are set. */
static bool layout_common(struct text_engine *te, const struct chart *c,
			  const struct theme_file *tf, struct chart_layout *l, bool fixed_height,
			  struct diag *d)
{
	const struct theme *t = &l->theme;
	chart_text_style(te, tf, c);
	if (c->kind == CHART_POSTER) {
		if (!poster_layout(te, c, tf, l->width, &l->poster, d))
			return false;
		l->height = l->poster.height;
		return true;
	}
	if (!frame_measure(te, c, t, l->width, l->embedded, &l->frame, d))
		return false;
	double plot_w = l->width - 2 * t->pad;
	double plot_h = 0;
	switch (c->kind) {
	case CHART_GAUGES:
		if (!gauges_layout(te, c, t, plot_w, &l->gauges, d))
			return false;
		plot_h = l->gauges.height;
		break;
	case CHART_TIMELINE:
		if (!timeline_layout(te, c, t, plot_w, &l->timeline, d))
			return false;
		plot_h = l->timeline.height;
		break;
	case CHART_BREAKDOWN:
		if (!breakdown_layout(te, c, t, plot_w, &l->breakdown, d))
			return false;
		plot_h = l->breakdown.height;
		break;
	case CHART_KPIS:
		if (!kpis_layout(te, c, t, plot_w, &l->kpis, d))
			return false;
		plot_h = l->kpis.height;
		break;
	case CHART_POSTER:
		break;
	}
	double need = ceil(l->frame.header_h + plot_h + l->frame.footer_h);
	l->height = need;
	if (c->height > 0 && fixed_height) {
		if (c->height < need) {
			diag_error(d, DIAG_INPUT, c->file, c->height_pos.line, c->height_pos.col,
				   "the content needs %.0f px but \"height\" is %d; raise it or leave "
				   "it out to fit the content",
				   need, c->height);
			return false;
		}
		l->height = c->height;
	}
	frame_place(&l->frame, t, l->width, plot_h, l->height);
	double px = l->frame.plot.x, py = l->frame.plot.y;
	switch (c->kind) {
	case CHART_GAUGES:
		gauges_place(&l->gauges, px, py);
		break;
	case CHART_TIMELINE:
		timeline_place(&l->timeline, px, py);
		break;
	case CHART_BREAKDOWN:
		breakdown_place(&l->breakdown, px, py);
		break;
	case CHART_KPIS:
		kpis_place(&l->kpis, px, py);
		break;
	case CHART_POSTER:
		break;
	}
	return true;
}

bool layout_chart(struct text_engine *te, const struct chart *c, const struct theme_file *tf,
		  int width_px, struct chart_layout *l, struct diag *d)
{
	if (!tf)
		tf = builtin_theme();
	memset(l, 0, sizeof *l);
	l->chart = c;
	l->width = width_px > 0 ? width_px : c->width;
	if (c->kind == CHART_POSTER && width_px <= 0 && !c->width_pos.line)
		l->width = 1080; /* the WeChat long image */
	theme_resolve(&l->theme, tf, l->width);
	if (!layout_common(te, c, tf, l, width_px <= 0, d)) {
		layout_chart_fini(l); /* what was built before the failure */
		return false;
	}
	if (c->alt.text) {
		l->alt = c->alt.text;
	} else {
		l->alt_owned = generate_alt(c);
		l->alt = l->alt_owned;
	}
	return true;
}

bool layout_chart_embedded(struct text_engine *te, const struct chart *c,
			   const struct theme_file *tf, double scale, double width,
			   struct chart_layout *l, struct diag *d)
{
	memset(l, 0, sizeof *l);
	l->chart = c;
	l->embedded = true;
	l->width = width;
	theme_resolve_scaled(&l->theme, tf, scale);
	/* Inside a poster: no padding; a chart's title ranks under the section
	 * heading, and its source sits 24 px under it. */
	double k = scale / 1.25;
	l->theme.pad = 0;
	l->theme.title_px = round(tf->heading * 0.7 * k);
	l->theme.subtitle_px = round(tf->poster_small * k);
	l->theme.source_px = round(tf->poster_small * k * 0.9);
	l->theme.gap_header_plot = round(32 * k);
	l->theme.gap_plot_footer = round(24 * k);
	if (!layout_common(te, c, tf, l, false, d)) {
		layout_chart_fini(l);
		return false;
	}
	return true;
}

void layout_chart_fini(struct chart_layout *l)
{
	frame_fini(&l->frame);
	gauges_fini(&l->gauges);
	poster_fini(&l->poster);
	timeline_fini(&l->timeline);
	breakdown_fini(&l->breakdown);
	kpis_fini(&l->kpis);
	free(l->alt_owned);
	l->alt_owned = NULL;
}

void draw_chart(cairo_t *cr, const struct chart_layout *l)
{
	draw_chart_band(cr, l, -INFINITY, INFINITY);
}

void draw_chart_band(cairo_t *cr, const struct chart_layout *l, double y0, double y1)
{
	const struct theme *t = &l->theme;
	if (!l->embedded) {
		cairo_set_source_rgb(cr, ((t->bg >> 16) & 255) / 255.0, ((t->bg >> 8) & 255) / 255.0,
				     (t->bg & 255) / 255.0);
		cairo_paint(cr);
	}
	if (l->chart->kind == CHART_POSTER) {
		poster_draw(cr, &l->poster, t, y0, y1);
		return;
	}
	frame_draw(cr, &l->frame, t);
	switch (l->chart->kind) {
	case CHART_GAUGES:
		gauges_draw(cr, &l->gauges, t);
		break;
	case CHART_TIMELINE:
		timeline_draw(cr, &l->timeline, t);
		break;
	case CHART_BREAKDOWN:
		breakdown_draw(cr, &l->breakdown, t, l->chart);
		break;
	case CHART_KPIS:
		kpis_draw(cr, &l->kpis, t, l->chart);
		break;
	case CHART_POSTER:
		break;
	}
}
