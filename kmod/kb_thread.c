// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * One kernel thread and its control operations: kthread_create(),
 * wake_up_process(), kthread_stop(), kthread_park()/kthread_unpark(),
 * the exported scheduling helpers, set_cpus_allowed_ptr(), signals to the
 * WAIT workload, the autostop of never-woken threads, and a snapshot of
 * what the kernel knows of the thread. Control operations serialise on
 * the thread's ctl mutex; callers hold a reference (kb_thread_get()).
 */
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/pid.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kb.h"

static void kb_thread_release(struct kref *ref)
{
	struct kb_thread *t = container_of(ref, struct kb_thread, ref);

	/* Every path stops the thread before dropping the last reference. */
	WARN_ON_ONCE(!(kb_status(t) & KB_STATUS_STOPPED));
	put_task_struct(t->task);
	mutex_destroy(&t->ctl);
	kfree(t);
	kb_thread_uncount();
}

void kb_thread_get(struct kb_thread *t)
{
	kref_get(&t->ref);
}

void kb_thread_put(struct kb_thread *t)
{
	kref_put(&t->ref, kb_thread_release);
}

/*
 * kthread_stop() once; later calls return the first result. Under ctl.
 * why is or-ed into the status together with KB_STATUS_STOPPED.
 */
static int kb_thread_stop_locked(struct kb_thread *t, u32 why)
{
	int ret;

	lockdep_assert_held(&t->ctl);
	if (kb_status(t) & KB_STATUS_STOPPED)
		return t->stop_result;

	kb_stamp(t, KB_TS_STOP);
	ret = kthread_stop(t->task);
	kb_stamp(t, KB_TS_STOPPED);
	t->stop_result = ret;
	t->parked = false;
	atomic_or(KB_STATUS_STOPPED | why, &t->status);
	/* threadfn posts its own exit event; one that never ran cannot */
	if (!(kb_status(t) & KB_STATUS_ENTERED))
		kb_event_post(t, ret, t->ts[KB_TS_STOPPED]);
	wake_up_all(&t->ack);
	return ret;
}

/*
 * A thread never woken sits in TASK_UNINTERRUPTIBLE in kthread(), which
 * the hung-task detector reports; past unwoken_timeout_ms the module stops
 * it (kthread_stop(): -EINTR) and says so with KB_STATUS_AUTOSTOPPED.
 */
static void kb_autostop_fn(struct work_struct *work)
{
	struct kb_thread *t = container_of(to_delayed_work(work),
					   struct kb_thread, autostop);

	mutex_lock(&t->ctl);
	if (!t->left_creation && !(kb_status(t) & KB_STATUS_STOPPED))
		kb_thread_stop_locked(t, KB_STATUS_AUTOSTOPPED);
	mutex_unlock(&t->ctl);
	kb_thread_put(t);	/* the work's reference */
}

static void kb_autostop_cancel(struct kb_thread *t)
{
	if (cancel_delayed_work(&t->autostop))
		kb_thread_put(t);
}

/* kthread_create(); the caller owns the one reference it returns with. */
struct kb_thread *kb_thread_new(struct kb_file *owner,
				const struct kb_create *req)
{
	struct task_struct *task;
	struct kb_thread *t;

	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return ERR_PTR(-ENOMEM);
	kref_init(&t->ref);
	mutex_init(&t->ctl);
	init_waitqueue_head(&t->ack);
	INIT_DELAYED_WORK(&t->autostop, kb_autostop_fn);
	t->owner = owner;
	t->workload = req->workload;
	t->arg = req->arg;

	kb_stamp(t, KB_TS_CREATE);
	task = kthread_create(kb_threadfn, t, "%s", req->name);
	kb_stamp(t, KB_TS_CREATED);
	if (IS_ERR(task)) {
		mutex_destroy(&t->ctl);
		kfree(t);
		return ERR_CAST(task);
	}
	get_task_struct(task);	/* ours until kb_thread_release() */
	t->task = task;
	t->pid = task_pid_vnr(task);

	if (req->flags & KB_CREATE_BIND_CPU) {
		kthread_bind(task, req->cpu);
		t->bound_cpu = req->cpu;
		atomic_or(KB_STATUS_BOUND, &t->status);
	}
	return t;
}

