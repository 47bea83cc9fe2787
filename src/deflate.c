/* deflate: see deflate.h. RFC 1951 is the reference for every bit order and
 * table here. */
#include "deflate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 32768      /* the farthest a match may reach back */
#define MAX_MATCH 258
#define MIN_MATCH 4       /* shorter matches cost about what their literals do */
#define BLOCK_SYMS 65536  /* symbols per Huffman block */
#define HASH_BITS 15

/* Little-endian loads on any machine (one load instruction where the
 * machine is little-endian): the hash and the match lengths, and so the
 * bytes, are the same everywhere. */
static inline uint32_t load32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t load64(const unsigned char *p)
{
	return (uint64_t)load32(p) | (uint64_t)load32(p + 4) << 32;
}

/* --- bits, least significant first ------------------------------------ */

struct bits {
	unsigned char *out;
	size_t pos;
	uint64_t acc;
	int n; /* bits in acc, below 32 between calls */
};

static inline void put(struct bits *b, uint32_t v, int nbits)
{
	b->acc |= (uint64_t)v << b->n;
	b->n += nbits;
	if (b->n >= 32) {
		uint32_t w = (uint32_t)b->acc;
		unsigned char *o = b->out + b->pos;
		o[0] = (unsigned char)w, o[1] = (unsigned char)(w >> 8);
		o[2] = (unsigned char)(w >> 16), o[3] = (unsigned char)(w >> 24);
		b->pos += 4;
		b->acc >>= 32;
		b->n -= 32;
	}
}

/* Pads to a byte boundary and writes out what is left. */
static void align(struct bits *b)
{
	while (b->n > 0) {
		b->out[b->pos++] = (unsigned char)b->acc;
		b->acc >>= 8;
		b->n -= 8;
	}
	b->n = 0;
	b->acc = 0;
}

/* --- length and distance codes ------------------------------------------ */

/* Length 3..258 as x = length - 3: code 257 + len_code(x), len_bits(x) extra
 * bits holding x - len_base(code). */
static inline int len_code(unsigned x)
{
	if (x < 8)
		return (int)x;
	if (x == 255)
		return 28; /* 258 has its own code */
	int b = 31 - __builtin_clz(x);
	return 4 * (b - 1) + (int)((x >> (b - 2)) & 3);
}

static const unsigned short len_base[29] = {0,  1,  2,  3,  4,  5,  6,   7,   8,   10,
					    12, 14, 16, 20, 24, 28, 32,  40,  48,  56,
					    64, 80, 96, 112, 128, 160, 192, 224, 255};
static const unsigned char len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
					    2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};

/* Distance 1..32768 as x = distance - 1: code dist_code(x), with
 * dist_extra(code) extra bits holding x - dist_base(code). */
static inline int dist_code(unsigned x)
{
	if (x < 4)
		return (int)x;
	int b = 31 - __builtin_clz(x);
	return 2 * b + (int)((x >> (b - 1)) & 1);
}

static inline int dist_extra(int code) { return code < 4 ? 0 : code / 2 - 1; }

static inline unsigned dist_base(int code)
{
	return code < 4 ? (unsigned)code : (2u + (unsigned)(code & 1)) << (code / 2 - 1);
}

/* --- Huffman codes ------------------------------------------------------ */

struct leaf {
	uint32_t freq;
	uint16_t sym;
};

/* Sorts the leaves by frequency, then symbol: a radix sort on the key
 * freq << 9 | sym (frequencies below 2^23), nine bits a pass, as many
 * passes as the largest key needs: three for a block's at most 65537
 * symbols. (qsort took a tenth of the encoder's time here.) */
static void sort_leaves(struct leaf *v, int n)
{
	struct leaf tmp[320];
	struct leaf *from = v, *to = tmp;
	uint32_t top = 0;
	for (int i = 0; i < n; i++)
		if ((v[i].freq << 9 | v[i].sym) > top)
			top = v[i].freq << 9 | v[i].sym;
	for (int shift = 0; shift < 32 && (top >> shift); shift += 9) {
		int count[513] = {0};
		for (int i = 0; i < n; i++) {
			uint32_t key = from[i].freq << 9 | from[i].sym;
			count[((key >> shift) & 511) + 1]++;
		}
		for (int b = 0; b < 512; b++)
			count[b + 1] += count[b];
		for (int i = 0; i < n; i++) {
			uint32_t key = from[i].freq << 9 | from[i].sym;
			to[count[(key >> shift) & 511]++] = from[i];
		}
		struct leaf *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, (size_t)n * sizeof *v);
}

