// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * ABI 2 (the project's issue 12): the behaviour each numbered item of the
 * issue decided, one or more tests per item, named in the comments.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kb_tests.h"

/* The highest online CPU (the guests' CPUs are 0..n-1, all online). */
static int last_cpu(void)
{
	return online_cpus() - 1;
}

static int run_bound(int fd, uint32_t workload, uint64_t arg,
		     const char *name, int cpu)
{
	return kb_thread_run(fd, workload, arg, name, cpu, 0, 0, NULL);
}

/*
 * A SCHED_FIFO SPIN thread bound to cpu for ms: a normal-policy thread
 * woken there cannot run until it is done (RT throttling leaves others
 * 50 ms per second only after 950 ms of it). Returns its handle.
 */
static uint32_t hog_cpu_(int fd, int cpu, unsigned int ms)
{
	struct kb_info i;
	int h;

	h = run_bound(fd, KB_WORKLOAD_SPIN, (uint64_t)ms * MS_NS, "kb_hog",
		      cpu);
	ASSERT_LE(1, h);
	ASSERT_EQ(NICE_OR_EPERM(0),
		  kb_thread_sched(fd, (uint32_t)h, KB_SCHED_FIFO, 0));
	if (!have_cap(CAP_SYS_NICE)) {
		ASSERT_EQ(0, kb_thread_stop(fd, (uint32_t)h, NULL, NULL, NULL));
		SKIP("a SCHED_FIFO hog needs CAP_SYS_NICE (-EPERM checked)");
	}
	wait_status(fd, (uint32_t)h, KB_STATUS_ENTERED, &i);
	return (uint32_t)h;
}
#define hog_cpu(...)	HARNESS_CALL(hog_cpu_(__VA_ARGS__))

static void need_two_cpus(void)
{
	if (online_cpus() < 2)
		SKIP("needs two online CPUs");
}

/* ------------------------------------------------------------------ */
/* Item 1: AFFINITY does not undo a bind                                */

TEST(affinity_bound_refused)
{
	int fd = open_dev(), cpu = last_cpu(), h;
	uint64_t mask = 1, all = ~0ULL, got = 0;
	struct kb_info i;

	h = run_bound(fd, KB_WORKLOAD_IDLE, 0, "kb_bound_aff", cpu);
	ASSERT_LE(1, h);
	wait_sleeping(fd, (uint32_t)h, &i);
	ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, (uint32_t)h, &mask, 1));
	ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, (uint32_t)h, &all, 1));
	info_ok(fd, (uint32_t)h, &i);
	ASSERT_EQ(KB_STATUS_BOUND, i.status & (KB_STATUS_BOUND |
					       KB_STATUS_MOVED));
	ASSERT_EQ(cpu, i.bound_cpu);
	ASSERT_EQ(1, i.nr_cpus_allowed);
	ASSERT_LE(1, kb_thread_cpus(fd, (uint32_t)h, &got, 1));
	ASSERT_EQ(1ULL << cpu, got);
	/* woken again, it still runs on its CPU */
	ASSERT_LE(0, kb_thread_wake(fd, (uint32_t)h));
	wait_sleeping(fd, (uint32_t)h, &i);
	ASSERT_EQ(cpu, i.cpu);
	/* never woken: refused as well */
	h = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_bound_aff", cpu, 0,
			     NULL);
	ASSERT_LE(1, h);
	ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, (uint32_t)h, &mask, 1));
	got = 0;
	ASSERT_LE(1, kb_thread_cpus(fd, (uint32_t)h, &got, 1));
	ASSERT_EQ(1ULL << cpu, got);
}

/* ------------------------------------------------------------------ */
/* Item 2: events only for handles user space received                 */

TEST(run_wait_entry_timeout_leaves_nothing)
{
	int fd = open_dev(), cpu = last_cpu(), h;
	struct kb_event ev[8];
	uint64_t deadline;
	uint32_t hog;

	need_two_cpus();
	hog = hog_cpu(fd, cpu, 10000);
	deadline = now_ns() + 50 * MS_NS;
	h = kb_thread_run(fd, KB_WORKLOAD_EXIT, 7, "kb_wentry_to", cpu,
			  KB_CREATE_WAIT_ENTRY, deadline, NULL);
	ASSERT_EQ(-ETIMEDOUT, h);
	ASSERT_LE(deadline, now_ns());
	/* no handle: only the hog is listed, the thread itself is gone */
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
	ASSERT_TRUE(WAIT_UNTIL(count_comm("kb_wentry_to") == 0, WAIT_MS));
	/* and no event: the hog's is the only one */
	ASSERT_EQ(0, kb_thread_stop(fd, hog, NULL, NULL, NULL));
	ASSERT_EQ(1, kb_read_events(fd, ev, 8, WAIT_MS));
	ASSERT_EQ(hog, ev[0].handle);
	ASSERT_EQ(0, kb_read_events(fd, ev, 8, 300));
}

