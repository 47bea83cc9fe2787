/* Unit tests: text wrapping, number+unit runs, word ranges, glyph checks. */
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "text.h"
#include "util.h"
#include "words.h"

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
	size_t n = text_word_ranges(s, LOCALE_ZH_HANS, NULL, r, 16);
	/* 规模 以上 工业 增加: every range is a whole multi-character word. */
	CHECK(n >= 3);
	for (size_t i = 0; i < n; i++)
		CHECK(utf8_count(s + r[i][0], r[i][1] - r[i][0]) >= 2);
}

/* saltprint's list: sorted as the search needs, and only words of two or
 * more Han characters. */
void test_word_list_is_sorted_han(void)
{
	const struct word_list *wl = &words_zh_news;
	CHECK(wl->n > 200);
	for (size_t i = 0; i < wl->n; i++) {
		const char *w = wl->w[i];
		if (i && strcmp(wl->w[i - 1], w) >= 0)
			check_fail(__FILE__, __LINE__, "\"%s\" sorts before \"%s\"", wl->w[i - 1], w);
		size_t chars = 0;
		for (const char *p = w; *p; chars++) {
			uint32_t c = utf8_next(&p);
			if (c < 0x4E00 || c > 0x9FFF)
				check_fail(__FILE__, __LINE__, "\"%s\" holds U+%04X", w, (unsigned)c);
		}
		if (chars < 2)
			check_fail(__FILE__, __LINE__, "\"%s\" is one character", w);
	}
}

/* The longest listed word at each position, one after another. */
void test_words_find(void)
{
	size_t r[16][2];
	const struct word_list *zh[] = {&words_zh_news};
	const char *s = "工业专题暨招商引资推介会";
	size_t n = words_find(zh, 1, s, r, 0, 16);
	CHECK(n == 2);
	if (n == 2) {
		CHECK(r[0][1] - r[0][0] == strlen("招商引资") &&
		      !strncmp(s + r[0][0], "招商引资", r[0][1] - r[0][0]));
		CHECK(r[1][1] - r[1][0] == strlen("推介会") &&
		      !strncmp(s + r[1][0], "推介会", r[1][1] - r[1][0]));
	}
	/* A list of the caller's, beside saltprint's; ranges go after those
	 * already there, and no further than max. */
	static const char *const mine_w[] = {"华灯耀丝路", "译研网"};
	const struct word_list mine = {mine_w, 2};
	const struct word_list *both[] = {&words_zh_news, &mine};
	s = "“华灯耀丝路”合作协议，与中国文化译研网签约";
	n = words_find(both, 2, s, r, 1, 16);
	CHECK(n == 4);
	if (n == 4) {
		CHECK(!strncmp(s + r[1][0], "华灯耀丝路", r[1][1] - r[1][0]));
		CHECK(!strncmp(s + r[2][0], "译研网", r[2][1] - r[2][0]));
		CHECK(!strncmp(s + r[3][0], "签约", r[3][1] - r[3][0]));
	}
	CHECK(words_find(both, 2, s, r, 0, 2) == 2);
	CHECK(words_find(both, 2, "", r, 0, 16) == 0);
	/* A stray byte or a cut character is stepped over, not read past. */
	CHECK(words_find(both, 2, "\xE7\xAD", r, 0, 16) == 0);
}

/* Checks that balanced display text of 20 px characters keeps `part` on
 * one line at every width from `from` to `to` characters, in halves. */
static void check_kept_whole(const char *text, const char *part, double from, double to,
			     int line)
{
	for (int halves = (int)(from * 2); halves <= (int)(to * 2); halves++) {
		char out[512];
		CHECK(wrap(text, 20, halves * 10 + 1, true, out, sizeof out, NULL));
		if (!strstr(out, part))
			check_fail(__FILE__, line, "%.1f characters wide: %s", halves / 2.0, out);
	}
}

/* Words ICU splits and the list holds are never broken in display text, at
 * any width that holds the longest of them. */
