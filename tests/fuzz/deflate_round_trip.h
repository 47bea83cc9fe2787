/* deflate_round_trip: the check that fuzz_deflate and the deflate unit tests
 * share. Deflates data in chunks of `chunk` bytes (0: one chunk) with the
 * given row and pixel distances, inflates the result with zlib and compares.
 * Returns the compressed size, or 0 when the round trip failed. */
#ifndef SALTPRINT_DEFLATE_ROUND_TRIP_H
#define SALTPRINT_DEFLATE_ROUND_TRIP_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deflate.h"

static size_t deflate_round_trip(const unsigned char *data, size_t len, size_t chunk, size_t row,
				 int pixel)
{
	if (!chunk || chunk > len)
		chunk = len ? len : 1;
	size_t n = len ? (len + chunk - 1) / chunk : 1;
	unsigned char *out = malloc(n * deflate_chunk_bound(chunk));
	unsigned char *back = malloc(len + 64);
	size_t olen = 0;
	struct deflate_scratch *scratch = deflate_scratch_new();
	for (size_t k = 0; k < n; k++) {
		size_t from = k * chunk, to = from + chunk < len ? from + chunk : len;
		if (from > len)
			from = len;
		olen += deflate_chunk(data, from, to, row, pixel, k + 1 == n, out + olen, scratch);
	}
	deflate_scratch_free(scratch);
	z_stream z;
	memset(&z, 0, sizeof z);
	inflateInit2(&z, -15);
	z.next_in = out;
	z.avail_in = (uInt)olen;
	z.next_out = back;
	z.avail_out = (uInt)len + 64;
	int rc = inflate(&z, Z_FINISH);
	bool ok = rc == Z_STREAM_END && z.total_out == len && z.avail_in == 0 &&
		  memcmp(back, data, len) == 0;
	inflateEnd(&z);
	free(out);
	free(back);
	return ok ? olen : 0;
}

#endif
