/* Unit tests: number formatting (numfmt.c) and number parsing (spec.c). */
#include <math.h>

#include "check.h"
#include "numfmt.h"
#include "spec.h"

void test_nice_ceil(void)
{
	CHECK(numfmt_nice_ceil(22) == 25);
	CHECK(numfmt_nice_ceil(20) == 20);
	CHECK(numfmt_nice_ceil(20.0001) == 25);
	CHECK(numfmt_nice_ceil(11.99) == 20);
	CHECK(numfmt_nice_ceil(3) == 5);
	CHECK(numfmt_nice_ceil(0.07) == 0.1);
	CHECK(numfmt_nice_ceil(172.8) == 200);
	CHECK(numfmt_nice_ceil(0) == 1);
	CHECK(numfmt_nice_ceil(-5) == 1);
}

void test_plain(void)
{
	char b[64];
	numfmt_plain(25, 2, b, sizeof b);
	CHECK_STR(b, "25");
	numfmt_plain(2.50, 2, b, sizeof b);
	CHECK_STR(b, "2.5");
	numfmt_plain(60.65, 2, b, sizeof b);
	CHECK_STR(b, "60.65");
	numfmt_plain(1e-7, 2, b, sizeof b);
	CHECK_STR(b, "0");
	numfmt_plain(-0.001, 2, b, sizeof b);
	CHECK_STR(b, "0");
	numfmt_plain(-3.25, 1, b, sizeof b);
	CHECK_STR(b, "-3.2");
	numfmt_plain(1e15, 0, b, sizeof b);
	CHECK_STR(b, "1000000000000000");
}

void test_grouped(void)
{
	char b[64];
	numfmt_grouped(14000, 0, ",", b, sizeof b);
	CHECK_STR(b, "14,000");
	numfmt_grouped(1234567.891, 2, ",", b, sizeof b);
	CHECK_STR(b, "1,234,567.89");
	numfmt_grouped(-999, 0, ",", b, sizeof b);
	CHECK_STR(b, "-999");
	numfmt_grouped(-1000, 0, ",", b, sizeof b);
	CHECK_STR(b, "-1,000");
	numfmt_grouped(-0.001, 1, ",", b, sizeof b);
	CHECK_STR(b, "0.0");
	numfmt_grouped(100, 0, NULL, b, sizeof b);
	CHECK_STR(b, "100");
}

void test_cjk_scaled(void)
{
	char b[64];
	numfmt_cjk_scaled(15200000000.0, "元", LOCALE_ZH_HANS, b, sizeof b);
	CHECK_STR(b, "152亿元");
	numfmt_cjk_scaled(6065000000.0, "元", LOCALE_ZH_HANS, b, sizeof b);
	CHECK_STR(b, "60.65亿元");
	numfmt_cjk_scaled(17280000000.0, "元", LOCALE_ZH_HANS, b, sizeof b);
	CHECK_STR(b, "172.8亿元");
	numfmt_cjk_scaled(14000, "户", LOCALE_ZH_HANS, b, sizeof b);
	CHECK_STR(b, "1.4万户");
	numfmt_cjk_scaled(9999, "人", LOCALE_ZH_HANS, b, sizeof b);
	CHECK_STR(b, "9999人");
	numfmt_cjk_scaled(2e12, "元", LOCALE_ZH_HANS, b, sizeof b);
	CHECK_STR(b, "2万亿元");
	numfmt_cjk_scaled(15200000000.0, "円", LOCALE_JA, b, sizeof b);
	CHECK_STR(b, "152億円");
	numfmt_cjk_scaled(15200000000.0, "원", LOCALE_KO, b, sizeof b);
	CHECK_STR(b, "152억원");
	numfmt_cjk_scaled(15200000000.0, "元", LOCALE_ZH_HANT, b, sizeof b);
	CHECK_STR(b, "152億元");
	/* Rounding carries into the next unit instead of printing 10000万. */
	numfmt_cjk_scaled(99999999.9, "元", LOCALE_ZH_HANS, b, sizeof b);
	CHECK_STR(b, "1亿元");
	numfmt_cjk_scaled(-32200000, "元", LOCALE_ZH_HANS, b, sizeof b);
	CHECK_STR(b, "-3220万元");
}

void test_parse_number(void)
{
	double d;
	CHECK(spec_parse_number("6.0", &d) && d == 6.0);
	CHECK(spec_parse_number("-25", &d) && d == -25);
	CHECK(spec_parse_number("1e3", &d) && d == 1000);
	CHECK(spec_parse_number(".5", &d) && d == 0.5);
	CHECK(!spec_parse_number("6.0%", &d));
	CHECK(!spec_parse_number("nan", &d));
	CHECK(!spec_parse_number("inf", &d));
	CHECK(!spec_parse_number("0x10", &d));
	CHECK(!spec_parse_number("", &d));
	CHECK(!spec_parse_number("1,5", &d));
	CHECK(spec_parse_number("1e309", &d) && isinf(d));
}

#include <cairo.h>

#include "encode_png.h"

void test_png_bytes_do_not_depend_on_threads(void)
{
	/* A busy picture, so the rows fill several deflate blocks. */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 900, 700);
	cairo_t *cr = cairo_create(s);
	for (int i = 0; i < 400; i++) {
		cairo_set_source_rgb(cr, (i % 7) / 7.0, (i % 11) / 11.0, (i % 13) / 13.0);
		cairo_rectangle(cr, (i * 37) % 900, (i * 53) % 700, 40 + i % 90, 30 + i % 70);
		cairo_fill(cr);
	}
	cairo_destroy(cr);
	struct png_meta meta = {"t", "d", NULL, NULL, "saltprint", 96};
	struct png_params p;
	encode_png_default_params(&p);
	struct dynbuf a, b;
	dynbuf_init(&a, 1u << 28);
	dynbuf_init(&b, 1u << 28);
	char err[256];
	p.threads = 1;
	CHECK(encode_png_write(s, &meta, &p, &a, err, sizeof err) == 0);
	p.threads = 3;
	CHECK(encode_png_write(s, &meta, &p, &b, err, sizeof err) == 0);
	CHECK(a.len == b.len && a.len > 0 && memcmp(a.data, b.data, a.len) == 0);
	/* And it reads back as the same picture. */
	FILE *f = fopen("/tmp/saltprint-unit-threads.png", "wb");
	if (f) {
		fwrite(a.data, 1, a.len, f);
		fclose(f);
		cairo_surface_t *r = cairo_image_surface_create_from_png("/tmp/saltprint-unit-threads.png");
		CHECK(cairo_surface_status(r) == CAIRO_STATUS_SUCCESS);
		bool same = cairo_image_surface_get_width(r) == 900;
		cairo_surface_flush(s);
		for (int y = 0; same && y < 700; y++) {
			const uint32_t *x0 = (const uint32_t *)(cairo_image_surface_get_data(s) +
							       y * cairo_image_surface_get_stride(s));
			const uint32_t *x1 = (const uint32_t *)(cairo_image_surface_get_data(r) +
							       y * cairo_image_surface_get_stride(r));
			for (int x = 0; x < 900 && same; x++)
				same = (x0[x] & 0xFFFFFF) == (x1[x] & 0xFFFFFF);
		}
		CHECK(same);
		cairo_surface_destroy(r);
		remove("/tmp/saltprint-unit-threads.png");
	}
	dynbuf_fini(&a);
	dynbuf_fini(&b);
	cairo_surface_destroy(s);
}
