/* batch: the parent finds the specs, keeps this shard's, and hands them one
 * at a time to worker processes that each load the fonts once and render
 * with job_run(); it shows progress, keeps the cache of input keys in the
 * output directory, and writes the JSON report (stages: all). */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "output.h"
#include "util.h"

struct spec_item {
	char *path;    /* as opened */
	char *rel;     /* under the output directory, with its extension */
	char *cached;  /* the key of its last render, or NULL */
	bool suspect;  /* was in a worker's hands when it died: tried again alone */
	dev_t dev;     /* the file (0, 0 when it could not be found) */
	ino_t ino;
	/* the result */
	int status;    /* 0 pending, 1 rendered, 2 skipped, 3 failed */
	int exit_code;
	double ms;
	char key[65];
	char *outputs; /* "format\x1fbytes\x1fsha\x1fpath" records joined by \x1e */
	char *errors;
};

struct list {
	struct spec_item *v;
	size_t n, cap;
};

static void list_fini(struct list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].rel);
		free(l->v[i].cached);
		free(l->v[i].outputs);
		free(l->v[i].errors);
	}
	free(l->v);
}

unsigned batch_shard_of(const char *rel, unsigned shards)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a 64: offset basis, prime */
	for (const unsigned char *p = (const unsigned char *)rel; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return shards ? (unsigned)(h % shards) : 0;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Adds a spec; st is its stat() if the caller has it. */
static struct spec_item *add(struct list *l, const char *path, const char *rel,
			     const struct stat *st)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	struct spec_item *it = &l->v[l->n++];
	memset(it, 0, sizeof *it);
	it->path = xstrdup(path);
	it->rel = xstrdup(rel);
	struct stat own;
	if (st || stat(path, &own) == 0) {
		it->dev = (st ? st : &own)->st_dev;
		it->ino = (st ? st : &own)->st_ino;
	}
	return it;
}

/* A spec that fails before any worker sees it (exit 3, bad input). */
static void fail_early(struct spec_item *it, char *errors)
{
	it->status = 3;
	it->exit_code = EXIT_INPUT;
	it->errors = errors;
}

static bool is_spec_name(const char *name)
{
	return str_ends_with(name, ".json") || str_ends_with(name, ".yaml") ||
	       str_ends_with(name, ".yml");
}

/* A batch's report: saltprint-report.json, or with a variant's and a
 * shard's marks (saltprint-report@2x.0-of-4.json; see variant_name). */
static bool is_report_name(const char *name)
{
	return strncmp(name, "saltprint-report", 16) == 0 && str_ends_with(name, ".json");
}

/* OUTDIR/BASE, then the outputs' --suffix (a 1x and a 2x batch into one
 * directory draw different files, so each keeps its own cache and report;
 * a slash in it as "_"), then a shard's ".I-of-N", then EXT. */
static char *variant_name(const char *outdir, const char *base, const struct batch_opts *o,
			  const char *ext)
{
	GString *g = g_string_new(NULL);
	g_string_append_printf(g, "%s/%s", outdir, base);
	for (const char *p = o->job.suffix ? o->job.suffix : ""; *p; p++)
		g_string_append_c(g, *p == '/' ? '_' : *p);
	if (o->shards > 1)
		g_string_append_printf(g, ".%u-of-%u", o->shard, o->shards);
	g_string_append(g, ext);
	return g_string_free(g, FALSE);
}

/* Files that sit beside specs but are none, nor manifests. */
static bool is_data_or_output_name(const char *name)
{
	static const char *const ext[] = {".csv", ".tsv", ".png", ".svg", ".pdf", ".jpg", ".jpeg"};
	for (size_t i = 0; i < ARRAY_LEN(ext); i++)
		if (str_ends_with(name, ext[i]))
			return true;
	return false;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories a walk is in, innermost first: a symbolic link back to
 * one of them is not followed (two such links made 2^40 paths). */
struct walk_dir {
	dev_t dev;
	ino_t ino;
	const struct walk_dir *up;
};

static bool walk_loops(const struct walk_dir *in, const struct stat *st)
{
	for (; in; in = in->up)
		if (in->dev == st->st_dev && in->ino == st->st_ino)
			return true;
	return false;
}

/* Every spec under dir (whose stat() the caller has: self), in name
 * order; themes/ and hidden entries are not specs, nor is the output
 * directory. `up` is where the walk came from (NULL at its start). */
static void walk_in(struct list *l, const char *dir, const struct stat *self, const char *rel,
		    const char *skip_real, const struct walk_dir *up)
{
	struct walk_dir here = {self->st_dev, self->st_ino, up};
	DIR *dh = opendir(dir);
	if (!dh)
		return;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dh)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dh);
	if (n > 1) /* an empty directory has no array to sort */
		qsort(names, n, sizeof *names, cmp_name);
	for (size_t i = 0; i < n; i++) {
		char *path = g_strdup_printf("%s/%s", dir, names[i]);
		char *r = rel[0] ? g_strdup_printf("%s/%s", rel, names[i]) : g_strdup(names[i]);
		struct stat st;
		bool found = stat(path, &st) == 0;
		if (found && S_ISDIR(st.st_mode)) {
			char *real = realpath(path, NULL);
			bool skip = !strcmp(names[i], "themes") ||
				    (real && skip_real && !strcmp(real, skip_real)) || walk_loops(&here, &st);
			free(real);
			if (!skip)
				walk_in(l, path, &st, r, skip_real, &here);
		} else if (is_spec_name(names[i]) && !is_report_name(names[i])) {
			/* (an earlier batch's report, its output directory inside
			 * this one, is no spec) */
			add(l, path, r, found ? &st : NULL);
		}
		g_free(path);
		g_free(r);
		free(names[i]);
	}
	free(names);
}

static void walk(struct list *l, const char *dir, const struct stat *self, const char *rel,
		 const char *skip_real)
{
	walk_in(l, dir, self, rel, skip_real, NULL);
}

char *batch_manifest_rel(const char *path)
{
	char *out = xmalloc(strlen(path) + 1);
	size_t n = 0;
	while (*path == '/')
		path++;
	for (const char *p = path; *p;) {
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (n == 0) {
				free(out);
				return NULL;
			}
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* the slash before the step taken back */
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			if (n > 0)
				out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len + (e != NULL);
	}
	out[n] = '\0';
	return out;
}

/* A manifest: one spec or directory a line, relative to the manifest; #
 * comments. A spec's outputs go under the same relative path, so a path
 * that leads out of the manifest's directory fails (its outputs would
 * leave the output directory). */
static bool read_manifest(struct list *l, const char *file, const char *skip_real)
{
	char *buf;
	size_t len;
	if (file_read_all(file, 64u << 20, &buf, &len) != 0)
		return false;
	if (memchr(buf, '\0', len) || !g_utf8_validate(buf, (gssize)len, NULL)) {
		free(buf); /* not text: no manifest */
		return false;
	}
	const char *slash = strrchr(file, '/');
	int dl = slash ? (int)(slash - file) : 0;
	int lineno = 0;
	char *text = buf;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		text += 3; /* a byte-order mark, as some Windows editors write */
	for (char *line = text, *next; line && line < buf + len; line = next) {
		lineno++;
		next = memchr(line, '\n', (size_t)(buf + len - line));
		if (next)
			*next++ = '\0';
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		char *start = line;
		while (*line == ' ')
			line++;
		if (!*line || *line == '#')
			continue;
		char *path = line[0] == '/' || !dl ? g_strdup(line) : g_strdup_printf("%.*s/%s", dl, file, line);
		char *rel = batch_manifest_rel(line);
		struct stat st;
		int col = (int)(line - start) + 1;
		bool found = rel && stat(path, &st) == 0;
		if (found && S_ISDIR(st.st_mode)) {
			walk(l, path, &st, rel, skip_real);
		} else if (!rel) {
			fail_early(add(l, path, line, NULL),
				   g_strdup_printf("%s:%d:%d: error: %s leads out of the manifest's "
						   "directory, so its outputs would land outside the output "
						   "directory; list it in a manifest further up, or name the "
						   "spec itself\n",
						   file, lineno, col, line));
		} else if (!is_spec_name(rel)) {
			fail_early(add(l, path, rel, NULL),
				   g_strdup_printf("%s:%d:%d: error: %s is neither a spec (.json, .yaml "
						   "or .yml) nor a directory\n",
						   file, lineno, col, line));
		} else {
			add(l, path, rel, found ? &st : NULL);
		}
		free(rel);
		g_free(path);
	}
	free(buf);
	return true;
}

