/* main: the command line (render, check, fonts), output paths and exit
 * codes. The only file that exits. */
#include <errno.h>
#include <getopt.h>
#include <sys/prctl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cores.h"
#include "diag.h"
#include "fonts_lock.h"
#include "batch.h"
#include "job.h"
#include "layout.h"
#include "output.h"
#include "render.h"
#include "spec.h"
#include "text.h"
#include "theme_load.h"
#include "util.h"

static const char usage_text[] =
	"Usage: saltprint render SPEC... [-o DIR] [-f png,svg,pdf] [--scale N]\n"
	"                        [--width PX]\n"
	"       saltprint batch [DIR|MANIFEST|SPEC]... [-j N] [--shard I/N] [-o DIR]\n"
	"                       [--force] [--timeout S]\n"
	"       saltprint check SPEC...\n"
	"       saltprint fonts [--update-lock]\n"
	"       saltprint --help | --version\n";

static const char help_text[] =
	"saltprint turns chart specs (JSON or YAML) into publication-ready PNG, SVG and\n"
	"PDF graphics with CJK typography.\n"
	"\n"
	"Commands:\n"
	"  render SPEC...   lay out and draw each spec. Without -o, a spec under a data/\n"
	"                   directory renders to the same path under output/ beside it\n"
	"                   (data/a/b.json -> output/a/b.png, .svg, .pdf); any other spec\n"
	"                   renders to output/NAME.EXT in the current directory.\n"
	"  batch INPUT...   render every spec under each directory (themes/ aside), or\n"
	"                   listed in a manifest file (one spec or directory a line,\n"
	"                   relative to it), into -o DIR (default output/) under the\n"
	"                   same relative paths, on -j worker processes of one core\n"
	"                   each (default: one per core it may use; taskset and a\n"
	"                   container's CPU limit count). Each spec is drawn once;\n"
	"                   one whose outputs would overwrite another's fails.\n"
	"                   A spec whose inputs (spec, data, theme, fonts, options) are\n"
	"                   unchanged since its last render is skipped (--force renders\n"
	"                   all); a failing spec does not stop the others. Writes\n"
	"                   DIR/saltprint-report.json (--report FILE; - for standard\n"
	"                   output) with each spec's outputs, sizes, sha256 and time.\n"
	"                   --shard I/N renders the specs whose path hashes to I of\n"
	"                   0..N-1, for CI matrices (its report:\n"
	"                   saltprint-report.I-of-N.json; --suffix @2x:\n"
	"                   saltprint-report@2x.json, each with its own cache). A spec\n"
	"                   that takes over --timeout S seconds fails (default 60; 0:\n"
	"                   none). Ctrl-C or SIGTERM: the specs in hand finish, then\n"
	"                   exit 128 + the signal; the next run goes on from there.\n"
	"  check SPEC...    validate and lay out each spec without drawing or writing.\n"
	"  fonts            list the font files saltprint uses with their sha256 and\n"
	"                   whether they match fonts/fonts.lock; --update-lock\n"
	"                   rewrites it.\n"
	"\n"
	"Options:\n"
	"  -o, --output DIR     write DIR/NAME.EXT (NAME: the spec's file name without\n"
	"                       extension). -o - writes one format to standard output.\n"
	"  -f, --formats LIST   comma-separated png, svg, pdf (default: all three)\n"
	"      --scale N        PNG pixels per layout px: 2 is a retina PNG (default 1)\n"
	"      --width PX       lay the graphic out again at this width (phone: 375)\n"
	"      --theme NAME     the house style: data/themes/NAME.yaml (or a path),\n"
	"                       over the spec's \"theme\"\n"
	"      --suffix S       add S to each output name: --scale 2 --suffix @2x\n"
	"                       writes NAME@2x.png beside NAME.png\n"
	"      --pdf tall|a4    a poster's PDF: one tall page, or A4 pages broken\n"
	"                       between sections (default: the spec's \"print\")\n"
	"      --sync           flush every file to disk before putting it in place\n"
	"                       (by default only one that replaces a file is flushed,\n"
	"                       so that the earlier file survives a power cut)\n"
	"      --no-sync        flush no file, not even one that replaces another:\n"
	"                       files still appear only complete, but a machine crash\n"
	"                       may lose the last ones written (throwaway CI machines)\n"
	"      --fonts DIR      the fonts directory (default: fonts/ beside the program,\n"
	"                       or $SALTPRINT_FONTS)\n"
	"      --max-side PX        canvas limit per side, after --scale (default 8192)\n"
	"      --max-megapixels N   canvas area limit (default 40)\n"
	"      --max-items N        items in one chart (default 1000)\n"
	"      --max-text N         characters in one text field (default 10000)\n"
	"      --max-spec-bytes N   spec file size (default 1048576)\n"
	"      --max-depth N        nesting depth of a spec (default 32)\n"
	"      --max-table-bytes N  CSV file size (default 16777216)\n"
	"      --max-field-bytes N  CSV field size (default 131072)\n"
	"      --max-rows N         CSV rows (default 100000)\n"
	"  -h, --help           this text\n"
	"  -V, --version        the version\n"
	"\n"
	"Environment:\n"
	"  SOURCE_DATE_EPOCH    the creation date written into PDFs (default 2018-01-01)\n"
	"\n"
	"Exit codes:\n"
	"  0  success\n"
	"  1  internal error\n"
	"  2  usage error (unknown command or option, bad option value)\n"
	"  3  bad input: a spec or data file is invalid (file:line:col: error: ...)\n"
	"  4  a font or glyph is missing, or the fonts do not match fonts.lock\n"
	"  5  an output file could not be written (earlier files are left intact)\n"
	"  130, 143  batch stopped by Ctrl-C or SIGTERM once the specs in hand were\n"
	"     done (the cache and report written)\n"
	"When several specs fail, the exit code is that of the first kind above\n"
	"(3, 4, 5).\n";

