// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * libkthreadbridge: the flat C API of kthread_bridge_shim.h over the ioctls
 * of <linux/kthread_bridge.h>. Every function returns >= 0 or -errno; errno
 * is read right after the system call and nothing is ever printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "kthread_bridge_shim.h"

#define KB_API __attribute__((visibility("default")))

KB_API int kb_ioctl(int fd, unsigned long cmd, void *arg)
{
	int ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

KB_API int kb_open(const char *path)
{
	int fd = open(path ? path : KB_DEFAULT_PATH, O_RDWR | O_CLOEXEC | O_NONBLOCK);

	return fd < 0 ? -errno : fd;
}

KB_API int kb_close(int fd)
{
	return close(fd) < 0 ? -errno : 0;
}

KB_API int kb_abi_version(int fd, uint32_t *version, uint64_t *features)
{
	struct kb_version v;
	int ret;

	memset(&v, 0, sizeof(v));
	ret = kb_ioctl(fd, KB_IOC_VERSION, &v);
	if (ret < 0)
		return ret;
	if (version)
		*version = v.version;
	if (features)
		*features = v.features;
	return 0;
}

KB_API uint64_t kb_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int create_common(unsigned long cmd, int fd, uint32_t workload,
			 uint64_t arg, const char *name, int32_t cpu,
			 uint32_t flags, uint64_t timeout_ns, uint32_t *pid)
{
	struct kb_create c;
	size_t len;
	int ret;

	if (!name || (flags & KB_CREATE_BIND_CPU))
		return -EINVAL;
	memset(&c, 0, sizeof(c));
	c.workload = workload;
	c.arg = arg;
	c.flags = flags;
	c.timeout_ns = timeout_ns;
	if (cpu >= 0) {
		c.flags |= KB_CREATE_BIND_CPU;
		c.cpu = (uint32_t)cpu;
	}
	/* KB_NAME_LEN bytes or more go without a NUL: the module says -EINVAL */
	len = strlen(name);
	memcpy(c.name, name, len < KB_NAME_LEN ? len : KB_NAME_LEN);
	ret = kb_ioctl(fd, cmd, &c);
	if (ret < 0)
		return ret;
	if (pid)
		*pid = c.pid;
	return (int)c.handle;
}

KB_API int kb_thread_create(int fd, uint32_t workload, uint64_t arg,
			    const char *name, int32_t cpu, uint32_t flags,
			    uint32_t *pid)
{
	return create_common(KB_IOC_CREATE, fd, workload, arg, name, cpu,
			     flags, 0, pid);
}

KB_API int kb_thread_run(int fd, uint32_t workload, uint64_t arg,
			 const char *name, int32_t cpu, uint32_t flags,
			 uint64_t timeout_ns, uint32_t *pid)
{
	return create_common(KB_IOC_RUN, fd, workload, arg, name, cpu,
			     flags, timeout_ns, pid);
}

KB_API int kb_thread_wake(int fd, uint32_t handle)
{
	struct kb_wake w;
	int ret;

	memset(&w, 0, sizeof(w));
	w.handle = handle;
	ret = kb_ioctl(fd, KB_IOC_WAKE, &w);
	if (ret < 0)
		return ret;
	return w.woken ? 1 : 0;
}

KB_API int kb_thread_stop(int fd, uint32_t handle, int32_t *result,
			  uint32_t *status, struct kb_info *info)
{
	struct kb_stop s;
	int ret;

	memset(&s, 0, sizeof(s));
	s.handle = handle;
	s.info_ptr = (uint64_t)(uintptr_t)info;
	ret = kb_ioctl(fd, KB_IOC_STOP, &s);
	if (ret < 0)
		return ret;
	if (result)
		*result = (int32_t)s.result;
	if (status)
		*status = s.status;
	return 0;
}

KB_API int kb_thread_info(int fd, uint32_t handle, struct kb_info *info)
{
	struct kb_info_arg a;
	int ret;

	memset(&a, 0, sizeof(a));
	a.handle = handle;
	a.info_ptr = (uint64_t)(uintptr_t)info;
	ret = kb_ioctl(fd, KB_IOC_INFO, &a);
	return ret < 0 ? ret : 0;
}

KB_API int kb_thread_list(int fd, uint32_t *handles, uint32_t capacity)
{
	struct kb_list l;
	int ret;

	memset(&l, 0, sizeof(l));
	l.handles_ptr = (uint64_t)(uintptr_t)handles;
	l.capacity = capacity;
	ret = kb_ioctl(fd, KB_IOC_LIST, &l);
	if (ret < 0)
		return ret;
	return (int)l.count;
}

KB_API int kb_thread_wake_flags(int fd, uint32_t handle, uint32_t flags,
				uint64_t timeout_ns, uint32_t *woken)
{
	struct kb_wake w;
	int ret;

	memset(&w, 0, sizeof(w));
	w.handle = handle;
	w.flags = flags;
	w.timeout_ns = timeout_ns;
	w.woken = 0;
	ret = kb_ioctl(fd, KB_IOC_WAKE, &w);
	/* -ETIMEDOUT and -ESRCH after the wake-up still report it */
	if (woken && (ret >= 0 || ret == -ETIMEDOUT || ret == -ESRCH))
		*woken = w.woken;
	if (ret < 0)
		return ret;
	return w.woken ? 1 : 0;
}

KB_API int kb_thread_park(int fd, uint32_t handle)
{
	struct kb_park p;
	int ret;

	memset(&p, 0, sizeof(p));
	p.handle = handle;
	ret = kb_ioctl(fd, KB_IOC_PARK, &p);
	return ret < 0 ? ret : 0;
}

KB_API int kb_thread_unpark(int fd, uint32_t handle)
{
	struct kb_park p;
	int ret;

	memset(&p, 0, sizeof(p));
	p.handle = handle;
	ret = kb_ioctl(fd, KB_IOC_UNPARK, &p);
	if (ret < 0)
		return ret;
	return p.was_parked ? 1 : 0;
}

KB_API int kb_thread_sched(int fd, uint32_t handle, uint32_t policy,
			   int32_t nice)
{
	struct kb_sched s;
	int ret;

	memset(&s, 0, sizeof(s));
	s.handle = handle;
	s.policy = policy;
	s.nice = (uint32_t)nice;
	ret = kb_ioctl(fd, KB_IOC_SCHED, &s);
	return ret < 0 ? ret : 0;
}

KB_API int kb_thread_affinity(int fd, uint32_t handle, const uint64_t *mask,
			      uint32_t words)
{
	struct kb_affinity a;
	int ret;

	/* the module checks the length; only keep the product in range */
	if (words > KB_MASK_MAX / sizeof(uint64_t))
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.handle = handle;
	a.mask_len = words * (uint32_t)sizeof(uint64_t);
	a.mask_ptr = (uint64_t)(uintptr_t)mask;
	ret = kb_ioctl(fd, KB_IOC_AFFINITY, &a);
	return ret < 0 ? ret : 0;
}

KB_API int kb_thread_signal(int fd, uint32_t handle, uint32_t flags,
			    uint64_t timeout_ns, uint64_t *seq,
			    uint64_t *signal_ns, uint64_t *running_ns)
{
	struct kb_signal s;
	int ret;

	memset(&s, 0, sizeof(s));
	s.handle = handle;
	s.flags = flags;
	s.timeout_ns = timeout_ns;
	ret = kb_ioctl(fd, KB_IOC_SIGNAL, &s);
	/* -ETIMEDOUT and -ESRCH after the signal still report it */
	if (ret < 0 && !(s.seq && (ret == -ETIMEDOUT || ret == -ESRCH)))
		return ret;
	if (seq)
		*seq = s.seq;
	if (signal_ns)
		*signal_ns = s.signal_ns;
	if (running_ns)
		*running_ns = s.running_ns;
	return ret < 0 ? ret : 0;
}

KB_API int kb_thread_cpus(int fd, uint32_t handle, uint64_t *mask,
			  uint32_t words)
{
	struct kb_info_arg a;
	struct kb_info info;
	int ret;

	if (words > KB_MASK_MAX / sizeof(uint64_t))
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.handle = handle;
	a.info_ptr = (uint64_t)(uintptr_t)&info;
	a.mask_ptr = words ? (uint64_t)(uintptr_t)mask : 0;
	a.mask_len = words * (uint32_t)sizeof(uint64_t);
	ret = kb_ioctl(fd, KB_IOC_INFO, &a);
	if (ret < 0)
		return ret;
	return (int)(a.mask_size / sizeof(uint64_t));
}

KB_API int kb_batch(int fd, uint32_t op, const struct kb_create *tmpl,
		    struct kb_batch_item *items, uint32_t count)
{
	struct kb_batch b;
	uint32_t i;
	int ret;

	/* out fields go in zeroed (the module checks): items can be reused */
	for (i = 0; items && i < count && count <= KB_BATCH_MAX; i++) {
		uint32_t handle = items[i].handle;

		memset(&items[i], 0, sizeof(items[i]));
		if (op == KB_BATCH_WAKE || op == KB_BATCH_STOP)
			items[i].handle = handle;
	}
	memset(&b, 0, sizeof(b));
	b.op = op;
	b.count = count;
	b.items_ptr = (uint64_t)(uintptr_t)items;
	b.create_ptr = (uint64_t)(uintptr_t)tmpl;
	ret = kb_ioctl(fd, KB_IOC_BATCH, &b);
	if (ret < 0)
		return ret;
	return (int)b.done;
}

KB_API int kb_bench_cycles(int fd, uint32_t count, uint64_t *elapsed_ns,
			   uint64_t *min_ns, uint64_t *max_ns)
{
	struct kb_bench b;
	int ret;

	memset(&b, 0, sizeof(b));
	b.op = KB_BENCH_CYCLE;
	b.count = count;
	ret = kb_ioctl(fd, KB_IOC_BENCH, &b);
	if (ret < 0)
		return ret;
	if (elapsed_ns)
		*elapsed_ns = b.elapsed_ns;
	if (min_ns)
		*min_ns = b.min_ns;
	if (max_ns)
		*max_ns = b.max_ns;
	return 0;
}

KB_API int kb_read_events(int fd, struct kb_event *events, uint32_t capacity,
			  int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t len;
	ssize_t n;
	int ret;

	/* refused before waiting: a read of nothing would never return */
	if (timeout_ms < -1 || capacity == 0)
		return -EINVAL;
	do {
		ret = poll(&pfd, 1, timeout_ms);
	} while (ret < 0 && errno == EINTR && timeout_ms < 0);
	if (ret < 0)
		return -errno;
	if (ret == 0)
		return 0;
	if (pfd.revents & POLLNVAL)
		return -EBADF;
	len = (size_t)capacity * sizeof(*events);
	if (capacity > INT32_MAX / sizeof(*events))
		len = (INT32_MAX / sizeof(*events)) * sizeof(*events);
	n = read(fd, events, len);
	if (n < 0)
		return errno == EAGAIN ? 0 : -errno;
	return (int)(n / (ssize_t)sizeof(*events));
}
