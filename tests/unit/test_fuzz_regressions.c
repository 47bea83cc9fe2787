/* Unit tests: every input the fuzzers found (tests/fuzz/regressions/) runs
 * again through the code its fuzz target drives. Under `make asan` a crash,
 * an overflow or a leak among them fails the run. */
#include <dirent.h>
#include <stdlib.h>

#include "check.h"
#include "csv.h"
#include "layout.h"
#include "render.h"
#include "spec.h"

static void replay(const char *dir, void (*fn)(const char *buf, size_t len))
{
	DIR *dh = opendir(dir);
	if (!dh)
		return;
	struct dirent *e;
	while ((e = readdir(dh)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		char *buf;
		size_t len;
		if (file_read_all(path, 1u << 20, &buf, &len) != 0) {
			check_fail(__FILE__, __LINE__, "cannot read %s", path);
			continue;
		}
		fn(buf, len);
		free(buf);
	}
	closedir(dh);
}

static FILE *sink(void)
{
	static FILE *f;
	if (!f)
		f = fopen("/dev/null", "w");
	return f;
}

static void run_spec(const char *buf, size_t len)
{
	for (int json = 0; json < 2; json++) {
		struct arena a;
		arena_init(&a);
		struct diag d;
		diag_init(&d, sink());
		struct spec_limits lim;
		spec_limits_default(&lim);
		spec_load_buffer(&a, &d, json ? "fuzz.json" : "fuzz.yaml", buf, len, &lim);
		arena_fini(&a);
	}
}

static void run_csv(const char *buf, size_t len)
{
	struct arena a;
	arena_init(&a);
	struct diag d;
	diag_init(&d, sink());
	struct csv_limits lim;
	csv_limits_default(&lim);
	csv_parse(&a, &d, "fuzz.csv", buf, len, &lim);
	arena_fini(&a);
}

static void run_render(const char *buf, size_t len)
{
	for (int json = 0; json < 2; json++) {
		struct arena a;
		arena_init(&a);
		struct diag d;
		diag_init(&d, sink());
		struct render_opts ro;
		render_opts_default(&ro);
		ro.lim.max_side_px = 1600;
		ro.lim.max_megapixels = 1.5;
		ro.scale = 0.25;
		struct chart *c = spec_load_buffer(&a, &d, json ? "tests/fuzz/f.json" : "tests/fuzz/f.yaml",
						   buf, len, &ro.lim);
		struct chart_layout l;
		if (c && layout_chart(test_engine(), c, NULL, 0, &l, &d)) {
			if (render_check_canvas(&l, &ro, &d)) {
				struct dynbuf out;
				dynbuf_init(&out, (size_t)64 << 20);
				render_png(&l, &ro, &out, &d);
				dynbuf_fini(&out);
			}
			layout_chart_fini(&l);
		}
		arena_fini(&a);
	}
}

void test_fuzz_regressions(void)
{
	replay("tests/fuzz/regressions/spec", run_spec);
	replay("tests/fuzz/regressions/csv", run_csv);
	replay("tests/fuzz/regressions/render", run_render);
}
