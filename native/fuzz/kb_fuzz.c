// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * kb_fuzz: a structured fuzzer for /dev/kthread_bridge, run in a guest.
 *
 * Several threads share several open files and issue random and mutated
 * commands: the table cmds[] has one entry per command (ioctl number, struct
 * size, a mutator that fills the struct, a harvester that learns handles
 * from the result). Around it: command numbers of the driver's magic with
 * wrong numbers, sizes and directions; pointers NULL, unmapped, unaligned,
 * crossing into a guard page, read-only, kernel addresses; handles from this
 * file, another file, stale or random; names with '%' sequences, control
 * bytes, no NUL; reserved fields and unknown flags set; read() and poll() of
 * exit events; close/reopen of a file under the other threads (dup2 onto
 * the same descriptor) and forked children using inherited descriptors.
 *
 * Every errno must be one the ABI documents (else it counts as a failure,
 * printed with the command). At the end every file is closed and no thread
 * named kbf* (every name the fuzzer creates starts so) may remain, and the
 * module's nr_threads parameter (when it exists) must read 0.
 *
 * Reproducible: each worker's choices come from --seed and its index
 * (printed at start and in the replay line). With --threads 1 a seed replays
 * the same call sequence; with more threads each worker replays its own
 * stream while the interleaving follows the scheduler.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/kthread_bridge.h>

#include "../stress/hardening.h"

#define NAME_PREFIX	"kbf"
#define MAX_FILES	16
#define MAX_THREADS	64
#define POOL		48	/* handles remembered per file */
#define STALE		16
#define MAX_ERRNO	134
#define SCRATCH		(72 * 1024)	/* >= KB_BATCH_MAX items + slack */

static const char *dev_path = "/dev/" KB_DEVICE_NAME;
static uint64_t opt_seed;
static uint64_t opt_calls = 100000;
static unsigned int opt_seconds = 60;
static unsigned int opt_threads = 4;
static unsigned int opt_files = 3;
static int opt_verbose;

/* ---- random numbers: splitmix64 per worker ---- */

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t below(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(rnd(r) % n) : 0;
}

/* true with probability pct percent */
static bool chance(struct rng *r, unsigned int pct)
{
	return below(r, 100) < pct;
}

/* ---- files and the handles known to be theirs ---- */

struct file_slot {
	int fd;
	pthread_mutex_t lock;
	uint32_t pool[POOL];
	unsigned int n;
	uint32_t stale[STALE];
	unsigned int stale_pos;
	unsigned int generation;
};

static struct file_slot files[MAX_FILES];
/* In a forked child: another thread may have held a pool lock at fork(). */
static bool in_child;

static void pool_add(struct file_slot *f, uint32_t h)
{
	if (in_child)
		return;
	pthread_mutex_lock(&f->lock);
	if (f->n < POOL)
		f->pool[f->n++] = h;
	pthread_mutex_unlock(&f->lock);
}

static void pool_del(struct file_slot *f, uint32_t h)
{
	unsigned int i;

	if (in_child)
		return;
	pthread_mutex_lock(&f->lock);
	for (i = 0; i < f->n; i++) {
		if (f->pool[i] == h) {
			f->pool[i] = f->pool[--f->n];
			break;
		}
	}
	f->stale[f->stale_pos++ % STALE] = h;
	pthread_mutex_unlock(&f->lock);
}

static unsigned int pool_len(struct file_slot *f)
{
	return __atomic_load_n(&f->n, __ATOMIC_RELAXED);
}

/* ---- one worker ---- */

struct stats {
	uint64_t calls;
	uint64_t ok;
	uint64_t err[MAX_ERRNO + 1];
	uint64_t unexpected;
};

struct worker {
	unsigned int id;
	struct rng r;
	struct file_slot *f;	/* the file of the current call */
	unsigned int slot;
	unsigned char *buf;	/* SCRATCH bytes, then a PROT_NONE page */
	unsigned char *aux;	/* SCRATCH bytes for embedded pointers */
	unsigned char *ro;	/* one read-only page */
	pthread_t tid;
};

struct cmd;
typedef void (*mutate_fn)(struct worker *w, void *arg, size_t size);
typedef void (*harvest_fn)(struct worker *w, const struct cmd *c, long ret,
			   void *arg);
typedef long (*call_fn)(struct worker *w, const struct cmd *c);

struct cmd {
	const char *name;
	unsigned long nr;	/* ioctl number; 0 for call_fn entries */
	size_t size;		/* struct size */
	unsigned int weight;
	mutate_fn mutate;
	harvest_fn harvest;
	call_fn call;		/* not an ioctl: read, poll, reopen, fork */
	struct stats st;	/* summed from the workers at the end */
};

static unsigned long page_size;
static void *unmapped;		/* an address that was mapped and is not */
static volatile int stop_now;
static uint64_t deadline_ns;
static uint64_t calls_left;

#define now_ns hz_now_ns

/* A user pointer for an embedded __u64 field that must hold len bytes. */
static uint64_t rand_uptr(struct worker *w, size_t len)
{
	unsigned int k = below(&w->r, 100);

	if (len > SCRATCH)
		len = SCRATCH;
	if (k < 80)
		return (uintptr_t)(w->aux + below(&w->r, 8) * 8);
	switch (k % 8) {
	case 0:
		return 0;
	case 1:
		return (uintptr_t)unmapped;
	case 2:
		return 0xffff888000000000ULL + below(&w->r, 1 << 20);
	case 3:			/* last bytes before the guard page */
		return (uintptr_t)(w->aux + SCRATCH - len / 2);
	case 4:
		return (uintptr_t)w->ro;
	case 5:
		return (uintptr_t)(w->aux + 1 + below(&w->r, 7));
	case 6:
		return rnd(&w->r);
	default:
		return 1;
	}
}

