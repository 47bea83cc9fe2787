/* deflate: a raw DEFLATE (RFC 1951) compressor for unfiltered PNG scanlines
 * (stage: encode). Charts are mostly flat colour: nearly every run of bytes
 * repeats the pixel to its left or the row above. So instead of searching
 * hash chains as zlib does, the matcher tries those two distances first and
 * keeps one hash candidate for everything else (text, icons), and writes
 * one dynamic-Huffman block per 64K symbols. No window to slide and no
 * dictionary to prime: a chunk may refer back into the bytes before it,
 * because the whole image is in memory. Several chunks of one image can be
 * compressed on several threads and their outputs concatenated.
 *
 * The output is a function of the input bytes and the chunk boundaries
 * alone (same bytes on any machine and any thread count). */
#ifndef SALTPRINT_DEFLATE_H
#define SALTPRINT_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most bytes deflate_chunk() writes for `len` input bytes. */
size_t deflate_chunk_bound(size_t len);

/* Working memory for deflate_chunk (a hash table and a symbol buffer, about
 * 400 KB), reused from chunk to chunk by one thread. NULL when out of
 * memory. */
struct deflate_scratch;
struct deflate_scratch *deflate_scratch_new(void);
void deflate_scratch_free(struct deflate_scratch *s);

/* Compresses base[from, to) into out (at least deflate_chunk_bound(to -
 * from) bytes) and returns the bytes written. Matches may reach back to 32
 * KB before `from` (no further than base). `row` is the scanline length
 * (filter byte included) and `pixel` the bytes per pixel: the distances
 * tried first. The output ends on a byte boundary: with the final block
 * when `last`, else with an empty stored block, so that chunks concatenate
 * into one stream. It depends on the bytes from max(base, from - 32 KB) to
 * `to` alone. */
size_t deflate_chunk(const unsigned char *base, size_t from, size_t to, size_t row, int pixel,
		     bool last, unsigned char *out, struct deflate_scratch *scratch);

/* Huffman code lengths, at most `limit` bits, for the n (at most 286)
 * symbols with these frequencies (each below 2^23); unused symbols get 0. At least two must
 * be used, so that the code is complete. Exposed for the unit tests. */
void deflate_code_lengths(const uint32_t *freq, int n, int limit, unsigned char *len);

/* Adler-32 of data, continuing from `adler` (1 to start). */
unsigned long deflate_adler32(unsigned long adler, const unsigned char *data, size_t len);
/* The same with the 32-byte (AVX2) loop where the processor has it and
 * `wide`, else the 16-byte one. Exposed for the unit tests. */
unsigned long deflate_adler32_on(unsigned long adler, const unsigned char *data, size_t len,
				 bool wide);

#endif
