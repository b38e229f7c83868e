/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 The kthread-bridge authors */
/*
 * libkthreadbridge: a flat C API over /dev/kthread_bridge.
 *
 * Every function returns >= 0 on success or -errno on failure; callers
 * never read errno. Structs and constants come from the uapi header,
 * whose rules (errnos, exited threads: -ESRCH, the waits) hold here too.
 *
 * Timeouts (ABI 2): timeout_ns is an absolute CLOCK_MONOTONIC time in ns,
 * as kb_monotonic_ns() returns it (so a deadline is kb_monotonic_ns() +
 * a relative time), or KB_TIMEOUT_INFINITE for no limit. It is used only
 * with the flag that asks for the wait (KB_CREATE_WAIT_ENTRY,
 * KB_WAKE_WAIT_ENTRY, KB_SIGNAL_WAIT) and must be 0 without it (-EINVAL).
 * A time already passed checks once. The waits are interruptible: a
 * signal whose handler lacks SA_RESTART ends them with -EINTR; with
 * SA_RESTART (or an ignored signal) the call is made again with the same
 * deadline.
 */
#ifndef KTHREAD_BRIDGE_SHIM_H
#define KTHREAD_BRIDGE_SHIM_H

#include <stdint.h>
#include <linux/kthread_bridge.h>

#define KB_DEFAULT_PATH "/dev/" KB_DEVICE_NAME

/*
 * Opens path (NULL: KB_DEFAULT_PATH) O_RDWR|O_CLOEXEC|O_NONBLOCK (the
 * non-blocking mode only affects reading events); returns the fd.
 */
int kb_open(const char *path);

/* Closes fd; the module stops every thread the file still owns. */
int kb_close(int fd);

/* CLOCK_MONOTONIC now, in ns: the clock of every timeout_ns. */
uint64_t kb_monotonic_ns(void);

/* Writes the ABI version and feature bits; returns 0. */
int kb_abi_version(int fd, uint32_t *version, uint64_t *features);

/*
 * kthread_create(): returns the handle (>= 1) and writes the pid if pid is
 * not NULL. cpu < 0: no binding; otherwise kthread_bind() to cpu. name is
 * copied into the fixed field; one of KB_NAME_LEN bytes or more is passed
 * without a NUL, which the module refuses (-EINVAL). NULL name: -EINVAL.
 * flags are KB_CREATE_* other than KB_CREATE_BIND_CPU (set from cpu); for
 * CREATE that leaves none (KB_CREATE_WAIT_ENTRY is RUN's).
 */
int kb_thread_create(int fd, uint32_t workload, uint64_t arg, const char *name,
		     int32_t cpu, uint32_t flags, uint32_t *pid);

/*
 * kthread_run(): as kb_thread_create(), then woken. With
 * KB_CREATE_WAIT_ENTRY in flags it returns once threadfn was entered,
 * waiting until timeout_ns (else timeout_ns must be 0); if the wait fails
 * (-ETIMEDOUT, -EINTR, -ESRCH) no thread and no handle are left.
 */
int kb_thread_run(int fd, uint32_t workload, uint64_t arg, const char *name,
		  int32_t cpu, uint32_t flags, uint64_t timeout_ns,
		  uint32_t *pid);

/*
 * wake_up_process(): returns 1 if it woke the thread, 0 if already running,
 * -ESRCH once the thread exited.
 */
int kb_thread_wake(int fd, uint32_t handle);

/*
 * kthread_stop(): returns 0 and writes kthread_stop()'s result and the
 * KB_STATUS_* bits (either pointer may be NULL) and, if info is not NULL,
 * the final struct kb_info. The handle is released. Works on exited
 * threads. -EFAULT (info not writable) leaves the thread as it was.
 */
int kb_thread_stop(int fd, uint32_t handle, int32_t *result, uint32_t *status,
		   struct kb_info *info);

/*
 * Writes the struct kb_info of handle; returns 0. info->pid is 0 once the
 * thread exited (its pid may be reused); info->start_time_ns identifies
 * the task in /proc (see the uapi header).
 */
int kb_thread_info(int fd, uint32_t handle, struct kb_info *info);

/*
 * Writes up to capacity handles owned by fd to handles (ascending) and
 * returns how many the file owns in all (may exceed capacity).
 */
