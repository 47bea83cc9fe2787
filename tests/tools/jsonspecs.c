/* jsonspecs: parses a batch report as JSON (libfyaml) and prints
 * "STATUS SPEC OUTPUTS" for each spec; exit 1 when it is not valid JSON. */
#include <libfyaml.h>
#include <stdio.h>
#include <string.h>

static const char *scalar(struct fy_node *n, const char *path)
{
	struct fy_node *v = fy_node_by_path(n, path, (size_t)-1, FYNWF_DONT_FOLLOW);
	size_t len;
	const char *s = v ? fy_node_get_scalar(v, &len) : NULL;
	static char buf[4][4096];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%.*s", s ? (int)len : 1, s ? s : "-");
	return buf[k];
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	struct fy_parse_cfg cfg = {0};
	cfg.flags = FYPCF_JSON_FORCE | FYPCF_QUIET;
	struct fy_document *doc = fy_document_build_from_file(&cfg, argv[1]);
	if (!doc) {
		fprintf(stderr, "jsonspecs: %s is not valid JSON\n", argv[1]);
		return 1;
	}
	struct fy_node *specs = fy_node_by_path(fy_document_root(doc), "/specs", (size_t)-1,
						FYNWF_DONT_FOLLOW);
	void *it = NULL;
	struct fy_node *n;
	while (specs && (n = fy_node_sequence_iterate(specs, &it)) != NULL) {
		struct fy_node *outs = fy_node_by_path(n, "/outputs", (size_t)-1, FYNWF_DONT_FOLLOW);
		printf("%s %s %d\n", scalar(n, "/status"), scalar(n, "/spec"),
		       outs ? fy_node_sequence_item_count(outs) : 0);
	}
	fy_document_destroy(doc);
	return 0;
}
