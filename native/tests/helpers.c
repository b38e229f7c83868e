// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* Helpers shared by the kthread_bridge tests. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kb_tests.h"

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * S_NS + (uint64_t)ts.tv_nsec;
}

int open_dev_(void)
{
	int fd = kb_open(NULL);

	ASSERT_LE(0, fd);
	return fd;
}

uint32_t create_ok_(int fd, uint32_t workload, uint64_t arg,
		    const char *name, uint32_t *pid)
{
	int h = kb_thread_create(fd, workload, arg, name, -1, 0, pid);

	ASSERT_LE(1, h);
	return (uint32_t)h;
}

uint32_t run_ok_(int fd, uint32_t workload, uint64_t arg, const char *name,
		 uint32_t *pid)
{
	int h = kb_thread_run(fd, workload, arg, name, -1, 0, 0, pid);

	ASSERT_LE(1, h);
	return (uint32_t)h;
}

void info_ok_(int fd, uint32_t handle, struct kb_info *info)
{
	memset(info, 0xa5, sizeof(*info));
	ASSERT_EQ(0, kb_thread_info(fd, handle, info));
	ASSERT_EQ(handle, info->handle);
}

uint32_t status_of(int fd, uint32_t handle)
{
	struct kb_info i;

	if (kb_thread_info(fd, handle, &i))
		return 0;
	return i.status;
}

void wait_status_(int fd, uint32_t handle, uint32_t bits,
		  struct kb_info *info)
{
	bool ok = WAIT_UNTIL((status_of(fd, handle) & bits) == bits, WAIT_MS);

	info_ok_(fd, handle, info);
	if (!ok)
		TH_LOG("status 0x%x never got bits 0x%x", info->status, bits);
	ASSERT_EQ(bits, info->status & bits);
}

static bool sleeping(int fd, uint32_t handle)
{
	struct kb_info i;

	if (kb_thread_info(fd, handle, &i))
		return false;
	/* IDLE may sleep TASK_INTERRUPTIBLE ('S') or TASK_IDLE ('I') */
	return (i.status & KB_STATUS_ENTERED) &&
	       (i.state == 'S' || i.state == 'I');
}

void wait_sleeping_(int fd, uint32_t handle, struct kb_info *info)
{
	bool ok = WAIT_UNTIL(sleeping(fd, handle), WAIT_MS);

	info_ok_(fd, handle, info);
	if (!ok)
		TH_LOG("never asleep: status 0x%x state '%c'", info->status,
		       (char)info->state);
	ASSERT_TRUE(ok);
}

bool pid_exists(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	return access(path, F_OK) == 0;
}

static int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return (int)n;
	}
	close(fd);
	buf[n] = '\0';
	return (int)n;
}

int read_comm(pid_t pid, char *buf, size_t len)
{
	char path[64];
	int n;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	n = read_file(path, buf, len);
	if (n < 0)
		return n;
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

int read_stat(pid_t pid, char *state, pid_t *ppid)
{
	char path[64], buf[1024], *p;
	int n, pp;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	n = read_file(path, buf, sizeof(buf));
	if (n < 0)
		return n;
	/* comm may hold anything, even ") ": the fields follow the last ')' */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %c %d", state, &pp) != 2)
		return -EPROTO;
	*ppid = pp;
	return 0;
}

int count_comm(const char *comm)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char buf[64];
	int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		if (!read_comm(atoi(e->d_name), buf, sizeof(buf)) &&
		    !strcmp(buf, comm))
			n++;
	}
	closedir(d);
	return n;
}

void wait_pid_gone_(pid_t pid)
{
	bool gone = WAIT_UNTIL(!pid_exists(pid), WAIT_MS);

	if (!gone)
		TH_LOG("pid %d still in /proc", (int)pid);
	ASSERT_TRUE(gone);
}

long long proc_start_ticks(pid_t pid)
{
	char path[64], buf[1024], *p;
	long long v = -1;
	int k;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	/* comm may hold anything: the fields follow the last ')', field 3 on */
	p = strrchr(buf, ')');
	if (!p)
		return -1;
	p += 2;
	for (k = 3; k < 22 && p; k++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	if (p && sscanf(p, "%lld", &v) != 1)
		v = -1;
	return v;
}

struct task_id task_id_of_(int fd, uint32_t h, uint32_t pid)
{
	struct task_id id = { .pid = (pid_t)pid };
	struct kb_info i;

	info_ok_(fd, h, &i);
	ASSERT_LT(0, i.start_time_ns);
	id.ticks = (long long)(i.start_time_ns /
			       (S_NS / (uint64_t)sysconf(_SC_CLK_TCK)));
	return id;
}

void wait_task_gone_(struct task_id id)
{
	bool gone = WAIT_UNTIL(proc_start_ticks(id.pid) != id.ticks, WAIT_MS);

	if (!gone)
		TH_LOG("pid %d (start %lld) still in /proc", (int)id.pid,
		       id.ticks);
	ASSERT_TRUE(gone);
}

void valid_create(struct kb_create *c, uint32_t workload, uint64_t arg)
{
	memset(c, 0, sizeof(*c));
	c->workload = workload;
	c->arg = arg;
	strcpy(c->name, "kb_raw");
}

int read_param(const char *name, unsigned long *val)
{
	char path[256], buf[64];
	int n;

	snprintf(path, sizeof(path), SYSFS_PARAMS "%s", name);
	n = read_file(path, buf, sizeof(buf));
	if (n < 0)
		return n;
	if (sscanf(buf, "%lu", val) != 1)
		return -EPROTO;
	return 0;
}

int write_param(const char *name, unsigned long val)
{
	char path[256], buf[32];
	int fd, n, ret = 0;

	snprintf(path, sizeof(path), SYSFS_PARAMS "%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = snprintf(buf, sizeof(buf), "%lu\n", val);
	if (write(fd, buf, (size_t)n) != n)
		ret = -errno;
	close(fd);
	return ret;
}

void with_param_(const char *name, unsigned long val, void (*body)(void))
{
	unsigned long old;
	int ret, status;
	pid_t pid;

	ret = read_param(name, &old);
	if (ret)
		SKIP("no " SYSFS_PARAMS "%s: %s", name, strerror(-ret));
	ret = write_param(name, val);
	if (ret == -EACCES || ret == -EPERM)
		SKIP("cannot write %s: %s", name, strerror(-ret));
	ASSERT_EQ(0, ret);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		body();
		harness_exit(0);
	}
	if (pid > 0 && waitpid(pid, &status, 0) != pid)
		pid = -1;
	ret = write_param(name, old);
	EXPECT_EQ(0, ret);
	ASSERT_LT(0, pid);
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}

int online_cpus(void)
{
	return (int)sysconf(_SC_NPROCESSORS_ONLN);
}

bool have_cap(int cap)
{
	unsigned long long eff = 0;
	char line[256];
	bool found = false;
	FILE *f;

	f = fopen("/proc/self/status", "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1) {
			found = true;
			break;
		}
	fclose(f);
	return found && cap >= 0 && cap < 64 && (eff >> cap) & 1;
}

void need_root_(const char *what)
{
	if (geteuid() != 0)
		SKIP("needs root (%s); running as uid %d", what, (int)geteuid());
}

int node_access(void)
{
	char buf[8];
	int n = read_file(SYSFS_PARAMS "node_access", buf, sizeof(buf));

	if (n < 0)
		return n;
	return n > 0 && (buf[0] == 'Y' || buf[0] == '1');
}
