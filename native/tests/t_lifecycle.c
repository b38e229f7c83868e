// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* VERSION, CREATE, WAKE, STOP, RUN, the workloads, timestamps, CPU binding. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "kb_tests.h"

#define ALL_DONE (KB_STATUS_WOKEN | KB_STATUS_ENTERED | KB_STATUS_EXITED | \
		  KB_STATUS_STOPPED)

TEST(version)
{
	int fd = open_dev();
	uint32_t version = 0;
	uint64_t features = 0, want = KB_FEATURE_LIFECYCLE |
		KB_FEATURE_BIND_CPU | KB_FEATURE_STOP_INFO;
	struct kb_version v;

	ASSERT_EQ(0, kb_abi_version(fd, &version, &features));
	ASSERT_EQ(KB_ABI_VERSION, version);
	ASSERT_EQ(want, features & want);
	/* ABI 2: VERSION reads its struct: every field zero on input */
	memset(&v, 0xff, sizeof(v));
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_VERSION, &v));
	memset(&v, 0, sizeof(v));
	v.reserved[1] = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_VERSION, &v));
	memset(&v, 0, sizeof(v));
	v.flags = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_VERSION, &v));
	memset(&v, 0, sizeof(v));
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_VERSION, &v));
	ASSERT_EQ(2, v.version);
	ASSERT_EQ(KB_ABI_VERSION, v.version);
	ASSERT_EQ(0, v.flags);
	ASSERT_EQ(0, v.reserved[0] | v.reserved[1]);
}

TEST(create_leaves_thread_stopped)
{
	int fd = open_dev();
	struct kb_info i;
	uint32_t pid = 0, h;
	char comm[64], state;
	pid_t ppid;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_create_t", &pid);
	ASSERT_EQ(1, h);	/* handles of a fresh file start at 1 */
	ASSERT_LT(0, pid);
	info_ok(fd, h, &i);
	ASSERT_EQ(pid, i.pid);
	ASSERT_EQ(KB_WORKLOAD_IDLE, i.workload);
	ASSERT_EQ(0, i.status & (KB_STATUS_WOKEN | KB_STATUS_ENTERED |
				 KB_STATUS_EXITED | KB_STATUS_STOPPED |
				 KB_STATUS_BOUND));
	ASSERT_EQ('D', i.state);
	ASSERT_EQ(0, i.entry_ns);
	ASSERT_EQ(0, i.wake_ns);
	ASSERT_NE(0, i.create_ns);
	ASSERT_LE(i.create_ns, i.created_ns);
	ASSERT_STREQ("kb_create_t", i.comm);
	ASSERT_EQ(0, read_comm((pid_t)pid, comm, sizeof(comm)));
	ASSERT_STREQ("kb_create_t", comm);
	ASSERT_EQ(0, read_stat((pid_t)pid, &state, &ppid));
	ASSERT_EQ('D', state);
	ASSERT_EQ(2, ppid);	/* kthreadd */
	/* still not running a moment later */
	usleep(20000);
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_ENTERED);
	ASSERT_EQ(0, i.entry_ns);
}

TEST(wake_spin_then_running)
{
	int fd = open_dev();
	struct kb_info i;
	int32_t result = -1;
	uint32_t h;

	h = create_ok(fd, KB_WORKLOAD_SPIN, 2 * S_NS, "kb_spin", NULL);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	/* TASK_RUNNING (or still waking) while it spins: nothing to wake */
	ASSERT_EQ(0, kb_thread_wake(fd, h));
	wait_status(fd, h, KB_STATUS_WOKEN | KB_STATUS_ENTERED, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_EXITED);
	ASSERT_EQ(0, kb_thread_wake(fd, h));
	/* it counts its loops */
	ASSERT_TRUE(WAIT_UNTIL(!kb_thread_info(fd, h, &i) && i.iterations > 0,
			       WAIT_MS));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(0, result);	/* SPIN returns 0 */
}

TEST(wake_idle_counts_wakeups)
{
	int fd = open_dev();
	struct kb_info i, fin;
	uint64_t before;
	int32_t result;
	uint32_t h, status;
	int n;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_idle", NULL);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	wait_sleeping(fd, h, &i);
	ASSERT_NE(0, i.status & KB_STATUS_WOKEN);
	for (n = 0; n < 3; n++) {
		wait_sleeping(fd, h, &i);
		before = i.wakeups;
		ASSERT_EQ(1, kb_thread_wake(fd, h));
		ASSERT_TRUE(WAIT_UNTIL(!kb_thread_info(fd, h, &i) &&
				       i.wakeups > before, WAIT_MS));
	}
	ASSERT_LE(3, i.wakeups);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	ASSERT_EQ(ALL_DONE, status & ALL_DONE);
	ASSERT_EQ(fin.wakeups, result);
	ASSERT_LE(3, result);
}

