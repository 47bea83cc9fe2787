/* output: write to a temporary name, fsync, rename into place (stage: write). */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <time.h>
#include <fcntl.h>
#include <libgen.h>
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

/* Temporary files of this target that a killed process left behind: those
 * untouched for ten minutes are not being written by anyone. */
static void remove_stale(const char *dir, const char *base)
{
	DIR *dh = opendir(dir[0] ? dir : ".");
	if (!dh)
		return;
	char prefix[4200];
	snprintf(prefix, sizeof prefix, ".%s.tmp-", base);
	size_t plen = strlen(prefix);
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(dh)) != NULL) {
		if (strncmp(e->d_name, prefix, plen) != 0 || strlen(e->d_name) != plen + 6)
			continue;
		char p[8400];
		snprintf(p, sizeof p, "%s%s", dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > 600)
			unlink(p);
	}
	closedir(dh);
}

int output_write_atomic(const char *path, const void *data, size_t len)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return EISDIR;
	char dir[4096], tmp[4200];
	if (strlen(path) >= sizeof dir)
		return ENAMETOOLONG;
	strcpy(dir, path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[1] = '\0';
	else
		dir[0] = '\0';
	remove_stale(dir, base);
	snprintf(tmp, sizeof tmp, "%s.%s.tmp-XXXXXX", dir, base);
	int fd = mkstemp(tmp);
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
	if (!err && fsync(fd) != 0 && errno != EINVAL)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err)
		unlink(tmp);
	return err;
}
