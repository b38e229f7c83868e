// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* Bad input: every refusal with its exact errno, and nothing left behind. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kb_tests.h"

TEST(unknown_handles)
{
	int fd = open_dev();
	struct kb_info i;
	uint32_t bad[] = { 0, 1, 9999, UINT32_MAX };
	size_t n;

	create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_h", NULL);	/* handle 1 */
	bad[1] = 2;
	for (n = 0; n < sizeof(bad) / sizeof(bad[0]); n++) {
		ASSERT_EQ(-ENOENT, kb_thread_info(fd, bad[n], &i));
		ASSERT_EQ(-ENOENT, kb_thread_wake(fd, bad[n]));
		ASSERT_EQ(-ENOENT, kb_thread_stop(fd, bad[n], NULL, NULL, NULL));
	}
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
}

TEST(handle_gone_after_stop)
{
	int fd = open_dev();
	struct kb_info i;
	int32_t result;
	uint32_t h;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_gone", NULL);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(-ENOENT, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(-ENOENT, kb_thread_wake(fd, h));
	ASSERT_EQ(-ENOENT, kb_thread_info(fd, h, &i));
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
	/* never-woken too */
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_gone2", NULL);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(-ENOENT, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(-ENOENT, kb_thread_wake(fd, h));
	ASSERT_EQ(-ENOENT, kb_thread_info(fd, h, &i));
}

static void create_einval(int fd, const struct kb_create *tmpl, int line)
{
	struct kb_create c = *tmpl;
	int ret = kb_ioctl(fd, KB_IOC_CREATE, &c);

	if (ret != -EINVAL)
		TH_LOG("CREATE case at line %d", line);
	ASSERT_EQ(-EINVAL, ret);
	c = *tmpl;
	ret = kb_ioctl(fd, KB_IOC_RUN, &c);
	if (ret != -EINVAL)
		TH_LOG("RUN case at line %d", line);
	ASSERT_EQ(-EINVAL, ret);
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}

static void create_accepts(int fd, const struct kb_create *tmpl, int line)
{
	struct kb_create c = *tmpl;
	int32_t result;
	int ret = kb_ioctl(fd, KB_IOC_CREATE, &c);

	if (ret != 0)
		TH_LOG("CREATE case at line %d", line);
	ASSERT_EQ(0, ret);
	ASSERT_LE(1, c.handle);
	ASSERT_EQ(0, kb_thread_stop(fd, c.handle, &result, NULL, NULL));
	ASSERT_EQ(-EINTR, result);
}

#define BAD(field, value) do {					\
		valid_create(&c, wl, arg);			\
		c.field = (value);				\
		create_einval(fd, &c, __LINE__);		\
	} while (0)
#define BAD_ARG(w, a) do {					\
		valid_create(&c, (w), (a));			\
		create_einval(fd, &c, __LINE__);		\
	} while (0)
#define GOOD_ARG(w, a) do {					\
		valid_create(&c, (w), (a));			\
		create_accepts(fd, &c, __LINE__);		\
	} while (0)

TEST(create_bad_workload_and_arg)
{
	int fd = open_dev();
	struct kb_create c;

	BAD_ARG(5, 0);		/* one past KB_WORKLOAD_WAIT */
	BAD_ARG(99, 0);
	BAD_ARG(UINT32_MAX, 0);
	BAD_ARG(KB_WORKLOAD_IDLE, 1);
	BAD_ARG(KB_WORKLOAD_IDLE, 1ULL << 63);
	BAD_ARG(KB_WORKLOAD_EXIT, (uint64_t)INT32_MAX + 1);
	BAD_ARG(KB_WORKLOAD_EXIT, (uint64_t)((int64_t)INT32_MIN - 1));
	BAD_ARG(KB_WORKLOAD_EXIT, 1ULL << 32);
	BAD_ARG(KB_WORKLOAD_SPIN, 0);
	BAD_ARG(KB_WORKLOAD_SPIN, KB_SPIN_MAX_NS + 1);
	BAD_ARG(KB_WORKLOAD_SPIN, UINT64_MAX);
	BAD_ARG(KB_WORKLOAD_PERIODIC, 0);
	BAD_ARG(KB_WORKLOAD_PERIODIC, KB_PERIOD_MIN_NS - 1);
	BAD_ARG(KB_WORKLOAD_PERIODIC, KB_PERIOD_MAX_NS + 1);
	BAD_ARG(KB_WORKLOAD_PERIODIC, UINT64_MAX);
	BAD_ARG(KB_WORKLOAD_WAIT, 1);
	BAD_ARG(KB_WORKLOAD_WAIT, UINT64_MAX);
	/* the bounds themselves are fine */
	GOOD_ARG(KB_WORKLOAD_IDLE, 0);
	GOOD_ARG(KB_WORKLOAD_EXIT, (uint64_t)INT32_MAX);
	GOOD_ARG(KB_WORKLOAD_EXIT, (uint64_t)(int64_t)INT32_MIN);
	GOOD_ARG(KB_WORKLOAD_SPIN, 1);
	GOOD_ARG(KB_WORKLOAD_SPIN, KB_SPIN_MAX_NS);
	GOOD_ARG(KB_WORKLOAD_PERIODIC, KB_PERIOD_MIN_NS);
	GOOD_ARG(KB_WORKLOAD_PERIODIC, KB_PERIOD_MAX_NS);
	GOOD_ARG(KB_WORKLOAD_WAIT, 0);
}

