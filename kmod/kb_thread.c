// SPDX-License-Identifier: GPL-2.0
/*
 * One kernel thread: kthread_create(), wake_up_process(), kthread_stop()
 * and a snapshot of what the kernel knows of it. Callers serialise access
 * to a struct kb_thread (kb_dev.c: kb_file.lock, or sole ownership after
 * the handle was erased); the thread itself only writes the fields
 * documented as its own in kb.h.
 */
#include <linux/kthread.h>
#include <linux/pid.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kb.h"

struct kb_thread *kb_thread_new(const struct kb_create *req)
{
	struct task_struct *task;
	struct kb_thread *t;

	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return ERR_PTR(-ENOMEM);
	t->workload = req->workload;
	t->arg = req->arg;

	kb_stamp(t, KB_TS_CREATE);
	task = kthread_create(kb_threadfn, t, "%s", req->name);
	kb_stamp(t, KB_TS_CREATED);
	if (IS_ERR(task)) {
		kfree(t);
		return ERR_CAST(task);
	}
	get_task_struct(task);	/* ours until kb_thread_free() */
	t->task = task;
	t->pid = task_pid_vnr(task);

	if (req->flags & KB_CREATE_BIND_CPU) {
		kthread_bind(task, req->cpu);
		t->bound_cpu = req->cpu;
		atomic_or(KB_STATUS_BOUND, &t->status);
	}
	return t;
}

/* wake_up_process(): 1 if it woke the thread, 0 if it was running. */
int kb_thread_wake(struct kb_thread *t)
{
	if (!(atomic_fetch_or(KB_STATUS_WOKEN, &t->status) & KB_STATUS_WOKEN))
		kb_stamp(t, KB_TS_WAKE);
	return wake_up_process(t->task);
}

/*
 * kthread_stop(): threadfn's result, or -EINTR if threadfn never ran.
 * Waits for the thread to exit; the caller must own t exclusively.
 */
int kb_thread_stop(struct kb_thread *t)
{
	int ret;

	kb_stamp(t, KB_TS_STOP);
	ret = kthread_stop(t->task);
	kb_stamp(t, KB_TS_STOPPED);
	atomic_or(KB_STATUS_STOPPED, &t->status);
	return ret;
}

void kb_thread_info(const struct kb_thread *t, struct kb_info *info)
{
	u32 status = atomic_read(&t->status);

	smp_rmb();	/* pairs with kb_threadfn(): EXITED, then result */
	memset(info, 0, sizeof(*info));
	info->handle = t->handle;
	info->pid = t->pid;
	info->workload = t->workload;
	info->status = status;
	info->state = task_state_to_char(t->task);
	info->cpu = task_cpu(t->task);
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
	__get_task_comm(info->comm, sizeof(info->comm), t->task);
}

/* Drops our task reference; the thread must have been stopped. */
void kb_thread_free(struct kb_thread *t)
{
	put_task_struct(t->task);
	kfree(t);
}