struct cli {
	const char *outdir;
	const char *suffix; /* appended to NAME: "@2x" */
	const char *theme;  /* --theme: overrides the spec's */
	const char *share_dir;
	int jobs;
	unsigned shard, shards;
	bool force;
	const char *report;
	double timeout; /* --timeout: seconds a batch spec may take */
	bool timeout_set;
	unsigned formats;
	int width;
	const char *fonts_dir;
	bool update_lock;
	struct render_opts ro;
};

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("saltprint: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(usage_text, stderr);
	fputs("Try 'saltprint --help' for more.\n", stderr);
	return EXIT_USAGE;
}

static bool parse_formats(const char *s, unsigned *out)
{
	unsigned f = 0;
	char buf[256];
	snprintf(buf, sizeof buf, "%s", s);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "png") == 0)
			f |= FORMAT_PNG;
		else if (strcmp(tok, "svg") == 0)
			f |= FORMAT_SVG;
		else if (strcmp(tok, "pdf") == 0)
			f |= FORMAT_PDF;
		else
			return false;
	}
	*out = f;
	return f != 0;
}

static bool parse_double(const char *s, double *out)
{
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(d))
		return false;
	*out = d;
	return true;
}

static bool parse_long(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool has_conf(const char *dir)
{
	char p[PATH_MAX + 16];
	snprintf(p, sizeof p, "%s/fonts.conf", dir);
	return access(p, R_OK) == 0;
}

/* --fonts, $SALTPRINT_FONTS, fonts/ beside the build, the install. */
static const char *find_fonts_dir(const char *given, char *buf, size_t size)
{
	if (given)
		return given;
	const char *env = getenv("SALTPRINT_FONTS");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(buf, size, "%s/../fonts", exe);
			if (has_conf(buf)) {
				char *real = realpath(buf, NULL);
				if (real) {
					snprintf(buf, size, "%s", real);
					free(real);
				}
				return buf;
			}
			snprintf(buf, size, "%s/../share/saltprint/fonts", exe);
			if (has_conf(buf))
				return buf;
		}
	}
	return SALTPRINT_DATADIR "/fonts";
}

