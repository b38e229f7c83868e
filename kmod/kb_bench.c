// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * KB_IOC_BENCH: the lifecycle cycle run by the module itself, with no user
 * space in between, as the floor under the same cycle driven by ioctls.
 */
#include <linux/kthread.h>
#include <linux/sched/signal.h>

#include "kb.h"

/* The IDLE workload's shape: sleeps until stopped. */
static int kb_bench_fn(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* bench->op and count were checked by the caller. */
int kb_bench_cycles(struct kb_bench *bench)
{
	struct task_struct *task;
	u64 start, begin, took;
	u32 i;

	bench->min_ns = U64_MAX;
	bench->max_ns = 0;
	start = ktime_get_ns();
	for (i = 0; i < bench->count; i++) {
		if (fatal_signal_pending(current))
			return -EINTR;
		begin = ktime_get_ns();
		/* kb_bench_fn() never exits by itself: no task reference needed */
		task = kthread_create(kb_bench_fn, NULL, "kb-bench");
		if (IS_ERR(task))
			return PTR_ERR(task);
		wake_up_process(task);
		kthread_stop(task);
		took = ktime_get_ns() - begin;
		bench->min_ns = min(bench->min_ns, took);
		bench->max_ns = max(bench->max_ns, took);
		cond_resched();
	}
	bench->elapsed_ns = ktime_get_ns() - start;
	return 0;
}
