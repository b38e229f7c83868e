/* SPDX-License-Identifier: GPL-2.0-only */
/* SPDX-FileCopyrightText: 2026 The kthread-bridge authors */
/*
 * Tracepoints of the kthread lifecycle, in tracefs as events/kthread_bridge/.
 * Those fired by an ioctl (create, wake, stop, park, unpark, signal) run in
 * the caller's context, so their common_pid is the calling (Java) thread;
 * kb_entered and kb_exited run in the kthread itself. Defined once, in
 * kb_dev.c (CREATE_TRACE_POINTS).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kthread_bridge

#if !defined(KB_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define KB_TRACE_H

#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "kb.h"

/* CREATE or RUN made the thread: its handle, pid and comm. */
TRACE_EVENT(kb_created,
	TP_PROTO(const struct kb_thread *t),
	TP_ARGS(t),
	TP_STRUCT__entry(
		__field(__u32, handle)
		__field(__u32, pid)
		__field(__u32, workload)
		__array(char, comm, TASK_COMM_LEN)
	),
	TP_fast_assign(
		__entry->handle = t->handle;
		__entry->pid = t->pid;
		__entry->workload = t->workload;
		strscpy(__entry->comm, t->task->comm, TASK_COMM_LEN);
	),
	TP_printk("handle=%u pid=%u workload=%u comm=%s", __entry->handle,
		  __entry->pid, __entry->workload, __entry->comm)
);

/* One operation on a thread: a handle, its pid and a value. */
DECLARE_EVENT_CLASS(kb_thread_op,
	TP_PROTO(const struct kb_thread *t, int val),
	TP_ARGS(t, val),
	TP_STRUCT__entry(
		__field(__u32, handle)
		__field(__u32, pid)
		__field(__s32, val)
	),
	TP_fast_assign(
		__entry->handle = t->handle;
		__entry->pid = t->pid;
		__entry->val = val;
	),
	TP_printk("handle=%u pid=%u val=%d", __entry->handle, __entry->pid,
		  __entry->val)
);

/* WAKE (or RUN): val is wake_up_process()'s result. */
DEFINE_EVENT(kb_thread_op, kb_woken,
	TP_PROTO(const struct kb_thread *t, int val),
	TP_ARGS(t, val)
);

/* threadfn starts its workload (in the kthread): val is the workload. */
DEFINE_EVENT(kb_thread_op, kb_entered,
	TP_PROTO(const struct kb_thread *t, int val),
	TP_ARGS(t, val)
);

/* STOP (or teardown, autostop) calls kthread_stop(): val is 0. */
DEFINE_EVENT(kb_thread_op, kb_stop,
	TP_PROTO(const struct kb_thread *t, int val),
	TP_ARGS(t, val)
);

/* kthread_stop() returned: val is its result. */
DEFINE_EVENT(kb_thread_op, kb_stopped,
	TP_PROTO(const struct kb_thread *t, int val),
	TP_ARGS(t, val)
);

/* threadfn returns (in the kthread): val is its result. */
DEFINE_EVENT(kb_thread_op, kb_exited,
	TP_PROTO(const struct kb_thread *t, int val),
	TP_ARGS(t, val)
);

/* PARK: val is kthread_park()'s result or the refusal's errno. */
DEFINE_EVENT(kb_thread_op, kb_park,
	TP_PROTO(const struct kb_thread *t, int val),
	TP_ARGS(t, val)
);

/* UNPARK: val is 1 if it was parked, 0, or -ESRCH. */
DEFINE_EVENT(kb_thread_op, kb_unpark,
	TP_PROTO(const struct kb_thread *t, int val),
	TP_ARGS(t, val)
);

/* SIGNAL to a WAIT workload: val is the signal's sequence number. */
DEFINE_EVENT(kb_thread_op, kb_signal,
	TP_PROTO(const struct kb_thread *t, int val),
	TP_ARGS(t, val)
);

#endif /* KB_TRACE_H */

/* Out of tree: trace/define_trace.h includes this file from the module's dir. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE kb_trace
#include <trace/define_trace.h>