/* Gives the thread its handle; arms the autostop unless it is woken now. */
void kb_thread_publish(struct kb_thread *t, u32 handle, bool arm_autostop)
{
	unsigned int ms = READ_ONCE(kb_unwoken_timeout_ms);

	t->handle = handle;
	if (arm_autostop && ms) {
		kb_thread_get(t);	/* the work's reference */
		schedule_delayed_work(&t->autostop, msecs_to_jiffies(ms));
	}
}

/* wake_up_process(): 1 if it woke the thread, 0 if it was running. */
int kb_thread_wake(struct kb_thread *t)
{
	int woken;

	mutex_lock(&t->ctl);
	if (!(kb_status(t) & KB_STATUS_STOPPED) &&
	    !(atomic_fetch_or(KB_STATUS_WOKEN, &t->status) & KB_STATUS_WOKEN))
		kb_stamp(t, KB_TS_WAKE);
	t->left_creation = true;
	woken = wake_up_process(t->task);
	mutex_unlock(&t->ctl);
	kb_autostop_cancel(t);
	return woken;
}

/* Waits (killable, bounded) until threadfn was entered. */
int kb_thread_wait_entry(struct kb_thread *t)
{
	long ret;

	ret = wait_event_killable_timeout(t->ack, kb_status(t) &
					  (KB_STATUS_ENTERED | KB_STATUS_STOPPED),
					  msecs_to_jiffies(KB_WAIT_ENTRY_MS));
	if (ret < 0)
		return -EINTR;
	if (!ret)
		return -ETIMEDOUT;
	return (kb_status(t) & KB_STATUS_ENTERED) ? 0 : -ESRCH;
}

/*
 * kthread_stop(): threadfn's result, or -EINTR if threadfn never ran.
 * Waits for the thread to exit.
 */
int kb_thread_stop(struct kb_thread *t)
{
	int ret;

	mutex_lock(&t->ctl);
	ret = kb_thread_stop_locked(t, 0);
	mutex_unlock(&t->ctl);
	if (cancel_delayed_work_sync(&t->autostop))
		kb_thread_put(t);
	return ret;
}

/*
 * kthread_park(), refusing with its own errno what would make it WARN
 * (already parked, exited) or wait forever (a thread that may exit by
 * itself before it parks: a woken EXIT workload).
 */
int kb_thread_park(struct kb_thread *t)
{
	int ret;

	mutex_lock(&t->ctl);
	if (t->parked)
		ret = -EBUSY;
	else if (kb_status(t) & (KB_STATUS_EXITED | KB_STATUS_STOPPED))
		ret = -ENOSYS;
	else if (t->workload == KB_WORKLOAD_EXIT && t->left_creation)
		ret = -ENOSYS;
	else
		ret = kthread_park(t->task);
	if (!ret) {
		WRITE_ONCE(t->parked, true);
		t->left_creation = true;
	}
	mutex_unlock(&t->ctl);
	if (!ret)
		kb_autostop_cancel(t);
	return ret;
}

/* kthread_unpark() if we parked it; reports whether it was parked. */
bool kb_thread_unpark(struct kb_thread *t)
{
	bool was;

	mutex_lock(&t->ctl);
	was = t->parked;
	if (was) {
		kthread_unpark(t->task);
		WRITE_ONCE(t->parked, false);
	}
	mutex_unlock(&t->ctl);
	return was;
}

/* True once the thread exited, or may exit at any moment (EXIT). */
static bool kb_thread_gone(struct kb_thread *t)
{
	lockdep_assert_held(&t->ctl);
	return (kb_status(t) & (KB_STATUS_EXITED | KB_STATUS_STOPPED)) ||
	       (t->workload == KB_WORKLOAD_EXIT && t->left_creation);
}

int kb_thread_sched(struct kb_thread *t, u32 policy, int nice)
{
	int ret = 0;

	mutex_lock(&t->ctl);
	if (kb_thread_gone(t)) {
		ret = -ESRCH;
	} else {
		switch (policy) {
		case KB_SCHED_NORMAL:
			sched_set_normal(t->task, nice);
			break;
		case KB_SCHED_FIFO:
			sched_set_fifo(t->task);
			break;
		case KB_SCHED_FIFO_LOW:
			sched_set_fifo_low(t->task);
			break;
		default:
			ret = -EINVAL;
			break;
		}
	}
	mutex_unlock(&t->ctl);
	return ret;
}

