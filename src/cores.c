/* cores: the cores this process may use. sysconf gives the machine's; a
 * container or a CI job may be given fewer, and a batch that starts a
 * worker per machine core there (64 workers in a pod limited to 2 cores)
 * spends its memory limit on them and is throttled. */
#include "cores.h"

#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "util.h"

double cores_from_cpu_max(const char *text)
{
	if (!text)
		return 0;
	char *end;
	double quota = strtod(text, &end); /* "max" leaves end at text */
	if (end == text || quota <= 0)
		return 0;
	double period = strtod(end, &end);
	return period > 0 ? quota / period : 0;
}

double cores_from_cfs(const char *quota, const char *period)
{
	if (!quota || !period)
		return 0;
	char *end;
	double q = strtod(quota, &end); /* -1 for none */
	if (end == quota || q <= 0)
		return 0;
	double p = strtod(period, &end);
	return end != period && p > 0 ? q / p : 0;
}

static char *read_small(const char *dir, const char *name)
{
	char *path = g_strdup_printf("%s/%s", dir, name), *text = NULL;
	size_t len;
	if (file_read_all(path, 4096, &text, &len) != 0)
		text = NULL;
	g_free(path);
	return text;
}

/* The smallest quota in `dir` and the directories above it, up to `top`
 * (dir is top followed by the cgroup's path), into *best. */
static void quota_up(char *dir, size_t top, bool v2, double *best)
{
	for (;;) {
		double q;
		if (v2) {
			char *t = read_small(dir, "cpu.max");
			q = cores_from_cpu_max(t);
			free(t);
		} else {
			char *qt = read_small(dir, "cpu.cfs_quota_us"),
			     *pt = read_small(dir, "cpu.cfs_period_us");
			q = cores_from_cfs(qt, pt);
			free(qt);
			free(pt);
		}
		if (q > 0 && (*best == 0 || q < *best))
			*best = q;
		char *slash = strrchr(dir, '/');
		if (!slash || (size_t)(slash - dir) < top)
			return;
		*slash = '\0';
	}
}

double cores_cgroup_quota(const char *proc_cgroup, const char *root)
{
	char *text;
	size_t len;
	if (file_read_all(proc_cgroup, 65536, &text, &len) != 0)
		return 0;
	double best = 0;
	size_t top = strlen(root);
	for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		/* ID:CONTROLLERS:PATH; v2's line is 0::PATH. */
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			continue;
		*c1 = *c2 = '\0';
		const char *ctrls = c1 + 1, *path = c2 + 1;
		if (strcmp(path, "/") == 0)
			path = "";
		if (!strcmp(line, "0") && !*ctrls) {
			/* Pure v2 at root; a hybrid system mounts it at root/unified. */
			char *dir = g_strdup_printf("%s%s", root, path);
			quota_up(dir, top, true, &best);
			g_free(dir);
			dir = g_strdup_printf("%s/unified%s", root, path);
			quota_up(dir, top + 8, true, &best);
			g_free(dir);
			continue;
		}
		bool cpu = false;
		char *list = xstrdup(ctrls);
		for (char *s2 = NULL, *c = strtok_r(list, ",", &s2); c;
		     c = strtok_r(NULL, ",", &s2))
			cpu = cpu || !strcmp(c, "cpu");
		free(list);
		if (!cpu)
			continue;
		/* v1: mounted as root/CONTROLLERS (root/cpu,cpuacct), or root/cpu. */
		char *mount = g_strdup_printf("%s/%s", root, ctrls);
		char *probe = g_strdup_printf("%s/cpu.cfs_period_us", mount);
		if (access(probe, F_OK) != 0) {
			g_free(mount);
			mount = g_strdup_printf("%s/cpu", root);
		}
		g_free(probe);
		char *dir = g_strdup_printf("%s%s", mount, path);
		quota_up(dir, strlen(mount), false, &best);
		g_free(dir);
		g_free(mount);
	}
	free(text);
	return best;
}

int cores_available(void)
{
	static int known;
	int n = __atomic_load_n(&known, __ATOMIC_RELAXED);
	if (n > 0)
		return n;
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	n = online > 0 ? (int)online : 1;
	cpu_set_t set;
	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof set, &set) == 0) {
		int a = CPU_COUNT(&set);
		if (a > 0 && a < n)
			n = a;
	}
	double q = cores_cgroup_quota("/proc/self/cgroup", "/sys/fs/cgroup");
	if (q > 0 && ceil(q) < n)
		n = (int)ceil(q);
	if (n < 1)
		n = 1;
	__atomic_store_n(&known, n, __ATOMIC_RELAXED);
	return n;
}
