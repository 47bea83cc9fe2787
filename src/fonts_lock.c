/* fonts_lock: sha256 of each configured font file against fonts/fonts.lock
 * (stage: set-up). GLib, already under Pango, computes the checksums. */
#include "fonts_lock.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A font inside the fonts directory is recorded by its name there, so the
 * lock does not depend on where the project is checked out. */
static const char *lock_name(const char *path, const char *fonts_dir)
{
	size_t n = strlen(fonts_dir);
	if (strncmp(path, fonts_dir, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

/* The lock's next entry from *pos on ("HASH  NAME" lines; comments and
 * anything else are skipped): the line (its first 64 bytes are the hash),
 * the name copied into name[4096]. Returns NULL after the last. */
static const char *next_entry(const char **pos, char name[4096])
{
	while (*pos && **pos) {
		const char *line = *pos, *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		*pos = nl ? nl + 1 : NULL;
		if (len > 66 && len - 66 < 4096 && line[0] != '#' && line[64] == ' ' &&
		    line[65] == ' ') {
			memcpy(name, line + 66, len - 66);
			name[len - 66] = '\0';
			return line;
		}
	}
	return NULL;
}

/* The locked sha256 of `name`, copied into hash[65]. */
static bool locked_hash(const char *lock, const char *name, char hash[65])
{
	char entry[4096];
	for (const char *pos = lock, *line; (line = next_entry(&pos, entry)) != NULL;)
		if (strcmp(entry, name) == 0) {
			memcpy(hash, line, 64);
			hash[64] = '\0';
			return true;
		}
	return false;
}

/* Is `name` among the n files (by lock name)? */
static bool listed(char **files, size_t n, const char *name, const char *fonts_dir)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(lock_name(files[i], fonts_dir), name) == 0)
			return true;
	return false;
}

/* Locked fonts that fontconfig no longer finds (deleted, or the subsets not
 * made): the renders would not be the locked ones either. */
static int report_missing(const char *lock, char **files, size_t n, const char *fonts_dir,
			  const char *lock_path, FILE *out, struct diag *d)
{
	int missing = 0;
	char name[4096];
	for (const char *pos = lock, *line; (line = next_entry(&pos, name)) != NULL;)
		if (!listed(files, n, name, fonts_dir)) {
			missing++;
			diag_error(d, DIAG_FONT, lock_path, 0, 0, "%s: missing", name);
			fprintf(out, "%-12s %.64s  %s\n", "missing", line, name);
		}
	return missing;
}

int fonts_lock_report(struct text_engine *te, const char *fonts_dir, bool update, FILE *out,
		      struct diag *d)
{
	char lock_path[4200];
	snprintf(lock_path, sizeof lock_path, "%s/fonts.lock", fonts_dir);
	char *lock = NULL;
	size_t lock_len = 0;
	if (!update && file_read_all(lock_path, 1u << 20, &lock, &lock_len) != 0) {
		diag_error(d, DIAG_FONT, lock_path, 0, 0,
			   "cannot read the font lock (`saltprint fonts --update-lock` writes it)");
		return EXIT_FONT;
	}
	char **files;
	size_t n = text_engine_font_files(te, &files);
	struct dynbuf nl;
	dynbuf_init(&nl, 1u << 20);
	dynbuf_appendf(&nl, "# saltprint font lock: sha256 and file of every font fonts.conf "
			    "allows.\n# Rewrite with `saltprint fonts --update-lock` after adding "
			    "a font.\n");
	int mismatches = 0;
	fprintf(out, "fonts.conf: %s/fonts.conf\n", fonts_dir);
	for (size_t i = 0; i < n; i++) {
		char hash_buf[65];
		const char *hash = file_sha256(files[i], hash_buf) == 0 ? hash_buf : NULL;
		const char *name = lock_name(files[i], fonts_dir);
		char want_buf[65];
		const char *want =
			lock && !update && locked_hash(lock, name, want_buf) ? want_buf : NULL;
		const char *status = update        ? "locked"
				     : !hash       ? "unreadable"
				     : !want       ? "not in lock"
				     : strcmp(want, hash) == 0 ? "ok"
							       : "MISMATCH";
		if (!update && strcmp(status, "ok") != 0) {
			mismatches++;
			diag_error(d, DIAG_FONT, lock_path, 0, 0, "%s: %s", name, status);
		}
		fprintf(out, "%-12s %s  %s\n", status, hash ? hash : "-", files[i]);
		if (hash)
			dynbuf_appendf(&nl, "%s  %s\n", hash, name);
	}
	if (lock && !update)
		mismatches += report_missing(lock, files, n, fonts_dir, lock_path, out, d);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	free(lock);
	int rc = EXIT_OK;
	if (update) {
		FILE *f = fopen(lock_path, "w");
		if (!f || fwrite(nl.data, 1, nl.len, f) != nl.len || fclose(f) != 0) {
			diag_error(d, DIAG_OUTPUT, lock_path, 0, 0, "cannot write the font lock");
			rc = EXIT_OUTPUT;
		}
	} else if (mismatches) {
		rc = EXIT_FONT;
	}
	dynbuf_fini(&nl);
	return rc;
}