static uint32_t pick_handle(struct worker *w)
{
	struct file_slot *f = w->f, *o;
	unsigned int k = below(&w->r, 100);
	uint32_t h = 0;

	if (in_child)
		return below(&w->r, 70);
	if (k < 55) {
		pthread_mutex_lock(&f->lock);
		if (f->n)
			h = f->pool[below(&w->r, f->n)];
		pthread_mutex_unlock(&f->lock);
		if (h)
			return h;
		return 1 + below(&w->r, 4);
	}
	if (k < 65) {		/* another file's */
		o = &files[below(&w->r, opt_files)];
		pthread_mutex_lock(&o->lock);
		if (o->n)
			h = o->pool[below(&w->r, o->n)];
		pthread_mutex_unlock(&o->lock);
		return h;
	}
	if (k < 75) {		/* stale: stopped already */
		pthread_mutex_lock(&f->lock);
		h = f->stale[below(&w->r, STALE)];
		pthread_mutex_unlock(&f->lock);
		return h;
	}
	if (k < 85)
		return below(&w->r, 70);
	switch (k % 5) {
	case 0:
		return 0;
	case 1:
		return INT_MAX;
	case 2:
		return 0x80000000U;
	case 3:
		return UINT32_MAX;
	default:
		return (uint32_t)rnd(&w->r);
	}
}

static void fill_random(struct worker *w, void *p, size_t len)
{
	unsigned char *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		b[i] = (unsigned char)rnd(&w->r);
}

static void rand_name(struct worker *w, char *name)
{
	static const char *const pct[] = {
		"%s", "%n", "%p", "%x%x%x", "%%", "%s%s%s%s", "%*d", "%pK", "%.9999d",
	};
	unsigned int k = below(&w->r, 100), i, len;

	memset(name, 0, KB_NAME_LEN);
	if (chance(&w->r, 10))	/* bytes after the NUL must not matter */
		fill_random(w, name, KB_NAME_LEN);
	memcpy(name, NAME_PREFIX, 3);
	if (k < 50) {
		len = (unsigned int)snprintf(name + 3, KB_NAME_LEN - 3, "-%u",
					     below(&w->r, 100000));
		name[3 + len] = '\0';
	} else if (k < 65) {
		snprintf(name + 3, KB_NAME_LEN - 3, "%s%s",
			 pct[below(&w->r, 9)], pct[below(&w->r, 9)]);
	} else if (k < 75) {	/* control and high bytes */
		len = 1 + below(&w->r, KB_NAME_LEN - 4);
		for (i = 0; i < len; i++)
			name[3 + i] = (char)(1 + below(&w->r, 255));
		name[3 + len] = '\0';
	} else if (k < 85) {	/* no NUL at all: -EINVAL */
		for (i = 3; i < KB_NAME_LEN; i++)
			name[i] = (char)(1 + below(&w->r, 255));
	} else if (k < 90) {	/* empty: -EINVAL */
		name[0] = '\0';
	} else if (k < 95) {	/* exactly KB_NAME_LEN - 1 characters */
		memset(name + 3, 'x', KB_NAME_LEN - 4);
		name[KB_NAME_LEN - 1] = '\0';
	} else {
		name[3] = '\0';
	}
}

static uint64_t rand_arg(struct worker *w, uint32_t workload)
{
	bool bad = chance(&w->r, 6);

	switch (workload) {
	case KB_WORKLOAD_IDLE:
#ifdef KB_WORKLOAD_WAIT
	case KB_WORKLOAD_WAIT:
#endif
		return bad ? rnd(&w->r) : 0;
	case KB_WORKLOAD_EXIT:
		if (bad)
			return chance(&w->r, 50) ? (uint64_t)INT_MAX + 1 :
				(uint64_t)(int64_t)INT_MIN - 1;
		return (uint64_t)(int64_t)(int32_t)rnd(&w->r);
	case KB_WORKLOAD_SPIN:
		if (bad)
			return chance(&w->r, 50) ? 0 : KB_SPIN_MAX_NS + 1;
		return 1 + below(&w->r, 2000000);	/* up to 2 ms */
	case KB_WORKLOAD_PERIODIC:
		if (bad)
			return chance(&w->r, 50) ? KB_PERIOD_MIN_NS - 1 :
				KB_PERIOD_MAX_NS + 1;
		if (chance(&w->r, 3))
			return KB_PERIOD_MIN_NS;
		return 1000000 + below(&w->r, 50000000);	/* 1..51 ms */
	default:
		return rnd(&w->r);
	}
}

static uint32_t rand_workload(struct worker *w)
{
#ifdef KB_WORKLOAD_WAIT
	const uint32_t n = KB_WORKLOAD_WAIT + 1;
#else
	const uint32_t n = KB_WORKLOAD_PERIODIC + 1;
#endif
	if (chance(&w->r, 5))
		return chance(&w->r, 50) ? n : (uint32_t)rnd(&w->r);
	return below(&w->r, n);
}

