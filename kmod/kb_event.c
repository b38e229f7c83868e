// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * Exit events of an open file: posted by threads as they exit (or by the
 * stop of a thread that never ran) once their handle is public, read() as
 * struct kb_event records, poll()ed for EPOLLIN. Losses beyond the queue
 * are reported by the next record or a KB_EVENT_LOST record.
 */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "kb.h"

void kb_events_init(struct kb_file *f)
{
	spin_lock_init(&f->events_lock);
	INIT_KFIFO(f->events);
	mutex_init(&f->events_read);
	init_waitqueue_head(&f->events_wait);
}

/* Queues the exit event of a published thread. */
static void kb_event_post(struct kb_thread *t)
{
	struct kb_file *f = t->owner;
	struct kb_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.handle = t->handle;
	ev.type = KB_EVENT_EXIT;
	ev.result = (u32)t->ev_result;
	ev.status = kb_status(t);
	ev.time_ns = t->ev_time_ns;

	spin_lock(&f->events_lock);
	if (kfifo_is_full(&f->events)) {
		f->events_lost++;
	} else {
		ev.lost = f->events_lost;
		f->events_lost = 0;
		kfifo_put(&f->events, ev);
	}
	spin_unlock(&f->events_lock);
	/* a loss wakes readers too: it is reported by a KB_EVENT_LOST */
	wake_up_interruptible(&f->events_wait);
}

/*
 * The thread exited (threadfn returned, or it was stopped never having
 * run it): posts the event if user space has the handle, else leaves it
 * for kb_event_announce(). The fully ordered atomic_fetch_or() publishes
 * ev_result and ev_time_ns to whoever sets the other bit.
 */
void kb_event_exit(struct kb_thread *t, int result, u64 time_ns)
{
	t->ev_result = result;
	t->ev_time_ns = time_ns;
	if (atomic_fetch_or(KB_EV_PENDING, &t->ev_state) & KB_EV_PUBLIC)
		kb_event_post(t);
}

/* User space received the handle: from now on its exit is an event. */
void kb_event_announce(struct kb_thread *t)
{
	if (atomic_fetch_or(KB_EV_PUBLIC, &t->ev_state) & KB_EV_PENDING)
		kb_event_post(t);
}

/* Whether read() has a record to return: a queued one or a loss. */
static bool kb_events_ready(struct kb_file *f)
{
	return !kfifo_is_empty(&f->events) || READ_ONCE(f->events_lost);
}

/*
 * Losses after the last queued record, once the queue is empty: taken
 * under events_lock, so a record queued meanwhile carries them instead.
 */
static u32 kb_events_take_lost(struct kb_file *f)
{
	u32 lost = 0;

	spin_lock(&f->events_lock);
	if (kfifo_is_empty(&f->events)) {
		lost = f->events_lost;
		f->events_lost = 0;
	}
	spin_unlock(&f->events_lock);
	return lost;
}

static void kb_events_put_back_lost(struct kb_file *f, u32 lost)
{
	spin_lock(&f->events_lock);
	f->events_lost += lost;
	spin_unlock(&f->events_lock);
}

/* Moves whole records to buf; an event leaves the queue once copied. */
static ssize_t kb_events_copy(struct kb_file *f, char __user *buf,
			      size_t count)
{
	struct kb_event ev;
	size_t done = 0;

	while (done + sizeof(ev) <= count && kfifo_peek(&f->events, &ev)) {
		if (copy_to_user(buf + done, &ev, sizeof(ev)))
			return done ? done : -EFAULT;
		kfifo_skip(&f->events);
		done += sizeof(ev);
	}
	if (done + sizeof(ev) <= count) {
		u32 lost = kb_events_take_lost(f);

		if (lost) {
			memset(&ev, 0, sizeof(ev));
			ev.type = KB_EVENT_LOST;
			ev.lost = lost;
			if (copy_to_user(buf + done, &ev, sizeof(ev))) {
				kb_events_put_back_lost(f, lost);
				return done ? done : -EFAULT;
			}
			done += sizeof(ev);
		}
	}
	return done;
}

ssize_t kb_events_read(struct kb_file *f, char __user *buf, size_t count,
		       bool nonblock)
{
	ssize_t ret;

	if (count < sizeof(struct kb_event))
		return -EINVAL;
	for (;;) {
		/* events_read makes this the one consumer of the kfifo */
		if (mutex_lock_interruptible(&f->events_read))
			return -ERESTARTSYS;
		ret = kb_events_copy(f, buf, count);
		mutex_unlock(&f->events_read);
		if (ret)
			return ret;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(f->events_wait,
					     kb_events_ready(f)))
			return -ERESTARTSYS;
	}
}

__poll_t kb_events_poll(struct kb_file *f, struct file *file,
			struct poll_table_struct *wait)
{
	poll_wait(file, &f->events_wait, wait);
	return kb_events_ready(f) ? EPOLLIN | EPOLLRDNORM : 0;
}