/* CREATE whose struct is read-only: nothing made, so no event either. */
TEST(create_refused_posts_no_event)
{
	int fd = open_dev();
	long pg = sysconf(_SC_PAGESIZE);
	struct kb_create c, *ro;
	struct kb_event ev[4];

	valid_create(&c, KB_WORKLOAD_EXIT, 3);
	ro = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(ro != MAP_FAILED);
	memcpy(ro, &c, sizeof(c));
	ASSERT_EQ(0, mprotect(ro, (size_t)pg, PROT_READ));
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_RUN, ro));
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
	ASSERT_EQ(0, kb_read_events(fd, ev, 4, 300));
}

/* ------------------------------------------------------------------ */
/* Item 3: every struct has flags and reserved space, checked           */

TEST(structs_room_to_grow_checked)
{
	int fd = open_dev();
	struct kb_batch_item items[2];
	struct kb_create tmpl;
	struct kb_affinity a;
	struct kb_signal sg;
	struct kb_bench bn;
	struct kb_batch b;
	struct kb_list l;
	uint64_t mask = 1;
	uint32_t h;

	ASSERT_EQ(0, sizeof(struct kb_version) % 8);
	ASSERT_EQ(0, sizeof(struct kb_create) % 8);
	ASSERT_EQ(0, sizeof(struct kb_wake) % 8);
	ASSERT_EQ(0, sizeof(struct kb_stop) % 8);
	ASSERT_EQ(0, sizeof(struct kb_info_arg) % 8);
	ASSERT_EQ(0, sizeof(struct kb_info) % 8);
	ASSERT_EQ(0, sizeof(struct kb_list) % 8);
	ASSERT_EQ(0, sizeof(struct kb_park) % 8);
	ASSERT_EQ(0, sizeof(struct kb_sched) % 8);
	ASSERT_EQ(0, sizeof(struct kb_affinity) % 8);
	ASSERT_EQ(0, sizeof(struct kb_signal) % 8);
	ASSERT_EQ(0, sizeof(struct kb_batch_item) % 8);
	ASSERT_EQ(0, sizeof(struct kb_batch) % 8);
	ASSERT_EQ(0, sizeof(struct kb_bench) % 8);
	ASSERT_EQ(0, sizeof(struct kb_event) % 8);

	/* BENCH: flags, reserved and the out fields */
	memset(&bn, 0, sizeof(bn));
	bn.op = KB_BENCH_CYCLE;
	bn.count = 1;
	EINVAL_WITH(fd, KB_IOC_BENCH, bn, flags, 1);
	EINVAL_WITH(fd, KB_IOC_BENCH, bn, reserved0, 1);
	EINVAL_WITH(fd, KB_IOC_BENCH, bn, reserved[1], 1);
	EINVAL_WITH(fd, KB_IOC_BENCH, bn, elapsed_ns, 1);
	EINVAL_WITH(fd, KB_IOC_BENCH, bn, min_ns, 1);
	EINVAL_WITH(fd, KB_IOC_BENCH, bn, max_ns, 1);
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_BENCH, &bn));
	ASSERT_LT(0, bn.elapsed_ns);

	/* BATCH items: every field but handle is zero on input */
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	memset(items, 0, sizeof(items));
	memset(&b, 0, sizeof(b));
	b.op = KB_BATCH_CREATE;
	b.count = 2;
	b.items_ptr = (uint64_t)(uintptr_t)items;
	b.create_ptr = (uint64_t)(uintptr_t)&tmpl;
	EINVAL_WITH(fd, KB_IOC_BATCH, b, flags, 1);
	EINVAL_WITH(fd, KB_IOC_BATCH, b, done, 1);
	EINVAL_WITH(fd, KB_IOC_BATCH, b, reserved[0], 1);
#define BATCH_EINVAL(field, val) \
	EINVAL_SET(items[1].field, val, kb_ioctl(fd, KB_IOC_BATCH, &b))
	BATCH_EINVAL(error, 1);
	BATCH_EINVAL(value, 1);
	BATCH_EINVAL(status, 1);
	BATCH_EINVAL(flags, 1);
	BATCH_EINVAL(reserved0, 1);
	BATCH_EINVAL(reserved1, 1);
	BATCH_EINVAL(handle, 3);	/* out for CREATE */
