/* Unit tests: the CSV reader, dates, and timeline layout geometry: no label
 * group intersects another, a mark, another event's leader or tick labels,
 * and none leaves the canvas, on the seed, dense and same-day inputs. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "csv.h"
#include "datefmt.h"
#include "layout.h"
#include "spec.h"

void test_csv_quotes_crlf_bom(void)
{
	struct arena a;
	arena_init(&a);
	struct diag d;
	diag_init(&d, stderr);
	struct csv_limits lim;
	csv_limits_default(&lim);
	const char *text = "\xEF\xBB\xBF"
			   "date,event\r\n2017-01-16,\"“华灯耀丝路”, \"\"合作\"\"\r\n协议\"\r\n\r\n"
			   "2017-04-13,推介会\r\n";
	struct csv_table *t = csv_parse(&a, &d, "t.csv", text, strlen(text), &lim);
	CHECK(t != NULL);
	if (t) {
		CHECK(t->n_cols == 2 && t->n_rows == 2);
		CHECK_STR(t->header[0].text, "date");
		CHECK_STR(t->rows[0][1].text, "“华灯耀丝路”, \"合作\"\r\n协议");
		CHECK(t->rows[1][0].line == 5 && t->rows[1][1].line == 5 && t->rows[1][1].col == 12);
		CHECK(csv_column(t, "event") == 1 && csv_column(t, "amount") == -1);
	}
	arena_fini(&a);
}

static int csv_errors(const char *text, char *msg, size_t size)
{
	struct arena a;
	arena_init(&a);
	struct diag d;
	FILE *mem = tmpfile();
	diag_init(&d, mem);
	struct csv_limits lim;
	csv_limits_default(&lim);
	lim.max_rows = 3;
	csv_parse(&a, &d, "t.csv", text, strlen(text), &lim);
	rewind(mem);
	size_t n = fread(msg, 1, size - 1, mem);
	msg[n] = '\0';
	fclose(mem);
	arena_fini(&a);
	return diag_errors(&d);
}

void test_csv_errors(void)
{
	char m[1024];
	CHECK(csv_errors("a,b\n1,\"open\n", m, sizeof m) == 1);
	CHECK_STR(m, "t.csv:2:3: error: unterminated quoted field (a \" is missing)\n");
	CHECK(csv_errors("a,b\n1,2,3\n4\n", m, sizeof m) == 2);
	CHECK(strstr(m, "t.csv:2:1: error: row has 3 fields, but the header has 2\n") != NULL);
	CHECK(strstr(m, "t.csv:3:1: error: row has 1 fields, but the header has 2\n") != NULL);
	CHECK(csv_errors("", m, sizeof m) == 1);
	CHECK_STR(m, "t.csv: error: the table is empty; expected a header row and data rows\n");
	CHECK(csv_errors("a\n1\n2\n3\n4\n5\n", m, sizeof m) == 1);
	CHECK(strstr(m, "more than the limit of 3 rows") != NULL);
	CHECK(csv_errors("a,b\n1,x\"y\n", m, sizeof m) == 1);
	CHECK(csv_errors("a,b\n\xff,1\n", m, sizeof m) == 1);
	CHECK_STR(m, "t.csv:2:1: error: invalid UTF-8 (byte 0xFF)\n");
}

void test_dates(void)
{
	struct date d;
	CHECK(date_parse("2017-04-13", &d) && d.year == 2017 && d.month == 4 && d.day == 13);
	CHECK(date_parse("2017/4/3", &d) && d.month == 4 && d.day == 3);
	CHECK(date_parse("2016-02-29", &d));
	CHECK(!date_parse("2017-02-29", &d));
	CHECK(!date_parse("2017-13-01", &d));
	CHECK(!date_parse("2017-04-31", &d));
	CHECK(!date_parse("2017-04-13x", &d));
	CHECK(!date_parse("13/04/2017", &d));
	CHECK(!date_parse("", &d));
	struct date e = {1970, 1, 1};
	CHECK(date_days(e) == 0);
	for (long long k = -800000; k < 800000; k += 997) {
		struct date r = date_from_days(k);
		CHECK(date_days(r) == k);
	}
	char buf[64];
	struct date x = {2017, 4, 13};
	date_format(x, DATE_MONTH_DAY, LOCALE_ZH_HANS, buf, sizeof buf);
	CHECK_STR(buf, "4月13日");
	date_format(x, DATE_MONTH_DAY, LOCALE_EN, buf, sizeof buf);
	CHECK_STR(buf, "Apr 13");
	date_format(x, DATE_MONTH_DAY, LOCALE_KO, buf, sizeof buf);
	CHECK_STR(buf, "4월 13일");
	date_format(x, DATE_MONTH, LOCALE_JA, buf, sizeof buf);
	CHECK_STR(buf, "4月");
	date_format(x, DATE_YEAR, LOCALE_ZH_HANT, buf, sizeof buf);
	CHECK_STR(buf, "2017年");
	date_format(x, DATE_FULL, LOCALE_ZH_HANS, buf, sizeof buf);
	CHECK_STR(buf, "2017年4月13日");
}

struct box {
	double x, y, w, h;
	int owner;
	const char *what;
};

static bool overlap(const struct box *a, const struct box *b)
{
	const double e = 0.5;
	return a->x + e < b->x + b->w && b->x + e < a->x + a->w && a->y + e < b->y + b->h &&
	       b->y + e < a->y + a->h;
}

/* Does the segment (x0,y0)-(x1,y1) pass through the box's inside? */
static bool segment_hits(double x0, double y0, double x1, double y1, const struct box *b)
{
	for (int i = 1; i < 64; i++) {
		double t = i / 64.0, x = x0 + (x1 - x0) * t, y = y0 + (y1 - y0) * t;
		if (x > b->x + 1 && x < b->x + b->w - 1 && y > b->y + 1 && y < b->y + b->h - 1)
			return true;
	}
	return false;
}