/*
 * timeout_ns for a wait flag: mostly a deadline a few ms ahead, at times
 * one already passed or an invalid one; never KB_TIMEOUT_INFINITE (a
 * parked thread would never enter). Without the flag mostly 0.
 */
static uint64_t rand_timeout(struct worker *w, bool waits)
{
	unsigned int k = below(&w->r, 100);

	if (!waits)
		return k < 95 ? 0 : rnd(&w->r);
	if (k < 85)
		return now_ns() + below(&w->r, 20000000);
	if (k < 92)
		return k & 1;
	return (1ULL << 63) + below(&w->r, 1000);	/* -EINVAL */
}

/* Mostly zero: a random value at times (then -EINVAL). */
static uint64_t rand_nonzero(struct worker *w, unsigned int pct)
{
	return chance(&w->r, pct) ? rnd(&w->r) | 1 : 0;
}

/* A mostly valid kb_create with one or two fields spoilt at times. */
static void fill_create(struct worker *w, struct kb_create *c)
{
	memset(c, 0, sizeof(*c));
	c->workload = rand_workload(w);
	c->arg = rand_arg(w, c->workload);
	if (chance(&w->r, 8)) {
		c->flags = KB_CREATE_BIND_CPU;
		c->cpu = below(&w->r, 4);	/* some CPUs are offline */
	} else if (chance(&w->r, 3)) {
		c->cpu = 1 + below(&w->r, 3);	/* cpu without the flag */
	}
#ifdef KB_CREATE_WAIT_ENTRY
	if (chance(&w->r, 2))
		c->flags |= KB_CREATE_WAIT_ENTRY;
#endif
	if (chance(&w->r, 3))
		c->flags |= 1U << below(&w->r, 32);
	c->timeout_ns = rand_timeout(w, c->flags & KB_CREATE_WAIT_ENTRY);
	c->reserved0 = (uint32_t)rand_nonzero(w, 2);
	c->reserved[below(&w->r, 4)] = rand_nonzero(w, 2);
	if (chance(&w->r, 4)) {	/* output fields hold garbage on input */
		c->handle = (uint32_t)rnd(&w->r);
		c->pid = (uint32_t)rnd(&w->r);
		c->start_time_ns = rnd(&w->r);
	}
	rand_name(w, c->name);
}

/* ---- mutators and harvesters, one pair per command ---- */

static void m_version(struct worker *w, void *arg, size_t size)
{
	fill_random(w, arg, size);
}

static void m_create(struct worker *w, void *arg, size_t size)
{
	(void)size;
	fill_create(w, arg);
}

static void h_create(struct worker *w, const struct cmd *c, long ret,
		     void *arg)
{
	struct kb_create *req = arg;

	(void)c;
	if (ret == 0)
		pool_add(w->f, req->handle);
}

static void m_wake(struct worker *w, void *arg, size_t size)
{
	struct kb_wake *req = arg;

	(void)size;
	memset(req, 0, sizeof(*req));
	req->handle = pick_handle(w);
#ifdef KB_WAKE_WAIT_ENTRY
	if (chance(&w->r, 2))
		req->flags = KB_WAKE_WAIT_ENTRY;
#endif
	if (chance(&w->r, 3))
		req->flags |= (uint32_t)rnd(&w->r);
	req->timeout_ns = rand_timeout(w, req->flags & KB_WAKE_WAIT_ENTRY);
	req->reserved0 = (uint32_t)rand_nonzero(w, 2);
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
	req->woken = chance(&w->r, 5) ? (uint32_t)rnd(&w->r) : 0;
}

static void m_stop(struct worker *w, void *arg, size_t size)
{
	struct kb_stop *req = arg;

	(void)size;
	memset(req, 0, sizeof(*req));
	req->handle = pick_handle(w);
	if (chance(&w->r, 3))
		req->flags = (uint32_t)rnd(&w->r) | 1;
	if (chance(&w->r, 50))
		req->info_ptr = rand_uptr(w, sizeof(struct kb_info));
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
	if (chance(&w->r, 3))
		req->result = (uint32_t)rnd(&w->r);
}

static void h_stop(struct worker *w, const struct cmd *c, long ret, void *arg)
{
	struct kb_stop *req = arg;

	(void)c;
	/* -EFAULT: checked before the stop, so the thread is mostly still there */
	if (ret == 0)
		pool_del(w->f, req->handle);
}

static void m_info(struct worker *w, void *arg, size_t size)
{
	struct kb_info_arg *req = arg;

	(void)size;
	memset(req, 0, sizeof(*req));
	req->handle = pick_handle(w);
	if (chance(&w->r, 3))
		req->flags = (uint32_t)rnd(&w->r) | 1;
	req->info_ptr = rand_uptr(w, sizeof(struct kb_info));
	if (chance(&w->r, 40)) {
		unsigned int k = below(&w->r, 10);

		req->mask_len = k < 6 ? 8 * (1 + below(&w->r, 4)) :
			k < 8 ? KB_MASK_MAX : k < 9 ? 12 : (uint32_t)rnd(&w->r);
		req->mask_ptr = chance(&w->r, 90) ?
			(uintptr_t)(w->aux + SCRATCH / 2) :
			rand_uptr(w, req->mask_len);
	}
	req->mask_size = (uint32_t)rand_nonzero(w, 2);
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
}