#undef BATCH_EINVAL
	/* refused whole: the first (good) item made nothing */
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_BATCH, &b));
	ASSERT_EQ(2, b.done);
	h = items[0].handle;

	/* LIST */
	memset(&l, 0, sizeof(l));
	EINVAL_WITH(fd, KB_IOC_LIST, l, flags, 1);
	EINVAL_WITH(fd, KB_IOC_LIST, l, count, 1);
	EINVAL_WITH(fd, KB_IOC_LIST, l, reserved0, 1);
	EINVAL_WITH(fd, KB_IOC_LIST, l, reserved[0], 1);
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_LIST, &l));
	ASSERT_EQ(2, l.count);

	/* AFFINITY */
	memset(&a, 0, sizeof(a));
	a.handle = h;
	a.mask_len = 8;
	a.mask_ptr = (uint64_t)(uintptr_t)&mask;
	EINVAL_WITH(fd, KB_IOC_AFFINITY, a, flags, 1);
	EINVAL_WITH(fd, KB_IOC_AFFINITY, a, reserved0, 1);
	EINVAL_WITH(fd, KB_IOC_AFFINITY, a, reserved[1], 1);
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_AFFINITY, &a));

	/* SIGNAL: the out fields and reserved; checked before the workload */
	memset(&sg, 0, sizeof(sg));
	sg.handle = h;
	EINVAL_WITH(fd, KB_IOC_SIGNAL, sg, seq, 1);
	EINVAL_WITH(fd, KB_IOC_SIGNAL, sg, signal_ns, 1);
	EINVAL_WITH(fd, KB_IOC_SIGNAL, sg, running_ns, 1);
	EINVAL_WITH(fd, KB_IOC_SIGNAL, sg, reserved[0], 1);
	EINVAL_WITH(fd, KB_IOC_SIGNAL, sg, timeout_ns, 1);	/* no WAIT */
}

/* ------------------------------------------------------------------ */
/* Item 4: INFO reports a CPU mask of any size                          */

TEST(info_cpu_mask_any_size)
{
	int fd = open_dev(), words, k, ret;
	uint64_t m[KB_MASK_MAX / 8 + 4], sys[KB_MASK_MAX / 8];
	struct kb_info_arg a;
	struct kb_info i;
	uint32_t h, pid;

	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_mask", &pid);
	wait_sleeping(fd, h, &i);
	words = kb_thread_cpus(fd, h, NULL, 0);	/* size query */
	ASSERT_LE(1, words);
	ASSERT_LE(online_cpus(), words * 64);
	memset(m, 0xa5, sizeof(m));
	ASSERT_EQ(words, kb_thread_cpus(fd, h, m, KB_MASK_MAX / 8));
	for (k = words; k < KB_MASK_MAX / 8 + 4; k++)
		ASSERT_EQ(0xa5a5a5a5a5a5a5a5ULL, m[k]);	/* nothing past it */
	/* what sched_getaffinity() says of the same task */
	memset(sys, 0, sizeof(sys));
	ret = (int)syscall(SYS_sched_getaffinity, (pid_t)pid, sizeof(sys), sys);
	ASSERT_LE(8, ret);
	for (k = 0; k < words && k < ret / 8; k++)
		ASSERT_EQ(sys[k], m[k]);
	ASSERT_EQ(i.nr_cpus_allowed, (uint32_t)__builtin_popcountll(m[0]) +
		  (words > 1 ? (uint32_t)__builtin_popcountll(m[1]) : 0));
	/* after AFFINITY: the new mask, via the 8192-CPU layout AFFINITY takes */
	memset(sys, 0, sizeof(sys));
	sys[0] = 1;
	ASSERT_EQ(0, kb_thread_affinity(fd, h, sys, KB_MASK_MAX / 8));
	memset(m, 0xa5, sizeof(m));
	ASSERT_EQ(words, kb_thread_cpus(fd, h, m, KB_MASK_MAX / 8));
	ASSERT_EQ(1, m[0]);
	for (k = 1; k < words; k++)
		ASSERT_EQ(0, m[k]);
	/* a buffer shorter than the mask: cut, the size still reported */
	memset(m, 0xa5, sizeof(m));
	ASSERT_EQ(words, kb_thread_cpus(fd, h, m, 1));
	ASSERT_EQ(1, m[0]);
	ASSERT_EQ(0xa5a5a5a5a5a5a5a5ULL, m[1]);
	/* the lengths INFO takes */
	memset(&a, 0, sizeof(a));
	a.handle = h;
	a.info_ptr = (uint64_t)(uintptr_t)&i;
	a.mask_ptr = (uint64_t)(uintptr_t)m;
	a.mask_len = 12;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_INFO, &a));
	a.mask_len = KB_MASK_MAX + 8;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_INFO, &a));
	a.mask_len = 0;		/* a pointer without a length */
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_INFO, &a));
	a.mask_ptr = 0;		/* a length without a pointer */
	a.mask_len = 8;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_INFO, &a));
	a.mask_len = 0;
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_INFO, &a));
	ASSERT_EQ((uint32_t)words * 8, a.mask_size);
	/* an unwritable mask buffer */
	a.mask_size = 0;
	a.mask_ptr = 8;
	a.mask_len = 8;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_INFO, &a));
}

