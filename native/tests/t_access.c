// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * The access model (docs/security.md): who may open the device
 * (node_access), and what a file opened without CAP_SYS_NICE may do:
 * SCHED_NORMAL with nice >= 0, affinity and binding within the caller's
 * own CPUs, -EPERM beyond. Each test runs as root and as an unprivileged
 * member of the node's group, deciding by its own capabilities.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kb_tests.h"

/* Effective capability cap dropped from this process (capset(2)). */
static void drop_effective_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	ASSERT_EQ(0, syscall(SYS_capget, &hdr, data));
	data[cap / 32].effective &= ~(1U << (cap % 32));
	ASSERT_EQ(0, syscall(SYS_capset, &hdr, data));
	ASSERT_FALSE(have_cap(cap));
}

/*
 * Two CPUs this process may run on, *mine and *other; then the process
 * is restricted to *mine, so *other is a CPU it may not run on.
 */
static void restrict_to_one_cpu(int *mine, int *other)
{
	cpu_set_t set;
	int cpu, n = 0;

	ASSERT_EQ(0, sched_getaffinity(0, sizeof(set), &set));
	for (cpu = 0; cpu < 64 && n < 2; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		if (n++ == 0)
			*mine = cpu;
		else
			*other = cpu;
	}
	if (n < 2)
		SKIP("needs two CPUs (0..63) in this process's affinity");
	CPU_ZERO(&set);
	CPU_SET(*mine, &set);
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(set), &set));
}

TEST(access_sched_needs_cap_sys_nice)
{
	bool nice_ok = have_cap(CAP_SYS_NICE);
	int fd = open_dev();
	struct kb_info i;
	uint32_t h;

	TH_LOG("CAP_SYS_NICE %s", nice_ok ? "held" : "not held");
	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_acc_sched", NULL);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(NICE_OR_EPERM(0), kb_thread_sched(fd, h, KB_SCHED_FIFO, 0));
	ASSERT_EQ(NICE_OR_EPERM(0),
		  kb_thread_sched(fd, h, KB_SCHED_FIFO_LOW, 0));
	ASSERT_EQ(NICE_OR_EPERM(0), kb_thread_sched(fd, h, KB_SCHED_NORMAL, -1));
	info_ok(fd, h, &i);
	ASSERT_EQ(nice_ok ? -1 : 0, (int32_t)i.nice);
	ASSERT_EQ(0, i.rt_priority);
	ASSERT_EQ(0, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 5));
	info_ok(fd, h, &i);
	ASSERT_EQ(5, (int32_t)i.nice);
	ASSERT_EQ(0, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 0));
	/* -EINVAL before -EPERM */
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, KB_SCHED_FIFO, 3));
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, KB_SCHED_NORMAL, -21));
	/* -EPERM before -ENOENT */
	ASSERT_EQ(NICE_OR_EPERM(-ENOENT),
		  kb_thread_sched(fd, h + 100, KB_SCHED_FIFO, 0));
	ASSERT_EQ(0, kb_thread_stop(fd, h, NULL, NULL, NULL));
}

TEST(access_affinity_within_own_cpus)
{
	int fd = open_dev(), mine = -1, other = -1;
	uint64_t mask, got;
	uint32_t h, h2;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_acc_aff", NULL);
	restrict_to_one_cpu(&mine, &other);
	TH_LOG("CAP_SYS_NICE %s; the caller runs on CPU %d only, CPU %d not",
	       have_cap(CAP_SYS_NICE) ? "held" : "not held", mine, other);
	/* a new unbound thread: kthreadd's CPUs, or without it the caller's */
	h2 = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_acc_aff2", NULL);
	got = 0;
	ASSERT_LE(1, kb_thread_cpus(fd, h2, &got, 1));
	if (have_cap(CAP_SYS_NICE))
		ASSERT_NE(0, got & (1ULL << other));
	else
		ASSERT_EQ(1ULL << mine, got);
	mask = 1ULL << mine;
	ASSERT_EQ(0, kb_thread_affinity(fd, h, &mask, 1));
	mask = 1ULL << other;
	ASSERT_EQ(NICE_OR_EPERM(0), kb_thread_affinity(fd, h, &mask, 1));
	got = 0;
	ASSERT_LE(1, kb_thread_cpus(fd, h, &got, 1));
	ASSERT_EQ(have_cap(CAP_SYS_NICE) ? 1ULL << other : 1ULL << mine, got);
	mask = (1ULL << mine) | (1ULL << other);
	ASSERT_EQ(NICE_OR_EPERM(0), kb_thread_affinity(fd, h, &mask, 1));
	/* -EINVAL (no CPU) before -EPERM, -EPERM before -ENOENT */
	mask = 0;
	ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, h, &mask, 1));
	mask = 1ULL << other;
	ASSERT_EQ(NICE_OR_EPERM(-ENOENT),
		  kb_thread_affinity(fd, h + 100, &mask, 1));
	ASSERT_EQ(0, kb_thread_stop(fd, h, NULL, NULL, NULL));
}

