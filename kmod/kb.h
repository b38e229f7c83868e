/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kthread_bridge internals: one struct kb_thread per kernel thread created
 * through the device, owned by the struct kb_file of the open file that
 * created it.
 */
#ifndef KB_H
#define KB_H

#include <linux/atomic.h>
#include <linux/kthread_bridge.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/xarray.h>

/* Kernel-side timestamps, CLOCK_MONOTONIC ns, each written at most once. */
enum kb_phase {
	KB_TS_CREATE,
	KB_TS_CREATED,
	KB_TS_WAKE,
	KB_TS_ENTRY,
	KB_TS_STOP,
	KB_TS_EXIT,
	KB_TS_STOPPED,
	KB_TS_COUNT
};

struct kb_thread {
	/*
	 * Our own reference, taken right after kthread_create() and dropped by
	 * kb_thread_free() after kthread_stop(): an EXIT workload ends by
	 * itself before any stop, and kthread_stop() needs the task_struct
	 * to stay valid (kernel/kthread.c).
	 */
	struct task_struct *task;

	/* Constant once the thread is created. */
	u32 handle;		/* set under kb_file.lock before it is visible */
	u32 pid;		/* pid in the creator's namespace */
	u32 workload;
	u32 bound_cpu;
	u64 arg;

	atomic_t status;	/* KB_STATUS_* bits, only ever or-ed in */
	int result;		/* written by threadfn before KB_STATUS_EXITED */

	/* Written by threadfn only, read locklessly with READ_ONCE(). */
	u64 iterations;
	u64 wakeups;
	u64 ts[KB_TS_COUNT];
};

static inline void kb_stamp(struct kb_thread *t, enum kb_phase phase)
{
	WRITE_ONCE(t->ts[phase], ktime_get_ns());
}

/* kb_workload.c */
int kb_workload_check(u32 workload, u64 arg);
int kb_threadfn(void *data);

/* kb_thread.c */
struct kb_thread *kb_thread_new(const struct kb_create *req);
int kb_thread_wake(struct kb_thread *t);
int kb_thread_stop(struct kb_thread *t);
void kb_thread_info(const struct kb_thread *t, struct kb_info *info);
void kb_thread_free(struct kb_thread *t);

#endif /* KB_H */
