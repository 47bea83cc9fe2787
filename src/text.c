/* text: fontconfig + Pango + HarfBuzz through pangocairo (stages: layout and
 * draw). Measuring and painting use the very same PangoLayout. */
#include "text.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "svg_glyphs.h"
#include "words.h"
#include "util.h"

struct text_engine {
	FcConfig *fc;
	PangoFontMap *fontmap;
	PangoContext *ctx;
	bool autospace, compress;
	char family_sans[128], family_serif[128];
	/* fonts.conf and fonts.lock as they were when these fonts were loaded
	 * (SHA-256, hex), or "missing" */
	char conf_sha256[65], lock_sha256[65];
	/* The theme's and the chart's words, kept whole as saltprint's own list
	 * is: as given (newline-separated), and the strings looked for, sorted
	 * (words.w is words_v's array). */
	char *words_src;
	GPtrArray *words_v;
	struct word_list words;
};

bool text_engine_autospace(struct text_engine *te, bool on)
{
	bool was = te->autospace;
	te->autospace = on;
	return was;
}

static int cmp_str(const void *a, const void *b);

void text_engine_set_style(struct text_engine *te, bool autospace, bool compress,
			   const char *family_sans, const char *family_serif, const char *words)
{
	te->autospace = autospace;
	te->compress = compress;
	snprintf(te->family_sans, sizeof te->family_sans, "%s", family_sans ? family_sans : "");
	snprintf(te->family_serif, sizeof te->family_serif, "%s", family_serif ? family_serif : "");
	if (!words)
		words = "";
	if (te->words_src && !strcmp(te->words_src, words))
		return; /* the same theme as the spec before */
	free(te->words_src);
	te->words_src = xstrdup(words);
	if (te->words_v)
		g_ptr_array_free(te->words_v, TRUE);
	te->words_v = g_ptr_array_new_with_free_func(free);
	/* Each word as written and, where R8 would space it (5G基站 is drawn
	 * 5G 基站), as the text it is looked for in will be. */
	for (const char *p = words; *p;) {
		size_t len = strcspn(p, "\n");
		if (len) {
			char *w = xmalloc(len + 1);
			memcpy(w, p, len);
			w[len] = '\0';
			char *sp = text_autospace(w);
			g_ptr_array_add(te->words_v, w);
			if (strcmp(sp, w))
				g_ptr_array_add(te->words_v, sp);
			else
				free(sp);
		}
		p += len + (p[len] == '\n');
	}
	g_ptr_array_sort(te->words_v, cmp_str);
	te->words.w = (const char *const *)te->words_v->pdata;
	te->words.n = te->words_v->len;
}

static const char *const required_families[] = {
	"Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK KR",
	"Noto Serif CJK SC",
};

static bool family_present(FcConfig *fc, const char *family)
{
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family, (char *)NULL);
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
	FcFontSet *fs = FcFontList(fc, pat, os);
	bool ok = fs && fs->nfont > 0;
	if (fs)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return ok;
}

const char *text_engine_lock_sha256(const struct text_engine *te)
{
	return te->lock_sha256;
}

const char *text_engine_conf_sha256(const struct text_engine *te)
{
	return te->conf_sha256;
}

bool text_engine_has_family(struct text_engine *te, const char *family)
{
	if (!family[0] || !strcmp(family, "Noto Sans CJK") || !strcmp(family, "Noto Serif CJK"))
		return true;
	return family_present(te->fc, family);
}

struct text_engine *text_engine_new(const char *fonts_dir, struct diag *d)
{
	char conf[4096];
	/* fontconfig resolves a relative name against its own directories. */
	char *abs = realpath(fonts_dir, NULL);
	snprintf(conf, sizeof conf, "%s/fonts.conf", abs ? abs : fonts_dir);
	free(abs);
	if (access(conf, R_OK) != 0) {
		diag_error(d, DIAG_FONT, conf, 0, 0,
			   "cannot read the font configuration (--fonts DIR or $SALTPRINT_FONTS "
			   "names the directory that holds it)");
		return NULL;
	}
	FcConfig *fc = FcConfigCreate();
	if (!fc || !FcConfigParseAndLoad(fc, (const FcChar8 *)conf, FcTrue) ||
	    !FcConfigBuildFonts(fc)) {
		diag_error(d, DIAG_FONT, conf, 0, 0,
			   "cannot load the font configuration (is saltprint installed completely?)");
		if (fc)
			FcConfigDestroy(fc);
		return NULL;
	}
	bool ok = true;
	for (size_t i = 0; i < ARRAY_LEN(required_families); i++) {
		if (!family_present(fc, required_families[i])) {
			diag_error(d, DIAG_FONT, conf, 0, 0,
				   "font family \"%s\" is not installed (Debian package fonts-noto-cjk; "
				   "`make deps` installs it)",
				   required_families[i]);
			ok = false;
		}
	}
	if (!ok) {
		FcConfigDestroy(fc);
		return NULL;
	}
	struct text_engine *te = xcalloc(1, sizeof *te);
	te->fc = fc;
	/* The configuration and the lock are part of every render's key
	 * (job.c): read once, with the fonts they stand for, not again for
	 * each spec. */
	char lock[4200];
	snprintf(lock, sizeof lock, "%s/fonts.lock", fonts_dir);
	file_sha256(conf, te->conf_sha256);
	file_sha256(lock, te->lock_sha256);
	/* Ours is the process's only font configuration. Made current before
	 * Pango starts, it also spares Pango's start-up thread loading the
	 * system's configuration and font caches (about 40 files), which
	 * nothing here would use. */
	FcConfigSetCurrent(fc);
	te->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(te->fontmap), fc);
	te->ctx = pango_font_map_create_context(te->fontmap);
	/* Unhinted metrics and unrounded positions: the layout is the same at
	 * every scale and in every format. */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(te->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(te->ctx, FALSE);
	pango_cairo_context_set_resolution(te->ctx, 72.0);
	return te;
}

