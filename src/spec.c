/* spec: validation of the node tree into the model (stage: validate).
 * Reports every problem with file:line:col and what was expected. */
#include "spec.h"

#include <errno.h>
#include <stdarg.h>
#include <strings.h>
#include <unistd.h>
#include <math.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "datefmt.h"
#include "numfmt.h"
#include "words.h"

struct vctx {
	struct arena *a;
	struct diag *d;
	const char *file;
	const struct spec_limits *lim;
	int errors;
	bool embedded; /* validating a chart inside a poster */
	int depth;
	struct spec_inputs *inputs; /* NULL: not recorded */
};

/* A file read, once for each content it had (a poster may read one twice). */
static void record(struct spec_inputs *in, const char *path, const char sha256[65])
{
	if (!in)
		return;
	for (size_t i = 0; i < in->n; i++)
		if (strcmp(in->v[i].path, path) == 0 && strcmp(in->v[i].sha256, sha256) == 0)
			return;
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 8;
		in->v = xrealloc(in->v, in->cap * sizeof *in->v);
	}
	in->v[in->n].path = xstrdup(path);
	memcpy(in->v[in->n].sha256, sha256, 65);
	in->n++;
}

void spec_inputs_fini(struct spec_inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->v[i].path);
	free(in->v);
	in->v = NULL;
	in->n = in->cap = 0;
}

static void verr(struct vctx *v, const struct snode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void verr_msg(void *v, const struct snode *at, const char *msg);

static void verr(struct vctx *v, const struct snode *at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	v->errors++;
	diag_error(v->d, DIAG_INPUT, v->file, at ? at->line : 1, at ? at->col : 1, "%s", msg);
}

static void verr_msg(void *v, const struct snode *at, const char *msg)
{
	verr(v, at, "%s", msg);
}

static struct pos pos_of(const struct snode *n)
{
	struct pos p = {n ? n->line : 1, n ? n->col : 1};
	return p;
}

/* A short quoted rendering of a scalar for messages. */
static const char *show(struct vctx *v, const struct snode *n)
{
	if (n->type != SNODE_SCALAR)
		return snode_type_name(n);
	size_t len = n->len;
	const char *cut = "";
	if (utf8_count(n->text, len) > 40) {
		const char *p = n->text;
		for (int i = 0; i < 40; i++)
			utf8_next(&p);
		len = (size_t)(p - n->text);
		cut = "...";
	}
	return arena_printf(v->a, "\"%.*s%s\"", (int)len, n->text, cut);
}

static void check_keys(struct vctx *v, const struct snode *map, const char *what,
		       const char *const *allowed, size_t n_allowed)
{
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->keys[i]->text;
		bool ok = false;
		for (size_t j = 0; j < n_allowed && !ok; j++)
			ok = strcmp(k, allowed[j]) == 0;
		if (ok)
			continue;
		const char *near = str_nearest(k, allowed, n_allowed);
		if (near) {
			verr(v, map->keys[i], "unknown key \"%s\" in %s; did you mean \"%s\"?", k, what,
			     near);
		} else {
			char list[512] = "";
			for (size_t j = 0; j < n_allowed; j++) {
				if (allowed[j][0] == '$')
					continue;
				if (list[0])
					strncat(list, ", ", sizeof list - strlen(list) - 1);
				strncat(list, allowed[j], sizeof list - strlen(list) - 1);
			}
			verr(v, map->keys[i], "unknown key \"%s\" in %s; expected one of: %s", k, what,
			     list);
		}
	}
}

static bool is_null(const struct snode *n)
{
	return n->type == SNODE_SCALAR && !n->quoted &&
	       (strcmp(n->text, "null") == 0 || strcmp(n->text, "~") == 0 || n->len == 0);
}

static const struct snode *required(struct vctx *v, const struct snode *map, const char *key,
				    const char *what)
{
	const struct snode *n = snode_get(map, key);
	if (!n || is_null(n)) {
		verr(v, map, "missing required key \"%s\" in %s", key, what);
		return NULL;
	}
	return n;
}

static bool get_text(struct vctx *v, const struct snode *map, const char *key, const char *what,
		     bool must, struct text_field *out)
{
	const struct snode *n = must ? required(v, map, key, what) : snode_get(map, key);
	out->text = NULL;
	if (!n || is_null(n))
		return !must;
	out->pos = pos_of(n);
	if (n->type != SNODE_SCALAR) {
		verr(v, n, "\"%s\" must be text, got %s", key, snode_type_name(n));
		return false;
	}
	out->text = n->text;
	return true;
}

bool spec_parse_number(const char *text, double *out)
{
	if (!text[0])
		return false;
	/* JSON and YAML 1.2 numbers only: no hex, no leading '+' words, no "nan". */
	const char *p = text;
	if (*p == '-' || *p == '+')
		p++;
	if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
		return false;
	if (strpbrk(p, "xXpP_ "))
		return false;
	char *end;
	errno = 0;
	double d = strtod(text, &end);
	if (*end != '\0')
		return false;
	*out = d;
	return true;
}

static bool number_value(struct vctx *v, const struct snode *n, const char *key, double *out)
{
	if (n->type != SNODE_SCALAR || n->quoted) {
		verr(v, n, "\"%s\" must be a number, got %s", key, show(v, n));
		return false;
	}
	double d;
	const char *t = n->text;
	const char *u = t[0] == '-' || t[0] == '+' ? t + 1 : t;
	bool special = strcasecmp(u, ".nan") == 0 || strcasecmp(u, "nan") == 0 ||
		       strcasecmp(u, ".inf") == 0 || strcasecmp(u, "inf") == 0 ||
		       strcasecmp(u, "infinity") == 0;
	if (special || (spec_parse_number(t, &d) && !isfinite(d))) {
		verr(v, n, "\"%s\" must be a finite number, got %s", key, t);
		return false;
	}
	if (!spec_parse_number(t, &d)) {
		verr(v, n, "\"%s\" must be a number, got %s", key, show(v, n));
		return false;
	}
	*out = d;
	return true;
}