static void m_list(struct worker *w, void *arg, size_t size)
{
	struct kb_list *req = arg;
	unsigned int k = below(&w->r, 10);

	(void)size;
	memset(req, 0, sizeof(*req));
	req->capacity = k < 6 ? below(&w->r, 80) : k < 8 ? 0 :
		k < 9 ? UINT32_MAX : (uint32_t)rnd(&w->r);
	req->handles_ptr = rand_uptr(w, (size_t)req->capacity * 4);
	req->count = (uint32_t)rand_nonzero(w, 5);
	req->flags = (uint32_t)rand_nonzero(w, 3);
	req->reserved0 = (uint32_t)rand_nonzero(w, 2);
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
}

#ifdef KB_IOC_PARK
static void m_park(struct worker *w, void *arg, size_t size)
{
	struct kb_park *req = arg;

	(void)size;
	memset(req, 0, sizeof(*req));
	req->handle = pick_handle(w);
	if (chance(&w->r, 3))
		req->flags = (uint32_t)rnd(&w->r) | 1;
	req->reserved0 = (uint32_t)rand_nonzero(w, 3);
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
	req->was_parked = (uint32_t)rand_nonzero(w, 3);
}
#endif

#ifdef KB_IOC_SCHED
static void m_sched(struct worker *w, void *arg, size_t size)
{
	struct kb_sched *req = arg;

	(void)size;
	memset(req, 0, sizeof(*req));
	req->handle = pick_handle(w);
	req->policy = chance(&w->r, 90) ? below(&w->r, 3) : (uint32_t)rnd(&w->r);
	if (req->policy == KB_SCHED_NORMAL || chance(&w->r, 5))
		req->nice = (uint32_t)(int32_t)(chance(&w->r, 90) ?
			(int)below(&w->r, 40) - 20 : (int)rnd(&w->r));
	req->flags = (uint32_t)rand_nonzero(w, 3);
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
}
#endif

#ifdef KB_IOC_AFFINITY
static void m_affinity(struct worker *w, void *arg, size_t size)
{
	struct kb_affinity *req = arg;
	unsigned int k = below(&w->r, 10);
	uint64_t *mask = (uint64_t *)(void *)w->aux;
	size_t i;

	(void)size;
	memset(req, 0, sizeof(*req));
	req->handle = pick_handle(w);
	req->mask_len = k < 7 ? 8 : k < 8 ? 8 * (1 + below(&w->r, KB_MASK_MAX / 8)) :
		k < 9 ? KB_MASK_MAX + 8 : (uint32_t)rnd(&w->r);
	for (i = 0; i < KB_MASK_MAX / 8 + 2; i++)
		mask[i] = 0;
	mask[0] = chance(&w->r, 80) ? 1 + below(&w->r, 3) :
		chance(&w->r, 50) ? 0 : rnd(&w->r);
	if (chance(&w->r, 5))
		mask[below(&w->r, KB_MASK_MAX / 8)] = rnd(&w->r);
	req->mask_ptr = chance(&w->r, 85) ? (uintptr_t)mask :
		rand_uptr(w, req->mask_len);
	req->flags = (uint32_t)rand_nonzero(w, 3);
	req->reserved0 = (uint32_t)rand_nonzero(w, 2);
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
}
#endif

#ifdef KB_IOC_SIGNAL
static void m_signal(struct worker *w, void *arg, size_t size)
{
	struct kb_signal *req = arg;

	(void)size;
	memset(req, 0, sizeof(*req));
	req->handle = pick_handle(w);
	if (chance(&w->r, 5))
		req->flags = KB_SIGNAL_WAIT;
	if (chance(&w->r, 3))
		req->flags |= (uint32_t)rnd(&w->r);
	req->timeout_ns = rand_timeout(w, req->flags & KB_SIGNAL_WAIT);
	if (chance(&w->r, 5))
		fill_random(w, &req->seq, 24);
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
}
#endif

#ifdef KB_IOC_BATCH
static void m_batch(struct worker *w, void *arg, size_t size)
{
	struct kb_batch *req = arg;
	struct kb_batch_item *items = (void *)w->aux;
	struct kb_create *tmpl = (void *)(w->aux + SCRATCH - 2 * sizeof(*tmpl));
	unsigned int k = below(&w->r, 100), i, n;

	(void)size;
	memset(req, 0, sizeof(*req));
	req->op = chance(&w->r, 95) ? below(&w->r, 4) : (uint32_t)rnd(&w->r);
	/* Bounded: a valid large CREATE would fill the file's limit. */
	n = k < 90 ? 1 + below(&w->r, 8) : k < 94 ? 0 :
		k < 97 ? KB_BATCH_MAX + 1 : (uint32_t)rnd(&w->r) | 0x80000000U;
	if ((req->op == KB_BATCH_CREATE || req->op == KB_BATCH_RUN) &&
	    pool_len(w->f) + 8 > POOL && n <= KB_BATCH_MAX)
		n = 1;
	req->count = n;
	for (i = 0; i < 8; i++) {
		memset(&items[i], 0, sizeof(items[i]));
		if (req->op == KB_BATCH_WAKE || req->op == KB_BATCH_STOP ||
		    chance(&w->r, 3))
			items[i].handle = pick_handle(w);
		if (chance(&w->r, 3))	/* an out field or reserved set: -EINVAL */
			fill_random(w, &items[i].flags,
				    sizeof(items[i]) - sizeof(items[i].handle));
	}
	req->items_ptr = chance(&w->r, 90) ? (uintptr_t)items :
		rand_uptr(w, (size_t)(n <= 8 ? n : 8) * sizeof(*items));
	fill_create(w, tmpl);
	req->create_ptr = chance(&w->r, 90) ? (uintptr_t)tmpl :
		rand_uptr(w, sizeof(*tmpl));
	if (chance(&w->r, 3))
		req->flags = (uint32_t)rnd(&w->r) | 1;
	req->done = (uint32_t)rand_nonzero(w, 4);
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
}

