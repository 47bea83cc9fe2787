/* Unit tests: gauge layout geometry: columns per width, nothing overlaps,
 * nothing leaves the canvas, values sit inside their rings. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "layout.h"
#include "spec.h"

struct box {
	double x, y, w, h;
	const char *what;
};

static void add(struct box *b, size_t *n, double x, double y, double w, double h,
		const char *what)
{
	b[*n].x = x, b[*n].y = y, b[*n].w = w, b[*n].h = h, b[*n].what = what;
	(*n)++;
}

static bool overlap(const struct box *a, const struct box *b)
{
	const double e = 0.01;
	return a->x + e < b->x + b->w && b->x + e < a->x + a->w && a->y + e < b->y + b->h &&
	       b->y + e < a->y + a->h;
}

/* Every drawn box of a laid-out gauges chart. */
static size_t boxes_of(const struct chart_layout *l, struct box *b)
{
	size_t n = 0;
	const struct frame_layout *f = &l->frame;
	double pad = l->theme.pad;
	add(b, &n, pad, f->title_y, f->title.width, f->title.height, "title");
	if (f->subtitle.layout)
		add(b, &n, pad, f->subtitle_y, f->subtitle.width, f->subtitle.height, "subtitle");
	if (f->source.layout)
		add(b, &n, pad, f->source_y, f->source.width, f->source.height, "source");
	if (f->credit.layout)
		add(b, &n, f->credit_x, f->credit_y, f->credit.width, f->credit.height, "credit");
	for (size_t i = 0; i < l->gauges.n; i++) {
		const struct gauge_box *g = &l->gauges.boxes[i];
		add(b, &n, g->cx - g->radius, g->cy - g->radius, 2 * g->radius, 1.5 * g->radius,
		    "ring");
		add(b, &n, g->lo_x, g->lo_y, g->lo.width, g->lo.height, "scale 0");
		add(b, &n, g->hi_x, g->hi_y, g->hi.width, g->hi.height, "scale max");
		double lx = l->gauges.row_mode ? g->text_x : g->cx - g->label.width / 2;
		add(b, &n, lx + g->label.ink_left, g->label_y, g->label.ink_width, g->label.height,
		    "label");
		for (size_t m = 0; m < g->n_marks; m++) {
			const struct text_block *t = &g->mark_text[m];
			add(b, &n, g->mark_x[m] + t->ink_left - g->key_w, g->mark_y[m],
			    t->ink_width + g->key_w, t->height, "mark");
		}
	}
	return n;
}

static void check_geometry(const struct chart_layout *l, const char *name)
{
	struct box b[512];
	size_t n = boxes_of(l, b);
	for (size_t i = 0; i < n; i++) {
		if (b[i].x < 0 || b[i].y < 0 || b[i].x + b[i].w > l->width + 0.01 ||
		    b[i].y + b[i].h > l->height + 0.01)
			check_fail(__FILE__, __LINE__, "%s: %s at %.1f,%.1f %.1fx%.1f leaves the %gx%g canvas",
				   name, b[i].what, b[i].x, b[i].y, b[i].w, b[i].h, l->width, l->height);
		for (size_t k = i + 1; k < n; k++)
			if (overlap(&b[i], &b[k]))
				check_fail(__FILE__, __LINE__, "%s: %s overlaps %s", name, b[i].what,
					   b[k].what);
	}
	/* The value and unit fit inside the ring's hole (corners of their box). */
	for (size_t i = 0; i < l->gauges.n; i++) {
		const struct gauge_box *g = &l->gauges.boxes[i];
		double inner = g->radius - g->stroke;
		double top = g->value_y + g->value.baseline - g->value.height * 0.73;
		double bottom = g->value_y + g->value.baseline;
		double left = g->value_x, right = g->unit.layout ? g->unit_x + g->unit.width
								 : g->value_x + g->value.width;
		double xs[2] = {left, right}, ys[2] = {top, bottom};
		for (int a = 0; a < 2; a++)
			for (int c = 0; c < 2; c++)
				if (hypot(xs[a] - g->cx, ys[c] - g->cy) > inner)
					check_fail(__FILE__, __LINE__, "%s: gauge %zu's value touches its ring",
						   name, i);
	}
}

static const char seed[] =
	"chart: gauges\ntitle: 2018年自流井区五项主要指标增长目标\n"
	"subtitle: 计划增速（%）。刻度线为2017年实际增速\n"
	"source: 华西城市读本《加快推动全域发展 2017年自流井区交出满意“成绩单”》\n"
	"credit: 记者 刘恪生\nunit: \"%\"\nmax: 25\ngauges:\n"
	"  - {label: 地区生产总值, value: 6.0, marks: [{value: 6, label: 2017年 6%以上}]}\n"
	"  - {label: 规模以上工业增加值, value: 3.0}\n"
	"  - {label: 服务业增加值, value: 10.5, marks: [{value: 10.9, label: 2017年三季度 10.9%}]}\n"
	"  - {label: 全社会固定资产投资, value: 20, marks: [{value: 20, label: 2017年 20%以上}]}\n"
	"  - {label: 社会消费品零售总额, value: 13.0}\n";

