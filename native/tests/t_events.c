// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* Exit events (read/poll), the autostop of unwoken threads, nr_threads. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kb_tests.h"

static int poll_in(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int ret = poll(&p, 1, ms);

	return ret < 0 ? -errno : (p.revents & POLLIN ? 1 : 0);
}

/* Reads exactly one event (WAIT_MS), asserting it came. */
static void one_event_(int fd, struct kb_event *ev)
{
	memset(ev, 0xa5, sizeof(*ev));
	ASSERT_EQ(1, kb_read_events(fd, ev, 1, WAIT_MS));
	ASSERT_EQ(KB_EVENT_EXIT, ev->type);
	ASSERT_EQ(0, ev->reserved0);
	ASSERT_EQ(0, ev->reserved[0] | ev->reserved[1]);
}
#define one_event(...) HARNESS_CALL_VOID(one_event_(__VA_ARGS__))

TEST(events_exit)
{
	int fd = open_dev();
	struct kb_event ev[4];
	struct kb_info i;
	int32_t result;
	uint32_t h, h2;

	ASSERT_EQ(48, sizeof(struct kb_event));
	h = create_ok(fd, KB_WORKLOAD_EXIT, 42, "kb_ev_exit", NULL);
	ASSERT_EQ(0, kb_read_events(fd, ev, 4, 0));
	ASSERT_EQ(0, poll_in(fd, 0));
	ASSERT_EQ(1, kb_thread_wake(fd, h));
	one_event(fd, ev);
	ASSERT_EQ(h, ev[0].handle);
	ASSERT_EQ(42, (int32_t)ev[0].result);
	ASSERT_EQ(KB_STATUS_ENTERED | KB_STATUS_EXITED,
		  ev[0].status & (KB_STATUS_ENTERED | KB_STATUS_EXITED));
	ASSERT_EQ(0, ev[0].lost);
	info_ok(fd, h, &i);
	ASSERT_EQ(i.exit_ns, ev[0].time_ns);
	/* drained; its STOP posts nothing more */
	ASSERT_EQ(0, poll_in(fd, 0));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, NULL));
	ASSERT_EQ(42, result);
	ASSERT_EQ(0, kb_read_events(fd, ev, 4, 100));
	/* several in one read, in the order they were posted */
	h = run_ok(fd, KB_WORKLOAD_EXIT, 1, "kb_ev_exit", NULL);
	ASSERT_EQ(1, poll_in(fd, WAIT_MS));
	h2 = run_ok(fd, KB_WORKLOAD_EXIT, 2, "kb_ev_exit", NULL);
	wait_status(fd, h2, KB_STATUS_EXITED, &i);
	ASSERT_EQ(2, kb_read_events(fd, ev, 4, 0));
	ASSERT_EQ(h, ev[0].handle);
	ASSERT_EQ(1, (int32_t)ev[0].result);
	ASSERT_EQ(h2, ev[1].handle);
	ASSERT_EQ(2, (int32_t)ev[1].result);
	ASSERT_EQ(0, kb_read_events(fd, ev, 4, 0));
}

TEST(events_stop_posts)
{
	int fd = open_dev();
	struct kb_event ev;
	struct kb_info i, fin;
	int32_t result;
	uint32_t h, status;

	/* never ran: the stop posts -EINTR at stopped_ns */
	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_ev_stop", NULL);
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, &fin));
	ASSERT_EQ(-EINTR, result);
	one_event(fd, &ev);
	ASSERT_EQ(h, ev.handle);
	ASSERT_EQ(-EINTR, (int32_t)ev.result);
	ASSERT_EQ(KB_STATUS_STOPPED, ev.status & (KB_STATUS_STOPPED |
						  KB_STATUS_ENTERED));
	ASSERT_EQ(fin.stopped_ns, ev.time_ns);
	/* ran: threadfn posts its result at exit_ns */
	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_ev_stop", NULL);
	wait_sleeping(fd, h, &i);
	ASSERT_EQ(0, poll_in(fd, 0));
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, NULL, &fin));
	one_event(fd, &ev);
	ASSERT_EQ(h, ev.handle);
	ASSERT_EQ(result, (int32_t)ev.result);
	ASSERT_EQ(fin.exit_ns, ev.time_ns);
	ASSERT_EQ(KB_STATUS_ENTERED | KB_STATUS_EXITED,
		  ev.status & (KB_STATUS_ENTERED | KB_STATUS_EXITED));
	/* one event per thread */
	ASSERT_EQ(0, kb_read_events(fd, &ev, 1, 100));
}