int kb_thread_affinity(struct kb_thread *t, const struct cpumask *mask)
{
	int ret;

	mutex_lock(&t->ctl);
	ret = kb_thread_gone(t) ? -ESRCH : set_cpus_allowed_ptr(t->task, mask);
	mutex_unlock(&t->ctl);
	return ret;
}

/* Whether the WAIT workload ran for signal seq (or a later one). */
static bool kb_signal_taken(struct kb_thread *t, u64 seq)
{
	/* acquire: pairs with kb_wait()'s release, running_ns then run_seq */
	return smp_load_acquire(&t->run_seq) >= seq;
}

/* Wakes a WAIT workload; with KB_SIGNAL_WAIT until it ran again. */
int kb_thread_signal(struct kb_thread *t, struct kb_signal *sig)
{
	long ret = 0;
	u64 seq;

	if (t->workload != KB_WORKLOAD_WAIT)
		return -EINVAL;

	mutex_lock(&t->ctl);
	if (kb_thread_gone(t))
		ret = -ESRCH;
	else if (!t->left_creation || t->parked)
		ret = -EAGAIN;	/* not in its wait loop: wake or unpark it */
	if (ret) {
		mutex_unlock(&t->ctl);
		return ret;
	}
	seq = t->signal_seq + 1;
	WRITE_ONCE(t->signal_ns, ktime_get_ns());
	smp_store_release(&t->signal_seq, seq);	/* signal_ns, then seq */
	sig->seq = seq;
	sig->signal_ns = t->signal_ns;
	wake_up_process(t->task);
	mutex_unlock(&t->ctl);

	if (!(sig->flags & KB_SIGNAL_WAIT))
		return 0;
	ret = wait_event_killable_timeout(t->ack, kb_signal_taken(t, seq) ||
					  (kb_status(t) & KB_STATUS_STOPPED),
					  msecs_to_jiffies(KB_WAIT_ENTRY_MS));
	if (ret < 0)
		return -EINTR;
	if (!ret)
		return -ETIMEDOUT;
	if (!kb_signal_taken(t, seq))
		return -ESRCH;
	sig->running_ns = READ_ONCE(t->running_ns);
	return 0;
}

void kb_thread_info(struct kb_thread *t, struct kb_info *info)
{
	struct task_struct *task = t->task;
	u32 status = kb_status(t);

	smp_rmb();	/* pairs with kb_threadfn(): EXITED, then result */
	memset(info, 0, sizeof(*info));
	if (READ_ONCE(t->parked))
		status |= KB_STATUS_PARKED;
	info->handle = t->handle;
	info->pid = t->pid;
	info->workload = t->workload;
	info->status = status;
	info->state = task_state_to_char(task);
	info->cpu = task_cpu(task);
	if (status & KB_STATUS_BOUND)
		info->bound_cpu = t->bound_cpu;
	if (status & KB_STATUS_EXITED)
		info->result = (u32)READ_ONCE(t->result);
	info->arg = t->arg;
	info->iterations = READ_ONCE(t->iterations);
	info->wakeups = READ_ONCE(t->wakeups);
	info->create_ns = READ_ONCE(t->ts[KB_TS_CREATE]);
	info->created_ns = READ_ONCE(t->ts[KB_TS_CREATED]);
	info->wake_ns = READ_ONCE(t->ts[KB_TS_WAKE]);
	info->entry_ns = READ_ONCE(t->ts[KB_TS_ENTRY]);
	info->stop_ns = READ_ONCE(t->ts[KB_TS_STOP]);
	info->exit_ns = READ_ONCE(t->ts[KB_TS_EXIT]);
	info->stopped_ns = READ_ONCE(t->ts[KB_TS_STOPPED]);
	__get_task_comm(info->comm, sizeof(info->comm), task);
	info->policy = READ_ONCE(task->policy);
	info->rt_priority = READ_ONCE(task->rt_priority);
	info->nice = (u32)task_nice(task);
	info->nr_cpus_allowed = READ_ONCE(task->nr_cpus_allowed);
	bitmap_to_arr64(&info->cpus_allowed, cpumask_bits(task->cpus_ptr),
			min_t(unsigned int, nr_cpu_ids, 64));
	/* acquire: pairs with kb_thread_signal(), signal_ns then seq */
	info->signals = smp_load_acquire(&t->signal_seq);
	info->signal_ns = READ_ONCE(t->signal_ns);
	info->running_ns = READ_ONCE(t->running_ns);
}