/* ------------------------------------------------------------------ */
/* Item 5: -ESRCH for a thread that has exited, from every command      */

static void exited_esrch_(int fd, uint32_t h)
{
	struct kb_batch_item item;
	uint64_t mask = 1;
	struct kb_info i;

	ASSERT_EQ(-ESRCH, kb_thread_wake(fd, h));
	ASSERT_EQ(-ESRCH, kb_thread_wake_flags(fd, h, KB_WAKE_WAIT_ENTRY,
					       DEADLINE(WAIT_MS), NULL));
	ASSERT_EQ(-ESRCH, kb_thread_park(fd, h));
	ASSERT_EQ(-ESRCH, kb_thread_unpark(fd, h));
	ASSERT_EQ(NICE_OR_EPERM(-ESRCH),
		  kb_thread_sched(fd, h, KB_SCHED_FIFO, 0));
	ASSERT_EQ(-ESRCH, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 0));
	ASSERT_EQ(-ESRCH, kb_thread_affinity(fd, h, &mask, 1));
	memset(&item, 0, sizeof(item));
	item.handle = h;
	ASSERT_EQ(0, kb_batch(fd, KB_BATCH_WAKE, NULL, &item, 1));
	ASSERT_EQ(-ESRCH, (int32_t)item.error);
	/* INFO and STOP work on it */
	info_ok(fd, h, &i);
	ASSERT_NE(0, i.status & (KB_STATUS_EXITED | KB_STATUS_STOPPED));
	ASSERT_EQ(0, i.pid);	/* item 10: exited, the pid is not reported */
}
#define exited_esrch(...)	HARNESS_CALL_VOID(exited_esrch_(__VA_ARGS__))

static void exited_esrch_body(void)
{
	int fd = open_dev();
	struct kb_info i;
	int32_t result;
	uint32_t h, hw;

	/* threadfn returned */
	h = run_ok(fd, KB_WORKLOAD_EXIT, 4, "kb_esrch", NULL);
	wait_status(fd, h, KB_STATUS_EXITED, &i);
	exited_esrch(fd, h);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(4, result);
	/* stopped by the autostop, handle kept: the WAIT workload too */
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_esrch", NULL);
	hw = create_ok(fd, KB_WORKLOAD_WAIT, 0, "kb_esrch", NULL);
	wait_status(fd, h, KB_STATUS_AUTOSTOPPED, &i);
	wait_status(fd, hw, KB_STATUS_AUTOSTOPPED, &i);
	exited_esrch(fd, h);
	exited_esrch(fd, hw);
	ASSERT_EQ(-ESRCH, kb_thread_signal(fd, hw, 0, 0, NULL, NULL, NULL));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(-EINTR, result);
	/* the handle is gone after STOP: -ENOENT from then on */
	ASSERT_EQ(-ENOENT, kb_thread_wake(fd, h));
}

TEST(exited_thread_esrch_everywhere)
{
	with_param("unwoken_timeout_ms", 200, exited_esrch_body);
}

/* ------------------------------------------------------------------ */
/* Item 6: results are not lost when a wait fails after the action      */

TEST(wait_timeouts_report_the_action)
{
	int fd = open_dev(), cpu = last_cpu(), hw, h;
	uint64_t seq = 0, sns = 0, rns = 5, deadline;
	struct kb_info i;
	uint32_t hog, woken = 7;

	need_two_cpus();
	hw = run_bound(fd, KB_WORKLOAD_WAIT, 0, "kb_to_wait", cpu);
	ASSERT_LE(1, hw);
	wait_sleeping(fd, (uint32_t)hw, &i);
	h = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_to_wake", cpu, 0,
			     NULL);
	ASSERT_LE(1, h);
	hog = hog_cpu(fd, cpu, 10000);
	/* WAKE|WAIT_ENTRY: woke it, it cannot enter in time */
	deadline = now_ns() + 50 * MS_NS;
	ASSERT_EQ(-ETIMEDOUT, kb_thread_wake_flags(fd, (uint32_t)h,
						   KB_WAKE_WAIT_ENTRY,
						   deadline, &woken));
	ASSERT_EQ(1, woken);
	info_ok(fd, (uint32_t)h, &i);	/* handle kept (item 13) */
	ASSERT_EQ(KB_STATUS_WOKEN, i.status & KB_STATUS_WOKEN);
	/* SIGNAL|WAIT: sent, the thread cannot run in time */
	deadline = now_ns() + 50 * MS_NS;
	ASSERT_EQ(-ETIMEDOUT, kb_thread_signal(fd, (uint32_t)hw,
					       KB_SIGNAL_WAIT, deadline,
					       &seq, &sns, &rns));
	ASSERT_EQ(1, seq);
	ASSERT_LT(0, sns);
	ASSERT_EQ(0, rns);
	/* once the hog is done, both went ahead */
	ASSERT_EQ(0, kb_thread_stop(fd, hog, NULL, NULL, NULL));
	wait_status(fd, (uint32_t)h, KB_STATUS_ENTERED, &i);
	ASSERT_TRUE(WAIT_UNTIL(kb_thread_info(fd, (uint32_t)hw, &i) == 0 &&
			       i.iterations == 1, WAIT_MS));
	ASSERT_EQ(sns, i.signal_ns);
}