TEST(stop_never_woken)
{
	int fd = open_dev();
	struct kb_info fin;
	uint32_t pid, h, status = 0;
	int32_t result = 0;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_never", &pid);
	memset(&fin, 0xa5, sizeof(fin));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	ASSERT_EQ(-EINTR, result);
	ASSERT_EQ(0, status & (KB_STATUS_ENTERED | KB_STATUS_WOKEN |
			       KB_STATUS_EXITED));
	ASSERT_NE(0, status & KB_STATUS_STOPPED);
	ASSERT_EQ(status, fin.status);
	/* fin.result is only meaningful with KB_STATUS_EXITED */
	ASSERT_EQ(0, fin.entry_ns);
	ASSERT_EQ(0, fin.wake_ns);
	ASSERT_EQ(0, fin.exit_ns);
	ASSERT_NE(0, fin.stopped_ns);
	ASSERT_EQ(h, fin.handle);
	ASSERT_EQ(0, fin.pid);	/* stopped: the pid may be reused (item 10) */
	wait_pid_gone((pid_t)pid);
}

TEST(stop_idle_woken_once)
{
	int fd = open_dev();
	struct kb_info i, fin;
	uint32_t pid, h, status = 0;
	int32_t result = -1;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_idle1", &pid);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	ASSERT_EQ(ALL_DONE, status & ALL_DONE);
	ASSERT_EQ(status, fin.status);
	ASSERT_EQ(fin.wakeups, result);
	ASSERT_EQ(result, (int32_t)fin.result);
	ASSERT_LE(0, result);
	wait_pid_gone((pid_t)pid);
}

TEST(stop_idle_woken_twice_returns_wakeups)
{
	int fd = open_dev();
	struct kb_info i, fin;
	uint32_t h, status = 0;
	int32_t result = -1;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_idle2", NULL);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	ASSERT_TRUE(WAIT_UNTIL(!kb_thread_info(fd, h, &i) && i.wakeups >= 1,
			       WAIT_MS));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	ASSERT_EQ(ALL_DONE, status & ALL_DONE);
	ASSERT_LE(1, result);
	ASSERT_EQ(fin.wakeups, result);
}

static void exit_code(int32_t code)
{
	int fd = open_dev();
	struct kb_info i, fin;
	uint32_t pid, h, status = 0;
	int32_t result = 0;

	h = create_ok(fd, KB_WORKLOAD_EXIT, (uint64_t)(int64_t)code, "kb_exit",
		      &pid);
	info_ok(fd, h, &i);
	ASSERT_EQ((uint64_t)(int64_t)code, i.arg);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	/* it ends by itself, without STOP */
	wait_status(fd, h, KB_STATUS_ENTERED | KB_STATUS_EXITED, &i);
	ASSERT_EQ(code, (int32_t)i.result);
	ASSERT_EQ(0, i.status & KB_STATUS_STOPPED);
	ASSERT_NE(0, i.exit_ns);
	ASSERT_EQ(0, i.stop_ns);
	wait_pid_gone((pid_t)pid);
	/* the handle stays until STOP, which still reports the code */
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	ASSERT_EQ(code, result);
	ASSERT_EQ(ALL_DONE, status & ALL_DONE);
	ASSERT_EQ(code, (int32_t)fin.result);
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}

TEST(exit_42)
{
	exit_code(42);
}

TEST(exit_minus_7)
{
	exit_code(-7);
}

TEST(exit_s32_bounds)
{
	exit_code(INT32_MAX);
	exit_code(INT32_MIN);
}

/* A thread that returns -EINTR itself is told apart by KB_STATUS_ENTERED. */
TEST(exit_eintr_vs_never_ran)
{
	int fd = open_dev();
	uint32_t h1, h2, st1 = 0, st2 = 0;
	int32_t r1 = 0, r2 = 0;

	h1 = run_ok(fd, KB_WORKLOAD_EXIT, (uint64_t)(int64_t)-EINTR, "kb_eintr",
		    NULL);
	h2 = create_ok(fd, KB_WORKLOAD_EXIT, (uint64_t)(int64_t)-EINTR,
		       "kb_eintr_nr", NULL);
	{
		struct kb_info i;

		wait_status(fd, h1, KB_STATUS_EXITED, &i);
	}
	ASSERT_EQ(0, kb_thread_stop(fd, h1, &r1, &st1, NULL));
	ASSERT_EQ(0, kb_thread_stop(fd, h2, &r2, &st2, NULL));
	ASSERT_EQ(-EINTR, r1);
	ASSERT_EQ(-EINTR, r2);
	ASSERT_NE(0, st1 & KB_STATUS_ENTERED);
	ASSERT_EQ(0, st2 & KB_STATUS_ENTERED);
}

