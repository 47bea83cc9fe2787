/* job: one spec, read to written outputs, with the key of its inputs (all
 * stages). The only place a spec's theme is resolved. */
#include "job.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "layout.h"
#include "output.h"
#include "spec.h"
#include "theme_load.h"
#include "util.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A file in the key: its name and the SHA-256 of the bytes read. */
static void hash_input(struct sha256 *ck, const char *path, const char *sha256)
{
	sha256_update(ck, path, strlen(path) + 1);
	sha256_update(ck, sha256, strlen(sha256) + 1);
}

static int cmp_input(const void *a, const void *b)
{
	const struct spec_input *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	return c ? c : strcmp(x->sha256, y->sha256);
}

/* Everything a render depends on: saltprint's version and options (and a
 * PDF's date), the spec and every file it read, the theme and its logo, the
 * font configuration and its lock. Files count as the bytes that were
 * parsed (a file saved again while the batch runs does not give the old
 * drawing the new file's key), and fonts.conf and fonts.lock as they were
 * when the fonts were loaded. */
static void inputs_key(const struct job_opts *o, struct text_engine *te, struct spec_inputs *in,
		       const char *theme_path, const struct theme_file *tf, char out[65])
{
	struct sha256 ck;
	sha256_init(&ck);
	char opts[512];
	snprintf(opts, sizeof opts, "saltprint %s\nformats %u width %d scale %g suffix %s theme %s pdf %d "
				    "side %d mp %g items %zu text %zu\n",
		 SALTPRINT_VERSION, o->formats, o->width, o->ro.scale, o->suffix ? o->suffix : "",
		 o->theme ? o->theme : "", o->ro.pdf_pages, o->ro.lim.max_side_px,
		 o->ro.lim.max_megapixels, o->ro.lim.max_items, o->ro.lim.max_text_chars);
	sha256_update(&ck, opts, strlen(opts));
	if (o->formats & FORMAT_PDF) {
		/* A PDF carries its date (SOURCE_DATE_EPOCH). */
		snprintf(opts, sizeof opts, "pdf date %lld\n", (long long)o->ro.date_epoch);
		sha256_update(&ck, opts, strlen(opts));
	}
	if (in->n > 1)
		qsort(in->v, in->n, sizeof *in->v, cmp_input);
	for (size_t i = 0; i < in->n; i++)
		hash_input(&ck, in->v[i].path, in->v[i].sha256);
	if (theme_path)
		hash_input(&ck, theme_path, tf->sha256);
	if (theme_path && tf->logo_file[0]) {
		/* The theme's logo, which the drawing reads itself. */
		char sha256[65];
		file_sha256(tf->logo_file, sha256);
		hash_input(&ck, tf->logo_file, sha256);
	}
	if (o->fonts_dir) {
		char file[4200];
		snprintf(file, sizeof file, "%s/fonts.conf", o->fonts_dir);
		hash_input(&ck, file, text_engine_conf_sha256(te));
		snprintf(file, sizeof file, "%s/fonts.lock", o->fonts_dir);
		hash_input(&ck, file, text_engine_lock_sha256(te));
	}
	sha256_final_hex(&ck, out);
}

/* The house style: --theme, else the spec's, else the data root's default,
 * else the built-in one. False after reporting an unknown or broken theme. */
