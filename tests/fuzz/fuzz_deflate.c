/* fuzz_deflate: our deflate on arbitrary bytes, cut into arbitrary chunks
 * with arbitrary row and pixel distances; zlib must inflate every stream
 * back to the input, and Adler-32 must agree with zlib's. The first three
 * bytes choose the chunk size, row length and pixel size. */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "deflate.h"
#include "deflate_round_trip.h"

/* The unit tests replay tests/fuzz/regressions/ through this very function,
 * under another name (tests/unit/test_fuzz_regressions.c). */
#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	size_t chunk = 1 + (size_t)data[0] * 97;
	size_t row = 1 + (size_t)data[1] * 37;
	int pixel = 1 + data[2] % 4;
	data += 3, size -= 3;
	if (chunk < size / 64)
		chunk = size / 64; /* at most 64 chunks: each clears a 128 KB table */
	if (deflate_round_trip(data, size, chunk, row, pixel) == 0)
		abort();
	if (deflate_adler32(1, data, size) != adler32(1, data, (uInt)size))
		abort();
	return 0;
}
