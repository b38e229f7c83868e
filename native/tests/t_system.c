// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* LIST, the limits, permissions, release on close/exit, concurrency. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kb_tests.h"

#define SENTINEL 0xdeadbeefU

TEST(list_own_handles)
{
	int fd1 = open_dev(), fd2 = open_dev();
	uint32_t hs[8], h[3], pid1, pid2;
	struct kb_info i;
	int n;

	ASSERT_EQ(0, kb_thread_list(fd1, NULL, 0));
	for (n = 0; n < 8; n++)
		hs[n] = SENTINEL;
	ASSERT_EQ(0, kb_thread_list(fd1, hs, 8));
	ASSERT_EQ(SENTINEL, hs[0]);
	h[0] = create_ok(fd1, KB_WORKLOAD_IDLE, 0, "kb_l0", &pid1);
	h[1] = run_ok(fd1, KB_WORKLOAD_IDLE, 0, "kb_l1", NULL);
	h[2] = create_ok(fd1, KB_WORKLOAD_EXIT, 3, "kb_l2", NULL);
	ASSERT_LT(h[0], h[1]);
	ASSERT_LT(h[1], h[2]);
	ASSERT_EQ(3, kb_thread_list(fd1, hs, 8));
	for (n = 0; n < 3; n++)
		ASSERT_EQ(h[n], hs[n]);
	ASSERT_EQ(SENTINEL, hs[3]);
	/* more owned than capacity: count is the total, only capacity written */
	for (n = 0; n < 8; n++)
		hs[n] = SENTINEL;
	ASSERT_EQ(3, kb_thread_list(fd1, hs, 2));
	ASSERT_EQ(h[0], hs[0]);
	ASSERT_EQ(h[1], hs[1]);
	ASSERT_EQ(SENTINEL, hs[2]);
	ASSERT_EQ(3, kb_thread_list(fd1, NULL, 0));
	/* a capacity beyond what is owned writes only what is owned */
	for (n = 0; n < 8; n++)
		hs[n] = SENTINEL;
	ASSERT_EQ(3, kb_thread_list(fd1, hs, UINT32_MAX));
	ASSERT_EQ(h[2], hs[2]);
	ASSERT_EQ(SENTINEL, hs[3]);
	/* a stopped handle leaves the list */
	ASSERT_EQ(0, kb_thread_stop(fd1, h[1], NULL, NULL, NULL));
	ASSERT_EQ(2, kb_thread_list(fd1, hs, 8));
	ASSERT_EQ(h[0], hs[0]);
	ASSERT_EQ(h[2], hs[1]);
	/* another file sees only its own; its handles start at 1 again */
	ASSERT_EQ(0, kb_thread_list(fd2, hs, 8));
	ASSERT_EQ(1, create_ok(fd2, KB_WORKLOAD_IDLE, 0, "kb_l_other", &pid2));
	for (n = 0; n < 8; n++)
		hs[n] = SENTINEL;
	ASSERT_EQ(1, kb_thread_list(fd2, hs, 8));
	ASSERT_EQ(1, hs[0]);
	ASSERT_EQ(SENTINEL, hs[1]);
	info_ok(fd2, 1, &i);
	ASSERT_EQ(pid2, i.pid);
	ASSERT_NE(pid1, i.pid);
	/* handles are not valid across files */
	ASSERT_EQ(-ENOENT, kb_thread_info(fd2, h[2], &i));
	ASSERT_EQ(-ENOENT, kb_thread_wake(fd2, h[2]));
	ASSERT_EQ(-ENOENT, kb_thread_stop(fd2, h[2], NULL, NULL, NULL));
	ASSERT_EQ(2, kb_thread_list(fd1, NULL, 0));
	ASSERT_EQ(1, kb_thread_list(fd2, NULL, 0));
	info_ok(fd1, h[2], &i);
	ASSERT_EQ(0, i.status & KB_STATUS_STOPPED);
}

