/* batch: `saltprint batch`: many specs over worker processes, with a
 * progress display, an incremental cache, shards and a JSON report. */
#ifndef SALTPRINT_BATCH_H
#define SALTPRINT_BATCH_H

#include <stdbool.h>

#include "job.h"

struct batch_opts {
	struct job_opts job;
	const char *outdir; /* "output" by default */
	const char *report; /* default: OUTDIR/saltprint-report.json */
	int jobs;	    /* workers */
	unsigned shard, shards; /* this is shard `shard` of `shards` (0-based) */
	bool force;
	double timeout; /* seconds without an answer before a worker is stopped; 0: none */
	/* The command line, from "batch" on: each worker is a fresh process
	 * running it again (see batch_worker_main). */
	char **argv;
	int argc;
};

/* Returns the exit code. */
int batch_run(char **inputs, size_t n_inputs, const struct batch_opts *o);

/* The worker side: `saltprint __batch-worker IN_FD OUT_FD batch ...`, which
 * the batch parent executes for each worker. Reads spec lines from IN_FD,
 * renders them with the fonts loaded once, answers on OUT_FD. */
int batch_worker_main(int in_fd, int out_fd, const struct batch_opts *o);

/* A manifest line's path under the output directory: without its "." and
 * ".." steps, repeated slashes and a leading slash ("./a//b/../c.json" ->
 * "a/c.json"); NULL when a ".." leads above its start. Free it. */
char *batch_manifest_rel(const char *path);

/* Where the end of s that fits in `cols` terminal columns starts (wide CJK
 * characters take two); the end of s for invalid UTF-8. */
const char *batch_tail_fitting(const char *s, int cols);

/* The shard (0..shards-1) a spec's relative path falls in: FNV-1a 64. */
unsigned batch_shard_of(const char *rel, unsigned shards);

#endif