/* ------------------------------------------------------------------ */
/* Item 8: caller-chosen absolute timeouts, interruptible, restartable  */

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void alarm_in(unsigned int ms, bool restart)
{
	struct itimerval it = { .it_value = { .tv_sec = ms / 1000,
					      .tv_usec = (ms % 1000) * 1000 } };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(0, sigaction(SIGALRM, &sa, NULL));
	ASSERT_EQ(0, setitimer(ITIMER_REAL, &it, NULL));
}

TEST(waits_interruptible_and_restartable)
{
	int fd = open_dev(), cpu = last_cpu(), ret;
	uint64_t t0, deadline;
	struct kb_info i;
	uint32_t h, hog, woken = 7;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_intr", NULL);
	ASSERT_EQ(0, kb_thread_park(fd, h));	/* it can never enter */
	/* a signal without SA_RESTART: -EINTR, nothing written */
	alarms = 0;
	alarm_in(100, false);
	t0 = now_ns();
	ret = kb_thread_wake_flags(fd, h, KB_WAKE_WAIT_ENTRY,
				   KB_TIMEOUT_INFINITE, &woken);
	ASSERT_EQ(-EINTR, ret);
	ASSERT_EQ(1, alarms);
	ASSERT_LE(t0 + 90 * MS_NS, now_ns());
	ASSERT_EQ(7, woken);
	/* with SA_RESTART: restarted with the same absolute deadline */
	alarms = 0;
	alarm_in(100, true);
	t0 = now_ns();
	deadline = t0 + 600 * MS_NS;
	ASSERT_EQ(-ETIMEDOUT, kb_thread_wake_flags(fd, h, KB_WAKE_WAIT_ENTRY,
						   deadline, NULL));
	ASSERT_EQ(1, alarms);
	ASSERT_LE(deadline, now_ns());
	info_ok(fd, h, &i);
	ASSERT_EQ(KB_STATUS_PARKED, i.status & (KB_STATUS_PARKED |
						KB_STATUS_ENTERED));
	if (online_cpus() < 2)
		return;
	/* RUN|WAIT_ENTRY interrupted: undone like a timeout (item 2) */
	hog = hog_cpu(fd, cpu, 10000);
	alarms = 0;
	alarm_in(50, false);
	ret = kb_thread_run(fd, KB_WORKLOAD_IDLE, 0, "kb_intr_run", cpu,
			    KB_CREATE_WAIT_ENTRY, KB_TIMEOUT_INFINITE, NULL);
	ASSERT_EQ(-EINTR, ret);
	ASSERT_EQ(2, kb_thread_list(fd, NULL, 0));	/* h and the hog */
	ASSERT_EQ(0, kb_thread_stop(fd, hog, NULL, NULL, NULL));
	ASSERT_TRUE(WAIT_UNTIL(count_comm("kb_intr_run") == 0, WAIT_MS));
}

/* ------------------------------------------------------------------ */
/* Item 9: closing a full file does not hold anything up                */

