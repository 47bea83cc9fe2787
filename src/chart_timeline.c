/* chart_timeline: the `timeline` chart: dated events with amounts (stages:
 * layout, draw). Horizontal on wide canvases: each event a lollipop whose
 * length is its amount, its label group hung on a thin rule above the
 * stems, in lanes assigned right to left so that no rule crosses a label.
 * Vertical on narrow ones: time flows down an axis, label groups stack to
 * its right with the amount as a bar, joined to their dates by leaders that
 * cannot cross because dates and groups run in the same order. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datefmt.h"
#include "layout.h"
#include "util.h"

static bool make(struct text_engine *te, struct text_block *tb, const char *text,
		 const struct text_style *st, double wrap, const struct chart *c, struct pos pos,
		 struct diag *d)
{
	struct text_origin o = {d, c->file, pos};
	return text_block_make(te, tb, text, st, wrap, c->locale, &o);
}

struct styles {
	struct text_style date, name, detail, amount, running, tick;
};

static void styles_init(struct styles *s, const struct theme *t, double scale)
{
	s->date = (struct text_style){t->small_px, 700, false, false, 1.3, TEXT_LEFT, false, 0, 0};
	s->name = (struct text_style){round(28 * scale), 400, false, false, 1.35, TEXT_LEFT, true, 0, 0};
	s->detail = (struct text_style){t->small_px, 400, false, false, 1.3, TEXT_LEFT, true, 0, 0};
	s->amount = (struct text_style){round(30 * scale), 700, false, true, 1.2, TEXT_LEFT, false, 0, 0};
	s->running = (struct text_style){t->small_px, 400, false, true, 1.3, TEXT_LEFT, true, 0, 0};
	s->tick = (struct text_style){t->small_px, 400, false, false, 1.2, TEXT_LEFT, false, 0, 0};
}

/* The one-line parts of a label group: the date and the amount. */
static bool make_fixed(struct text_engine *te, const struct chart *c, const struct styles *st,
		       struct tl_box *b, const struct tl_event *e, struct diag *d)
{
	char date[64];
	struct date dt = {e->year, e->month, e->day};
	const struct timeline *tl = &c->timeline;
	bool years = tl->events[0].year != tl->events[tl->n - 1].year;
	date_format(dt, years ? DATE_FULL : DATE_MONTH_DAY, c->locale, date, sizeof date);
	bool ok = make(te, &b->date, date, &st->date, 0, c, e->pos, d);
	if (e->has_amount)
		ok &= make(te, &b->amount, e->amount_text, &st->amount, 0, c, e->pos, d);
	b->has_amount = e->has_amount;
	return ok;
}

/* The parts that wrap to the group width: name, place and detail, running
 * total. */
static bool make_wrapped(struct text_engine *te, const struct chart *c, const struct styles *st,
			 struct tl_box *b, const struct tl_event *e, double w, struct diag *d)
{
	text_block_fini(&b->name);
	text_block_fini(&b->detail);
	text_block_fini(&b->running);
	bool ok = make(te, &b->name, e->label.text, &st->name, w, c, e->label.pos, d);
	if (e->place.text || e->detail.text) {
		char line[40000];
		snprintf(line, sizeof line, "%s%s%s", e->place.text ? e->place.text : "",
			 e->place.text && e->detail.text ? " · " : "",
			 e->detail.text ? e->detail.text : "");
		ok &= make(te, &b->detail, line, &st->detail, w, c,
			   e->detail.text ? e->detail.pos : e->place.pos, d);
	}
	if (e->running_text)
		ok &= make(te, &b->running, e->running_text, &st->running, w, c, e->pos, d);
	return ok;
}

/* A compact row for wide vertical timelines: the name with its place and
 * detail (dimmed) on one wrapped block; the bar row and running total
 * beneath. */
