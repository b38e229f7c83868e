/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/* SPDX-FileCopyrightText: 2026 The kthread-bridge authors */
/*
 * kthread_bridge: the kernel's kthread lifecycle (kthread_create,
 * wake_up_process, kthread_stop, kthread_run) driven from user space
 * through the misc device /dev/kthread_bridge.
 *
 * This header is the whole contract: behaviour it does not state is not
 * promised. Rules every command follows
 * (Documentation/process/botching-up-ioctls.rst):
 *  - only __u32 and __u64 fields, user pointers as __u64;
 *  - every struct is a multiple of 8 bytes and has a flags field and
 *    reserved space for what a later version adds: unknown flags, non-zero
 *    reserved fields and non-zero out-only fields on input are -EINVAL
 *    (so a later version can give any of them a meaning); the struct size
 *    is part of the command number;
 *  - an unknown command is -ENOTTY, an unknown handle -ENOENT, a handle
 *    whose thread has exited -ESRCH (see "Exited threads" below);
 *  - a command that writes results checks first that it can (the argument
 *    struct, and the buffers it writes, are written back unchanged before
 *    it acts): an unwritable argument is -EFAULT with nothing done. Only
 *    memory unmapped or made read-only by another thread during the call
 *    can still fail the final copy-out; then the command has acted, the
 *    main struct is copied out before any other buffer, and the call
 *    returns -EFAULT (CREATE and RUN, and BATCH's CREATE/RUN, undo their
 *    threads instead: a handle user space never received does not exist).
 *
 * Handles are per open file, start at 1, are never kernel pointers and
 * are allocated cyclically (a released handle comes back only after the
 * 2^31 - 1 others). A handle exists from the moment CREATE/RUN (or BATCH)
 * returns it until STOP (or BATCH STOP) releases it or the file is closed.
 *
 * Opening the device requires CAP_SYS_ADMIN (-EPERM otherwise) unless
 * the module was loaded with node_access=1: then the node's mode and
 * group alone decide (the kernel creates it 0600 root; a udev rule may
 * give it to a group, e.g. kthread-bridge with mode 0660). Privileges
 * are checked once, at open, with the opener's credentials: the open
 * file is the capability. Any open mode (O_RDONLY, O_WRONLY, O_RDWR) may
 * use every ioctl (read() needs a readable file, as always), and a
 * descriptor passed to or inherited by another process keeps the
 * opener's privileges there.
 *
 * A file opened without CAP_SYS_NICE gets what sched_setscheduler(),
 * setpriority() and sched_setaffinity() give a user's own threads, and
 * -EPERM beyond: SCHED with KB_SCHED_FIFO or KB_SCHED_FIFO_LOW, or
 * KB_SCHED_NORMAL with a nice below 0; AFFINITY with a mask holding a CPU
 * the calling task may not run on (not in its own affinity at the time
 * of the call); CREATE, RUN and BATCH's CREATE/RUN with
 * KB_CREATE_BIND_CPU on such a CPU. Such a file's unbound threads start
 * with the calling task's affinity (as a thread inherits its creator's),
 * not kthreadd's. -EPERM comes after the argument
 * checks (-EINVAL, -EFAULT) and before the handle's (-ENOENT) and the
 * thread's (-ESRCH, -EINVAL for a bound thread's AFFINITY): a call
 * -EPERM refuses did nothing. Every other command (and these within
 * those bounds) acts only on the file's own threads, or on BENCH's own
 * one at a time, within the module's limits, and needs nothing more.
 *
 * Closing the last descriptor of a file stops all its threads: close()
 * returns at once and the module's own unbound workqueue does the stops
 * (a file holds at most KB_THREADS_PER_FILE_MAX threads). The module's
 * nr_threads parameter falls back as they are stopped.
 *
 * Exited threads: a thread has exited once its threadfn returned (status
 * KB_STATUS_EXITED), or kthread_stop() returned for it (STOPPED: a STOP,
 * or the autostop). The handle then stays until STOP; INFO and STOP work
 * as ever, and every other command on it is -ESRCH. A woken EXIT workload
 * may exit at any moment, so PARK, SCHED and AFFINITY treat it as exited
 * already (-ESRCH).
 *
 * Waits: KB_CREATE_WAIT_ENTRY, KB_WAKE_WAIT_ENTRY and KB_SIGNAL_WAIT
 * wait until an absolute CLOCK_MONOTONIC time, timeout_ns, with
 * KB_TIMEOUT_INFINITE for no limit (a time already passed checks once;
 * values above INT64_MAX other than KB_TIMEOUT_INFINITE are -EINVAL). The
 * waits are interruptible: a signal ends them with -ERESTARTSYS, which
 * user space sees as -EINTR, or as a restart of the whole call (the same
 * arguments, so the same deadline) when the handler has SA_RESTART. An
 * interrupted call writes none of its out fields; what it did before the
 * wait (a wake-up, a signal) stays done and a restart does it again.
 *
 * Ioctl magic: 0xBC, unused in Documentation/userspace-api/ioctl/
 * ioctl-number.rst (checked against 6.1 and mainline). Sequence numbers
 * 0x00-0x1F are this driver's.
 */
