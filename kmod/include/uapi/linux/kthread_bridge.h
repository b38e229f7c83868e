/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/* SPDX-FileCopyrightText: 2026 The kthread-bridge authors */
/*
 * kthread_bridge: the kernel's kthread lifecycle (kthread_create,
 * wake_up_process, kthread_stop, kthread_run) driven from user space
 * through the misc device /dev/kthread_bridge.
 *
 * This header is the single source of the ABI. Rules it follows
 * (Documentation/process/botching-up-ioctls.rst):
 *  - only __u32 and __u64 fields, user pointers as __u64;
 *  - every struct is a multiple of 8 bytes, with explicit reserved fields
 *    that must be zero on input (-EINVAL otherwise);
 *  - unknown flags, workloads or status bits on input are -EINVAL;
 *  - an unknown command is -ENOTTY, an unknown handle -ENOENT.
 *
 * Handles are per open file, start at 1 and are never kernel pointers.
 * Opening the device requires CAP_SYS_ADMIN (-EPERM otherwise).
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
#define KB_ABI_VERSION		1

/* Feature bits reported by KB_IOC_VERSION. */
#define KB_FEATURE_LIFECYCLE	(1ULL << 0)	/* CREATE RUN WAKE STOP INFO LIST */
#define KB_FEATURE_BIND_CPU	(1ULL << 1)	/* KB_CREATE_BIND_CPU */
#define KB_FEATURE_STOP_INFO	(1ULL << 2)	/* kb_stop.info_ptr */
#define KB_FEATURE_PARK		(1ULL << 3)	/* PARK, UNPARK */
#define KB_FEATURE_SCHED	(1ULL << 4)	/* SCHED */
#define KB_FEATURE_AFFINITY	(1ULL << 5)	/* AFFINITY */
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
 * saturated at INT_MAX.
 */
#define KB_WORKLOAD_IDLE	0
#define KB_WORKLOAD_EXIT	1
#define KB_WORKLOAD_SPIN	2
#define KB_WORKLOAD_PERIODIC	3
#define KB_WORKLOAD_WAIT	4

#define KB_SPIN_MAX_NS		60000000000ULL	/* 60 s */
#define KB_PERIOD_MIN_NS	10000ULL	/* 10 us */
#define KB_PERIOD_MAX_NS	60000000000ULL	/* 60 s */

/* kb_create.flags */
#define KB_CREATE_BIND_CPU	(1U << 0)	/* kthread_bind() to .cpu */
/*
 * RUN only: return once threadfn was entered, -ETIMEDOUT after
 * KB_WAIT_ENTRY_MS (the thread is then stopped and no handle is left),
 * -ESRCH if it was stopped before entering.
 */
#define KB_CREATE_WAIT_ENTRY	(1U << 1)

/* kb_wake.flags */
#define KB_WAKE_WAIT_ENTRY	(1U << 0)	/* as KB_CREATE_WAIT_ENTRY */

#define KB_WAIT_ENTRY_MS	10000

/* Status bits in kb_info.status and kb_stop.status. */
#define KB_STATUS_WOKEN		(1U << 0)	/* WAKE or RUN called (maybe no-op) */
#define KB_STATUS_ENTERED	(1U << 1)	/* threadfn was entered */
#define KB_STATUS_EXITED	(1U << 2)	/* threadfn returned; result valid */
#define KB_STATUS_BOUND		(1U << 3)	/* bound to a CPU at creation */
#define KB_STATUS_STOPPED	(1U << 4)	/* kthread_stop() returned */
#define KB_STATUS_PARKED	(1U << 5)	/* kthread_park() returned, no unpark yet */
#define KB_STATUS_AUTOSTOPPED	(1U << 6)	/* never woken: stopped by the module */

/* KB_IOC_VERSION: out only. */
struct kb_version {
	__u32 version;		/* KB_ABI_VERSION */
	__u32 reserved;		/* zero */
	__u64 features;		/* KB_FEATURE_* */
};

/*
 * KB_IOC_CREATE (kthread_create) and KB_IOC_RUN (kthread_run).
 * CREATE leaves the thread stopped, exactly as kthread_create() does.
 * Errors: -EINVAL (workload, arg, flags, cpu, reserved, name not
 * NUL-terminated or empty), -EMFILE (per-file limit), -ENFILE (global
 * limit), -ENOMEM, -EINTR (fatal signal while waiting for kthreadd).
 */
struct kb_create {
	__u32 workload;		/* in: KB_WORKLOAD_* */
	__u32 flags;		/* in: KB_CREATE_* */
	__u64 arg;		/* in: workload parameter, see above */
	__u32 cpu;		/* in: with KB_CREATE_BIND_CPU, else zero */
	__u32 reserved;		/* in: zero */
	__u32 handle;		/* out: per-file handle, >= 1 */
	__u32 pid;		/* out: the thread's pid */
	char name[KB_NAME_LEN];	/* in: NUL-terminated, used as "%s" */
};

