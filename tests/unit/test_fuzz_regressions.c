/* Unit tests: every input the fuzzers found (tests/fuzz/regressions/) runs
 * again through the code its fuzz target drives. Under `make asan` a crash,
 * an overflow or a leak among them fails the run. */
#include <dirent.h>
#include <stdlib.h>

#include "check.h"

/* The fuzz targets themselves, each under its own name, so that a finding
 * replays through exactly the code (and limits) that found it. */
#define FUZZ_ENTRY fuzz_spec_one
#include "../fuzz/fuzz_spec.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_csv_one
#include "../fuzz/fuzz_csv.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_render_one
#include "../fuzz/fuzz_render.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_deflate_one
#include "../fuzz/fuzz_deflate.c"
#undef FUZZ_ENTRY

static void replay(const char *dir, int (*fn)(const uint8_t *data, size_t size))
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
		fn((const uint8_t *)buf, len);
		free(buf);
	}
	closedir(dh);
}

void test_fuzz_regressions(void)
{
	replay("tests/fuzz/regressions/spec", fuzz_spec_one);
	replay("tests/fuzz/regressions/csv", fuzz_csv_one);
	replay("tests/fuzz/regressions/render", fuzz_render_one);
	replay("tests/fuzz/regressions/deflate", fuzz_deflate_one);
}
