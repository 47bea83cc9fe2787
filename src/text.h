/* text: fonts, shaping, line breaking and measuring (stage: layout), and
 * painting the very same layouts (stage: draw). The only file that sees Pango
 * and fontconfig. */
#ifndef SALTPRINT_TEXT_H
#define SALTPRINT_TEXT_H

#include <cairo.h>
#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

struct text_engine;

/* Loads fonts/fonts.conf from `fonts_dir` and nothing else, and checks that
 * the families saltprint draws with are there. NULL after reporting. */
struct text_engine *text_engine_new(const char *fonts_dir, struct diag *d);
void text_engine_free(struct text_engine *te);
/* The SHA-256 of fonts_dir/fonts.lock as read when the engine was made
 * (hex), or "missing". */
const char *text_engine_lock_sha256(const struct text_engine *te);
/* The same for fonts_dir/fonts.conf. */
const char *text_engine_conf_sha256(const struct text_engine *te);

/* The house style's typography for the texts made from now on: R8 Han-Latin
 * spacing, R6 punctuation compression, the font families (NULL or "" for
 * Noto Sans/Serif CJK in the face of the text's locale) and the theme's
 * words that display text keeps whole (newline-separated; NULL for none). */
void text_engine_set_style(struct text_engine *te, bool autospace, bool compress,
			   const char *family_sans, const char *family_serif, const char *words);

/* Turns R8 spacing off (or back on) for the next texts; returns what it was.
 * Big display numbers such as "1.6万+" are set tight. */
bool text_engine_autospace(struct text_engine *te, bool on);

/* Is `family` among the configured fonts? ("Noto Sans CJK" and "Noto Serif
 * CJK", which take the locale's face, always are.) */
bool text_engine_has_family(struct text_engine *te, const char *family);

/* One line per font file the configuration gives saltprint: its path. */
size_t text_engine_font_files(struct text_engine *te, char ***files_out);

enum text_align { TEXT_LEFT, TEXT_CENTER, TEXT_RIGHT };

struct text_style {
	double size_px;
	int weight; /* 400 regular, 700 bold */
	bool serif;
	bool tabular; /* tabular lining digits */
	double line_height; /* multiple of size_px; 0 = 1.3 */
	enum text_align align;
	/* Display text (titles, labels): lines are evened out (no lone last
	 * character) and Chinese words are kept whole where they fit. */
	bool balance;
	/* Bytes from dim_from on are drawn in dim_rgb (0: none). */
	size_t dim_from;
	uint32_t dim_rgb;
};

/* Where a text came from, to name it in errors. */
struct text_origin {
	struct diag *d;
	const char *file;
	struct pos pos;
};

/* A shaped, wrapped piece of text. Boxes are in px at 1x, relative to the
 * block's top-left corner. */
struct text_block {
	void *layout; /* PangoLayout */
	double width;  /* the wrap width, or the text's width when unwrapped */
	double height; /* lines x line height */
	double ink_left, ink_width; /* the occupied part of [0, width) */
	double baseline; /* first line's baseline from the top */
	double line0_x, line0_w; /* the first line's extent */
	int lines;
};

/* Shapes `utf8` with `style` for locale `loc`, wrapping at `wrap_px` (<= 0:
 * one line). Numbers stay with their units (R12). A code point no configured
 * font has is an error naming it and the text (R1). Returns false then. */
bool text_block_make(struct text_engine *te, struct text_block *tb, const char *utf8,
		     const struct text_style *style, double wrap_px, enum locale_id loc,
		     const struct text_origin *origin);
/* The same, with byte ranges [start, end) of utf8 set in bold. */
bool text_block_make_rich(struct text_engine *te, struct text_block *tb, const char *utf8,
			  const struct text_style *style, double wrap_px, enum locale_id loc,
			  const struct text_origin *origin, const size_t (*bold)[2], size_t n_bold);
/* Paragraph markup: **bold** only; everything else is text. Writes the text
 * without the markers to out (at least strlen(in) + 1 bytes) and the bold
 * byte ranges of out; an unpaired ** stays as written. Returns the count. */
size_t text_parse_bold(const char *in, char *out, size_t ranges[][2], size_t max);
void text_block_fini(struct text_block *tb);
/* dst becomes another reference to src's layout (the same text in the same
 * style, laid out once); each is finished on its own. */
void text_block_share(struct text_block *dst, const struct text_block *src);
/* Paints the block with its top-left corner at (x, y). */
void text_block_draw(const struct text_block *tb, cairo_t *cr, double x, double y,
		     uint32_t rgb);

/* R8: a copy of utf8 with U+2005 (a quarter em) between Han or kana and
 * Latin letters or digits. Free it. */
char *text_autospace(const char *utf8);

/* R6: byte ranges [start, end) of full-width punctuation to draw at half
 * width: the first of two adjacent marks when it closes, the second when
 * both open. */
size_t text_compress_ranges(const char *utf8, size_t ranges[][2], size_t max);

/* Byte ranges [start, end) of multi-character Han words (ICU dictionary
 * segmentation, then saltprint's list of words ICU splits for Chinese and
 * the `extra` list, which may be NULL), inside which display text is not
 * broken. */
struct word_list;
size_t text_word_ranges(const char *utf8, enum locale_id loc, const struct word_list *extra,
			size_t ranges[][2], size_t max);

/* Byte ranges [start, end) in which line breaks are suppressed: numbers with
 * their units and signs ("152亿元", "2018年", "10.5%"). Returns the count. */
size_t text_nobreak_ranges(const char *utf8, size_t ranges[][2], size_t max);

#endif