static bool get_number(struct vctx *v, const struct snode *map, const char *key,
		       const char *what, bool must, double *out, const struct snode **node)
{
	const struct snode *n = must ? required(v, map, key, what) : snode_get(map, key);
	if (node)
		*node = NULL;
	if (!n || (!must && is_null(n)))
		return false;
	if (node)
		*node = n;
	return number_value(v, n, key, out);
}

static bool get_pixels(struct vctx *v, const struct snode *map, const char *key, int *out,
		       struct pos *pos)
{
	const struct snode *n;
	double d;
	if (!get_number(v, map, key, "the spec", false, &d, &n))
		return false;
	*pos = pos_of(n);
	if (d != floor(d)) {
		verr(v, n, "\"%s\" must be a whole number of pixels, got %s", key, n->text);
		return false;
	}
	if (d < 200 || d > v->lim->max_side_px) {
		verr(v, n, "\"%s\" must be between 200 and %d px, got %s%s", key,
		     v->lim->max_side_px, n->text,
		     d > v->lim->max_side_px ? " (--max-side raises the limit)" : "");
		return false;
	}
	*out = (int)d;
	return true;
}

static const char *const common_keys[] = {"$schema", "chart",  "locale", "width",
					  "height",  "title",  "subtitle", "note",
					  "source",  "credit", "alt",      "theme",
					  "words"};
static const char *const gauges_keys[] = {"max", "unit", "gauges"};
static const char *const timeline_keys[] = {"data",      "columns",       "unit",
					    "unit_scale", "running_total", "orientation"};
static const char *const column_keys[] = {"date", "label", "place", "detail", "amount"};
static const char *const breakdown_keys[] = {"variant", "whole", "parts", "unit", "total",
					     "total_label", "cells", "icon", "per_icon"};
static const char *const part_keys[] = {"label", "value", "other"};
static const char *const kpis_keys[] = {"cards"};
static const char *const card_keys[] = {"value", "unit", "label", "delta", "note", "icon"};
static const char *const poster_keys[] = {"headline", "dek", "sections", "print"};
static const char *const section_keys[] = {"heading", "blocks"};
static const char *const block_keys[] = {"text", "chart"};
static const char *const icon_names[] = {"none", "person", "household", "money", "building",
					 "document", "star"};
static const char *const gauge_keys[] = {"label", "value", "unit", "max", "marks"};
static const char *const mark_keys[] = {"value", "label"};

const struct spec_keyset *spec_keysets(size_t *n)
{
#define KS(where, k) {where, k, ARRAY_LEN(k)}
	static const struct spec_keyset sets[] = {
		KS("", common_keys),
		KS("", gauges_keys),
		KS("", timeline_keys),
		KS("", breakdown_keys),
		KS("", kpis_keys),
		KS("", poster_keys),
		KS("gauges[]", gauge_keys),
		KS("gauges[].marks[]", mark_keys),
		KS("columns", column_keys),
		KS("parts[]", part_keys),
		KS("cards[]", card_keys),
		KS("sections[]", section_keys),
		KS("sections[].blocks[]", block_keys),
	};
#undef KS
	*n = ARRAY_LEN(sets);
	return sets;
}
static const char *const chart_kinds[] = {"gauges", "timeline", "breakdown", "kpis", "poster"};

static const struct {
	const char *tag;
	enum locale_id id;
} locales[] = {
	{"zh-Hans", LOCALE_ZH_HANS}, {"zh-Hant", LOCALE_ZH_HANT}, {"ja", LOCALE_JA},
	{"ko", LOCALE_KO},           {"en", LOCALE_EN},           {"zh", LOCALE_ZH_HANS},
	{"zh-CN", LOCALE_ZH_HANS},   {"zh-SG", LOCALE_ZH_HANS},   {"zh-TW", LOCALE_ZH_HANT},
	{"zh-HK", LOCALE_ZH_HANT},   {"zh-MO", LOCALE_ZH_HANT},   {"ja-JP", LOCALE_JA},
	{"ko-KR", LOCALE_KO},        {"en-US", LOCALE_EN},        {"en-GB", LOCALE_EN},
};

const char *locale_tag(enum locale_id l)
{
	static const char *const tags[] = {"zh-Hans", "zh-Hant", "ja", "ko", "en"};
	return tags[l];
}

static void read_marks(struct vctx *v, const struct snode *list, struct gauge *g)
{
	if (list->type != SNODE_SEQ) {
		verr(v, list, "\"marks\" must be a list of {value, label}, got %s",
		     snode_type_name(list));
		return;
	}
	g->marks = arena_calloc(v->a, list->n, sizeof *g->marks);
	for (size_t i = 0; i < list->n; i++) {
		const struct snode *m = list->items[i];
		if (m->type != SNODE_MAP) {
			verr(v, m, "a mark must be a mapping with \"value\" and \"label\", got %s",
			     snode_type_name(m));
			continue;
		}
		check_keys(v, m, "a mark", mark_keys, ARRAY_LEN(mark_keys));
		struct gauge_mark *gm = &g->marks[g->n_marks];
		gm->pos = pos_of(m);
		bool ok = get_number(v, m, "value", "a mark", true, &gm->value, NULL);
		ok &= get_text(v, m, "label", "a mark", true, &gm->label);
		if (ok)
			g->n_marks++;
	}
}

