/* encode_svg: cairo SVG -> publishable SVG (stage: encode). cairo numbers
 * some ids from process-wide counters; we rename every id in order of first
 * appearance so the same input gives the same bytes in any process. */
#include "encode_svg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void encode_svg_escape(struct dynbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			dynbuf_append(out, "&amp;", 5);
			break;
		case '<':
			dynbuf_append(out, "&lt;", 4);
			break;
		case '>':
			dynbuf_append(out, "&gt;", 4);
			break;
		case '"':
			dynbuf_append(out, "&quot;", 6);
			break;
		default:
			/* Control characters are not allowed in XML 1.0. */
			if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
				dynbuf_append(out, s, 1);
			break;
		}
	}
}

struct idmap {
	char **old, **new_;
	size_t *old_len;
	size_t n, cap;
};

static const char *idmap_find(const struct idmap *m, const char *s, size_t len)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->old_len[i] == len && memcmp(m->old[i], s, len) == 0)
			return m->new_[i];
	return NULL;
}

static void idmap_add(struct idmap *m, const char *s, size_t len)
{
	if (idmap_find(m, s, len))
		return;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->old = xrealloc(m->old, m->cap * sizeof *m->old);
		m->new_ = xrealloc(m->new_, m->cap * sizeof *m->new_);
		m->old_len = xrealloc(m->old_len, m->cap * sizeof *m->old_len);
	}
	/* Keep the alphabetic prefix ("glyph", "surface", "clip") and number
	 * the ids of each prefix from 1. */
	size_t p = 0;
	while (p < len && !(s[p] >= '0' && s[p] <= '9'))
		p++;
	int seq = 1;
	for (size_t i = 0; i < m->n; i++)
		if (strncmp(m->new_[i], s, p) == 0 && m->new_[i][p] >= '0' && m->new_[i][p] <= '9')
			seq++;
	char buf[128];
	snprintf(buf, sizeof buf, "%.*s%d", (int)(p < 100 ? p : 100), s, seq);
	m->old[m->n] = strndup(s, len);
	m->old_len[m->n] = len;
	m->new_[m->n] = xstrdup(buf);
	m->n++;
}

static void idmap_free(struct idmap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->old[i]);
		free(m->new_[i]);
	}
	free(m->old);
	free(m->new_);
	free(m->old_len);
}

static bool id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.';
}

int encode_svg_finish(const char *in, size_t len, double width_px, double height_px,
		      const char *title, const char *desc, struct dynbuf *out)
{
	const char *root = strstr(in, "<svg");
	const char *root_end = root ? strchr(root, '>') : NULL;
	if (!root || !root_end || root_end > in + len)
		return -1;

	struct idmap m = {0};
	for (const char *p = in; (p = strstr(p, " id=\"")) != NULL;) {
		p += 5;
		const char *e = p;
		while (id_char(*e))
			e++;
		if (*e == '"')
			idmap_add(&m, p, (size_t)(e - p));
	}

	/* The XML declaration, then our root element. */
	dynbuf_append(out, in, (size_t)(root - in));
	dynbuf_appendf(out,
		       "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		       "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"%g\" height=\"%g\" "
		       "viewBox=\"0 0 %g %g\" version=\"1.1\" role=\"img\">\n",
		       width_px, height_px, width_px, height_px);
	dynbuf_append(out, "<title>", 7);
	encode_svg_escape(out, title ? title : "");
	dynbuf_append(out, "</title>\n<desc>", 15);
	encode_svg_escape(out, desc ? desc : "");
	dynbuf_append(out, "</desc>\n", 8);

	/* The rest, with ids renamed where they are defined and referenced. */
	const char *p = root_end + 1;
	if (*p == '\n')
		p++;
	const char *end = in + len;
	/* The next definition and the next reference, each found once: looking
	 * both up again after every hit scanned the rest of the document for
	 * the rarer one each time. */
	const char *a = strstr(p, "id=\""), *b = strchr(p, '#');
	while (p < end) {
		const char *hit = NULL;
		size_t skip = 0;
		if (a && a < p)
			a = strstr(p, "id=\"");
		if (b && b < p)
			b = strchr(p, '#');
		if (a && (!b || a < b))
			hit = a, skip = 4;
		else if (b)
			hit = b, skip = 1;
		if (!hit || hit >= end) {
			dynbuf_append(out, p, (size_t)(end - p));
			break;
		}
		dynbuf_append(out, p, (size_t)(hit - p) + skip);
		const char *s = hit + skip;
		const char *e = s;
		while (e < end && id_char(*e))
			e++;
		const char *rep = idmap_find(&m, s, (size_t)(e - s));
		if (rep)
			dynbuf_append(out, rep, strlen(rep));
		else
			dynbuf_append(out, s, (size_t)(e - s));
		p = e;
	}
	idmap_free(&m);
	return out->too_big ? -1 : 0;
}