static void h_batch(struct worker *w, const struct cmd *c, long ret, void *arg)
{
	struct kb_batch *req = arg;
	struct kb_batch_item *items = (void *)(uintptr_t)req->items_ptr;
	unsigned int i;

	(void)c;
	if (ret || items != (void *)w->aux || req->count > 8)
		return;
	for (i = 0; i < req->count; i++) {
		if (items[i].error)
			continue;
		if (req->op == KB_BATCH_CREATE || req->op == KB_BATCH_RUN)
			pool_add(w->f, items[i].handle);
		else if (req->op == KB_BATCH_STOP)
			pool_del(w->f, items[i].handle);
	}
}
#endif

#ifdef KB_IOC_BENCH
static void m_bench(struct worker *w, void *arg, size_t size)
{
	struct kb_bench *req = arg;
	unsigned int k = below(&w->r, 100);

	(void)size;
	memset(req, 0, sizeof(*req));
	req->op = chance(&w->r, 95) ? KB_BENCH_CYCLE : (uint32_t)rnd(&w->r);
	/* never a large valid count: each cycle is a kthread under TCG */
	req->count = k < 90 ? 1 + below(&w->r, 4) : k < 95 ? 0 :
		KB_BENCH_MAX + 1 + below(&w->r, 1000);
	if (chance(&w->r, 5))
		fill_random(w, &req->elapsed_ns, 24);
	req->flags = (uint32_t)rand_nonzero(w, 3);
	req->reserved0 = (uint32_t)rand_nonzero(w, 2);
	req->reserved[below(&w->r, 2)] = rand_nonzero(w, 2);
}
#endif

/* Any number of this driver's magic, random direction, size and bytes. */
static void m_random(struct worker *w, void *arg, size_t size)
{
	fill_random(w, arg, size);
}

/* ---- non-ioctl entries ---- */

static long c_read(struct worker *w, const struct cmd *c)
{
	static const size_t lens[] = { 0, 1, 8, 31, 32, 33, 64, 4096, 65536 };
	size_t len = lens[below(&w->r, 9)];
	void *p = chance(&w->r, 85) ? (void *)w->buf :
		(void *)(uintptr_t)rand_uptr(w, len);
	ssize_t n;

	(void)c;
	if (len > SCRATCH)
		len = SCRATCH;
	/* the files are O_NONBLOCK: an empty queue is -EAGAIN */
	n = read(w->f->fd, p, len);
	return n < 0 ? -errno : 0;
}

static long c_poll(struct worker *w, const struct cmd *c)
{
	struct pollfd pfd = { .fd = w->f->fd, .events = POLLIN | POLLOUT | POLLPRI };
	int n;

	(void)c;
	n = poll(&pfd, 1, chance(&w->r, 90) ? 0 : 1);
	if (n < 0)
		return -errno;
	return (pfd.revents & (POLLNVAL | POLLERR)) ? -EBADFD : 0;
}

/* Replace the file under the other threads: its threads are all stopped. */
static long c_reopen(struct worker *w, const struct cmd *c)
{
	struct file_slot *f = w->f;
	int fd;

	(void)c;
	fd = open(dev_path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	pthread_mutex_lock(&f->lock);
	if (dup3(fd, f->fd, O_CLOEXEC) < 0) {
		pthread_mutex_unlock(&f->lock);
		close(fd);
		return -errno;
	}
	while (f->n)
		f->stale[f->stale_pos++ % STALE] = f->pool[--f->n];
	f->generation++;
	pthread_mutex_unlock(&f->lock);
	close(fd);
	return 0;
}

static const struct cmd *pick_ioctl(struct worker *w);
static void do_ioctl(struct worker *w, const struct cmd *c, bool quiet);

/* A child using the inherited files, then exiting or being killed. */
static long c_fork(struct worker *w, const struct cmd *c)
{
	int status, i;
	pid_t pid;

	(void)c;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		in_child = true;
		w->r.s ^= 0x5555;
		for (i = 0; i < 8; i++) {
			w->slot = below(&w->r, opt_files);
			w->f = &files[w->slot];
			do_ioctl(w, pick_ioctl(w), true);
		}
		_exit(0);
	}
	if (chance(&w->r, 50))
		kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return 0;
}

/*
 * Weights are per mille of calls, roughly: thread creation costs ~100x a
 * failing call under TCG, so it is a few percent; REOPEN and FORK are rare.
 */
#define IOC(nm, n, m, h, wt) { .name = nm, .nr = n, .size = _IOC_SIZE(n), \
			       .weight = wt, .mutate = m, .harvest = h }
#define CALL(nm, fn, wt) { .name = nm, .call = fn, .weight = wt }

