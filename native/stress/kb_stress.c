// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * kb_stress: concurrency and fault drivers for /dev/kthread_bridge, run as
 * root in a guest (scripts/hardening/guest.sh). Subcommands:
 *
 *   threads  N pthreads share one open file doing create/run/wake/info/stop
 *            loops while another thread closes and reopens the file;
 *            expected errnos only; every created thread is stopped exactly
 *            once, by a STOP of some worker or by the close (its handle is
 *            in LIST at close time); no thread left.
 *   kill     R rounds: a child owns never-woken, woken idle, spinning and
 *            periodic threads and keeps issuing commands; SIGKILL at a
 *            random point; then no kbh* thread may remain and nr_threads
 *            must read 0.
 *   limits   per-file and global limits (module parameters lowered) hit
 *            from several files at once: -EMFILE / -ENFILE exactly at the
 *            limits; everything recovers after the files close.
 *   fdpass   open as nobody is refused (EACCES by the 0600 node, EPERM by
 *            the module on a 0666 node); a descriptor opened by root and
 *            passed to a nobody process (SCM_RIGHTS or fork inheritance)
 *            may act: create, wake, info, stop succeed.
 *   unwoken  with unwoken_timeout_ms lowered, never-woken threads are
 *            stopped by the module: KB_STATUS_AUTOSTOPPED, -EINTR, and
 *            the hung-task detector (short timeout set by the caller)
 *            stays silent.
 *
 * Each prints TAP-like lines and ends with "N passed, N failed"; exit 1 on
 * failure. Common options: --seconds T --threads N --rounds R --seed S.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kthread_bridge_shim.h"
#include "hardening.h"


static unsigned int opt_seconds = 20;
static unsigned int opt_threads = 8;
static unsigned int opt_rounds = 100;
static uint64_t opt_seed;
static unsigned int passed, failed;

#define CHECK(cond, ...)						\
	do {								\
		if (cond) {						\
			passed++;					\
			printf("ok %u ", passed + failed);		\
		} else {						\
			failed++;					\
			printf("not ok %u ", passed + failed);		\
		}							\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	} while (0)

#define now_ns hz_now_ns
#define rnd hz_rnd
#define count_kthreads hz_count_kthreads
#define read_param hz_read_param
#define write_param hz_write_param

/* Waits up to ms for no prefix* kthread and nr_threads 0 (if it exists). */
static bool wait_clean(const char *prefix, unsigned int ms, int *left, long *nr)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000ULL;

	for (;;) {
		*nr = 0;
		*left = count_kthreads(prefix);
		if (read_param("nr_threads", nr))
			*nr = 0;
		if ((*left == 0 && *nr == 0) || now_ns() > end)
			return *left == 0 && *nr == 0;
		usleep(2000);
	}
}

/* ------------------------------------------------------------------ */
/* threads: N workers on one file, a reopener, exact reconciliation    */

#define HMAX	(1U << 20)
enum { H_FREE, H_LIVE, H_STOPPED };

struct gen {
	int fd;
	unsigned char *state;	/* by handle: H_* */
	uint32_t *pool;		/* live handles, for stealing */
	unsigned int npool;
	pthread_mutex_t lock;
	uint64_t created, stopped, closed;
};

/* Writer-preferring: with 8 readers always in, a plain one starves it. */
static pthread_rwlock_t gen_lock =
	PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;
static struct gen *cur_gen;
static volatile int threads_stop;
static uint64_t threads_end;
static uint64_t t_ops, t_unexpected, t_double, t_gens, t_created, t_stopped,
	t_closed, t_mismatch;

static struct gen *gen_new(void)
{
	struct gen *g = calloc(1, sizeof(*g));

	if (!g)
		abort();
	g->fd = kb_open(NULL);
	g->state = calloc(HMAX, 1);
	g->pool = calloc(4096, sizeof(uint32_t));
	if (g->fd < 0 || !g->state || !g->pool) {
		printf("# cannot open the device: %s\n", strerror(-g->fd));
		exit(1);
	}
	pthread_mutex_init(&g->lock, NULL);
	return g;
}

