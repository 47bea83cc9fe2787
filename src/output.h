/* output: atomic file writes (stage: write). A file is written under a
 * temporary name in its directory and renamed into place when complete. */
#ifndef SALTPRINT_OUTPUT_H
#define SALTPRINT_OUTPUT_H

#include <stddef.h>

/* Returns 0, or an errno value (the temporary file is removed). */
int output_write_atomic(const char *path, const void *data, size_t len);
/* Removes from dir ("" is the current one) the temporary files that a
 * killed process left: those untouched for ten minutes, which no one is
 * still writing. A scan of the directory: once per directory and run, not
 * per file (a batch writing thousands of files into one directory would
 * otherwise read it thousands of times). */
void output_remove_stale(const char *dir);
/* mkdir -p of path's directory part. Returns 0 or an errno value. */
int output_make_parent_dirs(const char *path);

#endif
