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
#include <linux/bits.h>
#include <linux/cpumask.h>
#include <linux/kfifo.h>
#include <linux/kref.h>
#include <linux/kthread_bridge.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
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

/* MODULE_VERSION, the project's version: the one place it is written. */
#define KB_MODULE_VERSION	"0.1.0"

struct kb_file {
	/*
	 * Whether the opener had CAP_SYS_NICE (in the initial user
	 * namespace): set at open, constant after. Without it the file gets
	 * only what sched_setscheduler(), setpriority() and
	 * sched_setaffinity() give a user's own threads (kb_ioctl.c).
	 */
	bool may_nice;

	/*
	 * handle -> struct kb_thread *, one reference per published entry.
	 * The xarray's own lock guards it and next_handle; lookups run
	 * under RCU (kb_lookup()), so no ioctl serialises on the file.
	 * A handle is first reserved (a zero entry, invisible to lookups)
	 * and the thread stored once its handle is set.
	 */
	struct xarray threads;
	u32 next_handle;	/* xa_alloc_cyclic() cursor, under the xa_lock */
	atomic_t nr_threads;	/* in threads, or being created */

	/*
	 * Exit events for read() and poll(): producers (exiting threads)
	 * serialise on events_lock, which also guards events_lost; the one
	 * consumer at a time holds events_read.
	 */
	spinlock_t events_lock;
	struct mutex events_read;	/* held by the one reader of events */
	DECLARE_KFIFO(events, struct kb_event, KB_EVENTS_MAX);
	u32 events_lost;	/* exits not queued and not yet reported */
	wait_queue_head_t events_wait;

	/* ->release queues it on kb_wq: stops every thread, frees the file. */
	struct work_struct teardown;
};

/* kb_thread.ev_state: the exit event waits for both bits. */
#define KB_EV_PENDING	BIT(0)	/* the thread exited: event fields set */
#define KB_EV_PUBLIC	BIT(1)	/* user space received the handle */

struct kb_thread {
	/*
	 * Held by the file's table while the handle exists, by each ioctl
	 * using the thread, and by a pending autostop work. The last put
	 * frees the thread (kb_thread_release()) after an RCU grace period:
	 * kb_lookup() takes its reference under RCU.
	 */
	struct kref ref;
	struct rcu_head rcu;

	/*
	 * Our own task reference, taken right after kthread_create() and
	 * dropped by the last kb_thread_put(): an EXIT workload ends by
	 * itself before any stop, and kthread_stop() needs the task_struct
	 * to stay valid (kernel/kthread.c).
	 */
	struct task_struct *task;

	/*
	 * The owning file. It outlives every run of threadfn: its teardown
	 * stops all its threads before freeing it.
	 */
	struct kb_file *owner;

	/* Constant once the thread is in the table. */
	u32 handle;		/* set before it is stored in the table */
	u32 pid;		/* pid in the creator's namespace */
	u32 workload;
	u32 bound_cpu;
	u64 arg;
	u64 start_time_ns;	/* task->start_boottime */

	/*
	 * Serialises the thread's control operations: wake, stop, park,
	 * unpark, sched, affinity, signal and the autostop work. Guards
	 * left_creation and stop_result and the writes of parked (read
	 * locklessly by INFO); status bits are or-ed under it (threadfn
	 * or-s ENTERED and EXITED without it).
	 */
	struct mutex ctl;
	bool parked;
	bool left_creation;	/* woken or parked: past kthread()'s first sleep */
	int stop_result;	/* valid with KB_STATUS_STOPPED */
	struct delayed_work autostop;	/* on kb_wq */

	atomic_t status;	/* KB_STATUS_* bits, only ever or-ed in */
	int result;		/* written by threadfn before KB_STATUS_EXITED */
	wait_queue_head_t ack;	/* threadfn entered, a signal was taken, stopped */

	/*
	 * The exit event: whoever sets the second of KB_EV_PENDING (the
	 * exit, with ev_result and ev_time_ns written before) and
	 * KB_EV_PUBLIC (the creating ioctl, once user space has the handle)
	 * posts it. A thread undone before publication never gets PUBLIC.
	 */
	atomic_t ev_state;
	int ev_result;
	u64 ev_time_ns;

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

/* kb_dev.c: module parameters, the module-wide thread count, kb_wq */
extern unsigned int kb_max_threads;
extern unsigned int kb_max_threads_per_file;
extern unsigned int kb_unwoken_timeout_ms;
extern atomic_t kb_nr_threads;
extern struct workqueue_struct *kb_wq;	/* teardown and autostop, unbound */
void kb_thread_uncount(void);

/* kb_event.c */
void kb_events_init(struct kb_file *f);
void kb_event_exit(struct kb_thread *t, int result, u64 time_ns);
void kb_event_announce(struct kb_thread *t);
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
void kb_thread_arm_autostop(struct kb_thread *t);
void kb_thread_get(struct kb_thread *t);
bool kb_thread_tryget(struct kb_thread *t);
void kb_thread_put(struct kb_thread *t);
int kb_thread_wake(struct kb_thread *t);
int kb_thread_wait_entry(struct kb_thread *t, u64 deadline_ns);
int kb_thread_stop(struct kb_thread *t);
int kb_thread_park(struct kb_thread *t);
int kb_thread_unpark(struct kb_thread *t);
int kb_thread_sched(struct kb_thread *t, u32 policy, int nice);
int kb_thread_affinity(struct kb_thread *t, const struct cpumask *mask);
int kb_thread_signal(struct kb_thread *t, struct kb_signal *sig);
int kb_thread_signal_wait(struct kb_thread *t, struct kb_signal *sig);
void kb_thread_info(struct kb_thread *t, struct kb_info *info,
		    struct cpumask *mask);

/* kb_ioctl.c */
int kb_charge(struct kb_file *f);
void kb_uncharge(struct kb_file *f);
long kb_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/* kb_bench.c */
int kb_bench_cycles(struct kb_bench *bench);

#endif /* KB_H */