#ifndef _UAPI_LINUX_KTHREAD_BRIDGE_H
#define _UAPI_LINUX_KTHREAD_BRIDGE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define KB_DEVICE_NAME		"kthread_bridge"
#define KB_ABI_VERSION		2

/* Feature bits reported by KB_IOC_VERSION. */
#define KB_FEATURE_LIFECYCLE	(1ULL << 0)	/* CREATE RUN WAKE STOP INFO LIST */
#define KB_FEATURE_BIND_CPU	(1ULL << 1)	/* KB_CREATE_BIND_CPU */
#define KB_FEATURE_STOP_INFO	(1ULL << 2)	/* kb_stop.info_ptr */
#define KB_FEATURE_PARK		(1ULL << 3)	/* PARK, UNPARK */
#define KB_FEATURE_SCHED	(1ULL << 4)	/* SCHED */
#define KB_FEATURE_AFFINITY	(1ULL << 5)	/* AFFINITY, INFO's mask_ptr */
#define KB_FEATURE_SIGNAL	(1ULL << 6)	/* WAIT workload, SIGNAL */
#define KB_FEATURE_BATCH	(1ULL << 7)	/* BATCH */
#define KB_FEATURE_EVENTS	(1ULL << 8)	/* poll() and read() exit events */
#define KB_FEATURE_WAIT_ENTRY	(1ULL << 9)	/* KB_CREATE_WAIT_ENTRY, KB_WAKE_WAIT_ENTRY */
#define KB_FEATURE_AUTOSTOP	(1ULL << 10)	/* never-woken threads auto-stopped */
#define KB_FEATURE_BENCH	(1ULL << 11)	/* BENCH */

/* Length of kb_create.name, including the terminating NUL. */
#define KB_NAME_LEN		32
/* Length of kb_info.comm (the kernel's TASK_COMM_LEN). */
#define KB_COMM_LEN		16

/* The per-file thread limit (module parameter max_threads_per_file) at most. */
#define KB_THREADS_PER_FILE_MAX	4096

/* timeout_ns: wait without a time limit (still interruptible). */
#define KB_TIMEOUT_INFINITE	(~0ULL)

/*
 * Workloads: the thread functions user space picks by id. No code is ever
 * passed from user space. What kb_create.arg means for each:
 *
 * IDLE      arg 0. Sleeps until stopped; each wake-up counts in wakeups.
 *           Returns wakeups.
 * EXIT      arg: the exit code, a signed 64-bit value in the s32 range.
 *           Returns it at once: the thread ends by itself.
 * SPIN      arg: ns to busy-loop with cond_resched(), 1..KB_SPIN_MAX_NS,
 *           counting iterations; then sleeps as IDLE until stopped.
 *           Returns 0.
 * PERIODIC  arg: period in ns, KB_PERIOD_MIN_NS..KB_PERIOD_MAX_NS. One
 *           hrtimer sleep per period, counting iterations (missed periods
 *           are skipped). Returns iterations, saturated at INT_MAX.
 * WAIT      arg 0. Sleeps until a SIGNAL; once running again it stamps
 *           running_ns and counts an iteration. Returns iterations.
 *
 * All but EXIT honour kthread_should_park(). Counts returned as int are
 * saturated at INT_MAX. A workload entered while a stop is already
 * pending returns at once (IDLE 0 wake-ups, EXIT its code, SPIN 0, ...).
 */
#define KB_WORKLOAD_IDLE	0
#define KB_WORKLOAD_EXIT	1
#define KB_WORKLOAD_SPIN	2
#define KB_WORKLOAD_PERIODIC	3
#define KB_WORKLOAD_WAIT	4

