/* output: write an unnamed file (or one under a temporary name), fsync it
 * if it replaces one, put it in place (stage: write). */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <time.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int output_make_parent_dirs(const char *path)
{
	char buf[4096];
	if (strlen(path) >= sizeof buf)
		return ENAMETOOLONG;
	strcpy(buf, path);
	char *slash = strrchr(buf, '/');
	if (!slash || slash == buf)
		return 0;
	*slash = '\0';
	/* The directory itself first: it usually exists (every file of a
	 * batch goes to one of a few), and then one call settles it. */
	if (mkdir(buf, 0777) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return errno;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return errno;
		*p = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		return errno;
	return 0;
}

/* Whether name looks like one of our temporary files: ".NAME.tmp-XXXXXX". */
static bool is_temp_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' && n > 12 && strncmp(name + n - 11, ".tmp-", 5) == 0;
}

void output_remove_stale(const char *dir)
{
	DIR *dh = opendir(dir[0] ? dir : ".");
	if (!dh)
		return;
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(dh)) != NULL) {
		if (!is_temp_name(e->d_name))
			continue;
		char p[8400];
		snprintf(p, sizeof p, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "",
			 e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > 600)
			unlink(p);
	}
	closedir(dh);
}

/* path's directory ("." for none) into dir, and a free temporary name
 * beside path (".NAME.tmp-XXXXXX", the pattern output_remove_stale knows)
 * into tmp, with X's for mkstemp to fill. */
static void split_path(const char *path, char dir[4096], char tmp[4200])
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t dlen = (size_t)(base - path);
	memcpy(dir, path, dlen);
	dir[dlen] = '\0';
	snprintf(tmp, 4200, "%s.%s.tmp-XXXXXX", dir, base);
	if (!dlen)
		strcpy(dir, ".");
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* O_TMPFILE needs /proc/self/fd to give the file its name later (linkat
 * with AT_EMPTY_PATH would need a capability). */
static bool unnamed_off;

void output_set_unnamed(bool on)
{
	unnamed_off = !on;
}

static enum output_sync_mode sync_mode = OUTPUT_SYNC_REPLACED;

void output_set_sync(enum output_sync_mode mode)
{
	sync_mode = mode;
}

/* Whether f is flushed before it is put in place (see the modes). */
static bool wants_flush(const struct output_file *f)
{
	return sync_mode == OUTPUT_SYNC_ALL || (sync_mode == OUTPUT_SYNC_REPLACED && f->replaces);
}

static bool can_link_unnamed(void)
{
	static int known = -1;
	if (known < 0)
		known = access("/proc/self/fd", X_OK) == 0;
	return known == 1 && !unnamed_off;
}

int output_begin(struct output_file *f, const char *path, const void *data, size_t len)
{
	f->fd = -1;
	f->unnamed = false;
	f->synced = false;
	f->flushed = false;
	f->sync_err = 0;
	struct stat st;
	bool there = stat(path, &st) == 0;
	if (there && S_ISDIR(st.st_mode))
		return EISDIR;
	f->replaces = there;
	if (strlen(path) >= sizeof f->path)
		return ENAMETOOLONG;
	strcpy(f->path, path);
	char dir[4096];
	split_path(path, dir, f->tmp);
	/* An unnamed file: no directory entry until it is complete, nothing
	 * left behind if the process dies, and the directory is not locked
	 * while the file system finds the file an inode (which on ext4 without
	 * a journal can take a while, and would hold up the other workers
	 * writing into the same directory). The mode is 0666 less the umask,
	 * as for open(2). */
	bool unnamed = can_link_unnamed();
	int fd = unnamed ? open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666) : -1;
	if (fd >= 0) {
		f->unnamed = true;
		int err = write_all(fd, data, len);
		if (err) {
			close(fd);
			return err;
		}
		f->fd = fd;
		return 0;
	}
	if (unnamed && (errno == ENOENT || errno == ENOTDIR || errno == EACCES || errno == EROFS ||
			errno == ENOSPC || errno == EDQUOT))
		return errno; /* the directory's own problem: a named file fails alike */
	/* The file system has no O_TMPFILE: a temporary name. */
	fd = mkstemp(f->tmp);
	if (fd < 0)
		return errno;
	mode_t mask = umask(0);
	umask(mask);
	int err = 0;
	if (fchmod(fd, 0666 & ~mask) != 0)
		err = errno;
	if (!err)
		err = write_all(fd, data, len);
	if (err) {
		close(fd);
		unlink(f->tmp);
		return err;
	}
	f->fd = fd;
	return 0;
}