void text_engine_free(struct text_engine *te)
{
	if (!te)
		return;
	g_object_unref(te->ctx);
	/* Drop the fonts the map caches, so that it and the configuration it
	 * holds are released too. */
	pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(te->fontmap));
	g_object_unref(te->fontmap);
	FcConfigDestroy(te->fc);
	free(te->words_src);
	if (te->words_v)
		g_ptr_array_free(te->words_v, TRUE);
	free(te);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t text_engine_font_files(struct text_engine *te, char ***files_out)
{
	FcFontSet *fs = FcConfigGetFonts(te->fc, FcSetSystem);
	char **files = xcalloc(fs ? (size_t)fs->nfont + 1 : 1, sizeof *files);
	size_t n = 0;
	for (int i = 0; fs && i < fs->nfont; i++) {
		FcChar8 *file;
		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
			continue;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(files[k], (const char *)file) == 0;
		if (!seen)
			files[n++] = xstrdup((const char *)file);
	}
	qsort(files, n, sizeof *files, cmp_str);
	*files_out = files;
	return n;
}

static const char *family_for(enum locale_id loc, bool serif);

/* The theme's family; a Noto CJK family takes the face of the locale. */
static void family_name(const struct text_engine *te, enum locale_id loc, bool serif, char *out,
			size_t size)
{
	const char *fam = serif ? te->family_serif : te->family_sans;
	if (!fam[0] || strncmp(fam, "Noto Sans CJK", 13) == 0 ||
	    strncmp(fam, "Noto Serif CJK", 14) == 0) {
		bool want_serif = fam[0] ? strncmp(fam, "Noto Serif", 10) == 0 : serif;
		snprintf(out, size, "%s", family_for(loc, want_serif));
	} else {
		snprintf(out, size, "%s", fam);
	}
}

/* Each Noto CJK face comes first as its common-text subset (fonts/subset.py:
 * the same glyphs, a quarter of the size, which is what makes a PDF quick to
 * write), then whole for anything the subset lacks. Without the subsets
 * installed, the whole face does everything. */
static const char *family_for(enum locale_id loc, bool serif)
{
	static const char *const sans[] = {
		"Saltprint Noto Sans SC,Noto Sans CJK SC", "Saltprint Noto Sans TC,Noto Sans CJK TC",
		"Saltprint Noto Sans JP,Noto Sans CJK JP", "Saltprint Noto Sans KR,Noto Sans CJK KR",
		"Saltprint Noto Sans SC,Noto Sans CJK SC"};
	static const char *const ser[] = {
		"Saltprint Noto Serif SC,Noto Serif CJK SC", "Saltprint Noto Serif TC,Noto Serif CJK TC",
		"Saltprint Noto Serif JP,Noto Serif CJK JP", "Saltprint Noto Serif KR,Noto Serif CJK KR",
		"Saltprint Noto Serif SC,Noto Serif CJK SC"};
	return serif ? ser[loc] : sans[loc];
}

/* Characters that, following a number, belong to it: units, classifiers and
 * date words. A run of them stays on the number's line (R12). */
static bool is_unit_char(uint32_t c)
{
	static const uint32_t units[] = {
		'%', 0x2030 /* ‰ */, 0xFF05 /* ％ */, 0x2103 /* ℃ */, 0x33A1 /* ㎡ */, 0xB2 /* ² */,
		0xB3, '/', 0x4E07 /* 万 */, 0x4EBF /* 亿 */, 0x5104 /* 億 */, 0x5146 /* 兆 */,
		0x842C /* 萬 */, 0x5143 /* 元 */, 0x5706 /* 圓 */, 0x5E74 /* 年 */, 0x6708 /* 月 */,
		0x65E5 /* 日 */, 0x53F7 /* 号 */, 0x65F6 /* 时 */, 0x6642 /* 時 */, 0x5206 /* 分 */,
		0x79D2 /* 秒 */, 0x4E2A /* 个 */, 0x500B /* 個 */, 0x540D /* 名 */, 0x5BB6 /* 家 */,
		0x6237 /* 户 */, 0x6236 /* 戶 */, 0x4EBA /* 人 */, 0x6B21 /* 次 */, 0x9879 /* 项 */,
		0x9805 /* 項 */, 0x500D /* 倍 */, 0x5C81 /* 岁 */, 0x5C4A /* 届 */, 0x4F4D /* 位 */,
		0x5EA7 /* 座 */, 0x8F86 /* 辆 */, 0x5428 /* 吨 */, 0x7C73 /* 米 */, 0x514B /* 克 */,
		0x4EFD /* 份 */, 0x6240 /* 所 */, 0x6761 /* 条 */, 0x4EF6 /* 件 */, 0x5957 /* 套 */,
		0x5904 /* 处 */, 0x680B /* 栋 */, 0x5C42 /* 层 */, 0x5929 /* 天 */, 0x5468 /* 周 */,
		0x671F /* 期 */, 0x4F8B /* 例 */, 0x6279 /* 批 */, 0x53F0 /* 台 */, 0x90E8 /* 部 */,
		0x573A /* 场 */, 0x7BC7 /* 篇 */, 0x672C /* 本 */, 0x4EA9 /* 亩 */, 0x95F4 /* 间 */,
		0x5F20 /* 张 */, 0x518C /* 册 */, 0x5EA6 /* 度 */, 0x6761 /* 条 */, 0x516C /* 公 */,
		0x91CC /* 里 */, 0x5E73 /* 平 */, 0x65B9 /* 方 */, 0x5B63 /* 季 */, 0x5343 /* 千 */, 0x767E /* 百 */,
		0x70B9 /* 点 */, 0x5186 /* 円 */, 0xC6D0 /* 원 */, 0xB144 /* 년 */, 0xC6D4 /* 월 */,
		0xC77C /* 일 */, 0xB9CC /* 만 */, 0xC5B5 /* 억 */, 0xBA85 /* 명 */, 0xAC1C /* 개 */,
	};
	for (size_t i = 0; i < ARRAY_LEN(units); i++)
		if (units[i] == c)
			return true;
	return false;
}

