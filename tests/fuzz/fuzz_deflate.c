/* fuzz_deflate: our deflate on arbitrary bytes, cut into arbitrary chunks
 * with arbitrary row and pixel distances; zlib must inflate every stream
 * back to the input, and Adler-32 must agree with zlib's. The first three
 * bytes choose the chunk size, row length and pixel size. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deflate.h"

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
	size_t n = size ? (size + chunk - 1) / chunk : 1;
	unsigned char *out = malloc(n * deflate_chunk_bound(chunk));
	unsigned char *back = malloc(size + 1);
	size_t olen = 0;
	struct deflate_scratch *scratch = deflate_scratch_new();
	for (size_t k = 0; k < n; k++) {
		size_t from = k * chunk, to = from + chunk < size ? from + chunk : size;
		olen += deflate_chunk(data, from, to, row, pixel, k + 1 == n, out + olen, scratch);
	}
	deflate_scratch_free(scratch);
	z_stream z;
	memset(&z, 0, sizeof z);
	inflateInit2(&z, -15);
	z.next_in = out;
	z.avail_in = (uInt)olen;
	z.next_out = back;
	z.avail_out = (uInt)size + 1;
	int rc = inflate(&z, Z_FINISH);
	if (rc != Z_STREAM_END || z.total_out != size || memcmp(back, data, size) != 0)
		abort();
	inflateEnd(&z);
	if (deflate_adler32(1, data, size) != adler32(1, data, (uInt)size))
		abort();
	free(out);
	free(back);
	return 0;
}