static void read_gauges(struct vctx *v, const struct snode *root, struct chart *c)
{
	const struct snode *list = required(v, root, "gauges", "a gauges chart");
	if (!list)
		return;
	if (list->type != SNODE_SEQ || list->n == 0) {
		verr(v, list, "\"gauges\" must be a non-empty list of gauges, got %s",
		     list->type == SNODE_SEQ ? "an empty list" : snode_type_name(list));
		return;
	}
	if (list->n > v->lim->max_items) {
		verr(v, list, "%zu gauges are over the limit of %zu items (--max-items raises it)",
		     list->n, v->lim->max_items);
		return;
	}
	double shared_max = 0;
	const struct snode *shared_max_node = NULL;
	if (get_number(v, root, "max", "the spec", false, &shared_max, &shared_max_node) &&
	    shared_max <= 0) {
		verr(v, shared_max_node, "\"max\" must be greater than 0, got %s",
		     shared_max_node->text);
		shared_max_node = NULL;
	}
	struct text_field shared_unit = {NULL, {0, 0}};
	get_text(v, root, "unit", "the spec", false, &shared_unit);

	c->gauges = arena_calloc(v->a, list->n, sizeof *c->gauges);
	for (size_t i = 0; i < list->n; i++) {
		const struct snode *gn = list->items[i];
		if (gn->type != SNODE_MAP) {
			verr(v, gn, "a gauge must be a mapping with \"label\" and \"value\", got %s",
			     snode_type_name(gn));
			continue;
		}
		check_keys(v, gn, "a gauge", gauge_keys, ARRAY_LEN(gauge_keys));
		struct gauge *g = &c->gauges[c->n_gauges];
		g->pos = pos_of(gn);
		get_text(v, gn, "label", "a gauge", true, &g->label);
		const struct snode *vn = NULL;
		bool have_value = get_number(v, gn, "value", "a gauge", true, &g->value, &vn);
		if (have_value) {
			g->value_text = vn->text;
			if (g->value < 0) {
				verr(v, vn, "\"value\" must be 0 or more, got %s", vn->text);
				have_value = false;
			}
		}
		if (!get_text(v, gn, "unit", "a gauge", false, &g->unit) || !g->unit.text)
			g->unit = shared_unit;
		const struct snode *mn = snode_get(gn, "marks");
		if (mn && !is_null(mn))
			read_marks(v, mn, g);
		const struct snode *gmax_node = NULL;
		double gmax = 0;
		if (get_number(v, gn, "max", "a gauge", false, &gmax, &gmax_node)) {
			if (gmax <= 0) {
				verr(v, gmax_node, "\"max\" must be greater than 0, got %s",
				     gmax_node->text);
				continue;
			}
			g->max = gmax;
		} else if (shared_max_node) {
			g->max = shared_max;
			gmax_node = shared_max_node;
		}
		if (have_value && gmax_node && g->value > g->max)
			verr(v, vn, "\"value\" %s is above the scale maximum %s", vn->text,
			     gmax_node->text);
		for (size_t k = 0; k < g->n_marks; k++) {
			const struct gauge_mark *gm = &g->marks[k];
			if (gm->value < 0 || (gmax_node && gm->value > g->max)) {
				char vb[32], mb[32];
				numfmt_plain(gm->value, 6, vb, sizeof vb);
				numfmt_plain(g->max, 6, mb, sizeof mb);
				v->errors++;
				diag_error(v->d, DIAG_INPUT, v->file, gm->pos.line, gm->pos.col,
					   "a mark's \"value\" %s is off the scale from 0 to %s", vb,
					   gmax_node ? mb : "its maximum");
			}
		}
		c->n_gauges++;
	}
	if (v->errors)
		return;
	/* Without an explicit maximum every gauge shares one nice scale, so that
	 * arcs compare across the set. */
	double top = 0;
	for (size_t i = 0; i < c->n_gauges; i++) {
		const struct gauge *g = &c->gauges[i];
		if (g->max > 0)
			continue;
		if (g->value > top)
			top = g->value;
		for (size_t k = 0; k < g->n_marks; k++)
			if (g->marks[k].value > top)
				top = g->marks[k].value;
	}
	double nice = numfmt_nice_ceil(top * 1.1);
	for (size_t i = 0; i < c->n_gauges; i++)
		if (c->gauges[i].max <= 0)
			c->gauges[i].max = nice;
}

static bool get_bool(struct vctx *v, const struct snode *map, const char *key, bool *out)
{
	const struct snode *n = snode_get(map, key);
	if (!n || is_null(n))
		return false;
	if (n->type == SNODE_SCALAR && !n->quoted &&
	    (strcmp(n->text, "true") == 0 || strcmp(n->text, "false") == 0)) {
		*out = n->text[0] == 't';
		return true;
	}
	verr(v, n, "\"%s\" must be true or false, got %s", key, show(v, n));
	return false;
}

/* One of `choices`; returns its index, or -1 (absent: `dflt`). */
static int get_choice(struct vctx *v, const struct snode *map, const char *key,
		      const char *const *choices, size_t n, int dflt)
{
	const struct snode *node = snode_get(map, key);
	if (!node || is_null(node))
		return dflt;
	for (size_t i = 0; node->type == SNODE_SCALAR && i < n; i++)
		if (strcmp(node->text, choices[i]) == 0)
			return (int)i;
	char list[256] = "";
	for (size_t i = 0; i < n; i++) {
		if (i)
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, choices[i], sizeof list - strlen(list) - 1);
	}
	const char *near = node->type == SNODE_SCALAR ? str_nearest(node->text, choices, n) : NULL;
	if (near)
		verr(v, node, "\"%s\" must be one of: %s; got %s (did you mean \"%s\"?)", key, list,
		     show(v, node), near);
	else
		verr(v, node, "\"%s\" must be one of: %s; got %s", key, list, show(v, node));
	return -1;
}

/* The data file, relative to the spec and inside its directory. */
static char *data_path(struct vctx *v, const struct snode *n)
{
	if (n->type != SNODE_SCALAR || n->len == 0) {
		verr(v, n, "\"data\" must be the name of a CSV file beside the spec, got %s",
		     show(v, n));
		return NULL;
	}
	if (n->text[0] == '/' || strstr(n->text, "..") || strstr(n->text, "://")) {
		verr(v, n, "\"data\" must be a file inside the spec's directory, got %s",
		     show(v, n));
		return NULL;
	}
	const char *slash = strrchr(v->file, '/');
	size_t dir_len = slash ? (size_t)(slash - v->file) + 1 : 0;
	char *path = arena_printf(v->a, "%.*s%s", (int)dir_len, v->file, n->text);
	/* A link must not lead out of the directory either. */
	char *dir = arena_printf(v->a, "%.*s", (int)(dir_len ? dir_len : 1), dir_len ? v->file : ".");
	char *rdir = realpath(dir, NULL), *rpath = realpath(path, NULL);
	bool inside = !rpath || (rdir && strncmp(rpath, rdir, strlen(rdir)) == 0 &&
				 rpath[strlen(rdir)] == '/');
	free(rdir);
	free(rpath);
	if (!inside) {
		verr(v, n, "\"data\" leads outside the spec's directory: %s", show(v, n));
		return NULL;
	}
	return path;
}

