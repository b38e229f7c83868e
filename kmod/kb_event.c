// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * Exit events of an open file: posted by threads as they exit (or by the
 * stop of a thread that never ran), read() as struct kb_event records,
 * poll()ed for EPOLLIN.
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

void kb_event_post(struct kb_thread *t, int result, u64 time_ns)
{
	struct kb_file *f = t->owner;
	struct kb_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.handle = t->handle;
	ev.type = KB_EVENT_EXIT;
	ev.result = (u32)result;
	ev.status = kb_status(t);
	ev.time_ns = time_ns;

	spin_lock(&f->events_lock);
	if (kfifo_is_full(&f->events)) {
		f->events_lost++;
	} else {
		ev.lost = f->events_lost;
		f->events_lost = 0;
		kfifo_put(&f->events, ev);
	}
	spin_unlock(&f->events_lock);
	wake_up_interruptible(&f->events_wait);
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
					     !kfifo_is_empty(&f->events)))
			return -ERESTARTSYS;
	}
}

__poll_t kb_events_poll(struct kb_file *f, struct file *file,
			struct poll_table_struct *wait)
{
	poll_wait(file, &f->events_wait, wait);
	return kfifo_is_empty(&f->events) ? 0 : EPOLLIN | EPOLLRDNORM;
}
