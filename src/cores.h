/* cores: how many cores this process may use (batch's -j default, the PNG
 * encoder's threads, whether a PDF is drawn in a child). */
#ifndef SALTPRINT_CORES_H
#define SALTPRINT_CORES_H

/* The online cores, fewer when the CPU affinity (taskset, a container's
 * cpuset) or the cgroup's CPU quota (docker --cpus, a Kubernetes limit)
 * allows fewer; a quota of 1.5 cores counts as 2. At least 1. Worked out
 * once and remembered. */
int cores_available(void);

/* The CPU quota in cores of the process whose /proc/PID/cgroup is
 * `proc_cgroup`, with the cgroup file systems mounted under `root`
 * (/sys/fs/cgroup): the smallest quota of its cgroup and the cgroups
 * above it, cgroup v2 (cpu.max, also under root/unified) or v1
 * (cpu.cfs_quota_us over cpu.cfs_period_us). 0 when there is none. */
double cores_cgroup_quota(const char *proc_cgroup, const char *root);

/* One quota file's text in cores, 0 for none or unreadable: v2's cpu.max
 * ("QUOTA PERIOD", QUOTA "max" for none) or v1's two files. */
double cores_from_cpu_max(const char *text);
double cores_from_cfs(const char *quota, const char *period);

#endif