TEST(create_bad_flags_cpu_reserved)
{
	int fd = open_dev();
	uint32_t wl = KB_WORKLOAD_IDLE;
	uint64_t arg = 0;
	struct kb_create c;

	BAD(flags, 1U << 2);	/* first bit neither CREATE nor RUN knows */
	BAD(flags, 1U << 31);
	BAD(flags, KB_CREATE_BIND_CPU | (1U << 5));
	BAD(flags, KB_CREATE_WAIT_ENTRY | (1U << 2));
	BAD(reserved0, 1);
	BAD(reserved0, 1U << 31);
	BAD(reserved[0], 1);
	BAD(reserved[3], 1ULL << 63);
	BAD(cpu, 1);		/* cpu without KB_CREATE_BIND_CPU */
	BAD(timeout_ns, 1);	/* a timeout without KB_CREATE_WAIT_ENTRY */
	BAD(timeout_ns, KB_TIMEOUT_INFINITE);
	/* ABI 2: out fields are zero on input too (room to grow) */
	BAD(handle, 77);
	BAD(pid, 88);
	BAD(start_time_ns, 1);
	/* a deadline past INT64_MAX that is not KB_TIMEOUT_INFINITE */
	valid_create(&c, wl, arg);
	c.flags = KB_CREATE_WAIT_ENTRY;
	c.timeout_ns = 1ULL << 63;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_RUN, &c));
	/* shim: the caller may not pass KB_CREATE_BIND_CPU itself */
	ASSERT_EQ(-EINVAL, kb_thread_create(fd, wl, 0, "kb_f", -1,
					    KB_CREATE_BIND_CPU, NULL));
	ASSERT_EQ(-EINVAL, kb_thread_run(fd, wl, 0, "kb_f", 0,
					 KB_CREATE_BIND_CPU, 0, NULL));
	/* KB_CREATE_WAIT_ENTRY is RUN's: CREATE refuses it */
	ASSERT_EQ(-EINVAL, kb_thread_create(fd, wl, 0, "kb_f", -1,
					    KB_CREATE_WAIT_ENTRY, NULL));
	valid_create(&c, wl, arg);
	c.flags = KB_CREATE_WAIT_ENTRY;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_CREATE, &c));
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
	/* ... and RUN takes it */
	valid_create(&c, wl, arg);
	c.flags = KB_CREATE_WAIT_ENTRY;
	c.timeout_ns = KB_TIMEOUT_INFINITE;
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_RUN, &c));
	ASSERT_LE(1, c.handle);
	ASSERT_EQ(0, kb_thread_stop(fd, c.handle, NULL, NULL, NULL));
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}