/*
 * Runs body in a child with the module parameters saved and restored by
 * this process afterwards, whatever happens to the child.
 */
static void with_saved_limits(void (*body)(void))
{
	unsigned long per_file, global;
	int ret, status;
	pid_t pid;

	ret = read_param("max_threads_per_file", &per_file);
	if (ret)
		SKIP("no " SYSFS_PARAMS "max_threads_per_file: %s",
		     strerror(-ret));
	ASSERT_EQ(0, read_param("max_threads", &global));
	ret = write_param("max_threads_per_file", per_file);
	if (ret == -EACCES || ret == -EPERM)
		SKIP("cannot write the module parameters: %s", strerror(-ret));
	ASSERT_EQ(0, ret);
	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		body();
		harness_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ret = write_param("max_threads_per_file", per_file);
	EXPECT_EQ(0, ret);
	ret = write_param("max_threads", global);
	EXPECT_EQ(0, ret);
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}

static void per_file_body(void)
{
	int fd1 = open_dev(), fd2 = open_dev(), n;
	uint32_t h = 0;

	ASSERT_EQ(0, write_param("max_threads_per_file", 3));
	for (n = 0; n < 3; n++)
		h = create_ok(fd1, KB_WORKLOAD_IDLE, 0, "kb_lim", NULL);
	ASSERT_EQ(-EMFILE, kb_thread_create(fd1, KB_WORKLOAD_IDLE, 0, "kb_lim",
					    -1, 0, NULL));
	ASSERT_EQ(-EMFILE, kb_thread_run(fd1, KB_WORKLOAD_IDLE, 0, "kb_lim",
					 -1, 0, 0, NULL));
	ASSERT_EQ(3, kb_thread_list(fd1, NULL, 0));
	/* the limit is per file */
	create_ok(fd2, KB_WORKLOAD_IDLE, 0, "kb_lim2", NULL);
	/* a STOP frees a slot */
	ASSERT_EQ(0, kb_thread_stop(fd1, h, NULL, NULL, NULL));
	run_ok(fd1, KB_WORKLOAD_IDLE, 0, "kb_lim", NULL);
	ASSERT_EQ(-EMFILE, kb_thread_create(fd1, KB_WORKLOAD_IDLE, 0, "kb_lim",
					    -1, 0, NULL));
}

TEST(limit_per_file)
{
	with_saved_limits(per_file_body);
}

static void global_body(void)
{
	int fd1 = open_dev(), fd2 = open_dev();
	uint32_t h;

	ASSERT_EQ(0, write_param("max_threads", 2));
	h = create_ok(fd1, KB_WORKLOAD_IDLE, 0, "kb_glim", NULL);
	run_ok(fd1, KB_WORKLOAD_IDLE, 0, "kb_glim", NULL);
	ASSERT_EQ(-ENFILE, kb_thread_create(fd1, KB_WORKLOAD_IDLE, 0,
					    "kb_glim", -1, 0, NULL));
	ASSERT_EQ(-ENFILE, kb_thread_run(fd2, KB_WORKLOAD_IDLE, 0, "kb_glim",
					 -1, 0, 0, NULL));
	ASSERT_EQ(0, kb_thread_list(fd2, NULL, 0));
	ASSERT_EQ(0, kb_thread_stop(fd1, h, NULL, NULL, NULL));
	create_ok(fd2, KB_WORKLOAD_IDLE, 0, "kb_glim2", NULL);
	ASSERT_EQ(-ENFILE, kb_thread_create(fd2, KB_WORKLOAD_IDLE, 0,
					    "kb_glim", -1, 0, NULL));
	/*
	 * closing a file gives its slots back, once the module's workqueue
	 * stopped its threads (close() does not wait for that)
	 */
	ASSERT_EQ(0, kb_close(fd1));
	ASSERT_TRUE(WAIT_UNTIL(kb_thread_create(fd2, KB_WORKLOAD_IDLE, 0,
						"kb_glim3", -1, 0, NULL) > 0,
			       WAIT_MS));
	ASSERT_EQ(2, kb_thread_list(fd2, NULL, 0));
}

