/* theme_load: theme files over the defaults; theme lookup by name (read). */
#include "theme_load.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spec.h"
#include "spec_tree.h"
#include "util.h"
#include "words.h"

struct tctx {
	struct diag *d;
	const char *file;
	int errors;
};

__attribute__((format(printf, 3, 4))) static void terr(struct tctx *t, const struct snode *at,
						       const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	t->errors++;
	diag_error(t->d, DIAG_INPUT, t->file, at->line, at->col, "%s", msg);
}

static void keys(struct tctx *t, const struct snode *map, const char *what,
		 const char *const *allowed, size_t n)
{
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->keys[i]->text;
		bool ok = false;
		for (size_t j = 0; j < n && !ok; j++)
			ok = strcmp(k, allowed[j]) == 0;
		if (ok)
			continue;
		const char *near = str_nearest(k, allowed, n);
		if (near)
			terr(t, map->keys[i], "unknown key \"%s\" in %s; did you mean \"%s\"?", k, what, near);
		else
			terr(t, map->keys[i], "unknown key \"%s\" in %s", k, what);
	}
}

static const struct snode *mapping(struct tctx *t, const struct snode *map, const char *key)
{
	const struct snode *n = snode_get(map, key);
	if (n && n->type != SNODE_MAP) {
		terr(t, n, "\"%s\" must be a mapping, got %s", key, snode_type_name(n));
		return NULL;
	}
	return n;
}