static bool make_compact(struct text_engine *te, const struct chart *c, const struct styles *st,
			 const struct theme *t, struct tl_box *b, const struct tl_event *e, double w,
			 struct diag *d)
{
	text_block_fini(&b->name);
	text_block_fini(&b->running);
	char line[40000];
	size_t n = (size_t)snprintf(line, sizeof line, "%s", e->label.text);
	size_t dim_from = n;
	if (e->place.text || e->detail.text)
		snprintf(line + n, sizeof line - n, "   %s%s%s", e->place.text ? e->place.text : "",
			 e->place.text && e->detail.text ? " · " : "",
			 e->detail.text ? e->detail.text : "");
	struct text_style ns = st->name;
	ns.dim_from = dim_from;
	ns.dim_rgb = t->ink2;
	bool ok = make(te, &b->name, line, &ns, w, c, e->label.pos, d);
	if (e->running_text) {
		struct text_style rs = st->running;
		rs.balance = false;
		ok &= make(te, &b->running, e->running_text, &rs, 0, c, e->pos, d);
	}
	return ok;
}

/* Stacks the group's lines from `top`; returns the group's height. */
static double stack_lines(struct tl_box *b, double top, double gap, double bar_row_h)
{
	double y = top;
	b->date_y = y;
	y += b->date.height + gap * 0.5;
	b->name_y = y;
	y += b->name.height;
	if (b->detail.layout) {
		b->detail_y = y + gap * 0.25;
		y = b->detail_y + b->detail.height;
	}
	if (b->amount.layout) {
		double row = fmax(b->amount.height, bar_row_h);
		b->amount_y = y + gap * 0.5 + (row - b->amount.height) / 2;
		b->bar_y = y + gap * 0.5 + row / 2;
		y += gap * 0.5 + row;
	}
	if (b->running.layout) {
		b->running_y = y;
		y += b->running.height;
	}
	return y - top;
}

static double group_width(const struct tl_box *b)
{
	double w = fmax(b->date.width, b->name.ink_left + b->name.ink_width);
	if (b->detail.layout)
		w = fmax(w, b->detail.ink_left + b->detail.ink_width);
	if (b->amount.layout)
		w = fmax(w, b->amount.width);
	if (b->running.layout)
		w = fmax(w, b->running.width);
	return w;
}

/* The time axis: the whole year when the events fall in one; otherwise
 * from the first event's quarter to the end of the last event's quarter. */
static void domain(const struct timeline *tl, long long *d0, long long *d1)
{
	const struct tl_event *f = &tl->events[0], *l = &tl->events[tl->n - 1];
	struct date a = {f->year, 1, 1}, b = {l->year + 1, 1, 1};
	if (f->year != l->year) {
		a.month = (f->month - 1) / 3 * 3 + 1;
		int q = (l->month - 1) / 3 * 3 + 4;
		b = q > 12 ? (struct date){l->year + 1, 1, 1} : (struct date){l->year, q, 1};
	}
	*d0 = date_days(a);
	*d1 = date_days(b);
}

static bool make_ticks(struct text_engine *te, const struct chart *c, const struct styles *st,
		       long long d0, long long d1, struct timeline_layout *L, struct diag *d)
{
	struct date start = date_from_days(d0), end = date_from_days(d1);
	int months = (end.year - start.year) * 12 + end.month - start.month;
	int step = months > 48 ? 12 : 1;
	bool multi = months > 12 || start.year != date_from_days(d1 - 1).year;
	size_t cap = (size_t)(months / step + 2);
	L->ticks = xcalloc(cap, sizeof *L->ticks);
	bool ok = true;
	for (int m = 0; m <= months; m += step) {
		int mm = start.month - 1 + m;
		struct date dt = {start.year + mm / 12, mm % 12 + 1, 1};
		struct tl_tick *tk = &L->ticks[L->n_ticks++];
		tk->pos = (double)date_days(dt);
		tk->major = dt.month == 1;
		if (m == months)
			continue; /* the closing boundary has a tick, no label */
		char buf[64];
		/* Spans across years name each January by its year, and the first
		 * tick by its year and month. */
		enum date_style ds = step == 12 || (multi && dt.month == 1) ? DATE_YEAR
				     : multi && m == 0			  ? DATE_YEAR_MONTH
									  : DATE_MONTH;
		date_format(dt, ds, c->locale, buf, sizeof buf);
		struct pos none = {0, 0};
		ok &= make(te, &tk->text, buf, &st->tick, 0, c, none, d);
		if (ds == DATE_YEAR_MONTH) {
			date_format(dt, DATE_MONTH, c->locale, buf, sizeof buf);
			ok &= make(te, &tk->alt, buf, &st->tick, 0, c, none, d);
		}
		tk->anchor = step == 1 && dt.month == 1;
		tk->show = true;
	}
	return ok;
}