static int cmp_event(const void *a, const void *b)
{
	const struct tl_event *x = a, *y = b;
	if (x->days != y->days)
		return x->days < y->days ? -1 : 1;
	return x->pos.line < y->pos.line ? -1 : x->pos.line > y->pos.line;
}

static int decimals_of(const char *num)
{
	const char *dot = strchr(num, '.');
	if (!dot || strpbrk(num, "eE"))
		return 0;
	return (int)strlen(dot + 1);
}

static void read_timeline(struct vctx *v, const struct snode *root, struct chart *c)
{
	struct timeline *tl = &c->timeline;
	const struct snode *dn = required(v, root, "data", "a timeline spec");
	static const char *const orients[] = {"auto", "horizontal", "vertical"};
	static const char *const scales[] = {"none", "auto"};
	int o = get_choice(v, root, "orientation", orients, 3, 0);
	tl->orientation = o == 1 ? ORIENT_HORIZONTAL : o == 2 ? ORIENT_VERTICAL : ORIENT_AUTO;
	bool unit_auto = get_choice(v, root, "unit_scale", scales, 2, 0) == 1;
	get_bool(v, root, "running_total", &tl->running_total);
	struct text_field unit = {NULL, {0, 0}};
	get_text(v, root, "unit", "a timeline spec", false, &unit);

	/* Column names: defaults are the field names themselves. */
	const char *cols[ARRAY_LEN(column_keys)];
	const struct snode *col_nodes[ARRAY_LEN(column_keys)] = {NULL};
	for (size_t i = 0; i < ARRAY_LEN(column_keys); i++)
		cols[i] = column_keys[i];
	const struct snode *cm = snode_get(root, "columns");
	if (cm && !is_null(cm)) {
		if (cm->type != SNODE_MAP) {
			verr(v, cm, "\"columns\" must map fields to column names, such as {label: event}");
		} else {
			check_keys(v, cm, "\"columns\"", column_keys, ARRAY_LEN(column_keys));
			for (size_t i = 0; i < ARRAY_LEN(column_keys); i++) {
				const struct snode *n = snode_get(cm, column_keys[i]);
				if (!n)
					continue;
				if (n->type != SNODE_SCALAR) {
					verr(v, n, "a column name must be text, got %s", snode_type_name(n));
					continue;
				}
				cols[i] = n->text;
				col_nodes[i] = n;
			}
		}
	}
	if (!dn || v->errors)
		return;
	char *path = data_path(v, dn);
	if (!path)
		return;
	struct csv_limits cl = {v->lim->max_table_bytes, v->lim->max_field_bytes, v->lim->max_rows};
	char sha256[65];
	struct csv_table *t = csv_load(v->a, v->d, path, &cl, v->inputs ? sha256 : NULL);
	if (!t) {
		v->errors++;
		return;
	}
	record(v->inputs, path, sha256);
	int idx[ARRAY_LEN(column_keys)];
	const char *header[256];
	size_t nh = t->n_cols < 256 ? t->n_cols : 256;
	for (size_t i = 0; i < nh; i++)
		header[i] = t->header[i].text;
	for (size_t i = 0; i < ARRAY_LEN(column_keys); i++) {
		idx[i] = csv_column(t, cols[i]);
		bool needed = i < 2; /* date and label */
		if (idx[i] >= 0 || (!needed && !col_nodes[i]))
			continue;
		char list[512] = "";
		for (size_t k = 0; k < nh; k++) {
			if (k)
				strncat(list, ", ", sizeof list - strlen(list) - 1);
			strncat(list, header[k], sizeof list - strlen(list) - 1);
		}
		const char *near = str_nearest(cols[i], header, nh);
		const struct snode *at = col_nodes[i] ? col_nodes[i] : dn;
		verr(v, at, "column \"%s\" is not in %s (its columns: %s)%s%s%s", cols[i], path, list,
		     near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "");
	}
	if (v->errors)
		return;
	if (t->n_rows == 0) {
		v->errors++;
		diag_error(v->d, DIAG_INPUT, path, t->header[0].line, 1,
			   "the table has a header but no rows; expected one row per event");
		return;
	}
	if (t->n_rows > v->lim->max_items) {
		v->errors++;
		diag_error(v->d, DIAG_INPUT, path, t->rows[v->lim->max_items][0].line, 1,
			   "%zu events are over the limit of %zu items (--max-items raises it)",
			   t->n_rows, v->lim->max_items);
		return;
	}
	tl->events = arena_calloc(v->a, t->n_rows, sizeof *tl->events);
	int max_dec = 0;
	for (size_t r = 0; r < t->n_rows; r++) {
		const struct csv_field *row = t->rows[r];
		struct tl_event *e = &tl->events[tl->n];
		e->pos.line = row[0].line;
		e->pos.col = 1;
		const struct csv_field *df = &row[idx[0]];
		struct date dt;
		bool ok = true;
		if (!date_parse(df->text, &dt)) {
			v->errors++;
			ok = false;
			diag_error(v->d, DIAG_INPUT, path, df->line, df->col,
				   "\"%s\" is not a date; expected YYYY-MM-DD, such as 2017-04-13",
				   df->text);
		} else {
			e->year = dt.year, e->month = dt.month, e->day = dt.day;
			e->days = date_days(dt);
		}
		const struct csv_field *lf = &row[idx[1]];
		e->label = (struct text_field){lf->text, {lf->line, lf->col}};
		if (!lf->text[0]) {
			v->errors++;
			ok = false;
			diag_error(v->d, DIAG_INPUT, path, lf->line, lf->col,
				   "the event has no \"%s\"; every row needs one", cols[1]);
		}
		if (idx[2] >= 0 && row[idx[2]].text[0])
			e->place = (struct text_field){row[idx[2]].text, {row[idx[2]].line, row[idx[2]].col}};
		if (idx[3] >= 0 && row[idx[3]].text[0])
			e->detail = (struct text_field){row[idx[3]].text, {row[idx[3]].line, row[idx[3]].col}};
		if (idx[4] >= 0 && row[idx[4]].text[0]) {
			const struct csv_field *af = &row[idx[4]];
			double a;
			if (!spec_parse_number(af->text, &a) || !isfinite(a)) {
				v->errors++;
				ok = false;
				diag_error(v->d, DIAG_INPUT, path, af->line, af->col,
					   "\"%s\" must be a number, got \"%s\"", cols[4], af->text);
			} else if (a < 0) {
				v->errors++;
				ok = false;
				diag_error(v->d, DIAG_INPUT, path, af->line, af->col,
					   "\"%s\" must be 0 or more, got %s", cols[4], af->text);
			} else {
				e->has_amount = true;
				e->amount = a;
				if (decimals_of(af->text) > max_dec)
					max_dec = decimals_of(af->text);
				if (unit_auto) {
					char buf[64];
					numfmt_cjk_scaled(a, unit.text, c->locale, buf, sizeof buf);
					e->amount_text = arena_strdup(v->a, buf);
				} else {
					e->amount_text = arena_printf(v->a, "%s%s", af->text,
								      unit.text ? unit.text : "");
				}
			}
		}
		if (ok)
			tl->n++;
	}
	if (v->errors)
		return;
	if (tl->n > 1)
		qsort(tl->events, tl->n, sizeof *tl->events, cmp_event);
	double total = 0;
	bool any = false;
	bool zh = c->locale != LOCALE_EN;
	for (size_t i = 0; i < tl->n; i++) {
		struct tl_event *e = &tl->events[i];
		if (!e->has_amount)
			continue;
		total += e->amount;
		any = true;
		char num[64];
		if (unit_auto)
			numfmt_cjk_scaled(total, unit.text, c->locale, num, sizeof num);
		else {
			numfmt_plain(total, max_dec, num, sizeof num);
			strncat(num, unit.text ? unit.text : "", sizeof num - strlen(num) - 1);
		}
		if (tl->running_total)
			e->running_text = arena_printf(v->a, zh ? "累计 %s" : "Running total %s", num);
		tl->total_text = arena_printf(v->a, zh ? "合计 %s" : "Total %s", num);
	}
	if (!any)
		tl->total_text = NULL;
}

