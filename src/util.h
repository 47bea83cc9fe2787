/* util: arena allocation, growable buffers with limits, UTF-8 and string
 * helpers shared by every stage. No library types. */
#ifndef SALTPRINT_UTIL_H
#define SALTPRINT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The process's allocator settings, called first in main (and in the bench
 * and soak tools, to measure what the program does). Each render allocates
 * and frees image surfaces and deflate buffers of megabytes: glibc would
 * return them to the kernel and fault them back in on the next render,
 * which is what a busy batch waits on, so they stay in the heap. The PDF
 * writer copies each CJK font's 16 MB CFF table into fresh memory for every
 * document: in 4 KB pages that is thousands of page faults, most of a cold
 * PDF's system time, so the first 64 MB of the heap asks for transparent
 * huge pages (docs/benchmarks.md). */
void memory_setup(void);

/* One arena per render job: spec, model and layout boxes live here and are
 * freed in one call. */
struct arena {
	struct arena_block *head;
};
void arena_init(struct arena *a);
void arena_fini(struct arena *a);
void *arena_alloc(struct arena *a, size_t size); /* zeroed; aborts on OOM */
void *arena_calloc(struct arena *a, size_t n, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable byte buffer that refuses to grow past `limit` bytes. */
struct dynbuf {
	unsigned char *data;
	size_t len, cap, limit;
	bool too_big;
};
void dynbuf_init(struct dynbuf *b, size_t limit);
void dynbuf_fini(struct dynbuf *b);
bool dynbuf_append(struct dynbuf *b, const void *p, size_t n);
bool dynbuf_appendf(struct dynbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Strict UTF-8 check (no overlongs, surrogates or code points past U+10FFFF).
 * Returns the byte offset of the first bad byte, or (size_t)-1 when valid. */
size_t utf8_invalid_at(const char *s, size_t len);
/* Decodes one code point from valid UTF-8; advances *p. */
uint32_t utf8_next(const char **p);
/* Number of code points in valid UTF-8. */
size_t utf8_count(const char *s, size_t len);

/* Edit distance (optimal string alignment) between two ASCII names. */
int str_distance(const char *a, const char *b);
/* The candidate nearest to `name`, or NULL when none is close enough. */
const char *str_nearest(const char *name, const char *const *cands, size_t n);

bool str_ends_with(const char *s, const char *suffix);
/* Reads a whole file, refusing files over `limit` bytes. errno-style result:
 * 0, or an errno value; EFBIG when over the limit. */
int file_read_all(const char *path, size_t limit, char **out, size_t *out_len);

/* SHA-256 (sha256.c): in pieces, or of len bytes at once, as 64 hex
 * digits and a NUL. */
struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t n;
};
void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final_hex(struct sha256 *s, char out[65]);
void sha256_hex(const void *data, size_t len, char out[65]);
/* Whether the processor's SHA instructions are used; off forces the
 * portable code (for tests). */
bool sha256_hardware(void);
void sha256_set_hardware(bool on);
/* The same of a whole file, read in pieces; "missing" if it cannot be read.
 * Returns 0 or an errno value. */
int file_sha256(const char *path, char out[65]);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
