/* sha256: SHA-256 (FIPS 180-4) for the batch report, the render cache's
 * keys and the font lock. Every output file's bytes are hashed once, which
 * with GLib's portable code took about 5% of a 1200x800 PNG's time; on
 * x86-64 processors with the SHA extensions the block function below runs
 * the rounds in hardware, several times as fast. Elsewhere the portable
 * block function is used; both give the same digests (tests/unit). */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static inline uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void blocks_portable(uint32_t h[8], const unsigned char *p, size_t n)
{
	for (; n > 0; n--, p += 64) {
		uint32_t w[64];
		for (int t = 0; t < 16; t++)
			w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
			       (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
		for (int t = 16; t < 64; t++) {
			uint32_t s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ (w[t - 15] >> 3);
			uint32_t s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ (w[t - 2] >> 10);
			w[t] = w[t - 16] + s0 + w[t - 7] + s1;
		}
		uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6],
			 hh = h[7];
		for (int t = 0; t < 64; t++) {
			uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) +
				      K[t] + w[t];
			uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
			hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
		}
		h[0] += a, h[1] += b, h[2] += c, h[3] += d;
		h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
	}
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

/* The SHA extensions keep the eight working variables in two registers,
 * A,B,E,F in one and C,D,G,H in the other (A and C in the top lanes), and
 * do two rounds an instruction; sha256msg1/msg2 extend the message schedule
 * four words at a time. */
__attribute__((target("sha,sse4.1,ssse3"))) static void blocks_shani(uint32_t h[8],
								  const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i abcd = _mm_loadu_si128((const __m128i *)&h[0]); /* lanes a b c d */
	__m128i efgh = _mm_loadu_si128((const __m128i *)&h[4]); /* lanes e f g h */
	__m128i badc = _mm_shuffle_epi32(abcd, 0xB1);
	__m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
	__m128i abef = _mm_alignr_epi8(badc, hgfe, 8);      /* lanes f e b a */
	__m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0);   /* lanes h g d c */
	for (; n > 0; n--, p += 64) {
		__m128i abef0 = abef, cdgh0 = cdgh;
		__m128i w[4];
		for (int i = 0; i < 4; i++)
			w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
		for (int r = 0; r < 16; r++) {
			__m128i cur = w[r & 3];
			if (r >= 4) {
				/* w[t..t+3] from w[t-16..t-13], w[t-15..t-12] (msg1),
				 * w[t-7..t-4] and w[t-2..t-1] (msg2). */
				__m128i prev = w[(r + 3) & 3], prev2 = w[(r + 2) & 3];
				cur = _mm_add_epi32(_mm_sha256msg1_epu32(w[r & 3], w[(r + 1) & 3]),
						    _mm_alignr_epi8(prev, prev2, 4));
				cur = _mm_sha256msg2_epu32(cur, prev);
				w[r & 3] = cur;
			}
			__m128i m = _mm_add_epi32(cur, _mm_loadu_si128((const __m128i *)&K[4 * r]));
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m);
			/* Two rounds have made the old a,b,e,f into c,d,g,h: the
			 * next two take them as such, and the registers are back
			 * to their names. */
			abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(m, 0x0E));
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}
	__m128i feba = _mm_shuffle_epi32(abef, 0x1B); /* lanes a b e f */
	__m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1); /* lanes g h c d */
	_mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
	_mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
}

/* CPUID: SHA is leaf 7's EBX bit 29, SSE4.1 leaf 1's ECX bit 19 (and
 * SSSE3, bit 9, for the byte shuffle). Asked directly: not every compiler's
 * __builtin_cpu_supports knows "sha". */
static bool have_shani(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19)) || !(c & (1u << 9)))
		return false;
	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
}
#else
static void blocks_shani(uint32_t h[8], const unsigned char *p, size_t n)
{
	blocks_portable(h, p, n);
}
static bool have_shani(void) { return false; }
#endif

static int hw = -1; /* -1: not yet asked; 0 or 1 */

void sha256_set_hardware(bool on)
{
	__atomic_store_n(&hw, on ? (have_shani() ? 1 : 0) : 0, __ATOMIC_RELAXED);
}

bool sha256_hardware(void)
{
	int v = __atomic_load_n(&hw, __ATOMIC_RELAXED);
	if (v < 0) {
		v = have_shani() ? 1 : 0;
		__atomic_store_n(&hw, v, __ATOMIC_RELAXED);
	}
	return v == 1;
}

static void blocks(uint32_t h[8], const unsigned char *p, size_t n)
{
	if (sha256_hardware())
		blocks_shani(h, p, n);
	else
		blocks_portable(h, p, n);
}

void sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(s->h, h0, sizeof h0);
	s->len = 0;
	s->n = 0;
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->len += len;
	if (s->n) {
		size_t take = 64 - s->n < len ? 64 - s->n : len;
		memcpy(s->buf + s->n, p, take);
		s->n += take, p += take, len -= take;
		if (s->n < 64)
			return;
		blocks(s->h, s->buf, 1);
		s->n = 0;
	}
	if (len >= 64) {
		blocks(s->h, p, len / 64);
		p += len / 64 * 64;
		len %= 64;
	}
	memcpy(s->buf, p, len);
	s->n = len;
}

void sha256_final_hex(struct sha256 *s, char out[65])
{
	uint64_t bits = s->len * 8;
	unsigned char pad[72] = {0x80};
	/* 0x80, zeros to 56 bytes mod 64, then the length in bits. */
	size_t padlen = (s->n < 56 ? 56 - s->n : 120 - s->n);
	for (int i = 0; i < 8; i++)
		pad[padlen + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, pad, padlen + 8);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 8; j++)
			out[8 * i + j] = hex[(s->h[i] >> (28 - 4 * j)) & 15];
	out[64] = '\0';
}

void sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256 s;
	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final_hex(&s, out);
}

int file_sha256(const char *path, char out[65])
{
	strcpy(out, "missing");
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno;
	struct sha256 s;
	sha256_init(&s);
	unsigned char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sha256_update(&s, buf, n);
	int err = ferror(f) ? EIO : 0;
	fclose(f);
	if (!err)
		sha256_final_hex(&s, out);
	return err;
}
