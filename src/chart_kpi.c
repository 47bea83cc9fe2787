/* chart_kpi: the `kpis` chart: big-number cards in a grid that follows the
 * width (stages: layout, draw). Each card: a rule, the label, the value and
 * unit exactly as written, and an optional comparison (a signed delta with
 * ▲ or ▼, or a note) and icon. Text that does not fit wraps, then the
 * numbers shrink (to 60% at the least), then it is an error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icons.h"
#include "layout.h"
#include "util.h"

static bool make(struct text_engine *te, struct text_block *tb, const char *text,
		 const struct text_style *st, double wrap, const struct chart *c, struct pos pos,
		 struct diag *d)
{
	struct text_origin o = {d, c->file, pos};
	return text_block_make(te, tb, text, st, wrap, c->locale, &o);
}

static int kpi_columns(size_t n, double W, double s)
{
	double min_card = 250 * s, gap = 32 * s;
	int cols = (int)floor((W + gap) / (min_card + gap));
	if (cols < 1)
		cols = 1;
	if (cols > 4)
		cols = 4;
	if ((size_t)cols > n)
		cols = (int)n;
	int rows = ((int)n + cols - 1) / cols;
	return ((int)n + rows - 1) / rows;
}

/* Is the delta a rise? "+40%", "增长", "▲"; a fall: "-", "−", "下降", "▼". */
static int delta_sign(const char *d)
{
	if (!d)
		return 0;
	if (d[0] == '-' || strncmp(d, "\u2212", 3) == 0 || strstr(d, "\u25BC") || strstr(d, "下降") ||
	    strstr(d, "减少"))
		return -1;
	if (d[0] == '+' || strstr(d, "\u25B2") || strstr(d, "增长") || strstr(d, "增加"))
		return 1;
	return 0;
}

bool kpis_layout(struct text_engine *te, const struct chart *c, const struct theme *t,
		 double W, struct kpis_layout *kl, struct diag *d)
{
	memset(kl, 0, sizeof *kl);
	const struct kpis *k = &c->kpis;
	double s = t->scale;
	kl->n = k->n;
	kl->boxes = xcalloc(kl->n, sizeof *kl->boxes);
	kl->cols = kpi_columns(kl->n, W, s);
	kl->rule_w = fmax(2, round(3 * s));
	double gap = round(32 * s);
	double cw = (W - gap * (kl->cols - 1)) / kl->cols;
	double icon = round(40 * s);
	bool ok = true;
	struct text_style ls = {t->label_px * 0.9, 400, false, false, 1.35, TEXT_LEFT, true, 0, 0};
	struct text_style cs = {t->small_px, 700, false, true, 1.3, TEXT_LEFT, true, 0, 0};
	/* One number size for all the cards: the largest at which every value
	 * fits its card, with a short unit ("名", "亿元") beside it rather than
	 * alone on the line below. */
	double full = round(96 * s), size = full;
	bool spaced = text_engine_autospace(te, false); /* "1.6万+", not "1.6 万+" */
	for (int pass = 0; pass < 8; pass++) {
		double worst = 0;
		for (size_t i = 0; i < kl->n && ok; i++) {
			struct kpi_box *b = &kl->boxes[i];
			struct text_style vs = {size, 700, false, true, 1.1, TEXT_LEFT, false, 0, 0};
			text_block_fini(&b->value);
			ok &= make(te, &b->value, k->cards[i].value.text, &vs, 0, c, k->cards[i].value.pos, d);
			if (!ok)
				break;
			double need = b->value.width;
			if (k->cards[i].unit.text) {
				struct text_style us = {round(size * 0.42), 700, false, false, 1.1, TEXT_LEFT, true, 0, 0};
				struct text_block ub;
				ok &= make(te, &ub, k->cards[i].unit.text, &us, 0, c, k->cards[i].unit.pos, d);
				if (!ok)
					break;
				if (ub.width <= cw * 0.4)
					need += round(6 * s) + ub.width;
				text_block_fini(&ub);
			}
			worst = fmax(worst, need / cw);
		}
		if (!ok)
			break;
		if (worst <= 1 || size <= ceil(full * 0.6))
			break;
		size = fmax(ceil(full * 0.6), floor(size / worst));
	}
	text_engine_autospace(te, spaced);
	if (!ok)
		return false;
	for (size_t i = 0; i < kl->n; i++) {
		const struct kpi_card *kc = &k->cards[i];
		if (kl->boxes[i].value.width > cw) {
			diag_error(d, DIAG_INPUT, c->file, kc->value.pos.line, kc->value.pos.col,
				   "the value \"%s\" does not fit a card %.0f px wide, even at the "
				   "smallest number size; shorten it or use fewer cards per row (a wider "
				   "canvas)",
				   kc->value.text, cw);
			ok = false;
		}
	}
	if (!ok)
		return false;
	struct text_style us = {round(size * 0.42), 700, false, false, 1.1, TEXT_LEFT, true, 0, 0};
	for (size_t i = 0; i < kl->n; i++) {
		const struct kpi_card *kc = &k->cards[i];
		struct kpi_box *b = &kl->boxes[i];
		b->icon_size = kc->icon != ICON_NONE ? icon : 0;
		double label_w = cw - (b->icon_size ? b->icon_size + round(12 * s) : 0);
		ok &= make(te, &b->label, kc->label.text, &ls, label_w, c, kc->label.pos, d);
		if (kc->unit.text) {
			/* One line when it fits the card, wrapped when it does not. */
			ok &= make(te, &b->unit, kc->unit.text, &us, 0, c, kc->unit.pos, d);
			if (ok && b->unit.width > cw) {
				text_block_fini(&b->unit);
				ok &= make(te, &b->unit, kc->unit.text, &us, cw, c, kc->unit.pos, d);
			}
		}
		if (kc->delta.text || kc->note.text) {
			char buf[512];
			int sign = delta_sign(kc->delta.text);
			const char *arrow = sign > 0 ? "▲ " : sign < 0 ? "▼ " : "";
			snprintf(buf, sizeof buf, "%s%s%s%s", arrow, kc->delta.text ? kc->delta.text : "",
				 kc->delta.text && kc->note.text ? "  " : "", kc->note.text ? kc->note.text : "");
			ok &= make(te, &b->compare, buf, &cs, cw, c,
				   kc->delta.text ? kc->delta.pos : kc->note.pos, d);
			/* Rises in the accent red, falls in the primary blue, a plain
			 * note in ink-2: never colour alone (the arrow says it too). */
			b->compare_rgb = sign > 0 ? t->accent : sign < 0 ? t->primary : t->ink2;
		}
	}
	if (!ok)
		return false;

	double y = 0, row_gap = round(40 * s);
	for (size_t r0 = 0; r0 < kl->n; r0 += (size_t)kl->cols) {
		size_t count = kl->n - r0 < (size_t)kl->cols ? kl->n - r0 : (size_t)kl->cols;
		double row_h = 0, label_h = 0;
		for (size_t k2 = 0; k2 < count; k2++)
			label_h = fmax(label_h, fmax(kl->boxes[r0 + k2].label.height, kl->boxes[r0 + k2].icon_size));
		for (size_t k2 = 0; k2 < count; k2++) {
			struct kpi_box *b = &kl->boxes[r0 + k2];
			b->card.x = k2 * (cw + gap);
			b->card.y = y;
			b->card.w = cw;
			b->label_x = b->card.x;
			b->label_y = y + kl->rule_w + round(14 * s);
			b->icon_x = b->card.x + cw - b->icon_size;
			b->icon_y = b->label_y;
			/* Numbers of a row share a baseline under the tallest label. */
			double vy = b->label_y + label_h + round(6 * s);
			b->value_x = b->card.x;
			b->value_y = vy;
			double base = vy + b->value.baseline;
			double bottom = vy + b->value.height;
			if (b->unit.layout) {
				double ux = b->value_x + b->value.width + round(6 * s);
				if (ux + b->unit.width <= b->card.x + cw) {
					b->unit_x = ux;
					b->unit_y = base - b->unit.baseline;
				} else {
					/* No room beside the number: the unit goes under it. */
					b->unit_x = b->card.x;
					b->unit_y = bottom;
					bottom += b->unit.height;
				}
			}
			if (b->compare.layout) {
				b->compare_x = b->card.x;
				b->compare_y = bottom + round(6 * s);
				bottom = b->compare_y + b->compare.height;
			}
			b->card.h = bottom - y;
			row_h = fmax(row_h, b->card.h);
		}
		for (size_t k2 = 0; k2 < count; k2++)
			kl->boxes[r0 + k2].card.h = row_h;
		y += row_h + row_gap;
	}
	kl->height = y - row_gap;
	return true;
}