TEST(create_names)
{
	int fd = open_dev();
	char name[KB_NAME_LEN + 8], comm[64];
	struct kb_create c;
	struct kb_info i;
	uint32_t pid, h;
	int ret;

	ASSERT_EQ(-EINVAL, kb_thread_create(fd, 0, 0, NULL, -1, 0, NULL));
	ASSERT_EQ(-EINVAL, kb_thread_run(fd, 0, 0, NULL, -1, 0, 0, NULL));
	ASSERT_EQ(-EINVAL, kb_thread_create(fd, 0, 0, "", -1, 0, NULL));
	/* KB_NAME_LEN bytes: no room for the NUL */
	memset(name, 'a', sizeof(name));
	name[KB_NAME_LEN] = '\0';
	ASSERT_EQ(-EINVAL, kb_thread_create(fd, 0, 0, name, -1, 0, NULL));
	ASSERT_EQ(-EINVAL, kb_thread_run(fd, 0, 0, name, -1, 0, 0, NULL));
	valid_create(&c, 0, 0);
	memset(c.name, 'b', sizeof(c.name));
	create_einval(fd, &c, __LINE__);
	valid_create(&c, 0, 0);
	memset(c.name, 0, sizeof(c.name));
	create_einval(fd, &c, __LINE__);
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
	/*
	 * KB_NAME_LEN - 1 bytes fit. The task comm keeps the first 15 (as
	 * info.comm shows); /proc/<pid>/comm of a kthread shows the full
	 * name on kernels that keep it (5.17+), else the comm.
	 */
	name[KB_NAME_LEN - 1] = '\0';
	ret = kb_thread_create(fd, 0, 0, name, -1, 0, &pid);
	ASSERT_LE(1, ret);
	info_ok(fd, (uint32_t)ret, &i);
	ASSERT_EQ(0, read_comm((pid_t)pid, comm, sizeof(comm)));
	if (strcmp(name, comm)) {
		name[KB_COMM_LEN - 1] = '\0';
		ASSERT_STREQ(name, comm);
	}
	name[KB_COMM_LEN - 1] = '\0';
	ASSERT_STREQ(name, i.comm);
	/* format characters are taken literally ("%s") */
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "%s%n%p", &pid);
	info_ok(fd, h, &i);
	ASSERT_STREQ("%s%n%p", i.comm);
	ASSERT_EQ(0, read_comm((pid_t)pid, comm, sizeof(comm)));
	ASSERT_STREQ("%s%n%p", comm);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	wait_sleeping(fd, h, &i);
	ASSERT_STREQ("%s%n%p", i.comm);
	/* bytes after the NUL are ignored */
	valid_create(&c, 0, 0);
	memset(c.name, 'z', sizeof(c.name));
	memcpy(c.name, "kb_tail", 8);
	create_accepts(fd, &c, __LINE__);
}

TEST(wake_stop_info_reserved)
{
	int fd = open_dev();
	struct kb_wake w;
	struct kb_stop s;
	struct kb_info_arg a;
	struct kb_info i;
	uint32_t h;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_res", NULL);
	memset(&w, 0, sizeof(w));
	w.handle = h;
	w.flags = 1U << 1;	/* bit 0 is KB_WAKE_WAIT_ENTRY */
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_WAKE, &w));
	w.flags = 1U << 31;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_WAKE, &w));
	w.flags = KB_WAKE_WAIT_ENTRY | (1U << 2);
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_WAKE, &w));
	w.flags = 0;
	EINVAL_WITH(fd, KB_IOC_WAKE, w, reserved0, 1);
	EINVAL_WITH(fd, KB_IOC_WAKE, w, reserved[1], 1);
	EINVAL_WITH(fd, KB_IOC_WAKE, w, timeout_ns, 1);	/* no WAIT_ENTRY */
	EINVAL_WITH(fd, KB_IOC_WAKE, w, woken, 5);	/* out only */
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_WOKEN);	/* not woken by those */
	memset(&s, 0, sizeof(s));
	s.handle = h;
	s.flags = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_STOP, &s));
	s.flags = 1U << 31;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_STOP, &s));
	s.flags = 0;
	EINVAL_WITH(fd, KB_IOC_STOP, s, reserved[0], 1);
	EINVAL_WITH(fd, KB_IOC_STOP, s, result, 5);	/* out only */
	EINVAL_WITH(fd, KB_IOC_STOP, s, status, 0xff);	/* out only */
	memset(&a, 0, sizeof(a));
	a.handle = h;
	a.flags = 1;
	a.info_ptr = (uint64_t)(uintptr_t)&i;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_INFO, &a));
	a.flags = 0;
	EINVAL_WITH(fd, KB_IOC_INFO, a, reserved[1], 1);
	EINVAL_WITH(fd, KB_IOC_INFO, a, mask_size, 8);	/* out only */
	/* still there and untouched */
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & (KB_STATUS_WOKEN | KB_STATUS_STOPPED));
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
	/* zeroed, they work */
	memset(&w, 0, sizeof(w));
	w.handle = h;
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_WAKE, &w));
	ASSERT_EQ(1, w.woken);
	memset(&s, 0, sizeof(s));
	s.handle = h;
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_STOP, &s));
}