static bool resolve_theme(const struct job_opts *o, const struct chart *c, const char *path,
			  struct theme_file *tf, char *found, size_t found_size, bool *have,
			  struct diag *d)
{
	theme_file_default(tf);
	*have = false;
	const char *want = o->theme ? o->theme : c->theme.text ? c->theme.text : "default";
	char spec_dir[4096];
	const char *slash = strrchr(path, '/');
	snprintf(spec_dir, sizeof spec_dir, "%.*s", slash ? (int)(slash - path) : 1,
		 slash ? path : ".");
	char known[1024];
	if (theme_find(want, o->theme ? "." : spec_dir, o->share_dir, found, found_size, known,
		       sizeof known)) {
		*have = true;
		return theme_load_cached(d, found, tf);
	}
	if (!o->theme && !c->theme.text)
		return true; /* no default theme file: the built-in style */
	char names_buf[1024];
	snprintf(names_buf, sizeof names_buf, "%s", known);
	const char *names[32];
	size_t n = 0;
	for (char *save = NULL, *tok = strtok_r(names_buf, ", ", &save); tok && n < 32;
	     tok = strtok_r(NULL, ", ", &save))
		names[n++] = tok;
	const char *near = str_nearest(want, names, n);
	if (o->theme)
		diag_error(d, DIAG_INPUT, NULL, 0, 0, "--theme %s: no such theme (%s)%s%s%s", want,
			   known[0] ? known : "no themes found", near ? "; did you mean \"" : "",
			   near ? near : "", near ? "\"?" : "");
	else
		diag_error(d, DIAG_INPUT, path, c->theme.pos.line, c->theme.pos.col,
			   "no theme \"%s\" (themes: %s)%s%s%s", want, known[0] ? known : "none found",
			   near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "");
	return false;
}

/* An output that can be kept: a regular file with something in it (a file
 * emptied by a machine crash after a --no-sync run is drawn again). */
static bool output_in_place(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

/* The PDF drawn in a child process: it shares the laid-out chart with the
 * parent by fork and sends the bytes back through a pipe, so that PNG and SVG
 * are drawn at the same time on another core. Returns the child's pid and
 * the read end in *fd, or -1 when no child could be started. */
static pid_t pdf_child(const struct chart_layout *l, const struct render_opts *ro, int *fd)
{
	int p[2];
	if (pipe(p) != 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		/* The pipe carries the PDF, or when drawing failed, the messages
		 * about it, for the parent to report where its own messages go. */
		close(p[0]);
		char *msg = NULL;
		size_t msg_len = 0;
		FILE *m = open_memstream(&msg, &msg_len);
		struct diag d;
		diag_init(&d, m ? m : stderr);
		struct dynbuf b;
		dynbuf_init(&b, (size_t)1 << 30);
		int rc = render_pdf(l, ro, &b, &d) == 0 ? 0 : diag_exit_code(&d);
		if (m)
			fclose(m);
		const unsigned char *src = rc == 0 ? b.data : (const unsigned char *)msg;
		size_t len = rc == 0 ? b.len : msg ? msg_len : 0;
		for (size_t off = 0; off < len;) {
			ssize_t n = write(p[1], src + off, len - off);
			if (n <= 0) {
				rc = rc ? rc : EXIT_INTERNAL;
				break;
			}
			off += (size_t)n;
		}
		_exit(rc);
	}
	close(p[1]);
	*fd = p[0];
	return pid;
}

/* Collects the child's PDF; false (having reported) when it failed. */
static bool pdf_collect(pid_t pid, int fd, struct dynbuf *out, const char *file, struct diag *d)
{
	unsigned char buf[65536];
	bool ok = true;
	for (;;) {
		struct pollfd pf = {fd, POLLIN, 0};
		int r = poll(&pf, 1, 120000);
		if (r <= 0) { /* two minutes without a byte: it hangs */
			kill(pid, SIGKILL);
			ok = false;
			break;
		}
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		dynbuf_append(out, buf, (size_t)n);
	}
	close(fd);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!ok || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		/* The child sent its own messages; a crash or a hang it cannot. */
		if (!WIFEXITED(st) || !ok) {
			diag_error(d, DIAG_INTERNAL, file, 0, 0, "drawing the PDF failed");
		} else {
			fwrite(out->data, 1, out->len, d->out);
			fflush(d->out);
			d->count[WEXITSTATUS(st) == EXIT_FONT ? DIAG_FONT
				 : WEXITSTATUS(st) == EXIT_OUTPUT ? DIAG_OUTPUT
				 : WEXITSTATUS(st) == EXIT_INPUT  ? DIAG_INPUT
								  : DIAG_INTERNAL]++;
		}
		return false;
	}
	return true;
}