/* Each spec once, and each one's outputs its own: a spec listed twice (the
 * same file under the same relative path) is kept once; a spec whose
 * outputs would overwrite an earlier one's (a/x.yaml and b/x.yaml batched
 * together, or x.json beside x.yaml) fails, and the earlier one is drawn.
 * The batch's own report is no spec (with -o naming an input directory, it
 * is found there). Run on the whole list before it is cut into shards, so
 * every shard decides alike. */
static void check_list(struct list *l, const char *outdir, const char *report)
{
	GHashTable *files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *stems = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	struct stat rst;
	bool has_report = stat(report, &rst) == 0;
	size_t kept = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct spec_item *it = &l->v[i];
		if (has_report && it->ino && it->dev == rst.st_dev && it->ino == rst.st_ino) {
			free(it->path);
			free(it->rel);
			free(it->errors);
			continue;
		}
		char *file = it->ino ? g_strdup_printf("%ju:%ju\t%s", (uintmax_t)it->dev,
						       (uintmax_t)it->ino, it->rel)
				     : g_strdup_printf("\t%s\t%s", it->path, it->rel);
		if (g_hash_table_contains(files, file)) {
			g_free(file);
			free(it->path);
			free(it->rel);
			free(it->errors);
			continue;
		}
		g_hash_table_add(files, file);
		const char *dot = strrchr(it->rel, '.');
		char *stem = g_strndup(it->rel, dot ? (size_t)(dot - it->rel) : strlen(it->rel));
		gpointer first = g_hash_table_lookup(stems, stem); /* its index + 1 */
		if (!first) {
			g_hash_table_insert(stems, stem, GSIZE_TO_POINTER(kept + 1));
		} else {
			const struct spec_item *f = &l->v[GPOINTER_TO_SIZE(first) - 1];
			if (it->status == 0)
				fail_early(it, g_strdup_printf(
						       "%s: error: its outputs would overwrite those of %s "
						       "(%s/%s.*), which is drawn instead; rename one of them, "
						       "or batch them into separate output directories\n",
						       it->path, f->path, outdir, stem));
			g_free(stem);
		}
		l->v[kept++] = *it;
	}
	l->n = kept;
	g_hash_table_destroy(files);
	g_hash_table_destroy(stems);
}

/* --- the worker side ----------------------------------------------------- */