TEST(unknown_commands)
{
	int fd = open_dev();
	struct kb_wake w;
	char buf[256];

	memset(&w, 0, sizeof(w));
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IO(KB_IOC_MAGIC, 0x1F), NULL));
	/* 0x0E is the first number after KB_IOC_BENCH */
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IO(KB_IOC_MAGIC, 0x0E), NULL));
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IOWR(KB_IOC_MAGIC, 0x0E,
					      struct kb_create), buf));
	/* PARK's number with another size or direction */
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IO(KB_IOC_MAGIC, 0x07), NULL));
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IOWR(KB_IOC_MAGIC, 0x07,
					      struct kb_create), buf));
	/* known number, wrong size or direction */
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IOWR(KB_IOC_MAGIC, 0x01,
					      struct kb_wake), &w));
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IOR(KB_IOC_MAGIC, 0x01,
					     struct kb_create), buf));
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IOR(KB_IOC_MAGIC, 0x00,
					     struct kb_version), buf));
	/* ABI 1's numbers are gone (other sizes) */
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IOR(KB_IOC_MAGIC, 0x00, char[16]),
				    buf));
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IOWR(KB_IOC_MAGIC, 0x03, char[16]),
				    buf));
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IO(KB_IOC_MAGIC, 0x04), NULL));
	/* another magic */
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, _IOWR(0xBD, 0x01, struct kb_create),
				    buf));
	ASSERT_EQ(-ENOTTY, kb_ioctl(fd, TCGETS, buf));
	ASSERT_EQ(0, isatty(fd));
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}

TEST(null_arg_efault)
{
	int fd = open_dev();
	unsigned long cmds[] = { KB_IOC_VERSION, KB_IOC_CREATE, KB_IOC_RUN,
				 KB_IOC_WAKE, KB_IOC_STOP, KB_IOC_INFO,
				 KB_IOC_LIST, KB_IOC_PARK, KB_IOC_UNPARK,
				 KB_IOC_SCHED, KB_IOC_AFFINITY, KB_IOC_SIGNAL,
				 KB_IOC_BATCH, KB_IOC_BENCH };
	size_t n;

	create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_null", NULL);
	for (n = 0; n < sizeof(cmds) / sizeof(cmds[0]); n++) {
		if (kb_ioctl(fd, cmds[n], NULL) != -EFAULT)
			TH_LOG("command 0x%lx", cmds[n]);
		ASSERT_EQ(-EFAULT, kb_ioctl(fd, cmds[n], NULL));
	}
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
}

/*
 * A page that faults on any access: mapped PROT_NONE, so unlike an
 * munmap()ed page no later mmap() can hand it out again.
 */
static void *fault_page(void)
{
	void *p = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p != MAP_FAILED);
	return p;
}

/* An address with nothing mapped; use it before the next mmap(). */
static void *unmapped_page(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(0, munmap(p, (size_t)pg));
	return p;
}

TEST(bad_user_pointers)
{
	int fd = open_dev();
	long pg = sysconf(_SC_PAGESIZE);
	void *ro, *none = fault_page();
	struct kb_info_arg a;
	struct kb_list l;
	struct kb_info i;
	uint32_t h;

	ro = mmap(NULL, (size_t)pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		  -1, 0);
	ASSERT_TRUE(ro != MAP_FAILED);
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_ptr", NULL);
	ASSERT_EQ(-EFAULT, kb_thread_info(fd, h, NULL));
	ASSERT_EQ(-EFAULT, kb_thread_info(fd, h, unmapped_page()));
	ASSERT_EQ(-EFAULT, kb_thread_info(fd, h, none));
	/* read-only memory cannot take the info */
	ASSERT_EQ(-EFAULT, kb_thread_info(fd, h, ro));
	memset(&a, 0, sizeof(a));
	a.handle = h;
	a.info_ptr = 0xffff888000000000ULL;	/* kernel address */
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_INFO, &a));
	/* a good pointer still works afterwards */
	info_ok(fd, h, &i);
	memset(&l, 0, sizeof(l));
	l.capacity = 4;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_LIST, &l));
	ASSERT_EQ(-EFAULT, kb_thread_list(fd, NULL, 1));
	ASSERT_EQ(-EFAULT, kb_thread_list(fd, none, 4));
	ASSERT_EQ(-EFAULT, kb_thread_list(fd, ro, 4));
	ASSERT_EQ(-EFAULT, kb_thread_list(fd, unmapped_page(), 4));
	/* capacity 0 with a NULL array just counts */
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
	/* the ioctl argument itself */
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_VERSION, none));
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_VERSION, ro));
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_CREATE, none));
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_CREATE, unmapped_page()));
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_WAKE, none));
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_STOP, none));
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_INFO, none));
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_LIST, none));
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & (KB_STATUS_WOKEN | KB_STATUS_STOPPED));
}

