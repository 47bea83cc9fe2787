/* Unit tests: largest-remainder rounding, and breakdown and KPI layout
 * geometry: no text overlaps text or the figure, nothing leaves the canvas. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "layout.h"
#include "numfmt.h"
#include "spec.h"

void test_largest_remainder(void)
{
	int out[12];
	double a[] = {73, 90};
	numfmt_largest_remainder(a, 2, 100, out);
	CHECK(out[0] == 45 && out[1] == 55);
	double b[] = {1, 1, 1};
	numfmt_largest_remainder(b, 3, 100, out);
	CHECK(out[0] == 34 && out[1] == 33 && out[2] == 33); /* ties: the earlier value */
	double c[] = {99, 1, 0};
	numfmt_largest_remainder(c, 3, 100, out);
	CHECK(out[0] == 99 && out[1] == 1 && out[2] == 0);
	double z[] = {0, 0};
	numfmt_largest_remainder(z, 2, 100, out);
	CHECK(out[0] == 0 && out[1] == 0);
	/* Random sets: the total is exact and each is within 1 of its share. */
	srand(42);
	for (int trial = 0; trial < 2000; trial++) {
		size_t n = 1 + (size_t)(rand() % 12);
		int total = 1 + rand() % 10000;
		double v[12], sum = 0;
		for (size_t i = 0; i < n; i++) {
			v[i] = rand() % 7 == 0 ? 0 : (double)(rand() % 100000) / 7.0;
			sum += v[i];
		}
		if (sum <= 0)
			continue;
		numfmt_largest_remainder(v, n, total, out);
		int got = 0;
		for (size_t i = 0; i < n; i++) {
			got += out[i];
			double exact = v[i] / sum * total;
			if (fabs(out[i] - exact) >= 1)
				check_fail(__FILE__, __LINE__, "trial %d: %d vs exact %f", trial, out[i], exact);
		}
		if (got != total)
			check_fail(__FILE__, __LINE__, "trial %d: cells add up to %d, not %d", trial, got,
				   total);
	}
}

struct box {
	double x, y, w, h;
	const char *what;
};

static bool overlap(const struct box *a, const struct box *b)
{
	const double e = 0.5;
	return a->x + e < b->x + b->w && b->x + e < a->x + a->w && a->y + e < b->y + b->h &&
	       b->y + e < a->y + a->h;
}

static void add_text(struct box *b, size_t *n, const struct text_block *t, double x, double y,
		     const char *what)
{
	if (!t->layout)
		return;
	b[(*n)++] = (struct box){x + t->ink_left, y, t->ink_width, t->height, what};
}

static void check_boxes(struct box *b, size_t n, const struct chart_layout *l, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (b[i].x < -0.5 || b[i].y < -0.5 || b[i].x + b[i].w > l->width + 0.5 ||
		    b[i].y + b[i].h > l->height + 0.5)
			check_fail(__FILE__, __LINE__, "%s: %s leaves the %gx%g canvas", name, b[i].what,
				   l->width, l->height);
		for (size_t k = i + 1; k < n; k++)
			if (overlap(&b[i], &b[k]))
				check_fail(__FILE__, __LINE__, "%s: %s overlaps %s", name, b[i].what,
					   b[k].what);
	}
}

