/* svg_glyphs: text in an SVG as glyph symbols written here (stage: render).
 * See svg_glyphs.h for why and how. */
#include "svg_glyphs.h"

#include <cairo-ft.h>
#include <glib.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The marker's colour: a value no theme can give (themes are 8 bits a
 * channel, so their percentages are multiples of 100/255). */
#define MARK_R 0.12345678
#define MARK_G 0.98765432
#define MARK_B 0.5555555
static const char MARKER[] =
	"<path style=\" stroke:none;fill-rule:nonzero;fill:rgb(12.345678%,98.765432%,55.55555%);"
	"fill-opacity:1;\" d=\"M 0 0 L 1 0 L 1 1 L 0 1 Z M 0 0 \"/>\n";

/* --- numbers --------------------------------------------------------------- */

size_t svg_number(char *buf, double v)
{
	if (!isfinite(v) || fabs(v) >= 1e12)
		return (size_t)snprintf(buf, 32, "%.6g", isfinite(v) ? v : 0.0);
	/* Halves go to the even neighbour, as printf rounds an exact tie. */
	double t = v * 1e6, fl = floor(t), frac = t - fl;
	long long n = (long long)fl;
	if (frac > 0.5 || (frac == 0.5 && (n & 1)))
		n++;
	char *p = buf;
	if (n < 0) {
		*p++ = '-';
		n = -n;
	}
	unsigned long long ip = (unsigned long long)n / 1000000, fp = (unsigned long long)n % 1000000;
	char digits[24];
	int k = 0;
	do
		digits[k++] = (char)('0' + ip % 10);
	while ((ip /= 10) != 0);
	while (k)
		*p++ = digits[--k];
	if (fp) {
		*p++ = '.';
		int d = 6;
		while (fp % 10 == 0) {
			fp /= 10;
			d--;
		}
		for (int i = d - 1; i >= 0; i--, fp /= 10)
			p[i] = (char)('0' + fp % 10);
		p += d;
	}
	*p = '\0';
	return (size_t)(p - buf);
}

static void put_number(struct dynbuf *b, double v)
{
	char s[32];
	dynbuf_append(b, s, svg_number(s, v));
}

/* --- outlines, kept with their font ---------------------------------------- */

/* A glyph's path data, or "" for a glyph that draws nothing (a space). */
struct outline {
	size_t len;
	char d[];
};

struct font_outlines {
	GHashTable *by_glyph; /* glyph index -> struct outline */
	size_t bytes;
	int colour; /* does the face have colour glyphs: -1 not yet known */
};

static const cairo_user_data_key_t outlines_key;
/* cairo shares scaled fonts between threads; their outlines with them. */
static pthread_mutex_t outlines_mu = PTHREAD_MUTEX_INITIALIZER;
/* What all fonts' outlines take. Past OUTLINES_MAX, outlines are made for
 * the document and not kept, so that a long batch of many glyphs at many
 * sizes stays within bounds (cairo keeps its own fonts alive). */
#define OUTLINES_MAX (16u << 20)
static size_t outlines_bytes;

static void font_outlines_free(void *p)
{
	struct font_outlines *fo = p;
	pthread_mutex_lock(&outlines_mu);
	outlines_bytes -= fo->bytes;
	pthread_mutex_unlock(&outlines_mu);
	g_hash_table_destroy(fo->by_glyph);
	free(fo);
}

/* The font's outlines (made on first use), or NULL when cairo refuses to
 * keep them with it. Called with outlines_mu held. */
static struct font_outlines *outlines_of(cairo_scaled_font_t *sf)
{
	struct font_outlines *fo = cairo_scaled_font_get_user_data(sf, &outlines_key);
	if (!fo) {
		fo = xcalloc(1, sizeof *fo);
		fo->by_glyph = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free);
		fo->colour = -1;
		if (cairo_scaled_font_set_user_data(sf, &outlines_key, fo, font_outlines_free) !=
		    CAIRO_STATUS_SUCCESS) {
			g_hash_table_destroy(fo->by_glyph);
			free(fo);
			fo = NULL;
		}
	}
	return fo;
}