/* Closes a quiesced generation: LIST says what the close will stop. */
static void gen_close(struct gen *g)
{
	static uint32_t handles[8192];
	int n = kb_thread_list(g->fd, handles, 8192), i;
	uint64_t live = 0;
	uint32_t h;

	if (n < 0 || n > 8192) {
		printf("# LIST at close: %d\n", n);
		t_mismatch++;
		n = 0;
	}
	for (i = 0; i < n; i++) {
		h = handles[i];
		if (h >= HMAX || g->state[h] != H_LIVE) {
			printf("# LIST at close has handle %u in state %d\n", h,
			       h < HMAX ? g->state[h] : -1);
			t_mismatch++;
		}
	}
	for (h = 0; h < HMAX; h++)
		live += g->state[h] == H_LIVE;
	if (live != (uint64_t)n) {
		printf("# close: %" PRIu64 " handles live by our count, LIST has %d\n",
		       live, n);
		t_mismatch++;
	}
	g->closed = (uint64_t)n;
	kb_close(g->fd);
	__atomic_add_fetch(&t_created, g->created, __ATOMIC_RELAXED);
	__atomic_add_fetch(&t_stopped, g->stopped, __ATOMIC_RELAXED);
	__atomic_add_fetch(&t_closed, g->closed, __ATOMIC_RELAXED);
	if (g->created != g->stopped + g->closed) {
		printf("# generation: created %" PRIu64 " != stopped %" PRIu64
		       " + closed %" PRIu64 "\n", g->created, g->stopped, g->closed);
		t_mismatch++;
	}
	t_gens++;
	free(g->state);
	free(g->pool);
	free(g);
}

static void unexpected(const char *what, int ret)
{
	if (__atomic_add_fetch(&t_unexpected, 1, __ATOMIC_RELAXED) <= 10)
		printf("# unexpected: %s -> %d (%s)\n", what, ret, strerror(-ret));
}

static void gen_add(struct gen *g, uint32_t h)
{
	pthread_mutex_lock(&g->lock);
	if (h >= HMAX || g->state[h] != H_FREE) {
		printf("# handle %u handed out twice\n", h);
		t_mismatch++;
	} else {
		g->state[h] = H_LIVE;
		g->created++;
		if (g->npool < 4096)
			g->pool[g->npool++] = h;
	}
	pthread_mutex_unlock(&g->lock);
}

/* A live handle to stop, taken out of the pool (0 if none). */
static uint32_t gen_take(struct gen *g, uint64_t *rs)
{
	uint32_t h = 0;
	unsigned int i;

	pthread_mutex_lock(&g->lock);
	if (g->npool) {
		i = (unsigned int)(rnd(rs) % g->npool);
		h = g->pool[i];
		g->pool[i] = g->pool[--g->npool];
	}
	pthread_mutex_unlock(&g->lock);
	return h;
}

static void gen_stopped(struct gen *g, uint32_t h)
{
	pthread_mutex_lock(&g->lock);
	if (g->state[h] != H_LIVE) {
		printf("# handle %u stopped twice\n", h);
		t_double++;
	}
	g->state[h] = H_STOPPED;
	g->stopped++;
	pthread_mutex_unlock(&g->lock);
}