/* What both orientations start from: the time domain, each event's date
 * and amount, and the ticks. */
static bool make_common(struct text_engine *te, const struct chart *c, const struct styles *st,
			struct timeline_layout *L, long long *d0, long long *d1, struct diag *d)
{
	const struct timeline *tl = &c->timeline;
	domain(tl, d0, d1);
	bool ok = true;
	for (size_t i = 0; i < L->n; i++)
		ok &= make_fixed(te, c, st, &L->boxes[i], &tl->events[i], d);
	return make_ticks(te, c, st, *d0, *d1, L, d) && ok;
}

/* --- horizontal --------------------------------------------------------- */

static void tick_text_x(struct timeline_layout *L, size_t k, int every, double W)
{
	struct tl_tick *tk = &L->ticks[k];
	double mid = every > 1 ? tk->pos + tk->text.width / 2 /* thinned: label at its tick */
			       : (tk->pos + L->ticks[k + 1].pos) / 2;
	tk->text_x = fmin(fmax(mid - tk->text.width / 2, 0), W - tk->text.width);
}

static void swap_alt(struct tl_tick *tk)
{
	struct text_block t = tk->text;
	tk->text = tk->alt;
	tk->alt = t;
	tk->alt_in = !tk->alt_in;
}

/* Shows every `every`th month's label and each year's, left to right, each
 * at least `gap` from the last one shown: a month beside a year gives way
 * to it, and the first label drops its year ("2016 年 10 月" to "10 月")
 * before anything else gives way. False when two months' or two years'
 * labels would touch; with `force`, the later one gives way then. */
static bool thin_ticks(struct timeline_layout *L, int every, double W, double gap, bool force)
{
	size_t n = L->n_ticks ? L->n_ticks - 1 : 0; /* the closing tick has no label */
	size_t *kept = xcalloc(n + 1, sizeof *kept), nk = 0;
	bool ok = true;
	if (n && L->ticks[0].alt_in)
		swap_alt(&L->ticks[0]);
	for (size_t k = 0; k < n; k++) {
		struct tl_tick *tk = &L->ticks[k];
		tk->show = tk->text.layout && (k % (size_t)every == 0 || tk->anchor);
		if (!tk->show)
			continue;
		tick_text_x(L, k, every, W);
		while (nk > 0) {
			struct tl_tick *p = &L->ticks[kept[nk - 1]];
			if (p->text_x + p->text.width + gap <= tk->text_x)
				break;
			if (p->alt.layout && !p->alt_in) {
				swap_alt(p);
				tick_text_x(L, kept[nk - 1], every, W);
			} else if (tk->anchor && !p->anchor) {
				p->show = false;
				nk--;
			} else {
				/* A month after a year gives way; two months or two
				 * years that touch want a longer step. */
				if (tk->anchor || !p->anchor)
					ok = false;
				tk->show = false;
				break;
			}
		}
		if (!ok && !force)
			break;
		if (tk->show)
			kept[nk++] = k;
	}
	free(kept);
	return ok;
}

/* Month ticks under the axis; labels centred in their month, thinned out
 * when they would crowd each other. Returns the bottom of the labels. */
static double place_ticks_h(struct timeline_layout *L, long long d0, long long d1, double W,
			    double s)
{
	double tick_len = round(8 * s);
	double label_y = L->axis_y0 + tick_len + round(6 * s);
	double scale = (L->axis_x1 - L->axis_x0) / (double)(d1 - d0);
	double label_h = 0;
	for (size_t k = 0; k < L->n_ticks; k++) {
		L->ticks[k].pos = L->axis_x0 + (L->ticks[k].pos - (double)d0) * scale;
		label_h = fmax(label_h, L->ticks[k].text.height);
	}
	/* Half a line apart at least: a word space reads as one phrase. */
	double gap = fmax(6 * s, label_h / 2);
	static const int steps[] = {1, 2, 3, 6, 12};
	size_t si = 0;
	while (si + 1 < ARRAY_LEN(steps) && !thin_ticks(L, steps[si], W, gap, false))
		si++;
	if (si + 1 == ARRAY_LEN(steps))
		thin_ticks(L, steps[si], W, gap, true);
	for (size_t k = 0; k < L->n_ticks; k++)
		L->ticks[k].text_y = label_y;
	return label_y + label_h;
}