static bool is_digit(uint32_t c)
{
	/* Arabic, full-width, and the Han numerals that count quarters, months
	 * and items (三季度, 四个月). */
	static const uint32_t han[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
				       0x4E03, 0x516B, 0x4E5D, 0x5341, 0x4E24};
	if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))
		return true;
	for (size_t i = 0; i < ARRAY_LEN(han); i++)
		if (c == han[i])
			return true;
	return false;
}

size_t text_nobreak_ranges(const char *utf8, size_t ranges[][2], size_t max)
{
	size_t n = 0;
	const char *p = utf8;
	while (*p && n < max) {
		const char *start = p;
		uint32_t c = utf8_next(&p);
		bool sign = c == '+' || c == '-' || c == 0x2212 || c == 0xB1 || c == 0xA5 /* ¥ */ ||
			    c == '$' || c == 0xFFE5 || c == '~' || c == 0xFF5E || c == 0x2248 /* ≈ */;
		const char *q = sign ? p : start;
		const char *t = q;
		if (!*t)
			break;
		uint32_t d = utf8_next(&t);
		if (!is_digit(d))
			continue;
		/* The number: digits with inner . , : (6.0, 14,000, 10:30). */
		const char *end = t;
		for (;;) {
			const char *r = end;
			if (!*r)
				break;
			uint32_t e = utf8_next(&r);
			if (is_digit(e)) {
				end = r;
				continue;
			}
			if ((e == '.' || e == ',' || e == ':') && *r) {
				const char *s = r;
				if (is_digit(utf8_next(&s))) {
					end = s;
					continue;
				}
			}
			break;
		}
		const char *num_end = end;
		for (int k = 0; k < 8 && *end; k++) {
			const char *r = end;
			uint32_t e = utf8_next(&r);
			if (e == 0x2005 && *r) { /* an R8 gap inside the run */
				const char *after = r;
				if (is_unit_char(utf8_next(&after))) {
					end = r;
					continue;
				}
			}
			if (!is_unit_char(e))
				break;
			end = r;
		}
		p = end;
		if (end == num_end && !sign)
			continue; /* a bare number breaks like a word anyway */
		ranges[n][0] = (size_t)(start - utf8);
		ranges[n][1] = (size_t)(end - utf8);
		n++;
	}
	return n;
}

static bool is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF);
}

/* The longest title in book-title marks kept on one line, in characters
 * between the marks. */
#define BOOK_TITLE_MAX 10

size_t text_word_ranges(const char *utf8, enum locale_id loc, const struct word_list *extra,
			size_t ranges[][2], size_t max)
{
	static const char *const icu_loc[] = {"zh", "zh_Hant", "ja", "ko", "en"};
	UErrorCode st = U_ZERO_ERROR;
	UText *ut = utext_openUTF8(NULL, utf8, -1, &st);
	UBreakIterator *bi = ubrk_open(UBRK_WORD, icu_loc[loc], NULL, 0, &st);
	if (U_SUCCESS(st))
		ubrk_setUText(bi, ut, &st);
	size_t n = 0;
	if (U_SUCCESS(st)) {
		int32_t a = ubrk_first(bi), b;
		while ((b = ubrk_next(bi)) != UBRK_DONE && n < max) {
			const char *p = utf8 + a;
			int chars = 0;
			bool han = true;
			while (p < utf8 + b) {
				han &= is_han(utf8_next(&p));
				chars++;
			}
			/* A one-character administrative suffix belongs to the
			 * place name before it: 自流井区, 自贡市. */
			const char *q = utf8 + a;
			uint32_t c0 = chars == 1 ? utf8_next(&q) : 0;
			bool suffix = c0 && (c0 == 0x533A || c0 == 0x53BF || c0 == 0x5E02 ||
							       c0 == 0x7701 || c0 == 0x9547 || c0 == 0x4E61 ||
							       c0 == 0x6751 || c0 == 0x5DDE);
			if (suffix && n > 0 && ranges[n - 1][1] == (size_t)a) {
				ranges[n - 1][1] = (size_t)b;
			} else if (han && chars >= 2) {
				ranges[n][0] = (size_t)a;
				ranges[n][1] = (size_t)b;
				n++;
			}
			a = b;
		}
	}
	if (bi)
		ubrk_close(bi);
	utext_close(ut);
	/* Words ICU splits (签|约, 志愿|者), from saltprint's list for Chinese
	 * and the theme's for any language. Where one crosses a word of ICU's
	 * (来到|位于 holds 到位), both stay whole: a break is lost, none is
	 * made. */
	bool zh = loc == LOCALE_ZH_HANS || loc == LOCALE_ZH_HANT;
	const struct word_list *lists[] = {zh ? &words_zh_news : NULL, extra};
	n = words_find(lists, 2, utf8, ranges, n, max);
	/* The particles 的 and 了 stay with the character before them: a title
	 * does not start a line with them ("到位" | "的市外资金"). */
	const char *prev = NULL;
	uint32_t prev_c = 0;
	for (const char *p = utf8; zh && *p && n < max;) {
		const char *at = p;
		uint32_t c = utf8_next(&p);
		if ((c == 0x7684 || c == 0x4E86) && prev && is_han(prev_c)) {
			ranges[n][0] = (size_t)(prev - utf8);
			ranges[n][1] = (size_t)(p - utf8);
			n++;
		}
		prev = at;
		prev_c = c;
	}
	/* A short title in book-title marks stays on one line, marks and all
	 * (编印 | 《市民手册》, not 编印《市民 | 手册》); a long one may break
	 * where its words do. */
	for (const char *p = utf8; *p && n < max;) {
		const char *at = p;
		uint32_t c = utf8_next(&p);
		if (c != 0x300A && c != 0x3008) /* 《 〈 */
			continue;
		uint32_t close = c == 0x300A ? 0x300B : 0x3009;
		const char *q = p;
		int chars = 0;
		uint32_t e = 0;
		while (*q && chars <= BOOK_TITLE_MAX) {
			e = utf8_next(&q);
			if (e == close || e == c)
				break;
			chars++;
		}
		if (e == close && chars >= 1 && chars <= BOOK_TITLE_MAX) {
			ranges[n][0] = (size_t)(at - utf8);
			ranges[n][1] = (size_t)(q - utf8);
			n++;
		}
	}
	return n;
}

