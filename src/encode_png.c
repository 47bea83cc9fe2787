/* encode_png: image surface -> PNG bytes in memory through libpng (stage:
 * encode). libpng's setjmp/longjmp stays inside encode_png_write(). */
#include "encode_png.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cores.h"
#include "deflate.h"

void encode_png_default_params(struct png_params *p)
{
	/* Chosen with `make bench` (docs/benchmarks.md): charts are flat colour,
	 * where our deflate on unfiltered rows is 4-6 times as fast as zlib's
	 * fastest levels and smaller than zlib level 3. The zlib settings are
	 * libpng's defaults, for the comparison only. */
	p->zlib = false;
	p->level = 6;
	p->filters = PNG_ALL_FILTERS;
	p->strategy = Z_DEFAULT_STRATEGY;
	p->threads = 0;
}

/* --- rows and blocks ----------------------------------------------------
 * The IDAT stream is unfiltered rows (filter byte 0, then RGB or RGBA),
 * cut into blocks of whole rows of about BLOCK_BYTES. A task converts one
 * block's rows from cairo's pixels into a buffer of its thread's, together
 * with the rows just before the block that deflate may refer back to (32
 * KB, and at least the row above), and deflates the block. Tasks are taken
 * in order by up to `threads` threads and need nothing from each other;
 * the image's rows are never all converted at once, so a thread's working
 * set stays in its cache. The blocks depend on the image alone, so the
 * bytes are the same for any thread count. */

#define BLOCK_BYTES ((size_t)256 * 1024)
#define WINDOW_BYTES ((size_t)32768)

struct idat {
	const unsigned char *px; /* cairo's pixels */
	int w, h, stride, channels;
	bool opaque;
	size_t row_len;
	int rows_per_block, rows_back, n;
	int next;            /* the next task, taken atomically */
	unsigned char **out; /* per block, its deflate output */
	size_t *out_len;
	unsigned long *adler;
};

static void convert_rows_plain(const uint32_t *src, unsigned char *d, int w)
{
	for (int x = 0; x < w; x++, d += 3) {
		uint32_t p = src[x];
		d[0] = (unsigned char)(p >> 16), d[1] = (unsigned char)(p >> 8), d[2] = (unsigned char)p;
	}
}

#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>

/* Four pixels at a time: one byte shuffle turns BGRA BGRA.. into RGBRGB..,
 * stored 16 bytes wide of which 12 count (the next store overwrites the
 * rest), so it stops while 6 pixels are left and the plain loop ends. */
__attribute__((target("ssse3"))) static void convert_rows_ssse3(const uint32_t *src,
								 unsigned char *d, int w)
{
	const __m128i shuf = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
	int x = 0;
	for (; x + 6 <= w; x += 4, d += 12)
		_mm_storeu_si128((__m128i *)d,
				 _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(src + x)), shuf));
	convert_rows_plain(src + x, d, w - x);
}

static bool have_ssse3(void) { return __builtin_cpu_supports("ssse3"); }
#else
static void convert_rows_ssse3(const uint32_t *src, unsigned char *d, int w)
{
	convert_rows_plain(src, d, w);
}
static bool have_ssse3(void) { return false; }
#endif

/* Rows [y0, y1) of the image into d, unfiltered. */
static void convert_rows(const struct idat *t, int y0, int y1, unsigned char *d, bool fast)
{
	for (int y = y0; y < y1; y++) {
		const uint32_t *src = (const uint32_t *)(t->px + (size_t)y * t->stride);
		*d++ = 0; /* filter: none */
		if (t->opaque) {
			if (fast)
				convert_rows_ssse3(src, d, t->w);
			else
				convert_rows_plain(src, d, t->w);
			d += (size_t)t->w * 3;
			continue;
		}
		for (int x = 0; x < t->w; x++, d += 4) {
			uint32_t p = src[x];
			unsigned a = p >> 24;
			unsigned r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
			if (a && a != 255) { /* cairo premultiplies, PNG does not */
				r = (r * 255 + a / 2) / a;
				g = (g * 255 + a / 2) / a;
				b = (b * 255 + a / 2) / a;
			}
			d[0] = (unsigned char)r, d[1] = (unsigned char)g, d[2] = (unsigned char)b;
			d[3] = (unsigned char)a;
		}
	}
}