#define KB_SPIN_MAX_NS		60000000000ULL	/* 60 s */
#define KB_PERIOD_MIN_NS	10000ULL	/* 10 us */
#define KB_PERIOD_MAX_NS	60000000000ULL	/* 60 s */

/*
 * kb_create.flags
 *
 * KB_CREATE_BIND_CPU: kthread_create_on_cpu() on .cpu (an online CPU),
 * i.e. created on that CPU's NUMA node and kthread_bind() to it. A bound
 * thread's affinity is the kernel's (PF_NO_SETAFFINITY): AFFINITY on it
 * is -EINVAL. If CPU hotplug takes the CPU away, the scheduler moves the
 * thread off it; INFO then reports KB_STATUS_MOVED.
 *
 * KB_CREATE_WAIT_ENTRY (RUN only, -EINVAL with CREATE or BATCH): return
 * once threadfn was entered, waiting until timeout_ns (see "Waits"). If
 * the wait ends otherwise (-ETIMEDOUT, -ERESTARTSYS, or -ESRCH when the
 * thread was stopped before entering), the thread is stopped and no
 * handle, no exit event and no out field is left.
 */
#define KB_CREATE_BIND_CPU	(1U << 0)
#define KB_CREATE_WAIT_ENTRY	(1U << 1)

/*
 * kb_wake.flags: KB_WAKE_WAIT_ENTRY waits as KB_CREATE_WAIT_ENTRY does,
 * but the thread existed before the call: when the wait times out it
 * keeps its handle (the wake-up happened: woken is written with
 * -ETIMEDOUT); -ESRCH when it was stopped before entering.
 */
#define KB_WAKE_WAIT_ENTRY	(1U << 0)

/*
 * Status bits in kb_info.status, kb_stop.status, kb_event.status and
 * kb_batch_item.status (STOP).
 *
 * WOKEN is a record of calls: WAKE or RUN was called (maybe a no-op). A
 * thread can enter threadfn without it: UNPARK of a parked never-woken
 * thread enters it, and so does STOP of one (the kernel's kthread()
 * checked the stop flag before it parked, so kthread_stop() unparks it
 * into threadfn, which sees the stop at once and returns: STOP then
 * reports threadfn's result, 0 for IDLE, with ENTERED, not -EINTR).
 */
#define KB_STATUS_WOKEN		(1U << 0)	/* WAKE or RUN called (maybe no-op) */
#define KB_STATUS_ENTERED	(1U << 1)	/* threadfn was entered */
#define KB_STATUS_EXITED	(1U << 2)	/* threadfn returned; result valid */
#define KB_STATUS_BOUND		(1U << 3)	/* bound to a CPU at creation */
#define KB_STATUS_STOPPED	(1U << 4)	/* kthread_stop() returned */
#define KB_STATUS_PARKED	(1U << 5)	/* kthread_park() returned, no unpark yet */
#define KB_STATUS_AUTOSTOPPED	(1U << 6)	/* never woken: stopped by the module */
#define KB_STATUS_MOVED		(1U << 7)	/* BOUND, but no longer on bound_cpu only */

/* KB_IOC_VERSION */
struct kb_version {
	__u32 version;		/* out: KB_ABI_VERSION */
	__u32 flags;		/* in: zero */
	__u64 features;		/* out: KB_FEATURE_* */
	__u64 reserved[2];	/* in: zero */
};

/*
 * KB_IOC_CREATE (kthread_create) and KB_IOC_RUN (kthread_run).
 * CREATE leaves the thread stopped, exactly as kthread_create() does.
 * Errors: -EINVAL (workload, arg, flags, cpu, timeout_ns, reserved or out
 * fields, name not NUL-terminated or empty), -EFAULT, then -EPERM
 * (KB_CREATE_BIND_CPU on a CPU outside the caller's affinity, file opened
 * without CAP_SYS_NICE), -EMFILE (per-file limit, also when it is 0),
 * -ENFILE (global limit, also when it is 0), -ENOMEM, -EINTR (fatal
 * signal while waiting for kthreadd), and those of KB_CREATE_WAIT_ENTRY.
 *
 * A thread CREATE leaves never woken sits in TASK_UNINTERRUPTIBLE inside
 * kthread(), which the hung-task detector reports: after the module's
 * unwoken_timeout_ms (default 20000, 0 disables it) the module stops it
 * (STOP's result then -EINTR, status AUTOSTOPPED | STOPPED). A thread
 * parked before it was ever woken is exempt: it sleeps in TASK_PARKED,
 * which the detector ignores.
 */