TEST(limit_global)
{
	with_saved_limits(global_body);
}

static void drop_to_nobody(void)
{
	ASSERT_EQ(0, setgroups(0, NULL));
	ASSERT_EQ(0, setgid(65534));
	ASSERT_EQ(0, setuid(65534));
}

/*
 * fork() with a pipe from child to parent: *fd is the write end in the
 * child and the read end in the parent.
 */
static pid_t fork_piped(int *fd)
{
	int pipefd[2];
	pid_t pid;

	ASSERT_EQ(0, pipe(pipefd));
	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	close(pipefd[pid == 0 ? 0 : 1]);
	*fd = pipefd[pid == 0 ? 1 : 0];
	return pid;
}

/* Waits for a child that must exit with status 0. */
static void reap_ok(pid_t pid)
{
	int status;

	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}

/*
 * Opens path (NULL: the default) in a child as nobody; returns the result,
 * or INT_MIN if the child failed. Does not assert after the fork, so the
 * caller can clean up before checking.
 */
static int open_as_nobody(const char *path)
{
	int fd, status, ret = INT_MIN;
	pid_t pid = fork_piped(&fd);

	if (pid == 0) {
		drop_to_nobody();
		ret = kb_open(path);
		ASSERT_EQ((ssize_t)sizeof(ret), write(fd, &ret, sizeof(ret)));
		harness_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) ||
	    read(fd, &ret, sizeof(ret)) != (ssize_t)sizeof(ret)) {
		TH_LOG("the child that opens as nobody failed");
		ret = INT_MIN;
	}
	close(fd);
	return ret;
}

TEST(open_mode_0600)
{
	struct stat st;

	if (geteuid() != 0)
		SKIP("needs root");
	ASSERT_EQ(0, stat(KB_DEFAULT_PATH, &st));
	ASSERT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0600, st.st_mode & 07777);
	ASSERT_EQ(-EACCES, open_as_nobody(NULL));
}

TEST(open_needs_cap_sys_admin)
{
	const char *bases[] = { "/tmp", "/dev", "/run" };
	char buf[64], dir[64], node[80];
	unsigned int maj, min;
	int fd = -1, ret, sfd;
	ssize_t n;
	size_t b;

	if (geteuid() != 0)
		SKIP("needs root");
	sfd = open(SYSFS_MISC_DEV, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, sfd);
	n = read(sfd, buf, sizeof(buf) - 1);
	close(sfd);
	ASSERT_LT(0, n);
	buf[n] = '\0';
	ASSERT_EQ(2, sscanf(buf, "%u:%u", &maj, &min));
	/* a node the kernel lets us open (some mounts are nodev) */
	for (b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
		snprintf(dir, sizeof(dir), "%s/kb_test.XXXXXX", bases[b]);
		if (!mkdtemp(dir))
			continue;
		snprintf(node, sizeof(node), "%s/kb", dir);
		if (!mknod(node, S_IFCHR | 0666, makedev(maj, min)) &&
		    !chmod(node, 0666) && !chmod(dir, 0755)) {
			fd = kb_open(node);
			if (fd >= 0)
				break;
		}
		unlink(node);
		rmdir(dir);
	}
	if (fd < 0)
		SKIP("could not make a usable device node");
	kb_close(fd);
	ret = open_as_nobody(node);
	unlink(node);
	rmdir(dir);
	/* the module's check, unless node_access=1 left it to the mode */
	if (node_access() == 1)
		ASSERT_LE(0, ret);
	else
		ASSERT_EQ(-EPERM, ret);
}

/*
 * Makes one thread of each kind on fd, returns them as tasks in ids[]: by
 * pid and start time, so a pid the kernel reuses is not taken for one.
 */
