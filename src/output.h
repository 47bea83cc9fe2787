/* output: atomic file writes (stage: write). A file is written under a
 * temporary name in its directory and renamed into place when complete. */
#ifndef SALTPRINT_OUTPUT_H
#define SALTPRINT_OUTPUT_H

#include <stddef.h>

/* Returns 0, or an errno value (the temporary file is removed). */
int output_write_atomic(const char *path, const void *data, size_t len);

/* The same in two steps, so that the wait for the disk can happen on
 * another thread: output_begin writes the bytes under a temporary name
 * beside path; output_commit flushes them to disk (fsync) and renames the
 * file into place; output_abort removes it instead. Each returns 0 or an
 * errno value, and a failed step leaves no temporary file. */
struct output_file {
	int fd;
	char path[4096];
	char tmp[4200];
};
int output_begin(struct output_file *f, const char *path, const void *data, size_t len);
int output_commit(struct output_file *f);
void output_abort(struct output_file *f);
/* Removes from dir ("" is the current one) the temporary files that a
 * killed process left: those untouched for ten minutes, which no one is
 * still writing. A scan of the directory: once per directory and run, not
 * per file (a batch writing thousands of files into one directory would
 * otherwise read it thousands of times). */
void output_remove_stale(const char *dir);
/* mkdir -p of path's directory part. Returns 0 or an errno value. */
int output_make_parent_dirs(const char *path);

#endif