static void *stress_worker(void *arg)
{
	uint64_t rs = opt_seed ^ (uintptr_t)arg * 0x2545F4914F6CDD1DULL, ops = 0;
	static const uint32_t wl[] = { KB_WORKLOAD_IDLE, KB_WORKLOAD_EXIT,
				       KB_WORKLOAD_SPIN, KB_WORKLOAD_PERIODIC };
	struct kb_info info;
	struct gen *g;
	uint32_t h, w, pid;
	uint64_t a;
	int ret, k;
	char name[16];

	while (!threads_stop && now_ns() < threads_end) {
		pthread_rwlock_rdlock(&gen_lock);
		g = cur_gen;
		k = (int)(rnd(&rs) % 10);
		if (k < 4) {	/* create or run, then maybe info/wake */
			w = wl[rnd(&rs) % 4];
			a = w == KB_WORKLOAD_SPIN ? 100000 :
				w == KB_WORKLOAD_PERIODIC ? 1000000 :
				w == KB_WORKLOAD_EXIT ? rnd(&rs) % 100 : 0;
			snprintf(name, sizeof(name), "kbs-%lu",
				 (unsigned long)(uintptr_t)arg);
			ret = (k & 1) ? kb_thread_run(g->fd, w, a, name, -1, 0, 0, &pid) :
				kb_thread_create(g->fd, w, a, name, -1, 0, &pid);
			ops++;
			if (ret > 0) {
				h = (uint32_t)ret;
				gen_add(g, h);
				ret = kb_thread_info(g->fd, h, &info);
				ops++;
				if (ret && ret != -ENOENT)	/* stolen: ENOENT */
					unexpected("INFO", ret);
				ret = kb_thread_wake(g->fd, h);
				ops++;
				/* stolen: ENOENT; an EXIT thread gone: ESRCH */
				if (ret < 0 && ret != -ENOENT && ret != -ESRCH)
					unexpected("WAKE", ret);
			} else if (ret != -EMFILE && ret != -ENFILE) {
				unexpected("CREATE/RUN", ret);
			}
		} else if (k < 8) {	/* stop someone's thread */
			h = gen_take(g, &rs);
			if (h) {
				int32_t result;
				uint32_t status;

				ret = kb_thread_stop(g->fd, h, &result, &status, NULL);
				ops++;
				if (ret == 0)
					gen_stopped(g, h);
				else
					unexpected("STOP", ret);
			}
		} else if (k < 9) {	/* stop a handle someone stopped already */
			h = 1 + (uint32_t)(rnd(&rs) % 64);
			pthread_mutex_lock(&g->lock);
			bool done = g->state[h] == H_STOPPED;
			pthread_mutex_unlock(&g->lock);
			if (done) {
				ret = kb_thread_stop(g->fd, h, NULL, NULL, NULL);
				ops++;
				if (ret != -ENOENT)
					unexpected("second STOP", ret);
			}
		} else {
			h = 1 + (uint32_t)(rnd(&rs) % 64);
			ret = kb_thread_info(g->fd, h, &info);
			ops++;
			if (ret && ret != -ENOENT)
				unexpected("INFO", ret);
		}
		pthread_rwlock_unlock(&gen_lock);
	}
	__atomic_add_fetch(&t_ops, ops, __ATOMIC_RELAXED);
	return NULL;
}

static int cmd_threads(void)
{
	pthread_t tid[64];
	uint64_t end;
	unsigned int i;
	struct gen *old;
	int left;
	long nr;

	printf("# threads: %u workers, %u s, seed %" PRIu64 "\n", opt_threads,
	       opt_seconds, opt_seed);
	cur_gen = gen_new();
	end = now_ns() + (uint64_t)opt_seconds * 1000000000ULL;
	threads_end = end + 2000000000ULL;
	for (i = 0; i < opt_threads && i < 64; i++)
		pthread_create(&tid[i], NULL, stress_worker, (void *)(uintptr_t)(i + 1));
	while (now_ns() < end) {	/* the reopener */
		usleep(200000 + (useconds_t)(rnd(&opt_seed) % 300000));
		pthread_rwlock_wrlock(&gen_lock);
		old = cur_gen;
		cur_gen = gen_new();
		gen_close(old);
		pthread_rwlock_unlock(&gen_lock);
	}
	threads_stop = 1;
	for (i = 0; i < opt_threads && i < 64; i++)
		pthread_join(tid[i], NULL);
	gen_close(cur_gen);
	printf("# ops %" PRIu64 " (%.0f/s), files %" PRIu64 ", created %" PRIu64
	       ", stopped by STOP %" PRIu64 ", by close %" PRIu64 "\n", t_ops,
	       (double)t_ops / opt_seconds, t_gens, t_created, t_stopped, t_closed);
	CHECK(t_unexpected == 0, "threads: only expected errnos (%" PRIu64 " others)",
	      t_unexpected);
	CHECK(t_double == 0 && t_mismatch == 0,
	      "threads: every handle stopped exactly once (twice: %" PRIu64
	      ", bookkeeping mismatches: %" PRIu64 ")", t_double, t_mismatch);
	CHECK(t_created == t_stopped + t_closed && t_created > 0,
	      "threads: created %" PRIu64 " = stopped %" PRIu64 " + closed %" PRIu64,
	      t_created, t_stopped, t_closed);
	CHECK(wait_clean("kbs-", 10000, &left, &nr),
	      "threads: no kbs* kthread left (%d), nr_threads %ld", left, nr);
	return 0;
}

/* ------------------------------------------------------------------ */
/* kill: SIGKILL a process that owns threads in every state            */