static bool parse_color(const char *s, uint32_t *out)
{
	if (s[0] != '#' || strlen(s) != 7)
		return false;
	uint32_t v = 0;
	for (int i = 1; i < 7; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return true;
}

static void color(struct tctx *t, const struct snode *n, uint32_t *out)
{
	if (n->type != SNODE_SCALAR || !parse_color(n->text, out))
		terr(t, n, "a colour must be written \"#RRGGBB\", got %s",
		     n->type == SNODE_SCALAR ? n->text : snode_type_name(n));
}

static void size(struct tctx *t, const struct snode *map, const char *key, double *out)
{
	const struct snode *n = snode_get(map, key);
	if (!n)
		return;
	double v;
	if (n->type != SNODE_SCALAR || n->quoted || !spec_parse_number(n->text, &v) || v <= 0 ||
	    v > 1000)
		terr(t, n, "\"%s\" must be a size in px above 0, got %s", key,
		     n->type == SNODE_SCALAR ? n->text : snode_type_name(n));
	else
		*out = v;
}

static void flag(struct tctx *t, const struct snode *map, const char *key, bool *out)
{
	const struct snode *n = snode_get(map, key);
	if (!n)
		return;
	if (n->type == SNODE_SCALAR && !n->quoted &&
	    (!strcmp(n->text, "true") || !strcmp(n->text, "false")))
		*out = n->text[0] == 't';
	else
		terr(t, n, "\"%s\" must be true or false", key);
}

static void text(struct tctx *t, const struct snode *map, const char *key, char *out, size_t sz)
{
	const struct snode *n = snode_get(map, key);
	if (!n)
		return;
	if (n->type != SNODE_SCALAR || n->len >= sz)
		terr(t, n, "\"%s\" must be text of at most %zu bytes", key, sz - 1);
	else
		memcpy(out, n->text, n->len + 1);
}

static void terr_msg(void *t, const struct snode *at, const char *msg)
{
	terr(t, at, "%s", msg);
}

bool theme_load(struct diag *d, const char *path, struct theme_file *tf)
{
	struct tctx t = {d, path, 0};
	char *buf;
	size_t len;
	int err = file_read_all(path, 1u << 20, &buf, &len);
	if (err) {
		diag_error(d, DIAG_INPUT, path, 0, 0, "cannot read the theme: %s", strerror(err));
		return false;
	}
	sha256_hex(buf, len, tf->sha256);
	struct arena a;
	arena_init(&a);
	struct spec_limits lim;
	spec_limits_default(&lim);
	int before = diag_errors(d);
	struct snode *root = spec_tree_parse(&a, d, path, buf, len, &lim);
	free(buf);
	if (!root || diag_errors(d) > before) {
		arena_fini(&a);
		return false;
	}
	static const char *const top[] = {"$schema", "name", "colors", "fonts", "sizes",
					  "typography", "logo"};
	keys(&t, root, "a theme", top, ARRAY_LEN(top));
	text(&t, root, "name", tf->name, sizeof tf->name);

	const struct snode *cm = mapping(&t, root, "colors");
	static const char *const ckeys[] = {"bg",    "ink",     "ink2",    "ink3",   "baseline",
					    "grid",  "track",   "context", "primary", "accent",
					    "palette"};
	uint32_t *slots[] = {&tf->bg,   &tf->ink,   &tf->ink2,    &tf->ink3,    &tf->baseline,
			     &tf->grid, &tf->track, &tf->context, &tf->primary, &tf->accent};
	if (cm) {
		keys(&t, cm, "\"colors\"", ckeys, ARRAY_LEN(ckeys));
		for (size_t i = 0; i < ARRAY_LEN(slots); i++) {
			const struct snode *n = snode_get(cm, ckeys[i]);
			if (n)
				color(&t, n, slots[i]);
		}
		const struct snode *pal = snode_get(cm, "palette");
		if (pal) {
			if (pal->type != SNODE_SEQ || pal->n != 6)
				terr(&t, pal, "\"palette\" must be a list of 6 colours");
			else
				for (size_t i = 0; i < 6; i++)
					color(&t, pal->items[i], &tf->palette[i]);
		}
	}
	const struct snode *fm = mapping(&t, root, "fonts");
	if (fm) {
		static const char *const fkeys[] = {"headline", "title", "sans", "serif"};
		keys(&t, fm, "\"fonts\"", fkeys, ARRAY_LEN(fkeys));
		static const char *const roles[] = {"headline", "title"};
		bool *rslots[] = {&tf->serif_headline, &tf->serif_title};
		for (size_t i = 0; i < 2; i++) {
			const struct snode *n = snode_get(fm, roles[i]);
			if (!n)
				continue;
			if (n->type == SNODE_SCALAR && (!strcmp(n->text, "serif") || !strcmp(n->text, "sans")))
				*rslots[i] = n->text[1] == 'e';
			else
				terr(&t, n, "\"%s\" must be serif or sans", roles[i]);
		}
		text(&t, fm, "sans", tf->family_sans, sizeof tf->family_sans);
		text(&t, fm, "serif", tf->family_serif, sizeof tf->family_serif);
	}
	const struct snode *sm = mapping(&t, root, "sizes");
	if (sm) {
		static const char *const skeys[] = {"chart", "poster"};
		keys(&t, sm, "\"sizes\"", skeys, 2);
		const struct snode *ch = mapping(&t, sm, "chart");
		if (ch) {
			static const char *const k[] = {"title", "subtitle", "label", "value",
							"small", "source",   "pad"};
			keys(&t, ch, "\"sizes.chart\"", k, ARRAY_LEN(k));
			double *v[] = {&tf->title, &tf->subtitle, &tf->label, &tf->value,
				       &tf->small, &tf->source,   &tf->pad};
			for (size_t i = 0; i < ARRAY_LEN(k); i++)
				size(&t, ch, k[i], v[i]);
		}
		const struct snode *po = mapping(&t, sm, "poster");
		if (po) {
			static const char *const k[] = {"headline", "dek", "heading", "body", "small",
							"margin"};
			keys(&t, po, "\"sizes.poster\"", k, ARRAY_LEN(k));
			double *v[] = {&tf->headline, &tf->dek, &tf->heading, &tf->body,
				       &tf->poster_small, &tf->margin};
			for (size_t i = 0; i < ARRAY_LEN(k); i++)
				size(&t, po, k[i], v[i]);
		}
	}
	const struct snode *ty = mapping(&t, root, "typography");
	if (ty) {
		static const char *const k[] = {"han_latin_spacing", "punctuation_compression",
						"words"};
		keys(&t, ty, "\"typography\"", k, 3);
		flag(&t, ty, k[0], &tf->autospace);
		flag(&t, ty, k[1], &tf->compress);
		words_from_list(snode_get(ty, "words"), tf->words, sizeof tf->words, terr_msg, &t);
	}
	const struct snode *lo = mapping(&t, root, "logo");
	if (lo) {
		static const char *const k[] = {"text", "file", "height"};
		keys(&t, lo, "\"logo\"", k, 3);
		text(&t, lo, "text", tf->logo_text, sizeof tf->logo_text);
		size(&t, lo, "height", &tf->logo_height);
		const struct snode *fn = snode_get(lo, "file");
		if (fn) {
			if (fn->type != SNODE_SCALAR || fn->text[0] == '/' || strstr(fn->text, "..")) {
				terr(&t, fn, "\"file\" must be a PNG file beside the theme");
			} else {
				const char *slash = strrchr(path, '/');
				int dl = slash ? (int)(slash - path) + 1 : 0;
				snprintf(tf->logo_file, sizeof tf->logo_file, "%.*s%s", dl, path, fn->text);
				if (access(tf->logo_file, R_OK) != 0)
					terr(&t, fn, "cannot read the logo %s: %s", tf->logo_file,
					     strerror(errno));
			}
		}
	}
	arena_fini(&a);
	return t.errors == 0;
}

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static void list_themes(const char *dir, char *known, size_t size)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return;
	char *names[64];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dh)) != NULL && n < 64) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0)
			names[n++] = strndup(e->d_name, l - 5);
	}
	closedir(dh);
	/* Sorted, so messages do not depend on the directory's order. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *tmp = names[j];
			names[j] = names[j - 1];
			names[j - 1] = tmp;
		}
	for (size_t i = 0; i < n; i++) {
		if (known[0])
			strncat(known, ", ", size - strlen(known) - 1);
		strncat(known, names[i], size - strlen(known) - 1);
		free(names[i]);
	}
}

bool theme_find(const char *name, const char *base_dir, const char *share_dir, char *out,
		size_t size, char *known, size_t known_size)
{
	known[0] = '\0';
	size_t len = strlen(name);
	bool path = strchr(name, '/') || (len > 5 && !strcmp(name + len - 5, ".yaml")) ||
		    (len > 5 && !strcmp(name + len - 5, ".json"));
	if (path) {
		if (name[0] == '/')
			snprintf(out, size, "%s", name);
		else
			snprintf(out, size, "%s/%s", base_dir, name);
		return is_file(out);
	}
	/* The data root: the nearest directory named "data" at or above. */
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", base_dir);
	char *real = realpath(dir, NULL);
	if (real) {
		snprintf(dir, sizeof dir, "%s", real);
		free(real);
		for (;;) {
			const char *last = strrchr(dir, '/');
			if (last && strcmp(last + 1, "data") == 0) {
				char themes[4200];
				snprintf(themes, sizeof themes, "%s/themes", dir);
				snprintf(out, size, "%s/%s.yaml", themes, name);
				if (is_file(out))
					return true;
				list_themes(themes, known, known_size);
				break;
			}
			char *cut = strrchr(dir, '/');
			if (!cut || cut == dir)
				break;
			*cut = '\0';
		}
	}
	if (share_dir) {
		char themes[4200];
		snprintf(themes, sizeof themes, "%s/themes", share_dir);
		snprintf(out, size, "%s/%s.yaml", themes, name);
		if (is_file(out))
			return true;
		if (!known[0])
			list_themes(themes, known, known_size);
	}
	return false;
}