void kpis_place(struct kpis_layout *kl, double x, double y)
{
	for (size_t i = 0; i < kl->n; i++) {
		struct kpi_box *b = &kl->boxes[i];
		b->card.x += x, b->card.y += y;
		b->label_x += x, b->label_y += y, b->value_x += x, b->value_y += y;
		b->unit_x += x, b->unit_y += y, b->compare_x += x, b->compare_y += y;
		b->icon_x += x, b->icon_y += y;
	}
}

void kpis_draw(cairo_t *cr, const struct kpis_layout *kl, const struct theme *t,
	       const struct chart *c)
{
	for (size_t i = 0; i < kl->n; i++) {
		const struct kpi_box *b = &kl->boxes[i];
		cairo_set_source_rgb(cr, ((t->ink >> 16) & 255) / 255.0, ((t->ink >> 8) & 255) / 255.0,
				     (t->ink & 255) / 255.0);
		cairo_rectangle(cr, b->card.x, b->card.y, b->card.w, kl->rule_w);
		cairo_fill(cr);
		text_block_draw(&b->label, cr, b->label_x, b->label_y, t->ink2);
		if (b->icon_size > 0)
			icon_draw(cr, c->kpis.cards[i].icon, b->icon_x, b->icon_y, b->icon_size,
				  t->context);
		text_block_draw(&b->value, cr, b->value_x, b->value_y, t->ink);
		text_block_draw(&b->unit, cr, b->unit_x, b->unit_y, t->ink);
		text_block_draw(&b->compare, cr, b->compare_x, b->compare_y, b->compare_rgb);
	}
}

void kpis_fini(struct kpis_layout *kl)
{
	for (size_t i = 0; i < kl->n; i++) {
		struct kpi_box *b = &kl->boxes[i];
		text_block_fini(&b->label);
		text_block_fini(&b->value);
		text_block_fini(&b->unit);
		text_block_fini(&b->compare);
	}
	free(kl->boxes);
	memset(kl, 0, sizeof *kl);
}
