// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * The thread functions user space picks by id (KB_WORKLOAD_*). User space
 * never passes code: it names one of these and gives its parameter.
 */
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched.h>

#include "kb.h"
#include "kb_trace.h"

int kb_workload_check(u32 workload, u64 arg)
{
	s64 code = (s64)arg;

	switch (workload) {
	case KB_WORKLOAD_IDLE:
	case KB_WORKLOAD_WAIT:
		return arg ? -EINVAL : 0;
	case KB_WORKLOAD_EXIT:
		return (code < INT_MIN || code > INT_MAX) ? -EINVAL : 0;
	case KB_WORKLOAD_SPIN:
		return (!arg || arg > KB_SPIN_MAX_NS) ? -EINVAL : 0;
	case KB_WORKLOAD_PERIODIC:
		return (arg < KB_PERIOD_MIN_NS || arg > KB_PERIOD_MAX_NS) ?
			-EINVAL : 0;
	default:
		return -EINVAL;
	}
}

static int kb_clamp_int(u64 count)
{
	return count > INT_MAX ? INT_MAX : (int)count;
}

/* Parks if kthread_park() asks to; true if it did. */
static bool kb_maybe_park(void)
{
	if (!kthread_should_park())
		return false;
	__set_current_state(TASK_RUNNING);
	kthread_parkme();
	return true;
}

/*
 * Sleeps until kthread_stop(), parking when asked; every other wake-up is
 * counted.
 */
static void kb_sleep_until_stop(struct kb_thread *t)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (kb_maybe_park())
			continue;
		schedule();
		if (kthread_should_stop())
			break;
		if (!kthread_should_park())
			WRITE_ONCE(t->wakeups, t->wakeups + 1);
	}
	__set_current_state(TASK_RUNNING);
}

static int kb_idle(struct kb_thread *t)
{
	kb_sleep_until_stop(t);
	return kb_clamp_int(t->wakeups);
}

static int kb_spin(struct kb_thread *t)
{
	u64 end = ktime_get_ns() + t->arg;

	while (!kthread_should_stop() && ktime_get_ns() < end) {
		WRITE_ONCE(t->iterations, t->iterations + 1);
		cpu_relax();
		cond_resched();
		kb_maybe_park();	/* parked time counts towards arg */
	}
	kb_sleep_until_stop(t);
	return 0;
}

/*
 * One hrtimer sleep per period on an absolute schedule; a period missed
 * (the thread ran late) is skipped, not caught up. Early wake-ups count
 * as wakeups, not as periods.
 */
static int kb_periodic(struct kb_thread *t)
{
	ktime_t next = ktime_add_ns(ktime_get(), t->arg);
	ktime_t now;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (kb_maybe_park()) {
			next = ktime_add_ns(ktime_get(), t->arg);
			continue;
		}
		if (schedule_hrtimeout(&next, HRTIMER_MODE_ABS)) {
			if (!kthread_should_stop() && !kthread_should_park())
				WRITE_ONCE(t->wakeups, t->wakeups + 1);
			continue;
		}
		WRITE_ONCE(t->iterations, t->iterations + 1);
		next = ktime_add_ns(next, t->arg);
		now = ktime_get();
		if (ktime_before(next, now))
			next = ktime_add_ns(now, t->arg);
	}
	__set_current_state(TASK_RUNNING);
	return kb_clamp_int(t->iterations);
}

/*
 * Sleeps until a SIGNAL (kb_thread_signal()) publishes a new signal_seq;
 * stamps running_ns as soon as it runs again and acknowledges.
 */
static int kb_wait(struct kb_thread *t)
{
	u64 seen = 0, seq;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (kb_maybe_park())
			continue;
		/* acquire: pairs with kb_thread_signal(), signal_ns then seq */
		seq = smp_load_acquire(&t->signal_seq);
		if (seq == seen) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		WRITE_ONCE(t->running_ns, ktime_get_ns());
		WRITE_ONCE(t->iterations, t->iterations + 1);
		seen = seq;
		smp_store_release(&t->run_seq, seq);	/* running_ns, then seq */
		wake_up_all(&t->ack);
	}
	__set_current_state(TASK_RUNNING);
	return kb_clamp_int(t->iterations);
}

int kb_threadfn(void *data)
{
	struct kb_thread *t = data;
	int ret;

	kb_stamp(t, KB_TS_ENTRY);
	trace_kb_entered(t, t->workload);
	atomic_or(KB_STATUS_ENTERED, &t->status);
	wake_up_all(&t->ack);

	switch (t->workload) {
	case KB_WORKLOAD_IDLE:
		ret = kb_idle(t);
		break;
	case KB_WORKLOAD_EXIT:
		ret = (int)(s64)t->arg;
		break;
	case KB_WORKLOAD_SPIN:
		ret = kb_spin(t);
		break;
	case KB_WORKLOAD_PERIODIC:
		ret = kb_periodic(t);
		break;
	case KB_WORKLOAD_WAIT:
		ret = kb_wait(t);
		break;
	default:
		WARN_ON_ONCE(1);	/* kb_workload_check() let it through */
		ret = -EINVAL;
		break;
	}

	WRITE_ONCE(t->result, ret);
	kb_stamp(t, KB_TS_EXIT);
	trace_kb_exited(t, ret);
	smp_mb__before_atomic();	/* result and exit_ns before EXITED */
	atomic_or(KB_STATUS_EXITED, &t->status);
	kb_event_exit(t, ret, t->ts[KB_TS_EXIT]);
	return ret;
}