int kb_thread_list(int fd, uint32_t *handles, uint32_t capacity);

/*
 * The affinity mask of handle (the task's cpus_mask, as sched_getaffinity()
 * reports it): writes up to words 64-bit words of it to mask and returns
 * how many words the whole mask has (more than words: it was cut). words
 * 0..KB_MASK_MAX / 8; with 0, mask may be NULL (a size query).
 */
int kb_thread_cpus(int fd, uint32_t handle, uint64_t *mask, uint32_t words);

/*
 * wake_up_process() with KB_WAKE_* flags: with KB_WAKE_WAIT_ENTRY returns
 * only once threadfn was entered, waiting until timeout_ns (0 without the
 * flag). Returns 1 or 0 as kb_thread_wake(); woken (may be NULL) gets the
 * same also when the wait failed after the wake-up (-ETIMEDOUT: the thread
 * and its handle stay; -ESRCH: stopped before entering).
 */
int kb_thread_wake_flags(int fd, uint32_t handle, uint32_t flags,
			 uint64_t timeout_ns, uint32_t *woken);

/*
 * kthread_park(): 0, -EBUSY (already parked), -ESRCH (exited, or a woken
 * EXIT workload that may exit first).
 */
int kb_thread_park(int fd, uint32_t handle);

/* kthread_unpark(): returns 1 if the thread was parked, 0 if not, -ESRCH. */
int kb_thread_unpark(int fd, uint32_t handle);

/*
 * KB_SCHED_NORMAL with nice -20..19, or KB_SCHED_FIFO / KB_SCHED_FIFO_LOW
 * with nice 0; -ESRCH once the thread exited.
 */
int kb_thread_sched(int fd, uint32_t handle, uint32_t policy, int32_t nice);

/*
 * set_cpus_allowed_ptr() with words 64-bit words of CPU bitmap
 * (1..KB_MASK_MAX / 8); -EINVAL if no online CPU is in it or the thread is
 * bound (cpu >= 0 at creation), -ESRCH once it exited.
 */
int kb_thread_affinity(int fd, uint32_t handle, const uint64_t *mask,
		       uint32_t words);

/*
 * SIGNAL to a WAIT workload: returns 0 and writes the signal's number and
 * kernel timestamp, and with KB_SIGNAL_WAIT (waiting until timeout_ns, 0
 * without the flag) the time it ran again (any pointer may be NULL).
 * -EAGAIN while the thread is not in its wait loop (never woken, parked).
 * When the wait fails after the signal was sent (-ETIMEDOUT, -ESRCH), seq
 * and signal_ns are written all the same.
 */
int kb_thread_signal(int fd, uint32_t handle, uint32_t flags,
		     uint64_t timeout_ns, uint64_t *seq, uint64_t *signal_ns,
		     uint64_t *running_ns);

/*
 * KB_BATCH_* on count items (1..KB_BATCH_MAX); tmpl is the struct
 * kb_create for CREATE and RUN, NULL otherwise. Returns how many items
 * succeeded; each item's error says why one did not. The shim zeroes each
 * item but its handle (kept for WAKE and STOP) before the call, so the
 * items of one call can be passed to the next; tmpl's out fields (handle,
 * pid, start_time_ns) must be zero.
 */
int kb_batch(int fd, uint32_t op, const struct kb_create *tmpl,
	     struct kb_batch_item *items, uint32_t count);

/*
 * KB_BENCH_CYCLE count times in the module; any pointer may be NULL. Needs
 * one free thread slot (-EMFILE, -ENFILE).
 */
int kb_bench_cycles(int fd, uint32_t count, uint64_t *elapsed_ns,
		    uint64_t *min_ns, uint64_t *max_ns);

/*
 * Waits up to timeout_ms (-1: forever, 0: not at all) for exit events and
 * reads up to capacity of them (KB_EVENT_EXIT and KB_EVENT_LOST records);
 * returns how many (0 on timeout). capacity 0 is -EINVAL, at once.
 */
int kb_read_events(int fd, struct kb_event *events, uint32_t capacity,
		   int timeout_ms);

/* ioctl(fd, cmd, arg) as -errno: for tests and fuzzers. */
int kb_ioctl(int fd, unsigned long cmd, void *arg);

#endif /* KTHREAD_BRIDGE_SHIM_H */