static void check_breakdown(const struct chart_layout *l, const char *name)
{
	const struct breakdown_layout *bl = &l->breakdown;
	struct box b[256];
	size_t n = 0;
	for (size_t i = 0; i < bl->n_items; i++) {
		const struct bd_item *it = &bl->items[i];
		add_text(b, &n, &it->label, it->text_x, it->y, "legend label");
		add_text(b, &n, &it->value, it->text_x, it->value_y, "legend value");
	}
	for (size_t i = 0; bl->rows_of && i < bl->n; i++) {
		const struct bd_row *r = &bl->rows_of[i];
		add_text(b, &n, &r->label, r->label_x, r->label_y, "row label");
		add_text(b, &n, &r->value, r->value_x, r->value_y, "row value");
		if (bl->variant == BD_BAR && r->bar_w > 0)
			b[n++] = (struct box){r->bar_x, r->bar_y, r->bar_w, r->bar_h, "bar"};
	}
	if (bl->whole) {
		switch (bl->variant) {
		case BD_BAR:
			b[n++] = (struct box){bl->bar.x, bl->bar.y, bl->bar.w, bl->bar.h, "stacked bar"};
			break;
		case BD_DONUT:
			b[n++] = (struct box){bl->cx - bl->r_out, bl->cy - bl->r_out, 2 * bl->r_out,
					      2 * bl->r_out, "donut"};
			break;
		case BD_WAFFLE:
			b[n++] = (struct box){bl->grid_x, bl->grid_y,
					      bl->cols * (bl->cell + bl->cell_gap) - bl->cell_gap,
					      bl->rows * (bl->cell + bl->cell_gap) - bl->cell_gap, "waffle"};
			break;
		case BD_PICTOGRAM: {
			int lines = (int)((bl->n_icons + (size_t)bl->icons_per_line - 1) /
					  (size_t)bl->icons_per_line);
			b[n++] = (struct box){bl->icons_x, bl->icons_y,
					      bl->icons_per_line * (bl->icon + bl->icon_gap) - bl->icon_gap,
					      lines * (bl->icon + bl->icon_gap) - bl->icon_gap, "icons"};
			add_text(b, &n, &bl->center_label, bl->cl_x, bl->cl_y, "key");
			break;
		}
		}
	}
	check_boxes(b, n, l, name);
	/* Cells: every one is given to a part, and they add up. */
	if (bl->whole && bl->variant == BD_WAFFLE) {
		int assigned = 0;
		for (int k = 0; k < bl->n_cells; k++)
			assigned += bl->cell_part[k] >= 0;
		CHECK(assigned == bl->n_cells);
	}
}

static void check_kpis(const struct chart_layout *l, const char *name)
{
	const struct kpis_layout *kl = &l->kpis;
	struct box b[128];
	size_t n = 0;
	for (size_t i = 0; i < kl->n; i++) {
		const struct kpi_box *k = &kl->boxes[i];
		add_text(b, &n, &k->label, k->label_x, k->label_y, "label");
		add_text(b, &n, &k->value, k->value_x, k->value_y, "value");
		add_text(b, &n, &k->unit, k->unit_x, k->unit_y, "unit");
		add_text(b, &n, &k->compare, k->compare_x, k->compare_y, "comparison");
		if (k->icon_size > 0)
			b[n++] = (struct box){k->icon_x, k->icon_y, k->icon_size, k->icon_size, "icon"};
		/* The number and its unit stay inside the card's column. */
		if (k->value.width > k->card.w + 0.5 || k->unit_x + k->unit.width > k->card.x + k->card.w + 0.5)
			check_fail(__FILE__, __LINE__, "%s: card %zu's number leaves its card", name, i);
	}
	check_boxes(b, n, l, name);
}

static void layout_spec(const char *path, int width)
{
	struct arena a;
	struct diag d;
	struct chart *c = test_load_spec(&a, &d, path, NULL);
	CHECK(c != NULL);
	struct chart_layout l;
	char name[256];
	snprintf(name, sizeof name, "%s@%d", path, width);
	if (c && layout_chart(test_engine(), c, NULL, width, &l, &d)) {
		if (c->kind == CHART_BREAKDOWN)
			check_breakdown(&l, name);
		else
			check_kpis(&l, name);
		layout_chart_fini(&l);
	} else {
		check_fail(__FILE__, __LINE__, "%s: layout failed", name);
	}
	arena_fini(&a);
}

void test_breakdown_geometry(void)
{
	static const char *const specs[] = {
		"data/ziliujing-2017/poverty-households.yaml", "data/ziliujing-2017/investment-funds.yaml",
		"data/ziliujing-2017/projects-size.yaml", "data/ziliujing-2017/construction-share.yaml",
		"tests/render/breakdown-12-bar.yaml", "tests/render/breakdown-12-donut.yaml",
		"tests/render/breakdown-dominant-waffle.yaml", "tests/render/breakdown-pictogram-whole.yaml",
		"tests/render/breakdown-related-bars.yaml",
	};
	static const int widths[] = {375, 600, 1080, 1200, 2000};
	for (size_t i = 0; i < ARRAY_LEN(specs); i++)
		for (size_t w = 0; w < ARRAY_LEN(widths); w++)
			layout_spec(specs[i], widths[w]);
}

void test_kpis_geometry(void)
{
	static const char *const specs[] = {"data/ziliujing-2017/poverty-kpis.yaml",
					    "data/ziliujing-2017/shantytown-kpis.yaml",
					    "tests/render/kpis-eight.yaml"};
	static const int widths[] = {375, 600, 1080, 1200, 2000};
	for (size_t i = 0; i < ARRAY_LEN(specs); i++)
		for (size_t w = 0; w < ARRAY_LEN(widths); w++)
			layout_spec(specs[i], widths[w]);
}