static void hold_child(uint64_t seed)
{
	uint32_t handles[64];
	unsigned int n = 0, i;
	int fd = kb_open(NULL), ret;

	if (fd < 0)
		_exit(3);
	for (i = 0;; i++) {
		switch (rnd(&seed) % 6) {
		case 0:		/* never woken */
			ret = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kbh-new", -1, 0, NULL);
			break;
		case 1:
			ret = kb_thread_run(fd, KB_WORKLOAD_IDLE, 0, "kbh-idle", -1, 0, 0, NULL);
			break;
		case 2:		/* spinning for a long time */
			ret = kb_thread_run(fd, KB_WORKLOAD_SPIN, 30000000000ULL,
					    "kbh-spin", -1, 0, 0, NULL);
			break;
		case 3:
			ret = kb_thread_run(fd, KB_WORKLOAD_PERIODIC, 1000000,
					    "kbh-per", -1, 0, 0, NULL);
			break;
		case 4:
			ret = kb_thread_run(fd, KB_WORKLOAD_EXIT, 7, "kbh-exit", -1, 0, 0, NULL);
			break;
		default:	/* stop one, so kills land inside STOP too */
			if (n) {
				kb_thread_stop(fd, handles[--n], NULL, NULL, NULL);
			}
			ret = 0;
			break;
		}
		if (ret > 0 && n < 64)
			handles[n++] = (uint32_t)ret;
		if (n >= 24 && n)	/* keep the count bounded */
			kb_thread_stop(fd, handles[--n], NULL, NULL, NULL);
	}
}

static int cmd_kill(void)
{
	unsigned int r, fails = 0, created_ok = 0;
	uint64_t max_clean = 0, t0, dt, seed = opt_seed;
	int status, left;
	long nr;
	pid_t pid;

	printf("# kill: %u rounds, seed %" PRIu64 "\n", opt_rounds, opt_seed);
	for (r = 0; r < opt_rounds; r++) {
		uint64_t child_seed = rnd(&seed);

		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0)
			hold_child(child_seed);
		usleep(20000 + (useconds_t)(rnd(&seed) % 400000));
		if (count_kthreads("kbh-") > 0)
			created_ok++;
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		t0 = now_ns();
		if (!wait_clean("kbh-", 20000, &left, &nr)) {
			fails++;
			printf("# round %u: %d kbh* kthreads left, nr_threads %ld\n",
			       r, left, nr);
		}
		dt = now_ns() - t0;
		if (dt > max_clean)
			max_clean = dt;
	}
	printf("# kills %u, rounds with live threads at the kill %u, "
	       "slowest clean-up %.1f ms\n", opt_rounds, created_ok,
	       (double)max_clean / 1e6);
	CHECK(fails == 0, "kill: after each of %u SIGKILLs no kbh* kthread is "
	      "left and nr_threads reads 0 (%u rounds failed)", opt_rounds, fails);
	CHECK(created_ok >= opt_rounds / 2, "kill: %u of %u kills hit a process "
	      "owning live threads", created_ok, opt_rounds);
	return 0;
}

/* ------------------------------------------------------------------ */
/* limits                                                             */

struct lim_arg {
	int fd;
	int created;
	int first_err;
};

static void *lim_filler(void *p)
{
	struct lim_arg *a = p;
	int ret;

	for (;;) {
		ret = kb_thread_create(a->fd, KB_WORKLOAD_IDLE, 0, "kbl-", -1, 0, NULL);
		if (ret < 0) {
			a->first_err = ret;
			/* once more: still refused with the same errno */
			ret = kb_thread_create(a->fd, KB_WORKLOAD_IDLE, 0, "kbl-", -1, 0, NULL);
			if (ret != a->first_err)
				a->first_err = -9999;
			return NULL;
		}
		a->created++;
	}
}

static void lim_round(unsigned int files, int per_file, int global,
		      const char *what)
{
	struct lim_arg a[16];
	pthread_t tid[16];
	unsigned int i;
	int total = 0, emfile = 0, enfile = 0, other = 0, left;
	long nr = -1;

	for (i = 0; i < files; i++) {
		a[i].fd = kb_open(NULL);
		a[i].created = 0;
		a[i].first_err = 0;
		pthread_create(&tid[i], NULL, lim_filler, &a[i]);
	}
	for (i = 0; i < files; i++)
		pthread_join(tid[i], NULL);
	for (i = 0; i < files; i++) {
		total += a[i].created;
		if (a[i].first_err == -EMFILE && a[i].created == per_file)
			emfile++;
		else if (a[i].first_err == -ENFILE)
			enfile++;
		else
			other++;
	}
	read_param("nr_threads", &nr);
	printf("# %s: %u files, per-file %d, global %d: %d created, %d EMFILE, "
	       "%d ENFILE, %d other, nr_threads %ld\n", what, files, per_file,
	       global, total, emfile, enfile, other, nr);
	if (global >= (int)files * per_file)
		CHECK(emfile == (int)files && total == (int)files * per_file && !other,
		      "limits (%s): every file stops at %d with EMFILE", what, per_file);
	else
		CHECK(total == global && enfile >= 1 && !other,
		      "limits (%s): %d live in all, then ENFILE (EMFILE only at %d)",
		      what, global, per_file);
	CHECK(nr < 0 || nr == total, "limits (%s): nr_threads %ld = live %d",
	      what, nr, total);
	for (i = 0; i < files; i++)
		kb_close(a[i].fd);
	CHECK(wait_clean("kbl-", 10000, &left, &nr),
	      "limits (%s): all released on close (%d left, nr_threads %ld)",
	      what, left, nr);
}

