// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* The WAIT workload with SIGNAL, and waiting for threadfn's entry. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "kb_tests.h"

TEST(signal_wait_workload)
{
	int fd = open_dev();
	uint64_t seq, sns, rns, k;
	struct kb_info i;
	uint32_t h, status;
	int32_t result;

	h = create_ok(fd, KB_WORKLOAD_WAIT, 0, "kb_wait", NULL);
	/* not in its wait loop yet */
	ASSERT_EQ(-EAGAIN, kb_thread_signal(fd, h, 0, 0, NULL, NULL, NULL));
	ASSERT_EQ(-EAGAIN, kb_thread_signal(fd, h, KB_SIGNAL_WAIT, DEADLINE(WAIT_MS), NULL,
					    NULL, NULL));
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, i.signals);
	ASSERT_EQ(0, i.iterations);
	for (k = 1; k <= 5; k++) {
		seq = sns = rns = 0;
		ASSERT_EQ(0, kb_thread_signal(fd, h, KB_SIGNAL_WAIT, DEADLINE(WAIT_MS), &seq,
					      &sns, &rns));
		ASSERT_EQ(k, seq);
		ASSERT_LT(0, sns);
		ASSERT_LE(sns, rns);
		info_ok(fd, h, &i);
		ASSERT_EQ(k, i.signals);
		ASSERT_EQ(k, i.iterations);
		ASSERT_EQ(sns, i.signal_ns);
		ASSERT_EQ(rns, i.running_ns);
	}
	/* without KB_SIGNAL_WAIT: no running_ns in the reply */
	rns = 1;
	ASSERT_EQ(0, kb_thread_signal(fd, h, 0, 0, &seq, &sns, &rns));
	ASSERT_EQ(6, seq);
	ASSERT_EQ(0, rns);
	ASSERT_TRUE(WAIT_UNTIL(kb_thread_info(fd, h, &i) == 0 &&
			       i.iterations == 6, WAIT_MS));
	ASSERT_LE(i.signal_ns, i.running_ns);
	ASSERT_EQ(6, i.signals);
	/* unknown flags */
	ASSERT_EQ(-EINVAL, kb_thread_signal(fd, h, 1U << 1, 0, NULL, NULL, NULL));
	ASSERT_EQ(-EINVAL, kb_thread_signal(fd, h, 1U << 31, 0, NULL, NULL,
					    NULL));
	ASSERT_EQ(-ENOENT, kb_thread_signal(fd, h + 1, 0, 0, NULL, NULL, NULL));
	info_ok(fd, h, &i);
	ASSERT_EQ(6, i.signals);
	/* parked: refused until unparked */
	ASSERT_EQ(0, kb_thread_park(fd, h));
	ASSERT_EQ(-EAGAIN, kb_thread_signal(fd, h, 0, 0, NULL, NULL, NULL));
	ASSERT_EQ(1, kb_thread_unpark(fd, h));
	ASSERT_EQ(0, kb_thread_signal(fd, h, KB_SIGNAL_WAIT, DEADLINE(WAIT_MS), &seq, NULL,
				      NULL));
	ASSERT_EQ(7, seq);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &i));
	ASSERT_EQ(7, result);
	ASSERT_EQ(7, i.iterations);
	ASSERT_EQ(KB_STATUS_EXITED, status & KB_STATUS_EXITED);
}

TEST(signal_other_workloads_einval)
{
	int fd = open_dev();
	struct kb_info i;
	uint32_t h;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_sig_idle", NULL);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(-EINVAL, kb_thread_signal(fd, h, 0, 0, NULL, NULL, NULL));
	ASSERT_EQ(-EINVAL, kb_thread_signal(fd, h, KB_SIGNAL_WAIT, DEADLINE(WAIT_MS), NULL,
					    NULL, NULL));
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.signals);
	ASSERT_EQ(0, i.wakeups);	/* not woken by a refused signal */
	h = create_ok(fd, KB_WORKLOAD_PERIODIC, S_NS, "kb_sig_per", NULL);
	ASSERT_EQ(-EINVAL, kb_thread_signal(fd, h, 0, 0, NULL, NULL, NULL));
	h = create_ok(fd, KB_WORKLOAD_EXIT, 0, "kb_sig_exit", NULL);
	ASSERT_EQ(-EINVAL, kb_thread_signal(fd, h, 0, 0, NULL, NULL, NULL));
}