/* Where a spec's outputs go, without the extension. */
static char *output_stem(const char *spec, const char *outdir)
{
	const char *base = strrchr(spec, '/') ? strrchr(spec, '/') + 1 : spec;
	size_t blen = strlen(base);
	const char *dot = strrchr(base, '.');
	if (dot && dot != base)
		blen = (size_t)(dot - base);
	char *out = xmalloc(strlen(spec) + (outdir ? strlen(outdir) : 0) + 16);
	if (outdir) {
		sprintf(out, "%s/%.*s", outdir, (int)blen, base);
		return out;
	}
	/* The last "data" directory in the path becomes "output". */
	const char *hit = NULL;
	for (const char *p = spec; (p = strstr(p, "data/")) != NULL; p++)
		if (p == spec || p[-1] == '/')
			hit = p;
	if (hit) {
		size_t pre = (size_t)(hit - spec);
		const char *rest = hit + 5;
		size_t rlen = (size_t)(base - rest) + blen;
		sprintf(out, "%.*soutput/%.*s", (int)pre, spec, (int)rlen, rest);
	} else {
		sprintf(out, "output/%.*s", (int)blen, base);
	}
	return out;
}

static struct job_opts job_opts_of(const struct cli *cli, const char *fonts_dir)
{
	struct job_opts jo;
	memset(&jo, 0, sizeof jo);
	jo.formats = cli->formats;
	jo.width = cli->width;
	jo.theme = cli->theme;
	jo.share_dir = cli->share_dir;
	jo.fonts_dir = fonts_dir;
	jo.suffix = cli->suffix;
	jo.to_stdout = cli->outdir && strcmp(cli->outdir, "-") == 0;
	jo.ro = cli->ro;
	jo.clean_stale = true;
	/* One render on a multi-core machine: the PDF in parallel with the rest.
	 * Not under AddressSanitizer: GCC 12's does not hold its allocator lock
	 * across fork, so a child forked while a library thread allocates can
	 * deadlock (seen in `make asan` with batch workers). */
#if defined(__SANITIZE_ADDRESS__)
	jo.fork_pdf = false;
#else
	jo.fork_pdf = cores_available() > 1 && (cli->formats & ~FORMAT_PDF);
#endif
	return jo;
}

enum {
	OPT_SCALE = 256,
	OPT_WIDTH,
	OPT_FONTS,
	OPT_MAX_SIDE,
	OPT_MAX_MP,
	OPT_MAX_ITEMS,
	OPT_MAX_TEXT,
	OPT_MAX_SPEC,
	OPT_UPDATE_LOCK,
	OPT_SUFFIX,
	OPT_THEME,
	OPT_PDF,
	OPT_SHARD,
	OPT_FORCE,
	OPT_NO_SYNC,
	OPT_SYNC,
	OPT_REPORT,
	OPT_TIMEOUT,
	OPT_MAX_DEPTH,
	OPT_MAX_TABLE,
	OPT_MAX_FIELD,
	OPT_MAX_ROWS,
};

static const struct option long_opts[] = {
	{"output", required_argument, NULL, 'o'},
	{"formats", required_argument, NULL, 'f'},
	{"scale", required_argument, NULL, OPT_SCALE},
	{"width", required_argument, NULL, OPT_WIDTH},
	{"fonts", required_argument, NULL, OPT_FONTS},
	{"max-side", required_argument, NULL, OPT_MAX_SIDE},
	{"max-megapixels", required_argument, NULL, OPT_MAX_MP},
	{"max-items", required_argument, NULL, OPT_MAX_ITEMS},
	{"max-text", required_argument, NULL, OPT_MAX_TEXT},
	{"max-spec-bytes", required_argument, NULL, OPT_MAX_SPEC},
	{"update-lock", no_argument, NULL, OPT_UPDATE_LOCK},
	{"suffix", required_argument, NULL, OPT_SUFFIX},
	{"theme", required_argument, NULL, OPT_THEME},
	{"pdf", required_argument, NULL, OPT_PDF},
	{"jobs", required_argument, NULL, 'j'},
	{"shard", required_argument, NULL, OPT_SHARD},
	{"force", no_argument, NULL, OPT_FORCE},
	{"no-sync", no_argument, NULL, OPT_NO_SYNC},
	{"sync", no_argument, NULL, OPT_SYNC},
	{"report", required_argument, NULL, OPT_REPORT},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"max-depth", required_argument, NULL, OPT_MAX_DEPTH},
	{"max-table-bytes", required_argument, NULL, OPT_MAX_TABLE},
	{"max-field-bytes", required_argument, NULL, OPT_MAX_FIELD},
	{"max-rows", required_argument, NULL, OPT_MAX_ROWS},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* Applies one option; returns -1 to go on, or an exit code. */