static int cmd_limits(void)
{
	long old_file, old_all;

	if (read_param("max_threads_per_file", &old_file) ||
	    read_param("max_threads", &old_all)) {
		printf("# no limit parameters\n");
		return 1;
	}
	write_param("max_threads_per_file", 16);
	write_param("max_threads", 1000);
	lim_round(6, 16, 1000, "per-file");
	write_param("max_threads", 40);
	lim_round(6, 16, 40, "global");
	lim_round(6, 16, 40, "global again");
	write_param("max_threads", old_all);
	lim_round(2, 16, (int)old_all, "recovered");
	write_param("max_threads_per_file", old_file);
	return 0;
}

/* ------------------------------------------------------------------ */
/* fdpass                                                             */

static void drop_to_nobody(void)
{
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		_exit(90);
}

/* In a nobody child: the whole lifecycle on fd; exit 0 if it all worked. */
static int act_on(int fd)
{
	struct kb_info info;
	int32_t result;
	uint32_t status;
	int h;

	h = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kbp-nobody", -1, 0, NULL);
	if (h <= 0)
		return 10;
	if (kb_thread_wake(fd, (uint32_t)h) < 0)
		return 11;
	if (kb_thread_info(fd, (uint32_t)h, &info))
		return 12;
	if (kb_thread_stop(fd, (uint32_t)h, &result, &status, NULL))
		return 13;
	return 0;
}

static int child_status(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int cmd_fdpass(void)
{
	char node[] = "/dev/kb_stress_node";
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = { 0 };
	struct cmsghdr *cm;
	struct iovec iov;
	unsigned int maj, min;
	int sv[2], fd, st, left;
	char c = 'x';
	long nr;
	FILE *f;
	pid_t pid;

	/* open as nobody on the device's own 0600 node: the VFS says EACCES */
	pid = fork();
	if (pid == 0) {
		drop_to_nobody();
		fd = kb_open(NULL);
		_exit(fd == -EACCES ? 0 : 20);
	}
	CHECK(child_status(pid) == 0, "fdpass: open as nobody on the 0600 node: EACCES");

	/* a 0666 node: the module's CAP_SYS_ADMIN check says EPERM */
	f = fopen("/sys/class/misc/kthread_bridge/dev", "r");
	if (!f || fscanf(f, "%u:%u", &maj, &min) != 2) {
		CHECK(0, "fdpass: no misc dev numbers");
		return 0;
	}
	fclose(f);
	unlink(node);
	if (mknod(node, S_IFCHR | 0666, makedev(maj, min)) || chmod(node, 0666)) {
		CHECK(0, "fdpass: mknod: %s", strerror(errno));
	} else {
		pid = fork();
		if (pid == 0) {
			drop_to_nobody();
			fd = kb_open(node);
			_exit(fd == -EPERM ? 0 : 21);
		}
		st = child_status(pid);
		CHECK(st == 0, "fdpass: open as nobody on a 0666 node: EPERM (%d)", st);
		unlink(node);
	}

	/* inheritance: root opens, the child drops privileges and acts */
	fd = kb_open(NULL);
	pid = fork();
	if (pid == 0) {
		drop_to_nobody();
		_exit(act_on(fd));
	}
	st = child_status(pid);
	CHECK(st == 0, "fdpass: an inherited fd acts for nobody (create, wake, "
	      "info, stop) (%d)", st);
	kb_close(fd);

	/* SCM_RIGHTS: the child is nobody before it receives the fd */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		CHECK(0, "fdpass: socketpair: %s", strerror(errno));
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		int got = -1;

		close(sv[0]);
		drop_to_nobody();
		iov.iov_base = &c;
		iov.iov_len = 1;
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = u.buf;
		msg.msg_controllen = sizeof(u.buf);
		if (recvmsg(sv[1], &msg, 0) != 1)
			_exit(30);
		cm = CMSG_FIRSTHDR(&msg);
		if (!cm || cm->cmsg_type != SCM_RIGHTS)
			_exit(31);
		memcpy(&got, CMSG_DATA(cm), sizeof(int));
		_exit(act_on(got));
	}
	close(sv[1]);
	fd = kb_open(NULL);
	iov.iov_base = &c;
	iov.iov_len = 1;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = u.buf;
	msg.msg_controllen = sizeof(u.buf);
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	if (sendmsg(sv[0], &msg, 0) != 1)
		printf("# sendmsg: %s\n", strerror(errno));
	kb_close(fd);	/* the child's copy keeps the file open */
	st = child_status(pid);
	CHECK(st == 0, "fdpass: an fd received over SCM_RIGHTS acts for nobody "
	      "(%d)", st);
	close(sv[0]);
	CHECK(wait_clean("kbp-", 10000, &left, &nr),
	      "fdpass: nothing left (%d, nr_threads %ld)", left, nr);
	return 0;
}

