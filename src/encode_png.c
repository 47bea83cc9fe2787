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

void encode_png_default_params(struct png_params *p)
{
	/* Chosen with `make bench` (docs/benchmarks.md): charts are flat colour,
	 * where zlib's fast path (levels 1-3) on unfiltered rows beats adaptive
	 * filtering at level 6 both in time (4-5x) and, at 1x, in size. Level 3
	 * keeps 2x renders within 1.02x of cairo's bytes. */
	p->level = 3;
	p->filters = PNG_FILTER_NONE;
	p->strategy = Z_DEFAULT_STRATEGY;
	p->threads = 0;
}

/* --- parallel deflate ---------------------------------------------------
 * Unfiltered rows are split into blocks at row boundaries; each block is
 * raw-deflated on its own thread, primed with the 32 KB before it, and
 * ended with a sync flush (the last with the final block), so that the
 * blocks concatenate into one zlib stream, as pigz does. */

struct block {
	const unsigned char *data; /* the block's bytes */
	size_t len;
	const unsigned char *dict; /* the bytes just before it */
	size_t dict_len;
	bool last;
	int level, strategy;
	unsigned char *out;
	size_t out_len;
	uLong adler;
	int rc;
};

static void *deflate_block(void *arg)
{
	struct block *b = arg;
	z_stream z;
	memset(&z, 0, sizeof z);
	b->rc = deflateInit2(&z, b->level, Z_DEFLATED, -15, 9, b->strategy);
	if (b->rc != Z_OK)
		return NULL;
	if (b->dict_len)
		deflateSetDictionary(&z, b->dict, (uInt)b->dict_len);
	size_t cap = deflateBound(&z, b->len) + 64;
	b->out = malloc(cap);
	if (!b->out) {
		b->rc = Z_MEM_ERROR;
		deflateEnd(&z);
		return NULL;
	}
	z.next_in = (unsigned char *)b->data;
	z.avail_in = (uInt)b->len;
	z.next_out = b->out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, b->last ? Z_FINISH : Z_SYNC_FLUSH);
	b->rc = (b->last ? rc == Z_STREAM_END : rc == Z_OK && z.avail_in == 0) ? Z_OK : Z_BUF_ERROR;
	b->out_len = cap - z.avail_out;
	deflateEnd(&z);
	b->adler = adler32(adler32(0, NULL, 0), b->data, (uInt)b->len);
	return NULL;
}

#define BLOCK_BYTES ((size_t)256 * 1024)

struct pool {
	struct block *bl;
	int n;
	int next; /* the next block to take, atomically */
};

static void *pool_worker(void *arg)
{
	struct pool *p = arg;
	int i;
	while ((i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED)) < p->n)
		deflate_block(&p->bl[i]);
	return NULL;
}

/* The zlib stream of `data`, deflated in blocks of BLOCK_BYTES by up to
 * `threads` threads. The blocks depend on the length alone, so the bytes
 * are the same on any machine. Returns 0 or -1. */
static int deflate_parallel(const unsigned char *data, size_t len, int threads, int level,
			    int strategy, struct dynbuf *out)
{
	int n = (int)((len + BLOCK_BYTES - 1) / BLOCK_BYTES);
	if (n < 1)
		n = 1;
	if (threads > n)
		threads = n;
	struct block *bl = calloc((size_t)n, sizeof *bl);
	pthread_t *th = calloc((size_t)threads, sizeof *th);
	bool *started = calloc((size_t)threads, sizeof *started);
	if (!bl || !th || !started) {
		free(bl);
		free(th);
		free(started);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		size_t from = BLOCK_BYTES * (size_t)i;
		size_t to = from + BLOCK_BYTES < len ? from + BLOCK_BYTES : len;
		bl[i].data = data + from;
		bl[i].len = to > from ? to - from : 0;
		bl[i].dict = data + (from > 32768 ? from - 32768 : 0);
		bl[i].dict_len = from > 32768 ? 32768 : from;
		bl[i].last = i == n - 1;
		bl[i].level = level;
		bl[i].strategy = strategy;
	}
	struct pool pool = {bl, n, 0};
	for (int t = 1; t < threads; t++)
		started[t] = pthread_create(&th[t], NULL, pool_worker, &pool) == 0;
	pool_worker(&pool); /* this thread works too */
	for (int t = 1; t < threads; t++)
		if (started[t])
			pthread_join(th[t], NULL);
	int rc = 0;
	/* zlib header (32K window, level 2-5 flag), blocks, Adler-32 of all. */
	static const unsigned char head[2] = {0x78, 0x5E};
	dynbuf_append(out, head, 2);
	uLong adler = adler32(0, NULL, 0);
	for (int i = 0; i < n; i++) {
		if (bl[i].rc != Z_OK)
			rc = -1;
		else
			dynbuf_append(out, bl[i].out, bl[i].out_len);
		adler = adler32_combine(adler, bl[i].adler, (z_off_t)bl[i].len);
		free(bl[i].out);
	}
	unsigned char tail[4] = {(unsigned char)(adler >> 24), (unsigned char)(adler >> 16),
				 (unsigned char)(adler >> 8), (unsigned char)adler};
	dynbuf_append(out, tail, 4);
	free(bl);
	free(th);
	free(started);
	return rc == 0 && !out->too_big ? 0 : -1;
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
	if (params->filters == PNG_FILTER_NONE) {
		/* Our own IDAT: rows with filter byte 0, deflated in parallel. */
		size_t row_len = (size_t)w * channels + 1;
		unsigned char *raw = malloc(row_len * (size_t)h);
		struct dynbuf z;
		dynbuf_init(&z, (size_t)1 << 31);
		int threads = params->threads;
		if (threads <= 0) {
			long cores = sysconf(_SC_NPROCESSORS_ONLN);
			threads = cores > 0 ? (int)cores : 1;
		}
		size_t total = row_len * (size_t)h;
		if (threads > 8)
			threads = 8;
		bool ok = raw != NULL;
		for (int y = 0; ok && y < h; y++) {
			const uint32_t *src = (const uint32_t *)(px + (size_t)y * stride);
			unsigned char *d = raw + row_len * (size_t)y;
			*d++ = 0;
			for (int x = 0; x < w; x++) {
				uint32_t p = src[x];
				unsigned a = p >> 24;
				unsigned r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
				if (!opaque && a && a != 255) {
					r = (r * 255 + a / 2) / a;
					g = (g * 255 + a / 2) / a;
					b = (b * 255 + a / 2) / a;
				}
				d[0] = (unsigned char)r, d[1] = (unsigned char)g, d[2] = (unsigned char)b;
				if (!opaque)
					d[3] = (unsigned char)a;
				d += channels;
			}
		}
		if (ok)
			ok = deflate_parallel(raw, total, threads, params->level, params->strategy, &z) == 0;
		free(raw);
		if (!ok) {
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