static bool is_other_label(const char *s)
{
	return strcmp(s, "其他") == 0 || strcmp(s, "其它") == 0 || strcmp(s, "其他其他") == 0 ||
	       strcasecmp(s, "other") == 0 || strcasecmp(s, "others") == 0 ||
	       strcmp(s, "その他") == 0 || strcmp(s, "기타") == 0;
}

static void read_breakdown(struct vctx *v, const struct snode *root, struct chart *c)
{
	struct breakdown *bd = &c->breakdown;
	static const char *const variants[] = {"bar", "donut", "waffle", "pictogram"};
	const struct snode *vn = required(v, root, "variant", "a breakdown spec");
	int var = vn ? get_choice(v, root, "variant", variants, 4, 0) : -1;
	bd->variant = var < 0 ? BD_BAR : (enum breakdown_variant)var;
	bd->whole = true;
	get_bool(v, root, "whole", &bd->whole);
	if (var >= 0 && !bd->whole && (bd->variant == BD_DONUT || bd->variant == BD_WAFFLE))
		verr(v, vn,
		     "a %s shows the parts of one whole, but \"whole\" is false; use \"bar\" or "
		     "\"pictogram\" for related counts",
		     variants[var]);
	get_text(v, root, "unit", "a breakdown spec", false, &bd->unit);
	get_text(v, root, "total_label", "a breakdown spec", false, &bd->total_label);
	int icon = get_choice(v, root, "icon", icon_names, ARRAY_LEN(icon_names), 1);
	bd->icon = icon < 0 ? ICON_PERSON : (enum icon_kind)icon;
	const struct snode *cn;
	double cells = 100;
	if (get_number(v, root, "cells", "a breakdown spec", false, &cells, &cn) &&
	    (cells != floor(cells) || cells < 1 || cells > 10000)) {
		verr(v, cn, "\"cells\" must be a whole number from 1 to 10000, got %s", cn->text);
		cells = 100;
	}
	bd->cells = (int)cells;

	const struct snode *list = required(v, root, "parts", "a breakdown spec");
	if (!list)
		return;
	if (list->type != SNODE_SEQ || list->n == 0) {
		verr(v, list, "\"parts\" must be a non-empty list of {label, value}, got %s",
		     list->type == SNODE_SEQ ? "an empty list" : snode_type_name(list));
		return;
	}
	if (list->n > 12) {
		verr(v, list, "a breakdown has at most 12 parts, got %zu; merge the smallest into "
			      "\"其他\"",
		     list->n);
		return;
	}
	bd->parts = arena_calloc(v->a, list->n, sizeof *bd->parts);
	int max_dec = 0;
	for (size_t i = 0; i < list->n; i++) {
		const struct snode *pn = list->items[i];
		if (pn->type != SNODE_MAP) {
			verr(v, pn, "a part must be a mapping with \"label\" and \"value\", got %s",
			     snode_type_name(pn));
			continue;
		}
		check_keys(v, pn, "a part", part_keys, ARRAY_LEN(part_keys));
		struct bd_part *p = &bd->parts[bd->n];
		p->pos = pos_of(pn);
		bool ok = get_text(v, pn, "label", "a part", true, &p->label);
		const struct snode *val = NULL;
		ok &= get_number(v, pn, "value", "a part", true, &p->value, &val);
		if (ok && p->value < 0) {
			verr(v, val, "\"value\" must be 0 or more, got %s", val->text);
			ok = false;
		}
		if (!ok)
			continue;
		p->value_text = val->text;
		if (decimals_of(val->text) > max_dec)
			max_dec = decimals_of(val->text);
		p->other = is_other_label(p->label.text);
		get_bool(v, pn, "other", &p->other);
		bd->sum += p->value;
		bd->n++;
	}
	if (v->errors)
		return;
	if (!(bd->sum > 0)) {
		verr(v, list, "every part is 0; a breakdown needs at least one part above 0");
		return;
	}
	const struct snode *tn;
	double total;
	if (get_number(v, root, "total", "a breakdown spec", false, &total, &tn)) {
		double tol = fmax(fabs(total), 1) * 1e-9;
		if (!bd->whole) {
			verr(v, tn, "\"total\" states a whole, but \"whole\" is false");
		} else if (fabs(total - bd->sum) > tol) {
			char got[64];
			numfmt_plain(bd->sum, max_dec, got, sizeof got);
			verr(v, tn, "the parts add up to %s, but \"total\" is %s; add the missing part "
				    "(\"其他\") or correct the values",
			     got, tn->text);
		}
	}
	if (bd->variant == BD_PICTOGRAM) {
		const struct snode *pi;
		double per = 0;
		double biggest = 0;
		for (size_t i = 0; i < bd->n; i++)
			biggest = fmax(biggest, bd->parts[i].value);
		double amount = bd->whole ? bd->sum : biggest;
		if (get_number(v, root, "per_icon", "a breakdown spec", false, &per, &pi)) {
			if (per <= 0) {
				verr(v, pi, "\"per_icon\" must be greater than 0, got %s", pi->text);
				return;
			}
			if (amount / per > 500) {
				verr(v, pi,
				     "%s per icon would draw %.0f icons, over the limit of 500; raise "
				     "\"per_icon\"",
				     pi->text, ceil(amount / per));
				return;
			}
		} else {
			/* A round number that keeps the longest row within 50 icons. */
			per = numfmt_nice_ceil(amount / 50);
			if (amount / per < 10 && per > 1)
				per = numfmt_nice_ceil(amount / 20);
		}
		bd->per_icon = per;
	}
	char num[64];
	numfmt_plain(bd->sum, max_dec, num, sizeof num);
	bd->sum_text = arena_printf(v->a, "%s%s", num, bd->unit.text ? bd->unit.text : "");
	bd->shares = arena_calloc(v->a, bd->n, sizeof *bd->shares);
	double *vals = arena_calloc(v->a, bd->n, sizeof *vals);
	for (size_t i = 0; i < bd->n; i++)
		vals[i] = bd->parts[i].value;
	numfmt_largest_remainder(vals, bd->n, 100, bd->shares);
}

