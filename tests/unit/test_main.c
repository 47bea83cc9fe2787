/* test_main: runs every unit test; prints one line per test and a summary. */
#include <stdarg.h>
#include <stdlib.h>

#include "check.h"
#include "diag.h"
#include "spec.h"
#include "text.h"

int check_failures;

void check_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("     %s:%d: ", file, line);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	check_failures++;
}

struct chart *test_load_spec(struct arena *a, struct diag *d, const char *path,
			     struct spec_inputs *in)
{
	arena_init(a);
	diag_init(d, stderr);
	struct spec_limits lim;
	spec_limits_default(&lim);
	return in ? spec_load_recorded(a, d, path, &lim, in) : spec_load(a, d, path, &lim);
}

static struct text_engine *engine;

struct text_engine *test_engine(void)
{
	if (!engine) {
		struct diag d;
		diag_init(&d, stderr);
		engine = text_engine_new("fonts", &d);
		if (!engine) {
			fprintf(stderr, "unit tests need fonts/fonts.conf and the Noto CJK fonts\n");
			exit(1);
		}
	}
	return engine;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
#define T(name) {#name, name},
#include "tests.def"
#undef T
	};
	int passed = 0, failed = 0;
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		int before = check_failures;
		fflush(stdout);
		tests[i].fn();
		if (check_failures == before) {
			printf("ok   unit/%s\n", tests[i].name);
			passed++;
		} else {
			printf("FAIL unit/%s\n", tests[i].name);
			failed++;
		}
	}
	text_engine_free(engine);
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