TEST(access_bind_within_own_cpus)
{
	int fd = open_dev(), mine = -1, other = -1, ret;
	struct kb_batch_item items[2];
	struct kb_create c;
	int expect;

	restrict_to_one_cpu(&mine, &other);
	TH_LOG("CAP_SYS_NICE %s; the caller runs on CPU %d only, CPU %d not",
	       have_cap(CAP_SYS_NICE) ? "held" : "not held", mine, other);
	expect = NICE_OR_EPERM(0);
	ret = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_acc_bind", mine, 0,
			       NULL);
	ASSERT_LE(1, ret);
	ret = kb_thread_run(fd, KB_WORKLOAD_IDLE, 0, "kb_acc_bind", mine, 0, 0,
			    NULL);
	ASSERT_LE(1, ret);
	ret = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_acc_bind", other, 0,
			       NULL);
	ASSERT_EQ(expect, ret < 0 ? ret : 0);
	ret = kb_thread_run(fd, KB_WORKLOAD_IDLE, 0, "kb_acc_bind", other, 0, 0,
			    NULL);
	ASSERT_EQ(expect, ret < 0 ? ret : 0);
	ASSERT_EQ(expect ? 2 : 4, kb_thread_list(fd, NULL, 0));
	/* BATCH: the template as CREATE, the whole call refused */
	valid_create(&c, KB_WORKLOAD_IDLE, 0);
	c.flags = KB_CREATE_BIND_CPU;
	c.cpu = (uint32_t)other;
	memset(items, 0, sizeof(items));
	ret = kb_batch(fd, KB_BATCH_RUN, &c, items, 2);
	ASSERT_EQ(expect ? -EPERM : 2, ret);
	ASSERT_EQ(expect ? 2 : 6, kb_thread_list(fd, NULL, 0));
	c.cpu = (uint32_t)mine;
	ASSERT_EQ(2, kb_batch(fd, KB_BATCH_CREATE, &c, items, 2));
	/* -EINVAL before -EPERM */
	valid_create(&c, KB_WORKLOAD_IDLE, 0);
	c.flags = KB_CREATE_BIND_CPU;
	c.cpu = (uint32_t)other;
	c.reserved0 = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_CREATE, &c));
}

/* A child without CAP_SYS_ADMIN opens the node; its result. */
static int open_without_admin(void)
{
	int status, ret = INT32_MIN, pipefd[2];
	pid_t pid;

	ASSERT_EQ(0, pipe(pipefd));
	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(pipefd[0]);
		if (have_cap(CAP_SYS_ADMIN))
			drop_effective_cap(CAP_SYS_ADMIN);
		ret = kb_open(NULL);
		ASSERT_EQ((ssize_t)sizeof(ret), write(pipefd[1], &ret,
						      sizeof(ret)));
		harness_exit(0);
	}
	close(pipefd[1]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ASSERT_EQ((ssize_t)sizeof(ret), read(pipefd[0], &ret, sizeof(ret)));
	close(pipefd[0]);
	return ret;
}

/*
 * node_access=N: -EPERM without CAP_SYS_ADMIN even where the node's mode
 * lets the caller open it; node_access=Y: the mode alone decides.
 */
TEST(access_open_by_node_access)
{
	int na = node_access(), ret;

	if (na < 0)
		SKIP("cannot read " SYSFS_PARAMS "node_access: %s",
		     strerror(-na));
	if (access(KB_DEFAULT_PATH, R_OK | W_OK))
		SKIP("the node's mode does not let uid %d in: %s",
		     (int)geteuid(), strerror(errno));
	ret = open_without_admin();
	TH_LOG("node_access=%c: open without CAP_SYS_ADMIN: %s",
	       na ? 'Y' : 'N', ret < 0 ? strerror(-ret) : "opened");
	if (na)
		ASSERT_LE(0, ret);
	else
		ASSERT_EQ(-EPERM, ret);
}

/*
 * CAP_SYS_NICE is the opener's: a file opened with it keeps it in a
 * process without it, and a file opened without it stays without.
 */
TEST(access_privileges_kept_from_open)
{
	int fd, status;
	pid_t pid;

	if (!have_cap(CAP_SYS_NICE))
		SKIP("needs CAP_SYS_NICE to drop");
	fd = open_dev();
	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint32_t h, h2;
		int fd2;

		drop_effective_cap(CAP_SYS_NICE);
		h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_acc_keep", NULL);
		ASSERT_EQ(0, kb_thread_sched(fd, h, KB_SCHED_FIFO, 0));
		ASSERT_EQ(0, kb_thread_sched(fd, h, KB_SCHED_NORMAL, -5));
		fd2 = kb_open(NULL);
		if (fd2 == -EPERM || fd2 == -EACCES)
			harness_exit(0);	/* cannot open without it */
		ASSERT_LE(0, fd2);
		h2 = run_ok(fd2, KB_WORKLOAD_IDLE, 0, "kb_acc_keep", NULL);
		ASSERT_EQ(-EPERM, kb_thread_sched(fd2, h2, KB_SCHED_FIFO, 0));
		ASSERT_EQ(-EPERM, kb_thread_sched(fd2, h2, KB_SCHED_NORMAL, -5));
		harness_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}