static void dates_to_x(const struct timeline *tl, long long d0, long long d1, double span,
		       double min_gap, double *x)
{
	for (size_t i = 0; i < tl->n; i++) {
		x[i] = span * (double)(tl->events[i].days - d0) / (double)(d1 - d0);
		if (i > 0 && x[i] < x[i - 1] + min_gap)
			x[i] = x[i - 1] + min_gap; /* same-day events stand side by side */
	}
}

static bool layout_horizontal(struct text_engine *te, const struct chart *c,
			      const struct theme *t, double W, struct timeline_layout *L,
			      struct diag *d, bool *used_slots)
{
	const struct timeline *tl = &c->timeline;
	double s = t->scale;
	struct styles st;
	styles_init(&st, t, s);
	L->dot_r = round(7 * s);
	L->stem_w = fmax(2, round(4 * s));
	double off = round(10 * s);  /* a label starts this far right of its rule */
	double gap = round(14 * s);  /* between groups and lanes */
	double gw = fmin(fmax(W / 5.5, 150 * s), 240 * s);
	double stem_max = round(170 * s);
	double min_gap = 2 * L->dot_r + 2;
	if (c->timeline.orientation == ORIENT_HORIZONTAL && W / (double)c->timeline.n < 100 * s)
		gw = 140 * s; /* dense lanes: narrower groups cover fewer rules */
	long long d0, d1;
	bool ok = make_common(te, c, &st, L, &d0, &d1, d);
	if (!ok)
		return false;

	/* The narrowest a group may be: its one-line parts, or four characters
	 * of its name. */
	double *need = xcalloc(L->n, sizeof *need);
	double need_max = 0; /* the widest one-line part, uncapped */
	for (size_t i = 0; i < L->n; i++) {
		struct tl_box *b = &L->boxes[i];
		need[i] = fmax(fmax(b->date.width, b->amount.width), 4 * st.name.size_px) + off;
		need_max = fmax(need_max, need[i]);
	}
	double *x = xcalloc(L->n, sizeof *x);
	double *left = xcalloc(L->n, sizeof *left);
	double *lane_bottom = NULL;
	double share = (W - gap * (double)(L->n - 1)) / (double)L->n;
	double sw = fmin(gw + off, share);
	if (need_max > sw && need_max <= share)
		sw = need_max; /* a wide date widens every slot, while the row holds */
	bool slots = sw >= need_max;
	*used_slots = slots;
	double amax = 0;
	for (size_t i = 0; i < L->n; i++)
		if (tl->events[i].has_amount)
			amax = fmax(amax, tl->events[i].amount);
	double stems_top;