TEST(run_is_create_and_wake)
{
	int fd = open_dev();
	struct kb_info i;
	uint32_t pid, h;
	char comm[64];

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_run", &pid);
	info_ok(fd, h, &i);
	ASSERT_NE(0, i.status & KB_STATUS_WOKEN);
	ASSERT_NE(0, i.wake_ns);
	ASSERT_EQ(pid, i.pid);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, read_comm((pid_t)pid, comm, sizeof(comm)));
	ASSERT_STREQ("kb_run", comm);
	/* asleep in the workload: a wake counts */
	ASSERT_EQ(1, kb_thread_wake(fd, h));
}

TEST(periodic_iterations)
{
	int fd = open_dev();
	struct kb_info i, fin;
	uint32_t h, status;
	int32_t result = 0;
	uint64_t first;

	h = run_ok(fd, KB_WORKLOAD_PERIODIC, MS_NS, "kb_periodic", NULL);
	info_ok(fd, h, &i);
	ASSERT_EQ(KB_WORKLOAD_PERIODIC, i.workload);
	ASSERT_EQ(MS_NS, i.arg);
	ASSERT_TRUE(WAIT_UNTIL(!kb_thread_info(fd, h, &i) && i.iterations >= 2,
			       WAIT_MS));
	first = i.iterations;
	ASSERT_TRUE(WAIT_UNTIL(!kb_thread_info(fd, h, &i) &&
			       i.iterations > first, WAIT_MS));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	ASSERT_LT(0, result);
	ASSERT_EQ(fin.iterations, result);
	ASSERT_LE(i.iterations, fin.iterations);
	ASSERT_EQ(ALL_DONE, status & ALL_DONE);
}

TEST(timestamps_ordered)
{
	int fd = open_dev();
	struct kb_info i, fin;
	uint64_t t0, t1;
	uint32_t h, status;
	int32_t result;

	t0 = now_ns();
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_times", NULL);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	t1 = now_ns();
	ASSERT_EQ(h, fin.handle);
	ASSERT_EQ(status, fin.status);
	ASSERT_EQ(result, (int32_t)fin.result);
	ASSERT_STREQ("kb_times", fin.comm);
	ASSERT_LE(t0, fin.create_ns);
	ASSERT_LE(fin.create_ns, fin.created_ns);
	ASSERT_LE(fin.created_ns, fin.wake_ns);
	ASSERT_LE(fin.wake_ns, fin.entry_ns);
	ASSERT_LE(fin.entry_ns, fin.stop_ns);
	ASSERT_LE(fin.stop_ns, fin.exit_ns);
	ASSERT_LE(fin.exit_ns, fin.stopped_ns);
	ASSERT_LE(fin.stopped_ns, t1);
	/* values seen before STOP do not change afterwards */
	ASSERT_EQ(i.create_ns, fin.create_ns);
	ASSERT_EQ(i.wake_ns, fin.wake_ns);
	ASSERT_EQ(i.entry_ns, fin.entry_ns);
}

TEST(bind_cpu0)
{
	int fd = open_dev();
	struct kb_info i;
	uint32_t h;
	int ret;

	ret = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_bound", 0, 0, NULL);
	ASSERT_LE(1, ret);
	h = (uint32_t)ret;
	info_ok(fd, h, &i);
	ASSERT_NE(0, i.status & KB_STATUS_BOUND);
	ASSERT_EQ(0, i.bound_cpu);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, i.cpu);
	ASSERT_NE(0, i.status & KB_STATUS_BOUND);
}

TEST(bind_last_online_cpu)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	int fd = open_dev(), ret;
	struct kb_info i;
	char path[64];

	if (n < 2)
		SKIP("one CPU online");
	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%ld", n - 1);
	if (access(path, F_OK))
		SKIP("CPU numbering has holes");
	ret = kb_thread_run(fd, KB_WORKLOAD_IDLE, 0, "kb_boundN", (int32_t)(n - 1),
			    0, 0, NULL);
	ASSERT_LE(1, ret);
	wait_sleeping(fd, (uint32_t)ret, &i);
	ASSERT_EQ(n - 1, i.bound_cpu);
	ASSERT_EQ(n - 1, i.cpu);
}

TEST(bind_impossible_cpu)
{
	int fd = open_dev();

	ASSERT_EQ(-EINVAL, kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_b",
					    4096, 0, NULL));
	ASSERT_EQ(-EINVAL, kb_thread_run(fd, KB_WORKLOAD_IDLE, 0, "kb_b",
					 INT32_MAX, 0, 0, NULL));
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}
