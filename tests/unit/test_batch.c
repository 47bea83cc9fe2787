/* Unit tests: a batch's manifest paths and shards. */
#include <stdlib.h>

#include "batch.h"
#include "check.h"

static void rel_is(const char *in, const char *want)
{
	char *got = batch_manifest_rel(in);
	if (!want) {
		if (got)
			check_fail(__FILE__, __LINE__, "\"%s\" gave \"%s\", want NULL", in, got);
	} else if (!got) {
		check_fail(__FILE__, __LINE__, "\"%s\" gave NULL, want \"%s\"", in, want);
	} else {
		CHECK_STR(got, want);
	}
	free(got);
}

void test_batch_manifest_rel(void)
{
	rel_is("a.json", "a.json");
	rel_is("./a.json", "a.json");
	rel_is("x//y/./a.json", "x/y/a.json");
	rel_is("x/y/../a.json", "x/a.json");
	rel_is("x/../../a.json", NULL);
	rel_is("../a.json", NULL);
	rel_is("/srv/specs/a.json", "srv/specs/a.json");
	rel_is("/../a.json", NULL);
	rel_is("x/..", "");
	rel_is(".", "");
	rel_is("x/...json", "x/...json"); /* three dots: a name, not a step */
	rel_is("x/..a/b.yaml", "x/..a/b.yaml");
	rel_is("sub/", "sub");
}

void test_batch_shards_split_alike(void)
{
	/* FNV-1a 64 of the relative path: the same shard on every machine. */
	CHECK(batch_shard_of("a.json", 1) == 0);
	CHECK(batch_shard_of("x", 0) == 0);
	unsigned seen[4] = {0, 0, 0, 0};
	char rel[32];
	for (int i = 0; i < 400; i++) {
		snprintf(rel, sizeof rel, "county-%03d.yaml", i);
		unsigned s = batch_shard_of(rel, 4);
		CHECK(s < 4);
		if (s < 4)
			seen[s]++;
		CHECK(s == batch_shard_of(rel, 4));
	}
	/* Each of four shards gets a fair part of 400 specs. */
	for (int k = 0; k < 4; k++)
		CHECK(seen[k] > 70 && seen[k] < 130);
	/* Known values, so that a changed hash (which would move every spec
	 * to another shard and spoil every shard's cache) fails here. */
	CHECK(batch_shard_of("", 1000) == (unsigned)(14695981039346656037ULL % 1000));
	CHECK(batch_shard_of("a", 1000) == (unsigned)(0xaf63dc4c8601ec8cULL % 1000));
}

void test_batch_progress_tail(void)
{
	const char *p = "data/ziliujing-2017/report-card-poster.yaml";
	CHECK(batch_tail_fitting(p, 100) == p);
	CHECK_STR(batch_tail_fitting(p, 11), "poster.yaml");
	CHECK_STR(batch_tail_fitting(p, 0), "");
	/* Han characters take two columns: four of them in nine. */
	const char *z = "data/\u81ea\u6d41\u4e95\u533a/\u6307\u6807.yaml";
	CHECK_STR(batch_tail_fitting(z, 9), "\u6307\u6807.yaml");
	CHECK_STR(batch_tail_fitting(z, 10), "/\u6307\u6807.yaml");
	CHECK_STR(batch_tail_fitting(z, 11), "/\u6307\u6807.yaml"); /* not half a character */
	CHECK_STR(batch_tail_fitting(z, 12), "\u533a/\u6307\u6807.yaml");
	/* Invalid UTF-8 is not shown. */
	CHECK_STR(batch_tail_fitting("a\xff.yaml", 20), "");
}