TEST(events_read_poll_contract)
{
	int fd = open_dev(), flags;
	struct kb_event ev[2];
	char buf[sizeof(ev)];
	uint32_t h;

	/* smaller than one record */
	errno = 0;
	ASSERT_EQ(-1, read(fd, buf, sizeof(struct kb_event) - 1));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, read(fd, buf, 0));
	ASSERT_EQ(EINVAL, errno);
	/* empty and non-blocking (the shim opens O_NONBLOCK) */
	ASSERT_EQ(-1, read(fd, buf, sizeof(buf)));
	ASSERT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, poll_in(fd, 0));
	ASSERT_EQ(0, kb_read_events(fd, ev, 2, 50));
	h = run_ok(fd, KB_WORKLOAD_EXIT, 7, "kb_ev_rd", NULL);
	ASSERT_EQ(1, poll_in(fd, WAIT_MS));
	ASSERT_EQ(1, poll_in(fd, 0));	/* poll does not consume */
	/* a buffer of 1.5 records takes one whole record */
	ASSERT_EQ(sizeof(struct kb_event),
		  read(fd, buf, sizeof(struct kb_event) * 3 / 2));
	memcpy(&ev[0], buf, sizeof(ev[0]));
	ASSERT_EQ(h, ev[0].handle);
	ASSERT_EQ(7, (int32_t)ev[0].result);
	ASSERT_EQ(0, poll_in(fd, 0));
	/* the shim refuses what the module refuses */
	run_ok(fd, KB_WORKLOAD_EXIT, 8, "kb_ev_rd", NULL);
	ASSERT_EQ(1, poll_in(fd, WAIT_MS));
	ASSERT_EQ(-EINVAL, kb_read_events(fd, ev, 0, 0));
	ASSERT_EQ(1, kb_read_events(fd, ev, 2, 0));
	ASSERT_EQ(8, (int32_t)ev[0].result);
	/* blocking read: waits for the next one */
	flags = fcntl(fd, F_GETFL);
	ASSERT_EQ(0, fcntl(fd, F_SETFL, flags & ~O_NONBLOCK));
	h = run_ok(fd, KB_WORKLOAD_EXIT, 9, "kb_ev_rd", NULL);
	ASSERT_EQ(sizeof(struct kb_event), read(fd, buf, sizeof(buf)));
	memcpy(&ev[0], buf, sizeof(ev[0]));
	ASSERT_EQ(h, ev[0].handle);
	ASSERT_EQ(9, (int32_t)ev[0].result);
}

#define NOVER	(KB_EVENTS_MAX + 76)

/* Reads every record: EXIT records counted, the LOST ones summed. */
static void drain_(int fd, int *exits, uint32_t *lost_records,
		   uint32_t *lost_sum, uint32_t *lost_on_exits)
{
	static struct kb_event ev[256];
	int n, k;

	*exits = 0;
	*lost_records = *lost_sum = *lost_on_exits = 0;
	while ((n = kb_read_events(fd, ev, 256, 0)) > 0) {
		for (k = 0; k < n; k++) {
			if (ev[k].type == KB_EVENT_LOST) {
				ASSERT_EQ(0, ev[k].handle);
				(*lost_records)++;
				*lost_sum += ev[k].lost;
			} else {
				ASSERT_EQ(KB_EVENT_EXIT, ev[k].type);
				(*exits)++;
				*lost_on_exits += ev[k].lost;
			}
		}
	}
	ASSERT_EQ(0, n);
}
#define drain(...)	HARNESS_CALL_VOID(drain_(__VA_ARGS__))

/* NOVER exits of which KB_EVENTS_MAX are queued and the rest lost. */
static void overflow(int fd)
{
	static struct kb_batch_item items[NOVER];
	struct kb_create tmpl;

	valid_create(&tmpl, KB_WORKLOAD_EXIT, 0);
	ASSERT_EQ(NOVER, kb_batch(fd, KB_BATCH_RUN, &tmpl, items, NOVER));
	/* STOP waits for every exit: all NOVER events are posted then */
	ASSERT_EQ(NOVER, kb_batch(fd, KB_BATCH_STOP, NULL, items, NOVER));
}

/*
 * Item 7: a loss is reported exactly once. With no further exit it is a
 * KB_EVENT_LOST record after the queued ones (poll() reports it); when
 * an exit is queued before the queue was read empty, its lost says it.
 */
