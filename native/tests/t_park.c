// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* PARK and UNPARK (kthread_park, kthread_unpark) across the workloads. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "kb_tests.h"

static void assert_parked(int fd, uint32_t h, struct kb_info *i)
{
	info_ok(fd, h, i);
	ASSERT_EQ(KB_STATUS_PARKED, i->status & KB_STATUS_PARKED);
	ASSERT_EQ('P', i->state);
}

TEST(park_woken_idle)
{
	int fd = open_dev();
	struct kb_info i;
	uint32_t h, status;
	int32_t result;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_park", NULL);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, kb_thread_park(fd, h));
	assert_parked(fd, h, &i);
	ASSERT_EQ(-EBUSY, kb_thread_park(fd, h));
	assert_parked(fd, h, &i);
	ASSERT_EQ(1, kb_thread_unpark(fd, h));
	ASSERT_EQ(0, kb_thread_unpark(fd, h));
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_PARKED);
	wait_sleeping(fd, h, &i);
	/* parked again after an unpark */
	ASSERT_EQ(0, kb_thread_park(fd, h));
	assert_parked(fd, h, &i);
	ASSERT_EQ(1, kb_thread_unpark(fd, h));
	wait_sleeping(fd, h, &i);
	/* park and unpark are not wake-ups of the sleep loop */
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, NULL));
	ASSERT_EQ(0, result);
	ASSERT_EQ(0, status & KB_STATUS_PARKED);
	/* unknown handles */
	ASSERT_EQ(-ENOENT, kb_thread_park(fd, h));
	ASSERT_EQ(-ENOENT, kb_thread_unpark(fd, h));
}

TEST(park_unpark_reserved)
{
	int fd = open_dev();
	struct kb_park p;
	struct kb_info i;
	uint32_t h;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_park_res", NULL);
	wait_sleeping(fd, h, &i);
	memset(&p, 0, sizeof(p));
	p.handle = h;
	p.flags = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_PARK, &p));
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_UNPARK, &p));
	p.flags = 0;
	p.reserved0 = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_PARK, &p));
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_UNPARK, &p));
	p.reserved0 = 0;
	p.reserved[1] = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_PARK, &p));
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_UNPARK, &p));
	p.reserved[1] = 0;
	/* was_parked is out only: zero on input (ABI 2) */
	p.was_parked = 7;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_PARK, &p));
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_UNPARK, &p));
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_PARKED);
	p.was_parked = 0;
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_PARK, &p));
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_UNPARK, &p));
	ASSERT_EQ(1, p.was_parked);
}

TEST(park_never_woken_then_unpark_enters)
{
	int fd = open_dev();
	struct kb_info i;
	uint32_t h, status;
	int32_t result;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_park_new", NULL);
	ASSERT_EQ(0, kb_thread_park(fd, h));
	assert_parked(fd, h, &i);
	ASSERT_EQ(0, i.status & (KB_STATUS_ENTERED | KB_STATUS_WOKEN));
	ASSERT_EQ(0, i.entry_ns);
	ASSERT_EQ(1, kb_thread_unpark(fd, h));
	wait_status(fd, h, KB_STATUS_ENTERED, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_WOKEN);	/* no WAKE was called */
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, NULL));
	ASSERT_EQ(0, result);
	ASSERT_EQ(KB_STATUS_ENTERED | KB_STATUS_EXITED | KB_STATUS_STOPPED,
		  status & (KB_STATUS_ENTERED | KB_STATUS_EXITED |
			    KB_STATUS_STOPPED));
}

/* Item 5: one errno, -ESRCH, for a thread that exited (or will by itself). */
TEST(park_exit_workload_esrch)
{
	int fd = open_dev();
	struct kb_info i;
	int32_t result;
	uint32_t h;

	/* exited */
	h = run_ok(fd, KB_WORKLOAD_EXIT, 3, "kb_park_exit", NULL);
	wait_status(fd, h, KB_STATUS_EXITED, &i);
	ASSERT_EQ(-ESRCH, kb_thread_park(fd, h));
	ASSERT_EQ(-ESRCH, kb_thread_unpark(fd, h));
	/* woken: may exit before it parks */
	h = create_ok(fd, KB_WORKLOAD_EXIT, 4, "kb_park_exit", NULL);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	ASSERT_EQ(-ESRCH, kb_thread_park(fd, h));
	wait_status(fd, h, KB_STATUS_EXITED, &i);
	ASSERT_EQ(4, (int32_t)i.result);
	/* never woken: parks before threadfn, runs it once unparked */
	h = create_ok(fd, KB_WORKLOAD_EXIT, 5, "kb_park_exit", NULL);
	ASSERT_EQ(0, kb_thread_park(fd, h));
	assert_parked(fd, h, &i);
	ASSERT_EQ(1, kb_thread_unpark(fd, h));
	wait_status(fd, h, KB_STATUS_EXITED, &i);
	ASSERT_EQ(5, (int32_t)i.result);
	ASSERT_EQ(-ESRCH, kb_thread_park(fd, h));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(5, result);
}

TEST(stop_parked)
{
	int fd = open_dev();
	struct kb_info i, fin;
	uint32_t h, pid, status;
	int32_t result;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_stop_parked", &pid);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, kb_thread_park(fd, h));
	assert_parked(fd, h, &i);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	ASSERT_EQ(0, result);
	ASSERT_EQ(KB_STATUS_STOPPED, status & KB_STATUS_STOPPED);
	ASSERT_EQ(0, status & KB_STATUS_PARKED);
	wait_pid_gone((pid_t)pid);
	/* parked before it ever ran */
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_stop_parked", &pid);
	ASSERT_EQ(0, kb_thread_park(fd, h));
	ASSERT_EQ(0, kb_thread_stop(fd, h, NULL, &status, NULL));
	ASSERT_EQ(KB_STATUS_STOPPED, status & (KB_STATUS_STOPPED |
					       KB_STATUS_PARKED));
	wait_pid_gone((pid_t)pid);
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}

static uint64_t iterations_of(int fd, uint32_t h)
{
	struct kb_info i;

	if (kb_thread_info(fd, h, &i))
		return 0;
	return i.iterations;
}

/* Parks a thread that counts iterations: frozen while parked, then on. */
static void park_counting(int fd, uint32_t h)
{
	struct kb_info i;
	uint64_t frozen;

	ASSERT_TRUE(WAIT_UNTIL(iterations_of(fd, h) >= 2, WAIT_MS));
	ASSERT_EQ(0, kb_thread_park(fd, h));
	assert_parked(fd, h, &i);
	frozen = i.iterations;
	usleep(50000);
	info_ok(fd, h, &i);
	ASSERT_EQ(frozen, i.iterations);
	ASSERT_EQ(1, kb_thread_unpark(fd, h));
	ASSERT_TRUE(WAIT_UNTIL(iterations_of(fd, h) > frozen, WAIT_MS));
}

TEST(park_spin_resumes)
{
	int fd = open_dev();
	int32_t result;
	uint32_t h;

	h = run_ok(fd, KB_WORKLOAD_SPIN, 20 * S_NS, "kb_park_spin", NULL);
	HARNESS_CALL_VOID(park_counting(fd, h));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(0, result);
}

TEST(park_periodic_resumes)
{
	int fd = open_dev();
	struct kb_info fin;
	int32_t result;
	uint32_t h;

	h = run_ok(fd, KB_WORKLOAD_PERIODIC, MS_NS, "kb_park_per", NULL);
	HARNESS_CALL_VOID(park_counting(fd, h));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, &fin));
	ASSERT_EQ((int64_t)fin.iterations, result);
}
