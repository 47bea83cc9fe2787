/* Unit tests: SHA-256, the processor's instructions and the portable code,
 * against FIPS 180-4's examples and against GLib's implementation. */
#include <glib.h>
#include <stdlib.h>

#include "check.h"
#include "util.h"

static void known_vectors(void)
{
	char out[65];
	sha256_hex("", 0, out);
	CHECK_STR(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, out);
	CHECK_STR(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), out);
	CHECK_STR(out, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* A million "a", given in pieces of 1000. */
	char a[1000];
	memset(a, 'a', sizeof a);
	struct sha256 s;
	sha256_init(&s);
	for (int i = 0; i < 1000; i++)
		sha256_update(&s, a, sizeof a);
	sha256_final_hex(&s, out);
	CHECK_STR(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Every length up to a few blocks (each padding case), a large buffer, and
 * the same bytes given in uneven pieces, against GLib. */
static void against_glib(void)
{
	size_t n = 70000;
	unsigned char *buf = malloc(n);
	unsigned x = 12345;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (unsigned char)(x >> 16);
	}
	int bad = 0;
	for (size_t len = 0; len <= 301; len++) {
		if (len == 301)
			len = n;
		char out[65];
		sha256_hex(buf, len, out);
		gchar *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, buf, len);
		if (strcmp(out, want) != 0 && bad++ < 3)
			check_fail(__FILE__, __LINE__, "length %zu: got %s, want %s", len, out, want);
		g_free(want);
		if (len == n)
			break;
	}
	struct sha256 s;
	sha256_init(&s);
	size_t at = 0, step = 1;
	while (at < n) {
		size_t take = step < n - at ? step : n - at;
		sha256_update(&s, buf + at, take);
		at += take;
		step = step * 3 + 1; /* 1, 4, 13, 40, ...: across block edges */
		if (step > 9000)
			step = 7;
	}
	char out[65];
	sha256_final_hex(&s, out);
	gchar *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, buf, n);
	CHECK_STR(out, want);
	g_free(want);
	free(buf);
}

void test_sha256_hardware(void)
{
	/* On a processor without the SHA instructions this is the portable
	 * code again; saying so keeps the test honest about what it ran. */
	sha256_set_hardware(true);
	if (!sha256_hardware())
		fprintf(stderr, "  (no SHA instructions here: the portable code twice)\n");
	known_vectors();
	against_glib();
}

void test_sha256_portable(void)
{
	sha256_set_hardware(false);
	CHECK(!sha256_hardware());
	known_vectors();
	against_glib();
	sha256_set_hardware(true);
}
