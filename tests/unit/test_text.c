/* Unit tests: text wrapping, number+unit runs, word ranges, glyph checks. */
#include <pango/pangocairo.h>
#include <stdlib.h>

#include "check.h"
#include "diag.h"
#include "text.h"
#include "util.h"

/* The text of each line of a block, "|"-separated. */
static void lines_of(const struct text_block *tb, const char *text, char *out, size_t size)
{
	out[0] = '\0';
	PangoLayout *l = tb->layout;
	int n = pango_layout_get_line_count(l);
	for (int i = 0; i < n; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
		if (i)
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, text + line->start_index,
			(size_t)line->length < size - strlen(out) - 1 ? (size_t)line->length
								     : size - strlen(out) - 1);
	}
}

static bool wrap(const char *text, double size, double width, bool balance, char *out,
		 size_t outsize, struct text_block *keep)
{
	struct text_style st = {size, 400, false, false, 1.4, TEXT_LEFT, balance, 0, 0};
	struct text_block tb;
	if (!text_block_make(test_engine(), &tb, text, &st, width, LOCALE_ZH_HANS, NULL))
		return false;
	lines_of(&tb, text, out, outsize);
	if (keep)
		*keep = tb;
	else
		text_block_fini(&tb);
	return true;
}

void test_nobreak_ranges(void)
{
	size_t r[16][2];
	const char *s = "总投资152亿元，增长10.5%，2018年目标";
	size_t n = text_nobreak_ranges(s, r, 16);
	CHECK(n == 3);
	if (n == 3) {
		CHECK(strncmp(s + r[0][0], "152亿元", r[0][1] - r[0][0]) == 0 &&
		      r[0][1] - r[0][0] == strlen("152亿元"));
		CHECK(strncmp(s + r[1][0], "10.5%", r[1][1] - r[1][0]) == 0);
		CHECK(strncmp(s + r[2][0], "2018年", r[2][1] - r[2][0]) == 0 &&
		      r[2][1] - r[2][0] == strlen("2018年"));
	}
	n = text_nobreak_ranges("平均增收2840元/户/年", r, 16);
	CHECK(n == 1 && r[0][1] - r[0][0] == strlen("2840元/户/年"));
	n = text_nobreak_ranges("+0.5个百分点", r, 16);
	CHECK(n == 1 && r[0][0] == 0);
	n = text_nobreak_ranges("三季度增长", r, 16);
	CHECK(n == 1 && r[0][1] - r[0][0] == strlen("三季度"));
	n = text_nobreak_ranges("no digits here", r, 16);
	CHECK(n == 0);
	n = text_nobreak_ranges("bare 2017 number", r, 16);
	CHECK(n == 0);
}

void test_word_ranges(void)
{
	size_t r[16][2];
	const char *s = "规模以上工业增加值";
	size_t n = text_word_ranges(s, LOCALE_ZH_HANS, r, 16);
	/* 规模 以上 工业 增加: every range is a whole multi-character word. */
	CHECK(n >= 3);
	for (size_t i = 0; i < n; i++)
		CHECK(utf8_count(s + r[i][0], r[i][1] - r[i][0]) >= 2);
}

void test_wrap_keeps_number_with_unit(void)
{
	char out[512];
	/* At every width that holds it (4 characters and up at 20 px), 152亿元
	 * stays on one line. */
	for (int chars = 4; chars <= 8; chars++) {
		CHECK(wrap("现场签约总投资152亿元的八个项目", 20, chars * 20 + 1, false, out, sizeof out,
			   NULL));
		CHECK(strstr(out, "152亿元") != NULL);
	}
}

void test_narrow_box_breaks_rather_than_overflows(void)
{
	/* 3 characters wide: 152亿元 cannot fit whole; it breaks, and no line is
	 * wider than the box. */
	struct text_block tb;
	char out[512];
	CHECK(wrap("现场签约总投资152亿元的八个项目", 20, 61, false, out, sizeof out, &tb));
	CHECK(tb.ink_left + tb.ink_width <= 61.5);
	text_block_fini(&tb);
}

void test_wrap_kinsoku(void)
{
	/* No line starts with closing punctuation or ends with opening. */
	static const char *const texts[] = {
		"自流井区与中华文化促进会、中国文化译研网共同签署“华灯耀丝路”合作协议。",
		"全面启动“五十百千万”民生工程（全市首创），大力推行模拟征收！",
	};
	static const char *const no_start[] = {"。", "，", "、", "；", "：", "？", "！", "）",
					       "》", "」", "』", "】", "”"};
	static const char *const no_end[] = {"（", "《", "「", "『", "【", "“"};
	for (size_t t = 0; t < ARRAY_LEN(texts); t++) {
		for (int chars = 4; chars <= 12; chars++) {
			char out[1024];
			CHECK(wrap(texts[t], 20, chars * 20 + 1, false, out, sizeof out, NULL));
			for (char *line = out; line;) {
				char *bar = strchr(line, '|');
				size_t len = bar ? (size_t)(bar - line) : strlen(line);
				for (size_t k = 0; k < ARRAY_LEN(no_start); k++)
					if (strncmp(line, no_start[k], strlen(no_start[k])) == 0)
						check_fail(__FILE__, __LINE__, "line starts with %s: %s",
							   no_start[k], out);
				for (size_t k = 0; k < ARRAY_LEN(no_end); k++) {
					size_t l = strlen(no_end[k]);
					if (len >= l && strncmp(line + len - l, no_end[k], l) == 0)
						check_fail(__FILE__, __LINE__, "line ends with %s: %s",
							   no_end[k], out);
				}
				line = bar ? bar + 1 : NULL;
			}
		}
	}
}