TEST(run_wait_entry)
{
	int fd = open_dev();
	uint32_t wl[] = { KB_WORKLOAD_IDLE, KB_WORKLOAD_EXIT,
			  KB_WORKLOAD_WAIT };
	struct kb_create c;
	struct kb_info i;
	size_t n;
	int h;

	for (n = 0; n < sizeof(wl) / sizeof(wl[0]); n++) {
		h = kb_thread_run(fd, wl[n], 0, "kb_wentry", -1,
				  KB_CREATE_WAIT_ENTRY, DEADLINE(WAIT_MS), NULL);
		ASSERT_LE(1, h);
		/* no polling: entered when RUN returned */
		info_ok(fd, (uint32_t)h, &i);
		ASSERT_EQ(KB_STATUS_ENTERED | KB_STATUS_WOKEN,
			  i.status & (KB_STATUS_ENTERED | KB_STATUS_WOKEN));
		ASSERT_LE(i.wake_ns, i.entry_ns);
	}
	/* bound to a CPU too */
	h = kb_thread_run(fd, KB_WORKLOAD_IDLE, 0, "kb_wentry", 0,
			  KB_CREATE_WAIT_ENTRY, DEADLINE(WAIT_MS), NULL);
	ASSERT_LE(1, h);
	ASSERT_EQ(KB_STATUS_ENTERED, status_of(fd, (uint32_t)h) &
		  KB_STATUS_ENTERED);
	/* CREATE refuses it, and leaves nothing */
	valid_create(&c, KB_WORKLOAD_IDLE, 0);
	c.flags = KB_CREATE_WAIT_ENTRY;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_CREATE, &c));
	ASSERT_EQ(4, kb_thread_list(fd, NULL, 0));
}

TEST(wake_wait_entry)
{
	int fd = open_dev();
	struct kb_info i;
	uint32_t h;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_wwentry", NULL);
	ASSERT_EQ(1, kb_thread_wake_flags(fd, h, KB_WAKE_WAIT_ENTRY, DEADLINE(WAIT_MS), NULL));
	info_ok(fd, h, &i);
	ASSERT_EQ(KB_STATUS_ENTERED, i.status & KB_STATUS_ENTERED);
	/* already entered: returns at once */
	wait_sleeping(fd, h, &i);
	ASSERT_LE(0, kb_thread_wake_flags(fd, h, KB_WAKE_WAIT_ENTRY, DEADLINE(WAIT_MS), NULL));
	ASSERT_EQ(-EINVAL, kb_thread_wake_flags(fd, h, 1U << 1, 0, NULL));
	ASSERT_EQ(-ENOENT, kb_thread_wake_flags(fd, h + 1,
						KB_WAKE_WAIT_ENTRY, DEADLINE(WAIT_MS), NULL));
	/* an EXIT thread that is gone already: -ESRCH (item 5) */
	h = run_ok(fd, KB_WORKLOAD_EXIT, 0, "kb_wwentry", NULL);
	wait_status(fd, h, KB_STATUS_EXITED, &i);
	ASSERT_EQ(-ESRCH, kb_thread_wake_flags(fd, h, KB_WAKE_WAIT_ENTRY,
					       DEADLINE(WAIT_MS), NULL));
}

/*
 * Item 8: a parked thread that never ran cannot enter on a wake-up: the
 * wait ends with -ETIMEDOUT at the caller's absolute deadline, and the
 * thread keeps its handle (WAKE does not undo).
 */
TEST(wake_wait_entry_parked_times_out)
{
	int fd = open_dev();
	uint64_t t0, deadline;
	struct kb_info i;
	uint32_t h, woken = 7;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_wwe_park", NULL);
	ASSERT_EQ(0, kb_thread_park(fd, h));
	t0 = now_ns();
	deadline = t0 + 300 * MS_NS;
	ASSERT_EQ(-ETIMEDOUT, kb_thread_wake_flags(fd, h, KB_WAKE_WAIT_ENTRY,
						   deadline, &woken));
	ASSERT_LE(deadline, now_ns());
	ASSERT_EQ(0, woken);	/* written: a parked task is not woken */
	/* a deadline already passed checks once */
	ASSERT_EQ(-ETIMEDOUT, kb_thread_wake_flags(fd, h, KB_WAKE_WAIT_ENTRY,
						   1, NULL));
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_ENTERED);
	ASSERT_EQ(KB_STATUS_PARKED, i.status & KB_STATUS_PARKED);
	/* the handle stays and the thread still works */
	ASSERT_EQ(1, kb_thread_unpark(fd, h));
	wait_status(fd, h, KB_STATUS_ENTERED, &i);
	ASSERT_EQ(0, kb_thread_stop(fd, h, NULL, NULL, NULL));
}