	if (slots) {
		/* One row of equal slots above the stems, each as near its date as
		 * the others allow; a rule joins each dot to its slot through a
		 * band, in date order, so no two rules cross. */
		L->axis_x0 = 0;
		L->axis_x1 = W;
		dates_to_x(tl, d0, d1, W, min_gap, x);
		for (size_t i = 0; i < L->n; i++) {
			left[i] = fmin(fmax(x[i] - off, 0), W - sw);
			if (i > 0 && left[i] < left[i - 1] + sw + gap)
				left[i] = left[i - 1] + sw + gap;
		}
		for (size_t i = L->n; i-- > 0;) {
			double limit = i + 1 < L->n ? left[i + 1] - gap - sw : W - sw;
			if (left[i] > limit)
				left[i] = limit;
		}
		double row_h = 0;
		for (size_t i = 0; i < L->n; i++) {
			struct tl_box *b = &L->boxes[i];
			b->mark_x = x[i];
			ok &= make_wrapped(te, c, &st, b, &tl->events[i], sw - off, d);
			if (!ok)
				break;
			b->group.h = stack_lines(b, 0, gap, 0);
			b->group.w = group_width(b);
			b->group.x = left[i] + off;
			row_h = fmax(row_h, b->group.h);
		}
		double band = round(44 * s);
		stems_top = row_h + round(8 * s) + band;
		for (size_t i = 0; ok && i < L->n; i++) {
			struct tl_box *b = &L->boxes[i];
			b->group.y = row_h - b->group.h; /* bottoms line up */
			b->leader_x0 = b->mark_x;
			b->leader_x1 = left[i];
			b->leader_y1 = b->group.y;
		}
		L->axis_y0 = L->axis_y1 = stems_top + stem_max + L->dot_r;
		L->band_y0 = row_h + round(8 * s);
		L->band_y1 = stems_top;
	} else if (c->timeline.orientation != ORIENT_HORIZONTAL) {
		/* The caller lays it out vertically instead. */
		free(need);
		free(x);
		free(left);
		return true;
	} else {
		/* Too many to sit in one row: lanes above the stems. Right to left,
		 * a group that covers the rule of an event to its right goes into
		 * a higher lane than that event's group, so no rule crosses a
		 * label. The axis ends early enough that the last groups fit. */
		double pad = 0;
		for (int iter = 0; iter < 8; iter++) {
			dates_to_x(tl, d0, d1, W - pad, min_gap, x);
			double worst = 0;
			for (size_t i = 0; i < L->n; i++)
				worst = fmax(worst, x[i] + need[i] - W);
			if (worst <= 0.01)
				break;
			pad = fmin(pad + worst * 1.05 + 1, W * 0.6);
		}
		L->axis_x0 = 0;
		L->axis_x1 = W - pad;
		for (size_t i = 0; ok && i < L->n; i++) {
			struct tl_box *b = &L->boxes[i];
			b->mark_x = x[i];
			ok &= make_wrapped(te, c, &st, b, &tl->events[i], fmin(gw, W - x[i] - off), d);
		}
		int lanes = 0;
		for (size_t k = L->n; ok && k-- > 0;) {
			struct tl_box *b = &L->boxes[k];
			b->group.h = stack_lines(b, 0, gap, 0);
			b->group.w = group_width(b);
			b->group.x = b->mark_x + off;
			int lane = 0;
			for (size_t j = k + 1; j < L->n; j++) {
				const struct tl_box *o = &L->boxes[j];
				if (o->mark_x <= b->group.x + b->group.w + gap && o->lane + 1 > lane)
					lane = o->lane + 1;
			}
			b->lane = lane;
			if (lane + 1 > lanes)
				lanes = lane + 1;
		}
		double *lane_h = xcalloc((size_t)lanes + 1, sizeof *lane_h);
		lane_bottom = xcalloc((size_t)lanes + 1, sizeof *lane_bottom);
		for (size_t i = 0; ok && i < L->n; i++)
			lane_h[L->boxes[i].lane] = fmax(lane_h[L->boxes[i].lane], L->boxes[i].group.h);
		double y = 0;
		for (int k = lanes - 1; k >= 0; k--) {
			y += lane_h[k];
			lane_bottom[k] = y;
			y += gap * 1.5;
		}
		free(lane_h);
		stems_top = y;
		if (lanes > 8) {
			diag_error(d, DIAG_INPUT, c->file, 0, 0,
				   "%zu events are too close together for a horizontal timeline %.0f px "
				   "wide (their labels need %d rows); use \"orientation\": \"auto\" or "
				   "\"vertical\", or a wider canvas",
				   L->n, W + 2 * t->pad, lanes);
			free(need);
			free(x);
			free(left);
			free(lane_bottom);
			return false;
		}
		for (size_t i = 0; ok && i < L->n; i++) {
			struct tl_box *b = &L->boxes[i];
			b->group.y = lane_bottom[b->lane] - b->group.h;
			b->leader_x0 = b->leader_x1 = b->mark_x;
			b->leader_y1 = b->group.y;
		}
		L->axis_y0 = L->axis_y1 = stems_top + stem_max + L->dot_r;
		L->band_y0 = L->band_y1 = stems_top;
	}
	free(need);
	free(x);
	free(left);
	free(lane_bottom);
	if (!ok)
		return false;
	for (size_t i = 0; i < L->n; i++) {
		struct tl_box *b = &L->boxes[i];
		const struct tl_event *e = &tl->events[i];
		b->stem_h = e->has_amount && amax > 0 ? stem_max * e->amount / amax : 0;
		b->mark_y = L->axis_y0 - b->stem_h;
		b->leader_y0 = b->mark_y - L->dot_r;
		stack_lines(b, b->group.y, gap, 0);
		b->amount_x = b->name_x = b->running_x = b->bar_x = b->group.x;
	}
	L->height = place_ticks_h(L, d0, d1, W, s);
	return true;
}

/* --- vertical ------------------------------------------------------------ */

