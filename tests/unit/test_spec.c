/* Unit tests: the spec reader (JSON and YAML alike, defaults, positions). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "spec.h"
#include "theme.h"
#include "theme_load.h"
#include "spec_tree.h"
#include "util.h"

static struct chart *load(struct arena *a, const char *name, const char *text, int *errors,
			  char *msgs, size_t msgs_size)
{
	struct diag d;
	FILE *mem = tmpfile();
	diag_init(&d, mem);
	struct spec_limits lim;
	spec_limits_default(&lim);
	struct chart *c = spec_load_buffer(a, &d, name, text, strlen(text), &lim);
	*errors = diag_errors(&d);
	rewind(mem);
	size_t n = fread(msgs, 1, msgs_size - 1, mem);
	msgs[n] = '\0';
	fclose(mem);
	return c;
}

void test_spec_json_and_yaml_agree(void)
{
	struct arena a;
	arena_init(&a);
	int ej, ey;
	char m[2048];
	struct chart *j = load(&a, "t.json",
			       "{\"chart\": \"gauges\", \"title\": \"目标\", \"unit\": \"%\",\n"
			       " \"gauges\": [{\"label\": \"GDP\", \"value\": 6.0,\n"
			       "   \"marks\": [{\"value\": 6, \"label\": \"2017\"}]},\n"
			       "  {\"label\": \"投资\", \"value\": 20}]}\n",
			       &ej, m, sizeof m);
	struct chart *y = load(&a, "t.yaml",
			       "chart: gauges\ntitle: 目标\nunit: \"%\"\ngauges:\n"
			       "  - label: GDP\n    value: 6.0\n    marks:\n"
			       "      - {value: 6, label: \"2017\"}\n"
			       "  - label: 投资\n    value: 20\n",
			       &ey, m, sizeof m);
	CHECK(j && y && ej == 0 && ey == 0);
	if (j && y) {
		CHECK(j->n_gauges == 2 && y->n_gauges == 2);
		CHECK_STR(j->gauges[0].value_text, "6.0");
		CHECK_STR(y->gauges[0].value_text, "6.0");
		CHECK_STR(j->gauges[1].unit.text, "%");
		CHECK_STR(y->gauges[1].unit.text, "%");
		CHECK(j->gauges[0].n_marks == 1 && y->gauges[0].n_marks == 1);
		/* Defaults: zh-Hans, 1200 px, height from content, a shared nice
		 * scale above the largest value (20 x 1.1 -> 25). */
		CHECK(j->locale == LOCALE_ZH_HANS && j->width == 1200 && j->height == 0);
		CHECK(j->gauges[0].max == 25 && j->gauges[1].max == 25);
		CHECK(y->gauges[0].max == 25);
		/* Positions are 1-based line:column in code points. */
		CHECK(j->gauges[1].label.pos.line == 4 && j->gauges[1].label.pos.col == 13);
		CHECK(y->gauges[1].label.pos.line == 9 && y->gauges[1].label.pos.col == 12);
	}
	arena_fini(&a);
}

void test_spec_reports_every_error(void)
{
	struct arena a;
	arena_init(&a);
	int e;
	char m[4096];
	struct chart *c = load(&a, "t.json",
			       "{\"chart\": \"gauges\", \"title\": 5, \"colour\": 1,\n"
			       " \"gauges\": [{\"label\": \"a\", \"value\": \"6.0%\"},\n"
			       "  {\"label\": \"b\", \"valu\": 1}]}\n",
			       &e, m, sizeof m);
	CHECK(c == NULL);
	CHECK(e == 4);
	CHECK(strstr(m, "t.json:1:33: error: unknown key \"colour\" in a gauges spec; expected one of:"));
	CHECK(strstr(m, "t.json:2:37: error: \"value\" must be a number, got \"6.0%\"\n"));
	CHECK(strstr(m, "t.json:3:18: error: unknown key \"valu\" in a gauge; did you mean "
			"\"value\"?\n"));
	CHECK(strstr(m, "t.json:3:3: error: missing required key \"value\" in a gauge\n"));
	arena_fini(&a);
}

void test_spec_explicit_max_and_locale(void)
{
	struct arena a;
	arena_init(&a);
	int e;
	char m[2048];
	struct chart *c = load(&a, "t.yaml",
			       "chart: gauges\ntitle: t\nlocale: ja\nmax: 50\nwidth: 600\nheight: 900\n"
			       "gauges:\n  - {label: a, value: 3}\n  - {label: b, value: 3, max: 4}\n",
			       &e, m, sizeof m);
	CHECK(c && e == 0);
	if (c) {
		CHECK(c->locale == LOCALE_JA && c->width == 600 && c->height == 900);
		CHECK(c->gauges[0].max == 50 && c->gauges[1].max == 4);
	}
	arena_fini(&a);
}