static struct outline *make_outline(cairo_t *scratch, cairo_scaled_font_t *sf, unsigned long index)
{
	cairo_set_scaled_font(scratch, sf);
	cairo_new_path(scratch);
	cairo_glyph_t g = {.index = index, .x = 0, .y = 0};
	cairo_glyph_path(scratch, &g, 1);
	cairo_path_t *path = cairo_copy_path(scratch);
	cairo_new_path(scratch);
	struct dynbuf d;
	dynbuf_init(&d, SIZE_MAX);
	for (int i = 0; path->status == CAIRO_STATUS_SUCCESS && i < path->num_data;
	     i += path->data[i].header.length) {
		const cairo_path_data_t *e = &path->data[i];
		/* SVG's letter for each of cairo's path operations, and its points. */
		static const struct {
			char op[3];
			int pts;
		} ops[] = {[CAIRO_PATH_MOVE_TO] = {"M ", 1},
			   [CAIRO_PATH_LINE_TO] = {"L ", 1},
			   [CAIRO_PATH_CURVE_TO] = {"C ", 3},
			   [CAIRO_PATH_CLOSE_PATH] = {"Z ", 0}};
		if ((unsigned)e->header.type >= ARRAY_LEN(ops))
			continue;
		dynbuf_append(&d, ops[e->header.type].op, 2);
		int pts = ops[e->header.type].pts;
		for (int k = 1; k <= pts; k++) {
			put_number(&d, e[k].point.x);
			dynbuf_append(&d, " ", 1);
			put_number(&d, e[k].point.y);
			dynbuf_append(&d, " ", 1);
		}
	}
	cairo_path_destroy(path);
	struct outline *o = xmalloc(sizeof *o + d.len + 1);
	o->len = d.len;
	if (d.len)
		memcpy(o->d, d.data, d.len);
	o->d[d.len] = '\0';
	dynbuf_fini(&d);
	return o;
}

/* --- the document ---------------------------------------------------------- */

struct svg_glyphs {
	cairo_t *scratch;		/* for cairo_glyph_path */
	struct doc_font {
		cairo_scaled_font_t *sf; /* referenced while the document is made */
		GHashTable *ids;	 /* glyph index -> symbol number + 1 */
	} *fonts;
	size_t n_fonts, cap_fonts, last_font;
	unsigned n_symbols;
	struct dynbuf symbols;		/* <symbol>s in order of first use */
	struct dynbuf blocks;		/* every block's elements, one after another */
	size_t *block_end;		/* where each block ends in `blocks` */
	size_t n_blocks, cap_blocks;
	bool open;			/* a <g> is open, in colour cur[] */
	double cur[3];
};

static const cairo_user_data_key_t doc_key;

struct svg_glyphs *svg_glyphs_new(void)
{
	struct svg_glyphs *g = xcalloc(1, sizeof *g);
	dynbuf_init(&g->symbols, SIZE_MAX);
	dynbuf_init(&g->blocks, SIZE_MAX);
	return g;
}

void svg_glyphs_free(struct svg_glyphs *g)
{
	if (!g)
		return;
	if (g->scratch)
		cairo_destroy(g->scratch); /* and its surface, which only it holds */
	for (size_t i = 0; i < g->n_fonts; i++) {
		cairo_scaled_font_destroy(g->fonts[i].sf);
		g_hash_table_destroy(g->fonts[i].ids);
	}
	free(g->fonts);
	dynbuf_fini(&g->symbols);
	dynbuf_fini(&g->blocks);
	free(g->block_end);
	free(g);
}

void svg_glyphs_attach(struct svg_glyphs *g, cairo_surface_t *s)
{
	cairo_surface_set_user_data(s, &doc_key, g, NULL);
}

struct svg_glyphs *svg_glyphs_for(cairo_t *cr)
{
	struct svg_glyphs *g = cairo_surface_get_user_data(cairo_get_group_target(cr), &doc_key);
	if (!g)
		return NULL;
	cairo_matrix_t m;
	cairo_get_matrix(cr, &m);
	return m.xx == 1 && m.yy == 1 && m.xy == 0 && m.yx == 0 ? g : NULL;
}