static void read_kpis(struct vctx *v, const struct snode *root, struct chart *c)
{
	struct kpis *k = &c->kpis;
	const struct snode *list = required(v, root, "cards", "a kpis spec");
	if (!list)
		return;
	if (list->type != SNODE_SEQ || list->n == 0 || list->n > 8) {
		verr(v, list, "\"cards\" must be a list of 1 to 8 cards, got %s",
		     list->type == SNODE_SEQ ? arena_printf(v->a, "%zu", list->n)
					     : snode_type_name(list));
		return;
	}
	k->cards = arena_calloc(v->a, list->n, sizeof *k->cards);
	for (size_t i = 0; i < list->n; i++) {
		const struct snode *cn = list->items[i];
		if (cn->type != SNODE_MAP) {
			verr(v, cn, "a card must be a mapping with \"value\" and \"label\", got %s",
			     snode_type_name(cn));
			continue;
		}
		check_keys(v, cn, "a card", card_keys, ARRAY_LEN(card_keys));
		struct kpi_card *kc = &k->cards[k->n];
		kc->pos = pos_of(cn);
		bool ok = get_text(v, cn, "value", "a card", true, &kc->value);
		const struct snode *vn = snode_get(cn, "value");
		if (ok && kc->value.text) {
			/* A number as written, or text such as "1000+" or "1.6万+" that
			 * holds one. */
			double d;
			bool plain_number = !vn->quoted && spec_parse_number(vn->text, &d);
			if (!plain_number && !strpbrk(vn->text, "0123456789")) {
				verr(v, vn, "\"value\" must be a number or hold one, such as 2840 or "
					    "\"1000+\", got %s",
				     show(v, vn));
				ok = false;
			} else if (plain_number && !isfinite(d)) {
				verr(v, vn, "\"value\" must be a finite number, got %s", vn->text);
				ok = false;
			}
		}
		ok &= get_text(v, cn, "label", "a card", true, &kc->label);
		get_text(v, cn, "unit", "a card", false, &kc->unit);
		get_text(v, cn, "delta", "a card", false, &kc->delta);
		get_text(v, cn, "note", "a card", false, &kc->note);
		int icon = get_choice(v, cn, "icon", icon_names, ARRAY_LEN(icon_names), 0);
		kc->icon = icon < 0 ? ICON_NONE : (enum icon_kind)icon;
		if (ok)
			k->n++;
	}
}

static struct chart *validate(struct vctx *v, const struct snode *root);
static struct chart *load_embedded(struct arena *a, struct diag *d, const char *path,
				   const struct spec_limits *lim, struct spec_inputs *in);

/* A chart block: a mapping is an inline chart spec; text names a spec file
 * beside the poster. */
static void read_chart_block(struct vctx *v, const struct snode *n, struct poster_block *b)
{
	if (n->type == SNODE_MAP) {
		struct vctx sub = *v;
		sub.embedded = true;
		sub.errors = 0;
		b->chart = validate(&sub, n);
		v->errors += sub.errors;
		return;
	}
	if (n->type != SNODE_SCALAR || n->len == 0) {
		verr(v, n, "\"chart\" must be a chart spec, or the name of a spec file beside the "
			   "poster, got %s",
		     snode_type_name(n));
		return;
	}
	if (n->text[0] == '/' || strstr(n->text, "..")) {
		verr(v, n, "\"chart\" must name a spec file inside the poster's directory, got %s",
		     show(v, n));
		return;
	}
	const char *slash = strrchr(v->file, '/');
	int dl = slash ? (int)(slash - v->file) + 1 : 0;
	char *path = arena_printf(v->a, "%.*s%s", dl, v->file, n->text);
	b->chart_file = path;
	if (access(path, R_OK) != 0) {
		verr(v, n, "cannot read the chart spec %s: %s", path, strerror(errno));
		return;
	}
	int before = diag_errors(v->d);
	b->chart = load_embedded(v->a, v->d, path, v->lim, v->inputs);
	if (!b->chart) {
		if (diag_errors(v->d) > before)
			verr(v, n, "the chart spec %s, named here, has the errors above", path);
		else
			verr(v, n, "cannot load the chart spec %s", path);
	}
}

