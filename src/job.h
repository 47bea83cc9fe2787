/* job: one spec from file to written outputs (stages: read to write), used
 * by `render` and by each `batch` worker. Also the key of a spec's inputs,
 * for the batch cache. */
#ifndef SALTPRINT_JOB_H
#define SALTPRINT_JOB_H

#include <stdbool.h>

#include "diag.h"
#include "output.h"
#include "render.h"
#include "text.h"

struct job_opts {
	unsigned formats;
	int width;
	const char *theme; /* --theme, over the spec's */
	const char *share_dir;
	const char *fonts_dir;
	const char *suffix;
	bool to_stdout;
	/* Draw the PDF in a child process, in parallel with PNG and SVG. (cairo
	 * 1.16 leaks about 1.5 KB per PDF document in cairo_surface_finish; in
	 * a child that dies with it: docs/benchmarks.md.) */
	bool fork_pdf;
	/* Remove stale temporary files from the output directory before
	 * writing (output_remove_stale). A batch does it once per directory in
	 * the parent instead. */
	bool clean_stale;
	/* Leave the drawn files in the result for job_write_pending(), which a
	 * batch worker runs on another thread: its next spec draws while this
	 * one's files go to disk (fsync waits on the disk, not the CPU). */
	bool defer_write;
	struct render_opts ro;
};

struct job_output {
	char *path;
	const char *format;
	size_t bytes;
	char sha256[65];
};

struct job_result {
	int exit_code; /* 0, or the EXIT_* of the first problem */
	bool skipped;  /* unchanged since the cached render */
	double ms;
	char key[65]; /* sha256 of every input; "" when the spec is unreadable */
	int write_errno; /* why a file could not be written, or 0 */
	struct job_output out[3];
	int n_out;
	/* With job_opts.defer_write: the files drawn but not yet written, for
	 * job_write_pending(). */
	struct job_pending {
		char *path;
		const char *format;
		unsigned char *data;
		size_t len;
		bool begun; /* written under its temporary name, not yet in place */
		struct output_file file;
	} pending[3];
	int n_pending;
};

/* Renders spec_path to out_stem + suffix + .png/.svg/.pdf (or to standard
 * output). With `cached_key` equal to the spec's inputs key and every output
 * present, renders nothing and marks the result skipped. `check_only` lays
 * out without drawing. */
void job_run(struct text_engine *te, const char *spec_path, const char *out_stem,
	     const struct job_opts *o, const char *cached_key, bool check_only, struct diag *d,
	     struct job_result *r);
/* Writes the files job_run() left pending, each atomically, and records
 * their paths, sizes and sha256 in r->out (and the time in r->ms). A file
 * that cannot be written is an error in d, and r->exit_code becomes
 * EXIT_OUTPUT unless the spec failed already. Returns false then. The same
 * as job_write_begin() (the bytes under temporary names, the sha256) then
 * job_write_commit() (fsync where output_set_sync asks, and rename), which
 * may run on another thread. */
bool job_write_pending(struct job_result *r, struct diag *d);
bool job_write_begin(struct job_result *r, struct diag *d);
bool job_write_commit(struct job_result *r, struct diag *d);
/* Starts writing r's begun files to disk (output_start_flush): called for
 * several results before their job_write_commit, they go to disk together. */
void job_write_start_flush(struct job_result *r);
/* Flushes r's begun files to disk (output_sync), leaving job_write_commit
 * only to put them in place: called for several results before any
 * commit, their inodes are written once, not again after each link. */
void job_write_sync(struct job_result *r);
void job_result_fini(struct job_result *r);

#endif