static struct chart *load(struct arena *a, const char *text)
{
	struct diag d;
	diag_init(&d, stderr);
	struct spec_limits lim;
	spec_limits_default(&lim);
	return spec_load_buffer(a, &d, "t.yaml", text, strlen(text), &lim);
}

void test_gauges_columns_follow_width(void)
{
	CHECK(gauges_columns(5, 1104, 32, 156) == 5);
	CHECK(gauges_columns(5, 532, 23, 156) == 3);
	CHECK(gauges_columns(5, 900, 32, 156) == 3); /* 4 + 1 rebalanced to 3 + 2 */
	CHECK(gauges_columns(5, 317, 19, 156) == 1);
	CHECK(gauges_columns(1, 1104, 32, 156) == 1);
	CHECK(gauges_columns(8, 1104, 32, 156) == 4); /* 6 + 2 rebalanced to 4 + 4 */

	struct arena a;
	arena_init(&a);
	struct chart *c = load(&a, seed);
	CHECK(c != NULL);
	struct diag d;
	diag_init(&d, stderr);
	static const struct {
		int width, cols;
	} cases[] = {{1200, 5}, {600, 3}, {375, 1}, {2000, 5}, {900, 3}};
	for (size_t i = 0; c && i < ARRAY_LEN(cases); i++) {
		struct chart_layout l;
		CHECK(layout_chart(test_engine(), c, NULL, cases[i].width, &l, &d));
		CHECK(l.gauges.cols == cases[i].cols);
		CHECK(l.width == cases[i].width);
		char name[32];
		snprintf(name, sizeof name, "seed@%d", cases[i].width);
		check_geometry(&l, name);
		layout_chart_fini(&l);
	}
	arena_fini(&a);
}

void test_gauges_dense_and_long_labels(void)
{
	/* Eight gauges, long labels and captions, values at 0 and at the maximum. */
	char spec[8192];
	int n = snprintf(spec, sizeof spec,
			 "chart: gauges\ntitle: 一个相当长的标题，用来检查标题在窄屏上如何换行而不溢出画布\n"
			 "note: 注释文字也会换行，而且不能和来源重叠。\nsource: 某某统计局\n"
			 "credit: 制图：某某\nmax: 100\nunit: \"%%\"\ngauges:\n");
	for (int i = 0; i < 8; i++)
		n += snprintf(spec + n, sizeof spec - (size_t)n,
			      "  - {label: 第%d项非常非常长的指标名称需要换成好几行才能放下, value: %d, "
			      "marks: [{value: 50, label: 上年同期水平五十个百分点}]}\n",
			      i + 1, i == 0 ? 0 : i == 7 ? 100 : i * 12);
	struct arena a;
	arena_init(&a);
	struct chart *c = load(&a, spec);
	CHECK(c != NULL);
	struct diag d;
	diag_init(&d, stderr);
	static const int widths[] = {375, 480, 600, 750, 1080, 1200, 1600, 2000};
	for (size_t i = 0; c && i < ARRAY_LEN(widths); i++) {
		struct chart_layout l;
		CHECK(layout_chart(test_engine(), c, NULL, widths[i], &l, &d));
		char name[32];
		snprintf(name, sizeof name, "dense@%d", widths[i]);
		check_geometry(&l, name);
		layout_chart_fini(&l);
	}
	arena_fini(&a);
}

void test_fixed_height_centres_the_plot(void)
{
	struct arena a;
	arena_init(&a);
	char spec[4096];
	snprintf(spec, sizeof spec, "%sheight: 800\n", seed);
	struct chart *c = load(&a, spec);
	CHECK(c != NULL);
	struct diag d;
	diag_init(&d, stderr);
	struct chart_layout l;
	if (c && layout_chart(test_engine(), c, NULL, 0, &l, &d)) {
		CHECK(l.height == 800);
		check_geometry(&l, "seed@1200x800");
		/* The spare height is split above and below the plot. */
		double above = l.frame.plot.y - (l.frame.subtitle_y + l.frame.subtitle.height);
		double below = l.frame.source_y - (l.frame.plot.y + l.frame.plot.h);
		CHECK(above > l.theme.gap_header_plot && below > l.theme.gap_plot_footer);
		layout_chart_fini(&l);
	}
	arena_fini(&a);
}