static void close_full_body(void)
{
	static struct kb_batch_item items[KB_BATCH_MAX];
	uint64_t t0, took_close, worst = 0, op;
	int fd = open_dev(), fd2 = open_dev(), k;
	unsigned long nr = 0;
	struct kb_create tmpl;
	struct kb_info i;
	uint32_t h;

	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	strcpy(tmpl.name, "kb_full");
	k = kb_batch(fd, KB_BATCH_RUN, &tmpl, items, KB_THREADS_PER_FILE_MAX);
	if (k != KB_THREADS_PER_FILE_MAX)
		TH_LOG("item %d: %s (the guest's threads-max or memory?)", k,
		       strerror(-(int32_t)items[k].error));
	ASSERT_EQ(KB_THREADS_PER_FILE_MAX, k);
	ASSERT_EQ(-EMFILE, kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_full",
					    -1, 0, NULL));
	h = create_ok(fd2, KB_WORKLOAD_IDLE, 0, "kb_other", NULL);
	t0 = now_ns();
	ASSERT_EQ(0, kb_close(fd));
	took_close = now_ns() - t0;
	/* the stops go on behind close(): other files are served meanwhile */
	for (k = 0; k < 20; k++) {
		uint32_t x;

		op = now_ns();
		info_ok(fd2, h, &i);
		x = run_ok(fd2, KB_WORKLOAD_IDLE, 0, "kb_other", NULL);
		ASSERT_EQ(0, kb_thread_stop(fd2, x, NULL, NULL, NULL));
		op = now_ns() - op;
		if (op > worst)
			worst = op;
	}
	ASSERT_EQ(0, read_param("nr_threads", &nr));
	TH_LOG("close() of %d threads took %.1f ms; %lu threads left then; "
	       "slowest create+stop on another file meanwhile %.1f ms",
	       KB_THREADS_PER_FILE_MAX, took_close / 1e6, nr, worst / 1e6);
	ASSERT_LT(took_close, 500 * MS_NS);
	ASSERT_LT(worst, 2000 * MS_NS);
	/* the teardown itself: seconds, minutes under KASAN and lockdep */
	t0 = now_ns();
	ASSERT_TRUE(WAIT_UNTIL(read_param("nr_threads", &nr) == 0 && nr == 1,
			       240000));
	TH_LOG("the teardown ended %.1f s later", (now_ns() - t0) / 1e9);
	ASSERT_EQ(0, count_comm("kb_full"));
}

TEST(close_full_file_returns_at_once)
{
	unsigned long v;

	need_root("writes max_threads_per_file");
	/* the per-file limit is bounded */
	ASSERT_EQ(0, read_param("max_threads_per_file", &v));
	ASSERT_GE(KB_THREADS_PER_FILE_MAX, v);
	ASSERT_EQ(-EINVAL, write_param("max_threads_per_file",
				       KB_THREADS_PER_FILE_MAX + 1));
	ASSERT_EQ(0, read_param("max_threads_per_file", &v));
	ASSERT_GE(KB_THREADS_PER_FILE_MAX, v);
	with_param("max_threads_per_file", KB_THREADS_PER_FILE_MAX,
		   close_full_body);
}

/* ------------------------------------------------------------------ */
/* Item 10: identity that survives pid reuse                            */

TEST(pid_and_start_time_identify_the_task)
{
	int fd = open_dev();
	long hz = sysconf(_SC_CLK_TCK);
	struct kb_info i, fin;
	struct kb_create c;
	uint32_t h, pid;

	valid_create(&c, KB_WORKLOAD_IDLE, 0);
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_RUN, &c));
	h = c.handle;
	pid = c.pid;
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(pid, i.pid);
	ASSERT_LT(0, i.start_time_ns);
	ASSERT_EQ(c.start_time_ns, i.start_time_ns);
	/* what /proc shows of that pid is this thread */
	ASSERT_EQ((long long)(i.start_time_ns / (S_NS / (uint64_t)hz)),
		  proc_start_ticks((pid_t)pid));
	ASSERT_EQ(0, kb_thread_stop(fd, h, NULL, NULL, &fin));
	ASSERT_EQ(0, fin.pid);	/* exited: the number may be reused now */
	ASSERT_EQ(i.start_time_ns, fin.start_time_ns);
	ASSERT_TRUE(WAIT_UNTIL(proc_start_ticks((pid_t)pid) !=
			       (long long)(i.start_time_ns /
					   (S_NS / (uint64_t)hz)), WAIT_MS));
	/* an EXIT thread: pid 0 as soon as it exited */
	h = run_ok(fd, KB_WORKLOAD_EXIT, 0, "kb_ident", &pid);
	wait_status(fd, h, KB_STATUS_EXITED, &i);
	ASSERT_EQ(0, i.pid);
	ASSERT_LT(0, i.start_time_ns);
}

/* ------------------------------------------------------------------ */
/* Item 11: bound threads on their CPU's node; moved off by hotplug     */

TEST(bound_thread_name_verbatim)
{
	int fd = open_dev(), cpu = last_cpu(), h;
	const char *name = "kb%s%d%%n%";
	struct kb_info i;

	/* kthread_create_on_cpu() takes a format: the name must not be one */
	h = run_bound(fd, KB_WORKLOAD_IDLE, 0, name, cpu);
	ASSERT_LE(1, h);
	wait_sleeping(fd, (uint32_t)h, &i);
	ASSERT_STREQ(name, i.comm);
	ASSERT_EQ(cpu, i.cpu);
	ASSERT_EQ(1, count_comm(name));
}

static int cpu_online_write(int cpu, int on)
{
	char path[96];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online",
		 cpu);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, on ? "1" : "0", 1) != 1)
		ret = -errno;
	close(fd);
	return ret;
}

static int hotplug_cpu;

