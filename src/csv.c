/* csv: RFC 4180 tables with positions, size limits and ragged-row checks
 * (stage: read). */
#include "csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void csv_limits_default(struct csv_limits *l)
{
	l->max_bytes = 16u << 20;
	l->max_field = 128u << 10;
	l->max_rows = 100000;
}

struct row {
	struct csv_field *f;
	size_t n, cap;
	int line;
};

static void row_push(struct arena *a, struct row *r, const char *text, size_t len, int line,
		     int col)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->f = xrealloc(r->f, r->cap * sizeof *r->f);
	}
	r->f[r->n].text = arena_strndup(a, text, len);
	r->f[r->n].line = line;
	r->f[r->n].col = col;
	r->n++;
}

struct csv_table *csv_parse(struct arena *a, struct diag *d, const char *file, const char *buf,
			    size_t len, const struct csv_limits *lim)
{
	int errors = 0;
	size_t bad = utf8_invalid_at(buf, len);
	if (bad != (size_t)-1) {
		int line = 1, col = 1;
		for (size_t i = 0; i < bad; i++) {
			if (buf[i] == '\n')
				line++, col = 1;
			else if (((unsigned char)buf[i] & 0xC0) != 0x80)
				col++;
		}
		diag_error(d, DIAG_INPUT, file, line, col, "invalid UTF-8 (byte 0x%02X)",
			   (unsigned char)buf[bad]);
		return NULL;
	}
	size_t i = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a byte-order mark, as spreadsheets write */
	struct row *rows = NULL;
	size_t n_rows = 0, cap_rows = 0;
	struct dynbuf field;
	dynbuf_init(&field, lim->max_field);
	int line = 1, col = 1;
	struct row cur = {NULL, 0, 0, 1};
	bool at_row_start = true;
	while (i <= len) {
		/* One field. */
		int f_line = line, f_col = col;
		field.len = 0;
		field.too_big = false;
		bool quoted = false;
		if (i < len && buf[i] == '"') {
			quoted = true;
			i++, col++;
			for (;;) {
				if (i >= len) {
					diag_error(d, DIAG_INPUT, file, f_line, f_col,
						   "unterminated quoted field (a \" is missing)");
					errors++;
					goto done;
				}
				if (buf[i] == '"') {
					if (i + 1 < len && buf[i + 1] == '"') {
						dynbuf_append(&field, "\"", 1);
						i += 2, col += 2;
						continue;
					}
					i++, col++;
					break;
				}
				if (buf[i] == '\n')
					line++, col = 1;
				else if (((unsigned char)buf[i] & 0xC0) != 0x80)
					col++;
				dynbuf_append(&field, &buf[i], 1);
				i++;
			}
			if (i < len && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r') {
				diag_error(d, DIAG_INPUT, file, line, col,
					   "unexpected text after a quoted field; expected , or the end of the line");
				errors++;
				goto done;
			}
		} else {
			while (i < len && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r') {
				if (buf[i] == '"') {
					diag_error(d, DIAG_INPUT, file, line, col,
						   "a \" inside an unquoted field; quote the field and double the \"");
					errors++;
					goto done;
				}
				if (((unsigned char)buf[i] & 0xC0) != 0x80)
					col++;
				dynbuf_append(&field, &buf[i], 1);
				i++;
			}
		}
		if (field.too_big) {
			diag_error(d, DIAG_INPUT, file, f_line, f_col,
				   "a field is longer than the limit of %zu bytes (--max-field-bytes raises it)",
				   lim->max_field);
			errors++;
			goto done;
		}
		bool blank_line = at_row_start && !quoted && field.len == 0 &&
				  (i >= len || buf[i] == '\n' || buf[i] == '\r');
		if (!blank_line) {
			if (at_row_start)
				cur.line = f_line;
			row_push(a, &cur, field.data ? (const char *)field.data : "", field.len, f_line,
				 f_col);
		}
		at_row_start = false;
		if (i < len && buf[i] == ',') {
			i++, col++;
			continue;
		}
		/* End of a row. */
		if (i < len && buf[i] == '\r')
			i++;
		if (i < len && buf[i] == '\n')
			i++;
		line++, col = 1;
		if (cur.n > 0) {
			if (n_rows == cap_rows) {
				cap_rows = cap_rows ? cap_rows * 2 : 64;
				rows = xrealloc(rows, cap_rows * sizeof *rows);
			}
			rows[n_rows++] = cur;
			cur = (struct row){NULL, 0, 0, line};
			if (n_rows > lim->max_rows + 1) {
				diag_error(d, DIAG_INPUT, file, rows[n_rows - 1].line, 1,
					   "the table has more than the limit of %zu rows (--max-rows raises it)",
					   lim->max_rows);
				errors++;
				goto done;
			}
		}
		cur = (struct row){NULL, 0, 0, line};
		at_row_start = true;
		if (i >= len)
			break;
	}
done:
	dynbuf_fini(&field);
	free(cur.f);
	struct csv_table *t = NULL;
	if (!errors && n_rows == 0) {
		diag_error(d, DIAG_INPUT, file, 0, 0, "the table is empty; expected a header row and data rows");
		errors++;
	}
	if (!errors) {
		size_t want = rows[0].n;
		for (size_t r = 1; r < n_rows; r++) {
			if (rows[r].n != want) {
				diag_error(d, DIAG_INPUT, file, rows[r].line, 1,
					   "row has %zu fields, but the header has %zu", rows[r].n, want);
				errors++;
			}
		}
	}
	if (!errors) {
		t = arena_alloc(a, sizeof *t);
		t->file = file;
		t->n_cols = rows[0].n;
		t->n_rows = n_rows - 1;
		t->header = arena_calloc(a, t->n_cols, sizeof *t->header);
		memcpy(t->header, rows[0].f, t->n_cols * sizeof *t->header);
		t->rows = arena_calloc(a, t->n_rows ? t->n_rows : 1, sizeof *t->rows);
		for (size_t r = 0; r < t->n_rows; r++) {
			t->rows[r] = arena_calloc(a, t->n_cols, sizeof **t->rows);
			memcpy(t->rows[r], rows[r + 1].f, t->n_cols * sizeof **t->rows);
		}
	}
	for (size_t r = 0; r < n_rows; r++)
		free(rows[r].f);
	free(rows);
	return t;
}

struct csv_table *csv_load(struct arena *a, struct diag *d, const char *path,
			   const struct csv_limits *lim, char sha256[65])
{
	char *buf;
	size_t len;
	int err = file_read_all(path, lim->max_bytes, &buf, &len);
	if (err == EFBIG) {
		diag_error(d, DIAG_INPUT, path, 0, 0,
			   "the table is larger than the limit of %zu bytes (--max-table-bytes raises it)",
			   lim->max_bytes);
		return NULL;
	}
	if (err) {
		diag_error(d, DIAG_INPUT, path, 0, 0, "cannot read the table: %s", strerror(err));
		return NULL;
	}
	if (sha256)
		sha256_hex(buf, len, sha256);
	struct csv_table *t = csv_parse(a, d, path, buf, len, lim);
	free(buf);
	return t;
}

int csv_column(const struct csv_table *t, const char *name)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (strcmp(t->header[c].text, name) == 0)
			return (int)c;
	return -1;
}