void test_spec_limits(void)
{
	struct arena a;
	arena_init(&a);
	int e;
	char m[2048];
	struct diag d;
	diag_init(&d, tmpfile());
	struct spec_limits lim;
	spec_limits_default(&lim);
	lim.max_text_chars = 6;
	lim.max_items = 1;
	const char *t = "chart: gauges\ntitle: 七个字的长标题\ngauges:\n  - {label: a, value: 3}\n"
			"  - {label: b, value: 3}\n";
	CHECK(spec_load_buffer(&a, &d, "t.yaml", t, strlen(t), &lim) == NULL);
	CHECK(d.count[DIAG_INPUT] == 2);
	(void)e;
	(void)m;
	fclose(d.out);
	arena_fini(&a);
}

/* A spec records every file it read with the SHA-256 of the bytes it parsed
 * (the batch cache's key is made from them, not from a second read). */
void test_spec_records_what_it_read(void)
{
	char dir[] = "/tmp/saltprint-unit-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char spec[64], csv[64];
	snprintf(spec, sizeof spec, "%s/s.yaml", dir);
	snprintf(csv, sizeof csv, "%s/t.csv", dir);
	FILE *f = fopen(spec, "w");
	fputs("chart: timeline\ntitle: 签约活动\ndata: t.csv\ncolumns: {label: event}\nunit: 亿元\n", f);
	fclose(f);
	f = fopen(csv, "w");
	fputs("date,event,amount\n2017-01-16,合作协议,\n2017-04-13,南宁推介会,100\n", f);
	fclose(f);
	struct arena a;
	struct diag d;
	struct spec_inputs in = {0};
	struct chart *c = test_load_spec(&a, &d, spec, &in);
	CHECK(c != NULL);
	CHECK(in.n == 2);
	if (in.n == 2) {
		CHECK(strcmp(in.v[0].path, spec) == 0);
		CHECK(strcmp(in.v[0].sha256, "48f39af5441216439cb38069ca337114096a3807e5fd0f4c5d860fb67e86e9e0") == 0);
		CHECK(strcmp(in.v[1].path, csv) == 0);
		CHECK(strcmp(in.v[1].sha256, "27b34d29d103e1c076120bc6426522dd61a7b685265c55049e13615cdfe1fc0a") == 0);
	}
	spec_inputs_fini(&in);
	CHECK(in.n == 0 && in.v == NULL);
	arena_fini(&a);
	unlink(csv);
	unlink(spec);
	rmdir(dir);
}

/* Writes text to path and loads it as a theme over the defaults; what it
 * said goes to msg. */
/* Writes text to dir/name, its path to path. */
static bool put_file(const char *dir, const char *name, const char *text, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	fputs(text, f);
	return fclose(f) == 0;
}

static bool theme_from(const char *path, const char *text, struct theme_file *tf, char *msg,
		       size_t size)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	fputs(text, f);
	fclose(f);
	char *buf = NULL;
	size_t len = 0;
	FILE *mf = open_memstream(&buf, &len);
	struct diag d;
	diag_init(&d, mf);
	theme_file_default(tf);
	bool ok = theme_load(&d, path, tf);
	fclose(mf);
	snprintf(msg, size, "%s", buf ? buf : "");
	free(buf);
	return ok;
}

/* typography.words: a list of words, one a line in the theme; each wrong
 * one is named with its line and column. */
void test_theme_words(void)
{
	char dir[] = "/tmp/saltprint-unit-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[64], msg[512], want[512];
	snprintf(path, sizeof path, "%s/t.yaml", dir);
	struct theme_file tf;
	CHECK(theme_from(path, "typography:\n  words:\n    - 自流井区\n    - 刘恪生\n", &tf, msg,
			 sizeof msg));
	CHECK_STR(tf.words, "自流井区\n刘恪生\n");
	CHECK_STR(msg, "");
	CHECK(!theme_from(path, "typography:\n  words: [自流井区, 刘恪生, \"Ziliujing district\"]\n",
			  &tf, msg, sizeof msg));
	snprintf(want, sizeof want,
		 "%s:2:22: error: a word must be 2 to 16 characters with no space in it, got "
		 "\"Ziliujing district\"\n",
		 path);
	CHECK_STR(msg, want);
	CHECK(!theme_from(path, "typography:\n  words: 自流井区\n", &tf, msg, sizeof msg));
	snprintf(want, sizeof want,
		 "%s:2:10: error: \"words\" must be a list of words, got a plain value\n", path);
	CHECK_STR(msg, want);
	/* 600 words of 4 letters: over the 2 KB the theme keeps. */
	char big[8192] = "typography:\n  words: [";
	for (int i = 0; i < 600; i++)
		snprintf(big + strlen(big), sizeof big - strlen(big), "%sw%03d", i ? ", " : "", i);
	strcat(big, "]\n");
	CHECK(!theme_from(path, big, &tf, msg, sizeof msg));
	CHECK(strstr(msg, "error: \"words\" may hold at most 2047 bytes of words\n") != NULL);
	unlink(path);
	rmdir(dir);
}

/* A theme read once is not read again while its file is unchanged, and is
 * read again once it changes. */