static void moved_body(void)
{
	int fd = open_dev(), h;
	uint64_t mask = 1;
	struct kb_info i;

	h = run_bound(fd, KB_WORKLOAD_IDLE, 0, "kb_hotplug", hotplug_cpu);
	ASSERT_LE(1, h);
	wait_sleeping(fd, (uint32_t)h, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_MOVED);
	ASSERT_EQ(0, cpu_online_write(hotplug_cpu, 0));
	/* woken, the scheduler must run it elsewhere: it is moved */
	ASSERT_LE(0, kb_thread_wake(fd, (uint32_t)h));
	ASSERT_TRUE(WAIT_UNTIL(status_of(fd, (uint32_t)h) & KB_STATUS_MOVED,
			       WAIT_MS));
	wait_sleeping(fd, (uint32_t)h, &i);
	ASSERT_NE(hotplug_cpu, i.cpu);
	ASSERT_EQ(KB_STATUS_BOUND | KB_STATUS_MOVED,
		  i.status & (KB_STATUS_BOUND | KB_STATUS_MOVED));
	ASSERT_EQ(hotplug_cpu, i.bound_cpu);
	ASSERT_LT(1, i.nr_cpus_allowed);
	/* still the kernel's affinity: AFFINITY refused */
	ASSERT_EQ(-EINVAL, kb_thread_affinity(fd, (uint32_t)h, &mask, 1));
	/* the CPU back: the kernel does not bind it again */
	ASSERT_EQ(0, cpu_online_write(hotplug_cpu, 1));
	info_ok(fd, (uint32_t)h, &i);
	ASSERT_EQ(KB_STATUS_MOVED, i.status & KB_STATUS_MOVED);
	ASSERT_EQ(0, kb_thread_stop(fd, (uint32_t)h, NULL, NULL, NULL));
}

TEST(bound_thread_moved_by_hotplug)
{
	int status, ret;
	pid_t pid;

	hotplug_cpu = last_cpu();
	if (hotplug_cpu < 1)
		SKIP("needs a second CPU to take offline");
	ret = cpu_online_write(hotplug_cpu, 1);
	if (ret)
		SKIP("no CPU hotplug here: %s", strerror(-ret));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		moved_body();
		harness_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, cpu_online_write(hotplug_cpu, 1));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}

/* ------------------------------------------------------------------ */
/* Item 12: the small ones that show from user space                   */

TEST(module_version_and_shim_details)
{
	char buf[64];
	int fd = open_dev(), vfd;
	struct kb_event ev;
	uint64_t t0;
	ssize_t n;

	vfd = open("/sys/module/kthread_bridge/version", O_RDONLY | O_CLOEXEC);
	if (vfd >= 0) {
		n = read(vfd, buf, sizeof(buf) - 1);
		close(vfd);
		ASSERT_LT(0, n);
		buf[n] = '\0';
		ASSERT_STREQ("0.1.0\n", buf);
	}
	/* capacity 0 is refused before any wait, even an endless one */
	t0 = now_ns();
	ASSERT_EQ(-EINVAL, kb_read_events(fd, &ev, 0, -1));
	ASSERT_LT(now_ns() - t0, 1000 * MS_NS);
	ASSERT_LE(now_ns() - 5 * MS_NS, kb_monotonic_ns());
}

/* ------------------------------------------------------------------ */
/* Item 13: what the header now states                                  */

TEST(batch_unwritable_items_do_nothing)
{
	long pg = sysconf(_SC_PAGESIZE);
	struct kb_batch_item *ro;
	int fd = open_dev();
	struct kb_create tmpl;
	struct kb_batch b;
	struct kb_info i;
	uint32_t h;

	ro = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(ro != MAP_FAILED);
	memset(ro, 0, (size_t)pg);
	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_ro_batch", NULL);
	ro[0].handle = h;
	ASSERT_EQ(0, mprotect(ro, (size_t)pg, PROT_READ));
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	strcpy(tmpl.name, "kb_ro_batch");
	memset(&b, 0, sizeof(b));
	b.op = KB_BATCH_STOP;
	b.count = 1;
	b.items_ptr = (uint64_t)(uintptr_t)ro;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_BATCH, &b));
	b.op = KB_BATCH_WAKE;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_BATCH, &b));
	info_ok(fd, h, &i);
	ASSERT_EQ(0, i.status & KB_STATUS_STOPPED);
	ASSERT_EQ(0, i.wakeups);
	/* CREATE and RUN: no thread made, as plain CREATE/RUN (no handle) */
	b.op = KB_BATCH_RUN;
	b.items_ptr = (uint64_t)(uintptr_t)(ro + 1);
	b.create_ptr = (uint64_t)(uintptr_t)&tmpl;
	b.count = 3;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_BATCH, &b));
	b.op = KB_BATCH_CREATE;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_BATCH, &b));
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
	ASSERT_EQ(1, count_comm("kb_ro_batch"));
}