/* KB_IOC_WAKE (wake_up_process). */
struct kb_wake {
	__u32 handle;		/* in */
	__u32 flags;		/* in: zero */
	__u32 woken;		/* out: wake_up_process(): 1 woke it, 0 running */
	__u32 reserved;		/* in: zero */
};

/*
 * KB_IOC_STOP (kthread_stop). The ioctl succeeds once the thread is gone;
 * result is what kthread_stop() returned: threadfn's return value, or
 * -EINTR when threadfn never ran (status lacks KB_STATUS_ENTERED). The
 * handle is released. If info_ptr is not zero, the final struct kb_info
 * is written there (-EFAULT if that fails; the thread is stopped anyway).
 */
struct kb_stop {
	__u32 handle;		/* in */
	__u32 flags;		/* in: zero */
	__u32 result;		/* out: int, two's complement */
	__u32 status;		/* out: KB_STATUS_* */
	__u64 info_ptr;		/* in: struct kb_info __user *, or 0 */
};

/* KB_IOC_INFO: writes a struct kb_info for handle to info_ptr. */
struct kb_info_arg {
	__u32 handle;		/* in */
	__u32 flags;		/* in: zero */
	__u64 info_ptr;		/* in: struct kb_info __user * */
};

/*
 * A thread as the kernel sees it. Timestamps are CLOCK_MONOTONIC ns taken
 * in the kernel, 0 when the phase has not happened.
 */
struct kb_info {
	__u32 handle;
	__u32 pid;
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
	__u32 nr_cpus_allowed;
	__u64 cpus_allowed;	/* CPUs 0..63 of the task's affinity mask */
	__u64 signals;		/* SIGNALs sent (WAIT) */
	__u64 signal_ns;	/* last SIGNAL */
	__u64 running_ns;	/* WAIT thread running again after a SIGNAL */
	__u64 reserved[2];
};

/*
 * KB_IOC_LIST: the handles this open file owns, ascending. Up to capacity
 * handles are written to handles_ptr (a __u32 array); count is the total
 * number owned, which may exceed capacity.
 */
struct kb_list {
	__u64 handles_ptr;	/* in: __u32 __user *, may be 0 if capacity 0 */
	__u32 capacity;		/* in */
	__u32 count;		/* out */
};

/*
 * KB_IOC_PARK (kthread_park) and KB_IOC_UNPARK (kthread_unpark). PARK
 * returns what kthread_park() would, without ever hitting its WARNs:
 * -EBUSY when already parked, -ENOSYS when the thread exited or may exit
 * by itself before parking (a woken EXIT workload). Parking a never-woken
 * thread parks it before threadfn; unparking it then enters threadfn.
 * UNPARK reports whether the thread was parked.
 */
struct kb_park {
	__u32 handle;		/* in */
	__u32 flags;		/* in: zero */
	__u32 was_parked;	/* out: UNPARK */
	__u32 reserved;		/* in: zero */
};

/* kb_sched.policy: the kernel's exported helpers */
#define KB_SCHED_NORMAL		0	/* sched_set_normal(task, nice) */
#define KB_SCHED_FIFO		1	/* sched_set_fifo(): MAX_RT_PRIO / 2 */
#define KB_SCHED_FIFO_LOW	2	/* sched_set_fifo_low(): priority 1 */

/* KB_IOC_SCHED. -ESRCH once the thread exited. */
struct kb_sched {
	__u32 handle;		/* in */
	__u32 policy;		/* in: KB_SCHED_* */
	__u32 nice;		/* in: int -20..19 with NORMAL, else zero */
	__u32 reserved;		/* in: zero */
};

/*
 * KB_IOC_AFFINITY: set_cpus_allowed_ptr() with a CPU bitmap laid out as
 * for sched_setaffinity(). As there, bits past the kernel's CPU mask size
 * are neither read nor checked. -EINVAL when it holds no online CPU,
 * -ESRCH once the thread exited.
 */
struct kb_affinity {
	__u32 handle;		/* in */
	__u32 mask_len;		/* in: bytes at mask_ptr, 8..KB_MASK_MAX, x 8 */
	__u64 mask_ptr;		/* in: const __u64 __user * */
};

#define KB_MASK_MAX		1024

/* kb_signal.flags: return once the thread ran (-ETIMEDOUT after KB_WAIT_ENTRY_MS) */
#define KB_SIGNAL_WAIT		(1U << 0)

/*
 * KB_IOC_SIGNAL: wakes a WAIT workload (-EINVAL for other workloads,
 * -ESRCH once it exited). The kernel stamps the signal; with
 * KB_SIGNAL_WAIT also when the thread ran again, so running_ns -
 * signal_ns is the wake-up latency as the kernel saw it.
 */