static void read_poster(struct vctx *v, const struct snode *root, struct chart *c)
{
	struct poster *po = &c->poster;
	static const char *const prints[] = {"tall", "a4"};
	po->print_a4 = get_choice(v, root, "print", prints, 2, 0) == 1;
	const struct snode *list = required(v, root, "sections", "a poster spec");
	if (!list)
		return;
	if (list->type != SNODE_SEQ || list->n == 0) {
		verr(v, list, "\"sections\" must be a non-empty list of {heading, blocks}");
		return;
	}
	po->sections = arena_calloc(v->a, list->n, sizeof *po->sections);
	size_t items = 0;
	for (size_t i = 0; i < list->n; i++) {
		const struct snode *sn = list->items[i];
		if (sn->type != SNODE_MAP) {
			verr(v, sn, "a section must be a mapping with \"heading\" and \"blocks\", got %s",
			     snode_type_name(sn));
			continue;
		}
		check_keys(v, sn, "a section", section_keys, ARRAY_LEN(section_keys));
		struct poster_section *sec = &po->sections[po->n++];
		sec->pos = pos_of(sn);
		get_text(v, sn, "heading", "a section", true, &sec->heading);
		const struct snode *bl = required(v, sn, "blocks", "a section");
		if (!bl)
			continue;
		if (bl->type != SNODE_SEQ) {
			verr(v, bl, "\"blocks\" must be a list of {text} and {chart} blocks");
			continue;
		}
		items += bl->n;
		if (items > v->lim->max_items) {
			verr(v, bl, "the poster has more than the limit of %zu blocks (--max-items raises it)",
			     v->lim->max_items);
			return;
		}
		sec->blocks = arena_calloc(v->a, bl->n ? bl->n : 1, sizeof *sec->blocks);
		for (size_t k = 0; k < bl->n; k++) {
			const struct snode *bn = bl->items[k];
			struct poster_block *b = &sec->blocks[sec->n];
			b->pos = pos_of(bn);
			if (bn->type != SNODE_MAP || bn->n != 1) {
				verr(v, bn, "a block must be {text: ...} or {chart: ...}, got %s",
				     bn->type == SNODE_MAP ? "a mapping with more keys" : snode_type_name(bn));
				continue;
			}
			check_keys(v, bn, "a block", block_keys, ARRAY_LEN(block_keys));
			const char *key = bn->keys[0]->text;
			if (strcmp(key, "text") == 0) {
				b->kind = BLOCK_TEXT;
				if (get_text(v, bn, "text", "a block", true, &b->text))
					sec->n++;
			} else if (strcmp(key, "chart") == 0) {
				b->kind = BLOCK_CHART;
				read_chart_block(v, bn->items[0], b);
				if (b->chart)
					sec->n++;
			}
		}
	}
}

static struct chart *validate(struct vctx *v, const struct snode *root)
{
	struct chart *c = arena_alloc(v->a, sizeof *c);
	c->file = v->file;
	c->width = 1200;
	c->locale = LOCALE_ZH_HANS;

	const struct snode *kind = required(v, root, "chart", "the spec");
	bool kind_ok = false;
	if (kind) {
		if (kind->type != SNODE_SCALAR) {
			verr(v, kind, "\"chart\" must be a chart kind such as \"gauges\", got %s",
			     snode_type_name(kind));
		} else if (strcmp(kind->text, "gauges") == 0) {
			c->kind = CHART_GAUGES;
			kind_ok = true;
		} else if (strcmp(kind->text, "timeline") == 0) {
			c->kind = CHART_TIMELINE;
			kind_ok = true;
		} else if (strcmp(kind->text, "breakdown") == 0) {
			c->kind = CHART_BREAKDOWN;
			kind_ok = true;
		} else if (strcmp(kind->text, "kpis") == 0) {
			c->kind = CHART_KPIS;
			kind_ok = true;
		} else if (strcmp(kind->text, "poster") == 0 && !v->embedded) {
			c->kind = CHART_POSTER;
			kind_ok = true;
		} else if (strcmp(kind->text, "poster") == 0) {
			verr(v, kind, "a poster cannot hold another poster; name a chart spec instead");
		} else {
			const char *near = str_nearest(kind->text, chart_kinds, ARRAY_LEN(chart_kinds));
			if (near)
				verr(v, kind, "unknown chart kind %s; did you mean \"%s\"?", show(v, kind),
				     near);
			else
				verr(v, kind,
				     "unknown chart kind %s; expected one of: gauges, timeline, breakdown, kpis, poster",
				     show(v, kind));
		}
	}
	/* The keys every chart has, and those of its kind (unknown when the
	 * kind is: no key can be judged then). */
	if (kind_ok) {
		const char *allowed[ARRAY_LEN(common_keys) + 16];
		size_t n = 0;
		for (size_t i = 0; i < ARRAY_LEN(common_keys); i++)
			allowed[n++] = common_keys[i];
		const char *const *extra = gauges_keys;
		size_t n_extra = ARRAY_LEN(gauges_keys);
		const char *what = "a gauges spec";
		if (kind_ok && c->kind == CHART_TIMELINE)
			extra = timeline_keys, n_extra = ARRAY_LEN(timeline_keys), what = "a timeline spec";
		if (kind_ok && c->kind == CHART_BREAKDOWN)
			extra = breakdown_keys, n_extra = ARRAY_LEN(breakdown_keys), what = "a breakdown spec";
		if (kind_ok && c->kind == CHART_KPIS)
			extra = kpis_keys, n_extra = ARRAY_LEN(kpis_keys), what = "a kpis spec";
		if (kind_ok && c->kind == CHART_POSTER)
			extra = poster_keys, n_extra = ARRAY_LEN(poster_keys), what = "a poster spec";
		for (size_t i = 0; i < n_extra; i++)
			allowed[n++] = extra[i];
		check_keys(v, root, what, allowed, n);
	}

