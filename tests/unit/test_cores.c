/* Unit tests: the cores a process may use (cgroup CPU quotas). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "check.h"
#include "cores.h"

#define NEAR(got, want) CHECK(fabs((got) - (want)) < 1e-9)

void test_cores_quota_files(void)
{
	NEAR(cores_from_cpu_max("150000 100000\n"), 1.5);
	NEAR(cores_from_cpu_max("200000 100000"), 2.0);
	NEAR(cores_from_cpu_max("max 100000\n"), 0);
	NEAR(cores_from_cpu_max(""), 0);
	NEAR(cores_from_cpu_max("50000"), 0); /* no period: not a quota */
	NEAR(cores_from_cpu_max(NULL), 0);
	NEAR(cores_from_cfs("-1\n", "100000\n"), 0);
	NEAR(cores_from_cfs("50000\n", "100000\n"), 0.5);
	NEAR(cores_from_cfs("400000", "100000"), 4.0);
	NEAR(cores_from_cfs("400000", "0"), 0);
	NEAR(cores_from_cfs("400000", NULL), 0);
	NEAR(cores_from_cfs(NULL, "100000"), 0);
}

/* Writes text into root/rel, making the directories on the way. */
static void put(const char *root, const char *rel, const char *text)
{
	char *path = g_build_filename(root, rel, NULL), *dir = g_path_get_dirname(path);
	CHECK(g_mkdir_with_parents(dir, 0755) == 0);
	CHECK(g_file_set_contents(path, text, -1, NULL));
	g_free(dir);
	g_free(path);
}

/* A v1 cgroup directory's quota (period 0.1 s). */
static void put_cfs(const char *root, const char *dir, const char *quota)
{
	char *q = g_build_filename(dir, "cpu.cfs_quota_us", NULL),
	     *p = g_build_filename(dir, "cpu.cfs_period_us", NULL);
	put(root, q, quota);
	put(root, p, "100000\n");
	g_free(p);
	g_free(q);
}

void test_cores_cgroup_quota(void)
{
	char tmp[] = "/tmp/saltprint-cores-XXXXXX";
	CHECK(mkdtemp(tmp) != NULL);
	char *root = g_build_filename(tmp, "cg", NULL),
	     *proc = g_build_filename(tmp, "cgroup", NULL);

	/* v2: the smallest quota of the cgroup and those above it. */
	put(tmp, "cgroup", "0::/kubepods/pod1/c1\n");
	put(root, "kubepods/cpu.max", "max 100000\n");
	put(root, "kubepods/pod1/cpu.max", "150000 100000\n");
	put(root, "kubepods/pod1/c1/cpu.max", "max 100000\n");
	NEAR(cores_cgroup_quota(proc, root), 1.5);
	put(root, "kubepods/cpu.max", "100000 100000\n");
	NEAR(cores_cgroup_quota(proc, root), 1.0);

	/* No quota anywhere; no such file at all. */
	put(root, "kubepods/cpu.max", "max 100000\n");
	put(root, "kubepods/pod1/cpu.max", "max 100000\n");
	NEAR(cores_cgroup_quota(proc, root), 0);
	char *none = g_build_filename(tmp, "none", NULL);
	NEAR(cores_cgroup_quota(none, root), 0);
	g_free(none);

	/* A container without its own cgroup namespace: /proc names the
	 * host's path, and the container's cgroup is mounted at the root. */
	put(tmp, "cgroup", "0::/system.slice/docker-abc.scope\n");
	put(root, "cpu.max", "300000 100000\n");
	NEAR(cores_cgroup_quota(proc, root), 3.0);

	/* A hybrid system: v2 at root/unified. */
	char *root2 = g_build_filename(tmp, "cg2", NULL);
	put(tmp, "cgroup", "1:cpu,cpuacct:/\n0::/job\n");
	put(root2, "unified/job/cpu.max", "250000 100000\n");
	NEAR(cores_cgroup_quota(proc, root2), 2.5);

	/* v1, mounted as root/cpu,cpuacct, with the quota above the cgroup;
	 * then mounted as root/cpu; other controllers' lines do not count. */
	char *root3 = g_build_filename(tmp, "cg3", NULL);
	put(tmp, "cgroup", "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n0::/\n");
	put_cfs(root3, "memory/docker/abc", "10000\n");
	put_cfs(root3, "cpu,cpuacct", "-1\n");
	put_cfs(root3, "cpu,cpuacct/docker", "200000\n");
	put_cfs(root3, "cpu,cpuacct/docker/abc", "-1\n");
	NEAR(cores_cgroup_quota(proc, root3), 2.0);
	char *root4 = g_build_filename(tmp, "cg4", NULL);
	put(tmp, "cgroup", "2:cpuacct,cpu:/ci\n");
	put(root4, "cpu/cpu.cfs_period_us", "100000\n");
	put_cfs(root4, "cpu/ci", "50000\n");
	NEAR(cores_cgroup_quota(proc, root4), 0.5);

	/* This process: at least one core, at most the machine's. */
	int n = cores_available();
	CHECK(n >= 1 && n <= sysconf(_SC_NPROCESSORS_ONLN));

	char *cmd = g_strdup_printf("rm -rf '%s'", tmp);
	CHECK(system(cmd) == 0);
	g_free(cmd);
	g_free(root4);
	g_free(root3);
	g_free(root2);
	g_free(proc);
	g_free(root);
}