struct kb_signal {
	__u32 handle;		/* in */
	__u32 flags;		/* in: KB_SIGNAL_* */
	__u64 seq;		/* out: this signal's number, from 1 */
	__u64 signal_ns;	/* out */
	__u64 running_ns;	/* out, with KB_SIGNAL_WAIT */
};

/* kb_batch.op */
#define KB_BATCH_CREATE		0
#define KB_BATCH_RUN		1
#define KB_BATCH_WAKE		2
#define KB_BATCH_STOP		3

#define KB_BATCH_MAX		4096

struct kb_batch_item {
	__u32 handle;		/* in (WAKE, STOP), out (CREATE, RUN) */
	__u32 error;		/* out: 0 or a negative errno (int) */
	__u32 value;		/* out: pid, woken (WAKE) or result (STOP) */
	__u32 status;		/* out: KB_STATUS_* (STOP) */
};

/*
 * KB_IOC_BATCH: one command on count items. Every item is tried; done
 * counts those that succeeded. CREATE and RUN create count threads from
 * the template at create_ptr (its handle and pid ignored; checked as for
 * CREATE, so KB_CREATE_WAIT_ENTRY is -EINVAL here).
 */
struct kb_batch {
	__u32 op;		/* in: KB_BATCH_* */
	__u32 count;		/* in: 1..KB_BATCH_MAX */
	__u64 items_ptr;	/* in: struct kb_batch_item __user * */
	__u64 create_ptr;	/* in: const struct kb_create __user *, or 0 */
	__u32 done;		/* out */
	__u32 flags;		/* in: zero */
};

/* KB_IOC_BENCH ops */
/* kthread_create() of an idle thread, wake_up_process(), kthread_stop() */
#define KB_BENCH_CYCLE		0

#define KB_BENCH_MAX		100000

/*
 * KB_IOC_BENCH: the module runs count lifecycle cycles itself, with no
 * user space in between: the floor under the same cycle driven through
 * the ioctls. Killable (-EINTR).
 */
struct kb_bench {
	__u32 op;		/* in: KB_BENCH_* */
	__u32 count;		/* in: 1..KB_BENCH_MAX */
	__u64 elapsed_ns;	/* out: all cycles */
	__u64 min_ns;		/* out: fastest cycle */
	__u64 max_ns;		/* out: slowest cycle */
};

/*
 * Exit events: read() on the device returns whole struct kb_event
 * records (a buffer smaller than one is -EINVAL), blocking unless
 * O_NONBLOCK (-EAGAIN); poll() reports EPOLLIN while any is queued. One
 * record per thread whose threadfn returned, or that was stopped without
 * ever running it. At most KB_EVENTS_MAX are queued per file; lost counts
 * the ones dropped before this one.
 */
#define KB_EVENT_EXIT		1

#define KB_EVENTS_MAX		1024

struct kb_event {
	__u32 handle;
	__u32 type;		/* KB_EVENT_* */
	__u32 result;		/* int: threadfn's, or -EINTR if it never ran */
	__u32 status;		/* KB_STATUS_* then */
	__u64 time_ns;		/* exit_ns, or stopped_ns if it never ran */
	__u32 lost;
	__u32 reserved;
};

#define KB_IOC_MAGIC		0xBC

#define KB_IOC_VERSION		_IOR(KB_IOC_MAGIC, 0x00, struct kb_version)
#define KB_IOC_CREATE		_IOWR(KB_IOC_MAGIC, 0x01, struct kb_create)
#define KB_IOC_RUN		_IOWR(KB_IOC_MAGIC, 0x02, struct kb_create)
#define KB_IOC_WAKE		_IOWR(KB_IOC_MAGIC, 0x03, struct kb_wake)
#define KB_IOC_STOP		_IOWR(KB_IOC_MAGIC, 0x04, struct kb_stop)
#define KB_IOC_INFO		_IOW(KB_IOC_MAGIC, 0x05, struct kb_info_arg)
#define KB_IOC_LIST		_IOWR(KB_IOC_MAGIC, 0x06, struct kb_list)
#define KB_IOC_PARK		_IOW(KB_IOC_MAGIC, 0x07, struct kb_park)
#define KB_IOC_UNPARK		_IOWR(KB_IOC_MAGIC, 0x08, struct kb_park)
#define KB_IOC_SCHED		_IOW(KB_IOC_MAGIC, 0x09, struct kb_sched)
#define KB_IOC_AFFINITY		_IOW(KB_IOC_MAGIC, 0x0A, struct kb_affinity)
#define KB_IOC_SIGNAL		_IOWR(KB_IOC_MAGIC, 0x0B, struct kb_signal)
#define KB_IOC_BATCH		_IOWR(KB_IOC_MAGIC, 0x0C, struct kb_batch)
#define KB_IOC_BENCH		_IOWR(KB_IOC_MAGIC, 0x0D, struct kb_bench)

#endif /* _UAPI_LINUX_KTHREAD_BRIDGE_H */