/* A page holding *obj, then made read-only. */
static void *readonly_copy(const void *obj, size_t len)
{
	long pg = sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p != MAP_FAILED);
	memcpy(p, obj, len);
	ASSERT_EQ(0, mprotect(p, (size_t)pg, PROT_READ));
	return p;
}

/*
 * CREATE/RUN whose struct can be read but not written back: -EFAULT, and
 * since nobody learnt the handle, no thread may be left behind.
 */
TEST(create_unwritable_arg_leaves_nothing)
{
	const char *name = "kb_ro_create";
	int fd = open_dev();
	struct kb_create c;

	valid_create(&c, KB_WORKLOAD_IDLE, 0);
	strcpy(c.name, name);
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_CREATE,
				    readonly_copy(&c, sizeof(c))));
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_RUN,
				    readonly_copy(&c, sizeof(c))));
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
	ASSERT_TRUE(WAIT_UNTIL(count_comm(name) == 0, WAIT_MS));
	/* the file still works */
	create_ok(fd, KB_WORKLOAD_IDLE, 0, name, NULL);
	ASSERT_EQ(1, count_comm(name));
}

/*
 * Items 6 and 13 (ABI 2): STOP whose struct cannot be written back is
 * -EFAULT with nothing done: the result would be lost, so the module
 * checks first. The thread and its handle stay; a good STOP then works.
 */
TEST(stop_unwritable_arg_does_nothing)
{
	int fd = open_dev();
	struct kb_stop s;
	struct kb_info i;
	uint32_t pid, h, status;
	int32_t result;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_ro_stop", &pid);
	wait_sleeping(fd, h, &i);
	memset(&s, 0, sizeof(s));
	s.handle = h;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_STOP,
				    readonly_copy(&s, sizeof(s))));
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_STOPPED);
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
	ASSERT_TRUE(pid_exists((pid_t)pid));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, NULL));
	ASSERT_EQ(0, result);
	ASSERT_EQ(KB_STATUS_STOPPED, status & KB_STATUS_STOPPED);
	wait_pid_gone((pid_t)pid);
}

/* Item 6: STOP with a bad info_ptr: -EFAULT before the stop, no result lost. */
TEST(stop_bad_info_ptr_does_nothing)
{
	int fd = open_dev();
	struct kb_info i, fin;
	uint32_t pid, h, status;
	int32_t result;
	void *ro;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_stopfault", &pid);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(-EFAULT, kb_thread_stop(fd, h, NULL, NULL, fault_page()));
	ro = readonly_copy(&i, sizeof(i));
	ASSERT_EQ(-EFAULT, kb_thread_stop(fd, h, NULL, NULL, ro));
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_STOPPED);
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	ASSERT_EQ(0, result);
	ASSERT_EQ(status, fin.status);
	ASSERT_EQ(h, fin.handle);
	wait_pid_gone((pid_t)pid);
}

/* Item 13: WAKE with a read-only struct is -EFAULT and wakes nothing. */
TEST(wake_unwritable_arg_does_nothing)
{
	int fd = open_dev();
	struct kb_wake w;
	struct kb_info i;
	uint32_t h;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_ro_wake", NULL);
	memset(&w, 0, sizeof(w));
	w.handle = h;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_WAKE,
				    readonly_copy(&w, sizeof(w))));
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & (KB_STATUS_WOKEN | KB_STATUS_ENTERED));
	ASSERT_EQ(0, i.wake_ns);
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	wait_status(fd, h, KB_STATUS_ENTERED, &i);
}