void deflate_code_lengths(const uint32_t *freq, int n, int limit, unsigned char *len)
{
	struct leaf leaves[320];
	uint32_t nfreq[640];
	int parent[640], depth[640];
	int m = 0;
	memset(len, 0, (size_t)n);
	for (int s = 0; s < n; s++)
		if (freq[s])
			leaves[m].freq = freq[s], leaves[m].sym = (uint16_t)s, m++;
	sort_leaves(leaves, m);
	/* Two queues: the sorted leaves, and the internal nodes in the order
	 * they are made (their weights never decrease). */
	for (int i = 0; i < m; i++)
		nfreq[i] = leaves[i].freq;
	int li = 0, ni = m, made = m;
	while (made < 2 * m - 1) {
		int pick[2];
		for (int k = 0; k < 2; k++) {
			if (li < m && (ni >= made || nfreq[li] <= nfreq[ni]))
				pick[k] = li++;
			else
				pick[k] = ni++;
		}
		nfreq[made] = nfreq[pick[0]] + nfreq[pick[1]];
		parent[pick[0]] = parent[pick[1]] = made;
		made++;
	}
	depth[2 * m - 2] = 0;
	for (int i = 2 * m - 3; i >= 0; i--)
		depth[i] = depth[parent[i]] + 1;
	/* Leaves deeper than the limit go to the limit; then, while the code is
	 * over-full, one leaf at the limit is dropped and one shallower leaf
	 * moves down a level with it as its sibling, which frees one unit of
	 * 2^-limit at a time. */
	int count[32] = {0};
	for (int i = 0; i < m; i++)
		count[depth[i] > limit ? limit : depth[i]]++;
	uint32_t kraft = 0;
	for (int d = 1; d <= limit; d++)
		kraft += (uint32_t)count[d] << (limit - d);
	while (kraft > (1u << limit)) {
		count[limit]--;
		for (int d = limit - 1; d > 0; d--)
			if (count[d]) {
				count[d]--;
				count[d + 1] += 2;
				break;
			}
		kraft--;
	}
	/* The most frequent symbols get the shortest codes. */
	int i = m - 1;
	for (int d = 1; d <= limit; d++)
		for (int k = 0; k < count[d]; k++, i--)
			len[leaves[i].sym] = (unsigned char)d;
}

/* Canonical codes from the lengths, bit-reversed for LSB-first output. */
static void huff_codes(const unsigned char *len, int n, uint16_t *code)
{
	int count[16] = {0};
	for (int s = 0; s < n; s++)
		count[len[s]]++;
	count[0] = 0;
	uint16_t next[16];
	unsigned c = 0;
	for (int b = 1; b < 16; b++) {
		c = (c + (unsigned)count[b - 1]) << 1;
		next[b] = (uint16_t)c;
	}
	for (int s = 0; s < n; s++) {
		int l = len[s];
		if (!l) {
			code[s] = 0;
			continue;
		}
		unsigned v = next[l]++, r = 0;
		for (int k = 0; k < l; k++)
			r = (r << 1) | ((v >> k) & 1);
		code[s] = (uint16_t)r;
	}
}

/* Makes sure at least two symbols are used, as complete codes need. */
static void two_used(uint32_t *freq, int n)
{
	int used = 0;
	for (int s = 0; s < n && used < 2; s++)
		used += freq[s] != 0;
	for (int s = 0; used < 2; s++)
		if (!freq[s])
			freq[s] = 1, used++;
}

/* The run-length coded code lengths (symbols 0-18, extra bits in bits 8+). */
static int rle_lengths(const unsigned char *len, int n, uint16_t *out, uint32_t *freq)
{
	int k = 0;
	for (int i = 0; i < n;) {
		int l = len[i], run = 1;
		while (i + run < n && len[i + run] == l)
			run++;
		i += run;
		if (l == 0) {
			while (run >= 11) {
				int r = run < 138 ? run : 138;
				out[k++] = (uint16_t)(18 | (r - 11) << 8), freq[18]++;
				run -= r;
			}
			if (run >= 3) {
				out[k++] = (uint16_t)(17 | (run - 3) << 8), freq[17]++;
				run = 0;
			}
		} else {
			out[k++] = (uint16_t)l, freq[l]++;
			run--;
			while (run >= 3) {
				int r = run < 6 ? run : 6;
				out[k++] = (uint16_t)(16 | (r - 3) << 8), freq[16]++;
				run -= r;
			}
		}
		while (run-- > 0)
			out[k++] = (uint16_t)l, freq[l]++;
	}
	return k;
}

