/* spec: loads a spec file and validates it into the model (stage: read +
 * validate). Every problem is reported before anything is laid out. */
#ifndef SALTPRINT_SPEC_H
#define SALTPRINT_SPEC_H

#include "diag.h"
#include "model.h"
#include "spec_tree.h"
#include "util.h"

/* Reads and validates `path`. Returns NULL after reporting every problem. */
struct chart *spec_load(struct arena *a, struct diag *d, const char *path,
			const struct spec_limits *lim);
/* The same from bytes in memory; `name` is used in messages and picks JSON
 * (.json) or YAML. */
struct chart *spec_load_buffer(struct arena *a, struct diag *d, const char *name,
			       const char *buf, size_t len, const struct spec_limits *lim);

/* The files a spec reads: itself, its data files and the chart specs it
 * names (for the batch cache). */
/* Each file a spec read, with the SHA-256 of the bytes it read: the key of
 * a render is made from what was drawn, even if a file changes meanwhile. */
struct spec_input {
	char *path;
	char sha256[65];
};
struct spec_inputs {
	struct spec_input *v;
	size_t n, cap;
};
void spec_inputs_fini(struct spec_inputs *in);
/* spec_load(), recording every file read in `in`. */
struct chart *spec_load_recorded(struct arena *a, struct diag *d, const char *path,
				 const struct spec_limits *lim, struct spec_inputs *in);

/* Parses a plain scalar as a finite number (C locale); false otherwise. */
bool spec_parse_number(const char *text, double *out);

/* The keys a spec may hold, by where: "" the top, "gauges[]" each gauge,
 * "gauges[].marks[]" each of its marks, "columns" the mapping... (for the
 * test that docs/saltprint.schema.json lists every one). */
struct spec_keyset {
	const char *where;
	const char *const *keys;
	size_t n;
};
const struct spec_keyset *spec_keysets(size_t *n);

#endif
