/* model: the validated spec as plain C structs (stage: model). Chart modules
 * read only these; none of them sees JSON, YAML or a library type. */
#ifndef SALTPRINT_MODEL_H
#define SALTPRINT_MODEL_H

#include <stdbool.h>
#include <stddef.h>

enum chart_kind { CHART_GAUGES, CHART_TIMELINE, CHART_BREAKDOWN, CHART_KPIS, CHART_POSTER };

enum icon_kind { ICON_NONE, ICON_PERSON, ICON_HOUSEHOLD, ICON_MONEY, ICON_BUILDING,
		 ICON_DOCUMENT, ICON_STAR, ICON_KINDS };

enum locale_id { LOCALE_ZH_HANS, LOCALE_ZH_HANT, LOCALE_JA, LOCALE_KO, LOCALE_EN };

struct pos {
	int line, col;
};

/* A piece of text from the spec, with where it was written (for glyph errors). */
struct text_field {
	const char *text; /* NULL when absent */
	struct pos pos;
};

struct gauge_mark {
	double value;
	struct text_field label;
	struct pos pos;
};

struct gauge {
	struct text_field label;
	double value;
	const char *value_text; /* the number exactly as written: "6.0" */
	struct text_field unit; /* "%" */
	double max;             /* resolved scale maximum */
	struct gauge_mark *marks;
	size_t n_marks;
	struct pos pos;
};

enum orientation { ORIENT_AUTO, ORIENT_HORIZONTAL, ORIENT_VERTICAL };

struct tl_event {
	int year, month, day;
	long long days; /* since 1970-01-01 */
	struct text_field label, place, detail;
	bool has_amount;
	double amount;
	const char *amount_text;  /* "152亿元" */
	const char *running_text; /* "累计 289亿元", when asked for */
	struct pos pos;           /* the CSV row */
};

struct timeline {
	struct tl_event *events; /* sorted by date */
	size_t n;
	enum orientation orientation;
	bool running_total;
	const char *total_text; /* "合计 657.45亿元" */
};

enum breakdown_variant { BD_BAR, BD_DONUT, BD_WAFFLE, BD_PICTOGRAM };

struct bd_part {
	struct text_field label;
	double value;
	const char *value_text; /* as written */
	bool other;             /* 其他: drawn in the context grey */
	struct pos pos;
};

struct breakdown {
	enum breakdown_variant variant;
	bool whole; /* the parts make up a whole; false: related counts */
	struct bd_part *parts;
	size_t n;
	struct text_field unit;
	double sum;
	const char *sum_text;         /* the total with its unit, as the parts give it */
	struct text_field total_label; /* under the total in a donut */
	int cells;                    /* waffle cells */
	enum icon_kind icon;          /* pictogram */
	double per_icon;
	int *shares; /* whole percent per part, by largest remainder */
};

struct kpi_card {
	struct text_field value, unit, label, delta, note;
	enum icon_kind icon;
	struct pos pos;
};

struct kpis {
	struct kpi_card *cards;
	size_t n;
};

struct chart;

enum block_kind { BLOCK_TEXT, BLOCK_CHART };

struct poster_block {
	enum block_kind kind;
	struct text_field text; /* a paragraph; **bold** marks figures */
	struct chart *chart;    /* inline, or from the file it names */
	const char *chart_file; /* the file, when referenced */
	struct pos pos;
};

struct poster_section {
	struct text_field heading;
	struct poster_block *blocks;
	size_t n;
	struct pos pos;
};

struct poster {
	struct poster_section *sections;
	size_t n;
	bool print_a4; /* PDF as A4 pages broken between sections */
};

struct chart {
	const char *file;
	enum chart_kind kind;
	enum locale_id locale;
	int width;  /* px at 1x */
	int height; /* px at 1x; 0 = as tall as the content */
	struct pos width_pos, height_pos;
	struct text_field title, subtitle, note, source, credit, alt;
	struct text_field theme; /* a theme name or path */
	/* Words display text keeps whole beside the theme's, one a line ("" for
	 * none); a poster's charts have the poster's too. */
	const char *words;
	struct gauge *gauges;
	size_t n_gauges;
	struct timeline timeline;
	struct breakdown breakdown;
	struct kpis kpis;
	struct poster poster;
	bool embedded; /* a chart inside a poster: title optional */
};

const char *locale_tag(enum locale_id l); /* BCP 47: "zh-Hans" */

#endif