static bool layout_vertical(struct text_engine *te, const struct chart *c, const struct theme *t,
			    double W, struct timeline_layout *L, struct diag *d)
{
	const struct timeline *tl = &c->timeline;
	double s = t->scale;
	struct styles st;
	styles_init(&st, t, s);
	L->vertical = true;
	L->dot_r = round(7 * s);
	L->bar_h = round(14 * s);
	double gap = round(14 * s);
	long long d0, d1;
	bool ok = make_common(te, c, &st, L, &d0, &d1, d);
	if (!ok)
		return false;
	double col_w = 0, tick_h = 0;
	for (size_t k = 0; k < L->n_ticks; k++) {
		col_w = fmax(col_w, L->ticks[k].text.width);
		tick_h = fmax(tick_h, L->ticks[k].text.height);
	}
	double axis_x = col_w + round(14 * s);
	double group_x = axis_x + round(36 * s);
	double gw = W - group_x;
	double amax = 0, amount_w = 0;
	for (size_t i = 0; i < L->n; i++) {
		if (!tl->events[i].has_amount)
			continue;
		amax = fmax(amax, tl->events[i].amount);
		amount_w = fmax(amount_w, L->boxes[i].amount.width);
	}
	/* Wide: each event is a compact row beside a column of dates. */
	bool compact = gw >= 560 * s;
	double date_w = 0;
	for (size_t i = 0; compact && i < L->n; i++)
		date_w = fmax(date_w, L->boxes[i].date.width);
	double text_x = compact ? group_x + date_w + round(20 * s) : group_x;
	double tw = W - text_x;
	double running_w = 0;
	double bar_max = fmax(gw - amount_w - round(10 * s), gw * 0.25);
	double total_h = 0;
	for (size_t i = 0; i < L->n; i++) {
		struct tl_box *b = &L->boxes[i];
		if (compact)
			ok &= make_compact(te, c, &st, t, b, &tl->events[i], tw, d);
		else
			ok &= make_wrapped(te, c, &st, b, &tl->events[i], gw, d);
		if (!ok)
			return false;
		if (compact)
			running_w = fmax(running_w, b->running.width);
	}
	if (compact)
		bar_max = fmax(tw - amount_w - running_w - round(40 * s), tw * 0.25);
	for (size_t i = 0; i < L->n; i++) {
		struct tl_box *b = &L->boxes[i];
		if (compact) {
			double row = fmax(b->amount.height, L->bar_h);
			b->group.h = fmax(b->date.height, b->name.height) +
				     (b->amount.layout || b->running.layout ? gap * 0.4 + row : 0);
		} else {
			b->group.h = stack_lines(b, 0, gap, L->bar_h);
		}
		b->group.w = compact ? W - group_x : gw;
		b->group.x = group_x;
		total_h += b->group.h + gap * (compact ? 1.2 : 2);
	}
	/* Px per day: room for every group, and for a month label per month. */
	double k = fmax(total_h, 12 * tick_h * 1.6 * (double)(d1 - d0) / 365.0) / (double)(d1 - d0);
	double y0 = tick_h / 2;
	double bottom = 0;
	/* Stretch time until the axis is as long as the stacked groups, so that
	 * dates and their groups stay close. */
	for (int iter = 0; iter < 6; iter++) {
		bottom = 0;
		for (size_t i = 0; i < L->n; i++) {
			struct tl_box *b = &L->boxes[i];
			double my = y0 + (double)(tl->events[i].days - d0) * k;
			double want = my - b->date.height / 2;
			b->group.y = i == 0 ? fmax(want, 0) : fmax(want, bottom + gap * (compact ? 1.2 : 2));
			bottom = b->group.y + b->group.h;
		}
		double axis_len = (double)(d1 - d0) * k;
		if (bottom <= y0 + axis_len * 1.02)
			break;
		k *= (bottom - y0) / axis_len;
	}
	for (size_t i = 0; i < L->n; i++) {
		struct tl_box *b = &L->boxes[i];
		const struct tl_event *e = &tl->events[i];
		b->mark_x = axis_x;
		b->mark_y = y0 + (double)(e->days - d0) * k;
		if (i > 0 && b->mark_y < L->boxes[i - 1].mark_y + 2 * L->dot_r + 2)
			b->mark_y = L->boxes[i - 1].mark_y + 2 * L->dot_r + 2;
		double want = b->mark_y - b->date.height / 2;
		b->group.y = i == 0 ? fmax(want, 0) : fmax(want, bottom + gap * (compact ? 1.2 : 2));
		bottom = b->group.y + b->group.h;
		b->bar_w = e->has_amount && amax > 0 ? fmax(bar_max * e->amount / amax, 2) : 0;
		if (compact) {
			b->date_y = b->group.y;
			b->name_x = text_x;
			b->name_y = b->group.y;
			double y = b->group.y + fmax(b->date.height, b->name.height) + gap * 0.4;
			double row = fmax(b->amount.height, L->bar_h);
			b->bar_x = text_x;
			b->bar_y = y + row / 2;
			b->amount_y = y + (row - b->amount.height) / 2;
			b->amount_x = text_x + b->bar_w + round(8 * s);
			b->running_x = b->amount_x + (b->amount.layout ? b->amount.width : 0) + round(16 * s);
			b->running_y = y + (row - b->running.height) / 2;
		} else {
			stack_lines(b, b->group.y, gap, L->bar_h);
			b->name_x = b->running_x = b->bar_x = group_x;
			b->amount_x = group_x + b->bar_w + round(8 * s);
		}
		b->leader_x0 = axis_x + L->dot_r + 2;
		b->leader_y0 = b->mark_y;
		b->leader_x1 = group_x - round(8 * s);
		b->leader_y1 = b->group.y + b->date.height / 2;
	}
	L->axis_x0 = L->axis_x1 = axis_x;
	L->axis_y0 = y0;
	L->axis_y1 = fmax(y0 + (double)(d1 - d0) * k, L->boxes[L->n - 1].mark_y + L->dot_r);
	double last_y = -1e9;
	for (size_t j = 0; j < L->n_ticks; j++) {
		struct tl_tick *tk = &L->ticks[j];
		tk->pos = y0 + (tk->pos - (double)d0) * k;
		if (!tk->text.layout)
			continue;
		tk->text_x = col_w - tk->text.width;
		tk->text_y = tk->pos - tk->text.height / 2;
		tk->show = tk->text_y >= last_y + 2 || tk->major;
		if (tk->show)
			last_y = tk->text_y + tk->text.height;
	}
	L->height = fmax(fmax(bottom, L->axis_y1), last_y);
	return true;
}