static void put_escaped(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

static char *unescape(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* Splits a line in place at tabs; returns the number of fields. */
static int split(char *line, char **f, int max)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

/* A worker draws and writes on its main thread and waits for the disk on a
 * second one: while specs' files are flushed (fsync) and put in place, the
 * next specs draw. With every core drawing, that wait had left a fifth of
 * the cores idle; the second thread does almost no work, so -j N still uses
 * N cores.
 *
 * The writer takes drawn specs in groups: WRITE_GROUP at once, or all that
 * are waiting when the drawing thread has nothing more to draw. It starts
 * the group's files to disk together and then waits for each, so that they
 * share the trips to the disk (on a journalled file system, fsyncs one after
 * another are one journal commit each), and it answers the parent once per
 * group. Each time the writer wakes (for a spec queued, an fsync's writes
 * coming back) it takes the core from a drawing thread when every core is
 * drawing, and so does the parent for each answer: a group of four halved
 * those switches (perf: 14,800 to 9,300 a thousand specs at -j 2). Up to
 * WRITE_QUEUE drawn specs wait, so the drawing goes on while a group is
 * written. */
#define WRITE_GROUP 4
#define WRITE_QUEUE (2 * WRITE_GROUP)
struct drawn {
	char *id;	    /* the parent's index of the spec */
	struct job_result r;
	char *errors;	    /* what drawing it said */
	bool slow;	    /* SALTPRINT_FAULT=slow-write: its group waits */
};
struct handoff {
	pthread_mutex_t mu;
	pthread_cond_t cv;  /* on CLOCK_MONOTONIC */
	bool done;	    /* nothing more will be queued */
	bool idle;	    /* the drawing thread waits for the parent */
	bool writing;	    /* the writer has a group in hand */
	int n;		    /* specs waiting, oldest first */
	struct drawn q[WRITE_QUEUE];
	FILE *out;	    /* answers to the parent */
	double beat;	    /* seconds between signs of life (below); 0: none */
	double slow_write;  /* SALTPRINT_FAULT=slow-write: seconds */
};

/* A sign of life for the parent's --timeout: the drawing thread has been
 * waiting `beat` seconds on the writer, whose disk is slow (a network file
 * system's stall). The parent counts only time without an answer or one of
 * these, so a slow disk is not taken for a spec that never ends: a drawing
 * thread stuck in a spec sends none. Sent only after such a wait, so a
 * batch whose disk keeps up sends none at all. */
static void alive(struct handoff *h)
{
	if (!h->out)
		return;
	flockfile(h->out); /* not inside one of the writer's answers */
	fputs("w\n", h->out);
	fflush(h->out);
	funlockfile(h->out);
}

static struct timespec ts_of(double seconds)
{
	return (struct timespec){(time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9)};
}

/* CLOCK_MONOTONIC's time `seconds` from now (the handoff's clock). */
static struct timespec after(double seconds)
{
	struct timespec t, d = ts_of(seconds);
	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += d.tv_sec + (t.tv_nsec + d.tv_nsec) / 1000000000L;
	t.tv_nsec = (t.tv_nsec + d.tv_nsec) % 1000000000L;
	return t;
}

static void answer(FILE *out, const char *id, const struct job_result *r, const char *errors)
{
	flockfile(out); /* one line, whole: the drawing thread may send alive() */
	int status = r->exit_code ? 3 : r->skipped ? 2 : 1;
	fprintf(out, "%s\t%d\t%d\t%.3f\t%s\t", id, status, r->exit_code, r->ms, r->key[0] ? r->key : "-");
	for (int i = 0; i < r->n_out; i++) {
		char rec[8192];
		snprintf(rec, sizeof rec, "%s%s\x1f%zu\x1f%s\x1f%s", i ? "\x1e" : "", r->out[i].format,
			 r->out[i].bytes, r->out[i].sha256, r->out[i].path);
		put_escaped(out, rec);
	}
	fputc('\t', out);
	put_escaped(out, errors);
	fprintf(out, "\t%d\n", r->write_errno);
	funlockfile(out);
}

static void *writer(void *arg)
{
	struct handoff *h = arg;
	char *wbuf = NULL;
	size_t wlen = 0;
	FILE *werrs = open_memstream(&wbuf, &wlen);
	struct diag d;
	diag_init(&d, werrs ? werrs : stderr);
	struct drawn batch[WRITE_QUEUE];
	pthread_mutex_lock(&h->mu);
	for (;;) {
		/* A full group, or what there is when the drawing thread has
		 * nothing to draw (it waits for the parent, or it has ended). */
		while (h->n < WRITE_GROUP && !(h->n > 0 && h->idle) && !h->done)
			pthread_cond_wait(&h->cv, &h->mu);
		if (h->n <= 0)
			break;
		/* Every spec waiting is ours now; the drawing thread may queue
		 * more meanwhile. */
		int n = h->n;
		memcpy(batch, h->q, (size_t)n * sizeof batch[0]);
		h->n = 0;
		h->writing = true;
		pthread_cond_broadcast(&h->cv);
		pthread_mutex_unlock(&h->mu);
		for (int i = 0; i < n; i++)
			if (batch[i].slow) {
				struct timespec t = ts_of(h->slow_write);
				while (nanosleep(&t, &t) != 0 && errno == EINTR)
					;
			}
		for (int i = 0; i < n; i++)
			job_write_start_flush(&batch[i].r);
		for (int i = 0; i < n; i++)
			job_write_sync(&batch[i].r);
		for (int i = 0; i < n; i++) {
			struct drawn *b = &batch[i];
			if (werrs) {
				rewind(werrs);
				fflush(werrs);
				wlen = 0;
			}
			job_write_commit(&b->r, &d);
			if (werrs)
				fflush(werrs);
			char *errors = b->errors;
			if (werrs && wlen) {
				errors = g_strdup_printf("%s%.*s", b->errors, (int)wlen, wbuf);
				g_free(b->errors);
			}
			answer(h->out, b->id, &b->r, errors);
			g_free(errors);
			job_result_fini(&b->r);
			free(b->id);
		}
		fflush(h->out);
		pthread_mutex_lock(&h->mu);
		h->writing = false;
	}
	pthread_mutex_unlock(&h->mu);
	if (werrs)
		fclose(werrs);
	free(wbuf);
	return NULL;
}

/* The parent's lines to a worker, read without stdio so that the worker
 * knows when it is about to wait for the parent: then the writer should not
 * wait for a fuller group. */
struct line_in {
	int fd;
	char *buf;
	size_t len, cap, used; /* used: the line returned last, and its newline */
};

static void set_idle(struct handoff *h, bool idle)
{
	pthread_mutex_lock(&h->mu);
	h->idle = idle;
	if (idle && h->n > 0)
		pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->mu);
}

/* The next line without its newline, or NULL at the end of the input. */
static char *next_line(struct line_in *in, struct handoff *h)
{
	if (in->used) {
		memmove(in->buf, in->buf + in->used, in->len - in->used);
		in->len -= in->used;
		in->used = 0;
	}
	for (;;) {
		char *nl = in->len ? memchr(in->buf, '\n', in->len) : NULL;
		if (nl) {
			*nl = '\0';
			in->used = (size_t)(nl + 1 - in->buf);
			return in->buf;
		}
		if (in->cap - in->len < 4096) {
			in->cap = in->cap * 2 + 16384;
			in->buf = xrealloc(in->buf, in->cap);
		}
		struct pollfd p = {.fd = in->fd, .events = POLLIN};
		/* Nothing to read yet (or poll itself was interrupted): the read may
		 * wait, so the writer should not wait for a fuller group. */
		bool waits = h && poll(&p, 1, 0) <= 0;
		if (waits)
			set_idle(h, true);
		/* Waiting for the parent while the writer's disk is slow: the
		 * parent still waits for those answers. */
		while (waits && h->beat > 0 && poll(&p, 1, (int)(h->beat * 1000)) == 0) {
			pthread_mutex_lock(&h->mu);
			bool busy = h->writing || h->n > 0;
			pthread_mutex_unlock(&h->mu);
			if (busy)
				alive(h);
		}
		ssize_t got;
		do
			got = read(in->fd, in->buf + in->len, in->cap - in->len);
		while (got < 0 && errno == EINTR);
		if (waits)
			set_idle(h, false);
		if (got <= 0)
			return NULL; /* the end, or a line the parent never finished */
		in->len += (size_t)got;
	}
}

/* A worker leaves Ctrl-C and SIGTERM to the parent, which stops handing
 * out specs and lets the workers finish the ones in hand. It is forked
 * with them blocked (an exec keeps the mask), so none arrives before
 * this. */
static void worker_signals(void)
{
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* When memory runs out (a container's limit, most often), the kernel's
 * out-of-memory killer is to take a worker, whose specs the batch draws
 * again (see worker_ended), before the parent, which holds the batch, or
 * a CI runner beside it, which nothing brings back. A process may always
 * raise its own score. */
static void worker_first_to_go(void)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (write(fd, "1000", 4) != 4) {
		/* an old kernel, or no /proc: the kernel's own choice, then */
	}
	close(fd);
}

static void worker(int in_fd, int out_fd, const char *fonts_dir, const struct batch_opts *o)
{
	worker_signals();
	worker_first_to_go();
	struct line_in in = {.fd = in_fd};
	char *errbuf = NULL;
	size_t errlen = 0;
	FILE *errs = open_memstream(&errbuf, &errlen);
	struct diag d;
	diag_init(&d, errs);
	struct job_opts jo = o->job;
	jo.defer_write = true;
	struct handoff h;
	memset(&h, 0, sizeof h);
	pthread_mutex_init(&h.mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&h.cv, &ca);
	pthread_condattr_destroy(&ca);
	/* Signs of life four times within the time limit, at least once a
	 * second (and at most a hundred times). */
	h.beat = o->timeout > 0 ? fmin(1, fmax(0.01, o->timeout / 4)) : 0;
	h.out = fdopen(out_fd, "w");
	pthread_t wt;
	bool threaded = pthread_create(&wt, NULL, writer, &h) == 0;
	/* The fonts, once for every spec this worker renders. */
	struct text_engine *te = text_engine_new(fonts_dir, &d);
	/* For the tests of a worker's failures, of two batches at once and of
	 * a slow disk (docs/batch.md): SALTPRINT_FAULT=KIND:NAME[:ARG], KIND
	 * crash (SIGSEGV), oom (SIGKILL), hang, wait (ARG a file) or
	 * slow-write (ARG seconds), NAME being the end of a spec's path. */
	const char *fault = getenv("SALTPRINT_FAULT");
	char kind = 0, *fault_spec = NULL, *fault_arg = NULL;
	static const char *const kinds[] = {"crash:", "hang:", "wait:", "slow-write:", "oom:"};
	for (size_t i = 0; fault && i < ARRAY_LEN(kinds); i++)
		if (!strncmp(fault, kinds[i], strlen(kinds[i]))) {
			kind = kinds[i][0];
			fault_spec = xstrdup(fault + strlen(kinds[i]));
			if ((fault_arg = strchr(fault_spec, ':')) != NULL)
				*fault_arg++ = '\0';
		}
	if (kind == 's' && fault_arg)
		h.slow_write = atof(fault_arg);
	char *line;
	while ((line = next_line(&in, threaded ? &h : NULL)) != NULL) {
		char *f[4];
		if (split(line, f, 4) != 4)
			continue;
		char *path = unescape(f[1]), *stem = unescape(f[2]);
		struct job_result r;
		memset(&r, 0, sizeof r);
		fflush(errs);
		rewind(errs);
		errlen = 0;
		if (errbuf)
			errbuf[0] = '\0';
		bool hit = fault_spec && str_ends_with(path, fault_spec);
		if (hit && kind == 'w' && fault_arg) { /* ARG-waiting says so; ARG lets it go on */
			char *waiting = g_strconcat(fault_arg, "-waiting", NULL);
			FILE *wf = fopen(waiting, "w");
			if (wf)
				fclose(wf);
			g_free(waiting);
			while (access(fault_arg, F_OK) != 0)
				usleep(10000);
		}
		while (hit && kind == 'h')
			pause();
		if (hit && kind == 'c') { /* a crash, without a core file */
			setrlimit(RLIMIT_CORE, &(struct rlimit){0, 0});
			signal(SIGSEGV, SIG_DFL);
			raise(SIGSEGV);
		}
		if (hit && kind == 'o')
			raise(SIGKILL); /* as the out-of-memory killer does */
		if (te)
			job_run(te, path, stem, &jo, strcmp(f[3], "-") ? f[3] : NULL, false, &d, &r);
		else
			r.exit_code = EXIT_FONT;
		/* The bytes go out here (and their sha256 is taken); the wait for
		 * the disk and the rename happen on the writer thread. */
		if (threaded)
			job_write_begin(&r, &d);
		else
			job_write_pending(&r, &d);
		fflush(errs);
		char *errors = g_strndup(errbuf && errlen ? errbuf : (te ? "" : "cannot load the fonts\n"),
					 errbuf && errlen ? errlen : (te ? 0 : 22));
		free(path);
		free(stem);
		if (!threaded) {
			answer(h.out, f[0], &r, errors);
			fflush(h.out);
			job_result_fini(&r);
			g_free(errors);
			continue;
		}
		pthread_mutex_lock(&h.mu);
		while (h.n == WRITE_QUEUE) {
			if (h.beat <= 0) {
				pthread_cond_wait(&h.cv, &h.mu);
				continue;
			}
			struct timespec until = after(h.beat);
			if (pthread_cond_timedwait(&h.cv, &h.mu, &until) == ETIMEDOUT &&
			    h.n == WRITE_QUEUE) {
				pthread_mutex_unlock(&h.mu);
				alive(&h); /* the writer's disk is slow */
				pthread_mutex_lock(&h.mu);
			}
		}
		h.q[h.n].id = xstrdup(f[0]);
		h.q[h.n].r = r;
		h.q[h.n].errors = errors;
		h.q[h.n].slow = hit && kind == 's';
		h.n++;
		if (h.n >= WRITE_GROUP)
			pthread_cond_broadcast(&h.cv);
		pthread_mutex_unlock(&h.mu);
	}
	if (threaded) {
		pthread_mutex_lock(&h.mu);
		h.done = true;
		pthread_cond_broadcast(&h.cv);
		pthread_mutex_unlock(&h.mu);
		pthread_join(wt, NULL);
	}
	pthread_mutex_destroy(&h.mu);
	pthread_cond_destroy(&h.cv);
	free(in.buf);
	free(fault_spec);
	text_engine_free(te);
	fclose(errs);
	free(errbuf);
	close(in_fd);
	if (h.out)
		fclose(h.out);
}

/* --- the parent side ------------------------------------------------------ */

/* The cache file's keys by spec (relative path): looked up once per spec,
 * so a hash table, not a search of the list (10,000 specs would make 50
 * million comparisons). */
static GHashTable *cache_load(const char *file)
{
	GHashTable *c = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	char *buf;
	size_t len;
	if (file_read_all(file, 256u << 20, &buf, &len) != 0)
		return c;
	for (char *save = NULL, *line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		if (!tab || tab - line != 64 || line[0] == '#')
			continue;
		g_hash_table_insert(c, g_strdup(tab + 1), g_strndup(line, 64));
	}
	free(buf);
	return c;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static const char *status_name(int s)
{
	static const char *const n[] = {"not started", "rendered", "skipped", "failed"};
	return n[s];
}

/* Set by the first Ctrl-C or SIGTERM: no more specs are handed out, the
 * ones in hand finish, and the cache and report are written, so that the
 * next run goes on from there. A second one ends the batch at once. */
static volatile sig_atomic_t stop_signal;

/* Returns 0, or the errno of the write. */
static int write_report(const char *file, const struct list *l, double seconds, size_t counts[4],
			int stopped_by, int shed, const struct batch_opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	/* jobs as asked; workers_shed, those the batch went on without after a
	 * SIGKILL (see worker_ended): a batch that ran short of memory. */
	fprintf(f,
		"{\n  \"saltprint\": \"%s\",\n  \"shard\": \"%u/%u\",\n  \"jobs\": %d,\n"
		"  \"workers_shed\": %d,\n",
		SALTPRINT_VERSION, o->shard, o->shards ? o->shards : 1, o->jobs, shed);
	fprintf(f, "  \"rendered\": %zu,\n  \"skipped\": %zu,\n  \"failed\": %zu,\n  \"seconds\": %.3f,\n",
		counts[1], counts[2], counts[3], seconds);
	/* Whether a signal or the output's disk (full, out of quota, read
	 * only) cut the batch short, and how many specs it left. */
	const char *cut = stop_signal == SIGINT	   ? "SIGINT"
			  : stop_signal == SIGTERM ? "SIGTERM"
			  : stopped_by		   ? strerrorname_np(stopped_by)
						   : NULL;
	fprintf(f, "  \"interrupted\": %s%s%s,\n  \"not_started\": %zu,\n", cut ? "\"" : "",
		cut ? cut : "null", cut ? "\"" : "", l->n - counts[1] - counts[2] - counts[3]);
	fputs("  \"specs\": [", f);
	for (size_t i = 0; i < l->n; i++) {
		const struct spec_item *it = &l->v[i];
		fprintf(f, "%s\n    {\"spec\": ", i ? "," : "");
		json_str(f, it->path);
		fprintf(f, ", \"status\": \"%s\", \"exit\": %d, \"ms\": %.3f, \"inputs_sha256\": ",
			status_name(it->status), it->exit_code, it->ms);
		json_str(f, it->key);
		fputs(", \"outputs\": [", f);
		int k = 0;
		/* Cut up copies: the errors are printed again in the summary. */
		char *outputs = g_strdup(it->outputs), *errors = g_strdup(it->errors);
		for (char *save = NULL, *rec = outputs ? strtok_r(outputs, "\x1e", &save) : NULL;
		     rec; rec = strtok_r(NULL, "\x1e", &save)) {
			char *p[4];
			int np = 0;
			p[np++] = rec;
			for (char *q = rec; *q && np < 4; q++)
				if (*q == '\x1f') {
					*q = '\0';
					p[np++] = q + 1;
				}
			if (np != 4)
				continue;
			fprintf(f, "%s{\"format\": \"%s\", \"path\": ", k++ ? ", " : "", p[0]);
			json_str(f, p[3]);
			fprintf(f, ", \"bytes\": %s, \"sha256\": \"%s\"}", p[1], p[2]);
		}
		fputs("], \"errors\": [", f);
		k = 0;
		for (char *save = NULL, *e = errors ? strtok_r(errors, "\n", &save) : NULL; e;
		     e = strtok_r(NULL, "\n", &save)) {
			fputs(k++ ? ", " : "", f);
			json_str(f, e);
		}
		fputs("]}", f);
		g_free(outputs);
		g_free(errors);
	}
	fputs("\n  ]\n}\n", f);
	fclose(f);
	int err;
	if (!strcmp(file, "-")) { /* --report -: to standard output, for a pipe */
		err = fwrite(buf, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : EIO;
	} else {
		err = output_make_parent_dirs(file);
		if (!err)
			err = output_write_atomic(file, buf, len);
	}
	free(buf);
	return err;
}

/* Counts a spec that is done and logs it: on a terminal only a failure
 * (above the bar, which is then drawn again), else a plain line. */
static void finished(const struct spec_item *it, FILE *log, bool tty, size_t counts[4],
		     int *exit_code, double *drawn)
{
	counts[it->status]++;
	if (it->status == 3 && (*exit_code == EXIT_OK || it->exit_code < *exit_code))
		*exit_code = it->exit_code ? it->exit_code : EXIT_INTERNAL;
	if (tty) {
		if (it->status == 3) {
			fprintf(log, "\r\033[KFAILED %s\n%s", it->path, it->errors ? it->errors : "");
			*drawn = 0;
		}
	} else {
		fprintf(log, "%-8s %s (%.0f ms)\n", status_name(it->status), it->path, it->ms);
		if (it->status == 3 && it->errors)
			fputs(it->errors, log);
	}
}

static int display_width(gunichar c)
{
	return g_unichar_iswide(c) ? 2 : g_unichar_iszerowidth(c) ? 0 : 1;
}

const char *batch_tail_fitting(const char *s, int cols)
{
	if (!g_utf8_validate(s, -1, NULL))
		return s + strlen(s); /* not shown rather than shown garbled */
	int w = 0;
	const char *p = s + strlen(s);
	while (p > s) {
		const char *prev = g_utf8_prev_char(p);
		int cw = display_width(g_utf8_get_char(prev));
		if (w + cw > cols)
			break;
		w += cw;
		p = prev;
	}
	return p;
}

/* The terminal's width in columns (80 when it does not say). */
static int term_cols(int fd)
{
	struct winsize ws;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* The bar, on one line of the terminal: a line that wrapped would leave a
 * copy of itself at every redraw, so the current spec's path is cut from
 * the left ("…2017/report-card-poster.yaml") to fit. */
static void progress(FILE *f, size_t done, size_t total, double t0, const char *current)
{
	double el = now_s() - t0, rate = el > 0 ? done / el : 0;
	double eta = rate > 0 ? (total - done) / rate : 0;
	int width = 24, fill = total ? (int)(width * done / total) : width;
	char bar[32];
	for (int i = 0; i < width; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[width] = '\0';
	char head[160];
	int n = snprintf(head, sizeof head, "[%s] %zu/%zu  %.1f/s  ETA %d:%02d  ", bar, done, total,
			 rate, (int)eta / 60, (int)eta % 60);
	int room = term_cols(2) - 1 - n; /* the last column would wrap on some terminals */
	if (room < 2) { /* a narrow terminal: the counts alone */
		fprintf(f, "\r\033[K%zu/%zu", done, total);
		return;
	}
	const char *name = current ? current : "";
	const char *tail = batch_tail_fitting(name, room);
	bool cut = tail != name;
	if (cut)
		tail = batch_tail_fitting(name, room - 1); /* and the ellipsis */
	fprintf(f, "\r\033[K%s%s", head, cut ? "\u2026" : "");
	for (const char *c = tail; *c; c++) /* a control character would move the cursor */
		fputc((unsigned char)*c < 0x20 || *c == 0x7f ? '?' : *c, f);
}

/* What a round of answers printed, to stderr in one write: a CI log's
 * reader is woken once a round, not once a line. */
static void log_out(FILE *log, char **buf, size_t *len)
{
	fflush(log);
	if (*len)
		fwrite(*buf, 1, *len, stderr);
	rewind(log);
	*len = 0;
}

/* Specs sent to a worker ahead of its answers: the next ones wait in its
 * pipe while it renders and while a group of its specs is written (whose
 * answers come together), so it never waits for the parent to be scheduled
 * (with every core busy, that wait left a fifth of the cores idle). */
#define WORKER_QUEUE (2 + WRITE_QUEUE)

struct worker_io {
	pid_t pid;
	FILE *to;
	int from;		 /* answers, one line each */
	char *in;		 /* what has been read of them */
	size_t in_len, in_cap;
	long queue[WORKER_QUEUE]; /* the specs sent, oldest (being rendered) first */
	int queued;
	long sent;    /* specs sent to this process */
	double heard; /* when it last answered, or was given work while idle */
	bool alone;   /* it has one spec to try alone (see the retry list) */
	bool stopped; /* killed for taking too long */
};

/* Starts worker k of n (its earlier process, if any, already reaped). It
 * loads the fonts once for all the specs it renders, and holds nothing of
 * the parent's: not the list of specs (so its memory does not grow with the
 * batch), no library state half used. The first workers are forked before
 * the parent has read a directory or loaded a library's state (`early`),
 * and go straight to work: that spares each the 5-7 ms of executing
 * saltprint again (the dynamic linker's relocations) and lets them load
 * their fonts while the parent walks the directories. A replacement, forked
 * once the parent holds the list and has checked the fonts, executes
 * saltprint again. */
static bool start_worker(struct worker_io *w, int n, int k, const struct batch_opts *o, bool early)
{
	int a[2], b[2];
	if (pipe(a) != 0)
		return false;
	if (pipe(b) != 0) {
		close(a[0]);
		close(a[1]);
		return false;
	}
	/* The worker's command line, built before fork: the child only closes
	 * descriptors and executes. */
	char fd_in[16], fd_out[16];
	snprintf(fd_in, sizeof fd_in, "%d", a[0]);
	snprintf(fd_out, sizeof fd_out, "%d", b[1]);
	char **args = xcalloc((size_t)o->argc + 5, sizeof *args); /* NULL-ended */
	args[0] = (char *)"saltprint";
	args[1] = (char *)"__batch-worker";
	args[2] = fd_in;
	args[3] = fd_out;
	for (int i = 0; i < o->argc; i++)
		args[4 + i] = o->argv[i];
	fflush(stdout);
	fflush(stderr);
	sigset_t stop, was;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, &was);
	pid_t pid = fork();
	if (pid != 0)
		pthread_sigmask(SIG_SETMASK, &was, NULL);
	if (pid < 0) {
		free(args);
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
		return false;
	}
	if (pid == 0) {
		close(a[1]);
		close(b[0]);
		for (int j = 0; j < n; j++) {
			if (j == k)
				continue;
			if (w[j].to)
				close(fileno(w[j].to));
			if (w[j].from >= 0)
				close(w[j].from);
		}
		if (!early)
			execv("/proc/self/exe", args);
		/* Early, or no /proc (a bare chroot): work in this forked copy. */
		prctl(PR_SET_NAME, "saltprint-work", 0, 0, 0);
		worker(a[0], b[1], o->job.fonts_dir, o);
		_exit(0);
	}
	free(args);
	close(a[0]);
	close(b[1]);
	w[k].pid = pid;
	w[k].to = fdopen(a[1], "w");
	w[k].from = b[0];
	w[k].in_len = 0;
	w[k].queued = 0;
	w[k].sent = 0;
	w[k].heard = now_s();
	w[k].alone = false;
	w[k].stopped = false;
	return w[k].to != NULL;
}

int batch_worker_main(int in_fd, int out_fd, const struct batch_opts *o)
{
	signal(SIGPIPE, SIG_IGN);
	worker(in_fd, out_fd, o->job.fonts_dir, o);
	return 0;
}

/* Closes a worker's pipes (it reads the end and leaves) and, with `reap`,
 * waits for it. Returns its wait status, or -1 when it was not reaped. */
static int end_worker(struct worker_io *wk, bool reap)
{
	if (wk->to)
		fclose(wk->to);
	wk->to = NULL;
	if (wk->from >= 0)
		close(wk->from);
	wk->from = -1;
	int st = -1;
	pid_t got = -1;
	while (reap && wk->pid > 0 && (got = waitpid(wk->pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (reap)
		wk->pid = 0;
	return got > 0 ? st : -1;
}

/* Why a worker ended, from its wait status, for a spec's error. */
static char *worker_end_cause(int st)
{
	if (st >= 0 && WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		const char *name = sigabbrev_np(sig);
		if (sig == SIGKILL)
			return g_strdup(" (SIGKILL: the kernel's out-of-memory killer, or a kill -9)");
		return name ? g_strdup_printf(" (SIG%s)", name) : g_strdup_printf(" (signal %d)", sig);
	}
	if (st >= 0 && WIFEXITED(st))
		return g_strdup_printf(" (exit status %d)", WEXITSTATUS(st));
	return g_strdup("");
}

static void stop_workers(struct worker_io *w, int jobs)
{
	for (int k = 0; k < jobs; k++)
		end_worker(&w[k], true);
}

static void on_stop(int sig) { stop_signal = sig; }

static void catch_stop(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sa.sa_flags = (int)SA_RESETHAND; /* the second one: the default, at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* The parent's state while a batch runs. */
struct run {
	const struct batch_opts *o;
	const char *outdir;
	struct list l;		  /* this shard's specs */
	struct worker_io *w;
	int jobs;
	long recycle;		  /* specs a worker draws before it is replaced */
	size_t *todo, n_todo, next; /* the specs for the workers, and the next to send */
	long *retry;		  /* specs to draw again alone (a worker died) */
	size_t n_retry;
	size_t done, counts[4];
	int exit_code;
	bool tty, stopping;
	int stopped_by;		  /* the errno that stopped the batch (a full disk), or 0 */
	int shed;		  /* workers gone on without (worker_ended) */
	FILE *log;		  /* what a round prints, then to stderr at once */
	char *logbuf;
	size_t loglen;
	double t0, drawn;	  /* when the bar was last drawn */
	const char *drawn_rel;
};

/* The specs under the inputs (directories, specs, manifests) into all.
 * Returns -1, or the exit code of an input that cannot be read. */
static int gather(char **inputs, size_t n_inputs, const char *outdir, struct list *all)
{
	/* The output directory, if it is there already, is not searched for
	 * specs; it is made once the fonts are known to be good. */
	char *out_real = realpath(outdir, NULL);
	int rc = -1;
	for (size_t i = 0; i < n_inputs && rc < 0; i++) {
		struct stat st;
		size_t had = all->n;
		if (stat(inputs[i], &st) != 0) {
			fprintf(stderr, "%s: error: cannot read: %s\n", inputs[i], strerror(errno));
			rc = EXIT_INPUT;
		} else if (S_ISDIR(st.st_mode)) {
			walk(all, inputs[i], &st, "", out_real);
		} else if (is_spec_name(inputs[i])) {
			const char *base = strrchr(inputs[i], '/');
			add(all, inputs[i], base ? base + 1 : inputs[i], &st);
		} else if (is_data_or_output_name(inputs[i])) {
			/* A shell's `data/x/` followed by a star names the tables
			 * and any drawings beside the specs too: no manifests. */
			fprintf(stderr, "%s: note: passed over: a data table or a drawing, not a spec or a "
					"manifest\n",
				inputs[i]);
		} else if (!read_manifest(all, inputs[i], out_real)) {
			fprintf(stderr, "%s: error: cannot read the manifest (a text file, one spec or "
					"directory a line)\n",
				inputs[i]);
			rc = EXIT_INPUT;
		}
		/* An input that gave nothing is most often a mistake (the wrong
		 * folder, specs not yet checked out): said, not an error, since
		 * a folder may be empty for now. */
		if (rc < 0 && all->n == had && (S_ISDIR(st.st_mode) || !is_data_or_output_name(inputs[i])))
			fprintf(stderr, "%s: note: no specs here (files ending .json, .yaml or .yml)\n",
				inputs[i]);
	}
	free(out_real);
	return rc;
}

/* Temporary files a killed run left, once per output directory (the
 * workers do not scan: see output_remove_stale). */
static void remove_stale(const struct list *l, const char *outdir)
{
	GHashTable *dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_hash_table_add(dirs, g_strdup(outdir));
	output_remove_stale(outdir);
	for (size_t i = 0; i < l->n; i++) {
		const char *slash = strrchr(l->v[i].rel, '/');
		if (!slash)
			continue;
		char *dir = g_strdup_printf("%s/%.*s", outdir, (int)(slash - l->v[i].rel), l->v[i].rel);
		if (g_hash_table_contains(dirs, dir)) {
			g_free(dir);
			continue;
		}
		output_remove_stale(dir);
		g_hash_table_add(dirs, dir);
	}
	g_hash_table_destroy(dirs);
}

/* The cache: the input keys of every spec that rendered or was skipped,
 * and the entries of the others as the file has them when the run ends: a
 * spec an interruption left unstarted keeps its entry (its files are as
 * they were; --force, which trusts no entry, drops it), and so do specs this
 * run did not include (rendering one spec by hand into the directory must
 * not make the next whole batch draw everything again). A failed spec has
 * none.
 *
 * The file is read again here, not taken from the start of the run: two
 * batches at once into one directory (a CI job per folder of specs, not
 * shards) would otherwise each write back what they read before the other
 * ended, and lose the other's entries. The read and the write happen under
 * a lock on the output directory (flock, advisory: only saltprint heeds it;
 * where the file system has no locks, the batch goes on without). */
static void write_cache(const char *file, const char *outdir, const struct list *l, bool force)
{
	int lock = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lock >= 0)
		while (flock(lock, LOCK_EX) != 0 && errno == EINTR)
			;
	GHashTable *cache = cache_load(file);
	char *cbuf = NULL;
	size_t clen = 0;
	FILE *cf = open_memstream(&cbuf, &clen);
	fputs("# saltprint batch cache: sha256 of each spec's inputs, and the spec\n", cf);
	for (size_t i = 0; i < l->n; i++) {
		const struct spec_item *it = &l->v[i];
		const char *now = g_hash_table_lookup(cache, it->rel);
		if ((it->status == 1 || it->status == 2) && it->key[0])
			fprintf(cf, "%s\t%s\n", it->key, it->rel);
		else if (it->status == 0 && now && !force)
			fprintf(cf, "%s\t%s\n", now, it->rel);
		g_hash_table_remove(cache, it->rel);
	}
	/* The others in name order, so that the file is the same on every run. */
	GList *rest = g_list_sort(g_hash_table_get_keys(cache), (GCompareFunc)strcmp);
	for (GList *r = rest; r; r = r->next)
		fprintf(cf, "%s\t%s\n", (const char *)g_hash_table_lookup(cache, r->data),
			(const char *)r->data);
	g_list_free(rest);
	g_hash_table_destroy(cache);
	fclose(cf);
	int err = output_write_atomic(file, cbuf, clen);
	if (err)
		fprintf(stderr, "%s: error: cannot write the cache: %s\n", file, strerror(err));
	free(cbuf);
	if (lock >= 0)
		close(lock); /* and the lock with it */
}

static void done_one(struct run *r, struct spec_item *it)
{
	r->done++;
	finished(it, r->log, r->tty, r->counts, &r->exit_code, &r->drawn);
}

/* Sends worker k what it should draw next, or ends it when there is no
 * more. Specs to draw again go one at a time to an idle worker, and
 * nothing else is handed out until they are done. */
static void hand_out(struct run *r, int k)
{
	struct worker_io *wk = &r->w[k];
	bool more = !r->stopping && (r->n_retry || r->next < r->n_todo);
	if (more && wk->queued == 0 && wk->sent >= r->recycle) {
		end_worker(wk, true);
		if (!start_worker(r->w, r->jobs, k, r->o, false)) {
			perror("saltprint: starting a worker");
			return; /* the other workers go on */
		}
	}
	if (r->n_retry && (wk->queued > 0 || wk->alone))
		more = false;
	if (more && wk->queued == 0)
		wk->heard = now_s(); /* its clock starts now */
	while (wk->queued < WORKER_QUEUE && wk->sent < r->recycle && more) {
		long i = r->n_retry ? r->retry[--r->n_retry] : (long)r->todo[r->next++];
		struct spec_item *it = &r->l.v[i];
		wk->alone = wk->alone || it->suspect;
		char *stem = g_strdup_printf("%s/%.*s", r->outdir, (int)(strrchr(it->rel, '.') - it->rel),
					     it->rel);
		fprintf(wk->to, "%ld\t", i);
		put_escaped(wk->to, it->path);
		fputc('\t', wk->to);
		put_escaped(wk->to, stem);
		fprintf(wk->to, "\t%s\n", it->cached ? it->cached : "-");
		g_free(stem);
		wk->queue[wk->queued++] = i;
		wk->sent++;
		more = !wk->alone && !r->n_retry && r->next < r->n_todo;
	}
	fflush(wk->to);
	if (wk->queued == 0 && (r->stopping || (!r->n_retry && r->next >= r->n_todo))) {
		fclose(wk->to); /* no more work: the worker ends */
		wk->to = NULL;
	}
}

/* Worker k died, or was stopped for taking too long. Which of its specs
 * did it is not known (those drawn wait to be written in groups), so each
 * is tried again alone; one that ends its worker alone fails. The worker
 * is replaced.
 *
 * Except after a SIGKILL not ours: most often the kernel's out-of-memory
 * killer, in a container whose memory limit does not hold this many
 * workers. Replaced, the worker would be killed again and take innocent
 * specs with it; so the batch goes on with one worker fewer (while another
 * still takes work), and each spec it held is tried again, even one that
 * was alone: the room the worker leaves may be what it lacked. A spec that
 * the last worker taking work dies on, alone, fails. */
static void worker_ended(struct run *r, int k)
{
	struct worker_io *wk = &r->w[k];
	/* Its pipe has ended: it has ended too, or is ending. */
	int st = end_worker(wk, true);
	char *cause = worker_end_cause(st);
	int others = 0; /* the other workers that still take work */
	for (int j = 0; j < r->jobs; j++)
		others += j != k && r->w[j].to != NULL;
	bool shed = !wk->stopped && !r->stopping && others > 0 && st >= 0 && WIFSIGNALED(st) &&
		    WTERMSIG(st) == SIGKILL;
	for (int q = wk->queued - 1; q >= 0; q--) { /* popped in order */
		struct spec_item *it = &r->l.v[wk->queue[q]];
		if (!it->suspect || shed) {
			it->suspect = true;
			r->retry[r->n_retry++] = wk->queue[q];
			continue;
		}
		it->status = 3;
		if (wk->stopped) {
			it->exit_code = EXIT_INPUT;
			it->errors = g_strdup_printf("drawing this spec took over %g s, and was stopped "
						     "(--timeout S sets the limit)\n",
						     r->o->timeout);
		} else {
			it->exit_code = EXIT_INTERNAL;
			it->errors = g_strdup_printf("the worker rendering this spec ended unexpectedly%s\n",
						     cause);
		}
		done_one(r, it);
	}
	wk->queued = 0;
	if (shed) {
		r->shed++;
		fprintf(r->log, "%snote: a worker was killed%s; going on with %d worker%s\n",
			r->tty ? "\r\033[K" : "", cause, others, others == 1 ? "" : "s");
		r->drawn = 0;
	} else if (!r->stopping && (r->n_retry || r->next < r->n_todo) &&
		 !start_worker(r->w, r->jobs, k, r->o, false))
		perror("saltprint: starting a worker");
	g_free(cause);
}

/* The specs the workers hold (sent, not yet answered). */
static size_t in_hand(const struct run *r)
{
	size_t n = 0;
	for (int k = 0; k < r->jobs; k++)
		n += (size_t)r->w[k].queued;
	return n;
}

/* One answer line of worker k: the oldest spec in its hands is done. */
static void take_answer(struct run *r, struct worker_io *wk, char *line)
{
	struct spec_item *it = &r->l.v[wk->queue[0]];
	char *f[8];
	if (split(line, f, 8) == 8) {
		it->status = atoi(f[1]);
		it->exit_code = atoi(f[2]);
		it->ms = atof(f[3]);
		snprintf(it->key, sizeof it->key, "%s", strcmp(f[4], "-") ? f[4] : "");
		it->outputs = unescape(f[5]);
		it->errors = unescape(f[6]);
		int err = atoi(f[7]);
		/* An output disk that is full (or out of quota, or read-only)
		 * fails every spec after this one too: the batch stops handing
		 * them out, as for an interruption, instead of failing each. */
		if ((err == ENOSPC || err == EDQUOT || err == EROFS) && !r->stopping) {
			r->stopping = true;
			r->stopped_by = err;
			fprintf(r->log, "%sstopping: cannot write: %s; finishing the %zu specs in hand\n",
				r->tty ? "\r\033[K" : "", strerror(err), in_hand(r) - 1); /* not this one */
			r->drawn = 0;
		}
	} else {
		it->status = 3;
		it->exit_code = EXIT_INTERNAL;
		it->errors = xstrdup("the worker's answer was garbled\n");
	}
	memmove(wk->queue, wk->queue + 1, (size_t)(wk->queued - 1) * sizeof wk->queue[0]);
	wk->queued--;
	wk->alone = false;
	done_one(r, it);
	r->drawn_rel = it->rel;
}

/* Reads what worker k has answered; false when its pipe ended. */
static bool read_answers(struct run *r, int k)
{
	struct worker_io *wk = &r->w[k];
	if (wk->in_cap - wk->in_len < 65536) {
		wk->in_cap = wk->in_cap * 2 + 65536;
		wk->in = xrealloc(wk->in, wk->in_cap);
	}
	ssize_t got = read(wk->from, wk->in + wk->in_len, wk->in_cap - wk->in_len - 1);
	if (got < 0 && errno == EINTR)
		return true;
	if (got <= 0)
		return false;
	wk->in_len += (size_t)got;
	char *nl;
	while (wk->queued > 0 && (nl = memchr(wk->in, '\n', wk->in_len)) != NULL) {
		*nl = '\0';
		wk->heard = now_s();
		/* "w" is alive(): its disk is slow, it is not stuck. */
		if (strcmp(wk->in, "w") != 0)
			take_answer(r, wk, wk->in);
		size_t used = (size_t)(nl + 1 - wk->in);
		memmove(wk->in, nl + 1, wk->in_len - used);
		wk->in_len -= used;
	}
	return true;
}

/* Hands out the specs and collects the answers until all are done, the
 * workers are gone, or an interruption's specs in hand are finished. */
static void run_workers(struct run *r)
{
	const struct batch_opts *o = r->o;
	struct pollfd *pfd = xcalloc((size_t)r->jobs, sizeof *pfd);
	int *pk = xcalloc((size_t)r->jobs, sizeof *pk);
	for (;;) {
		if (stop_signal && !r->stopping) {
			r->stopping = true;
			fprintf(r->log, "%sinterrupted (%s): finishing the %zu specs in hand; again to stop at once\n",
				r->tty ? "\r\033[K" : "", stop_signal == SIGINT ? "SIGINT" : "SIGTERM",
				in_hand(r));
			r->drawn = 0;
		}
		for (int k = 0; k < r->jobs; k++)
			if (r->w[k].to)
				hand_out(r, k);
		if (r->done == r->l.n)
			break;
		int np = 0;
		for (int k = 0; k < r->jobs; k++)
			if (r->w[k].queued > 0) {
				pfd[np].fd = r->w[k].from;
				pfd[np].events = POLLIN;
				pk[np++] = k;
			}
		if (np == 0)
			break;
		/* With a time limit, a look at the clock four times a second. */
		if (poll(pfd, (nfds_t)np, o->timeout > 0 ? 250 : -1) < 0 && errno != EINTR)
			break;
		for (int k = 0; o->timeout > 0 && k < r->jobs; k++) {
			struct worker_io *wk = &r->w[k];
			if (wk->queued > 0 && !wk->stopped && now_s() - wk->heard > o->timeout) {
				kill(wk->pid, SIGKILL); /* its pipe ends: read_answers */
				wk->stopped = true;
			}
		}
		for (int p = 0; p < np; p++)
			if ((pfd[p].revents & (POLLIN | POLLHUP | POLLERR)) && !read_answers(r, pk[p]))
				worker_ended(r, pk[p]);
		if (r->tty && r->drawn_rel && (r->done == r->l.n || now_s() - r->drawn >= 0.05)) {
			progress(r->log, r->done, r->l.n, r->t0, r->drawn_rel);
			r->drawn = now_s();
		}
		if (r->log != stderr)
			log_out(r->log, &r->logbuf, &r->loglen);
	}
	free(pk);
	free(pfd);
	/* Specs left without an interruption or a full disk: every worker had
	 * ended and none could be started again (fork failed). */
	for (size_t i = 0; !stop_signal && !r->stopped_by && i < r->l.n; i++)
		if (r->l.v[i].status == 0) {
			struct spec_item *it = &r->l.v[i];
			it->status = 3;
			it->exit_code = EXIT_INTERNAL;
			it->errors = xstrdup("no worker was left to draw this spec (starting one failed)\n");
			done_one(r, it);
		}
}

int batch_run(char **inputs, size_t n_inputs, const struct batch_opts *o)
{
	stop_signal = 0;
	catch_stop();
	struct run r;
	memset(&r, 0, sizeof r);
	r.o = o;
	r.outdir = o->outdir ? o->outdir : "output";
	r.t0 = now_s();
	/* The workers first (see start_worker): they load their fonts while
	 * the directories are walked. */
	r.jobs = o->jobs > 0 ? o->jobs : 1;
	r.w = xcalloc((size_t)r.jobs, sizeof *r.w);
	signal(SIGPIPE, SIG_IGN);
	for (int k = 0; k < r.jobs; k++)
		r.w[k].from = -1;
	for (int k = 0; k < r.jobs; k++)
		if (!start_worker(r.w, r.jobs, k, o, true)) {
			perror("saltprint: starting a worker");
			stop_workers(r.w, r.jobs);
			free(r.w);
			return EXIT_INTERNAL;
		}
	struct list all = {0};
	int rc = gather(inputs, n_inputs, r.outdir, &all);
	if (rc >= 0) {
		list_fini(&all);
		stop_workers(r.w, r.jobs);
		free(r.w);
		return rc;
	}
	/* A shard's report, and a variant's (--suffix), have names of their
	 * own, like their caches, so that they can share an output directory. */
	char *report = o->report ? g_strdup(o->report)
				 : variant_name(r.outdir, "saltprint-report", o, ".json");
	check_list(&all, r.outdir, report);
	/* This shard's part, decided by each spec's path alone. */
	for (size_t i = 0; i < all.n; i++) {
		if (o->shards > 1 && batch_shard_of(all.v[i].rel, o->shards) != o->shard) {
			free(all.v[i].path);
			free(all.v[i].rel);
			free(all.v[i].errors);
			continue;
		}
		if (r.l.n == r.l.cap) {
			r.l.cap = r.l.cap ? r.l.cap * 2 : 256;
			r.l.v = xrealloc(r.l.v, r.l.cap * sizeof *r.l.v);
		}
		r.l.v[r.l.n++] = all.v[i];
	}
	free(all.v);
	remove_stale(&r.l, r.outdir);

	/* A shard keeps its own cache file: shards that share an output
	 * directory (a volume all the pods of a Job mount) write at once. So
	 * does a variant: a 1x and a 2x batch (--suffix @2x) in turn into one
	 * directory each skip what is unchanged. */
	char *cache_file = variant_name(r.outdir, ".saltprint-cache", o, "");
	GHashTable *cache = cache_load(cache_file);
	for (size_t i = 0; i < r.l.n; i++) {
		const char *k = o->force ? NULL : g_hash_table_lookup(cache, r.l.v[i].rel);
		r.l.v[i].cached = k ? xstrdup(k) : NULL;
	}
	g_hash_table_destroy(cache);
	/* The specs for the workers: all but those that failed already. */
	r.todo = xcalloc(r.l.n + 1, sizeof *r.todo);
	for (size_t i = 0; i < r.l.n; i++)
		if (r.l.v[i].status == 0)
			r.todo[r.n_todo++] = i;
	/* More workers than specs: the spare ones end (reaped at the end). */
	for (int k = 0; k < r.jobs; k++)
		if ((size_t)k >= r.n_todo)
			end_worker(&r.w[k], false);
	/* A worker is replaced after this many specs: cairo 1.16 leaks about
	 * 1.5 KB per PDF it writes (docs/benchmarks.md), and a fresh process
	 * (fonts loaded again, ~20 ms) keeps every worker's memory flat.
	 * Without PDFs nothing grows (10,000 renders in one process, `make
	 * soak`), and the replacement is only a guard. */
	r.recycle = (o->job.formats & FORMAT_PDF) ? 500 : 10000;
	const char *rv = getenv("SALTPRINT_WORKER_SPECS");
	if (rv && atol(rv) > 0)
		r.recycle = atol(rv);
	/* The fonts, checked once here while the workers load them (which
	 * takes as long): a bad font configuration or lock is one clear error,
	 * not one per spec. */
	struct diag fd;
	diag_init(&fd, stderr);
	struct text_engine *te = text_engine_new(o->job.fonts_dir, &fd);
	if (!te) {
		stop_workers(r.w, r.jobs);
		free(r.w);
		list_fini(&r.l);
		g_free(cache_file);
		g_free(report);
		free(r.todo);
		return diag_exit_code(&fd);
	}
	text_engine_free(te);
	mkdir(r.outdir, 0777);

	r.tty = isatty(2);
	r.log = open_memstream(&r.logbuf, &r.loglen);
	if (!r.log)
		r.log = stderr;
	/* At most one worker's queue at a time waits to be drawn again. */
	r.retry = xcalloc((size_t)r.jobs * WORKER_QUEUE + 1, sizeof *r.retry);
	for (size_t i = 0; i < r.l.n; i++)
		if (r.l.v[i].status == 3)
			done_one(&r, &r.l.v[i]);
	run_workers(&r);
	if (r.log != stderr) {
		log_out(r.log, &r.logbuf, &r.loglen);
		fclose(r.log);
	}
	free(r.logbuf);
	free(r.retry);
	free(r.todo);
	for (int k = 0; k < r.jobs; k++)
		free(r.w[k].in);
	stop_workers(r.w, r.jobs);
	free(r.w);
	double seconds = now_s() - r.t0;
	if (r.tty)
		fputs("\r\033[K", stderr);

	write_cache(cache_file, r.outdir, &r.l, o->force);
	g_free(cache_file);
	int report_err = write_report(report, &r.l, seconds, r.counts, r.stopped_by, r.shed, o);
	if (report_err) {
		fprintf(stderr, "%s: error: cannot write the report: %s\n", report, strerror(report_err));
		if (r.exit_code == EXIT_OK)
			r.exit_code = EXIT_OUTPUT;
	}
	size_t not_started = r.l.n - r.counts[1] - r.counts[2] - r.counts[3];
	char stopped[96] = "";
	if (stop_signal) {
		snprintf(stopped, sizeof stopped, ", %zu not started (interrupted)", not_started);
		r.exit_code = 128 + stop_signal;
	} else if (r.stopped_by) { /* the exit status is the failures' (5) */
		snprintf(stopped, sizeof stopped, ", %zu not started (%s)", not_started,
			 strerror(r.stopped_by));
	}
	fprintf(stderr, "%zu rendered, %zu skipped, %zu failed%s in %.2f s (%.1f specs/s); report: %s\n",
		r.counts[1], r.counts[2], r.counts[3], stopped, seconds,
		seconds > 0 ? (r.l.n - not_started) / seconds : 0.0,
		report_err ? "not written" : strcmp(report, "-") ? report : "standard output");
	if (r.counts[3]) {
		/* The failures again with their errors, where a CI log's reader
		 * looks first: at its end. */
		fputs("failed:\n", stderr);
		for (size_t i = 0; i < r.l.n; i++) {
			const struct spec_item *it = &r.l.v[i];
			if (it->status != 3)
				continue;
			fprintf(stderr, "  %s\n", it->path);
			for (const char *e = it->errors; e && *e;) {
				const char *nl = strchr(e, '\n');
				int n = nl ? (int)(nl - e) : (int)strlen(e);
				fprintf(stderr, "    %.*s\n", n, e);
				e += n + (nl != NULL);
			}
		}
	}
	g_free(report);
	list_fini(&r.l);
	return r.exit_code;
}