/* Curly quotes are ambiguous (QU) in UAX #14, so Pango would break after
 * an opening one and before a closing one; R4 forbids both. Returns ranges
 * that glue each quote to its neighbour. */
static size_t quote_ranges(const char *utf8, size_t ranges[][2], size_t max)
{
	size_t n = 0;
	const char *prev = NULL;
	for (const char *p = utf8; *p && n < max;) {
		const char *at = p;
		uint32_t c = utf8_next(&p);
		if ((c == 0x201C || c == 0x2018) && *p) {
			const char *q = p;
			utf8_next(&q);
			ranges[n][0] = (size_t)(at - utf8);
			ranges[n][1] = (size_t)(q - utf8);
			n++;
		} else if ((c == 0x201D || c == 0x2019) && prev) {
			ranges[n][0] = (size_t)(prev - utf8);
			ranges[n][1] = (size_t)(p - utf8);
			n++;
		}
		prev = at;
	}
	return n;
}

static bool is_latin_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

static bool is_han_or_kana(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x3040 && c <= 0x30FF);
}

char *text_autospace(const char *utf8)
{
	size_t len = strlen(utf8);
	/* At most one 3-byte gap after each character. */
	char *out = xmalloc(len * 4 + 1);
	char *o = out;
	uint32_t prev = 0;
	for (const char *p = utf8; *p;) {
		const char *at = p;
		uint32_t c = utf8_next(&p);
		if (prev && ((is_han_or_kana(prev) && is_latin_alnum(c)) ||
			     (is_latin_alnum(prev) && is_han_or_kana(c)))) {
			memcpy(o, "\u2005", 3);
			o += 3;
		}
		memcpy(o, at, (size_t)(p - at));
		o += p - at;
		prev = c;
	}
	*o = '\0';
	return out;
}

static bool is_closing_punct(uint32_t c)
{
	static const char set[] = "、。，．：；！？）］｝〕〉》」』】〙〗”’";
	for (const char *p = set; *p;)
		if (utf8_next(&p) == c)
			return true;
	return false;
}

static bool is_opening_punct(uint32_t c)
{
	static const char set[] = "（［｛〔〈《「『【〘〖“‘";
	for (const char *p = set; *p;)
		if (utf8_next(&p) == c)
			return true;
	return false;
}

size_t text_compress_ranges(const char *utf8, size_t ranges[][2], size_t max)
{
	size_t n = 0;
	const char *p = utf8;
	if (!*p)
		return 0;
	const char *a_at = p;
	uint32_t a = utf8_next(&p);
	const char *a_end = p;
	while (*p && n < max) {
		const char *b_at = p;
		uint32_t b = utf8_next(&p);
		bool ap = is_closing_punct(a) || is_opening_punct(a);
		bool bp = is_closing_punct(b) || is_opening_punct(b);
		if (ap && bp) {
			if (is_closing_punct(a)) {
				ranges[n][0] = (size_t)(a_at - utf8);
				ranges[n][1] = (size_t)(a_end - utf8);
				n++;
			} else if (is_opening_punct(b)) {
				ranges[n][0] = (size_t)(b_at - utf8);
				ranges[n][1] = (size_t)(p - utf8);
				n++;
			}
		}
		a = b, a_at = b_at, a_end = p;
	}
	return n;
}

/* Marks after which display text breaks best. */
static bool is_break_punct(uint32_t c)
{
	return is_closing_punct(c) || c == ',' || c == ';' || c == ':' || c == 0x00B7;
}

