/* output: atomic file writes (stage: write). A file is written as an
 * unnamed file in its directory (O_TMPFILE) and linked into place when
 * complete (and on disk, if it replaces one: output_set_sync); where the
 * file system cannot do that, under a temporary name that is renamed into
 * place. */
#ifndef SALTPRINT_OUTPUT_H
#define SALTPRINT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

/* Returns 0, or an errno value (the temporary file is removed). */
int output_write_atomic(const char *path, const void *data, size_t len);

/* The same in two steps, so that the wait for the disk can happen on
 * another thread: output_begin writes the bytes into a new file beside
 * path; output_commit flushes them to disk (fsync) where the mode asks and
 * puts the file in place; output_abort removes it instead. Each returns 0
 * or an errno value, and a failed step leaves no temporary file. */
struct output_file {
	int fd;
	bool unnamed; /* O_TMPFILE: tmp is unused until the file is linked */
	bool synced;  /* output_sync ran: sync_err is its result */
	bool flushed; /* and flushed the file to disk (fsync) */
	bool replaces; /* a file was at path when it began */
	int sync_err;
	char path[4096];
	char tmp[4200];
};
int output_begin(struct output_file *f, const char *path, const void *data, size_t len);
int output_commit(struct output_file *f);
/* Starts writing f's bytes to disk without waiting (sync_file_range), so
 * that output_commit's fsync of several files started together shares one
 * trip to the disk (and, on a journalled file system, one commit). */
void output_start_flush(struct output_file *f);
/* output_commit's fsync, done ahead: output_commit then only puts the file
 * in place. Several files synced before any is linked share the writes of
 * their inodes' block, which a link would dirty again. Returns 0 or an
 * errno value, which output_commit returns too. */
int output_sync(struct output_file *f);
void output_abort(struct output_file *f);
/* Whether to write unnamed files where the file system can (the default);
 * off, every file takes a temporary name (the unit tests check both). */
void output_set_unnamed(bool on);
/* Which files are flushed to disk (fsync) before they are put in place.
 * Every file is complete before a reader can see it, and a killed process
 * leaves the earlier file, whatever the mode; the flush is for a crash of
 * the machine or a power cut.
 * - OUTPUT_SYNC_REPLACED (the default): a file that replaces one, so that
 *   the earlier good file survives even a power cut (RELIABILITY.md). A
 *   new file is not: a power cut may leave it empty or missing, which
 *   loses nothing that was there, and a batch draws an empty output again.
 * - OUTPUT_SYNC_ALL (--sync): every file, so that a file put in place is
 *   on disk (the cost: a trip to the disk each, on another thread).
 * - OUTPUT_SYNC_NONE (--no-sync): none, for throwaway CI workspaces; a
 *   power cut may lose even a file that replaced an earlier one. */
enum output_sync_mode { OUTPUT_SYNC_REPLACED, OUTPUT_SYNC_ALL, OUTPUT_SYNC_NONE };
void output_set_sync(enum output_sync_mode mode);
/* Removes from dir ("" is the current one) the temporary files that a
 * killed process left: those untouched for ten minutes, which no one is
 * still writing. A scan of the directory: once per directory and run, not
 * per file (a batch writing thousands of files into one directory would
 * otherwise read it thousands of times). */
void output_remove_stale(const char *dir);
/* mkdir -p of path's directory part. Returns 0 or an errno value. */
int output_make_parent_dirs(const char *path);

#endif