static void events_overflow_body(void)
{
	static struct kb_event big[256];
	struct pollfd pfd;
	uint32_t lrec, lsum, lex;
	struct kb_event ev[2];
	int fd = open_dev(), exits, k;
	uint32_t h;

	overflow(fd);
	drain(fd, &exits, &lrec, &lsum, &lex);
	ASSERT_EQ(KB_EVENTS_MAX, exits);
	ASSERT_EQ(1, lrec);
	ASSERT_EQ(NOVER - KB_EVENTS_MAX, lsum);
	ASSERT_EQ(0, lex);
	/* reported once: nothing more to read or poll */
	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	ASSERT_EQ(0, poll(&pfd, 1, 0));
	h = run_ok(fd, KB_WORKLOAD_EXIT, 0, "kb_ev_over", NULL);
	one_event(fd, ev);
	ASSERT_EQ(h, ev[0].handle);
	ASSERT_EQ(0, ev[0].lost);

	/* the queued records read exactly: the loss alone is still POLLIN */
	overflow(fd);
	for (k = 0; k < KB_EVENTS_MAX / 256; k++) {
		ASSERT_EQ(256, kb_read_events(fd, big, 256, 0));
		ASSERT_EQ(KB_EVENT_EXIT, big[255].type);
	}
	ASSERT_EQ(1, poll_in(fd, 0));
	ASSERT_EQ(1, kb_read_events(fd, ev, 2, 0));
	ASSERT_EQ(KB_EVENT_LOST, ev[0].type);
	ASSERT_EQ(NOVER - KB_EVENTS_MAX, ev[0].lost);
	ASSERT_EQ(0, poll_in(fd, 0));

	/* the other path: an exit queued first carries the count */
	overflow(fd);
	ASSERT_EQ(1, kb_read_events(fd, ev, 1, 0));	/* frees one slot */
	ASSERT_EQ(KB_EVENT_EXIT, ev[0].type);
	h = run_ok(fd, KB_WORKLOAD_EXIT, 0, "kb_ev_over", NULL);
	ASSERT_TRUE(WAIT_UNTIL(status_of(fd, h) & KB_STATUS_EXITED, WAIT_MS));
	ASSERT_EQ(0, kb_thread_stop(fd, h, NULL, NULL, NULL));
	drain(fd, &exits, &lrec, &lsum, &lex);
	ASSERT_EQ(KB_EVENTS_MAX, exits);
	ASSERT_EQ(0, lrec);
	ASSERT_EQ(NOVER - KB_EVENTS_MAX, lex);
}

TEST(events_overflow_lost)
{
	unsigned long per_file;

	ASSERT_EQ(0, read_param("max_threads_per_file", &per_file));
	with_param("max_threads_per_file",
		   per_file > NOVER + 2 ? per_file : NOVER + 2,
		   events_overflow_body);
}

#define AUTOSTOP_MS	300

static void autostop_body(void)
{
	int fd = open_dev();
	uint32_t h, hw, hr, hp, hs, pid, status;
	struct kb_event ev;
	struct kb_info i;
	int32_t result;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_auto", &pid);
	hs = create_ok(fd, KB_WORKLOAD_WAIT, 0, "kb_auto_wait", NULL);
	hw = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_auto_woken", NULL);
	ASSERT_EQ(1, kb_thread_wake(fd, hw));
	hr = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_auto_run", NULL);
	hp = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_auto_park", NULL);
	ASSERT_EQ(0, kb_thread_park(fd, hp));
	wait_status(fd, h, KB_STATUS_STOPPED | KB_STATUS_AUTOSTOPPED, &i);
	ASSERT_EQ(0, i.status & (KB_STATUS_ENTERED | KB_STATUS_WOKEN));
	ASSERT_LE(i.created_ns + (AUTOSTOP_MS - 50) * MS_NS, i.stopped_ns);
	wait_pid_gone((pid_t)pid);
	/* the handle stays until STOP; the thread is gone for the rest */
	ASSERT_EQ(5, kb_thread_list(fd, NULL, 0));
	ASSERT_EQ(NICE_OR_EPERM(-ESRCH),
		  kb_thread_sched(fd, h, KB_SCHED_FIFO, 0));
	ASSERT_EQ(-ESRCH, kb_thread_sched(fd, h, KB_SCHED_NORMAL, 0));
	ASSERT_EQ(-ESRCH, kb_thread_park(fd, h));
	ASSERT_EQ(-ESRCH, kb_thread_wake(fd, h));
	ASSERT_EQ(-ESRCH, kb_thread_unpark(fd, h));
	wait_status(fd, hs, KB_STATUS_STOPPED | KB_STATUS_AUTOSTOPPED, &i);
	ASSERT_EQ(-ESRCH, kb_thread_signal(fd, hs, 0, 0, NULL, NULL, NULL));
	/* an event each, -EINTR: they never ran */
	one_event(fd, &ev);
	ASSERT_EQ(-EINTR, (int32_t)ev.result);
	ASSERT_EQ(KB_STATUS_STOPPED | KB_STATUS_AUTOSTOPPED,
		  ev.status & (KB_STATUS_STOPPED | KB_STATUS_AUTOSTOPPED));
	ASSERT_TRUE(ev.handle == h || ev.handle == hs);
	one_event(fd, &ev);
	ASSERT_TRUE(ev.handle == h || ev.handle == hs);
	/* STOP reports the autostop */
	ASSERT_EQ(0, kb_thread_stop(fd, h, &result, &status, NULL));
	ASSERT_EQ(-EINTR, result);
	ASSERT_EQ(KB_STATUS_STOPPED | KB_STATUS_AUTOSTOPPED,
		  status & (KB_STATUS_STOPPED | KB_STATUS_AUTOSTOPPED));
	/* woken, run and parked threads are left alone */
	usleep(2 * AUTOSTOP_MS * 1000);
	ASSERT_EQ(0, status_of(fd, hw) & (KB_STATUS_STOPPED |
					  KB_STATUS_AUTOSTOPPED));
	ASSERT_EQ(0, status_of(fd, hr) & (KB_STATUS_STOPPED |
					  KB_STATUS_AUTOSTOPPED));
	info_ok(fd, hp, &i);
	ASSERT_EQ(KB_STATUS_PARKED, i.status & (KB_STATUS_PARKED |
						KB_STATUS_STOPPED |
						KB_STATUS_AUTOSTOPPED));
	ASSERT_EQ(0, kb_read_events(fd, &ev, 1, 0));
	ASSERT_EQ(1, kb_thread_unpark(fd, hp));
	wait_status(fd, hp, KB_STATUS_ENTERED, &i);
}