/* Reports every code point that no configured font could draw. */
static bool check_glyphs(PangoLayout *layout, const char *utf8, const struct text_origin *o)
{
	if (pango_layout_get_unknown_glyphs_count(layout) == 0)
		return true;
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	uint32_t seen[8];
	size_t n_seen = 0;
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		if (!run)
			continue;
		PangoGlyphString *gs = run->glyphs;
		for (int i = 0; i < gs->num_glyphs; i++) {
			if (!(gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			const char *at = utf8 + run->item->offset + gs->log_clusters[i];
			uint32_t cp = utf8_next(&at);
			bool dup = false;
			for (size_t k = 0; k < n_seen && !dup; k++)
				dup = seen[k] == cp;
			if (dup || n_seen == ARRAY_LEN(seen))
				continue;
			seen[n_seen++] = cp;
			char shown[64];
			size_t len = strlen(utf8);
			if (utf8_count(utf8, len) > 20) {
				const char *e = utf8;
				for (int k = 0; k < 20; k++)
					utf8_next(&e);
				snprintf(shown, sizeof shown, "%.*s...", (int)(e - utf8), utf8);
			} else {
				snprintf(shown, sizeof shown, "%s", utf8);
			}
			diag_error(o->d, DIAG_FONT, o->file, o->pos.line, o->pos.col,
				   "no configured font has U+%04X, in \"%s\" (add a font to fonts/ "
				   "or remove the character)",
				   (unsigned)cp, shown);
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	return false;
}

struct range_set {
	const size_t (*r)[2];
	size_t n;
};

enum break_mode { BREAK_ANY, BREAK_SPACES, BREAK_PUNCT };

static void set_attributes(PangoLayout *layout, const char *utf8, const struct text_style *st,
			   enum locale_id loc, enum break_mode mode, bool compress,
			   const struct range_set *bold, const struct range_set *words, bool glue)
{
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs,
			       pango_attr_language_new(pango_language_from_string(locale_tag(loc))));
	double lh = (st->line_height > 0 ? st->line_height : 1.3) * st->size_px;
	pango_attr_list_insert(attrs, pango_attr_line_height_new_absolute((int)(lh * PANGO_SCALE)));
	if (st->tabular)
		pango_attr_list_insert(attrs, pango_attr_font_features_new("tnum"));
	if (st->dim_from > 0 && st->dim_from < strlen(utf8)) {
		uint32_t c = st->dim_rgb;
		PangoAttribute *a = pango_attr_foreground_new((guint16)(((c >> 16) & 255) * 257),
							      (guint16)(((c >> 8) & 255) * 257),
							      (guint16)((c & 255) * 257));
		a->start_index = (guint)st->dim_from;
		a->end_index = G_MAXUINT;
		pango_attr_list_insert(attrs, a);
	}
	size_t ranges[256][2];
	size_t nr = glue ? text_nobreak_ranges(utf8, ranges, ARRAY_LEN(ranges)) : 0;
	for (size_t i = 0; i < nr; i++) {
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)ranges[i][0];
		a->end_index = (guint)ranges[i][1];
		pango_attr_list_insert(attrs, a);
	}
	nr = glue ? quote_ranges(utf8, ranges, ARRAY_LEN(ranges)) : 0;
	for (size_t i = 0; i < nr; i++) {
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)ranges[i][0];
		a->end_index = (guint)ranges[i][1];
		pango_attr_list_insert(attrs, a);
	}
	for (size_t i = 0; glue && words && i < words->n; i++) {
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)words->r[i][0];
		a->end_index = (guint)words->r[i][1];
		pango_attr_list_insert(attrs, a);
	}
	for (size_t i = 0; bold && i < bold->n; i++) {
		PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		a->start_index = (guint)bold->r[i][0];
		a->end_index = (guint)bold->r[i][1];
		pango_attr_list_insert(attrs, a);
	}
	if (compress) {
		/* R6: zh-Hans and ja corner punctuation; zh-Hant centres its marks
		 * and is left alone. */
		size_t cr[256][2];
		size_t nc = text_compress_ranges(utf8, cr, ARRAY_LEN(cr));
		for (size_t i = 0; i < nc; i++) {
			PangoAttribute *a = pango_attr_font_features_new("halt");
			a->start_index = (guint)cr[i][0];
			a->end_index = (guint)cr[i][1];
			pango_attr_list_insert(attrs, a);
		}
	}
	if (mode != BREAK_ANY) {
		/* A run of spaces breaks after its last space only. */
		for (const char *p = utf8; *p;) {
			const char *run = p;
			while (*p == ' ')
				p++;
			if (p - run > 1) {
				PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
				a->start_index = (guint)(run - utf8);
				a->end_index = (guint)(p - utf8);
				pango_attr_list_insert(attrs, a);
			}
			if (*p && *p != ' ')
				p++;
		}
	}
	if (mode != BREAK_ANY) {
		/* Breaks only at the author's spaces (or after punctuation): glue
		 * every run between them. */
		const char *p = utf8, *run = NULL;
		while (true) {
			const char *at = p;
			uint32_t c = *p ? utf8_next(&p) : 0;
			bool space = c == ' ' || c == 0x3000 || c == 0;
			bool after_punct = mode == BREAK_PUNCT && c && is_break_punct(c);
			if (after_punct) {
				/* The mark ends its run; a break may follow it. */
				if (!run)
					run = at;
				PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
				a->start_index = (guint)(run - utf8);
				a->end_index = (guint)(p - utf8);
				pango_attr_list_insert(attrs, a);
				run = NULL;
				continue;
			}
			if (!space && !run)
				run = at;
			if (space && run) {
				PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
				a->start_index = (guint)(run - utf8);
				a->end_index = (guint)(at - utf8);
				pango_attr_list_insert(attrs, a);
				run = NULL;
			}
			if (!c)
				break;
		}
	}
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);

}

/* Whether the layout, wrapped at width px, takes at most `lines` lines and
 * stays within the width. */
static bool fits_in_lines(PangoLayout *layout, double width, int lines)
{
	pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
	PangoRectangle r;
	pango_layout_get_extents(layout, NULL, &r);
	return pango_layout_get_line_count(layout) <= lines &&
	       (double)(r.x + r.width) / PANGO_SCALE <= width + 0.01;
}

/* For a layout of two lines: the width, in px, at which the lines come out
 * most even, from the break opportunities on the first line: moving the
 * break to one of them gives a first line as wide as the text before it
 * and a second line as wide as the rest. An estimate (kerning and spaces
 * at the break shift it by a little); the caller checks it. */
static bool two_line_guess(PangoLayout *layout, double *px)
{
	PangoLayoutLine *l0 = pango_layout_get_line_readonly(layout, 0);
	PangoLayoutLine *l1 = pango_layout_get_line_readonly(layout, 1);
	if (!l0 || !l1)
		return false;
	PangoRectangle r0, r1;
	pango_layout_line_get_extents(l0, NULL, &r0);
	pango_layout_line_get_extents(l1, NULL, &r1);
	const char *text = pango_layout_get_text(layout);
	int n_attrs;
	const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
	int best = r0.width > r1.width ? r0.width : r1.width;
	/* Break candidates strictly inside the first line. */
	const char *p = text + l0->start_index, *end = text + l0->start_index + l0->length;
	int ci = (int)g_utf8_pointer_to_offset(text, p);
	for (const char *q = g_utf8_next_char(p); q < end; q = g_utf8_next_char(q)) {
		ci++;
		if (ci >= n_attrs || !attrs[ci].is_line_break)
			continue;
		int x;
		pango_layout_line_index_to_x(l0, (int)(q - text), FALSE, &x);
		int w1 = x, w2 = r0.width - x + r1.width;
		if (q[-1] == ' ') { /* a space before the break hangs */
			int xs;
			pango_layout_line_index_to_x(l0, (int)(q - 1 - text), FALSE, &xs);
			w1 = xs;
		}
		int w = w1 > w2 ? w1 : w2;
		if (w < best)
			best = w;
	}
	*px = (double)best / PANGO_SCALE + 0.25;
	return true;
}