struct kb_create {
	__u32 workload;		/* in: KB_WORKLOAD_* */
	__u32 flags;		/* in: KB_CREATE_* */
	__u64 arg;		/* in: workload parameter, see above */
	__u32 cpu;		/* in: with KB_CREATE_BIND_CPU, else zero */
	__u32 reserved0;	/* in: zero */
	__u64 timeout_ns;	/* in: with KB_CREATE_WAIT_ENTRY, else zero */
	__u32 handle;		/* out: per-file handle, >= 1 */
	__u32 pid;		/* out: the thread's pid */
	__u64 start_time_ns;	/* out: as kb_info.start_time_ns */
	char name[KB_NAME_LEN];	/* in: NUL-terminated, used as "%s" */
	__u64 reserved[4];	/* in: zero */
};

/*
 * KB_IOC_WAKE (wake_up_process). -ESRCH once the thread exited (never a
 * no-op success on a thread that is gone).
 */
struct kb_wake {
	__u32 handle;		/* in */
	__u32 flags;		/* in: KB_WAKE_* */
	__u64 timeout_ns;	/* in: with KB_WAKE_WAIT_ENTRY, else zero */
	__u32 woken;		/* out: wake_up_process(): 1 woke it, 0 running */
	__u32 reserved0;	/* in: zero */
	__u64 reserved[2];	/* in: zero */
};

/*
 * KB_IOC_STOP (kthread_stop). Works on exited threads too. The ioctl
 * succeeds once the thread is gone; result is what kthread_stop()
 * returned: threadfn's return value, or -EINTR when threadfn never ran
 * (status lacks KB_STATUS_ENTERED). The handle is released. If info_ptr
 * is not zero, the final struct kb_info is written there (without a CPU
 * mask). The struct and the info buffer are checked writable before the
 * stop: -EFAULT then leaves the thread and its handle as they were.
 */
struct kb_stop {
	__u32 handle;		/* in */
	__u32 flags;		/* in: zero */
	__u32 result;		/* out: int, two's complement */
	__u32 status;		/* out: KB_STATUS_* */
	__u64 info_ptr;		/* in: struct kb_info __user *, or 0 */
	__u64 reserved[2];	/* in: zero */
};

/*
 * KB_IOC_INFO: writes a struct kb_info for handle to info_ptr and, if
 * mask_ptr is not zero, the task's affinity mask to mask_ptr: p->cpus_mask
 * read under its pi_lock as sched_getaffinity() reads it (not cpus_ptr,
 * which migrate_disable() narrows on PREEMPT_RT), whole, as
 * /proc/<pid>/status Cpus_allowed shows it (sched_getaffinity() also
 * leaves out inactive CPUs), laid out as for sched_getaffinity():
 * min(mask_len, mask_size) bytes, nothing past them. mask_size
 * is always set: the bytes of the kernel's whole mask (a multiple of 8,
 * enough for nr_cpu_ids CPUs). mask_len is a multiple of 8,
 * 0..KB_MASK_MAX, and 0 exactly when mask_ptr is 0 (else -EINVAL).
 */
struct kb_info_arg {
	__u32 handle;		/* in */
	__u32 flags;		/* in: zero */
	__u64 info_ptr;		/* in: struct kb_info __user * */
	__u64 mask_ptr;		/* in: __u64 __user *, or 0 */
	__u32 mask_len;		/* in: bytes at mask_ptr */
	__u32 mask_size;	/* out: bytes of the whole mask */
	__u64 reserved[2];	/* in: zero */
};

/*
 * A thread as the kernel sees it. Timestamps are CLOCK_MONOTONIC ns taken
 * in the kernel, 0 when the phase has not happened. Written whole by the
 * kernel (reserved fields zero).
 *
 * Identity: pid is the thread's pid until it exited (KB_STATUS_EXITED or
 * KB_STATUS_STOPPED), then 0: from that moment the kernel may reap the
 * task and give the number to another. start_time_ns is the task's start time
 * (task->start_boottime, CLOCK_BOOTTIME ns, initial time namespace):
 * /proc/<pid>/stat field 22 shows it in clock ticks, start_time_ns /
 * (1000000000 / sysconf(_SC_CLK_TCK)), so a reader of /proc/<pid> can
 * check it is looking at this thread.
 */