static void *idat_worker(void *arg)
{
	struct idat *t = arg;
	bool fast = have_ssse3();
	struct deflate_scratch *scratch = deflate_scratch_new();
	unsigned char *rows = malloc(t->row_len * (size_t)(t->rows_back + t->rows_per_block));
	int k;
	while ((k = __atomic_fetch_add(&t->next, 1, __ATOMIC_RELAXED)) < t->n) {
		if (!scratch || !rows)
			continue; /* no output for the block: reported by the caller */
		int y0 = k * t->rows_per_block;
		int y1 = y0 + t->rows_per_block < t->h ? y0 + t->rows_per_block : t->h;
		int back = y0 < t->rows_back ? y0 : t->rows_back;
		convert_rows(t, y0 - back, y1, rows, fast);
		size_t from = t->row_len * (size_t)back, to = t->row_len * (size_t)(back + y1 - y0);
		t->out[k] = malloc(deflate_chunk_bound(to - from));
		if (!t->out[k])
			continue;
		t->out_len[k] = deflate_chunk(rows, from, to, t->row_len, t->channels, k + 1 == t->n,
					      t->out[k], scratch);
		t->adler[k] = deflate_adler32(1, rows + from, to - from);
	}
	deflate_scratch_free(scratch);
	free(rows);
	return NULL;
}

/* The zlib stream of the image's unfiltered rows into z. Returns 0 or -1. */
static int idat_stream(const unsigned char *px, int w, int h, int stride, bool opaque,
		       int threads, struct dynbuf *z)
{
	struct idat t;
	memset(&t, 0, sizeof t);
	t.px = px, t.w = w, t.h = h, t.stride = stride, t.opaque = opaque;
	t.channels = opaque ? 3 : 4;
	t.row_len = (size_t)w * t.channels + 1;
	t.rows_per_block = BLOCK_BYTES / t.row_len > 0 ? (int)(BLOCK_BYTES / t.row_len) : 1;
	t.rows_back = (int)((WINDOW_BYTES + t.row_len - 1) / t.row_len);
	t.n = (h + t.rows_per_block - 1) / t.rows_per_block;
	t.out = calloc((size_t)t.n, sizeof *t.out);
	t.out_len = calloc((size_t)t.n, sizeof *t.out_len);
	t.adler = calloc((size_t)t.n, sizeof *t.adler);
	if (threads > t.n)
		threads = t.n;
	pthread_t th[8];
	bool started[8] = {false};
	int rc = -1;
	if (t.out && t.out_len && t.adler) {
		for (int i = 1; i < threads; i++)
			started[i] = pthread_create(&th[i], NULL, idat_worker, &t) == 0;
		idat_worker(&t); /* this thread works too */
		for (int i = 1; i < threads; i++)
			if (started[i])
				pthread_join(th[i], NULL);
		/* zlib header (32K window, "fast" level flag), blocks, Adler-32. */
		static const unsigned char head[2] = {0x78, 0x5E};
		dynbuf_append(z, head, 2);
		uLong adler = adler32(0, NULL, 0);
		rc = 0;
		for (int k = 0; k < t.n; k++) {
			if (!t.out[k]) {
				rc = -1;
				continue;
			}
			dynbuf_append(z, t.out[k], t.out_len[k]);
			size_t len = t.row_len * (size_t)(k + 1 == t.n ? h - k * t.rows_per_block
								       : t.rows_per_block);
			adler = adler32_combine(adler, t.adler[k], (z_off_t)len);
		}
		unsigned char tail[4] = {(unsigned char)(adler >> 24), (unsigned char)(adler >> 16),
					 (unsigned char)(adler >> 8), (unsigned char)adler};
		dynbuf_append(z, tail, 4);
		if (z->too_big)
			rc = -1;
	}
	for (int k = 0; t.out && k < t.n; k++)
		free(t.out[k]);
	free(t.out);
	free(t.out_len);
	free(t.adler);
	return rc;
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
	if (!params->zlib) {
		struct dynbuf z;
		dynbuf_init(&z, (size_t)1 << 31);
		int threads = params->threads;
		if (threads <= 0)
			threads = cores_available();
		if (threads > 8)
			threads = 8;
		if (idat_stream(px, w, h, stride, opaque, threads, &z) != 0) {
			dynbuf_fini(&z);
			png_destroy_write_struct(&png, &info);
			free(row);
			snprintf(err, errlen, "PNG encoder: compression failed");
			return -1;
		}
		/* IDAT chunks of at most 1 MiB, then IEND. */
		for (size_t off = 0; off < z.len; off += (size_t)1 << 20) {
			size_t n = z.len - off < ((size_t)1 << 20) ? z.len - off : (size_t)1 << 20;
			png_write_chunk(png, (png_const_bytep) "IDAT", z.data + off, n);
		}
		png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
		dynbuf_fini(&z);
		png_destroy_write_struct(&png, &info);
		free(row);
		return 0;
	}
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
