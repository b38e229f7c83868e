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
#include <linux/hrtimer.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kb.h"
#include "kb_trace.h"

static void kb_thread_release(struct kref *ref)
{
	struct kb_thread *t = container_of(ref, struct kb_thread, ref);

	/* Every path stops the thread before dropping the last reference. */
	WARN_ON_ONCE(!(kb_status(t) & KB_STATUS_STOPPED));
	put_task_struct(t->task);
	mutex_destroy(&t->ctl);
	kfree_rcu(t, rcu);	/* kb_lookup() may still be reading t->ref */
	kb_thread_uncount();
}

void kb_thread_get(struct kb_thread *t)
{
	kref_get(&t->ref);
}

/* For a thread found under RCU: false if its last reference is gone. */
bool kb_thread_tryget(struct kb_thread *t)
{
	return kref_get_unless_zero(&t->ref);
}

void kb_thread_put(struct kb_thread *t)
{
	kref_put(&t->ref, kb_thread_release);
}

/* threadfn returned, or kthread_stop() returned: the -ESRCH state. */
static bool kb_thread_exited(struct kb_thread *t)
{
	return kb_status(t) & (KB_STATUS_EXITED | KB_STATUS_STOPPED);
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
	trace_kb_stop(t, 0);
	ret = kthread_stop(t->task);
	kb_stamp(t, KB_TS_STOPPED);
	trace_kb_stopped(t, ret);
	t->stop_result = ret;
	WRITE_ONCE(t->parked, false);
	atomic_or(KB_STATUS_STOPPED | why, &t->status);
	/* threadfn records its own exit event; one that never ran cannot */
	if (!(kb_status(t) & KB_STATUS_ENTERED))
		kb_event_exit(t, ret, t->ts[KB_TS_STOPPED]);
	wake_up_all(&t->ack);
	return ret;
}

/*
 * A thread never woken sits in TASK_UNINTERRUPTIBLE in kthread(), which
 * the hung-task detector reports; past unwoken_timeout_ms the module stops
 * it (kthread_stop(): -EINTR) and says so with KB_STATUS_AUTOSTOPPED.
 * Runs on kb_wq, not system_wq: it may wait long for ctl.
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

/*
 * kthread_create_on_cpu() formats the name with the CPU as its argument:
 * a user-given name goes in as a format with every '%' doubled, so it is
 * printed as given and the CPU argument is never used.
 */
static void kb_name_to_fmt(char *fmt, const char *name)
{
	for (; *name; name++) {
		if (*name == '%')
			*fmt++ = '%';
		*fmt++ = *name;
	}
	*fmt = '\0';
}

/*
 * kthread_create(), or for a bound thread kthread_create_on_cpu() (on the
 * CPU's NUMA node, then kthread_bind()); the caller owns the one reference
 * it returns with.
 */
struct kb_thread *kb_thread_new(struct kb_file *owner,
				const struct kb_create *req)
{
	char fmt[2 * KB_NAME_LEN];
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
	if (req->flags & KB_CREATE_BIND_CPU) {
		kb_name_to_fmt(fmt, req->name);
		task = kthread_create_on_cpu(kb_threadfn, t, req->cpu, fmt);
	} else {
		task = kthread_create(kb_threadfn, t, "%s", req->name);
	}
	kb_stamp(t, KB_TS_CREATED);
	if (IS_ERR(task)) {
		mutex_destroy(&t->ctl);
		kfree(t);
		return ERR_CAST(task);
	}
	get_task_struct(task);	/* ours until kb_thread_release() */
	t->task = task;
	t->pid = task_pid_vnr(task);
	t->start_time_ns = task->start_boottime;
	if (req->flags & KB_CREATE_BIND_CPU) {
		t->bound_cpu = req->cpu;
		atomic_or(KB_STATUS_BOUND, &t->status);
	}
	return t;
}

/* Arms the autostop of a thread CREATE left unwoken. */
void kb_thread_arm_autostop(struct kb_thread *t)
{
	unsigned int ms = READ_ONCE(kb_unwoken_timeout_ms);

	if (!ms)
		return;
	kb_thread_get(t);	/* the work's reference */
	queue_delayed_work(kb_wq, &t->autostop, msecs_to_jiffies(ms));
}

