/* spec_tree: JSON/YAML bytes -> position-carrying node tree (stage: read).
 * libfyaml's event parser does the syntax; we enforce size, depth, duplicate
 * keys, UTF-8 and NUL rules ourselves so every message has our format. */
#include "spec_tree.h"

#include <libfyaml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void spec_limits_default(struct spec_limits *l)
{
	l->max_spec_bytes = 1u << 20;
	l->max_depth = 32;
	l->max_text_chars = 10000;
	l->max_items = 1000;
	l->max_side_px = 8192;
	l->max_megapixels = 40.0;
	l->max_table_bytes = 16u << 20;
	l->max_field_bytes = 128u << 10;
	l->max_rows = 100000;
}

struct builder {
	struct arena *a;
	struct diag *d;
	const char *file;
	const char *buf;
	size_t len;
	const struct spec_limits *lim;
	int errors;
	size_t *line_starts; /* byte offset of each line, for positions */
	size_t n_lines;
};

/* Line and column of a byte offset, counting columns in code points. */
static void offset_pos(const char *buf, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static void index_lines(struct builder *b)
{
	size_t cap = 64;
	b->line_starts = xmalloc(cap * sizeof(size_t));
	b->line_starts[0] = 0;
	b->n_lines = 1;
	for (size_t i = 0; i < b->len; i++) {
		if (b->buf[i] != '\n')
			continue;
		if (b->n_lines == cap) {
			cap *= 2;
			b->line_starts = xrealloc(b->line_starts, cap * sizeof(size_t));
		}
		b->line_starts[b->n_lines++] = i + 1;
	}
}

static void mark_pos(struct builder *b, const struct fy_mark *m, int *line, int *col)
{
	if (!m) {
		*line = *col = 1;
		return;
	}
	size_t off = m->input_pos < b->len ? m->input_pos : b->len;
	size_t lo = 0, hi = b->n_lines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (b->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = 1 + (int)utf8_count(b->buf + b->line_starts[lo], off - b->line_starts[lo]);
}

__attribute__((format(printf, 4, 5))) static void berror(struct builder *b, int line, int col,
							const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	b->errors++;
	diag_error(b->d, DIAG_INPUT, b->file, line, col, "%s", msg);
}

struct list {
	struct snode **v;
	size_t n, cap;
};

static void list_push(struct list *l, struct snode *n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = n;
}

static struct snode **list_to_arena(struct arena *a, struct list *l)
{
	struct snode **v = arena_calloc(a, l->n ? l->n : 1, sizeof *v);
	if (l->n)
		memcpy(v, l->v, l->n * sizeof *v);
	free(l->v);
	l->v = NULL;
	return v;
}

static struct snode *build_node(struct builder *b, struct fy_parser *p, struct fy_event *ev,
				int depth);

static struct snode *build_scalar(struct builder *b, struct fy_event *ev)
{
	struct snode *n = arena_alloc(b->a, sizeof *n);
	n->type = SNODE_SCALAR;
	const struct fy_mark *m = fy_event_start_mark(ev);
	mark_pos(b, m, &n->line, &n->col);
	/* libfyaml marks a quoted scalar after its quote; point at the quote. */
	if (m && m->input_pos > 0 && m->input_pos <= b->len && n->col > 1 &&
	    (b->buf[m->input_pos - 1] == '"' || b->buf[m->input_pos - 1] == '\''))
		n->col--;
	size_t len = 0;
	const char *text = fy_token_get_text(ev->scalar.value, &len);
	if (!text)
		text = "", len = 0;
	n->text = arena_strndup(b->a, text, len);
	n->len = len;
	n->quoted = fy_token_scalar_style(ev->scalar.value) != FYSS_PLAIN;
	if (memchr(text, '\0', len)) {
		berror(b, n->line, n->col, "text must not contain a NUL character (\\u0000)%s", "");
	} else if (utf8_invalid_at(text, len) != (size_t)-1) {
		berror(b, n->line, n->col,
		       "text is not valid UTF-8 (a lone surrogate or a bad byte)%s", "");
	} else if (utf8_count(text, len) > b->lim->max_text_chars) {
		b->errors++;
		diag_error(b->d, DIAG_INPUT, b->file, n->line, n->col,
			   "text is %zu characters long, over the limit of %zu (--max-text raises it)",
			   utf8_count(text, len), b->lim->max_text_chars);
	}
	return n;
}

static struct snode *build_collection(struct builder *b, struct fy_parser *p,
				      struct fy_event *start, int depth)
{
	struct snode *n = arena_alloc(b->a, sizeof *n);
	bool is_map = start->type == FYET_MAPPING_START;
	n->type = is_map ? SNODE_MAP : SNODE_SEQ;
	mark_pos(b, fy_event_start_mark(start), &n->line, &n->col);
	if (depth > b->lim->max_depth) {
		b->errors++;
		diag_error(b->d, DIAG_INPUT, b->file, n->line, n->col,
			   "nesting is deeper than the limit of %d levels (--max-depth raises it)",
			   b->lim->max_depth);
		return NULL;
	}
	enum fy_event_type end = is_map ? FYET_MAPPING_END : FYET_SEQUENCE_END;
	struct list keys = {0}, items = {0};
	for (;;) {
		struct fy_event *ev = fy_parser_parse(p);
		if (!ev)
			goto fail;
		if (ev->type == end) {
			fy_parser_event_free(p, ev);
			break;
		}
		struct snode *child = build_node(b, p, ev, depth + 1);
		if (!child)
			goto fail;
		if (is_map) {
			if (child->type != SNODE_SCALAR) {
				berror(b, child->line, child->col, "a key must be a plain name%s", "");
				goto fail;
			}
			for (size_t i = 0; i < keys.n; i++) {
				if (strcmp(keys.v[i]->text, child->text) == 0) {
					b->errors++;
					diag_error(b->d, DIAG_INPUT, b->file, child->line, child->col,
						   "duplicate key \"%s\" (first at line %d)", child->text,
						   keys.v[i]->line);
				}
			}
			list_push(&keys, child);
			ev = fy_parser_parse(p);
			if (!ev)
				goto fail;
			struct snode *val = build_node(b, p, ev, depth + 1);
			if (!val)
				goto fail;
			list_push(&items, val);
		} else {
			list_push(&items, child);
		}
		if (items.n > 100000) {
			berror(b, n->line, n->col, "too many entries in one list or mapping%s", "");
			goto fail;
		}
	}
	n->n = items.n;
	n->items = list_to_arena(b->a, &items);
	n->keys = is_map ? list_to_arena(b->a, &keys) : NULL;
	return n;
fail:
	free(keys.v);
	free(items.v);
	return NULL;
}

/* Takes ownership of ev. */
static struct snode *build_node(struct builder *b, struct fy_parser *p, struct fy_event *ev,
				int depth)
{
	struct snode *n = NULL;
	int line, col;
	switch (ev->type) {
	case FYET_SCALAR:
		n = build_scalar(b, ev);
		break;
	case FYET_MAPPING_START:
	case FYET_SEQUENCE_START:
		n = build_collection(b, p, ev, depth);
		break;
	case FYET_ALIAS:
		mark_pos(b, fy_event_start_mark(ev), &line, &col);
		berror(b, line, col, "YAML aliases are not allowed in a spec%s", "");
		break;
	default:
		mark_pos(b, fy_event_start_mark(ev), &line, &col);
		berror(b, line, col, "unexpected %s", fy_event_type_get_text(ev->type));
		break;
	}
	fy_parser_event_free(p, ev);
	return n;
}

/* Reports libfyaml's collected syntax errors in our format. */
static void report_syntax(struct builder *b, struct fy_diag *fd, bool json)
{
	void *iter = NULL;
	struct fy_diag_error *e;
	int reported = 0;
	while ((e = fy_diag_errors_iterate(fd, &iter)) != NULL) {
		if (e->type < FYET_ERROR)
			continue;
		int line = e->line > 0 ? e->line : 1, col = e->column > 0 ? e->column : 1;
		const struct fy_mark *m = e->fyt ? fy_token_start_mark(e->fyt) : NULL;
		if (m)
			mark_pos(b, m, &line, &col);
		/* An error at or past the last non-blank character means the file
		 * stopped before its brackets were closed. */
		size_t last = b->len;
		while (last > 0 && (b->buf[last - 1] == ' ' || b->buf[last - 1] == '\n' ||
				    b->buf[last - 1] == '\r' || b->buf[last - 1] == '\t'))
			last--;
		int end_line, end_col;
		offset_pos(b->buf, b->len, last, &end_line, &end_col);
		b->errors++;
		if (line > end_line || (line == end_line && col >= end_col)) {
			diag_error(b->d, DIAG_INPUT, b->file, end_line, end_col,
				   "invalid %s: the file ends before every { and [ is closed "
				   "(is it truncated?)",
				   json ? "JSON" : "YAML");
		} else {
			diag_error(b->d, DIAG_INPUT, b->file, line, col, "invalid %s: %s",
				   json ? "JSON" : "YAML", e->msg);
		}
		if (++reported == 1)
			break; /* later parser errors follow from the first */
	}
	if (!reported) {
		int line, col;
		offset_pos(b->buf, b->len, b->len, &line, &col);
		berror(b, line, col, "invalid %s: the file ends too early", json ? "JSON" : "YAML");
	}
}

struct snode *spec_tree_parse(struct arena *a, struct diag *d, const char *file,
			      const char *buf, size_t len, const struct spec_limits *lim)
{
	struct builder b = {a, d, file, buf, len, lim, 0, NULL, 0};
	bool json = str_ends_with(file, ".json");
	const char *what = json ? "JSON" : "YAML";

	size_t bad = utf8_invalid_at(buf, len);
	if (bad != (size_t)-1) {
		int line, col;
		offset_pos(buf, len, bad, &line, &col);
		diag_error(d, DIAG_INPUT, file, line, col, "invalid UTF-8 (byte 0x%02X)",
			   (unsigned char)buf[bad]);
		return NULL;
	}
	size_t i = 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
		i++;
	if (i == len) {
		diag_error(d, DIAG_INPUT, file, 0, 0, "the file is empty; expected a %s mapping",
			   what);
		return NULL;
	}

	index_lines(&b);
	struct fy_diag_cfg dcfg;
	memset(&dcfg, 0, sizeof dcfg);
	dcfg.fp = NULL;
	dcfg.level = FYET_ERROR;
	dcfg.module_mask = ~0u;
	struct fy_diag *fd = fy_diag_create(&dcfg);
	if (!fd) {
		diag_error(d, DIAG_INTERNAL, file, 0, 0, "cannot create the %s parser", what);
		return NULL;
	}
	fy_diag_set_collect_errors(fd, true);
	struct fy_parse_cfg cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DISABLE_RECYCLING |
		    (json ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE);
	cfg.diag = fd;
	struct fy_parser *p = fy_parser_create(&cfg);
	if (!p || fy_parser_set_string(p, buf, len) != 0) {
		diag_error(d, DIAG_INTERNAL, file, 0, 0, "cannot create the %s parser", what);
		if (p)
			fy_parser_destroy(p);
		fy_diag_destroy(fd);
		free(b.line_starts);
		return NULL;
	}

	struct snode *root = NULL;
	int docs = 0;
	struct fy_event *ev;
	while ((ev = fy_parser_parse(p)) != NULL) {
		enum fy_event_type t = ev->type;
		if (t == FYET_MAPPING_START || t == FYET_SEQUENCE_START || t == FYET_SCALAR ||
		    t == FYET_ALIAS) {
			struct snode *n = build_node(&b, p, ev, 1);
			if (!n)
				break;
			if (++docs > 1) {
				berror(&b, n->line, n->col, "a spec holds one document only%s", "");
				break;
			}
			root = n;
			continue;
		}
		fy_parser_event_free(p, ev);
		if (t == FYET_STREAM_END)
			break;
	}
	bool syntax_error = fy_parser_get_stream_error(p);
	if (syntax_error)
		report_syntax(&b, fd, json);
	fy_parser_destroy(p);
	fy_diag_destroy(fd);
	free(b.line_starts);
	/* A complete tree is returned even after errors in its values (too
	 * long, duplicate key), so validation can report the rest as well. */
	if (syntax_error || !root)
		return NULL;
	if (!root || root->type != SNODE_MAP) {
		int line = root ? root->line : 1, col = root ? root->col : 1;
		diag_error(d, DIAG_INPUT, file, line, col, "expected a mapping at the top of the spec, got %s",
			   root ? snode_type_name(root) : "nothing");
		return NULL;
	}
	return root;
}

struct snode *snode_get(const struct snode *map, const char *key)
{
	if (!map || map->type != SNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->text, key) == 0)
			return map->items[i];
	return NULL;
}

const char *snode_type_name(const struct snode *n)
{
	switch (n->type) {
	case SNODE_MAP:
		return "a mapping";
	case SNODE_SEQ:
		return "a list";
	default:
		return n->quoted ? "a string" : "a plain value";
	}
}