void job_run(struct text_engine *te, const char *path, const char *out_stem,
	     const struct job_opts *o, const char *cached_key, bool check_only, struct diag *d,
	     struct job_result *r)
{
	memset(r, 0, sizeof *r);
	double t0 = now_ms();
	int before[DIAG_KINDS];
	memcpy(before, d->count, sizeof before);
	struct arena a;
	arena_init(&a);
	struct spec_inputs in = {0};
	struct chart *c = spec_load_recorded(&a, d, path, &o->ro.lim, &in);
	static const enum render_format order[] = {FORMAT_PNG, FORMAT_SVG, FORMAT_PDF};
	struct theme_file tf;
	char theme_path[4300];
	bool have_theme = false;
	if (c && o->width > 0 && o->width > o->ro.lim.max_side_px) {
		diag_error(d, DIAG_INPUT, path, 0, 0,
			   "--width %d is over the limit of %d px a side (--max-side raises it)",
			   o->width, o->ro.lim.max_side_px);
		c = NULL;
	}
	if (c && !resolve_theme(o, c, path, &tf, theme_path, sizeof theme_path, &have_theme, d))
		c = NULL;
	/* A theme's fonts must be configured: no silent fallback to another. */
	for (int i = 0; c && i < 2; i++) {
		const char *fam = i ? tf.family_serif : tf.family_sans;
		if (!text_engine_has_family(te, fam)) {
			diag_error(d, DIAG_FONT, have_theme ? theme_path : path, 0, 0,
				   "font family \"%s\" is not installed; put its files in fonts/ and run "
				   "`saltprint fonts --update-lock`",
				   fam);
			c = NULL;
		}
	}
	if (c) {
		inputs_key(o, te, &in, have_theme ? theme_path : NULL, &tf, r->key);
		/* Unchanged inputs and every output in place: nothing to do. */
		if (cached_key && !o->to_stdout && strcmp(cached_key, r->key) == 0) {
			bool all = true;
			for (int i = 0; i < 3 && all; i++) {
				if (!(o->formats & order[i]))
					continue;
				char *file = g_strdup_printf("%s%s.%s", out_stem, o->suffix ? o->suffix : "",
							     render_format_ext(order[i]));
				all = output_in_place(file);
				g_free(file);
			}
			if (all) {
				r->skipped = true;
				c = NULL;
			}
		}
	}
	struct chart_layout l;
	bool laid = c && layout_chart(te, c, &tf, o->width, &l, d);
	if (laid && render_check_canvas(&l, &o->ro, d) && !check_only) {
		/* Every format is rendered before any file is written. */
		struct dynbuf bufs[3];
		bool ok = true;
		int pdf_fd = -1;
		pid_t pdf_pid = -1;
		if (o->fork_pdf && (o->formats & FORMAT_PDF))
			pdf_pid = pdf_child(&l, &o->ro, &pdf_fd);
		for (int i = 0; i < 3; i++) {
			dynbuf_init(&bufs[i], (size_t)1 << 30);
			if (order[i] == FORMAT_PDF && pdf_pid > 0)
				continue;
			if ((o->formats & order[i]) && ok)
				ok = render_format(order[i], &l, &o->ro, &bufs[i], d) == 0;
		}
		if (pdf_pid > 0) {
			bool pdf_ok = pdf_collect(pdf_pid, pdf_fd, &bufs[2], path, d);
			ok = ok && pdf_ok;
		}
		if (ok && o->clean_stale && !o->to_stdout) {
			char *dir = xstrdup(out_stem);
			char *slash = strrchr(dir, '/');
			if (slash)
				slash[1] = '\0';
			else
				dir[0] = '\0';
			output_remove_stale(dir);
			free(dir);
		}
		for (int i = 0; i < 3 && ok; i++) {
			if (!(o->formats & order[i]))
				continue;
			if (o->to_stdout) {
				if (fwrite(bufs[i].data, 1, bufs[i].len, stdout) != bufs[i].len ||
				    fflush(stdout) != 0) {
					diag_error(d, DIAG_OUTPUT, "<stdout>", 0, 0, "cannot write: %s",
						   strerror(errno));
					ok = false;
				}
				continue;
			}
			/* The buffer moves into the result. */
			struct job_pending *p = &r->pending[r->n_pending++];
			p->path = g_strdup_printf("%s%s.%s", out_stem, o->suffix ? o->suffix : "",
						  render_format_ext(order[i]));
			p->format = render_format_ext(order[i]);
			p->data = bufs[i].data;
			p->len = bufs[i].len;
			dynbuf_init(&bufs[i], 0);
		}
		for (int i = 0; i < 3; i++)
			dynbuf_fini(&bufs[i]);
	}
	if (laid)
		layout_chart_fini(&l);
	spec_inputs_fini(&in);
	arena_fini(&a);
	/* The exit code of this spec's own problems, by kind. */
	static const int codes[DIAG_KINDS] = {EXIT_INPUT, EXIT_FONT, EXIT_OUTPUT, EXIT_INTERNAL};
	for (int k = 0; k < DIAG_KINDS && !r->exit_code; k++)
		if (d->count[k] > before[k])
			r->exit_code = codes[k];
	r->ms = now_ms() - t0;
	if (r->exit_code) { /* a failed spec writes nothing */
		job_result_fini(r);
		r->ms = now_ms() - t0;
	} else if (!o->defer_write) {
		job_write_pending(r, d);
	}
}

