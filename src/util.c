/* util: arena, buffers, UTF-8 and string helpers (shared by every stage). */
#include "util.h"

#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("saltprint: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		fputs("saltprint: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("saltprint: out of memory\n", stderr);
		abort();
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

void arena_init(struct arena *a) { a->head = NULL; }

void arena_fini(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

void *arena_alloc(struct arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	struct arena_block *b = a->head;
	if (!b || b->cap - b->used < size) {
		size_t cap = size > 32768 ? size : 32768;
		b = xmalloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fputs("saltprint: allocation size overflow\n", stderr);
		abort();
	}
	return arena_alloc(a, n * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void dynbuf_init(struct dynbuf *b, size_t limit)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->limit = limit;
	b->too_big = false;
}

void dynbuf_fini(struct dynbuf *b)
{
	free(b->data);
	dynbuf_init(b, b->limit);
}

bool dynbuf_append(struct dynbuf *b, const void *p, size_t n)
{
	if (b->too_big || n > b->limit - b->len) {
		b->too_big = true;
		return false;
	}
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n)
			cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return true;
}

bool dynbuf_appendf(struct dynbuf *b, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return false;
	if ((size_t)n < sizeof small)
		return dynbuf_append(b, small, (size_t)n);
	char *big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	bool ok = dynbuf_append(b, big, (size_t)n);
	free(big);
	return ok;
}

size_t utf8_invalid_at(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t cp, min;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1, cp = c & 0x1F, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2, cp = c & 0x0F, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return (size_t)-1;
}

uint32_t utf8_next(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t c = s[0];
	size_t n = 0;
	if (c >= 0xF0)
		c &= 0x07, n = 3;
	else if (c >= 0xE0)
		c &= 0x0F, n = 2;
	else if (c >= 0xC0)
		c &= 0x1F, n = 1;
	for (size_t k = 1; k <= n; k++)
		c = (c << 6) | (s[k] & 0x3F);
	*p += n + 1;
	return c;
}

size_t utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

int str_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 1000;
	int d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

const char *str_nearest(const char *name, const char *const *cands, size_t n)
{
	const char *best = NULL;
	int best_d = 1000;
	for (size_t i = 0; i < n; i++) {
		int d = str_distance(name, cands[i]);
		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	size_t len = strlen(name);
	int allowed = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	return best_d <= allowed ? best : NULL;
}

bool str_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

int file_read_all(const char *path, size_t limit, char **out, size_t *out_len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return EISDIR;
	}
	struct dynbuf b;
	dynbuf_init(&b, limit);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (!dynbuf_append(&b, chunk, n)) {
			fclose(f);
			dynbuf_fini(&b);
			return EFBIG;
		}
	}
	int err = ferror(f) ? EIO : 0;
	fclose(f);
	if (err) {
		dynbuf_fini(&b);
		return err;
	}
	dynbuf_append(&b, "", 1); /* NUL terminator, within limit+1 is fine */
	*out = (char *)b.data;
	*out_len = b.len - 1;
	return 0;
}

void memory_setup(void)
{
	mallopt(M_MMAP_THRESHOLD, 256 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	/* Reserve the heap's first 64 MB, advise huge pages on it, free it: the
	 * trim threshold keeps it for later mallocs. */
	size_t len = (size_t)64 << 20, huge = (size_t)2 << 20;
	unsigned char *p = malloc(len);
	if (!p)
		return;
	uintptr_t from = ((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1);
	uintptr_t to = ((uintptr_t)p + len) & ~(uintptr_t)(huge - 1);
	if (to > from)
		madvise((void *)from, to - from, MADV_HUGEPAGE);
	free(p);
}