static struct cmd cmds[] = {
	IOC("VERSION", KB_IOC_VERSION, m_version, NULL, 30),
	IOC("CREATE", KB_IOC_CREATE, m_create, h_create, 15),
	IOC("RUN", KB_IOC_RUN, m_create, h_create, 15),
	IOC("WAKE", KB_IOC_WAKE, m_wake, NULL, 90),
	IOC("STOP", KB_IOC_STOP, m_stop, h_stop, 60),
	IOC("INFO", KB_IOC_INFO, m_info, NULL, 150),
	IOC("LIST", KB_IOC_LIST, m_list, NULL, 50),
#ifdef KB_IOC_PARK
	IOC("PARK", KB_IOC_PARK, m_park, NULL, 40),
	IOC("UNPARK", KB_IOC_UNPARK, m_park, NULL, 40),
#endif
#ifdef KB_IOC_SCHED
	IOC("SCHED", KB_IOC_SCHED, m_sched, NULL, 40),
#endif
#ifdef KB_IOC_AFFINITY
	IOC("AFFINITY", KB_IOC_AFFINITY, m_affinity, NULL, 40),
#endif
#ifdef KB_IOC_SIGNAL
	IOC("SIGNAL", KB_IOC_SIGNAL, m_signal, NULL, 40),
#endif
#ifdef KB_IOC_BATCH
	IOC("BATCH", KB_IOC_BATCH, m_batch, h_batch, 8),
#endif
#ifdef KB_IOC_BENCH
	IOC("BENCH", KB_IOC_BENCH, m_bench, NULL, 1),
#endif
	{ .name = "RANDOM", .nr = 0, .size = 64, .weight = 100,
	  .mutate = m_random },
	CALL("READ", c_read, 50),
	CALL("POLL", c_poll, 40),
	CALL("REOPEN", c_reopen, 1),
	CALL("FORK", c_fork, 1),
};

#define NR_CMDS (sizeof(cmds) / sizeof(cmds[0]))
static unsigned int total_weight, ioctl_weight;
static const struct cmd *stop_cmd;
static struct stats per_worker[MAX_THREADS][NR_CMDS];

static const struct cmd *pick_by_weight(struct worker *w, unsigned int total,
					bool ioctl_only)
{
	unsigned int x = below(&w->r, total), i;

	for (i = 0; i < NR_CMDS; i++) {
		if (ioctl_only && cmds[i].call)
			continue;
		if (x < cmds[i].weight)
			return &cmds[i];
		x -= cmds[i].weight;
	}
	return &cmds[0];
}

static const struct cmd *pick_ioctl(struct worker *w)
{
	return pick_by_weight(w, ioctl_weight, true);
}

/* The errnos the ABI documents for any command (and read/poll). */
static bool expected_errno(long e)
{
	switch (e) {
	case EINVAL: case ENOTTY: case ENOENT: case EFAULT: case EMFILE:
	case ENFILE: case ENOMEM: case EINTR: case EBUSY:
	case ESRCH: case ETIMEDOUT: case EAGAIN:
		return true;
	default:
		return false;
	}
}

/* Where the struct goes: mostly aligned, sometimes spoilt. */
static void *place_arg(struct worker *w, size_t size, bool *placed_ok)
{
	unsigned int k = below(&w->r, 100);

	*placed_ok = true;
	if (k < 86)
		return w->buf;
	*placed_ok = false;
	switch (k % 7) {
	case 0:
		return NULL;
	case 1:
		return unmapped;
	case 2:
		return (void *)(uintptr_t)(0xffff888000000000ULL + below(&w->r, 4096));
	case 3:			/* crossing into the guard page */
		return w->buf + SCRATCH - (size ? 1 + below(&w->r, (uint32_t)size) : 1);
	case 4:
		return w->ro;	/* readable: commands that write back fault */
	default:		/* unaligned, but fully valid memory */
		*placed_ok = true;
		return w->buf + 1 + below(&w->r, 7);
	}
}

static unsigned long mutate_nr(struct worker *w, const struct cmd *c)
{
	unsigned long nr = c->nr;
	unsigned int k;

	if (!nr || chance(&w->r, 88))
		return nr ? nr : _IOC(below(&w->r, 4), KB_IOC_MAGIC,
				      below(&w->r, 0x40), below(&w->r, 1024));
	k = below(&w->r, 5);
	switch (k) {
	case 0:			/* size off by a little or a lot */
		return _IOC(_IOC_DIR(nr), _IOC_TYPE(nr), _IOC_NR(nr),
			    (_IOC_SIZE(nr) + (chance(&w->r, 50) ? 8 : -8)) & 0x3fff);
	case 1:
		return _IOC(_IOC_DIR(nr), _IOC_TYPE(nr), _IOC_NR(nr),
			    below(&w->r, 0x4000));
	case 2:			/* direction */
		return _IOC(below(&w->r, 4), _IOC_TYPE(nr), _IOC_NR(nr),
			    _IOC_SIZE(nr));
	case 3:			/* neighbouring magic */
		return _IOC(_IOC_DIR(nr), chance(&w->r, 50) ? 0xBB : 0xBD,
			    _IOC_NR(nr), _IOC_SIZE(nr));
	default:		/* the driver's range and beyond */
		return _IOC(_IOC_DIR(nr), _IOC_TYPE(nr), below(&w->r, 256),
			    _IOC_SIZE(nr));
	}
}

