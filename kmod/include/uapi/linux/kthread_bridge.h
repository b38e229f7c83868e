/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
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
 */
#define KB_WORKLOAD_IDLE	0
#define KB_WORKLOAD_EXIT	1
#define KB_WORKLOAD_SPIN	2
#define KB_WORKLOAD_PERIODIC	3

#define KB_SPIN_MAX_NS		60000000000ULL	/* 60 s */
#define KB_PERIOD_MIN_NS	10000ULL	/* 10 us */
#define KB_PERIOD_MAX_NS	60000000000ULL	/* 60 s */

/* kb_create.flags */
#define KB_CREATE_BIND_CPU	(1U << 0)	/* kthread_bind() to .cpu */

/* Status bits in kb_info.status and kb_stop.status. */
#define KB_STATUS_WOKEN		(1U << 0)	/* WAKE or RUN was called */
#define KB_STATUS_ENTERED	(1U << 1)	/* threadfn was entered */
#define KB_STATUS_EXITED	(1U << 2)	/* threadfn returned; result valid */
#define KB_STATUS_BOUND		(1U << 3)	/* bound to a CPU at creation */
#define KB_STATUS_STOPPED	(1U << 4)	/* kthread_stop() returned */

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

#define KB_IOC_MAGIC		0xBC

#define KB_IOC_VERSION		_IOR(KB_IOC_MAGIC, 0x00, struct kb_version)
#define KB_IOC_CREATE		_IOWR(KB_IOC_MAGIC, 0x01, struct kb_create)
#define KB_IOC_RUN		_IOWR(KB_IOC_MAGIC, 0x02, struct kb_create)
#define KB_IOC_WAKE		_IOWR(KB_IOC_MAGIC, 0x03, struct kb_wake)
#define KB_IOC_STOP		_IOWR(KB_IOC_MAGIC, 0x04, struct kb_stop)
#define KB_IOC_INFO		_IOW(KB_IOC_MAGIC, 0x05, struct kb_info_arg)
#define KB_IOC_LIST		_IOWR(KB_IOC_MAGIC, 0x06, struct kb_list)

#endif /* _UAPI_LINUX_KTHREAD_BRIDGE_H */
