/* Unit tests: the CJK text bar of ../shared/TYPOGRAPHY.md on text samples:
 * R4 kinsoku, R6 punctuation compression, R8 Han-Latin spacing, R12 numbers
 * with units under R8, headings without a lone last character, and breaks at
 * punctuation in display text. */
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

#include "check.h"
#include "text.h"
#include "util.h"

static double width_of(const char *text, enum locale_id loc, bool autospace, bool compress)
{
	text_engine_set_style(test_engine(), autospace, compress, NULL, NULL, NULL);
	struct text_style st = {40, 400, false, false, 1.3, TEXT_LEFT, false, 0, 0};
	struct text_block tb;
	double w = -1;
	if (text_block_make(test_engine(), &tb, text, &st, 0, loc, NULL)) {
		w = tb.ink_width;
		text_block_fini(&tb);
	}
	text_engine_set_style(test_engine(), false, false, NULL, NULL, NULL);
	return w;
}

static void lines_of(const char *text, double size, double wrap, bool balance, bool autospace,
		     bool compress, char *out, size_t outsize)
{
	text_engine_set_style(test_engine(), autospace, compress, NULL, NULL, NULL);
	struct text_style st = {size, 400, false, false, 1.3, TEXT_LEFT, balance, 0, 0};
	struct text_block tb;
	out[0] = '\0';
	if (text_block_make(test_engine(), &tb, text, &st, wrap, LOCALE_ZH_HANS, NULL)) {
		PangoLayout *l = tb.layout;
		const char *shaped = pango_layout_get_text(l);
		for (int i = 0; i < pango_layout_get_line_count(l); i++) {
			PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
			if (i)
				strncat(out, "|", outsize - strlen(out) - 1);
			strncat(out, shaped + line->start_index,
				(size_t)line->length < outsize - strlen(out) - 1 ? (size_t)line->length
									       : outsize - strlen(out) - 1);
		}
		text_block_fini(&tb);
	}
	text_engine_set_style(test_engine(), false, false, NULL, NULL, NULL);
}

void test_r8_autospace_text(void)
{
	char *s = text_autospace("签约8家企业，GDP增长6.0%");
	CHECK_STR(s, "签约\u20058\u2005家企业，GDP\u2005增长\u20056.0%");
	free(s);
	s = text_autospace("2017年4月13日");
	CHECK_STR(s, "2017\u2005年\u20054\u2005月\u200513\u2005日");
	free(s);
	/* Nothing between Latin and punctuation, or inside Latin or Han runs. */
	s = text_autospace("（GDP）增长率：6%以上 abc 中文");
	CHECK_STR(s, "（GDP）增长率：6%以上 abc 中文");
	free(s);
	s = text_autospace("ふりがなABC");
	CHECK_STR(s, "ふりがな\u2005ABC");
	free(s);
}

void test_r8_autospace_width(void)
{
	/* 签约8家: two quarter-em gaps, 2 x 10 px at 40 px. */
	double plain = width_of("签约8家", LOCALE_ZH_HANS, false, false);
	double spaced = width_of("签约8家", LOCALE_ZH_HANS, true, false);
	CHECK(fabs(spaced - plain - 20) < 0.5);
	/* Korean and English text are left as typed. */
	CHECK(fabs(width_of("서울2018년", LOCALE_KO, true, false) -
		   width_of("서울2018년", LOCALE_KO, false, false)) < 0.01);
}

void test_r12_units_stay_with_numbers_under_r8(void)
{
	char out[512];
	/* From 160 px, the width of "152 亿元" at 40 px. */
	for (int w = 160; w <= 400; w += 20) {
		lines_of("总投资152亿元，签约项目28个，2018年目标", 40, w, false, true, false, out, sizeof out);
		CHECK(strstr(out, "152\u2005亿元") || strstr(out, "152\u2005亿元|") );
		CHECK(strstr(out, "28\u2005个") != NULL);
		CHECK(strstr(out, "2018\u2005年") != NULL);
	}
}