static void record(struct worker *w, const struct cmd *c, long ret,
		   unsigned long nr, bool quiet)
{
	struct stats *st = &per_worker[w->id][c - cmds];

	st->calls++;
	if (ret >= 0) {
		st->ok++;
		return;
	}
	if (-ret <= MAX_ERRNO)
		st->err[-ret]++;
	if (!expected_errno(-ret)) {
		st->unexpected++;
		if (!quiet && st->unexpected <= 3)
			printf("# UNEXPECTED: %s (cmd 0x%08lx) on file %u: %s (%ld)\n",
			       c->name, nr, w->slot, strerror((int)-ret), ret);
	}
}

static void do_ioctl(struct worker *w, const struct cmd *c, bool quiet)
{
	unsigned long nr = mutate_nr(w, c);
	size_t size = c->size ? c->size : 64;
	bool placed_ok;
	void *arg = place_arg(w, size, &placed_ok);
	long ret;

	if (placed_ok)
		c->mutate(w, arg, size);
	ret = ioctl(w->f->fd, nr, arg);
	if (ret < 0)
		ret = -errno;
	/* harvest only what a real command wrote where we can read it */
	if (c->harvest && nr == c->nr && placed_ok)
		c->harvest(w, c, ret, arg);
	record(w, c, ret, nr, quiet);
	if (opt_verbose > 1)
		printf("# w%u f%u %s 0x%08lx -> %ld\n", w->id, w->slot, c->name,
		       nr, ret);
}