/*
 * wake_up_process(): 1 if it woke the thread, 0 if it was running,
 * -ESRCH once it exited.
 */
int kb_thread_wake(struct kb_thread *t)
{
	int woken;

	mutex_lock(&t->ctl);
	if (kb_thread_exited(t)) {
		mutex_unlock(&t->ctl);
		return -ESRCH;
	}
	if (!(atomic_fetch_or(KB_STATUS_WOKEN, &t->status) & KB_STATUS_WOKEN))
		kb_stamp(t, KB_TS_WAKE);
	t->left_creation = true;
	woken = wake_up_process(t->task);
	trace_kb_woken(t, woken);
	mutex_unlock(&t->ctl);
	kb_autostop_cancel(t);
	return woken;
}

/*
 * Sleeps on t->ack until done(t, arg) holds, the absolute CLOCK_MONOTONIC
 * deadline passed (KB_TIMEOUT_INFINITE: never) or a signal arrived:
 * 0, -ETIMEDOUT or -ERESTARTSYS. Checked once more after the timeout.
 */
static int kb_wait_ack(struct kb_thread *t, u64 deadline_ns,
		       bool (*done)(struct kb_thread *t, u64 arg), u64 arg)
{
	ktime_t end = ns_to_ktime(deadline_ns);
	bool forever = deadline_ns == KB_TIMEOUT_INFINITE;
	bool timed_out = false;
	DEFINE_WAIT(wait);
	int ret;

	for (;;) {
		prepare_to_wait(&t->ack, &wait, TASK_INTERRUPTIBLE);
		if (done(t, arg)) {
			ret = 0;
			break;
		}
		if (timed_out) {
			ret = -ETIMEDOUT;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		/* 0: the timer expired; NULL sleeps until woken */
		timed_out = !schedule_hrtimeout(forever ? NULL : &end,
						HRTIMER_MODE_ABS);
	}
	finish_wait(&t->ack, &wait);
	return ret;
}

static bool kb_entered_or_stopped(struct kb_thread *t, u64 unused)
{
	return kb_status(t) & (KB_STATUS_ENTERED | KB_STATUS_STOPPED);
}

/*
 * Waits until threadfn was entered: 0, -ETIMEDOUT, -ERESTARTSYS, or
 * -ESRCH when the thread was stopped without entering.
 */
int kb_thread_wait_entry(struct kb_thread *t, u64 deadline_ns)
{
	int ret = kb_wait_ack(t, deadline_ns, kb_entered_or_stopped, 0);

	if (ret)
		return ret;
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

/* Exited, or may exit at any moment (a woken EXIT workload). Under ctl. */
static bool kb_thread_gone(struct kb_thread *t)
{
	lockdep_assert_held(&t->ctl);
	return kb_thread_exited(t) ||
	       (t->workload == KB_WORKLOAD_EXIT && t->left_creation);
}

/*
 * kthread_park(), refusing with an errno of its own what would make it
 * WARN (already parked: -EBUSY; exited: -ESRCH) or wait forever (a thread
 * that may exit by itself before it parks, a woken EXIT workload: -ESRCH).
 */
int kb_thread_park(struct kb_thread *t)
{
	int ret;

	mutex_lock(&t->ctl);
	if (kb_thread_gone(t))
		ret = -ESRCH;
	else if (t->parked)
		ret = -EBUSY;
	else
		ret = kthread_park(t->task);
	if (!ret) {
		WRITE_ONCE(t->parked, true);
		t->left_creation = true;
	}
	trace_kb_park(t, ret);
	mutex_unlock(&t->ctl);
	if (!ret)
		kb_autostop_cancel(t);
	return ret;
}

/* kthread_unpark() if we parked it: 1 if it was parked, 0, -ESRCH. */
int kb_thread_unpark(struct kb_thread *t)
{
	int was;

	mutex_lock(&t->ctl);
	if (kb_thread_exited(t)) {
		was = -ESRCH;
	} else {
		was = t->parked;
		if (was) {
			kthread_unpark(t->task);
			WRITE_ONCE(t->parked, false);
		}
	}
	trace_kb_unpark(t, was);
	mutex_unlock(&t->ctl);
	return was;
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

/*
 * set_cpus_allowed_ptr(), which unlike sched_setaffinity() does not check
 * PF_NO_SETAFFINITY: a bound thread is refused here, so a bind is never
 * silently undone.
 */
int kb_thread_affinity(struct kb_thread *t, const struct cpumask *mask)
{
	int ret;

	mutex_lock(&t->ctl);
	if (kb_thread_gone(t))
		ret = -ESRCH;
	else if ((kb_status(t) & KB_STATUS_BOUND) ||
		 (t->task->flags & PF_NO_SETAFFINITY))
		ret = -EINVAL;
	else
		ret = set_cpus_allowed_ptr(t->task, mask);
	mutex_unlock(&t->ctl);
	return ret;
}

/* Whether the WAIT workload ran for signal seq (or a later one). */
static bool kb_signal_taken(struct kb_thread *t, u64 seq)
{
	/* acquire: pairs with kb_wait()'s release, running_ns then run_seq */
	return smp_load_acquire(&t->run_seq) >= seq;
}

static bool kb_signal_taken_or_stopped(struct kb_thread *t, u64 seq)
{
	return kb_signal_taken(t, seq) ||
	       (kb_status(t) & KB_STATUS_STOPPED);
}

/* Wakes a WAIT workload: sets sig->seq and sig->signal_ns. */
int kb_thread_signal(struct kb_thread *t, struct kb_signal *sig)
{
	int ret = 0;
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
	trace_kb_signal(t, (int)seq);
	mutex_unlock(&t->ctl);
	return 0;
}

/*
 * KB_SIGNAL_WAIT: until the thread ran for sig->seq; sets running_ns.
 * -ESRCH when it was stopped first.
 */
int kb_thread_signal_wait(struct kb_thread *t, struct kb_signal *sig)
{
	int ret = kb_wait_ack(t, sig->timeout_ns, kb_signal_taken_or_stopped,
			      sig->seq);

	if (ret)
		return ret;
	if (!kb_signal_taken(t, sig->seq))
		return -ESRCH;
	sig->running_ns = READ_ONCE(t->running_ns);
	return 0;
}

/*
 * The affinity read as sched_getaffinity() reads it: p->cpus_mask under
 * pi_lock (cpus_ptr is narrowed to one CPU by migrate_disable() on
 * PREEMPT_RT), whole (not and-ed with the active CPUs). Copies it to mask
 * if not NULL; returns its weight and sets *moved when a bound thread's
 * mask is no longer just its CPU.
 */
static unsigned int kb_thread_cpus(struct kb_thread *t, struct cpumask *mask,
				   bool *moved)
{
	struct task_struct *task = t->task;
	unsigned long flags;
	unsigned int n;

	raw_spin_lock_irqsave(&task->pi_lock, flags);
	n = cpumask_weight(&task->cpus_mask);
	*moved = n != 1 || !cpumask_test_cpu(t->bound_cpu, &task->cpus_mask);
	if (mask)
		cpumask_copy(mask, &task->cpus_mask);
	raw_spin_unlock_irqrestore(&task->pi_lock, flags);
	return n;
}

/* A snapshot of the thread; the affinity mask to mask if not NULL. */
void kb_thread_info(struct kb_thread *t, struct kb_info *info,
		    struct cpumask *mask)
{
	struct task_struct *task = t->task;
	u32 status = kb_status(t);
	bool moved;

	smp_rmb();	/* pairs with kb_threadfn(): EXITED, then result */
	memset(info, 0, sizeof(*info));
	if (READ_ONCE(t->parked))
		status |= KB_STATUS_PARKED;
	info->nr_cpus_allowed = kb_thread_cpus(t, mask, &moved);
	if ((status & KB_STATUS_BOUND) && moved)
		status |= KB_STATUS_MOVED;
	/* exited: the task may be reaped and its pid reused at any moment */
	if (!(status & (KB_STATUS_EXITED | KB_STATUS_STOPPED)))
		info->pid = t->pid;
	info->handle = t->handle;
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
	info->start_time_ns = t->start_time_ns;
	/* acquire: pairs with kb_thread_signal(), signal_ns then seq */
	info->signals = smp_load_acquire(&t->signal_seq);
	info->signal_ns = READ_ONCE(t->signal_ns);
	info->running_ns = READ_ONCE(t->running_ns);
}