bool svg_glyphs_font_ok(cairo_scaled_font_t *sf)
{
	if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS ||
	    cairo_scaled_font_get_type(sf) != CAIRO_FONT_TYPE_FT)
		return false;
	cairo_matrix_t ctm;
	cairo_scaled_font_get_ctm(sf, &ctm);
	if (ctm.xx != 1 || ctm.yy != 1 || ctm.xy != 0 || ctm.yx != 0)
		return false;
	/* Whether the face has colour glyphs, asked of FreeType once a font. */
	pthread_mutex_lock(&outlines_mu);
	struct font_outlines *fo = outlines_of(sf);
	int colour = fo ? fo->colour : -1;
	pthread_mutex_unlock(&outlines_mu);
	if (colour < 0) {
		FT_Face face = cairo_ft_scaled_font_lock_face(sf);
		if (!face)
			return false;
		colour = FT_HAS_COLOR(face) ? 1 : 0;
		cairo_ft_scaled_font_unlock_face(sf);
		if (fo) {
			pthread_mutex_lock(&outlines_mu);
			fo->colour = colour;
			pthread_mutex_unlock(&outlines_mu);
		}
	}
	return colour == 0;
}

void svg_glyphs_begin(struct svg_glyphs *g)
{
	g->open = false;
}

/* The document's symbol for a glyph (written on first use), or 0 when the
 * glyph draws nothing. */
static unsigned symbol_for(struct svg_glyphs *g, cairo_scaled_font_t *sf, unsigned long index)
{
	size_t f = g->n_fonts && g->fonts[g->last_font].sf == sf ? g->last_font : 0;
	while (f < g->n_fonts && g->fonts[f].sf != sf)
		f++;
	g->last_font = f;
	if (f == g->n_fonts) {
		if (g->n_fonts == g->cap_fonts) {
			g->cap_fonts = g->cap_fonts ? 2 * g->cap_fonts : 16;
			g->fonts = xrealloc(g->fonts, g->cap_fonts * sizeof *g->fonts);
		}
		g->fonts[f].sf = cairo_scaled_font_reference(sf);
		g->fonts[f].ids = g_hash_table_new(g_direct_hash, g_direct_equal);
		g->n_fonts++;
	}
	gpointer key = GUINT_TO_POINTER((guint)index);
	guint id = GPOINTER_TO_UINT(g_hash_table_lookup(g->fonts[f].ids, key));
	if (id)
		return id - 1;

	/* The lock is never held across a cairo call that could let go of a
	 * font: its outlines' destructor takes the lock too. */
	pthread_mutex_lock(&outlines_mu);
	struct font_outlines *fo = outlines_of(sf);
	struct outline *o = fo ? g_hash_table_lookup(fo->by_glyph, key) : NULL;
	pthread_mutex_unlock(&outlines_mu);
	struct outline *made = NULL;
	if (!o) {
		if (!g->scratch) {
			cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
			g->scratch = cairo_create(s);
			cairo_surface_destroy(s);
		}
		o = made = make_outline(g->scratch, sf, index);
		size_t size = sizeof *o + o->len + 1;
		pthread_mutex_lock(&outlines_mu);
		struct outline *other = fo ? g_hash_table_lookup(fo->by_glyph, key) : NULL;
		if (other) {
			o = other; /* another thread made it meanwhile */
		} else if (fo && outlines_bytes + size <= OUTLINES_MAX) {
			g_hash_table_insert(fo->by_glyph, key, made);
			fo->bytes += size;
			outlines_bytes += size;
			made = NULL; /* the font's now */
		}
		pthread_mutex_unlock(&outlines_mu);
	}
	/* o stays: the document holds a reference to its font. */
	unsigned n = 0;
	if (o->len) {
		n = ++g->n_symbols;
		dynbuf_appendf(&g->symbols, "<symbol overflow=\"visible\" id=\"tg%u\">\n", n);
		dynbuf_append(&g->symbols, "<path style=\"stroke:none;\" d=\"", 30);
		dynbuf_append(&g->symbols, o->d, o->len);
		dynbuf_append(&g->symbols, "\"/>\n</symbol>\n", 14);
	}
	free(made);
	g_hash_table_insert(g->fonts[f].ids, key, GUINT_TO_POINTER(n + 1));
	return n;
}

