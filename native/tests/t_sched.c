// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* SCHED (sched_set_normal/fifo/fifo_low) and AFFINITY. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kb_tests.h"

#define POLICY_NORMAL	0
#define POLICY_FIFO	1

static void assert_sched(int fd, uint32_t h, uint32_t policy, uint32_t prio,
			 int32_t nice)
{
	struct kb_info i;

	info_ok(fd, h, &i);
	ASSERT_EQ(policy, i.policy);
	ASSERT_EQ(prio, i.rt_priority);
	ASSERT_EQ(nice, (int32_t)i.nice);
}

/* CPUs 0..63 of the thread's affinity mask (INFO's mask_ptr). */
static uint64_t cpus0(int fd, uint32_t h)
{
	uint64_t m = 0;

	ASSERT_LE(1, kb_thread_cpus(fd, h, &m, 1));
	return m;
}

/*
 * Without CAP_SYS_NICE at open (docs/security.md): FIFO, FIFO_LOW and a
 * nice below 0 are -EPERM and change nothing; nice 0..19 works.
 */
TEST(sched_policies)
{
	bool nice_ok = have_cap(CAP_SYS_NICE);
	int fd = open_dev();
	struct kb_info i;
	uint32_t h;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_sched", NULL);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(POLICY_NORMAL, i.policy);
	ASSERT_EQ(0, (int32_t)i.nice);
	ASSERT_EQ(NICE_OR_EPERM(0), kb_thread_sched(fd, h, KB_SCHED_FIFO, 0));
	if (nice_ok)
		assert_sched(fd, h, POLICY_FIFO, 50, 0);	/* MAX_RT_PRIO / 2 */
	ASSERT_EQ(NICE_OR_EPERM(0),
		  kb_thread_sched(fd, h, KB_SCHED_FIFO_LOW, 0));
	assert_sched(fd, h, nice_ok ? POLICY_FIFO : POLICY_NORMAL,
		     nice_ok ? 1 : 0, 0);
	ASSERT_EQ(0, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 5));
	assert_sched(fd, h, POLICY_NORMAL, 0, 5);
	ASSERT_EQ(NICE_OR_EPERM(0),
		  kb_thread_sched(fd, h, KB_SCHED_NORMAL, -20));
	assert_sched(fd, h, POLICY_NORMAL, 0, nice_ok ? -20 : 5);
	ASSERT_EQ(NICE_OR_EPERM(0), kb_thread_sched(fd, h, KB_SCHED_NORMAL, -1));
	ASSERT_EQ(0, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 19));
	assert_sched(fd, h, POLICY_NORMAL, 0, 19);
	/* refused: nothing changes; argument errors come before -EPERM */
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 20));
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, KB_SCHED_NORMAL, -21));
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, KB_SCHED_FIFO, 1));
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, KB_SCHED_FIFO, -1));
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, KB_SCHED_FIFO_LOW, 5));
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, 3, 0));
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, UINT32_MAX, 0));
	assert_sched(fd, h, POLICY_NORMAL, 0, 19);
	/* -EPERM comes before the handle's -ENOENT */
	ASSERT_EQ(NICE_OR_EPERM(-ENOENT),
		  kb_thread_sched(fd, h + 1, KB_SCHED_FIFO, 0));
	ASSERT_EQ(-ENOENT, kb_thread_sched(fd, h + 1, KB_SCHED_NORMAL, 0));
	/* back to 0 from above is allowed (a kthread starts at 0) */
	ASSERT_EQ(0, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 0));
	assert_sched(fd, h, POLICY_NORMAL, 0, 0);
	/* still alive and stoppable as an RT task */
	ASSERT_EQ(NICE_OR_EPERM(0), kb_thread_sched(fd, h, KB_SCHED_FIFO, 0));
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	ASSERT_EQ(0, kb_thread_stop(fd, h, NULL, NULL, NULL));
	/* a never-woken thread keeps what it was given when it runs */
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_sched_new", NULL);
	ASSERT_EQ(NICE_OR_EPERM(0),
		  kb_thread_sched(fd, h, KB_SCHED_FIFO_LOW, 0));
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	wait_sleeping(fd, h, &i);
	assert_sched(fd, h, nice_ok ? POLICY_FIFO : POLICY_NORMAL,
		     nice_ok ? 1 : 0, 0);
}

TEST(sched_reserved)
{
	int fd = open_dev();
	struct kb_sched s;
	uint32_t h;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_sched_res", NULL);
	memset(&s, 0, sizeof(s));
	s.handle = h;
	s.policy = KB_SCHED_FIFO;
	s.flags = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_SCHED, &s));
	s.flags = 1U << 31;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_SCHED, &s));
	s.flags = 0;
	s.reserved[1] = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_SCHED, &s));
	assert_sched(fd, h, POLICY_NORMAL, 0, 0);
	s.reserved[1] = 0;
	ASSERT_EQ(NICE_OR_EPERM(0), kb_ioctl(fd, KB_IOC_SCHED, &s));
	if (have_cap(CAP_SYS_NICE))
		assert_sched(fd, h, POLICY_FIFO, 50, 0);
	else
		assert_sched(fd, h, POLICY_NORMAL, 0, 0);
}

