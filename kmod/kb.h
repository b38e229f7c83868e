/* SPDX-License-Identifier: GPL-2.0-only */
/* SPDX-FileCopyrightText: 2026 The kthread-bridge authors */
/*
 * kthread_bridge internals: one struct kb_thread per kernel thread created
 * through the device, owned by the struct kb_file of the open file that
 * created it.
 */
#ifndef KB_H
#define KB_H

#include <linux/atomic.h>
#include <linux/kfifo.h>
#include <linux/kref.h>
#include <linux/kthread_bridge.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

struct file;
struct poll_table_struct;

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

struct kb_file {
	/*
	 * Guards threads, next_handle and nr_threads. Held only for table
	 * lookups and updates, never across anything that sleeps on a
	 * thread (creation, stop, park, waits): one slow thread must not
	 * block the file's other threads.
	 */
	struct mutex lock;
	struct xarray threads;	/* handle -> struct kb_thread *, one ref each */
	u32 next_handle;	/* xa_alloc_cyclic() cursor */
	unsigned int nr_threads;	/* in threads, or being created */

	/*
	 * Exit events for read() and poll(): producers (exiting threads)
	 * serialise on events_lock, which also guards events_lost; the one
	 * consumer at a time holds events_read.
	 */
	spinlock_t events_lock;
	struct mutex events_read;	/* held by the one reader of events */
	DECLARE_KFIFO(events, struct kb_event, KB_EVENTS_MAX);
	u32 events_lost;
	wait_queue_head_t events_wait;
};

struct kb_thread {
	/*
	 * Held by the file's table while the handle exists, by each ioctl
	 * using the thread, and by a pending autostop work. The last put
	 * frees the thread (kb_thread_release()).
	 */
	struct kref ref;

	/*
	 * Our own task reference, taken right after kthread_create() and
	 * dropped by the last kb_thread_put(): an EXIT workload ends by
	 * itself before any stop, and kthread_stop() needs the task_struct
	 * to stay valid (kernel/kthread.c).
	 */
	struct task_struct *task;

	/*
	 * The owning file. It outlives every run of threadfn: its release()
	 * stops all its threads before freeing it.
	 */
	struct kb_file *owner;

	/* Constant once the thread is published. */
	u32 handle;		/* set under kb_file.lock before it is visible */
	u32 pid;		/* pid in the creator's namespace */
	u32 workload;
	u32 bound_cpu;
	u64 arg;

	/*
	 * Serialises the thread's control operations: wake, stop, park,
	 * unpark, sched, affinity, signal and the autostop work. Guards
	 * parked, left_creation and stop_result; status bits are or-ed
	 * under it (threadfn or-s ENTERED and EXITED without it).
	 */
	struct mutex ctl;
	bool parked;
	bool left_creation;	/* woken or parked: past kthread()'s first sleep */
	int stop_result;	/* valid with KB_STATUS_STOPPED */
	struct delayed_work autostop;

	atomic_t status;	/* KB_STATUS_* bits, only ever or-ed in */
	int result;		/* written by threadfn before KB_STATUS_EXITED */
	wait_queue_head_t ack;	/* threadfn entered, a signal was taken, stopped */

	/* SIGNAL (under ctl) to WAIT workload: seq published with release. */
	u64 signal_seq;
	u64 signal_ns;

	/* Written by threadfn only, read locklessly with READ_ONCE(). */
	u64 run_seq;		/* last signal_seq taken */
	u64 running_ns;
	u64 iterations;
	u64 wakeups;
	u64 ts[KB_TS_COUNT];
};

static inline void kb_stamp(struct kb_thread *t, enum kb_phase phase)
{
	WRITE_ONCE(t->ts[phase], ktime_get_ns());
}

static inline u32 kb_status(const struct kb_thread *t)
{
	return atomic_read(&t->status);
}

/* kb_dev.c: module parameters and the module-wide thread count */
extern unsigned int kb_max_threads;
extern unsigned int kb_max_threads_per_file;
extern unsigned int kb_unwoken_timeout_ms;
extern atomic_t kb_nr_threads;
void kb_thread_uncount(void);

/* kb_event.c */
void kb_events_init(struct kb_file *f);
void kb_event_post(struct kb_thread *t, int result, u64 time_ns);
ssize_t kb_events_read(struct kb_file *f, char __user *buf, size_t count,
		       bool nonblock);
__poll_t kb_events_poll(struct kb_file *f, struct file *file,
			struct poll_table_struct *wait);

/* kb_workload.c */
int kb_workload_check(u32 workload, u64 arg);
int kb_threadfn(void *data);

/* kb_thread.c */
struct kb_thread *kb_thread_new(struct kb_file *owner,
				const struct kb_create *req);
void kb_thread_publish(struct kb_thread *t, u32 handle, bool arm_autostop);
void kb_thread_get(struct kb_thread *t);
void kb_thread_put(struct kb_thread *t);
int kb_thread_wake(struct kb_thread *t);
int kb_thread_wait_entry(struct kb_thread *t);
int kb_thread_stop(struct kb_thread *t);
int kb_thread_park(struct kb_thread *t);
bool kb_thread_unpark(struct kb_thread *t);
int kb_thread_sched(struct kb_thread *t, u32 policy, int nice);
int kb_thread_affinity(struct kb_thread *t, const struct cpumask *mask);
int kb_thread_signal(struct kb_thread *t, struct kb_signal *sig);
void kb_thread_info(struct kb_thread *t, struct kb_info *info);

/* kb_bench.c */
int kb_bench_cycles(struct kb_bench *bench);

/* kb_ioctl.c */
long kb_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

#endif /* KB_H */
