/* fuzz_spec: the spec reader (libfyaml + validation) on arbitrary bytes,
 * read as JSON or YAML by the first byte's low bit. */
#include <stdint.h>
#include <stdio.h>

#include "spec.h"

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
	struct spec_limits lim;
	spec_limits_default(&lim);
	const char *name = size && (data[0] & 1) ? "fuzz.json" : "fuzz.yaml";
	spec_load_buffer(&a, &d, name, (const char *)data, size, &lim);
	arena_fini(&a);
	return 0;
}
