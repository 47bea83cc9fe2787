/* schemakeys: checks specs against docs/saltprint.schema.json where editors
 * feel it most: every key of every mapping is one the schema lists (its
 * objects allow no others), and every value the schema gives a list of
 * choices for is one of them. Follows "properties", "items", "$ref" to
 * "#/$defs/..." and "#" (a chart written inside a poster). Prints one line
 * per problem, "FILE: PATH: ..."; exit 1 when there is one.
 * Usage: schemakeys SCHEMA SPEC... */
#include <libfyaml.h>
#include <stdio.h>
#include <string.h>

static struct fy_node *schema_root;
static int problems;

static const char *text_of(struct fy_node *n, size_t *len)
{
	return n && fy_node_is_scalar(n) ? fy_node_get_scalar(n, len) : NULL;
}

/* The value under key in a mapping, or NULL. */
static struct fy_node *get(struct fy_node *map, const char *key)
{
	if (!map || !fy_node_is_mapping(map))
		return NULL;
	void *it = NULL;
	struct fy_node_pair *p;
	while ((p = fy_node_mapping_iterate(map, &it)) != NULL) {
		size_t len;
		const char *k = text_of(fy_node_pair_key(p), &len);
		if (k && len == strlen(key) && !memcmp(k, key, len))
			return fy_node_pair_value(p);
	}
	return NULL;
}

/* A schema with its "$ref" followed. */
static struct fy_node *resolve(struct fy_node *s)
{
	for (int depth = 0; s && depth < 8; depth++) {
		size_t len;
		const char *ref = text_of(get(s, "$ref"), &len);
		if (!ref)
			return s;
		if (len == 1 && ref[0] == '#') {
			s = schema_root;
		} else if (len > 8 && !strncmp(ref, "#/$defs/", 8)) {
			char name[128];
			snprintf(name, sizeof name, "%.*s", (int)(len - 8), ref + 8);
			s = get(get(schema_root, "$defs"), name);
		} else {
			return s;
		}
	}
	return s;
}

static void check(const char *file, const char *path, struct fy_node *v, struct fy_node *s)
{
	s = resolve(s);
	if (!s || !v)
		return;
	char sub[512];
	if (fy_node_is_mapping(v)) {
		struct fy_node *props = get(s, "properties");
		/* A chart block's "chart" may be a whole chart spec. */
		if (!props && get(s, "type") && fy_node_is_sequence(get(s, "type")))
			props = get(schema_root, "properties"), s = schema_root;
		if (!props)
			return;
		void *it = NULL;
		struct fy_node_pair *p;
		while ((p = fy_node_mapping_iterate(v, &it)) != NULL) {
			size_t len;
			const char *k = text_of(fy_node_pair_key(p), &len);
			if (!k)
				continue;
			snprintf(sub, sizeof sub, "%s/%.*s", path, (int)len, k);
			char key[256];
			snprintf(key, sizeof key, "%.*s", (int)len, k);
			struct fy_node *ps = get(props, key);
			if (!ps) {
				printf("%s: %s: the schema has no such key\n", file, sub);
				problems++;
				continue;
			}
			check(file, sub, fy_node_pair_value(p), ps);
		}
	} else if (fy_node_is_sequence(v)) {
		struct fy_node *items = get(s, "items");
		void *it = NULL;
		struct fy_node *e;
		int i = 0;
		while ((e = fy_node_sequence_iterate(v, &it)) != NULL) {
			snprintf(sub, sizeof sub, "%s/%d", path, i++);
			check(file, sub, e, items);
		}
	} else {
		struct fy_node *choices = get(s, "enum");
		size_t len;
		const char *t = text_of(v, &len);
		if (!choices || !t || !fy_node_is_sequence(choices))
			return;
		void *it = NULL;
		struct fy_node *c;
		while ((c = fy_node_sequence_iterate(choices, &it)) != NULL) {
			size_t cl;
			const char *ct = text_of(c, &cl);
			if (ct && cl == len && !memcmp(ct, t, len))
				return;
		}
		printf("%s: %s: \"%.*s\" is not among the schema's choices\n", file, path, (int)len, t);
		problems++;
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: schemakeys SCHEMA SPEC...\n");
		return 2;
	}
	struct fy_parse_cfg cfg = {0};
	cfg.flags = FYPCF_QUIET;
	struct fy_document *schema = fy_document_build_from_file(&cfg, argv[1]);
	if (!schema) {
		fprintf(stderr, "schemakeys: cannot read %s\n", argv[1]);
		return 2;
	}
	schema_root = fy_document_root(schema);
	for (int i = 2; i < argc; i++) {
		struct fy_document *doc = fy_document_build_from_file(&cfg, argv[i]);
		if (!doc) {
			printf("%s: cannot read it\n", argv[i]);
			problems++;
			continue;
		}
		check(argv[i], "", fy_document_root(doc), schema_root);
		fy_document_destroy(doc);
	}
	fy_document_destroy(schema);
	return problems ? 1 : 0;
}