struct kb_info {
	__u32 handle;
	__u32 pid;		/* 0 once exited (EXITED or STOPPED) */
	__u32 workload;		/* KB_WORKLOAD_* */
	__u32 status;		/* KB_STATUS_* */
	__u32 state;		/* scheduler state letter: 'R', 'S', 'D', ... */
	__u32 cpu;		/* CPU the task last ran on */
	__u32 bound_cpu;	/* with KB_STATUS_BOUND */
	__u32 result;		/* with KB_STATUS_EXITED: int returned */
	__u64 arg;		/* workload parameter as created */
	__u64 iterations;	/* SPIN loops, PERIODIC periods */
	__u64 wakeups;		/* wake-ups seen while sleeping (IDLE, SPIN) */
	__u64 create_ns;	/* CREATE/RUN called kthread_create() */
	__u64 created_ns;	/* kthread_create() returned */
	__u64 wake_ns;		/* first WAKE/RUN called wake_up_process() */
	__u64 entry_ns;		/* threadfn entered */
	__u64 stop_ns;		/* STOP called kthread_stop() */
	__u64 exit_ns;		/* threadfn returned */
	__u64 stopped_ns;	/* kthread_stop() returned */
	char comm[KB_COMM_LEN];	/* task comm, NUL-terminated */
	__u32 policy;		/* SCHED_NORMAL 0, SCHED_FIFO 1, ... */
	__u32 rt_priority;	/* 1..99 with SCHED_FIFO */
	__u32 nice;		/* int, -20..19 */
	__u32 nr_cpus_allowed;	/* CPUs in the affinity mask (cpus_mask) */
	__u64 start_time_ns;	/* see above */
	__u64 signals;		/* SIGNALs sent (WAIT) */
	__u64 signal_ns;	/* last SIGNAL */
	__u64 running_ns;	/* WAIT thread running again after a SIGNAL */
	__u64 reserved[4];
};

/*
 * KB_IOC_LIST: the handles this open file owns, ascending. Up to capacity
 * handles are written to handles_ptr (a __u32 array); count is the total
 * number owned, which may exceed capacity. Taken without stopping other
 * ioctls: under concurrent CREATE/STOP on the file it is a list of
 * handles that each existed during the call.
 */
struct kb_list {
	__u64 handles_ptr;	/* in: __u32 __user *, may be 0 if capacity 0 */
	__u32 capacity;		/* in */
	__u32 count;		/* out */
	__u32 flags;		/* in: zero */
	__u32 reserved0;	/* in: zero */
	__u64 reserved[2];	/* in: zero */
};

/*
 * KB_IOC_PARK (kthread_park) and KB_IOC_UNPARK (kthread_unpark). PARK
 * returns what kthread_park() would, without ever hitting its WARNs:
 * -EBUSY when already parked, -ESRCH when the thread exited or may exit
 * by itself before parking (a woken EXIT workload). Parking a never-woken
 * thread parks it before threadfn (and cancels its autostop); unparking
 * it then enters threadfn (without KB_STATUS_WOKEN). UNPARK reports
 * whether the thread was parked, -ESRCH once it exited.
 */
struct kb_park {
	__u32 handle;		/* in */
	__u32 flags;		/* in: zero */
	__u32 was_parked;	/* out: UNPARK */
	__u32 reserved0;	/* in: zero */
	__u64 reserved[2];	/* in: zero */
};

/* kb_sched.policy: the kernel's exported helpers */
#define KB_SCHED_NORMAL		0	/* sched_set_normal(task, nice) */
#define KB_SCHED_FIFO		1	/* sched_set_fifo(): MAX_RT_PRIO / 2 */
#define KB_SCHED_FIFO_LOW	2	/* sched_set_fifo_low(): priority 1 */

/*
 * KB_IOC_SCHED. -EINVAL (policy, nice, flags, reserved), then -EPERM
 * without CAP_SYS_NICE at open for FIFO, FIFO_LOW and NORMAL with nice
 * below 0 (nice 0..19 is allowed, also back to 0 from above: a kthread
 * starts at 0), then -ENOENT, then -ESRCH once the thread exited.
 */
struct kb_sched {
	__u32 handle;		/* in */
	__u32 policy;		/* in: KB_SCHED_* */
	__u32 nice;		/* in: int -20..19 with NORMAL, else zero */
	__u32 flags;		/* in: zero */
	__u64 reserved[2];	/* in: zero */
};

