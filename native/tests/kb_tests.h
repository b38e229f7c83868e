/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 The kthread-bridge authors */
/* Helpers shared by the kthread_bridge tests (see helpers.c). */
#ifndef KB_TESTS_H
#define KB_TESTS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/capability.h>

#include "harness.h"
#include "kthread_bridge_shim.h"

#define S_NS		1000000000ULL
#define MS_NS		1000000ULL
/* Bounded waits: long enough for a TCG guest, only a real hang hits them. */
#define WAIT_MS		5000
#define DEADLOCK_MS	20000

#define SYSFS_PARAMS	"/sys/module/kthread_bridge/parameters/"
#define SYSFS_MISC_DEV	"/sys/class/misc/kthread_bridge/dev"

uint64_t now_ns(void);

/* An absolute CLOCK_MONOTONIC timeout_ns, ms from now. */
#define DEADLINE(ms)	(kb_monotonic_ns() + (uint64_t)(ms) * MS_NS)

/* Polls cond every ~1 ms for up to ms milliseconds; true if it held. */
#define WAIT_UNTIL(cond, ms)						\
	({								\
		uint64_t __end = now_ns() + (uint64_t)(ms) * MS_NS;	\
		bool __ok;						\
		while (!(__ok = !!(cond)) && now_ns() < __end)		\
			usleep(1000);					\
		__ok;							\
	})

/*
 * Sets lvalue to val, asserts that call returns -EINVAL, and puts lvalue
 * back; EINVAL_WITH() does so for a field of the ioctl argument obj.
 */
#define EINVAL_SET(lvalue, val, call)					\
	do {								\
		__typeof__(lvalue) __old = (lvalue);			\
		(lvalue) = (val);					\
		ASSERT_EQ(-EINVAL, (call));				\
		(lvalue) = __old;					\
	} while (0)
#define EINVAL_WITH(fd, cmd, obj, field, val)				\
	EINVAL_SET((obj).field, val, kb_ioctl(fd, cmd, &(obj)))

/* kb_open(NULL), asserting success. */
int open_dev_(void);
/* kb_thread_create/run asserting success; returns the handle. */
uint32_t create_ok_(int fd, uint32_t workload, uint64_t arg,
		    const char *name, uint32_t *pid);
uint32_t run_ok_(int fd, uint32_t workload, uint64_t arg, const char *name,
		 uint32_t *pid);
/* kb_thread_info asserting success. */
void info_ok_(int fd, uint32_t handle, struct kb_info *info);
/* Non-asserting INFO for polling: the status, or 0 on error. */
uint32_t status_of(int fd, uint32_t handle);
/* Waits (WAIT_MS) until the status has all of bits; asserts it did. */
void wait_status_(int fd, uint32_t handle, uint32_t bits,
		  struct kb_info *info);
/* Waits until the thread entered and sleeps ('S' or 'I'); asserts it did. */
void wait_sleeping_(int fd, uint32_t handle, struct kb_info *info);

/* /proc helpers: 0 or -errno. */
bool pid_exists(pid_t pid);
int read_comm(pid_t pid, char *buf, size_t len);
int read_stat(pid_t pid, char *state, pid_t *ppid);
/* How many tasks in /proc have this comm (a kthread's full name on 5.17+). */
int count_comm(const char *comm);
/* Waits (WAIT_MS) until /proc/<pid> is gone; asserts it went. */
void wait_pid_gone_(pid_t pid);

/*
 * A task as /proc names it: its pid and its start time in clock ticks
 * (/proc/<pid>/stat field 22), which INFO's start_time_ns gives (ABI 2):
 * a pid reused by another task does not match.
 */
struct task_id {
	pid_t pid;
	long long ticks;
};
/* starttime of /proc/<pid>/stat, or -1 when there is no such task. */
long long proc_start_ticks(pid_t pid);
/* The thread of handle h (created with pid) as a task_id, via INFO. */
struct task_id task_id_of_(int fd, uint32_t h, uint32_t pid);
/* Waits (WAIT_MS) until /proc/<pid> is not that task any more. */
void wait_task_gone_(struct task_id id);

/* A valid struct kb_create (name "kb_raw") to spoil one field of. */
void valid_create(struct kb_create *c, uint32_t workload, uint64_t arg);

/* sysfs: read/write an unsigned parameter; 0 or -errno. */
int read_param(const char *name, unsigned long *val);
int write_param(const char *name, unsigned long val);

/*
 * Sets module parameter name to val, runs body in a child, then restores
 * the old value (also when body failed); skips without the parameter.
 */
void with_param_(const char *name, unsigned long val, void (*body)(void));
/* sysconf(_SC_NPROCESSORS_ONLN) */
int online_cpus(void);

/*
 * Privileges, decided by the process's own effective capabilities
 * (CapEff of /proc/self/status): the module keeps the opener's
 * CAP_SYS_NICE with each open file (docs/security.md).
 */
bool have_cap(int cap);
/* What a call needing CAP_SYS_NICE returns: ret with it, -EPERM without. */
#define NICE_OR_EPERM(ret)	(have_cap(CAP_SYS_NICE) ? (ret) : -EPERM)
/* Skips unless euid 0: for writing module parameters, setuid() and such. */
void need_root_(const char *what);
#define need_root(what)		HARNESS_CALL_VOID(need_root_(what))
/* The module's node_access parameter: 1 (Y), 0 (N) or -errno. */
int node_access(void);

/* The asserting helpers, through HARNESS_CALL so failures name the caller. */
#define open_dev()		HARNESS_CALL(open_dev_())
#define create_ok(...)		HARNESS_CALL(create_ok_(__VA_ARGS__))
#define run_ok(...)		HARNESS_CALL(run_ok_(__VA_ARGS__))
#define info_ok(...)		HARNESS_CALL_VOID(info_ok_(__VA_ARGS__))
#define wait_status(...)	HARNESS_CALL_VOID(wait_status_(__VA_ARGS__))
#define wait_sleeping(...)	HARNESS_CALL_VOID(wait_sleeping_(__VA_ARGS__))
#define wait_pid_gone(...)	HARNESS_CALL_VOID(wait_pid_gone_(__VA_ARGS__))
#define task_id_of(...)		HARNESS_CALL(task_id_of_(__VA_ARGS__))
#define wait_task_gone(...)	HARNESS_CALL_VOID(wait_task_gone_(__VA_ARGS__))
#define with_param(...)		HARNESS_CALL_VOID(with_param_(__VA_ARGS__))

#endif /* KB_TESTS_H */