static void check_timeline(const struct chart_layout *l, const char *name)
{
	const struct timeline_layout *L = &l->timeline;
	size_t cap = L->n * 3 + L->n_ticks + 8, n = 0;
	struct box *b = calloc(cap, sizeof *b);
	for (size_t i = 0; i < L->n; i++) {
		const struct tl_box *e = &L->boxes[i];
		b[n++] = (struct box){e->group.x, e->group.y, e->group.w, e->group.h, (int)i, "label"};
		b[n++] = (struct box){e->mark_x - L->dot_r, e->mark_y - L->dot_r, 2 * L->dot_r,
				      2 * L->dot_r, (int)i, "dot"};
		if (!L->vertical && e->has_amount)
			b[n++] = (struct box){e->mark_x - L->stem_w / 2, e->mark_y, L->stem_w,
					      L->axis_y0 - e->mark_y, (int)i, "stem"};
	}
	for (size_t k = 0; k < L->n_ticks; k++)
		if (L->ticks[k].show && L->ticks[k].text.layout)
			b[n++] = (struct box){L->ticks[k].text_x, L->ticks[k].text_y,
					      L->ticks[k].text.width, L->ticks[k].text.height, -1,
					      "tick label"};
	for (size_t i = 0; i < n; i++) {
		if (b[i].x < -0.5 || b[i].y < -0.5 || b[i].x + b[i].w > l->width + 0.5 ||
		    b[i].y + b[i].h > l->height + 0.5)
			check_fail(__FILE__, __LINE__, "%s: %s %d leaves the %gx%g canvas", name,
				   b[i].what, b[i].owner, l->width, l->height);
		for (size_t k = i + 1; k < n; k++) {
			bool labels = !strcmp(b[i].what, "label") || !strcmp(b[k].what, "label") ||
				      !strcmp(b[i].what, "tick label") || !strcmp(b[k].what, "tick label");
			/* Marks may touch marks (same-day dodging); labels touch nothing. */
			if (labels && overlap(&b[i], &b[k]))
				check_fail(__FILE__, __LINE__, "%s: %s %d overlaps %s %d", name,
					   b[i].what, b[i].owner, b[k].what, b[k].owner);
		}
	}
	/* Along a horizontal axis, tick labels stand at least half a line
	 * apart: closer, "10 月 2017 年" reads as one phrase. */
	const struct tl_tick *prev = NULL;
	for (size_t k = 0; !L->vertical && k < L->n_ticks; k++) {
		const struct tl_tick *tk = &L->ticks[k];
		if (!tk->show || !tk->text.layout)
			continue;
		double gap = tk->text_x - (prev ? prev->text_x + prev->text.width : 0);
		if (prev && gap < prev->text.height / 2 - 0.01)
			check_fail(__FILE__, __LINE__, "%s: tick labels %zu and the one before are %.1f px apart",
				   name, k, gap);
		prev = tk;
	}
	/* No leader passes through another event's label. */
	for (size_t i = 0; i < L->n; i++) {
		const struct tl_box *e = &L->boxes[i];
		for (size_t k = 0; k < n; k++) {
			if (strcmp(b[k].what, "label") || b[k].owner == (int)i)
				continue;
			bool hit;
			if (L->vertical) {
				hit = segment_hits(e->leader_x0, e->leader_y0, e->leader_x1, e->leader_y1, &b[k]);
			} else {
				hit = segment_hits(e->leader_x0, e->leader_y0, e->leader_x0, L->band_y1, &b[k]) ||
				      segment_hits(e->leader_x0, L->band_y1, e->leader_x1, L->band_y0, &b[k]) ||
				      segment_hits(e->leader_x1, L->band_y0, e->leader_x1, e->leader_y1, &b[k]);
			}
			if (hit)
				check_fail(__FILE__, __LINE__, "%s: the leader of event %zu crosses label %d",
					   name, i, b[k].owner);
		}
	}
	free(b);
}