static bool take_call(void)
{
	uint64_t left = __atomic_load_n(&calls_left, __ATOMIC_RELAXED);

	do {
		if (!left)
			return false;
	} while (!__atomic_compare_exchange_n(&calls_left, &left, left - 1, true,
					      __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return true;
}

static void *worker_main(void *p)
{
	struct worker *w = p;
	const struct cmd *c;
	unsigned int n = 0;
	long ret;

	while (!stop_now && take_call()) {
		if ((++n & 63) == 0 && now_ns() > deadline_ns)
			break;
		w->slot = below(&w->r, opt_files);
		w->f = &files[w->slot];
		c = pick_by_weight(w, total_weight, false);
		/* a full pool: stop instead of creating more */
		if ((c->harvest == h_create) && pool_len(w->f) >= POOL - 4)
			c = stop_cmd;
		if (c->call) {
			ret = c->call(w, c);
			record(w, c, ret, 0, false);
		} else {
			do_ioctl(w, c, false);
		}
	}
	return NULL;
}

static void *map_or_die(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

/* Scratch area of SCRATCH bytes followed by a PROT_NONE guard page. */
static unsigned char *guarded(void)
{
	unsigned char *p = map_or_die(SCRATCH + page_size, PROT_READ | PROT_WRITE);

	mprotect(p + SCRATCH, page_size, PROT_NONE);
	return p;
}

/*
 * A read-only page that starts with a valid kb_create: CREATE and RUN on it
 * are -EFAULT before any thread is made (ABI 2 checks the write-back first).
 */
static unsigned char *ro_page(void)
{
	unsigned char *p = map_or_die(page_size, PROT_READ | PROT_WRITE);
	struct kb_create *c = (void *)p;

	c->workload = KB_WORKLOAD_IDLE;
	strcpy(c->name, NAME_PREFIX "-ro");
	mprotect(p, page_size, PROT_READ);
	return p;
}

static long read_nr_param(void)
{
	long v = -1;

	return hz_read_param("nr_threads", &v) ? -1 : v;
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: kb_fuzz [--seed S] [--calls N] [--seconds T] [--threads K]\n"
		"               [--files F] [--device PATH] [-v]\n"
		"Fuzzes %s until N calls (default 100000) or T seconds\n"
		"(default 60), whichever first, with K threads (default 4, max %d)\n"
		"on F open files (default 3, max %d). The seed (default: from the\n"
		"clock) is printed; the same seed replays each worker's choices.\n"
		"Exit status 0 when every errno was one the ABI documents and no\n"
		"thread of the module is left after the files are closed.\n",
		dev_path, MAX_THREADS, MAX_FILES);
}

static void parse(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "calls", required_argument, NULL, 'n' },
		{ "seconds", required_argument, NULL, 't' },
		{ "threads", required_argument, NULL, 'j' },
		{ "files", required_argument, NULL, 'f' },
		{ "device", required_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opt_seed = (uint64_t)now_ns() ^ ((uint64_t)getpid() << 32);
	while ((c = getopt_long(argc, argv, "s:n:t:j:f:d:vh", opts, NULL)) != -1) {
		switch (c) {
		case 's': opt_seed = strtoull(optarg, NULL, 0); break;
		case 'n': opt_calls = strtoull(optarg, NULL, 0); break;
		case 't': opt_seconds = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'j': opt_threads = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'f': opt_files = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'd': dev_path = optarg; break;
		case 'v': opt_verbose++; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); exit(2);
		}
	}
	if (!opt_threads || opt_threads > MAX_THREADS || !opt_files ||
	    opt_files > MAX_FILES || optind != argc) {
		usage(stderr);
		exit(2);
	}
}

static void print_summary(double secs, uint64_t *total_out, uint64_t *unexp_out)
{
	uint64_t total = 0, unexpected = 0, err[MAX_ERRNO + 1] = { 0 };
	unsigned int i, t, e;
	char line[1024];
	int len;

	printf("# %-9s %10s %10s  errnos\n", "command", "calls", "ok");
	for (i = 0; i < NR_CMDS; i++) {
		struct stats *s = &cmds[i].st;

		for (t = 0; t < opt_threads; t++) {
			s->calls += per_worker[t][i].calls;
			s->ok += per_worker[t][i].ok;
			s->unexpected += per_worker[t][i].unexpected;
			for (e = 0; e <= MAX_ERRNO; e++)
				s->err[e] += per_worker[t][i].err[e];
		}
		len = 0;
		line[0] = '\0';
		for (e = 1; e <= MAX_ERRNO; e++) {
			if (!s->err[e])
				continue;
			err[e] += s->err[e];
			len += snprintf(line + len, sizeof(line) - (size_t)len,
					" %s=%" PRIu64, strerrorname_np((int)e) ?: "?",
					s->err[e]);
			if (len >= (int)sizeof(line) - 40)
				break;
		}
		printf("# %-9s %10" PRIu64 " %10" PRIu64 " %s\n", cmds[i].name,
		       s->calls, s->ok, line);
		total += s->calls;
		unexpected += s->unexpected;
	}
	len = 0;
	line[0] = '\0';
	for (e = 1; e <= MAX_ERRNO; e++)
		if (err[e])
			len += snprintf(line + len, sizeof(line) - (size_t)len,
					" %s=%" PRIu64, strerrorname_np((int)e) ?: "?",
					err[e]);
	printf("# errno histogram:%s\n", line);
	printf("# calls %" PRIu64 " in %.1f s: %.0f calls/s\n", total, secs,
	       secs > 0 ? (double)total / secs : 0.0);
	*total_out = total;
	*unexp_out = unexpected;
}

int main(int argc, char **argv)
{
	struct worker *w;
	uint64_t start, total, unexpected;
	unsigned int i, passed = 0, failed = 0;
	int left = -1, tries;
	long nr = -1;
	double secs;

	setvbuf(stdout, NULL, _IOLBF, 0);
	parse(argc, argv);
	signal(SIGPIPE, SIG_IGN);
	page_size = (unsigned long)sysconf(_SC_PAGESIZE);
	unmapped = map_or_die(page_size, PROT_READ);
	munmap(unmapped, page_size);

	for (i = 0; i < NR_CMDS; i++) {
		if (cmds[i].nr == KB_IOC_STOP)
			stop_cmd = &cmds[i];
		total_weight += cmds[i].weight;
		if (!cmds[i].call)
			ioctl_weight += cmds[i].weight;
	}
	printf("# kb_fuzz: seed %" PRIu64 ", calls %" PRIu64 ", seconds %u, "
	       "threads %u, files %u, %zu commands\n", opt_seed, opt_calls,
	       opt_seconds, opt_threads, opt_files, NR_CMDS);
	printf("# replay: kb_fuzz --seed %" PRIu64 " --calls %" PRIu64
	       " --seconds %u --threads %u --files %u\n", opt_seed, opt_calls,
	       opt_seconds, opt_threads, opt_files);

	for (i = 0; i < opt_files; i++) {
		files[i].fd = open(dev_path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
		if (files[i].fd < 0) {
			printf("# cannot open %s: %s\n", dev_path, strerror(errno));
			printf("0 passed, 1 failed\n");
			return 1;
		}
		pthread_mutex_init(&files[i].lock, NULL);
	}

	w = calloc(opt_threads, sizeof(*w));
	if (!w)
		return 2;
	calls_left = opt_calls;
	start = now_ns();
	deadline_ns = start + (uint64_t)opt_seconds * 1000000000ULL;
	for (i = 0; i < opt_threads; i++) {
		w[i].id = i;
		w[i].r.s = opt_seed ^ (0x9e3779b97f4a7c15ULL * (i + 1));
		w[i].buf = guarded();
		w[i].aux = guarded();
		w[i].ro = ro_page();
		if (pthread_create(&w[i].tid, NULL, worker_main, &w[i])) {
			printf("# pthread_create failed\n");
			return 2;
		}
	}
	for (i = 0; i < opt_threads; i++)
		pthread_join(w[i].tid, NULL);
	secs = (double)(now_ns() - start) / 1e9;

	print_summary(secs, &total, &unexpected);
	if (unexpected) {
		printf("not ok 1 errnos: %" PRIu64 " calls returned an errno the ABI "
		       "does not document\n", unexpected);
		failed++;
	} else {
		printf("ok 1 errnos: every errno is a documented one\n");
		passed++;
	}

	for (i = 0; i < opt_files; i++)
		close(files[i].fd);
	/* the module stops a closed file's threads on its workqueue: wait */
	for (tries = 0; tries < 600; tries++) {
		left = hz_count_kthreads(NAME_PREFIX);
		nr = read_nr_param();
		if (left == 0 && nr <= 0)
			break;
		usleep(100000);
	}
	if (left == 0) {
		printf("ok 2 no " NAME_PREFIX "* kthread left after closing the files\n");
		passed++;
	} else {
		printf("not ok 2 %d " NAME_PREFIX "* kthreads left after closing the files\n",
		       left);
		failed++;
	}
	if (nr < 0) {
		printf("ok 3 nr_threads # SKIP no " KB_PARAMS "nr_threads\n");
	} else if (nr == 0) {
		printf("ok 3 nr_threads reads 0\n");
		passed++;
	} else {
		printf("not ok 3 nr_threads reads %ld\n", nr);
		failed++;
	}
	printf("# kb_fuzz: seed %" PRIu64 ": %" PRIu64 " calls, %.1f s\n",
	       opt_seed, total, secs);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