static int apply_option(int c, const char *arg, const char *word, struct cli *cli)
{
	long long v;
	double dv;
	switch (c) {
	case 'o':
		cli->outdir = arg;
		return -1;
	case 'f':
		if (!parse_formats(arg, &cli->formats))
			return usage_error("-f takes png, svg, pdf or a comma-separated list, got \"%s\"",
					   arg);
		return -1;
	case OPT_SCALE:
		if (!parse_double(arg, &dv) || dv <= 0 || dv > 16)
			return usage_error("--scale takes a number above 0 and at most 16, got \"%s\"", arg);
		cli->ro.scale = dv;
		return -1;
	case OPT_WIDTH:
		if (!parse_long(arg, 200, INT_MAX, &v))
			return usage_error("--width takes a whole number of px, 200 or more, got \"%s\"",
					   arg);
		cli->width = (int)v;
		return -1;
	case OPT_FONTS:
		cli->fonts_dir = arg;
		return -1;
	case OPT_MAX_SIDE:
		if (!parse_long(arg, 200, 1 << 20, &v))
			return usage_error("--max-side takes a whole number of px, got \"%s\"", arg);
		cli->ro.lim.max_side_px = (int)v;
		return -1;
	case OPT_MAX_MP:
		if (!parse_double(arg, &dv) || dv <= 0 || dv > 1e4)
			return usage_error("--max-megapixels takes a positive number, got \"%s\"", arg);
		cli->ro.lim.max_megapixels = dv;
		return -1;
	case OPT_MAX_ITEMS:
	case OPT_MAX_TEXT:
	case OPT_MAX_SPEC:
	case OPT_MAX_TABLE:
	case OPT_MAX_FIELD:
	case OPT_MAX_ROWS:
		if (!parse_long(arg, 1, 1LL << 34, &v))
			return usage_error("this limit takes a positive whole number, got \"%s\"", arg);
		if (c == OPT_MAX_ITEMS)
			cli->ro.lim.max_items = (size_t)v;
		else if (c == OPT_MAX_TEXT)
			cli->ro.lim.max_text_chars = (size_t)v;
		else if (c == OPT_MAX_SPEC)
			cli->ro.lim.max_spec_bytes = (size_t)v;
		else if (c == OPT_MAX_TABLE)
			cli->ro.lim.max_table_bytes = (size_t)v;
		else if (c == OPT_MAX_FIELD)
			cli->ro.lim.max_field_bytes = (size_t)v;
		else
			cli->ro.lim.max_rows = (size_t)v;
		return -1;
	case OPT_MAX_DEPTH:
		if (!parse_long(arg, 1, 10000, &v))
			return usage_error("--max-depth takes a whole number from 1 to 10000, got \"%s\"", arg);
		cli->ro.lim.max_depth = (int)v;
		return -1;
	case OPT_UPDATE_LOCK:
		cli->update_lock = true;
		return -1;
	case OPT_THEME:
		cli->theme = arg;
		return -1;
	case 'j':
		if (!parse_long(arg, 1, 256, &v))
			return usage_error("-j takes a number of workers from 1 to 256, got \"%s\"", arg);
		cli->jobs = (int)v;
		return -1;
	case OPT_SHARD: {
		unsigned i, n;
		char tail;
		if (sscanf(arg, "%u/%u%c", &i, &n, &tail) != 2 || n < 1 || i >= n)
			return usage_error("--shard takes I/N with 0 <= I < N, got \"%s\"", arg);
		cli->shard = i;
		cli->shards = n;
		return -1;
	}
	case OPT_FORCE:
		cli->force = true;
		return -1;
	case OPT_NO_SYNC:
		output_set_sync(OUTPUT_SYNC_NONE);
		return -1;
	case OPT_SYNC:
		output_set_sync(OUTPUT_SYNC_ALL);
		return -1;
	case OPT_REPORT:
		cli->report = arg;
		return -1;
	case OPT_TIMEOUT:
		if (!parse_double(arg, &dv) || dv < 0 || dv > 86400)
			return usage_error("--timeout takes seconds from 0 (no limit) to 86400, got \"%s\"",
					   arg);
		cli->timeout = dv;
		cli->timeout_set = true;
		return -1;
	case OPT_PDF:
		if (strcmp(arg, "tall") && strcmp(arg, "a4"))
			return usage_error("--pdf takes tall or a4, got \"%s\"", arg);
		cli->ro.pdf_pages = arg[0] == 't' ? 1 : 2;
		return -1;
	case OPT_SUFFIX:
		if (strchr(arg, '/'))
			return usage_error("--suffix is added to a file name and cannot hold '/', got \"%s\"",
					   arg);
		cli->suffix = arg;
		return -1;
	case 'h':
		fputs(usage_text, stdout);
		fputs("\n", stdout);
		fputs(help_text, stdout);
		return EXIT_OK;
	case 'V':
		printf("saltprint %s\n", SALTPRINT_VERSION);
		return EXIT_OK;
	default:
		return usage_error("unknown option or missing value: %s", word);
	}
}