TEST(stop_parked_never_woken_runs_threadfn)
{
	int fd = open_dev();
	uint32_t h, status;
	int32_t result;

	/* kthread() checked the stop flag before parking: threadfn runs */
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_stop_pnw", NULL);
	ASSERT_EQ(0, kb_thread_park(fd, h));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, NULL));
	ASSERT_EQ(0, result);	/* IDLE: no wake-ups, not -EINTR */
	ASSERT_EQ(KB_STATUS_ENTERED | KB_STATUS_EXITED | KB_STATUS_STOPPED,
		  status & (KB_STATUS_WOKEN | KB_STATUS_ENTERED |
			    KB_STATUS_EXITED | KB_STATUS_STOPPED));
	h = create_ok(fd, KB_WORKLOAD_EXIT, 5, "kb_stop_pnw", NULL);
	ASSERT_EQ(0, kb_thread_park(fd, h));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, NULL));
	ASSERT_EQ(5, result);
	ASSERT_EQ(0, status & KB_STATUS_WOKEN);
}

static void zero_per_file_body(void)
{
	int fd = open_dev();

	ASSERT_EQ(-EMFILE, kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_zero",
					    -1, 0, NULL));
	ASSERT_EQ(-EMFILE, kb_bench_cycles(fd, 1, NULL, NULL, NULL));
}

static void zero_global_body(void)
{
	int fd = open_dev();

	ASSERT_EQ(-ENFILE, kb_thread_run(fd, KB_WORKLOAD_IDLE, 0, "kb_zero",
					 -1, 0, 0, NULL));
	ASSERT_EQ(-ENFILE, kb_bench_cycles(fd, 1, NULL, NULL, NULL));
}

TEST(zero_limits_and_bench_counted)
{
	/* 0 is a limit of zero threads, not "unlimited"; BENCH counts */
	with_param("max_threads_per_file", 0, zero_per_file_body);
	with_param("max_threads", 0, zero_global_body);
}

static void all_ioctls_(int fd)
{
	struct kb_batch_item item;
	uint32_t version, h, hw;
	uint64_t feat, mask = 1;
	struct kb_create tmpl;
	struct kb_info i;

	ASSERT_EQ(0, kb_abi_version(fd, &version, &feat));
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_mode", NULL);
	ASSERT_EQ(0, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 1));
	ASSERT_EQ(0, kb_thread_affinity(fd, h, &mask, 1));
	ASSERT_EQ(0, kb_thread_park(fd, h));
	ASSERT_EQ(1, kb_thread_unpark(fd, h));
	ASSERT_LE(0, kb_thread_wake(fd, h));
	info_ok(fd, h, &i);
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
	hw = run_ok(fd, KB_WORKLOAD_WAIT, 0, "kb_mode", NULL);
	wait_sleeping(fd, hw, &i);
	ASSERT_EQ(0, kb_thread_signal(fd, hw, KB_SIGNAL_WAIT, DEADLINE(WAIT_MS),
				      NULL, NULL, NULL));
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	memset(&item, 0, sizeof(item));
	ASSERT_EQ(1, kb_batch(fd, KB_BATCH_CREATE, &tmpl, &item, 1));
	ASSERT_EQ(0, kb_bench_cycles(fd, 1, NULL, NULL, NULL));
	ASSERT_EQ(0, kb_thread_stop(fd, h, NULL, NULL, NULL));
	ASSERT_EQ(0, kb_thread_stop(fd, hw, NULL, NULL, NULL));
}
#define all_ioctls(...)	HARNESS_CALL_VOID(all_ioctls_(__VA_ARGS__))

TEST(open_modes_use_every_ioctl)
{
	char buf[sizeof(struct kb_event)];
	int fd;

	fd = open(KB_DEFAULT_PATH, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	ASSERT_LE(0, fd);
	all_ioctls(fd);
	close(fd);
	fd = open(KB_DEFAULT_PATH, O_WRONLY | O_CLOEXEC | O_NONBLOCK);
	ASSERT_LE(0, fd);
	all_ioctls(fd);
	/* read() needs a readable file, as always */
	ASSERT_EQ(-1, read(fd, buf, sizeof(buf)));
	ASSERT_EQ(EBADF, errno);
	close(fd);
}

TEST(inherited_fd_works_unprivileged)
{
	int fd = open_dev(), status;
	pid_t pid;

	if (geteuid() != 0)
		SKIP("needs root");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		uint32_t h;

		ASSERT_EQ(0, setgid(65534));
		ASSERT_EQ(0, setuid(65534));
		ASSERT_EQ(-EACCES, kb_open(NULL));	/* cannot open itself */
		h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_inherit", NULL);
		ASSERT_EQ(0, kb_thread_park(fd, h));
		ASSERT_EQ(0, kb_thread_stop(fd, h, NULL, NULL, NULL));
		harness_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}