static int flush_if_replacing(struct output_file *f);

/* Gives the unnamed file f its name: a link straight to the path, or, if a
 * file is there already, a link under a temporary name renamed over it (a
 * reader sees the old file or the new one, never neither). */
static int link_unnamed(struct output_file *f)
{
	char proc[64];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", f->fd);
	if (linkat(AT_FDCWD, proc, AT_FDCWD, f->path, AT_SYMLINK_FOLLOW) == 0)
		return 0;
	if (errno != EEXIST)
		return errno;
	size_t n = strlen(f->tmp);
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		/* mkstemp's X's, filled here: linkat cannot take a made file. */
		static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
		unsigned long r = (unsigned long)getpid() * 2654435761u ^
				  (unsigned long)f->fd * 40503u ^ (unsigned long)time(NULL) ^
				  (unsigned long)attempt * 0x9E3779B9u ^ (unsigned long)(size_t)f;
		for (size_t i = n - 6; i < n; i++) {
			f->tmp[i] = digits[r % 36];
			r /= 36;
		}
		if (linkat(AT_FDCWD, proc, AT_FDCWD, f->tmp, AT_SYMLINK_FOLLOW) == 0) {
			int err = flush_if_replacing(f);
			if (!err && rename(f->tmp, f->path) != 0)
				err = errno;
			if (err)
				unlink(f->tmp);
			return err;
		}
		if (errno != EEXIST)
			return errno;
	}
	return EEXIST;
}

static int flush_now(struct output_file *f)
{
	f->synced = f->flushed = true;
	f->sync_err = fsync(f->fd) != 0 && errno != EINVAL ? errno : 0;
	return f->sync_err;
}

int output_sync(struct output_file *f)
{
	if (f->synced || f->fd < 0)
		return f->sync_err;
	if (!wants_flush(f)) {
		f->synced = true;
		return 0;
	}
	return flush_now(f);
}

/* A file that appeared at f's path since output_begin is replaced now: in
 * the default mode, flushed first like any replacement. */
static int flush_if_replacing(struct output_file *f)
{
	if (sync_mode != OUTPUT_SYNC_REPLACED || f->flushed || f->fd < 0)
		return f->sync_err;
	struct stat st;
	if (lstat(f->path, &st) != 0)
		return 0;
	f->replaces = true;
	return flush_now(f);
}

int output_commit(struct output_file *f)
{
	int err = output_sync(f);
	if (!err && f->unnamed)
		err = link_unnamed(f);
	else if (!err)
		err = flush_if_replacing(f); /* the rename below replaces what is there now */
	if (close(f->fd) != 0 && !err)
		err = errno;
	f->fd = -1;
	if (!f->unnamed) {
		if (!err && rename(f->tmp, f->path) != 0)
			err = errno;
		if (err)
			unlink(f->tmp);
	}
	return err;
}

void output_start_flush(struct output_file *f)
{
	if (f->fd >= 0 && wants_flush(f))
		(void)sync_file_range(f->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

void output_abort(struct output_file *f)
{
	if (f->fd < 0)
		return;
	close(f->fd);
	if (!f->unnamed)
		unlink(f->tmp);
	f->fd = -1;
}

int output_write_atomic(const char *path, const void *data, size_t len)
{
	struct output_file f;
	int err = output_begin(&f, path, data, len);
	return err ? err : output_commit(&f);
}