/*
 * KB_IOC_AFFINITY: set_cpus_allowed_ptr() with a CPU bitmap laid out as
 * for sched_setaffinity(). As there, bits past the kernel's CPU mask size
 * are neither read nor checked. In order: -EINVAL (mask_len, flags,
 * reserved), -EFAULT, -EINVAL when it holds no online CPU, -EPERM
 * without CAP_SYS_NICE at open when it holds a CPU the calling task may
 * not run on, -ENOENT, then -EINVAL when the thread is bound
 * (KB_CREATE_BIND_CPU: its affinity stays the kernel's, as
 * sched_setaffinity() refuses PF_NO_SETAFFINITY), -ESRCH once the thread
 * exited.
 */
struct kb_affinity {
	__u32 handle;		/* in */
	__u32 mask_len;		/* in: bytes at mask_ptr, 8..KB_MASK_MAX, x 8 */
	__u64 mask_ptr;		/* in: const __u64 __user * */
	__u32 flags;		/* in: zero */
	__u32 reserved0;	/* in: zero */
	__u64 reserved[2];	/* in: zero */
};

#define KB_MASK_MAX		1024	/* bytes: 8192 CPUs, Debian's NR_CPUS */

/* kb_signal.flags: return once the thread ran, waiting until timeout_ns */
#define KB_SIGNAL_WAIT		(1U << 0)

/*
 * KB_IOC_SIGNAL: wakes a WAIT workload (-EINVAL for other workloads,
 * -ESRCH once it exited, -EAGAIN while it is not in its wait loop: never
 * woken, or parked; wake or unpark it first). The kernel stamps the
 * signal; with KB_SIGNAL_WAIT also when the thread ran again, so
 * running_ns - signal_ns is the wake-up latency as the kernel saw it.
 * When that wait times out the signal was sent all the same: seq and
 * signal_ns are written with -ETIMEDOUT (running_ns 0).
 */
struct kb_signal {
	__u32 handle;		/* in */
	__u32 flags;		/* in: KB_SIGNAL_* */
	__u64 timeout_ns;	/* in: with KB_SIGNAL_WAIT, else zero */
	__u64 seq;		/* out: this signal's number, from 1 */
	__u64 signal_ns;	/* out */
	__u64 running_ns;	/* out, with KB_SIGNAL_WAIT */
	__u64 reserved[2];	/* in: zero */
};

/* kb_batch.op */
#define KB_BATCH_CREATE		0
#define KB_BATCH_RUN		1
#define KB_BATCH_WAKE		2
#define KB_BATCH_STOP		3

#define KB_BATCH_MAX		4096

/*
 * One item. On input only handle (WAKE, STOP) may be non-zero; handle
 * must be zero for CREATE and RUN.
 */
struct kb_batch_item {
	__u32 handle;		/* in (WAKE, STOP), out (CREATE, RUN) */
	__u32 flags;		/* in: zero */
	__u32 error;		/* out: 0 or a negative errno (int) */
	__u32 value;		/* out: pid, woken (WAKE) or result (STOP) */
	__u32 status;		/* out: KB_STATUS_* (STOP) */
	__u32 reserved0;	/* in: zero */
	__u64 reserved1;	/* in: zero */
};

/*
 * KB_IOC_BATCH: one command on count items. Every item is tried; done
 * counts those that succeeded, and each item's error says why one did
 * not (as the single command would, -EINTR for the items left when a
 * fatal signal arrived). create_ptr is the template for CREATE and RUN
 * (non-zero there, 0 for WAKE and STOP: -EINVAL otherwise), checked as
 * for CREATE (so KB_CREATE_WAIT_ENTRY is -EINVAL here). The items are
 * checked (and written back unchanged) before anything is done: a bad
 * item is -EINVAL, an unwritable array -EFAULT, a template with
 * KB_CREATE_BIND_CPU the file may not use (as CREATE) -EPERM, with
 * nothing done. If the
 * results cannot be written at the end, CREATE and RUN stop the threads
 * they made (no handle, no event remains) and WAKE and STOP stay done;
 * all return -EFAULT.
 */
struct kb_batch {
	__u32 op;		/* in: KB_BATCH_* */
	__u32 count;		/* in: 1..KB_BATCH_MAX */
	__u64 items_ptr;	/* in: struct kb_batch_item __user * */
	__u64 create_ptr;	/* in: const struct kb_create __user *, or 0 */
	__u32 done;		/* out */
	__u32 flags;		/* in: zero */
	__u64 reserved[2];	/* in: zero */
};

