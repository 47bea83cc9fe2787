/* Unit tests: atomic output files (unnamed and named), replacing, aborting. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"
#include "output.h"
#include "util.h"

/* Entries in dir other than . and .., and how many start with a dot. */
static int entries(const char *dir, int *hidden)
{
	DIR *dh = opendir(dir);
	int n = 0;
	*hidden = 0;
	struct dirent *e;
	while (dh && (e = readdir(dh)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		n++;
		if (e->d_name[0] == '.')
			(*hidden)++;
	}
	if (dh)
		closedir(dh);
	return n;
}

static bool has(const char *path, const char *want)
{
	char *got = NULL;
	size_t len = 0;
	bool ok = file_read_all(path, 1 << 20, &got, &len) == 0 && len == strlen(want) &&
		  memcmp(got, want, len) == 0;
	free(got);
	return ok;
}

/* Every fsync and sync_file_range in the unit tests comes through here,
 * counted, on its way to the kernel. */
static int syncs;

int fsync(int fd)
{
	syncs++;
	return (int)syscall(SYS_fsync, fd);
}

int sync_file_range(int fd, off64_t offset, off64_t count, unsigned int flags)
{
	syncs++;
	return (int)syscall(SYS_sync_file_range, fd, offset, count, flags);
}

static void each_way(bool unnamed)
{
	output_set_unnamed(unnamed);
	char dir[] = "/tmp/saltprint-out-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256], second[256];
	snprintf(path, sizeof path, "%s/a.png", dir);
	snprintf(second, sizeof second, "%s/old", dir);
	int hidden;

	/* A new file: the bytes, the mode of open(2), nothing else left. */
	mode_t mask = umask(022);
	CHECK(output_write_atomic(path, "first", 5) == 0);
	CHECK(has(path, "first"));
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
	CHECK(entries(dir, &hidden) == 1 && hidden == 0);

	/* Replacing it: a new file takes the name in one step; the old one
	 * (still reachable through a second link) is untouched. */
	CHECK(link(path, second) == 0);
	CHECK(output_write_atomic(path, "second!", 7) == 0);
	CHECK(has(path, "second!"));
	CHECK(has(second, "first"));
	CHECK(entries(dir, &hidden) == 2 && hidden == 0);

	/* Begun, then abandoned: the file in place stays as it was. */
	struct output_file f;
	CHECK(output_begin(&f, path, "third", 5) == 0);
	CHECK(has(path, "second!"));
	/* Meanwhile an unnamed file is in no directory; a named one is there
	 * under its hidden temporary name. */
	CHECK(entries(dir, &hidden) == (unnamed ? 2 : 3) && hidden == (unnamed ? 0 : 1));
	output_abort(&f);
	CHECK(has(path, "second!"));
	CHECK(entries(dir, &hidden) == 2 && hidden == 0);

	/* Two steps with the flush started between them, as batch does. */
	CHECK(output_begin(&f, path, "fourth", 6) == 0);
	output_start_flush(&f);
	CHECK(output_commit(&f) == 0);
	CHECK(has(path, "fourth"));
	CHECK(entries(dir, &hidden) == 2 && hidden == 0);

	/* A batch's writer: two files flushed and synced, then both put in
	 * place; synced, a file is still nowhere to be seen. */
	char other[300];
	snprintf(other, sizeof other, "%s/c.svg", dir);
	struct output_file g;
	CHECK(output_begin(&f, path, "fifth", 5) == 0);
	CHECK(output_begin(&g, other, "<svg/>", 6) == 0);
	output_start_flush(&f);
	output_start_flush(&g);
	CHECK(output_sync(&f) == 0 && output_sync(&g) == 0);
	CHECK(output_sync(&f) == 0); /* once is enough; again is harmless */
	CHECK(has(path, "fourth"));
	CHECK(entries(dir, &hidden) == (unnamed ? 2 : 4) && hidden == (unnamed ? 0 : 2));
	CHECK(output_commit(&f) == 0 && output_commit(&g) == 0);
	CHECK(has(path, "fifth") && has(other, "<svg/>"));
	CHECK(entries(dir, &hidden) == 3 && hidden == 0);
	unlink(other);

	/* Errors name the cause and leave nothing. */
	CHECK(output_write_atomic(dir, "x", 1) == EISDIR);
	char missing[300];
	snprintf(missing, sizeof missing, "%s/no/such/dir/b.png", dir);
	CHECK(output_write_atomic(missing, "x", 1) == ENOENT);
	CHECK(entries(dir, &hidden) == 2 && hidden == 0);
	umask(mask);

	unlink(path);
	unlink(second);
	CHECK(rmdir(dir) == 0);
	output_set_unnamed(true);
}

void test_output_unnamed_files(void)
{
	each_way(true);
}

void test_output_named_files(void)
{
	each_way(false);
}

void test_output_sync_modes(void)
{
	char dir[] = "/tmp/saltprint-sync-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/a.png", dir);
	int hidden;
	/* Per mode, the flushes of a new file written as batch writes it
	 * (flush started, synced, put in place), then of the same file
	 * replaced in one call, as render writes it. */
	static const struct {
		enum output_sync_mode mode;
		int new_file, replaced;
	} want[] = {
		{OUTPUT_SYNC_ALL, 2, 1},      /* sync_file_range and fsync; fsync */
		{OUTPUT_SYNC_REPLACED, 0, 1}, /* nothing was there to lose; fsync */
		{OUTPUT_SYNC_NONE, 0, 0},
	};
	for (size_t m = 0; m < sizeof want / sizeof want[0]; m++) {
		output_set_sync(want[m].mode);
		unlink(path);
		int before = syncs;
		struct output_file f;
		CHECK(output_begin(&f, path, "first", 5) == 0);
		output_start_flush(&f);
		CHECK(output_sync(&f) == 0);
		CHECK(output_commit(&f) == 0);
		CHECK(syncs - before == want[m].new_file);
		before = syncs;
		CHECK(output_write_atomic(path, "second", 6) == 0);
		CHECK(syncs - before == want[m].replaced);
		/* Whatever the mode, the files are whole, with nothing left over. */
		CHECK(has(path, "second"));
		CHECK(entries(dir, &hidden) == 1 && hidden == 0);
	}
	/* A file that appears at the path while ours is written is replaced,
	 * so in the default mode ours is flushed first: unnamed and named. */
	output_set_sync(OUTPUT_SYNC_REPLACED);
	for (int unnamed = 1; unnamed >= 0; unnamed--) {
		output_set_unnamed(unnamed);
		unlink(path);
		struct output_file f;
		CHECK(output_begin(&f, path, "ours", 4) == 0);
		CHECK(output_sync(&f) == 0); /* new when it began: no flush yet */
		int before = syncs;
		FILE *other = fopen(path, "w");
		CHECK(other && fputs("theirs", other) >= 0 && fclose(other) == 0);
		CHECK(output_commit(&f) == 0);
		CHECK(syncs - before == 1);
		CHECK(has(path, "ours"));
		CHECK(entries(dir, &hidden) == 1 && hidden == 0);
	}
	output_set_unnamed(true);
	unlink(path);
	CHECK(rmdir(dir) == 0);
}

void test_output_makes_parent_dirs(void)
{
	char dir[] = "/tmp/saltprint-dirs-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256], sub[256];
	snprintf(path, sizeof path, "%s/a/b/c.png", dir);
	CHECK(output_make_parent_dirs(path) == 0); /* two levels made */
	snprintf(sub, sizeof sub, "%s/a/b", dir);
	struct stat st;
	CHECK(stat(sub, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(output_make_parent_dirs(path) == 0); /* already there */
	CHECK(output_write_atomic(path, "x", 1) == 0);
	/* A file where a directory should be. */
	char under[300];
	snprintf(under, sizeof under, "%s/a/b/c.png/d.png", dir);
	CHECK(output_write_atomic(under, "x", 1) == ENOTDIR);
	unlink(path);
	rmdir(sub);
	snprintf(sub, sizeof sub, "%s/a", dir);
	rmdir(sub);
	CHECK(rmdir(dir) == 0);
}
