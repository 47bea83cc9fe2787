/* encode_png: image surface -> PNG bytes in memory through libpng (stage:
 * encode). libpng's setjmp/longjmp stays inside encode_png_write(). */
#include "encode_png.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void encode_png_default_params(struct png_params *p)
{
	/* Chosen with `make bench` (docs/benchmarks.md): charts are flat colour,
	 * where zlib's fast path (levels 1-3) on unfiltered rows beats adaptive
	 * filtering at level 6 both in time (4-5x) and, at 1x, in size. Level 3
	 * keeps 2x renders within 1.02x of cairo's bytes. */
	p->level = 3;
	p->filters = PNG_FILTER_NONE;
	p->strategy = Z_DEFAULT_STRATEGY;
}

struct sink {
	struct dynbuf *out;
};

static void sink_write(png_structp png, png_bytep data, size_t len)
{
	struct sink *s = png_get_io_ptr(png);
	if (!dynbuf_append(s->out, data, len))
		png_error(png, "the PNG is larger than the output limit");
}

static void sink_flush(png_structp png) { (void)png; }

static void on_error(png_structp png, png_const_charp msg)
{
	char *err = png_get_error_ptr(png);
	snprintf(err, 256, "%s", msg);
	png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static void add_text(png_text *t, int *n, const char *key, const char *value)
{
	if (!value || !value[0])
		return;
	png_text *e = &t[(*n)++];
	memset(e, 0, sizeof *e);
	e->key = (png_charp)key;
	e->text = (png_charp)value;
	e->text_length = strlen(value);
	if (is_ascii(value)) {
		e->compression = PNG_TEXT_COMPRESSION_NONE;
	} else {
		e->compression = PNG_ITXT_COMPRESSION_NONE;
		e->itxt_length = e->text_length;
		e->text_length = 0;
		e->lang = (png_charp) "";
		e->lang_key = (png_charp) "";
	}
}

int encode_png_write(cairo_surface_t *img, const struct png_meta *meta,
		     const struct png_params *params, struct dynbuf *out, char *err, size_t errlen)
{
	char perr[256] = "";
	cairo_surface_flush(img);
	int w = cairo_image_surface_get_width(img);
	int h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	cairo_format_t fmt = cairo_image_surface_get_format(img);
	const unsigned char *px = cairo_image_surface_get_data(img);
	if (!px || (fmt != CAIRO_FORMAT_RGB24 && fmt != CAIRO_FORMAT_ARGB32)) {
		snprintf(err, errlen, "unsupported image surface");
		return -1;
	}
	bool opaque = true;
	if (fmt == CAIRO_FORMAT_ARGB32) {
		for (int y = 0; y < h && opaque; y++) {
			const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);
			for (int x = 0; x < w; x++)
				if ((row[x] >> 24) != 0xFF) {
					opaque = false;
					break;
				}
		}
	}
	int channels = opaque ? 3 : 4;
	unsigned char *row = malloc((size_t)w * channels);
	if (!row) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	struct sink sink = {out};
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, perr, on_error, on_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!png || !info) {
		png_destroy_write_struct(&png, &info);
		free(row);
		snprintf(err, errlen, "cannot start the PNG encoder");
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(row);
		snprintf(err, errlen, "PNG encoder: %s", perr);
		return -1;
	}
	png_set_write_fn(png, &sink, sink_write, sink_flush);
	png_set_compression_level(png, params->level);
	png_set_compression_strategy(png, params->strategy);
	png_set_compression_mem_level(png, 9);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, params->filters);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
		     opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
	png_text text[5];
	int n_text = 0;
	add_text(text, &n_text, "Title", meta->title);
	add_text(text, &n_text, "Description", meta->description);
	add_text(text, &n_text, "Source", meta->source);
	add_text(text, &n_text, "Author", meta->author);
	add_text(text, &n_text, "Software", meta->software);
	if (n_text)
		png_set_text(png, info, text, n_text);
	png_uint_32 ppm = (png_uint_32)(meta->dpi / 0.0254 + 0.5);
	png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		const uint32_t *src = (const uint32_t *)(px + (size_t)y * stride);
		unsigned char *d = row;
		if (opaque) {
			for (int x = 0; x < w; x++) {
				uint32_t p = src[x];
				d[0] = (unsigned char)(p >> 16);
				d[1] = (unsigned char)(p >> 8);
				d[2] = (unsigned char)p;
				d += 3;
			}
		} else {
			for (int x = 0; x < w; x++) {
				uint32_t p = src[x];
				unsigned a = p >> 24;
				unsigned r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
				if (a && a != 255) {
					r = (r * 255 + a / 2) / a;
					g = (g * 255 + a / 2) / a;
					b = (b * 255 + a / 2) / a;
				}
				d[0] = (unsigned char)r, d[1] = (unsigned char)g, d[2] = (unsigned char)b;
				d[3] = (unsigned char)a;
				d += 4;
			}
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return 0;
}