bool job_write_begin(struct job_result *r, struct diag *d)
{
	double t0 = now_ms();
	bool ok = true;
	for (int i = 0; i < r->n_pending && ok; i++) {
		/* As render does: the first file that fails stops the rest. */
		struct job_pending *p = &r->pending[i];
		int err = output_make_parent_dirs(p->path);
		if (!err)
			err = output_begin(&p->file, p->path, p->data, p->len);
		if (err) {
			diag_error(d, DIAG_OUTPUT, p->path, 0, 0, "cannot write: %s", strerror(err));
			r->write_errno = err;
			ok = false;
			break;
		}
		p->begun = true;
		struct job_output *jo = &r->out[r->n_out++];
		jo->path = xstrdup(p->path);
		jo->format = p->format;
		jo->bytes = p->len;
		sha256_hex(p->data, p->len, jo->sha256);
		free(p->data);
		p->data = NULL;
	}
	if (!ok && !r->exit_code)
		r->exit_code = EXIT_OUTPUT;
	r->ms += now_ms() - t0;
	return ok;
}

bool job_write_commit(struct job_result *r, struct diag *d)
{
	double t0 = now_ms();
	bool ok = true;
	int kept = 0;
	for (int i = 0; i < r->n_pending; i++) {
		struct job_pending *p = &r->pending[i];
		if (!p->begun)
			continue;
		int err = ok ? output_commit(&p->file) : (output_abort(&p->file), 0);
		p->begun = false;
		if (err) {
			diag_error(d, DIAG_OUTPUT, p->path, 0, 0, "cannot write: %s", strerror(err));
			r->write_errno = err;
			ok = false;
		}
		/* r->out lists the files in place only. */
		if (!err && ok && kept != i)
			r->out[kept] = r->out[i];
		if (!err && ok)
			kept++;
		else
			free(r->out[i].path);
	}
	r->n_out = kept;
	for (int i = 0; i < r->n_pending; i++) {
		g_free(r->pending[i].path);
		free(r->pending[i].data);
	}
	r->n_pending = 0;
	if (!ok && !r->exit_code)
		r->exit_code = EXIT_OUTPUT;
	r->ms += now_ms() - t0;
	return ok;
}

void job_write_start_flush(struct job_result *r)
{
	for (int i = 0; i < r->n_pending; i++)
		if (r->pending[i].begun)
			output_start_flush(&r->pending[i].file);
}

void job_write_sync(struct job_result *r)
{
	for (int i = 0; i < r->n_pending; i++)
		if (r->pending[i].begun)
			(void)output_sync(&r->pending[i].file); /* its error comes from the commit */
}

bool job_write_pending(struct job_result *r, struct diag *d)
{
	bool begun = job_write_begin(r, d);
	return job_write_commit(r, d) && begun;
}

void job_result_fini(struct job_result *r)
{
	for (int i = 0; i < r->n_out; i++)
		free(r->out[i].path);
	r->n_out = 0;
	for (int i = 0; i < r->n_pending; i++) {
		if (r->pending[i].begun)
			output_abort(&r->pending[i].file);
		g_free(r->pending[i].path);
		free(r->pending[i].data);
	}
	r->n_pending = 0;
}