	const struct snode *loc = snode_get(root, "locale");
	if (loc && !is_null(loc)) {
		bool found = false;
		for (size_t i = 0; loc->type == SNODE_SCALAR && i < ARRAY_LEN(locales); i++) {
			if (strcasecmp(loc->text, locales[i].tag) == 0) {
				c->locale = locales[i].id;
				found = true;
			}
		}
		if (!found)
			verr(v, loc, "unknown locale %s; expected one of: zh-Hans, zh-Hant, ja, ko, en",
			     show(v, loc));
	}

	get_pixels(v, root, "width", &c->width, &c->width_pos);
	get_pixels(v, root, "height", &c->height, &c->height_pos);
	c->embedded = v->embedded;
	bool poster = kind_ok && c->kind == CHART_POSTER;
	if (poster) {
		/* A poster's headline and dek are its title and subtitle. */
		if (snode_get(root, "title"))
			verr(v, snode_get(root, "title"), "a poster has a \"headline\", not a \"title\"");
		if (snode_get(root, "subtitle"))
			verr(v, snode_get(root, "subtitle"), "a poster has a \"dek\", not a \"subtitle\"");
		get_text(v, root, "headline", "a poster spec", true, &c->title);
		get_text(v, root, "dek", "a poster spec", false, &c->subtitle);
	} else {
		get_text(v, root, "title", "the spec", !v->embedded, &c->title);
		get_text(v, root, "subtitle", "the spec", false, &c->subtitle);
	}
	get_text(v, root, "note", "the spec", false, &c->note);
	get_text(v, root, "source", "the spec", false, &c->source);
	get_text(v, root, "credit", "the spec", false, &c->credit);
	get_text(v, root, "alt", "the spec", false, &c->alt);
	get_text(v, root, "theme", "the spec", false, &c->theme);
	char words[WORDS_MAX + 1] = "";
	words_from_list(snode_get(root, "words"), words, sizeof words, verr_msg, v);
	c->words = arena_strdup(v->a, words);

	if (kind_ok && c->kind == CHART_GAUGES)
		read_gauges(v, root, c);
	if (kind_ok && c->kind == CHART_TIMELINE)
		read_timeline(v, root, c);
	if (kind_ok && c->kind == CHART_BREAKDOWN)
		read_breakdown(v, root, c);
	if (kind_ok && c->kind == CHART_KPIS)
		read_kpis(v, root, c);
	if (poster) {
		read_poster(v, root, c);
		/* The poster's words hold in its charts too. */
		for (size_t i = 0; c->words[0] && i < c->poster.n; i++)
			for (size_t k = 0; k < c->poster.sections[i].n; k++) {
				struct chart *sub = c->poster.sections[i].blocks[k].chart;
				if (sub)
					sub->words = arena_printf(v->a, "%s%s", c->words, sub->words);
			}
	}
	return v->errors ? NULL : c;
}

static struct chart *load_buffer(struct arena *a, struct diag *d, const char *name,
				 const char *buf, size_t len, const struct spec_limits *lim,
				 bool embedded, struct spec_inputs *in)
{
	int before = diag_errors(d);
	struct snode *root = spec_tree_parse(a, d, name, buf, len, lim);
	if (!root)
		return NULL;
	struct vctx v = {a, d, name, lim, 0, embedded, 0, in};
	struct chart *c = validate(&v, root);
	return diag_errors(d) > before ? NULL : c;
}

struct chart *spec_load_buffer(struct arena *a, struct diag *d, const char *name,
			       const char *buf, size_t len, const struct spec_limits *lim)
{
	return load_buffer(a, d, name, buf, len, lim, false, NULL);
}

static struct chart *load_file(struct arena *a, struct diag *d, const char *path,
			       const struct spec_limits *lim, bool embedded, struct spec_inputs *in);

static struct chart *load_embedded(struct arena *a, struct diag *d, const char *path,
				   const struct spec_limits *lim, struct spec_inputs *in)
{
	return load_file(a, d, path, lim, true, in);
}

struct chart *spec_load(struct arena *a, struct diag *d, const char *path,
			const struct spec_limits *lim)
{
	return load_file(a, d, path, lim, false, NULL);
}

struct chart *spec_load_recorded(struct arena *a, struct diag *d, const char *path,
				 const struct spec_limits *lim, struct spec_inputs *in)
{
	return load_file(a, d, path, lim, false, in);
}

static struct chart *load_file(struct arena *a, struct diag *d, const char *path,
			       const struct spec_limits *lim, bool embedded, struct spec_inputs *in)
{
	if (str_ends_with(path, ".csv") || str_ends_with(path, ".tsv")) {
		/* `saltprint check data/x/` and a star names the tables too. */
		diag_error(d, DIAG_INPUT, path, 0, 0,
			   "a data table, not a spec (a spec is .json, .yaml or .yml and names its "
			   "table in \"data\")");
		return NULL;
	}
	char *buf;
	size_t len;
	int err = file_read_all(path, lim->max_spec_bytes, &buf, &len);
	if (err == EFBIG) {
		diag_error(d, DIAG_INPUT, path, 0, 0,
			   "the spec is larger than the limit of %zu bytes (--max-spec-bytes raises it)",
			   lim->max_spec_bytes);
		return NULL;
	}
	if (err) {
		diag_error(d, DIAG_INPUT, path, 0, 0, "cannot read the spec: %s", strerror(err));
		return NULL;
	}
	if (in) {
		char sha256[65];
		sha256_hex(buf, len, sha256);
		record(in, path, sha256);
	}
	struct chart *c = load_buffer(a, d, path, buf, len, lim, embedded, in);
	free(buf);
	return c;
}