void test_r6_compression(void)
{
	/* 。」 and ）（: the first mark loses half its width (20 px at 40 px). */
	double a = width_of("你好。」世界", LOCALE_ZH_HANS, false, false);
	double b = width_of("你好。」世界", LOCALE_ZH_HANS, false, true);
	CHECK(fabs(a - b - 20) < 0.5);
	a = width_of("甲（乙）（丙）", LOCALE_ZH_HANS, false, false);
	b = width_of("甲（乙）（丙）", LOCALE_ZH_HANS, false, true);
	CHECK(fabs(a - b - 20) < 0.5);
	/* 《「: two openings, the second is compressed. */
	size_t r[8][2];
	size_t n = text_compress_ranges("见《「文」》", r, 8);
	CHECK(n == 2);
	if (n == 2) {
		CHECK(r[0][1] - r[0][0] == 3 && strncmp("见《「文」》" + r[0][0], "「", 3) == 0);
		CHECK(strncmp("见《「文」》" + r[1][0], "」", 3) == 0);
	}
	/* An opening mark that starts a line loses its blank half as well. */
	a = width_of("（甲）", LOCALE_ZH_HANS, false, false);
	b = width_of("（甲）", LOCALE_ZH_HANS, false, true);
	CHECK(fabs(a - b - 20) < 0.5);
	/* A lone mark is left alone. */
	CHECK(fabs(width_of("你好。世界", LOCALE_ZH_HANS, false, true) -
		   width_of("你好。世界", LOCALE_ZH_HANS, false, false)) < 0.01);
	/* zh-Hant centres its punctuation: not compressed. */
	CHECK(fabs(width_of("你好。」世界", LOCALE_ZH_HANT, false, true) -
		   width_of("你好。」世界", LOCALE_ZH_HANT, false, false)) < 0.01);
}

void test_r4_never_split_ellipsis_or_dash(void)
{
	char out[512];
	/* From 120 px: the narrowest unbreakable run, 说……, is 3 em at 40 px. */
	for (int w = 120; w <= 360; w += 20) {
		lines_of("他说……我们走吧——好的", 40, w, false, false, false, out, sizeof out);
		CHECK(!strstr(out, "…|…") && !strstr(out, "—|—"));
		CHECK(out[0] && strncmp(out, "…", 3) != 0);
	}
}

void test_heading_has_no_lone_last_char(void)
{
	char out[512];
	/* Ten characters at widths that fit nine: never 9 + 1. */
	for (int w = 380; w <= 440; w += 10) {
		lines_of("自流井区交出满意成绩单", 44, w, true, false, false, out, sizeof out);
		const char *last = strrchr(out, '|');
		CHECK(!last || utf8_count(last + 1, strlen(last + 1)) >= 2);
	}
}

void test_display_breaks_after_punctuation(void)
{
	char out[512];
	lines_of("2018年目标：以一连串数字表达愿景", 60, 620, true, true, true, out, sizeof out);
	CHECK(strstr(out, "：|") != NULL);
	lines_of("招商引资为经济“输血”，招引质数取得历史性突破", 60, 960, true, true, true, out,
		 sizeof out);
	CHECK(strstr(out, "，|") != NULL);
}

void test_bold_markup(void)
{
	char out[256];
	size_t r[8][2];
	size_t n = text_parse_bold("平均增收**2840元/户/年**，保障**全市最高**", out, r, 8);
	CHECK_STR(out, "平均增收2840元/户/年，保障全市最高");
	CHECK(n == 2);
	if (n == 2) {
		CHECK(strncmp(out + r[0][0], "2840元/户/年", r[0][1] - r[0][0]) == 0);
		CHECK(strncmp(out + r[1][0], "全市最高", r[1][1] - r[1][0]) == 0);
	}
	/* Anything else is text: markup, entities, a lone **. */
	n = text_parse_bold("<b>a</b> &amp; ** 5*3", out, r, 8);
	CHECK_STR(out, "<b>a</b> &amp; ** 5*3");
	CHECK(n == 0);
}