void test_theme_cache_follows_the_file(void)
{
	char dir[] = "/tmp/saltprint-unit-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[64];
	snprintf(path, sizeof path, "%s/t.yaml", dir);
	FILE *f = fopen(path, "w");
	fputs("colors:\n  accent: \"#112233\"\n", f);
	fclose(f);
	struct diag d;
	diag_init(&d, stderr);
	struct theme_file a, b, c;
	theme_file_default(&a);
	theme_file_default(&b);
	theme_file_default(&c);
	CHECK(theme_load_cached(&d, path, &a) && a.accent == 0x112233);
	CHECK(theme_load_cached(&d, path, &b) && b.accent == 0x112233);
	CHECK(strcmp(a.sha256, b.sha256) == 0 && a.sha256[0]);
	/* The second load came from the cache: the same bytes rewritten with
	 * another colour but the old size and time are not read again. */
	struct stat st;
	CHECK(stat(path, &st) == 0);
	f = fopen(path, "w");
	fputs("colors:\n  accent: \"#998877\"\n", f);
	fclose(f);
	struct timespec times[2] = {st.st_atim, st.st_mtim};
	CHECK(utimensat(AT_FDCWD, path, times, 0) == 0);
	CHECK(theme_load_cached(&d, path, &b) && b.accent == 0x112233);
	f = fopen(path, "w");
	fputs("colors:\n  accent: \"#445566\"\n  primary: \"#000000\"\n", f);
	fclose(f);
	CHECK(theme_load_cached(&d, path, &c) && c.accent == 0x445566 && c.primary == 0);
	CHECK(strcmp(a.sha256, c.sha256) != 0);
	CHECK(diag_errors(&d) == 0);
	unlink(path);
	rmdir(dir);
}

/* docs/saltprint.schema.json lists every key saltprint reads, where it
 * reads it (its objects allow no others, so an editor would flag a key it
 * lacks); tests/run.sh checks the shipped specs against it the other way. */
void test_schema_lists_every_key(void)
{
	char *buf;
	size_t len;
	CHECK(file_read_all("docs/saltprint.schema.json", 1 << 20, &buf, &len) == 0);
	struct arena a;
	arena_init(&a);
	struct diag d;
	diag_init(&d, stderr);
	struct spec_limits lim;
	spec_limits_default(&lim);
	const struct snode *root = spec_tree_parse(&a, &d, "schema", buf, len, &lim);
	CHECK(root != NULL);
	size_t n;
	const struct spec_keyset *sets = spec_keysets(&n);
	for (size_t i = 0; root && i < n; i++) {
		/* "gauges[].marks[]": properties.gauges.items.properties.marks.items */
		const struct snode *s = root;
		char where[64];
		snprintf(where, sizeof where, "%s", sets[i].where);
		for (char *seg = where[0] ? where : NULL, *next; s && seg; seg = next) {
			next = strchr(seg, '.');
			if (next)
				*next++ = '\0';
			char *brackets = strstr(seg, "[]");
			if (brackets)
				*brackets = '\0';
			s = snode_get(snode_get(s, "properties"), seg);
			if (s && brackets)
				s = snode_get(s, "items");
		}
		const struct snode *props = s ? snode_get(s, "properties") : NULL;
		if (!props)
			check_fail(__FILE__, __LINE__, "the schema has no object at \"%s\"", sets[i].where);
		for (size_t k = 0; props && k < sets[i].n; k++)
			if (!snode_get(props, sets[i].keys[k]))
				check_fail(__FILE__, __LINE__, "the schema lacks \"%s\" at \"%s\"",
					   sets[i].keys[k], sets[i].where);
	}
	arena_fini(&a);
	free(buf);
}

/* A spec's words, one a line; a poster's hold in its charts too, inline or
 * from their files, before the charts' own. */
void test_spec_words_reach_the_posters_charts(void)
{
	char dir[] = "/tmp/saltprint-unit-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char poster[64], kpis[64];
	CHECK(put_file(dir, "k.yaml",
		       "chart: kpis\ntitle: 指标\nwords: [译研网]\ncards:\n  - {label: a, value: 1}\n",
		       kpis, sizeof kpis));
	CHECK(put_file(dir, "p.yaml",
		       "chart: poster\nheadline: 标题\nwords: [华灯耀丝路, 刘恪生]\nsections:\n"
		       "  - heading: 一\n    blocks:\n      - chart: k.yaml\n"
		       "      - chart: {chart: kpis, cards: [{label: b, value: 2}]}\n",
		       poster, sizeof poster));
	struct arena a;
	struct diag d;
	struct chart *c = test_load_spec(&a, &d, poster, NULL);
	CHECK(c != NULL);
	if (c) {
		CHECK_STR(c->words, "华灯耀丝路\n刘恪生\n");
		CHECK(c->poster.n == 1 && c->poster.sections[0].n == 2);
		if (c->poster.n == 1 && c->poster.sections[0].n == 2) {
			CHECK_STR(c->poster.sections[0].blocks[0].chart->words,
				  "华灯耀丝路\n刘恪生\n译研网\n");
			CHECK_STR(c->poster.sections[0].blocks[1].chart->words, "华灯耀丝路\n刘恪生\n");
		}
	}
	arena_fini(&a);
	unlink(poster);
	unlink(kpis);
	rmdir(dir);
}