void test_wrap_breaks_between_ideographs(void)
{
	char out[512];
	/* No spaces at all: it still wraps, within the width. */
	struct text_block tb;
	CHECK(wrap("自流井区经济发展欣欣向荣百姓生活幸福美满城市面貌更加文明", 20, 201, false, out,
		   sizeof out, &tb));
	CHECK(tb.lines == 3);
	CHECK(tb.ink_width <= 201);
	text_block_fini(&tb);
}

void test_wrap_balanced_words(void)
{
	char out[512];
	CHECK(wrap("规模以上工业增加值", 32, 195, true, out, sizeof out, NULL));
	CHECK_STR(out, "规模以上|工业增加值");
	CHECK(wrap("社会消费品零售总额", 32, 195, true, out, sizeof out, NULL));
	CHECK_STR(out, "社会消费品|零售总额");
	/* Balanced: no single character alone on the last line. */
	CHECK(wrap("加快推动全域发展 2017年自流井区交出满意成绩单", 52, 700, true, out, sizeof out,
		   NULL));
	char *last = strrchr(out, '|');
	CHECK(last && utf8_count(last + 1, strlen(last + 1)) >= 4);
}

void test_balanced_width_is_the_narrowest(void)
{
	/* The balanced block's width is the narrowest that keeps its lines:
	 * at that width the same text fits, a pixel narrower it does not (it
	 * takes another line or overflows). Two-line labels take a worked-out
	 * guess, three lines the search; both must hold. */
	static const char *texts[] = {"规模以上工业增加值", "社会消费品零售总额", "全社会固定资产投资",
				      "2017年三季度 10.9%", "加快推动全域发展 2017年自流井区交出满意成绩单"};
	static const double wraps[] = {195, 195, 195, 181, 420};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct text_style st = {32, 400, false, false, 1.4, TEXT_LEFT, true, 0, 0};
		struct text_block tb, at, under;
		CHECK(text_block_make(test_engine(), &tb, texts[i], &st, wraps[i], LOCALE_ZH_HANS, NULL));
		CHECK(tb.lines >= 2 && tb.width < wraps[i]);
		/* Unbalanced blocks at the found width and a pixel under it. */
		st.balance = false;
		CHECK(text_block_make(test_engine(), &at, texts[i], &st, tb.width, LOCALE_ZH_HANS, NULL));
		CHECK(text_block_make(test_engine(), &under, texts[i], &st, tb.width - 1, LOCALE_ZH_HANS,
				      NULL));
		CHECK(at.lines == tb.lines);
		CHECK(under.lines > tb.lines || under.ink_left + under.ink_width > tb.width - 1 + 0.01);
		text_block_fini(&tb);
		text_block_fini(&at);
		text_block_fini(&under);
	}
}

void test_missing_glyph_is_an_error(void)
{
	struct diag d;
	FILE *mem = tmpfile();
	diag_init(&d, mem);
	struct text_style st = {20, 400, false, false, 1.3, TEXT_LEFT, false, 0, 0};
	struct text_block tb;
	struct text_origin o = {&d, "x.json", {3, 7}};
	CHECK(!text_block_make(test_engine(), &tb, "目标\xF0\x9F\x98\x80", &st, 0, LOCALE_ZH_HANS,
			       &o));
	CHECK(d.count[DIAG_FONT] == 1);
	rewind(mem);
	char line[512] = "";
	CHECK(fgets(line, sizeof line, mem) != NULL);
	CHECK(strstr(line, "x.json:3:7: error: no configured font has U+1F600") == line);
	fclose(mem);
	/* Every CJK text in the seed draws. */
	diag_init(&d, stderr);
	CHECK(text_block_make(test_engine(), &tb, "자유정구 자류정 ⅩⅡ 〇 ㎡ ℃ ‰ ～", &st, 0,
			      LOCALE_KO, &o));
	text_block_fini(&tb);
}

static const char *face_of(const char *text, enum locale_id loc)
{
	static char name[256];
	struct text_style st = {20, 400, false, false, 1.3, TEXT_LEFT, false, 0, 0};
	struct text_block tb;
	name[0] = '\0';
	if (!text_block_make(test_engine(), &tb, text, &st, 0, loc, NULL))
		return name;
	PangoLayoutLine *line = pango_layout_get_line_readonly(tb.layout, 0);
	PangoLayoutRun *run = line->runs->data;
	PangoFontDescription *fd = pango_font_describe(run->item->analysis.font);
	snprintf(name, sizeof name, "%s", pango_font_description_get_family(fd));
	pango_font_description_free(fd);
	text_block_fini(&tb);
	return name;
}

void test_language_picks_glyph_forms(void)
{
	/* The same code points take the face of the spec's language (R2). */
	CHECK_STR(face_of("直骨", LOCALE_ZH_HANS), "Noto Sans CJK SC");
	CHECK_STR(face_of("直骨", LOCALE_ZH_HANT), "Noto Sans CJK TC");
	CHECK_STR(face_of("直骨", LOCALE_JA), "Noto Sans CJK JP");
	CHECK_STR(face_of("直骨", LOCALE_KO), "Noto Sans CJK KR");
}