static int make_zoo(int fd, struct task_id *ids)
{
	struct kb_info i;
	uint32_t h, pid;
	int n = 0, b;

	h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_z_never", &pid);
	ids[n++] = task_id_of(fd, h, pid);
	h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_z_idle", &pid);
	ids[n++] = task_id_of(fd, h, pid);
	wait_sleeping(fd, h, &i);
	h = run_ok(fd, KB_WORKLOAD_SPIN, 2 * S_NS, "kb_z_spin", &pid);
	ids[n++] = task_id_of(fd, h, pid);
	wait_status(fd, h, KB_STATUS_ENTERED, &i);
	h = run_ok(fd, KB_WORKLOAD_PERIODIC, MS_NS, "kb_z_periodic", &pid);
	ids[n++] = task_id_of(fd, h, pid);
	wait_status(fd, h, KB_STATUS_ENTERED, &i);
	h = run_ok(fd, KB_WORKLOAD_EXIT, 5, "kb_z_exit", &pid);
	ids[n++] = task_id_of(fd, h, pid);
	wait_status(fd, h, KB_STATUS_EXITED, &i);
	b = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_z_bound", 0, 0, &pid);
	ASSERT_LE(1, b);
	ids[n++] = task_id_of(fd, (uint32_t)b, pid);
	return n;
}

TEST(close_releases_threads)
{
	int fd = open_dev(), n, k;
	struct task_id ids[8];

	n = make_zoo(fd, ids);
	ASSERT_EQ(n, kb_thread_list(fd, NULL, 0));
	ASSERT_EQ(0, kb_close(fd));
	for (k = 0; k < n; k++)
		wait_task_gone(ids[k]);
}

TEST(dup_keeps_threads_until_last_close)
{
	int fd = open_dev(), fd2, n, k;
	struct task_id ids[8];
	struct kb_info i;

	n = make_zoo(fd, ids);
	fd2 = dup(fd);
	ASSERT_LE(0, fd2);
	ASSERT_EQ(0, kb_close(fd));
	usleep(20000);
	info_ok(fd2, 1, &i);
	ASSERT_EQ(ids[0].ticks, proc_start_ticks(ids[0].pid));
	ASSERT_EQ(n, kb_thread_list(fd2, NULL, 0));
	ASSERT_EQ(0, kb_close(fd2));
	for (k = 0; k < n; k++)
		wait_task_gone(ids[k]);
}

static void exit_releases(bool kill_it)
{
	struct task_id ids[8];
	int pfd, status, n = 0, k;
	pid_t pid = fork_piped(&pfd);

	if (pid == 0) {
		int fd = open_dev();

		n = make_zoo(fd, ids);
		ASSERT_EQ((ssize_t)(n * sizeof(ids[0])),
			  write(pfd, ids, n * sizeof(ids[0])));
		if (kill_it)
			pause();
		_exit(0);	/* without closing fd */
	}
	n = (int)read(pfd, ids, sizeof(ids));
	close(pfd);
	if (n <= 0)
		kill(pid, SIGKILL);
	ASSERT_LT(0, n);	/* the child made its threads */
	if (kill_it) {
		kill(pid, SIGKILL);
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFSIGNALED(status));
	} else {
		reap_ok(pid);
	}
	n /= (int)sizeof(ids[0]);
	for (k = 0; k < n; k++)
		wait_task_gone(ids[k]);
}

TEST(exit_without_close_releases)
{
	exit_releases(false);
}

TEST(sigkill_releases)
{
	exit_releases(true);
}

/* Concurrency: bounded joins fail only on a real deadlock. */

static void join_or_fail(pthread_t t, const char *what)
{
	struct timespec ts;
	int ret;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += DEADLOCK_MS / 1000;
	ret = pthread_timedjoin_np(t, NULL, &ts);
	if (ret)
		TH_LOG("%s did not finish within %d s: deadlock?", what,
		       DEADLOCK_MS / 1000);
	ASSERT_EQ(0, ret);
}