static void layout_file(const char *path, int width, bool want_vertical, const char *name)
{
	struct arena a;
	struct diag d;
	struct chart *c = test_load_spec(&a, &d, path, NULL);
	CHECK(c != NULL);
	struct chart_layout l;
	if (c && layout_chart(test_engine(), c, NULL, width, &l, &d)) {
		if (l.timeline.vertical != want_vertical)
			check_fail(__FILE__, __LINE__, "%s: want %s", name,
				   want_vertical ? "vertical" : "horizontal");
		check_timeline(&l, name);
		layout_chart_fini(&l);
	} else {
		check_fail(__FILE__, __LINE__, "%s: layout failed", name);
	}
	arena_fini(&a);
}

void test_timeline_geometry(void)
{
	const char *seed = "data/ziliujing-2017/investment-timeline.json";
	layout_file(seed, 1200, false, "seed@1200");
	layout_file(seed, 2000, false, "seed@2000");
	layout_file(seed, 800, true, "seed@800");
	layout_file(seed, 600, true, "seed@600");
	layout_file(seed, 375, true, "seed@375");
	layout_file("tests/render/timeline-dense.yaml", 1200, true, "dense@1200");
	layout_file("tests/render/timeline-dense.yaml", 375, true, "dense@375");
	layout_file("tests/render/timeline-sameday.yaml", 1200, false, "sameday@1200");
	layout_file("tests/render/timeline-sameday.yaml", 375, true, "sameday@375");
	layout_file("tests/render/timeline-years.yaml", 1200, false, "years@1200");
	layout_file("tests/render/timeline-years.yaml", 800, false, "years@800");
	layout_file("tests/render/timeline-years.yaml", 375, false, "years@375");
	layout_file("tests/render/timeline-en.yaml", 1200, true, "en@1200");
}

void test_timeline_lanes_when_forced(void)
{
	/* Forced horizontal with more events than one row holds: lanes. */
	layout_file("tests/render/timeline-lanes.yaml", 1200, false, "lanes@1200");
}
