/* Unit tests of src/deflate.c: every stream must inflate, with zlib, back to
 * the exact input, in one chunk or many; Adler-32 must agree with zlib's. */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "check.h"
#include "deflate.h"
#include "../fuzz/deflate_round_trip.h"

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

void test_deflate_round_trips(void)
{
	/* Empty and tiny inputs, shorter than any match. */
	unsigned char tiny[3] = {7, 7, 7};
	CHECK(deflate_round_trip(tiny, 0, 0, 4, 3) > 0);
	CHECK(deflate_round_trip(tiny, 1, 0, 4, 3) > 0);
	CHECK(deflate_round_trip(tiny, 3, 0, 4, 3) > 0);

	/* A flat picture: runs of one pixel, rows like the row above. Long
	 * runs must compress to almost nothing. */
	size_t row = 1 + 600 * 3, h = 400, len = row * h;
	unsigned char *img = malloc(len);
	for (size_t y = 0; y < h; y++) {
		unsigned char *r = img + y * row;
		r[0] = 0;
		for (size_t x = 0; x < 600; x++) {
			bool bar = x > 100 && x < 100 + y && y > 50;
			r[1 + 3 * x] = bar ? 0x1f : 0xff;
			r[2 + 3 * x] = bar ? 0x77 : 0xff;
			r[3 + 3 * x] = bar ? 0xb4 : 0xff;
		}
	}
	size_t flat = deflate_round_trip(img, len, 0, row, 3);
	CHECK(flat > 0 && flat < len / 100);
	/* Chunked as the PNG encoder does, and at odd chunk sizes: matches
	 * reach back across chunk boundaries. */
	CHECK(deflate_round_trip(img, len, 256 * 1024, row, 3) > 0);
	CHECK(deflate_round_trip(img, len, 40000, row, 3) > 0);
	CHECK(deflate_round_trip(img, len, 33333, row, 3) > 0);

	/* Noise: all literals, several Huffman blocks, output a little larger
	 * than the input but bounded. */
	for (size_t i = 0; i < len; i++)
		img[i] = (unsigned char)next_rand();
	size_t noisy = deflate_round_trip(img, len, 0, row, 3);
	CHECK(noisy > 0 && noisy <= deflate_chunk_bound(len));

	/* Text-like: short repeats at many distances, found by the hash. */
	for (size_t i = 0; i < len; i++)
		img[i] = i > 5000 && next_rand() % 4 ? img[i - 1 - next_rand() % 4000] : (unsigned char)next_rand();
	CHECK(deflate_round_trip(img, len, 100000, row, 4) > 0);

	/* Runs of every length around the limits (3, 4, 258, 259), and rows
	 * wider than the window, where the row above is out of reach. */
	size_t n = 0;
	for (int r = 1; r < 600 && n + r < len; r++) {
		memset(img + n, r & 0xff, (size_t)r);
		n += (size_t)r;
	}
	CHECK(deflate_round_trip(img, n, 0, 40000, 3) > 0);
	free(img);
}

void test_deflate_limits_code_lengths(void)
{
	/* Frequencies that follow the Fibonacci numbers make an unlimited
	 * Huffman code 29 levels deep; deflate allows 15 bits (7 for the code
	 * length code). The limited code must stay complete (Kraft sum exactly
	 * one) and give no symbol a longer code than a rarer one. */
	uint32_t freq[30] = {1, 1};
	for (int i = 2; i < 30; i++)
		freq[i] = freq[i - 1] + freq[i - 2];
	int limits[2] = {15, 7};
	for (int k = 0; k < 2; k++) {
		int n = limits[k] == 7 ? 19 : 30;
		unsigned char len[30];
		deflate_code_lengths(freq, n, limits[k], len);
		uint64_t kraft = 0;
		bool ordered = true;
		for (int i = 0; i < n; i++) {
			CHECK(len[i] >= 1 && len[i] <= limits[k]);
			kraft += (uint64_t)1 << (limits[k] - len[i]);
			if (i > 0 && len[i] > len[i - 1])
				ordered = false;
		}
		CHECK(kraft == (uint64_t)1 << limits[k]);
		CHECK(ordered);
	}
	/* Unused symbols get no code; two symbols get one bit each. */
	uint32_t two[5] = {0, 9, 0, 1, 0};
	unsigned char len[5];
	deflate_code_lengths(two, 5, 15, len);
	CHECK(len[0] == 0 && len[1] == 1 && len[2] == 0 && len[3] == 1 && len[4] == 0);

	/* And a stream whose literals are that skewed inflates. */
	size_t total = 0;
	for (int i = 0; i < 22; i++)
		total += freq[i];
	unsigned char *data = malloc(total);
	size_t k = 0;
	for (int i = 0; i < 22; i++)
		for (uint32_t j = 0; j < freq[i]; j++)
			data[k++] = (unsigned char)(i * 11);
	for (size_t i = total - 1; i > 0; i--) { /* shuffled */
		size_t j = next_rand() % (i + 1);
		unsigned char t = data[i];
		data[i] = data[j], data[j] = t;
	}
	CHECK(deflate_round_trip(data, total, 0, 1000, 3) > 0);
	free(data);
}