/* KB_IOC_BENCH ops */
/* kthread_create() of an idle thread, wake_up_process(), kthread_stop() */
#define KB_BENCH_CYCLE		0

#define KB_BENCH_MAX		100000

/*
 * KB_IOC_BENCH: the module runs count lifecycle cycles itself, with no
 * user space in between: the floor under the same cycle driven through
 * the ioctls. Its one live thread counts against the limits like any
 * other (-EMFILE, -ENFILE). Killable (-EINTR).
 */
struct kb_bench {
	__u32 op;		/* in: KB_BENCH_* */
	__u32 count;		/* in: 1..KB_BENCH_MAX */
	__u32 flags;		/* in: zero */
	__u32 reserved0;	/* in: zero */
	__u64 elapsed_ns;	/* out: all cycles */
	__u64 min_ns;		/* out: fastest cycle */
	__u64 max_ns;		/* out: slowest cycle */
	__u64 reserved[2];	/* in: zero */
};

/*
 * Exit events: read() on the device returns whole struct kb_event
 * records (a buffer smaller than one is -EINVAL), blocking unless
 * O_NONBLOCK (-EAGAIN); poll() reports EPOLLIN while a record is ready.
 *
 * KB_EVENT_EXIT: one record per thread whose handle was returned to user
 * space and whose threadfn returned, or that was stopped without ever
 * running it (time_ns then is stopped_ns). A thread undone before its
 * handle was returned (KB_CREATE_WAIT_ENTRY failed, copy-out failed) posts
 * none.
 *
 * Lost records: at most KB_EVENTS_MAX are queued per file; further exits
 * are counted, not queued. Each loss is reported exactly once: in lost of
 * the next record queued (the losses just before it), or, when the queue
 * was read empty first, by a KB_EVENT_LOST record (handle 0, lost = the
 * count) that read() returns and poll() reports like any record.
 */
#define KB_EVENT_EXIT		1
#define KB_EVENT_LOST		2

#define KB_EVENTS_MAX		1024

struct kb_event {
	__u32 handle;
	__u32 type;		/* KB_EVENT_* */
	__u32 result;		/* int: threadfn's, or -EINTR if it never ran */
	__u32 status;		/* KB_STATUS_* then */
	__u64 time_ns;		/* exit_ns, or stopped_ns if it never ran */
	__u32 lost;		/* records lost before this one */
	__u32 reserved0;
	__u64 reserved[2];
};

#define KB_IOC_MAGIC		0xBC

#define KB_IOC_VERSION		_IOWR(KB_IOC_MAGIC, 0x00, struct kb_version)
#define KB_IOC_CREATE		_IOWR(KB_IOC_MAGIC, 0x01, struct kb_create)
#define KB_IOC_RUN		_IOWR(KB_IOC_MAGIC, 0x02, struct kb_create)
#define KB_IOC_WAKE		_IOWR(KB_IOC_MAGIC, 0x03, struct kb_wake)
#define KB_IOC_STOP		_IOWR(KB_IOC_MAGIC, 0x04, struct kb_stop)
#define KB_IOC_INFO		_IOWR(KB_IOC_MAGIC, 0x05, struct kb_info_arg)
#define KB_IOC_LIST		_IOWR(KB_IOC_MAGIC, 0x06, struct kb_list)
#define KB_IOC_PARK		_IOW(KB_IOC_MAGIC, 0x07, struct kb_park)
#define KB_IOC_UNPARK		_IOWR(KB_IOC_MAGIC, 0x08, struct kb_park)
#define KB_IOC_SCHED		_IOW(KB_IOC_MAGIC, 0x09, struct kb_sched)
#define KB_IOC_AFFINITY		_IOW(KB_IOC_MAGIC, 0x0A, struct kb_affinity)
#define KB_IOC_SIGNAL		_IOWR(KB_IOC_MAGIC, 0x0B, struct kb_signal)
#define KB_IOC_BATCH		_IOWR(KB_IOC_MAGIC, 0x0C, struct kb_batch)
#define KB_IOC_BENCH		_IOWR(KB_IOC_MAGIC, 0x0D, struct kb_bench)

#endif /* _UAPI_LINUX_KTHREAD_BRIDGE_H */