int main(int argc, char **argv)
{
	struct cli cli;
	memset(&cli, 0, sizeof cli);
	cli.formats = FORMAT_PNG | FORMAT_SVG | FORMAT_PDF;
	render_opts_default(&cli.ro);

	memory_setup(); /* before anything allocates much: see util.h */

	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch) {
		long long v;
		if (!parse_long(epoch, 0, 253402300799LL, &v))
			return usage_error("SOURCE_DATE_EPOCH must be a whole number of seconds, got \"%s\"",
					   epoch);
		cli.ro.date_epoch = v;
	}

	/* A batch worker: `saltprint __batch-worker IN_FD OUT_FD batch ...`,
	 * executed by the batch parent (src/batch.c), parses the same command
	 * line as the parent did. */
	int worker_in = -1, worker_out = -1;
	if (argc > 4 && strcmp(argv[1], "__batch-worker") == 0) {
		worker_in = atoi(argv[2]);
		worker_out = atoi(argv[3]);
		/* Executed as /proc/self/exe (the very binary of the batch, even if
		 * replaced on disk since): name it for ps and top. */
		prctl(PR_SET_NAME, "saltprint-work", 0, 0, 0);
		argv += 3;
		argc -= 3;
		argv[0] = (char *)"saltprint";
	}
	char **batch_argv = argv + 1;
	int batch_argc = argc - 1;

	/* saltprint [--help|--version] COMMAND [OPTION|FILE]... */
	if (argc < 2)
		return usage_error("no command given%s", "");
	const char *cmd = argv[1];
	if (cmd[0] == '-') {
		int c = getopt_long(2, argv, "hV", long_opts, NULL);
		if (c == 'h' || c == 'V')
			return apply_option(c, NULL, cmd, &cli);
		return usage_error("the command comes first; got \"%s\"", cmd);
	}
	static const char *const cmds[] = {"render", "check", "fonts", "batch"};
	if (strcmp(cmd, "render") && strcmp(cmd, "check") && strcmp(cmd, "fonts") &&
	    strcmp(cmd, "batch")) {
		const char *near = str_nearest(cmd, cmds, ARRAY_LEN(cmds));
		if (near) {
			fprintf(stderr, "saltprint: unknown command \"%s\"; did you mean \"%s\"?\n", cmd,
				near);
			return EXIT_USAGE;
		}
		return usage_error("unknown command \"%s\"", cmd);
	}
	/* Options and files in any order after the command. */
	char **files = xcalloc((size_t)argc, sizeof *files);
	size_t n_files = 0;
	opterr = 0;
	optind = 2;
	int rc = -1;
	while (rc < 0 && optind < argc) {
		int before = optind;
		int c = getopt_long(argc, argv, "-o:f:j:hV", long_opts, NULL);
		if (c == -1)
			break;
		if (c == 1)
			files[n_files++] = optarg;
		else
			rc = apply_option(c, optarg, argv[before], &cli);
	}
	while (rc < 0 && optind < argc)
		files[n_files++] = argv[optind++];
	if (rc >= 0) {
		free(files);
		return rc;
	}
	rc = EXIT_OK;
	bool is_render = strcmp(cmd, "render") == 0;
	bool is_fonts = strcmp(cmd, "fonts") == 0;
	bool is_batch = strcmp(cmd, "batch") == 0;
	bool to_stdout = cli.outdir && strcmp(cli.outdir, "-") == 0;
	if (!is_fonts && n_files == 0) {
		rc = usage_error("%s needs at least one spec file", cmd);
	} else if (is_fonts && n_files) {
		rc = usage_error("fonts takes no files, got \"%s\"", files[0]);
	} else if (is_batch && to_stdout) {
		rc = usage_error("batch writes files: -o - is for render%s", "");
	} else if (is_render && to_stdout && (n_files != 1 || (cli.formats & (cli.formats - 1)))) {
		rc = usage_error("-o - writes one spec in one format; add -f png, -f svg or -f pdf%s",
				 "");
	} else if ((is_render || is_batch) && cli.outdir && !to_stdout && access(cli.outdir, F_OK) == 0 &&
		   !is_dir(cli.outdir)) {
		fprintf(stderr, "%s: error: the output directory is not a directory\n", cli.outdir);
		rc = EXIT_OUTPUT;
	}
	if (rc != EXIT_OK) {
		free(files);
		return rc;
	}

	struct diag d;
	diag_init(&d, stderr);
	char fonts_buf[PATH_MAX + 64];
	const char *fonts_dir = find_fonts_dir(cli.fonts_dir, fonts_buf, sizeof fonts_buf);
	/* Themes live in data/themes of the spec's data root, or in the shared
	 * data directory beside the fonts. */
	char share_buf[PATH_MAX + 200];
	snprintf(share_buf, sizeof share_buf, "%s/../data/themes", fonts_dir);
	if (is_dir(share_buf))
		snprintf(share_buf, sizeof share_buf, "%s/../data", fonts_dir);
	else
		snprintf(share_buf, sizeof share_buf, "%s/..", fonts_dir);
	cli.share_dir = share_buf;
	/* A worker loads the fonts itself, and a batch checks them while its
	 * workers start (batch_run); everything else needs them now. */
	struct text_engine *te = is_batch ? NULL : text_engine_new(fonts_dir, &d);
	if (!te && !is_batch) {
		free(files);
		return diag_exit_code(&d);
	}
	if (is_batch) {
		struct batch_opts bo;
		memset(&bo, 0, sizeof bo);
		bo.job = job_opts_of(&cli, fonts_dir);
		bo.job.fork_pdf = false; /* the workers use the cores already */
		bo.job.clean_stale = false; /* the parent does it, once a directory */
		bo.outdir = cli.outdir;
		bo.report = cli.report;
		/* The cores this process may use, not the machine's: a pod
		 * limited to 2 of 64 starts 2 workers. */
		bo.jobs = cli.jobs ? cli.jobs : cores_available();
		/* -j N uses about N cores: N workers that each draw and deflate on
		 * one thread (so -j 1 is about one core, for a CI runner that shares
		 * its machine). */
		bo.job.ro.png.threads = 1;
		bo.shard = cli.shard;
		bo.shards = cli.shards;
		bo.force = cli.force;
		bo.timeout = cli.timeout_set ? cli.timeout : 60;
		bo.argv = batch_argv;
		bo.argc = batch_argc;
		rc = worker_in >= 0 ? batch_worker_main(worker_in, worker_out, &bo)
				    : batch_run(files, n_files, &bo);
	} else if (is_fonts) {
		rc = fonts_lock_report(te, fonts_dir, cli.update_lock, stdout, &d);
	} else {
		struct job_opts jo = job_opts_of(&cli, fonts_dir);
		for (size_t i = 0; i < n_files; i++) {
			char *stem = to_stdout ? NULL : output_stem(files[i], cli.outdir);
			struct job_result r;
			job_run(te, files[i], stem, &jo, NULL, !is_render, &d, &r);
			job_result_fini(&r);
			free(stem);
		}
		rc = diag_exit_code(&d);
	}
	text_engine_free(te);
	free(files);
	return rc;
}