/* --- blocks ------------------------------------------------------------- */

/* A symbol: a literal byte, or MATCH | (length - 3) << 15 | (distance - 1). */
#define MATCH 0x80000000u

struct block {
	uint32_t *syms;
	int n;
	uint32_t lit_freq[286];
	uint32_t dist_freq[30];
};

static void write_block(struct bits *b, struct block *bl, bool final)
{
	static const unsigned char order[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
						11, 4,  12, 3, 13, 2, 14, 1, 15};
	bl->lit_freq[256] = 1; /* end of block */
	two_used(bl->lit_freq, 286);
	two_used(bl->dist_freq, 30);
	unsigned char lit_len[286], dist_len[30], cl_len[19];
	uint16_t lit_code[286], dist_code_[30], cl_code[19];
	deflate_code_lengths(bl->lit_freq, 286, 15, lit_len);
	deflate_code_lengths(bl->dist_freq, 30, 15, dist_len);
	huff_codes(lit_len, 286, lit_code);
	huff_codes(dist_len, 30, dist_code_);
	int nlit = 286, ndist = 30;
	while (nlit > 257 && !lit_len[nlit - 1])
		nlit--;
	while (ndist > 1 && !dist_len[ndist - 1])
		ndist--;
	uint16_t rle[316];
	uint32_t cl_freq[19] = {0};
	int nr = rle_lengths(lit_len, nlit, rle, cl_freq);
	nr += rle_lengths(dist_len, ndist, rle + nr, cl_freq);
	two_used(cl_freq, 19);
	deflate_code_lengths(cl_freq, 19, 7, cl_len);
	huff_codes(cl_len, 19, cl_code);
	int ncl = 19;
	while (ncl > 4 && !cl_len[order[ncl - 1]])
		ncl--;

	put(b, final ? 1 : 0, 1);
	put(b, 2, 2); /* dynamic Huffman */
	put(b, (uint32_t)(nlit - 257), 5);
	put(b, (uint32_t)(ndist - 1), 5);
	put(b, (uint32_t)(ncl - 4), 4);
	for (int i = 0; i < ncl; i++)
		put(b, cl_len[order[i]], 3);
	static const unsigned char rle_extra[3] = {2, 3, 7};
	for (int i = 0; i < nr; i++) {
		int s = rle[i] & 31;
		put(b, cl_code[s], cl_len[s]);
		if (s >= 16)
			put(b, rle[i] >> 8, rle_extra[s - 16]);
	}
	for (int i = 0; i < bl->n; i++) {
		uint32_t s = bl->syms[i];
		if (!(s & MATCH)) {
			put(b, lit_code[s], lit_len[s]);
			continue;
		}
		unsigned x = (s >> 15) & 255, d = s & 0x7FFF;
		int lc = len_code(x);
		put(b, lit_code[257 + lc], lit_len[257 + lc]);
		if (len_extra[lc])
			put(b, x - len_base[lc], len_extra[lc]);
		int dc = dist_code(d);
		put(b, dist_code_[dc], dist_len[dc]);
		if (dist_extra(dc))
			put(b, d - dist_base(dc), dist_extra(dc));
	}
	put(b, lit_code[256], lit_len[256]);
	bl->n = 0;
	memset(bl->lit_freq, 0, sizeof bl->lit_freq);
	memset(bl->dist_freq, 0, sizeof bl->dist_freq);
}

/* --- matching ----------------------------------------------------------- */

/* How far a and b agree, given that their first MIN_MATCH bytes do. */
static inline size_t extend(const unsigned char *a, const unsigned char *b, size_t max)
{
	size_t n = MIN_MATCH;
	while (n + 8 <= max) {
		uint64_t x = load64(a + n) ^ load64(b + n);
		if (x)
			return n + (size_t)__builtin_ctzll(x) / 8;
		n += 8;
	}
	while (n < max && a[n] == b[n])
		n++;
	return n;
}

static inline uint32_t hash4(uint32_t v) { return (v * 2654435761u) >> (32 - HASH_BITS); }

size_t deflate_chunk_bound(size_t len) { return 2 * len + 512 * (len / BLOCK_SYMS + 2); }

struct deflate_scratch {
	uint32_t head[(size_t)1 << HASH_BITS];
	uint32_t syms[BLOCK_SYMS];
};

struct deflate_scratch *deflate_scratch_new(void) { return malloc(sizeof(struct deflate_scratch)); }

