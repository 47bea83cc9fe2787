/* csv: reads a CSV table (RFC 4180: quotes, "" escapes, CRLF) with the line
 * and column of every field (stage: read). A header row names the columns. */
#ifndef SALTPRINT_CSV_H
#define SALTPRINT_CSV_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

struct csv_field {
	const char *text;
	int line, col;
};

struct csv_table {
	const char *file;
	size_t n_cols, n_rows; /* rows exclude the header */
	struct csv_field *header;
	struct csv_field **rows; /* rows[r][c] */
};

struct csv_limits {
	size_t max_bytes, max_field, max_rows;
};
void csv_limits_default(struct csv_limits *l);

/* Parses buf; NULL after reporting every problem it finds. */
struct csv_table *csv_parse(struct arena *a, struct diag *d, const char *file, const char *buf,
			    size_t len, const struct csv_limits *lim);
/* sha256, if not NULL, gets the SHA-256 of the bytes read (hex). */
struct csv_table *csv_load(struct arena *a, struct diag *d, const char *path,
			   const struct csv_limits *lim, char sha256[65]);
/* The index of a header name, or -1. */
int csv_column(const struct csv_table *t, const char *name);

#endif