/* ------------------------------------------------------------------ */
/* unwoken: the module's auto-stop of never-woken threads              */

static int cmd_unwoken(void)
{
	struct kb_info info;
	uint32_t h[8], status;
	int32_t result;
	long old, nr;
	int fd, i, ok = 0, stop_ok = 0, ret, left;
	unsigned int wait_s = opt_seconds;

	if (read_param("unwoken_timeout_ms", &old)) {
		printf("# no unwoken_timeout_ms parameter: nothing to test\n");
		CHECK(1, "unwoken # SKIP the module has no auto-stop");
		return 0;
	}
	write_param("unwoken_timeout_ms", 2000);
	fd = kb_open(NULL);
	for (i = 0; i < 8; i++) {
		ret = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kbu-never", -1, 0, NULL);
		h[i] = ret > 0 ? (uint32_t)ret : 0;
	}
	/* longer than the hung-task timeout the caller set */
	printf("# 8 never-woken threads, unwoken_timeout_ms 2000, waiting %u s\n",
	       wait_s);
	sleep(wait_s);
	for (i = 0; i < 8; i++) {
		if (!h[i] || kb_thread_info(fd, h[i], &info))
			continue;
		if ((info.status & KB_STATUS_AUTOSTOPPED) &&
		    (info.status & KB_STATUS_STOPPED))
			ok++;
		ret = kb_thread_stop(fd, h[i], &result, &status, NULL);
		if (ret == 0 && result == -EINTR)
			stop_ok++;
	}
	CHECK(ok == 8, "unwoken: %d of 8 never-woken threads AUTOSTOPPED+STOPPED "
	      "in INFO", ok);
	CHECK(stop_ok == 8, "unwoken: STOP then releases them with result -EINTR "
	      "(%d of 8)", stop_ok);
	CHECK(count_kthreads("kbu-") == 0, "unwoken: no kbu* kthread alive after "
	      "the auto-stop");
	kb_close(fd);
	write_param("unwoken_timeout_ms", old);
	CHECK(wait_clean("kbu-", 5000, &left, &nr), "unwoken: nothing left (%d, "
	      "nr_threads %ld)", left, nr);
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out, "Usage: kb_stress threads|kill|limits|fdpass|unwoken "
		"[--seconds T] [--threads N] [--rounds R] [--seed S]\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 't' },
		{ "threads", required_argument, NULL, 'j' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd;
	int c, ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	opt_seed = now_ns();
	while ((c = getopt_long(argc, argv, "t:j:r:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 't': opt_seconds = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'j': opt_threads = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'r': opt_rounds = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 's': opt_seed = strtoull(optarg, NULL, 0); break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	cmd = argv[optind];
	printf("# kb_stress %s: seed %" PRIu64 "\n", cmd, opt_seed);
	if (!strcmp(cmd, "threads"))
		ret = cmd_threads();
	else if (!strcmp(cmd, "kill"))
		ret = cmd_kill();
	else if (!strcmp(cmd, "limits"))
		ret = cmd_limits();
	else if (!strcmp(cmd, "fdpass"))
		ret = cmd_fdpass();
	else if (!strcmp(cmd, "unwoken"))
		ret = cmd_unwoken();
	else {
		usage(stderr);
		return 2;
	}
	if (ret)
		failed++;
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