size_t text_parse_bold(const char *in, char *out, size_t ranges[][2], size_t max)
{
	size_t n = 0, o = 0;
	const char *p = in;
	while (*p) {
		if (p[0] == '*' && p[1] == '*' && n < max) {
			const char *close = strstr(p + 2, "**");
			if (close && close > p + 2) {
				ranges[n][0] = o;
				memcpy(out + o, p + 2, (size_t)(close - p - 2));
				o += (size_t)(close - p - 2);
				ranges[n][1] = o;
				n++;
				p = close + 2;
				continue;
			}
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	return n;
}

/* Where byte `off` of utf8 lands once R8 has inserted its gaps. */
static size_t spaced_offset(const char *utf8, size_t off)
{
	char *pre = strndup(utf8, off);
	char *spre = text_autospace(pre);
	size_t r = strlen(spre);
	free(pre);
	free(spre);
	return r;
}

bool text_block_make(struct text_engine *te, struct text_block *tb, const char *utf8,
		     const struct text_style *st, double wrap_px, enum locale_id loc,
		     const struct text_origin *origin)
{
	return text_block_make_rich(te, tb, utf8, st, wrap_px, loc, origin, NULL, 0);
}

/* Drops the words wider than the box, counting a curly quote glued to
 * either end (“华灯耀丝路” in a box of five characters): such a word is
 * broken all the same, and Pango's fallback would then break the whole text
 * anywhere, unbalanced. ICU's shorter words inside it stay. Widths are
 * estimated: an em for a Han character or a quote, 0.6 em for the rest. */
static size_t drop_wide_words(const char *utf8, size_t r[][2], size_t n, double size_px,
			      double wrap_px)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		double ems = 0;
		for (const char *p = utf8 + r[i][0]; p < utf8 + r[i][1];)
			ems += utf8_next(&p) >= 0x2E80 ? 1.0 : 0.6;
		/* “ and ‘ end in 0x9C and 0x98, ” and ’ in 0x9D and 0x99. */
		const unsigned char *b = (const unsigned char *)utf8 + r[i][0];
		if (r[i][0] >= 3 && b[-3] == 0xE2 && b[-2] == 0x80 && (b[-1] == 0x9C || b[-1] == 0x98))
			ems += 1;
		const unsigned char *e = (const unsigned char *)utf8 + r[i][1];
		if (e[0] == 0xE2 && e[1] == 0x80 && (e[2] == 0x9D || e[2] == 0x99))
			ems += 1;
		if (ems * size_px <= wrap_px) {
			r[kept][0] = r[i][0];
			r[kept][1] = r[i][1];
			kept++;
		}
	}
	return kept;
}

/* Whether the last line is a scrap beside the longest (under a quarter of
 * its width): "…到位的市外资金，" | "亿元". Breaking only after the
 * punctuation gives that; breaking anywhere and evening out does not. */
static bool last_line_orphaned(PangoLayout *layout)
{
	int n = pango_layout_get_line_count(layout);
	int widest = 0, last = 0;
	for (int i = 0; i < n; i++) {
		PangoRectangle r;
		pango_layout_line_get_extents(pango_layout_get_line_readonly(layout, i), NULL, &r);
		if (r.width > widest)
			widest = r.width;
		last = r.width;
	}
	return n > 1 && last * 4 < widest;
}

