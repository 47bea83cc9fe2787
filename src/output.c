/* output: write to a temporary name, fsync, rename into place (stage: write). */
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

int output_begin(struct output_file *f, const char *path, const void *data, size_t len)
{
	f->fd = -1;
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return EISDIR;
	if (strlen(path) >= sizeof f->path)
		return ENAMETOOLONG;
	strcpy(f->path, path);
	char dir[4096];
	strcpy(dir, path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[1] = '\0';
	else
		dir[0] = '\0';
	snprintf(f->tmp, sizeof f->tmp, "%s.%s.tmp-XXXXXX", dir, base);
	int fd = mkstemp(f->tmp);
	if (fd < 0)
		return errno;
	mode_t mask = umask(0);
	umask(mask);
	int err = 0;
	if (fchmod(fd, 0666 & ~mask) != 0)
		err = errno;
	const char *p = data;
	size_t left = len;
	while (!err && left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	if (err) {
		close(fd);
		unlink(f->tmp);
		return err;
	}
	f->fd = fd;
	return 0;
}

int output_commit(struct output_file *f)
{
	int err = 0;
	if (fsync(f->fd) != 0 && errno != EINVAL)
		err = errno;
	if (close(f->fd) != 0 && !err)
		err = errno;
	f->fd = -1;
	if (!err && rename(f->tmp, f->path) != 0)
		err = errno;
	if (err)
		unlink(f->tmp);
	return err;
}

void output_abort(struct output_file *f)
{
	if (f->fd < 0)
		return;
	close(f->fd);
	unlink(f->tmp);
	f->fd = -1;
}

int output_write_atomic(const char *path, const void *data, size_t len)
{
	struct output_file f;
	int err = output_begin(&f, path, data, len);
	return err ? err : output_commit(&f);
}
