/* spec_tree: reads JSON or YAML bytes into a plain tree of nodes, each with
 * its 1-based line and column (stage: read). The only file that sees libfyaml. */
#ifndef SALTPRINT_SPEC_TREE_H
#define SALTPRINT_SPEC_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "util.h"

enum snode_type { SNODE_SCALAR, SNODE_SEQ, SNODE_MAP };

struct snode {
	enum snode_type type;
	int line, col;
	/* scalar */
	const char *text; /* NUL-terminated; len excludes it */
	size_t len;
	bool quoted; /* a quoted scalar is always a string */
	/* sequence: items; mapping: keys[i] -> items[i] */
	struct snode **items;
	struct snode **keys;
	size_t n;
};

struct spec_limits {
	size_t max_spec_bytes;
	int max_depth;
	size_t max_text_chars;
	size_t max_items;
	int max_side_px;
	double max_megapixels;
	size_t max_table_bytes, max_field_bytes, max_rows; /* CSV data */
};
void spec_limits_default(struct spec_limits *l);

/* Parses `buf` (len bytes) named `file`. JSON when the name ends in .json,
 * YAML otherwise. Reports every problem it finds to `d`. Returns NULL when
 * the syntax is broken; a tree with bad values is still returned, so check
 * the error count of `d`. */
struct snode *spec_tree_parse(struct arena *a, struct diag *d, const char *file,
			      const char *buf, size_t len, const struct spec_limits *lim);

/* Looks up a mapping key; NULL if absent. */
struct snode *snode_get(const struct snode *map, const char *key);
const char *snode_type_name(const struct snode *n);

#endif