struct stopper {
	int fd;
	uint32_t handle;
	pthread_barrier_t *barrier;
	int ret;
	int32_t result;
	int done;
};

static void *stop_thread(void *p)
{
	struct stopper *s = p;

	if (s->barrier)
		pthread_barrier_wait(s->barrier);
	s->ret = kb_thread_stop(s->fd, s->handle, &s->result, NULL, NULL);
	__atomic_store_n(&s->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

struct others {
	int fd;
	uint32_t other;
	struct stopper *stopper;
	int ops, ops_during_stop;
	int failed;
};

static void *other_ops(void *p)
{
	struct others *o = p;
	struct kb_info i;
	int32_t result;
	int h;

	while (o->ops < 10 ||
	       (o->ops < 200 && !__atomic_load_n(&o->stopper->done,
						 __ATOMIC_SEQ_CST))) {
		if (kb_thread_info(o->fd, o->other, &i))
			o->failed |= 1;
		h = kb_thread_create(o->fd, KB_WORKLOAD_IDLE, 0, "kb_c_tmp",
				     -1, 0, NULL);
		if (h < 1)
			o->failed |= 2;
		else if (kb_thread_stop(o->fd, (uint32_t)h, &result, NULL,
					NULL) || result != -EINTR)
			o->failed |= 4;
		if (kb_thread_list(o->fd, NULL, 0) < 1)
			o->failed |= 8;
		o->ops++;
		if (!__atomic_load_n(&o->stopper->done, __ATOMIC_SEQ_CST))
			o->ops_during_stop++;
	}
	return NULL;
}

TEST(stop_does_not_block_other_handles)
{
	int fd = open_dev();
	struct stopper s = { .fd = fd };
	struct others o = { .fd = fd, .stopper = &s };
	pthread_t ts, to;
	struct kb_info i;

	o.other = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_c_other", NULL);
	s.handle = run_ok(fd, KB_WORKLOAD_SPIN, 3 * S_NS, "kb_c_spin", NULL);
	wait_status(fd, s.handle, KB_STATUS_ENTERED, &i);
	ASSERT_EQ(0, pthread_create(&ts, NULL, stop_thread, &s));
	ASSERT_EQ(0, pthread_create(&to, NULL, other_ops, &o));
	join_or_fail(ts, "STOP of the SPIN thread");
	join_or_fail(to, "INFO/CREATE/STOP/LIST on other handles");
	ASSERT_EQ(0, s.ret);
	ASSERT_EQ(0, s.result);
	ASSERT_EQ(0, o.failed);
	TH_LOG("%d of %d other operations overlapped the STOP", o.ops_during_stop,
	       o.ops);
	info_ok(fd, o.other, &i);
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
}

TEST(concurrent_stop_same_handle)
{
	int fd = open_dev(), round;
	pthread_barrier_t barrier;
	struct kb_info i;

	ASSERT_EQ(0, pthread_barrier_init(&barrier, NULL, 2));
	for (round = 0; round < 10; round++) {
		struct stopper a = { .fd = fd, .barrier = &barrier };
		struct stopper b = { .fd = fd, .barrier = &barrier };
		pthread_t ta, tb;
		uint32_t h;

		if (round & 1) {
			h = create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_c_dbl", NULL);
		} else {
			h = run_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_c_dbl", NULL);
			wait_sleeping(fd, h, &i);
		}
		a.handle = b.handle = h;
		ASSERT_EQ(0, pthread_create(&ta, NULL, stop_thread, &a));
		ASSERT_EQ(0, pthread_create(&tb, NULL, stop_thread, &b));
		join_or_fail(ta, "STOP");
		join_or_fail(tb, "STOP");
		/* exactly one of them stopped it */
		ASSERT_EQ(-ENOENT, a.ret + b.ret);
		ASSERT_TRUE(a.ret == 0 || b.ret == 0);
		ASSERT_EQ(round & 1 ? -EINTR : 0, a.ret == 0 ? a.result
							     : b.result);
	}
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}

struct churn {
	int fd, id;
	int failed_line, ret;
	int32_t result;
	uint32_t status;
};

/*
 * STOP right after RUN may come before the thread entered threadfn:
 * kthread() then never calls it and kthread_stop() gives -EINTR, without
 * KB_STATUS_ENTERED. Otherwise result is what the workload counted.
 */
static bool stop_result_ok(int32_t result, const struct kb_info *i,
			   uint64_t counted)
{
	if (!(i->status & KB_STATUS_ENTERED))
		return result == -EINTR;
	return result >= 0 && (uint64_t)result == counted;
}

static void *churn_thread(void *p)
{
	struct churn *c = p;
	uint32_t hs[64];
	struct kb_info i;
	int n, h, w;

#define CHURN_CHECK(cond)				\
	do {						\
		if (!(cond)) {				\
			c->failed_line = __LINE__;	\
			c->ret = h;			\
			c->status = i.status;		\
			return NULL;			\
		}					\
	} while (0)
	memset(&i, 0, sizeof(i));
	for (n = 0; n < 15; n++) {
		h = 0;
		switch ((n + c->id) % 3) {
		case 0:
			h = kb_thread_create(c->fd, KB_WORKLOAD_IDLE, 0,
					     "kb_churn", -1, 0, NULL);
			CHURN_CHECK(h >= 1);
			CHURN_CHECK(!kb_thread_info(c->fd, (uint32_t)h, &i));
			CHURN_CHECK(!kb_thread_stop(c->fd, (uint32_t)h,
						    &c->result, NULL, &i));
			CHURN_CHECK(c->result == -EINTR);
			break;
		case 1:
			h = kb_thread_run(c->fd, KB_WORKLOAD_IDLE, 0,
					  "kb_churn", -1, 0, 0, NULL);
			CHURN_CHECK(h >= 1);
			w = kb_thread_wake(c->fd, (uint32_t)h);
			CHURN_CHECK(w == 0 || w == 1);
			CHURN_CHECK(!kb_thread_stop(c->fd, (uint32_t)h,
						    &c->result, NULL, &i));
			CHURN_CHECK(stop_result_ok(c->result, &i, i.wakeups));
			break;
		default:
			h = kb_thread_run(c->fd, KB_WORKLOAD_PERIODIC,
					  100000, "kb_churn", -1, 0, 0, NULL);
			CHURN_CHECK(h >= 1);
			CHURN_CHECK(kb_thread_list(c->fd, hs, 64) >= 1);
			CHURN_CHECK(!kb_thread_stop(c->fd, (uint32_t)h,
						    &c->result, NULL, &i));
			CHURN_CHECK(stop_result_ok(c->result, &i,
						   i.iterations));
			break;
		}
	}
#undef CHURN_CHECK
	return NULL;
}

TEST(concurrent_lifecycles_same_fd)
{
	int fd = open_dev(), n;
	struct churn c[3];
	pthread_t t[3];

	for (n = 0; n < 3; n++) {
		c[n] = (struct churn){ .fd = fd, .id = n };
		ASSERT_EQ(0, pthread_create(&t[n], NULL, churn_thread, &c[n]));
	}
	for (n = 0; n < 3; n++)
		join_or_fail(t[n], "a lifecycle thread");
	for (n = 0; n < 3; n++) {
		if (c[n].failed_line)
			TH_LOG("thread %d failed at line %d: handle/ret %d "
			       "result %d status 0x%x", n, c[n].failed_line,
			       c[n].ret, c[n].result, c[n].status);
		ASSERT_EQ(0, c[n].failed_line);
	}
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}