void svg_glyphs_run(struct svg_glyphs *g, cairo_t *cr, cairo_scaled_font_t *sf, double r,
		    double gr, double b, const cairo_glyph_t *glyphs, int n)
{
	for (int i = 0; i < n; i++) {
		unsigned id = symbol_for(g, sf, glyphs[i].index);
		if (!id)
			continue;
		if (!g->open || r != g->cur[0] || gr != g->cur[1] || b != g->cur[2]) {
			if (g->open)
				dynbuf_append(&g->blocks, "</g>\n", 5);
			dynbuf_append(&g->blocks, "<g style=\"fill:rgb(", 19);
			put_number(&g->blocks, r * 100);
			dynbuf_append(&g->blocks, "%,", 2);
			put_number(&g->blocks, gr * 100);
			dynbuf_append(&g->blocks, "%,", 2);
			put_number(&g->blocks, b * 100);
			dynbuf_append(&g->blocks, "%);fill-opacity:1;\">\n", 21);
			g->open = true;
			g->cur[0] = r, g->cur[1] = gr, g->cur[2] = b;
		}
		double x = glyphs[i].x, y = glyphs[i].y;
		cairo_user_to_device(cr, &x, &y);
		dynbuf_appendf(&g->blocks, "  <use xlink:href=\"#tg%u\" x=\"", id);
		put_number(&g->blocks, x);
		dynbuf_append(&g->blocks, "\" y=\"", 5);
		put_number(&g->blocks, y);
		dynbuf_append(&g->blocks, "\"/>\n", 4);
	}
}

void svg_glyphs_end(struct svg_glyphs *g, cairo_t *cr)
{
	if (g->open)
		dynbuf_append(&g->blocks, "</g>\n", 5);
	g->open = false;
	if (g->n_blocks == g->cap_blocks) {
		g->cap_blocks = g->cap_blocks ? 2 * g->cap_blocks : 64;
		g->block_end = xrealloc(g->block_end, g->cap_blocks * sizeof *g->block_end);
	}
	g->block_end[g->n_blocks++] = g->blocks.len;
	/* The marker, in device space where the surface surely draws it. Text
	 * drawing leaves the caller's path as it was, so the marker does too. */
	cairo_path_t *path = cairo_has_current_point(cr) ? cairo_copy_path(cr) : NULL;
	cairo_save(cr);
	cairo_identity_matrix(cr);
	cairo_new_path(cr);
	cairo_rectangle(cr, 0, 0, 1, 1);
	cairo_set_source_rgb(cr, MARK_R, MARK_G, MARK_B);
	cairo_fill(cr);
	cairo_restore(cr);
	if (path) {
		cairo_append_path(cr, path);
		cairo_path_destroy(path);
	}
}

int svg_glyphs_splice(const struct svg_glyphs *g, const char *in, size_t len, struct dynbuf *out)
{
	const char *end = in + len;
	const char *root = memmem(in, len, "<svg", 4);
	const char *root_end = root ? memchr(root, '>', (size_t)(end - root)) : NULL;
	if (!root_end)
		return -1;
	/* Every marker first, so that nothing is appended when they are not
	 * the blocks one for one. */
	size_t n = 0, mlen = sizeof MARKER - 1;
	for (const char *p = root_end; (p = memmem(p, (size_t)(end - p), MARKER, mlen)) != NULL;
	     p += mlen)
		n++;
	if (n != g->n_blocks || g->symbols.too_big || g->blocks.too_big)
		return -1;
	const char *p = root_end + 1;
	if (p < end && *p == '\n')
		p++;
	dynbuf_append(out, in, (size_t)(p - in));
	if (g->symbols.len) {
		dynbuf_append(out, "<defs>\n<g>\n", 11);
		dynbuf_append(out, g->symbols.data, g->symbols.len);
		dynbuf_append(out, "</g>\n</defs>\n", 13);
	}
	for (size_t k = 0; k < n; k++) {
		const char *m = memmem(p, (size_t)(end - p), MARKER, mlen);
		dynbuf_append(out, p, (size_t)(m - p));
		size_t from = k ? g->block_end[k - 1] : 0;
		dynbuf_append(out, g->blocks.data + from, g->block_end[k] - from);
		p = m + mlen;
	}
	dynbuf_append(out, p, (size_t)(end - p));
	return out->too_big ? -1 : 0;
}