bool timeline_layout(struct text_engine *te, const struct chart *c, const struct theme *t,
		     double plot_w, struct timeline_layout *L, struct diag *d)
{
	memset(L, 0, sizeof *L);
	const struct timeline *tl = &c->timeline;
	L->n = tl->n;
	L->boxes = xcalloc(L->n, sizeof *L->boxes);
	bool vertical = tl->orientation == ORIENT_VERTICAL ||
			(tl->orientation == ORIENT_AUTO && plot_w + 2 * t->pad <= 600);
	if (vertical)
		return layout_vertical(te, c, t, plot_w, L, d);
	bool slots;
	if (!layout_horizontal(te, c, t, plot_w, L, d, &slots))
		return false;
	if (slots || tl->orientation == ORIENT_HORIZONTAL)
		return true;
	/* Too many events for one row of labels across the width: time flows
	 * down instead, which fits any number. */
	timeline_fini(L);
	L->n = tl->n;
	L->boxes = xcalloc(L->n, sizeof *L->boxes);
	return layout_vertical(te, c, t, plot_w, L, d);
}

void timeline_place(struct timeline_layout *L, double x, double y)
{
	L->axis_x0 += x, L->axis_x1 += x, L->axis_y0 += y, L->axis_y1 += y;
	L->band_y0 += y, L->band_y1 += y;
	for (size_t k = 0; k < L->n_ticks; k++) {
		struct tl_tick *tk = &L->ticks[k];
		tk->pos += L->vertical ? y : x;
		tk->text_x += x, tk->text_y += y;
	}
	for (size_t i = 0; i < L->n; i++) {
		struct tl_box *b = &L->boxes[i];
		b->mark_x += x, b->mark_y += y;
		b->group.x += x, b->group.y += y;
		b->date_y += y, b->name_y += y, b->detail_y += y, b->amount_y += y;
		b->running_y += y, b->bar_y += y;
		b->amount_x += x, b->bar_x += x, b->name_x += x, b->running_x += x;
		b->leader_x0 += x, b->leader_x1 += x, b->leader_y0 += y, b->leader_y1 += y;
	}
}