TEST(sched_affinity_exited_esrch)
{
	int fd = open_dev();
	uint64_t mask = 1;
	struct kb_info i;
	uint32_t h;

	h = run_ok(fd, KB_WORKLOAD_EXIT, 0, "kb_sched_exit", NULL);
	wait_status(fd, h, KB_STATUS_EXITED, &i);
	/* without CAP_SYS_NICE, -EPERM comes before the thread's state */
	ASSERT_EQ(NICE_OR_EPERM(-ESRCH),
		  kb_thread_sched(fd, h, KB_SCHED_FIFO, 0));
	ASSERT_EQ(-ESRCH, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 1));
	ASSERT_EQ(-ESRCH, kb_thread_affinity(fd, h, &mask, 1));
	/* woken EXIT: may be gone any moment, so already refused */
	h = create_ok(fd, KB_WORKLOAD_EXIT, 0, "kb_sched_exit", NULL);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	ASSERT_EQ(NICE_OR_EPERM(-ESRCH),
		  kb_thread_sched(fd, h, KB_SCHED_FIFO, 0));
	ASSERT_EQ(-ESRCH, kb_thread_affinity(fd, h, &mask, 1));
	/* argument errors come before the thread's state */
	ASSERT_EQ(-EINVAL, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 20));
	/* never-woken EXIT is still there to change */
	h = create_ok(fd, KB_WORKLOAD_EXIT, 0, "kb_sched_exit", NULL);
	ASSERT_EQ(0, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 3));
	ASSERT_EQ(0, kb_thread_affinity(fd, h, &mask, 1));
}

TEST(affinity_cpu0)
{
	int fd = open_dev(), ncpu = online_cpus();
	uint64_t mask = 1, all;
	struct kb_info i;
	uint32_t h;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_aff", NULL);
	ASSERT_EQ(0, kb_thread_affinity(fd, h, &mask, 1));
	info_ok(fd, h, &i);
	ASSERT_EQ(1, cpus0(fd, h));
	ASSERT_EQ(1, i.nr_cpus_allowed);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, i.cpu);
	ASSERT_EQ(1, cpus0(fd, h));
	if (ncpu < 2 || ncpu > 64)
		return;
	/* every online CPU (they are 0..ncpu-1 here) */
	all = ncpu == 64 ? UINT64_MAX : (1ULL << ncpu) - 1;
	ASSERT_EQ(0, kb_thread_affinity(fd, h, &all, 1));
	info_ok(fd, h, &i);
	ASSERT_EQ(all, cpus0(fd, h));
	ASSERT_EQ(ncpu, i.nr_cpus_allowed);
	/* the last CPU only, then woken there */
	mask = 1ULL << (ncpu - 1);
	ASSERT_EQ(0, kb_thread_affinity(fd, h, &mask, 1));
	ASSERT_LE(0, kb_thread_wake(fd, h));
	ASSERT_TRUE(WAIT_UNTIL(kb_thread_info(fd, h, &i) == 0 &&
			       i.cpu == (uint32_t)(ncpu - 1) &&
			       (i.state == 'S' || i.state == 'I'), WAIT_MS));
	ASSERT_EQ(mask, cpus0(fd, h));
}

TEST(affinity_errors)
{
	int fd = open_dev();
	long conf = sysconf(_SC_NPROCESSORS_CONF);
	uint64_t big[KB_MASK_MAX / 8 + 1], mask;
	struct kb_affinity a;
	struct kb_info i;
	void *none;
	struct kb_info before;
	uint64_t before_cpus;
	uint32_t h;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_aff_err", NULL);
	wait_sleeping(fd, h, &i);
	before = i;
	before_cpus = cpus0(fd, h);
	/* no CPU at all */
	mask = 0;
	ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, h, &mask, 1));
	/* only a CPU that does not exist */
	if (conf < 64) {
		mask = 1ULL << 63;
		ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, h, &mask, 1));
	}
	memset(big, 0, sizeof(big));
	big[KB_MASK_MAX / 8 - 1] = 1ULL << 63;	/* CPU 8191 */
	if (conf < 8192)
		ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, h, big,
						      KB_MASK_MAX / 8));
	/* refused: the mask is unchanged */
	info_ok(fd, h, &i);
	ASSERT_EQ(before.nr_cpus_allowed, i.nr_cpus_allowed);
	ASSERT_EQ(before_cpus, cpus0(fd, h));
	/* lengths: 8..KB_MASK_MAX in multiples of 8 */
	memset(big, 0, sizeof(big));
	big[0] = 1;
	memset(&a, 0, sizeof(a));
	a.handle = h;
	a.mask_ptr = (uint64_t)(uintptr_t)big;
	a.mask_len = 0;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_AFFINITY, &a));
	a.mask_len = 7;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_AFFINITY, &a));
	a.mask_len = 12;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_AFFINITY, &a));
	a.mask_len = KB_MASK_MAX + 8;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_AFFINITY, &a));
	a.mask_len = UINT32_MAX & ~7U;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_AFFINITY, &a));
	ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, h, big, 0));
	ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, h, big, KB_MASK_MAX / 8 + 1));
	info_ok(fd, h, &i);
	ASSERT_EQ(before_cpus, cpus0(fd, h));
	/* the longest one is fine */
	a.mask_len = KB_MASK_MAX;
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_AFFINITY, &a));
	info_ok(fd, h, &i);
	ASSERT_EQ(1, cpus0(fd, h));
	/* bad pointers */
	none = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(none != MAP_FAILED);
	ASSERT_EQ(-EFAULT, kb_thread_affinity(fd, h, NULL, 1));
	ASSERT_EQ(-EFAULT, kb_thread_affinity(fd, h, none, 1));
	a.mask_len = 8;
	a.mask_ptr = 0xffff888000000000ULL;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_AFFINITY, &a));
	/* unknown handle, after the mask was read */
	mask = 1;
	ASSERT_EQ(-ENOENT, kb_thread_affinity(fd, h + 1, &mask, 1));
}
