/* test_svg_glyphs: our glyph symbols against cairo's own SVG text. */
#include <cairo-svg.h>
#include <math.h>
#include <pango/pango.h>
#include <stdlib.h>

#include "check.h"
#include "encode_svg.h"
#include "svg_glyphs.h"
#include "text.h"

/* printf's "%f" with the trailing zeros (and a bare ".") taken off. */
static void printf_trimmed(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%f", v);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *e = buf + strlen(buf);
		while (e > dot + 1 && e[-1] == '0')
			*--e = '\0';
		if (e == dot + 1)
			*dot = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

void test_svg_number(void)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{0, "0"},	   {-0.0, "0"},		  {1, "1"},
		{-2.25, "-2.25"},  {0.1, "0.1"},	  {1e-7, "0"},
		{-4e-7, "0"},	   {-6e-7, "-0.000001"},  {140.0390625, "140.039062"},
		{0.0000005, "0"},  {0.0000015, "0.000002"}, {1199.9999999, "1200"},
		{123456.789, "123456.789"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char got[32];
		svg_number(got, cases[i].v);
		CHECK_STR(got, cases[i].want);
	}
	/* Coordinates cairo hands over are multiples of 1/256 (its fixed
	 * point) and Pango's of 1/1024: on those, exactly what printf writes,
	 * ties to even included. */
	for (long k = -400000; k <= 400000; k += 7) {
		for (int den = 256; den <= 1024; den *= 4) {
			double v = (double)k / den;
			char got[32], want[64];
			svg_number(got, v);
			printf_trimmed(want, sizeof want, v);
			if (strcmp(got, want) != 0) {
				check_fail(__FILE__, __LINE__, "%ld/%d: got %s, want %s", k, den, got,
					   want);
				return;
			}
		}
	}
}

/* Every <use> of a glyph that draws something, as "outline@x,y;" in
 * document order, with the colour of its group. */
static char *placements(const char *svg)
{
	struct dynbuf out;
	dynbuf_init(&out, SIZE_MAX);
	const char *colour = "";
	size_t colour_len = 0;
	for (const char *p = svg; *p; p++) {
		if (strncmp(p, "<g style=\"fill:", 15) == 0) {
			colour = p + 15;
			colour_len = strcspn(colour, ";");
			continue;
		}
		if (strncmp(p, "<use xlink:href=\"#", 18) != 0)
			continue;
		const char *id = p + 18;
		size_t id_len = strcspn(id, "\"");
		char def[128];
		snprintf(def, sizeof def, "id=\"%.*s\">\n<path style=\"stroke:none;\" d=\"",
			 (int)id_len, id);
		const char *d = strstr(svg, def);
		if (!d)
			continue;
		d += strlen(def);
		size_t d_len = strcspn(d, "\"");
		if (d_len == 0)
			continue; /* a space: cairo writes it, we leave it out */
		const char *x = strstr(p, " x=\""), *y = strstr(p, " y=\"");
		dynbuf_appendf(&out, "%.*s %.*s@%.*s,%.*s;\n", (int)colour_len, colour, (int)d_len, d,
			       (int)strcspn(x + 4, "\""), x + 4, (int)strcspn(y + 4, "\""), y + 4);
	}
	dynbuf_append(&out, "", 1);
	return (char *)out.data;
}

