/* bench: `make bench`. Warm per-render times in one process (spec load,
 * layout, draw, encode) for PNG 1x/2x, SVG and PDF; the cold time and peak
 * memory of one `saltprint render` process; and our PNG encoder against
 * cairo_surface_write_to_png on the same surface, over zlib settings.
 *   bench SALTPRINT SPEC [--quick]
 *   bench SALTPRINT SPEC --profile png|png2x|svg|pdf N   (N renders, for perf) */
#include <cairo.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "encode_png.h"
#include "layout.h"
#include "render.h"
#include "spec.h"
#include "text.h"
#include "util.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static struct text_engine *te;
static struct render_opts ro;

/* One whole render, as `saltprint render` does it after start-up. */
static size_t render_once(const char *spec, enum render_format f, double scale)
{
	struct arena a;
	arena_init(&a);
	struct diag d;
	diag_init(&d, stderr);
	struct chart *c = spec_load(&a, &d, spec, &ro.lim);
	struct chart_layout l;
	size_t bytes = 0;
	if (c && layout_chart(te, c, NULL, 0, &l, &d)) {
		struct render_opts o = ro;
		o.scale = scale;
		struct dynbuf out;
		dynbuf_init(&out, (size_t)1 << 30);
		if (render_format(f, &l, &o, &out, &d) == 0)
			bytes = out.len;
		dynbuf_fini(&out);
		layout_chart_fini(&l);
	}
	arena_fini(&a);
	if (!bytes) {
		fprintf(stderr, "bench: render failed\n");
		exit(1);
	}
	return bytes;
}

static void warm(const char *spec, const char *name, enum render_format f, double scale, int n)
{
	double t[400];
	size_t bytes = render_once(spec, f, scale); /* warm caches */
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		render_once(spec, f, scale);
		t[i] = now_ms() - t0;
	}
	double med = median(t, n); /* sorts t */
	printf("  %-8s %7.2f ms  (%zu bytes, median of %d; fastest %.2f ms)\n", name, med, bytes, n,
	       t[0]);
}

static cairo_status_t count_write(void *closure, const unsigned char *data, unsigned int len)
{
	(void)data;
	*(size_t *)closure += len;
	return CAIRO_STATUS_SUCCESS;
}

static void encoders(const char *spec, double scale, int n)
{
	struct arena a;
	arena_init(&a);
	struct diag d;
	diag_init(&d, stderr);
	struct chart *c = spec_load(&a, &d, spec, &ro.lim);
	struct chart_layout l;
	if (!c || !layout_chart(te, c, NULL, 0, &l, &d))
		exit(1);
	int w = (int)(l.width * scale), h = (int)(l.height * scale);
	/* cairo's writer gets the ARGB32 surface it is usually given; ours the
	 * RGB24 one render_png() draws. Same pixels. */
	cairo_surface_t *argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_surface_t *rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_surface_t *surfs[2] = {argb, rgb};
	for (int k = 0; k < 2; k++) {
		cairo_t *cr = cairo_create(surfs[k]);
		cairo_scale(cr, scale, scale);
		draw_chart(cr, &l);
		cairo_destroy(cr);
		cairo_surface_flush(surfs[k]);
	}
	double t[200];
	size_t cairo_bytes = 0;
	for (int i = 0; i < n; i++) {
		size_t bytes = 0;
		double t0 = now_ms();
		cairo_surface_write_to_png_stream(argb, count_write, &bytes);
		t[i] = now_ms() - t0;
		cairo_bytes = bytes;
	}
	double cairo_ms = median(t, n);
	printf("  PNG encoder at %dx%d:\n", w, h);
	printf("    %-34s %7.2f ms  %8zu bytes\n", "cairo_surface_write_to_png", cairo_ms, cairo_bytes);
	static const struct {
		const char *name;
		bool zlib;
		int level, filters, strategy, threads;
	} cfgs[] = {
		{"ours: own deflate, 1 thread", false, 0, 0, 0, 1},
		{"ours: own deflate, parallel", false, 0, 0, 0, 0},
		{"libpng+zlib: level 1, no filter", true, 1, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 1},
		{"libpng+zlib: level 3, no filter", true, 3, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 1},
		{"libpng+zlib: level 6, all filters", true, 6, PNG_ALL_FILTERS, Z_DEFAULT_STRATEGY, 1},
		{"libpng+zlib: level 1, Z_RLE, up", true, 1, PNG_FILTER_UP, Z_RLE, 1},
	};
	struct png_meta meta = {"t", NULL, NULL, NULL, NULL, 96};
	struct png_params def;
	encode_png_default_params(&def);
	for (size_t k = 0; k < sizeof cfgs / sizeof cfgs[0]; k++) {
		struct png_params p = {cfgs[k].zlib, cfgs[k].level, cfgs[k].filters, cfgs[k].strategy,
				       cfgs[k].threads};
		size_t bytes = 0;
		for (int i = 0; i < n; i++) {
			struct dynbuf out;
			dynbuf_init(&out, (size_t)1 << 30);
			double t0 = now_ms();
			char err[256];
			if (encode_png_write(rgb, &meta, &p, &out, err, sizeof err) != 0) {
				fprintf(stderr, "bench: %s\n", err);
				exit(1);
			}
			t[i] = now_ms() - t0;
			bytes = out.len;
			dynbuf_fini(&out);
		}
		double ms = median(t, n);
		bool is_def = p.zlib == def.zlib && p.threads == def.threads;
		printf("    %-34s %7.2f ms  %8zu bytes  %5.2fx faster, %5.3fx the bytes%s\n", cfgs[k].name, ms,
		       bytes, cairo_ms / ms, (double)bytes / cairo_bytes, is_def ? "  <- default" : "");
	}
	cairo_surface_destroy(argb);
	cairo_surface_destroy(rgb);
	layout_chart_fini(&l);
	arena_fini(&a);
}