void deflate_scratch_free(struct deflate_scratch *s) { free(s); }

size_t deflate_chunk(const unsigned char *base, size_t from, size_t to, size_t row, int pixel,
		     bool last, unsigned char *out, struct deflate_scratch *scratch)
{
	struct block bl;
	memset(&bl, 0, sizeof bl);
	uint32_t *head = scratch->head;
	memset(head, 0, sizeof scratch->head); /* every chunk starts afresh */
	bl.syms = scratch->syms;
	struct bits b = {out, 0, 0, 0};
	size_t left = (size_t)pixel, up = row <= WINDOW ? row : 0;
	size_t i = from;
	while (i < to) {
		size_t max = to - i < MAX_MATCH ? to - i : MAX_MATCH;
		size_t best = 0, dist = 0;
		if (max >= MIN_MATCH) {
			const unsigned char *p = base + i;
			uint32_t cur = load32(p);
			if (i >= left && load32(p - left) == cur)
				best = extend(p, p - left, max), dist = left;
			if (up && i >= up && best < max && load32(p - up) == cur) {
				size_t l = extend(p, p - up, max);
				if (l > best)
					best = l, dist = up;
			}
			uint32_t h = hash4(cur);
			size_t cand = head[h];
			head[h] = (uint32_t)(i - from + 1);
			if (cand && best < max) {
				size_t q = from + cand - 1, d = i - q;
				if (d <= WINDOW && d != left && d != up && load32(base + q) == cur) {
					size_t l = extend(p, base + q, max);
					if (l > best)
						best = l, dist = d;
				}
			}
		}
		if (best >= MIN_MATCH) {
			bl.syms[bl.n++] = MATCH | (uint32_t)(best - 3) << 15 | (uint32_t)(dist - 1);
			bl.lit_freq[257 + len_code((unsigned)(best - 3))]++;
			bl.dist_freq[dist_code((unsigned)(dist - 1))]++;
			/* Short matches (text, icons) leave their positions for later
			 * matches to find; long runs are not worth it. */
			if (best < 16)
				for (size_t k = 1; k < best && i + k + 4 <= to; k++)
					head[hash4(load32(base + i + k))] = (uint32_t)(i + k - from + 1);
			i += best;
		} else {
			bl.syms[bl.n++] = base[i];
			bl.lit_freq[base[i]]++;
			i++;
		}
		if (bl.n == BLOCK_SYMS)
			write_block(&b, &bl, false);
	}
	write_block(&b, &bl, last);
	if (!last) {
		put(&b, 0, 3); /* an empty stored block ends the chunk on a byte */
		align(&b);
		static const unsigned char empty[4] = {0, 0, 0xFF, 0xFF};
		memcpy(out + b.pos, empty, 4);
		b.pos += 4;
	} else {
		align(&b);
	}
	return b.pos;
}

/* --- Adler-32 ----------------------------------------------------------- */

/* 5552 bytes is the most before the sums can overflow 32 bits. */
#define ADLER_MOD 65521u
#define ADLER_NMAX 5552

static void adler_bytes(uint32_t *a, uint32_t *s, const unsigned char *p, size_t n)
{
	uint32_t x = *a, y = *s;
	for (; n >= 4; n -= 4, p += 4) {
		x += p[0], y += x;
		x += p[1], y += x;
		x += p[2], y += x;
		x += p[3], y += x;
	}
	while (n--)
		x += *p++, y += x;
	*a = x, *s = y;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* Sixteen bytes at a time. Over n bytes b[k] following sums (a0, s0):
 *   a = a0 + sum b[k],  s = s0 + n a0 + sum (n - k) b[k].
 * With k = 16 j + t the weight n - k is (16 - t) + 16 (J - 1 - j): the
 * first part is a multiply-add of each vector by 16..1, the second 16 times
 * the sum, over vectors, of the byte sums of the vectors before it. */
static void adler_block(uint32_t *a, uint32_t *s, const unsigned char *p, size_t n)
{
	size_t vecs = n / 16;
	const __m128i zero = _mm_setzero_si128();
	const __m128i w_lo = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9);
	const __m128i w_hi = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);
	__m128i sum = zero, prefix = zero, weighted = zero;
	for (size_t j = 0; j < vecs; j++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * j));
		prefix = _mm_add_epi32(prefix, sum);
		sum = _mm_add_epi32(sum, _mm_sad_epu8(v, zero));
		weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpacklo_epi8(v, zero), w_lo));
		weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpackhi_epi8(v, zero), w_hi));
	}
	uint32_t lanes[4];
	_mm_storeu_si128((__m128i *)lanes, sum);
	uint32_t bytes = lanes[0] + lanes[2]; /* the sad sums sit in lanes 0 and 2 */
	_mm_storeu_si128((__m128i *)lanes, prefix);
	uint32_t pre = lanes[0] + lanes[2];
	_mm_storeu_si128((__m128i *)lanes, weighted);
	uint32_t wsum = lanes[0] + lanes[1] + lanes[2] + lanes[3];
	uint64_t y = *s + (uint64_t)(16 * vecs) * *a + 16ull * pre + wsum;
	*a = (*a + bytes) % ADLER_MOD;
	*s = (uint32_t)(y % ADLER_MOD);
	adler_bytes(a, s, p + 16 * vecs, n - 16 * vecs);
}