void test_wrap_keeps_listed_words(void)
{
	static const struct {
		const char *text, *word;
	} cases[] = {
		{"文明劝导志愿者走上街头", "志愿者"},
		{"工业专题暨招商引资推介会", "招商引资"},
		{"镇、村干部一对一联系贫困户", "一对一"},
		{"862名贫困人口全部脱贫", "脱贫"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		check_kept_whole(cases[i].text, cases[i].word, 4, 12, __LINE__);
	/* Without the list ICU gives 志愿|者, and a balanced 11 characters
	 * broke after 志愿. */
	size_t r[16][2];
	size_t n = text_word_ranges("文明劝导志愿者走上街头", LOCALE_ZH_HANS, NULL, r, 16);
	bool whole = false;
	for (size_t i = 0; i < n; i++)
		whole |= r[i][1] - r[i][0] == strlen("志愿者") &&
			 !strncmp("文明劝导志愿者走上街头" + r[i][0], "志愿者", strlen("志愿者"));
	CHECK(whole);
	/* Traditional Chinese: the words ICU's zh-Hant dictionary splits too. */
	const char *hant = "工業專題暨招商引資推介會，全部脫貧";
	static const char *const want[] = {"招商引資", "推介會", "脫貧"};
	n = text_word_ranges(hant, LOCALE_ZH_HANT, NULL, r, 16);
	for (size_t k = 0; k < ARRAY_LEN(want); k++) {
		bool found = false;
		for (size_t i = 0; i < n; i++)
			found |= r[i][1] - r[i][0] == strlen(want[k]) &&
				 !strncmp(hant + r[i][0], want[k], strlen(want[k]));
		if (!found)
			check_fail(__FILE__, __LINE__, "zh-Hant: %s not kept whole", want[k]);
	}
	/* Chinese words: not applied to Japanese text. */
	n = text_word_ranges("签约", LOCALE_JA, NULL, r, 16);
	CHECK(n == 0);
}

/* A theme's own words are kept whole too, in any language, and go with
 * the theme. */
void test_wrap_keeps_theme_words(void)
{
	const char *text = "“华灯耀丝路”合作协议";
	text_engine_set_style(test_engine(), false, false, NULL, NULL, "华灯耀丝路\n");
	bool kept = true;
	for (int chars = 7; chars <= 12; chars++) {
		char out[512];
		CHECK(wrap(text, 20, chars * 20 + 1, true, out, sizeof out, NULL));
		kept &= strstr(out, "华灯耀丝路") != NULL;
	}
	CHECK(kept);
	text_engine_set_style(test_engine(), false, false, NULL, NULL, NULL);
	bool split = false;
	for (int chars = 7; chars <= 12; chars++) {
		char out[512];
		CHECK(wrap(text, 20, chars * 20 + 1, true, out, sizeof out, NULL));
		split |= strstr(out, "华灯耀丝路") == NULL;
	}
	CHECK(split); /* the words went with the theme (and ICU splits it) */
}

/* Display text does not start a line with 的 or 了. */
void test_particles_stay_with_the_word_before(void)
{
	static const char *const texts[] = {"三十场签约活动的密集时间线", "2017年自流井区到位的市外资金，亿元",
					    "提前四个月完成了年度任务"};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++)
		for (int chars = 5; chars <= 14; chars++) {
			char out[512];
			CHECK(wrap(texts[i], 20, chars * 20 + 1, true, out, sizeof out, NULL));
			if (strstr(out, "|的") || strstr(out, "|了"))
				check_fail(__FILE__, __LINE__, "%d characters wide: %s", chars, out);
		}
}

/* A short title in book-title marks stays on one line, marks and all,
 * where the box holds it; a long one may break. */
void test_book_titles_stay_whole(void)
{
	static const struct {
		const char *text, *title;
	} cases[] = {
		{"编印《市民手册》", "《市民手册》"},
		{"推出〈城市读本〉专栏", "〈城市读本〉"},
		{"华西城市读本《成绩单》刊发", "《成绩单》"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		check_kept_whole(cases[i].text, cases[i].title, 6, 12, __LINE__);
	/* Over ten characters between the marks: ICU's words only. */
	size_t r[32][2];
	const char *t = "《加快推动全域发展交出满意成绩单》";
	size_t n = text_word_ranges(t, LOCALE_ZH_HANS, NULL, r, 32);
	for (size_t i = 0; i < n; i++)
		CHECK(!(r[i][0] == 0 && r[i][1] == strlen(t)));
	/* An unclosed mark glues nothing. */
	n = text_word_ranges("编印《市民手册", LOCALE_ZH_HANS, NULL, r, 32);
	for (size_t i = 0; i < n; i++)
		CHECK(strncmp("编印《市民手册" + r[i][0], "《", strlen("《")) != 0);
}

/* A listed word wider than the box is left to ICU's shorter words, and the
 * text stays balanced: not "“华灯耀丝" | "路”合作协" | "议". */
void test_wide_word_leaves_the_rest_balanced(void)
{
	text_engine_set_style(test_engine(), false, false, NULL, NULL, "华灯耀丝路\n");
	for (int tenths = 50; tenths <= 65; tenths += 5) {
		char out[512];
		CHECK(wrap("“华灯耀丝路”合作协议", 20, tenths * 2 + 1, true, out, sizeof out, NULL));
		const char *last = strrchr(out, '|');
		if (!last || utf8_count(last + 1, strlen(last + 1)) < 2 || strstr(out, "华|") ||
		    strstr(out, "丝|"))
			check_fail(__FILE__, __LINE__, "%.1f characters wide: %s", tenths / 10.0, out);
	}
	text_engine_set_style(test_engine(), false, false, NULL, NULL, NULL);
}

/* A theme word of Han and Latin is found in the text as R8 spaces it
 * (5G基站 is laid out as 5G, a quarter em, 基站). */
void test_wrap_keeps_spaced_theme_words(void)
{
	struct text_engine *te = test_engine();
	struct text_style st = {20, 400, false, false, 1.4, TEXT_LEFT, true, 0, 0};
	const char *word = "5G\u2005基站";
	bool kept[2] = {true, true};
	for (int with = 0; with < 2; with++) {
		text_engine_set_style(te, true, false, NULL, NULL, with ? "5G基站\n" : NULL);
		for (int chars = 5; chars <= 9; chars++) {
			struct text_block tb;
			CHECK(text_block_make(te, &tb, "全区新建5G基站三百个", &st, chars * 20 + 1,
					      LOCALE_ZH_HANS, NULL));
			const char *t = pango_layout_get_text(tb.layout);
			const char *at = strstr(t, word);
			CHECK(at != NULL);
			int n = pango_layout_get_line_count(tb.layout);
			for (int i = 1; at && i < n; i++) {
				int start = pango_layout_get_line_readonly(tb.layout, i)->start_index;
				if (start > at - t && start < at - t + (int)strlen(word))
					kept[with] = false;
			}
			text_block_fini(&tb);
		}
	}
	text_engine_set_style(te, false, false, NULL, NULL, NULL);
	CHECK(kept[1]);
	CHECK(!kept[0]); /* ICU alone lets it break (基站 is a word, 5G is not) */
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

void test_balanced_no_scrap_after_punctuation(void)
{
	/* Breaking only after "，" would leave "亿元" alone on the last line;
	 * at any width that takes two lines, the last one is at least a
	 * quarter of the longest (in characters, near enough here). */
	const char *text = "2017年自流井区到位的市外资金，亿元";
	bool two = false;
	for (int width = 300; width <= 560; width += 10) {
		char out[512];
		CHECK(wrap(text, 32, width, true, out, sizeof out, NULL));
		size_t longest = 0, chars = 0, last = 0;
		for (const char *p = out; *p;) {
			if (*p == '|') {
				p++;
				chars = 0;
				continue;
			}
			utf8_next(&p);
			chars++;
			if (chars > longest)
				longest = chars;
			last = chars;
		}
		two |= strchr(out, '|') != NULL;
		if (strchr(out, '|') && last * 4 < longest)
			check_fail(__FILE__, __LINE__, "at %d px: %s", width, out);
	}
	CHECK(two);
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

/* The PostScript name and file of the font of run `k` of a text's first
 * line ("" when there is no such run). */
static const char *run_font(struct text_engine *te, const char *text, enum locale_id loc,
			    int k, const char **file_out)
{
	static char name[256], file[1024];
	struct text_style st = {20, 400, false, false, 1.3, TEXT_LEFT, false, 0, 0};
	struct text_block tb;
	name[0] = file[0] = '\0';
	if (file_out)
		*file_out = file;
	if (!text_block_make(te, &tb, text, &st, 0, loc, NULL))
		return name;
	PangoLayoutLine *line = pango_layout_get_line_readonly(tb.layout, 0);
	GSList *r = line->runs;
	for (int i = 0; i < k && r; i++)
		r = r->next;
	if (r) {
		PangoLayoutRun *run = r->data;
		FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(run->item->analysis.font));
		FcChar8 *s = NULL;
		if (FcPatternGetString(pat, FC_POSTSCRIPT_NAME, 0, &s) == FcResultMatch)
			snprintf(name, sizeof name, "%s", (const char *)s);
		if (FcPatternGetString(pat, FC_FILE, 0, &s) == FcResultMatch)
			snprintf(file, sizeof file, "%s", (const char *)s);
	}
	text_block_fini(&tb);
	return name;
}

static const char *face_of(const char *text, enum locale_id loc)
{
	return run_font(test_engine(), text, loc, 0, NULL);
}

void test_language_picks_glyph_forms(void)
{
	/* The same code points take the face of the spec's language (R2). */
	CHECK_STR(face_of("直骨", LOCALE_ZH_HANS), "NotoSansCJKsc-Regular");
	CHECK_STR(face_of("直骨", LOCALE_ZH_HANT), "NotoSansCJKtc-Regular");
	CHECK_STR(face_of("直骨", LOCALE_JA), "NotoSansCJKjp-Regular");
	CHECK_STR(face_of("直骨", LOCALE_KO), "NotoSansCJKkr-Regular");
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

void test_common_text_takes_the_subset(void)
{
	/* Chart text comes from the subsets `make fonts` writes (what keeps a
	 * PDF quick); a character outside them, from the whole face, in the
	 * same design. */
	const char *file;
	static const struct {
		const char *text;
		enum locale_id loc;
		const char *file;
	} cases[] = {
		{"自流井区 2017年 −12.5% ㎡", LOCALE_ZH_HANS, "/subset/SaltprintNotoSansSC-Regular.otf"},
		{"自流井區 總投資", LOCALE_ZH_HANT, "/subset/SaltprintNotoSansTC-Regular.otf"},
		{"自流井区の総投資", LOCALE_JA, "/subset/SaltprintNotoSansJP-Regular.otf"},
		{"자류정구 총투자", LOCALE_KO, "/subset/SaltprintNotoSansKR-Regular.otf"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		run_font(test_engine(), cases[i].text, cases[i].loc, 0, &file);
		if (!ends_with(file, cases[i].file))
			check_fail(__FILE__, __LINE__, "%s: got %s, want %s", cases[i].text, file,
				   cases[i].file);
	}
	/* 喆 is not in GB 2312: it falls back to the whole Simplified face. */
	CHECK_STR(run_font(test_engine(), "吉喆", LOCALE_ZH_HANS, 0, &file),
		  "NotoSansCJKsc-Regular");
	CHECK(ends_with(file, "/subset/SaltprintNotoSansSC-Regular.otf"));
	CHECK_STR(run_font(test_engine(), "吉喆", LOCALE_ZH_HANS, 1, &file),
		  "NotoSansCJKsc-Regular");
	CHECK(ends_with(file, "/NotoSansCJK-Regular.ttc"));
}

/* Draws `text` (bold from byte `bold_from`) with engine te into a fresh
 * white 400x120 surface. */
static cairo_surface_t *draw_text(struct text_engine *te, const char *text, size_t bold_from,
				  bool serif)
{
	struct text_style st = {23, 400, serif, false, 1.4, TEXT_LEFT, false, 0, 0};
	size_t bold[1][2] = {{bold_from, strlen(text)}};
	struct text_block tb;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 120);
	if (!text_block_make_rich(te, &tb, text, &st, 380, LOCALE_ZH_HANS, NULL,
				  (const size_t(*)[2])bold, 1))
		return s;
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	text_block_draw(&tb, cr, 7.25, 3.5, 0x222222);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	text_block_fini(&tb);
	return s;
}

void test_subset_draws_like_the_whole_face(void)
{
	/* The same text through fonts/ and through a copy of fonts.conf alone
	 * (no subsets: the whole faces) gives the same pixels: the subsets keep
	 * the faces' glyphs, hints, metrics and layout features. */
	char dir[] = "/tmp/saltprint-fonts-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char conf[256];
	snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
	char *text = NULL;
	size_t len = 0;
	CHECK(file_read_all("fonts/fonts.conf", 1 << 20, &text, &len) == 0);
	FILE *f = fopen(conf, "w");
	CHECK(f && fwrite(text, 1, len, f) == len);
	if (f)
		fclose(f);
	free(text);
	struct diag d;
	diag_init(&d, stderr);
	struct text_engine *whole = text_engine_new(dir, &d);
	CHECK(whole != NULL);
	static const struct {
		const char *text;
		size_t bold_from;
		bool serif;
	} cases[] = {
		{"2017年，自流井区委、区政府主要领导带队外出招商60余次（签约35个）。", 200, false},
		{"全年到位市外资金163亿元，“三创联动”累计投入3.22亿元", 36, false},
		{"加快推动全域发展 2017年自流井区交出满意“成绩单”", 0, true},
	};
	for (size_t i = 0; whole && i < sizeof cases / sizeof cases[0]; i++) {
		const char *file;
		run_font(whole, cases[i].text, LOCALE_ZH_HANS, 0, &file);
		CHECK(strstr(file, "/subset/") == NULL);
		cairo_surface_t *a = draw_text(test_engine(), cases[i].text, cases[i].bold_from,
					       cases[i].serif);
		cairo_surface_t *b = draw_text(whole, cases[i].text, cases[i].bold_from,
					       cases[i].serif);
		size_t bytes = (size_t)cairo_image_surface_get_stride(a) * 120;
		if (memcmp(cairo_image_surface_get_data(a), cairo_image_surface_get_data(b), bytes))
			check_fail(__FILE__, __LINE__, "case %zu draws differently", i);
		cairo_surface_destroy(a);
		cairo_surface_destroy(b);
	}
	if (whole)
		text_engine_free(whole);
	unlink(conf);
	rmdir(dir);
}