void test_deflate_adler32_matches_zlib(void)
{
	unsigned char *buf = malloc(100000);
	for (size_t i = 0; i < 100000; i++)
		buf[i] = (unsigned char)(i % 251 == 0 ? 255 : next_rand());
	size_t sizes[] = {0, 1, 15, 16, 17, 31, 32, 33, 5551, 5552, 5553, 65536, 100000};
	/* Both loops: 16 bytes at a time, and 32 where the processor can. */
	for (int wide = 0; wide < 2; wide++) {
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
			CHECK(deflate_adler32_on(1, buf, sizes[k], wide) ==
			      adler32(1, buf, (uInt)sizes[k]));
		/* Continuing from an earlier value, at odd offsets. */
		CHECK(deflate_adler32_on(deflate_adler32_on(1, buf, 777, wide), buf + 777, 9000, wide) ==
		      adler32(1, buf, 9777));
	}
	memset(buf, 255, 100000); /* the largest sums */
	for (int wide = 0; wide < 2; wide++)
		CHECK(deflate_adler32_on(1, buf, 100000, wide) == adler32(1, buf, 100000));
	CHECK(deflate_adler32(1, buf, 100000) == adler32(1, buf, 100000));
	free(buf);
}

#include <cairo.h>

#include "encode_png.h"

void test_png_with_alpha_reads_back(void)
{
	/* Translucent shapes on a transparent surface: RGBA rows, colours
	 * un-premultiplied. cairo reading it back premultiplies again, so the
	 * alpha must match exactly and the colours within rounding. */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 333, 211);
	cairo_t *cr = cairo_create(s);
	for (int i = 0; i < 60; i++) {
		cairo_set_source_rgba(cr, (i % 5) / 5.0, (i % 3) / 3.0, (i % 7) / 7.0, 0.1 + (i % 9) / 10.0);
		cairo_arc(cr, (i * 41) % 333, (i * 29) % 211, 10 + i % 40, 0, 6.3);
		cairo_fill(cr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(s);
	struct png_meta meta = {"alpha", NULL, NULL, NULL, NULL, 96};
	struct png_params p;
	encode_png_default_params(&p);
	struct dynbuf a, b;
	dynbuf_init(&a, 1u << 26);
	dynbuf_init(&b, 1u << 26);
	char err[256];
	p.threads = 1;
	CHECK(encode_png_write(s, &meta, &p, &a, err, sizeof err) == 0);
	p.threads = 2;
	CHECK(encode_png_write(s, &meta, &p, &b, err, sizeof err) == 0);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	const char *tmp = "/tmp/saltprint-unit-alpha.png";
	FILE *f = fopen(tmp, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(a.data, 1, a.len, f);
		fclose(f);
		cairo_surface_t *r = cairo_image_surface_create_from_png(tmp);
		CHECK(cairo_surface_status(r) == CAIRO_STATUS_SUCCESS &&
		      cairo_image_surface_get_format(r) == CAIRO_FORMAT_ARGB32);
		int bad = 0;
		for (int y = 0; y < 211 && cairo_surface_status(r) == CAIRO_STATUS_SUCCESS; y++) {
			const uint32_t *x0 = (const uint32_t *)(cairo_image_surface_get_data(s) +
							       y * cairo_image_surface_get_stride(s));
			const uint32_t *x1 = (const uint32_t *)(cairo_image_surface_get_data(r) +
							       y * cairo_image_surface_get_stride(r));
			for (int x = 0; x < 333; x++) {
				if ((x0[x] >> 24) != (x1[x] >> 24))
					bad++;
				for (int sh = 0; sh < 24; sh += 8) {
					int c0 = (int)(x0[x] >> sh & 255), c1 = (int)(x1[x] >> sh & 255);
					if (c0 - c1 > 1 || c1 - c0 > 1)
						bad++;
				}
			}
		}
		CHECK(bad == 0);
		cairo_surface_destroy(r);
		remove(tmp);
	}
	dynbuf_fini(&a);
	dynbuf_fini(&b);
	cairo_surface_destroy(s);
}