#define THEME_CACHE 4
static struct {
	bool used;
	char path[4096];
	struct stat st; /* the file as it was read */
	struct theme_file tf;
} theme_cache[THEME_CACHE];
static unsigned theme_cache_next;

/* The same file, unchanged as far as stat can tell. */
static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

bool theme_load_cached(struct diag *d, const char *path, struct theme_file *tf)
{
	struct stat st;
	bool known = strlen(path) < sizeof theme_cache[0].path && stat(path, &st) == 0;
	for (int i = 0; known && i < THEME_CACHE; i++)
		if (theme_cache[i].used && !strcmp(theme_cache[i].path, path) &&
		    same_file(&theme_cache[i].st, &st)) {
			*tf = theme_cache[i].tf;
			return true;
		}
	int before[DIAG_KINDS];
	memcpy(before, d->count, sizeof before);
	if (!theme_load(d, path, tf))
		return false;
	/* Kept only when it said nothing, so that a warning is given for every
	 * spec it concerns; and only if the file did not change while it was
	 * read (the identity from before the read must still be the file's). */
	struct stat after;
	if (!known || memcmp(before, d->count, sizeof before) != 0 || stat(path, &after) != 0 ||
	    !same_file(&st, &after))
		return true;
	int i = (int)(theme_cache_next++ % THEME_CACHE);
	theme_cache[i].used = true;
	snprintf(theme_cache[i].path, sizeof theme_cache[i].path, "%s", path);
	theme_cache[i].st = st;
	theme_cache[i].tf = *tf;
	return true;
}