#if defined(__x86_64__)
#include <immintrin.h>

/* The same sums 32 bytes at a time: the weights 32..1 by one multiply-add
 * of bytes (at most 255 * 32 + 255 * 31 in a 16-bit pair), the vectors'
 * byte sums by sad. Half the loop trips of the SSE2 one, over rows the
 * deflate has just read, so still in the cache: the checksum was 6% of a
 * batch's CPU. */
__attribute__((target("avx2"))) static void adler_block_avx2(uint32_t *a, uint32_t *s,
							      const unsigned char *p, size_t n)
{
	size_t vecs = n / 32;
	const __m256i zero = _mm256_setzero_si256();
	const __m256i weights = _mm256_setr_epi8(32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20,
						 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6,
						 5, 4, 3, 2, 1);
	const __m256i ones = _mm256_set1_epi16(1);
	__m256i sum = zero, prefix = zero, weighted = zero;
	for (size_t j = 0; j < vecs; j++) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(p + 32 * j));
		prefix = _mm256_add_epi32(prefix, sum);
		sum = _mm256_add_epi32(sum, _mm256_sad_epu8(v, zero));
		weighted = _mm256_add_epi32(weighted,
					    _mm256_madd_epi16(_mm256_maddubs_epi16(v, weights), ones));
	}
	uint32_t lanes[8];
	_mm256_storeu_si256((__m256i *)lanes, sum);
	uint32_t bytes = lanes[0] + lanes[2] + lanes[4] + lanes[6]; /* sad: one sum a 64-bit lane */
	_mm256_storeu_si256((__m256i *)lanes, prefix);
	uint32_t pre = lanes[0] + lanes[2] + lanes[4] + lanes[6];
	_mm256_storeu_si256((__m256i *)lanes, weighted);
	uint64_t wsum = 0;
	for (int i = 0; i < 8; i++)
		wsum += lanes[i];
	uint64_t y = *s + (uint64_t)(32 * vecs) * *a + 32ull * pre + wsum;
	*a = (*a + bytes) % ADLER_MOD;
	*s = (uint32_t)(y % ADLER_MOD);
	adler_block(a, s, p + 32 * vecs, n - 32 * vecs);
}

static bool have_avx2(void) { return __builtin_cpu_supports("avx2"); }
#else
static void adler_block_avx2(uint32_t *a, uint32_t *s, const unsigned char *p, size_t n)
{
	adler_block(a, s, p, n);
}
static bool have_avx2(void) { return false; }
#endif
#else
static void adler_block(uint32_t *a, uint32_t *s, const unsigned char *p, size_t n)
{
	adler_bytes(a, s, p, n);
}
static void adler_block_avx2(uint32_t *a, uint32_t *s, const unsigned char *p, size_t n)
{
	adler_bytes(a, s, p, n);
}
static bool have_avx2(void) { return false; }
#endif

unsigned long deflate_adler32(unsigned long adler, const unsigned char *data, size_t len)
{
	return deflate_adler32_on(adler, data, len, have_avx2());
}

unsigned long deflate_adler32_on(unsigned long adler, const unsigned char *data, size_t len,
				 bool wide)
{
	uint32_t a = adler & 0xFFFF, s = (adler >> 16) & 0xFFFF;
	wide = wide && have_avx2();
	while (len) {
		size_t n = len < ADLER_NMAX ? len : ADLER_NMAX;
		if (wide)
			adler_block_avx2(&a, &s, data, n);
		else
			adler_block(&a, &s, data, n);
		a %= ADLER_MOD;
		s %= ADLER_MOD;
		data += n;
		len -= n;
	}
	return (unsigned long)s << 16 | a;
}