static void cold(const char *prog, const char *spec, int n)
{
	double t[100];
	long maxrss = 0;
	char dir[] = "/tmp/saltprint-bench-XXXXXX";
	if (!mkdtemp(dir))
		exit(1);
	for (int i = 0; i < n; i++) {
		fflush(stdout);
		double t0 = now_ms();
		pid_t pid = fork();
		if (pid == 0) {
			freopen("/dev/null", "w", stdout);
			execl(prog, prog, "render", spec, "-o", dir, (char *)NULL);
			_exit(127);
		}
		int status;
		struct rusage ru;
		wait4(pid, &status, 0, &ru);
		t[i] = now_ms() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "bench: saltprint render failed\n");
			exit(1);
		}
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	printf("  cold `saltprint render` to PNG+SVG+PDF: %.1f ms wall (median of %d)\n",
	       median(t, n), n);
	printf("  peak memory of that process: %.1f MiB\n", maxrss / 1024.0);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench: could not remove %s\n", dir);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench SALTPRINT SPEC [--quick] [--profile png|png2x|svg|pdf N]\n");
		return 2;
	}
	bool quick = argc > 3 && strcmp(argv[3], "--quick") == 0;
	int n = quick ? 5 : 40;
	memory_setup(); /* as saltprint's main does */
	struct diag d;
	diag_init(&d, stderr);
	te = text_engine_new("fonts", &d);
	if (!te)
		return 1;
	render_opts_default(&ro);
	if (argc > 5 && strcmp(argv[3], "--profile") == 0) {
		/* N warm renders of one format and nothing else, for perf record. */
		static const struct {
			const char *name;
			enum render_format f;
			double scale;
		} fm[] = {{"png", FORMAT_PNG, 1}, {"png2x", FORMAT_PNG, 2}, {"svg", FORMAT_SVG, 1},
			  {"pdf", FORMAT_PDF, 1}};
		for (size_t k = 0; k < sizeof fm / sizeof fm[0]; k++)
			if (strcmp(argv[4], fm[k].name) == 0) {
				for (int i = atoi(argv[5]); i > 0; i--)
					render_once(argv[2], fm[k].f, fm[k].scale);
				text_engine_free(te);
				return 0;
			}
		fprintf(stderr, "bench: --profile png, png2x, svg or pdf\n");
		return 2;
	}
	printf("saltprint bench: %s (medians; compare ratios within one run)\n", argv[2]);
	printf("warm, one process, per render (load + layout + draw + encode):\n");
	warm(argv[2], "PNG 1x", FORMAT_PNG, 1, n);
	warm(argv[2], "PNG 2x", FORMAT_PNG, 2, n);
	warm(argv[2], "SVG", FORMAT_SVG, 1, n);
	warm(argv[2], "PDF", FORMAT_PDF, 1, n);
	printf("cold:\n");
	cold(argv[1], argv[2], quick ? 5 : 20);
	printf("encoders, same surface:\n");
	encoders(argv[2], 1, n);
	encoders(argv[2], 2, quick ? 3 : 15);
	text_engine_free(te);
	return 0;
}