static cairo_status_t to_dynbuf(void *closure, const unsigned char *data, unsigned int len)
{
	dynbuf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The blocks drawn on an SVG surface, through svg_glyphs or (g NULL) by
 * cairo. Returns the document, NUL-terminated, or NULL when the splice
 * refused it. */
static char *draw_svg(struct text_block *tb, size_t n, bool ours, bool extra_marker,
		      bool check_path)
{
	struct dynbuf raw, out;
	dynbuf_init(&raw, SIZE_MAX);
	dynbuf_init(&out, SIZE_MAX);
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_dynbuf, &raw, 600, 400);
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	struct svg_glyphs *g = ours ? svg_glyphs_new() : NULL;
	if (g)
		svg_glyphs_attach(g, s);
	cairo_t *cr = cairo_create(s);
	cairo_translate(cr, 10.3, 7.77);
	for (size_t i = 0; i < n; i++) {
		/* The caller's path survives the text and ends at its origin, as
		 * with cairo's text. */
		cairo_move_to(cr, 1, 2);
		cairo_line_to(cr, 30, 40);
		double x = 20.1 + 3 * (double)i, y = 30.4 + 90 * (double)i;
		text_block_draw(&tb[i], cr, x, y, 0x336699);
		cairo_path_t *path = cairo_copy_path(cr);
		CHECK(!check_path || (path->num_data == 6 && fabs(path->data[3].point.x - 30) < 0.01 &&
		      fabs(path->data[3].point.y - 40) < 0.01 && fabs(path->data[5].point.x - x) < 0.01 &&
		      fabs(path->data[5].point.y - y) < 0.01));
		cairo_path_destroy(path);
		cairo_new_path(cr);
	}
	if (extra_marker) {
		/* What a stray marker looks like to the splice: one too many. */
		struct svg_glyphs *none = svg_glyphs_new();
		svg_glyphs_begin(none);
		svg_glyphs_end(none, cr);
		svg_glyphs_free(none);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	char *doc = NULL;
	if (!g) {
		dynbuf_append(&raw, "", 1);
		return (char *)raw.data;
	}
	if (svg_glyphs_splice(g, (const char *)raw.data, raw.len, &out) == 0) {
		dynbuf_append(&out, "", 1);
		doc = (char *)out.data;
	} else {
		CHECK(out.len == 0);
		dynbuf_fini(&out);
	}
	svg_glyphs_free(g);
	dynbuf_fini(&raw);
	return doc;
}

void test_svg_glyphs_match_cairo(void)
{
	/* Two lines, Latin among Han, a dimmed tail and bold. */
	struct text_style st = {28, 400, false, false, 1.3, TEXT_LEFT, false, 0, 0};
	struct text_block tb[3];
	memset(tb, 0, sizeof tb);
	static const char han_latin[] = "2018年自流井区 GDP 增长 6.0% 以上，投资 137 亿元";
	CHECK(text_block_make(test_engine(), &tb[0], han_latin, &st, 300, LOCALE_ZH_HANS, NULL));
	struct text_style dim = st;
	dim.dim_from = strlen("签约项目 ");
	dim.dim_rgb = 0x999999;
	static const char dimmed[] = "签约项目 45 个（其中 10 亿元以上 9 个）";
	CHECK(text_block_make(test_engine(), &tb[1], dimmed, &dim, 0, LOCALE_ZH_HANS, NULL));
	static const size_t bold[1][2] = {{0, 6}};
	CHECK(text_block_make_rich(test_engine(), &tb[2], "盐博会 Salt Expo", &st, 0,
				   LOCALE_ZH_HANS, NULL, bold, 1));

	char *cairo_doc = draw_svg(tb, 3, false, false, true);
	char *ours = draw_svg(tb, 3, true, false, true);
	CHECK(ours != NULL);
	if (ours) {
		CHECK(strstr(ours, "55.55555%") == NULL); /* no marker left */
		CHECK(strstr(ours, "id=\"tg1\"") != NULL);
		CHECK(strstr(ours, "#glyph") == NULL); /* no text left to cairo */
		char *a = placements(cairo_doc), *b = placements(ours);
		CHECK(strlen(a) > 1000);
		CHECK(strstr(b, "rgb(60%,60%,60%)") != NULL); /* the dimmed tail */
		CHECK_STR(b, a);
		free(a);
		free(b);
	}

	/* The same document again: the outlines now come from the fonts'
	 * cache, and the bytes are the same once cairo's process-wide ids are
	 * numbered for the document, as every SVG saltprint writes is. */
	char *again = draw_svg(tb, 3, true, false, true);
	CHECK(again && ours);
	if (again && ours) {
		struct dynbuf a, b;
		dynbuf_init(&a, SIZE_MAX);
		dynbuf_init(&b, SIZE_MAX);
		CHECK(encode_svg_finish(ours, strlen(ours), 600, 400, "t", "d", &a) == 0);
		CHECK(encode_svg_finish(again, strlen(again), 600, 400, "t", "d", &b) == 0);
		CHECK(a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
		dynbuf_fini(&a);
		dynbuf_fini(&b);
	}
	free(again);
	/* A block svg_glyphs does not write (here: underlined) is cairo's, in
	 * its place among ours. (Pango fills the underline, which clears the
	 * path: no path check there.) */
	PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(tb[1].layout));
	pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
	pango_layout_set_attributes(tb[1].layout, attrs);
	pango_attr_list_unref(attrs);
	char *cairo_mixed = draw_svg(tb, 3, false, false, false);
	char *mixed = draw_svg(tb, 3, true, false, false);
	CHECK(mixed && strstr(mixed, "#glyph") && strstr(mixed, "#tg1"));
	if (mixed) {
		char *a = placements(cairo_mixed), *b = placements(mixed);
		CHECK_STR(b, a);
		free(a);
		free(b);
	}
	free(mixed);
	free(cairo_mixed);
	/* One marker too many: refused, for the caller to draw with cairo. */
	CHECK(draw_svg(tb, 3, true, true, false) == NULL);
	free(ours);
	free(cairo_doc);
	for (size_t i = 0; i < ARRAY_LEN(tb); i++)
		text_block_fini(&tb[i]);
}

void test_svg_glyphs_splice_counts_markers(void)
{
	struct svg_glyphs *g = svg_glyphs_new();
	struct dynbuf out;
	dynbuf_init(&out, SIZE_MAX);
	static const char doc[] = "<?xml version=\"1.0\"?>\n<svg width=\"1\">\n<g/>\n</svg>\n";
	/* No blocks, no markers: the document as it was. */
	CHECK(svg_glyphs_splice(g, doc, strlen(doc), &out) == 0);
	CHECK(out.len == strlen(doc) && memcmp(out.data, doc, out.len) == 0);
	/* Not an SVG at all. */
	out.len = 0;
	CHECK(svg_glyphs_splice(g, "<html/>", 7, &out) == -1);
	CHECK(out.len == 0);
	dynbuf_fini(&out);
	svg_glyphs_free(g);
}