void timeline_draw(cairo_t *cr, const struct timeline_layout *L, const struct theme *t)
{
	double s = L->dot_r / 7.0;
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	/* Leaders first, so marks and text sit on top of them. */
	set_rgb(cr, t->context);
	cairo_set_line_width(cr, fmax(1, 1.5 * s));
	for (size_t i = 0; i < L->n; i++) {
		const struct tl_box *b = &L->boxes[i];
		cairo_move_to(cr, b->leader_x0, b->leader_y0);
		if (!L->vertical) {
			/* Up the event's own x, across the band, up the group's side. */
			cairo_line_to(cr, b->leader_x0, L->band_y1);
			cairo_line_to(cr, b->leader_x1, L->band_y0);
		}
		cairo_line_to(cr, b->leader_x1, b->leader_y1);
		cairo_stroke(cr);
	}
	/* The axis and its ticks. */
	set_rgb(cr, t->baseline);
	cairo_set_line_width(cr, fmax(1, 2 * s));
	cairo_move_to(cr, L->axis_x0, L->axis_y0);
	cairo_line_to(cr, L->axis_x1, L->axis_y1);
	cairo_stroke(cr);
	cairo_set_line_width(cr, fmax(1, 1.5 * s));
	for (size_t k = 0; k < L->n_ticks; k++) {
		const struct tl_tick *tk = &L->ticks[k];
		double len = (tk->major ? 12 : 7) * s;
		if (L->vertical) {
			cairo_move_to(cr, L->axis_x0 - len, tk->pos);
			cairo_line_to(cr, L->axis_x0, tk->pos);
		} else {
			cairo_move_to(cr, tk->pos, L->axis_y0);
			cairo_line_to(cr, tk->pos, L->axis_y0 + len);
		}
		cairo_stroke(cr);
		if (tk->show)
			text_block_draw(&tk->text, cr, tk->text_x, tk->text_y, t->ink3);
	}
	for (size_t i = 0; i < L->n; i++) {
		const struct tl_box *b = &L->boxes[i];
		if (!L->vertical && b->has_amount) {
			set_rgb(cr, t->primary);
			cairo_set_line_width(cr, L->stem_w);
			cairo_move_to(cr, b->mark_x, L->axis_y0);
			cairo_line_to(cr, b->mark_x, b->mark_y);
			cairo_stroke(cr);
		}
		/* An event with an amount is a filled dot; without, a ring. */
		cairo_new_path(cr);
		cairo_arc(cr, b->mark_x, b->mark_y, L->dot_r, 0, 2 * M_PI);
		if (b->has_amount) {
			set_rgb(cr, t->primary);
			cairo_fill(cr);
		} else {
			set_rgb(cr, t->bg);
			cairo_fill_preserve(cr);
			set_rgb(cr, t->ink2);
			cairo_set_line_width(cr, fmax(1.5, 2.5 * s));
			cairo_stroke(cr);
		}
		double gx = b->group.x;
		text_block_draw(&b->date, cr, gx, b->date_y, t->ink2);
		text_block_draw(&b->name, cr, b->name_x, b->name_y, t->ink);
		text_block_draw(&b->detail, cr, gx, b->detail_y, t->ink2);
		if (L->vertical && b->has_amount) {
			set_rgb(cr, t->primary);
			cairo_rectangle(cr, b->bar_x, b->bar_y - L->bar_h / 2, b->bar_w, L->bar_h);
			cairo_fill(cr);
		}
		text_block_draw(&b->amount, cr, b->amount_x, b->amount_y, t->ink);
		text_block_draw(&b->running, cr, b->running_x, b->running_y, t->ink3);
	}
}

void timeline_fini(struct timeline_layout *L)
{
	for (size_t i = 0; i < L->n; i++) {
		struct tl_box *b = &L->boxes[i];
		text_block_fini(&b->date);
		text_block_fini(&b->name);
		text_block_fini(&b->detail);
		text_block_fini(&b->amount);
		text_block_fini(&b->running);
	}
	for (size_t k = 0; k < L->n_ticks; k++) {
		text_block_fini(&L->ticks[k].text);
		text_block_fini(&L->ticks[k].alt);
	}
	free(L->boxes);
	free(L->ticks);
	memset(L, 0, sizeof *L);
}
