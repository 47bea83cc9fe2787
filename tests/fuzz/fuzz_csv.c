/* fuzz_csv: the CSV reader on arbitrary bytes, with small limits so that
 * the limit paths are reached too. */
#include <stdint.h>
#include <stdio.h>

#include "csv.h"

/* The unit tests replay tests/fuzz/regressions/ through this very function,
 * under another name (tests/unit/test_fuzz_regressions.c). */
#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	struct arena a;
	arena_init(&a);
	struct diag d;
	diag_init(&d, devnull);
	struct csv_limits lim;
	csv_limits_default(&lim);
	if (size && data[0] == '#') {
		lim.max_field = 16;
		lim.max_rows = 8;
	}
	struct csv_table *t = csv_parse(&a, &d, "fuzz.csv", (const char *)data, size, &lim);
	if (t && t->n_cols)
		csv_column(t, t->header[0].text);
	arena_fini(&a);
	return 0;
}