/* Pictograms draw whole icons only (shared/DESIGN.md: "do not slice off an
 * arm"): 862 people at 20 an icon are 43 icons, shared 21/13/9 by largest
 * remainder; households at 25 an icon are rounded per row (1005 → 40,
 * 405 → 16, 119 → 5). */
void test_pictogram_icons_are_whole(void)
{
	struct arena a;
	struct diag d;
	struct chart *c = test_load_spec(&a, &d, "tests/render/breakdown-pictogram-whole.yaml", NULL);
	struct chart_layout l;
	CHECK(c && layout_chart(test_engine(), c, NULL, 1200, &l, &d));
	if (c) {
		const struct breakdown_layout *bl = &l.breakdown;
		CHECK(bl->n_icons == 43);
		int per[3] = {0, 0, 0}, bad = 0;
		for (size_t k = 0; k < bl->n_icons; k++) {
			if (bl->icon_part[k] < 0 || bl->icon_part[k] > 2)
				bad++;
			else
				per[bl->icon_part[k]]++;
			/* in order: every icon of a part before the next part's */
			if (k && bl->icon_part[k] < bl->icon_part[k - 1])
				bad++;
		}
		CHECK(bad == 0 && per[0] == 21 && per[1] == 13 && per[2] == 9);
		layout_chart_fini(&l);
	}
	arena_fini(&a);

	c = test_load_spec(&a, &d, "data/ziliujing-2017/poverty-households.yaml", NULL);
	CHECK(c && layout_chart(test_engine(), c, NULL, 1200, &l, &d));
	if (c) {
		const struct breakdown_layout *bl = &l.breakdown;
		CHECK(bl->rows_of && bl->n == 3);
		if (bl->rows_of && bl->n == 3)
			CHECK(bl->rows_of[0].n_icons == 40 && bl->rows_of[1].n_icons == 16 &&
			      bl->rows_of[2].n_icons == 5);
		layout_chart_fini(&l);
	}
	arena_fini(&a);
}

/* Beside its legend, a pictogram's icons grow until the icons and the
 * legend fill the plot's width (the right part was left empty at 1200 px),
 * up to 48 px an icon; they never shrink below 34 px (both at the type
 * scale), and the legend starts past the icons. */
void test_pictogram_fills_beside_legend(void)
{
	static const int widths[] = {700, 900, 1080, 1200, 2000};
	for (size_t w = 0; w < ARRAY_LEN(widths); w++) {
		struct arena a;
		struct diag d;
		struct chart *c =
			test_load_spec(&a, &d, "tests/render/breakdown-pictogram-whole.yaml", NULL);
		struct chart_layout l;
		CHECK(c && layout_chart(test_engine(), c, NULL, widths[w], &l, &d));
		if (!c) {
			arena_fini(&a);
			continue;
		}
		const struct breakdown_layout *bl = &l.breakdown;
		double W = l.frame.plot.x + l.frame.plot.w, s = l.theme.scale; /* placed on the canvas */
		double icons_right = bl->icons_x + bl->icons_per_line * (bl->icon + bl->icon_gap) -
				     bl->icon_gap;
		double legend_x = W, legend_right = 0;
		for (size_t i = 0; i < bl->n_items; i++) {
			const struct bd_item *it = &bl->items[i];
			legend_x = fmin(legend_x, it->x);
			legend_right = fmax(legend_right, it->text_x + it->label.ink_left + it->label.ink_width);
			legend_right = fmax(legend_right, it->text_x + it->value.ink_left + it->value.ink_width);
		}
		if (bl->icon < floor(34 * s) || bl->icon > 48 * s)
			check_fail(__FILE__, __LINE__, "at %d px: icons of %g px", widths[w], bl->icon);
		if (legend_x < icons_right + 20)
			check_fail(__FILE__, __LINE__, "at %d px: the legend at %g, the icons end at %g",
				   widths[w], legend_x, icons_right);
		if (legend_right > W + 0.5)
			check_fail(__FILE__, __LINE__, "at %d px: the legend ends at %g of %g", widths[w],
				   legend_right, W);
		/* Filled: less than one icon's pitch left over, unless the icons
		 * are as large as they go. */
		if (bl->icon < floor(48 * s) - 1 && W - legend_right > bl->icon + bl->icon_gap)
			check_fail(__FILE__, __LINE__, "at %d px: %g px empty right of the legend",
				   widths[w], W - legend_right);
		layout_chart_fini(&l);
		arena_fini(&a);
	}
}