TEST(autostop_unwoken)
{
	with_param("unwoken_timeout_ms", AUTOSTOP_MS, autostop_body);
}

/*
 * The negative control of autostop_unwoken: the same test with the
 * autostop disabled (unwoken_timeout_ms 0) must fail, so the test above is
 * able to fail. Its never-woken threads sit in D state for WAIT_MS, well
 * below the hung-task timeout, and go with the file.
 */
TEST(autostop_negative_control)
{
	unsigned long old;
	int ret, status;
	pid_t pid;

	ret = read_param("unwoken_timeout_ms", &old);
	if (ret)
		SKIP("no unwoken_timeout_ms parameter");
	need_root("writes unwoken_timeout_ms");
	ASSERT_EQ(0, write_param("unwoken_timeout_ms", 0));
	TH_LOG("negative control: autostop_unwoken with the autostop off; "
	       "the failure reported below is expected");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		autostop_body();
		harness_exit(0);
	}
	ret = pid > 0 && waitpid(pid, &status, 0) == pid;
	EXPECT_EQ(0, write_param("unwoken_timeout_ms", old));
	ASSERT_TRUE(ret);
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_NE(0, WEXITSTATUS(status));	/* the body failed */
}

static long nr_threads(void)
{
	unsigned long n;

	if (read_param("nr_threads", &n))
		return -1;
	return (long)n;
}

TEST(nr_threads_param)
{
	int fd1, fd2;
	uint32_t h;

	if (nr_threads() < 0)
		SKIP("no " SYSFS_PARAMS "nr_threads");
	ASSERT_TRUE(WAIT_UNTIL(nr_threads() == 0, WAIT_MS));
	ASSERT_EQ(-EACCES, write_param("nr_threads", 5));
	fd1 = open_dev();
	fd2 = open_dev();
	ASSERT_EQ(0, nr_threads());
	h = create_ok(fd1, KB_WORKLOAD_IDLE, 0, "kb_nr", NULL);
	run_ok(fd1, KB_WORKLOAD_EXIT, 0, "kb_nr", NULL);
	run_ok(fd1, KB_WORKLOAD_IDLE, 0, "kb_nr", NULL);
	create_ok(fd2, KB_WORKLOAD_IDLE, 0, "kb_nr", NULL);
	create_ok(fd2, KB_WORKLOAD_WAIT, 0, "kb_nr", NULL);
	ASSERT_EQ(5, nr_threads());
	/* an exited thread counts until its STOP */
	ASSERT_EQ(0, kb_thread_stop(fd1, h, NULL, NULL, NULL));
	ASSERT_EQ(4, nr_threads());
	ASSERT_EQ(0, kb_bench_cycles(fd1, 3, NULL, NULL, NULL));
	ASSERT_EQ(4, nr_threads());
	/* close() returns at once; the module's workqueue stops the threads */
	ASSERT_EQ(0, kb_close(fd1));
	ASSERT_TRUE(WAIT_UNTIL(nr_threads() == 2, WAIT_MS));
	ASSERT_EQ(0, kb_close(fd2));
	ASSERT_TRUE(WAIT_UNTIL(nr_threads() == 0, WAIT_MS));
}
