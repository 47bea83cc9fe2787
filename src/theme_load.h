/* theme_load: reads a theme file (YAML or JSON) over the defaults, and finds
 * a theme by name (stage: read). */
#ifndef SALTPRINT_THEME_LOAD_H
#define SALTPRINT_THEME_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "theme.h"

/* Loads `path` over the built-in defaults. False after reporting. */
bool theme_load(struct diag *d, const char *path, struct theme_file *tf);
/* theme_load, remembering the last few themes read cleanly (no message of
 * any kind): the same file, unchanged since (device, inode, size and
 * modification time alike), is not read and parsed again. A batch worker
 * loads its theme once rather than for every spec. Not thread-safe. */
bool theme_load_cached(struct diag *d, const char *path, struct theme_file *tf);

/* Where the theme `name_or_path` is: a path (it has a '/' or ends in .yaml
 * or .json) is taken relative to `base_dir`; a name is looked up as
 * themes/NAME.yaml in the data root (the nearest directory called "data" at
 * or above base_dir), then in `share_dir`. Returns false when not found,
 * with the names that exist in `known` (comma-separated). */
bool theme_find(const char *name_or_path, const char *base_dir, const char *share_dir,
		char *out, size_t size, char *known, size_t known_size);

#endif