bool text_block_make_rich(struct text_engine *te, struct text_block *tb, const char *utf8,
			  const struct text_style *st, double wrap_px, enum locale_id loc,
			  const struct text_origin *origin, const size_t (*bold_in)[2], size_t n_bold)
{
	memset(tb, 0, sizeof *tb);
	/* R8 changes the text itself; every range below is of the new text. */
	char *spaced = NULL;
	struct text_style moved;
	size_t (*bold)[2] = NULL;
	if (n_bold) {
		bold = xcalloc(n_bold, sizeof *bold);
		memcpy(bold, bold_in, n_bold * sizeof *bold);
	}
	if (te->autospace && loc != LOCALE_KO && loc != LOCALE_EN) {
		spaced = text_autospace(utf8);
		/* Ranges of the text move by the gaps inserted before them. */
		if (st->dim_from > 0 && st->dim_from < strlen(utf8)) {
			moved = *st;
			moved.dim_from = spaced_offset(utf8, st->dim_from);
			st = &moved;
		}
		for (size_t i = 0; i < n_bold; i++) {
			bold[i][0] = spaced_offset(utf8, bold[i][0]);
			bold[i][1] = spaced_offset(utf8, bold[i][1]);
		}
		utf8 = spaced;
	}
	struct range_set bs = {(const size_t(*)[2])bold, n_bold};
	/* Balanced display text is not broken inside a word. */
	size_t (*word_r)[2] = NULL;
	struct range_set ws = {NULL, 0}, *wp = NULL;
	if (st->balance && wrap_px > 0) {
		word_r = xcalloc(256, sizeof *word_r);
		ws.n = text_word_ranges(utf8, loc, &te->words, word_r, 256);
		ws.n = drop_wide_words(utf8, word_r, ws.n, st->size_px, wrap_px);
		ws.r = (const size_t(*)[2])word_r;
		wp = &ws;
	}
	PangoLayout *layout = pango_layout_new(te->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	char family[160];
	family_name(te, loc, st->serif, family, sizeof family);
	pango_font_description_set_family(fd, family);
	pango_font_description_set_weight(fd, st->weight >= 600 ? PANGO_WEIGHT_BOLD
								: PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, st->size_px * PANGO_SCALE);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);

	bool compress = te->compress && (loc == LOCALE_ZH_HANS || loc == LOCALE_JA);
	set_attributes(layout, utf8, st, loc, BREAK_ANY, compress, &bs, wp, true);
	pango_layout_set_text(layout, utf8, -1);
	if (wrap_px > 0) {
		pango_layout_set_width(layout, (int)(wrap_px * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	}
	if (wrap_px > 0 && st->balance && pango_layout_get_line_count(layout) > 1) {
		/* Display text breaks best at the author's spaces, else after its
		 * punctuation ("2018年目标：" | "以一连串数字…"): kept when every
		 * piece fits and the lines are no more. */
		int lines = pango_layout_get_line_count(layout);
		static const enum break_mode tries[] = {BREAK_SPACES, BREAK_PUNCT};
		bool settled = false;
		for (size_t i = 0; i < 2 && !settled; i++) {
			if (tries[i] == BREAK_SPACES && !strchr(utf8, ' ') && !strstr(utf8, "\u3000"))
				continue;
			set_attributes(layout, utf8, st, loc, tries[i], compress, &bs, wp, true);
			pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
			PangoRectangle r;
			pango_layout_get_extents(layout, NULL, &r);
			settled = (double)(r.x + r.width) / PANGO_SCALE <= wrap_px + 0.01 &&
				  pango_layout_get_line_count(layout) <= lines &&
				  !last_line_orphaned(layout);
		}
		if (!settled)
			set_attributes(layout, utf8, st, loc, BREAK_ANY, compress, &bs, wp, true);
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	}
	if (wrap_px > 0 && st->balance && pango_layout_get_line_count(layout) > 1) {
		/* The narrowest width that keeps the same number of lines without
		 * splitting a word: lines come out even, as CSS text-wrap: balance
		 * does. Word wrapping alone during the search, so that a width at
		 * which a word would have to be split counts as too narrow. */
		int lines = pango_layout_get_line_count(layout);
		double lo = 0, hi = wrap_px;
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
		/* Two lines (most labels): where the break would even them out
		 * can be worked out from this layout, and two layouts confirm it
		 * (it fits at the guess, not half a pixel narrower). Each layout
		 * shapes the text anew, so this saves most of the search. */
		double guess;
		if (lines == 2 && two_line_guess(layout, &guess) && guess < wrap_px) {
			if (fits_in_lines(layout, guess, lines)) {
				hi = guess;
				lo = fits_in_lines(layout, guess - 0.5, lines) ? 0 : guess - 0.5;
			} else {
				lo = guess;
			}
		}
		for (int i = 0; i < 12 && hi - lo > 0.5; i++) {
			double mid = (lo + hi) / 2;
			if (fits_in_lines(layout, mid, lines))
				hi = mid;
			else
				lo = mid;
		}
		/* hi was found with word wrapping and fits: keep it, so that
		 * char fallback cannot break before a space at this width. */
		pango_layout_set_width(layout, (int)(hi * PANGO_SCALE));
		PangoRectangle fin;
		pango_layout_get_extents(layout, NULL, &fin);
		if ((double)(fin.x + fin.width) / PANGO_SCALE > hi + 0.01 ||
		    pango_layout_get_line_count(layout) > lines)
			pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	}
	if (compress) {
		/* R6 at line starts: an opening bracket or quote that begins a line
		 * loses its blank half, so the line's text aligns with the rest. */
		size_t extra[64][2];
		size_t ne = 0;
		int nl = pango_layout_get_line_count(layout);
		for (int i = 0; i < nl && ne < 64; i++) {
			PangoLayoutLine *line = pango_layout_get_line_readonly(layout, i);
			const char *p = utf8 + line->start_index;
			const char *q = p;
			if (*q && is_opening_punct(utf8_next(&q))) {
				extra[ne][0] = (size_t)(p - utf8);
				extra[ne][1] = (size_t)(q - utf8);
				ne++;
			}
		}
		if (ne) {
			PangoAttrList *al = pango_attr_list_copy(pango_layout_get_attributes(layout));
			for (size_t i = 0; i < ne; i++) {
				PangoAttribute *a = pango_attr_font_features_new("halt");
				a->start_index = (guint)extra[i][0];
				a->end_index = (guint)extra[i][1];
				pango_attr_list_insert(al, a);
			}
			pango_layout_set_attributes(layout, al);
			pango_attr_list_unref(al);
		}
	}
	PangoAlignment al = st->align == TEXT_CENTER  ? PANGO_ALIGN_CENTER
			    : st->align == TEXT_RIGHT ? PANGO_ALIGN_RIGHT
						      : PANGO_ALIGN_LEFT;
	pango_layout_set_alignment(layout, al);

	free(bold);
	free(word_r);
	if (origin && !check_glyphs(layout, utf8, origin)) {
		g_object_unref(layout);
		free(spaced);
		return false;
	}
	PangoRectangle logical;
	pango_layout_get_extents(layout, NULL, &logical);
	if (wrap_px > 0 && (double)(logical.x + logical.width) / PANGO_SCALE > wrap_px + 0.5) {
		/* A box narrower than an unbreakable run (152亿元, a word, a quote
		 * with its neighbour): break it after all rather than overflow. */
		set_attributes(layout, utf8, st, loc, BREAK_ANY, compress, &bs, NULL, false);
		pango_layout_set_width(layout, (int)(wrap_px * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
		pango_layout_get_extents(layout, NULL, &logical);
	}
	/* Trust nothing that did not lay out: Pango gives up on runs of some
	 * hundred thousand characters (no extent at all), and a line wider
	 * than its box would be clipped. */
	bool blank = strspn(utf8, " \n") == strlen(utf8);
	if ((!blank && logical.width <= 0) ||
	    (wrap_px > 0 && (double)(logical.x + logical.width) / PANGO_SCALE > wrap_px + 0.5)) {
		if (origin)
			diag_error(origin->d, DIAG_INPUT, origin->file, origin->pos.line, origin->pos.col,
				   "a text of %zu characters cannot be laid out within %.0f px; shorten it",
				   utf8_count(utf8, strlen(utf8)), wrap_px > 0 ? wrap_px : 0.0);
		g_object_unref(layout);
		free(spaced);
		return false;
	}
	free(spaced);
	tb->layout = layout;
	tb->ink_left = (double)logical.x / PANGO_SCALE;
	tb->ink_width = (double)logical.width / PANGO_SCALE;
	tb->width = wrap_px > 0 ? (double)pango_layout_get_width(layout) / PANGO_SCALE
				: tb->ink_left + tb->ink_width;
	tb->height = (double)logical.height / PANGO_SCALE;
	tb->baseline = (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
	tb->lines = pango_layout_get_line_count(layout);
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	PangoRectangle l0;
	pango_layout_iter_get_line_extents(it, NULL, &l0);
	pango_layout_iter_free(it);
	tb->line0_x = (double)l0.x / PANGO_SCALE;
	tb->line0_w = (double)l0.width / PANGO_SCALE;
	return true;
}

void text_block_fini(struct text_block *tb)
{
	if (tb->layout)
		g_object_unref(tb->layout);
	tb->layout = NULL;
}

void text_block_share(struct text_block *dst, const struct text_block *src)
{
	*dst = *src;
	if (dst->layout)
		g_object_ref(dst->layout);
}

/* A run svg_glyphs can write: outline glyphs Pango found (no hex boxes for
 * missing ones), placed by their advances alone, coloured at most. */
static cairo_scaled_font_t *run_scaled_font(const PangoGlyphItem *run)
{
	PangoFont *f = run->item->analysis.font;
	return PANGO_IS_CAIRO_FONT(f) ? pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f)) : NULL;
}

static bool svg_run_ok(const PangoGlyphItem *run)
{
	if (run->y_offset || run->start_x_offset || run->end_x_offset ||
	    !svg_glyphs_font_ok(run_scaled_font(run)))
		return false;
	for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next) {
		switch (((PangoAttribute *)a->data)->klass->type) {
		case PANGO_ATTR_FOREGROUND:
		case PANGO_ATTR_LANGUAGE:
		case PANGO_ATTR_FONT_FEATURES:
		case PANGO_ATTR_ALLOW_BREAKS:
		case PANGO_ATTR_LINE_HEIGHT:
		case PANGO_ATTR_ABSOLUTE_LINE_HEIGHT:
			break;
		default:
			return false;
		}
	}
	for (int i = 0; i < run->glyphs->num_glyphs; i++) {
		PangoGlyph gl = run->glyphs->glyphs[i].glyph;
		if (gl != PANGO_GLYPH_EMPTY && (gl & PANGO_GLYPH_UNKNOWN_FLAG))
			return false;
	}
	return true;
}

/* SVG: the glyphs go through svg_glyphs, placed as Pango's cairo renderer
 * places them, when every run of the block can. */
static bool draw_svg_glyphs(const struct text_block *tb, cairo_t *cr, double x, double y,
			    uint32_t rgb)
{
	struct svg_glyphs *g = svg_glyphs_for(cr);
	if (!g)
		return false;
	PangoLayoutIter *it = pango_layout_get_iter(tb->layout);
	bool ok = true;
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		ok = !run || svg_run_ok(run);
	} while (ok && pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	if (!ok)
		return false;

	/* The origin as Pango's renderer takes it: cairo's current point, which
	 * cairo keeps in 1/256 px. The path ends there, as it does below. */
	cairo_move_to(cr, x, y);
	cairo_get_current_point(cr, &x, &y);
	cairo_glyph_t stack[256], *glyphs = stack;
	int cap = (int)ARRAY_LEN(stack);
	svg_glyphs_begin(g);
	it = pango_layout_get_iter(tb->layout);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double base_y = y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		int x_off = 0;
		for (GSList *l = line->runs; l; l = l->next) {
			PangoGlyphItem *run = l->data;
			PangoGlyphString *gs = run->glyphs;
			double base_x = x + (double)(logical.x + x_off) / PANGO_SCALE;
			double r = ((rgb >> 16) & 255) / 255.0, gr = ((rgb >> 8) & 255) / 255.0,
			       b = (rgb & 255) / 255.0;
			for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next)
				if (((PangoAttribute *)a->data)->klass->type == PANGO_ATTR_FOREGROUND) {
					PangoColor c = ((PangoAttrColor *)a->data)->color;
					r = c.red / 65535.0, gr = c.green / 65535.0, b = c.blue / 65535.0;
				}
			if (gs->num_glyphs > cap) {
				cap = gs->num_glyphs;
				if (glyphs != stack)
					free(glyphs);
				glyphs = xmalloc((size_t)cap * sizeof *glyphs);
			}
			int n = 0, pos = 0;
			for (int i = 0; i < gs->num_glyphs; i++) {
				const PangoGlyphInfo *gi = &gs->glyphs[i];
				if (gi->glyph != PANGO_GLYPH_EMPTY) {
					glyphs[n].index = gi->glyph;
					glyphs[n].x = base_x + (double)(pos + gi->geometry.x_offset) / PANGO_SCALE;
					glyphs[n].y = base_y + (double)gi->geometry.y_offset / PANGO_SCALE;
					n++;
				}
				pos += gi->geometry.width;
			}
			svg_glyphs_run(g, cr, run_scaled_font(run), r, gr, b, glyphs, n);
			x_off += pango_glyph_string_get_width(gs);
		}
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (glyphs != stack)
		free(glyphs);
	svg_glyphs_end(g, cr);
	return true;
}

void text_block_draw(const struct text_block *tb, cairo_t *cr, double x, double y, uint32_t rgb)
{
	if (!tb->layout)
		return;
	/* The caller's colour is theirs again afterwards (the path ends at the
	 * text's origin either way, as cairo_move_to leaves it). */
	cairo_save(cr);
	if (!draw_svg_glyphs(tb, cr, x, y, rgb)) {
		cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
				     (rgb & 255) / 255.0);
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, tb->layout);
	}
	cairo_restore(cr);
}
