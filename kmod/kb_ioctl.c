// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * The ioctls of /dev/kthread_bridge: one case per command, each a
 * kb_<verb>() helper that copies in, validates, checks it can write its
 * results, acts and copies out. Threads are found by handle in the file's
 * table under RCU and used under their own reference: no file-wide lock,
 * so concurrent commands on one file do not serialise.
 */
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "kb.h"
#include "kb_trace.h"

#define KB_FEATURES	(KB_FEATURE_LIFECYCLE | KB_FEATURE_BIND_CPU | \
			 KB_FEATURE_STOP_INFO | KB_FEATURE_PARK | \
			 KB_FEATURE_SCHED | KB_FEATURE_AFFINITY | \
			 KB_FEATURE_SIGNAL | KB_FEATURE_BATCH | \
			 KB_FEATURE_EVENTS | KB_FEATURE_WAIT_ENTRY | \
			 KB_FEATURE_AUTOSTOP | KB_FEATURE_BENCH)

/* Increments v unless that would take it past max. */
static bool kb_inc_below(atomic_t *v, unsigned int max)
{
	int old = atomic_read(v);

	do {
		if ((unsigned int)old >= max)
			return false;
	} while (!atomic_try_cmpxchg(v, &old, old + 1));
	return true;
}

/* Reserves a thread slot of the file and of the module. */
int kb_charge(struct kb_file *f)
{
	if (!kb_inc_below(&f->nr_threads, READ_ONCE(kb_max_threads_per_file)))
		return -EMFILE;
	if (!kb_inc_below(&kb_nr_threads, READ_ONCE(kb_max_threads))) {
		atomic_dec(&f->nr_threads);
		return -ENFILE;
	}
	return 0;
}

/* Gives back both slots of a thread never made (or of BENCH's). */
void kb_uncharge(struct kb_file *f)
{
	atomic_dec(&f->nr_threads);
	kb_thread_uncount();
}

/*
 * The thread of handle, with a reference for the caller, or NULL. No lock:
 * the table is read under RCU and a thread whose last reference is going
 * (kfree_rcu()) is not taken.
 */
static struct kb_thread *kb_lookup(struct kb_file *f, u32 handle)
{
	struct kb_thread *t;

	rcu_read_lock();
	t = xa_load(&f->threads, handle);
	if (t && !kb_thread_tryget(t))
		t = NULL;
	rcu_read_unlock();
	return t;
}

/* Removes handle; the table's reference passes to the caller. */
static struct kb_thread *kb_unpublish(struct kb_file *f, u32 handle)
{
	struct kb_thread *t = xa_erase(&f->threads, handle);

	if (t)
		atomic_dec(&f->nr_threads);
	return t;
}

/* Stops a thread taken out of the table and drops the table's reference. */
static int kb_retire(struct kb_thread *t, struct kb_info *info)
{
	int ret = kb_thread_stop(t);

	if (info)
		kb_thread_info(t, info, NULL);
	kb_thread_put(t);
	return ret;
}

/*
 * Privileges: a file opened without CAP_SYS_NICE (kb_file.may_nice) gets
 * what the scheduler syscalls give a user's own threads, -EPERM beyond:
 * no real-time policy, no nice below 0 (the 0 a kthread starts with), no
 * CPU the calling task may not run on (its cpus_ptr at the time of the
 * call). Checked after the argument checks, before the handle lookup.
 */
static bool kb_cpus_allowed(struct kb_file *f, const struct cpumask *mask)
{
	unsigned int cpu;

	if (f->may_nice)
		return true;
	for_each_cpu(cpu, mask) {
		if (cpu >= nr_cpu_ids)
			break;
		if (!cpumask_test_cpu(cpu, current->cpus_ptr))
			return false;
	}
	return true;
}

static int kb_bind_allowed(struct kb_file *f, const struct kb_create *req)
{
	if (!(req->flags & KB_CREATE_BIND_CPU) || f->may_nice)
		return 0;
	return cpumask_test_cpu(req->cpu, current->cpus_ptr) ? 0 : -EPERM;
}

/*
 * A new unbound kthread gets kthreadd's affinity. Without CAP_SYS_NICE it
 * gets the calling task's instead, as a thread inherits its creator's.
 */
static int kb_confine(struct kb_file *f, struct kb_thread *t,
		      const struct kb_create *req)
{
	if (f->may_nice || (req->flags & KB_CREATE_BIND_CPU))
		return 0;
	return set_cpus_allowed_ptr(t->task, current->cpus_ptr);
}

static bool kb_zero(const void *p, size_t size)
{
	return !memchr_inv(p, 0, size);
}

/* timeout_ns: zero without its wait flag, else a time or INFINITE. */
static int kb_timeout_check(bool waits, u64 timeout_ns)
{
	if (!waits)
		return timeout_ns ? -EINVAL : 0;
	if (timeout_ns > KTIME_MAX && timeout_ns != KB_TIMEOUT_INFINITE)
		return -EINVAL;
	return 0;
}

/*
 * Whether the kernel can write the argument struct back: it writes what
 * it read, so nothing changes, before the command acts.
 */
static int kb_writable(void __user *argp, const void *req, size_t size)
{
	return copy_to_user(argp, req, size) ? -EFAULT : 0;
}

/* KB_IOC_VERSION */
static int kb_version(void __user *argp)
{
	struct kb_version ver;

	if (copy_from_user(&ver, argp, sizeof(ver)))
		return -EFAULT;
	if (!kb_zero(&ver, sizeof(ver)))
		return -EINVAL;
	ver.version = KB_ABI_VERSION;
	ver.features = KB_FEATURES;
	return copy_to_user(argp, &ver, sizeof(ver)) ? -EFAULT : 0;
}

static int kb_create_check(const struct kb_create *req, bool run)
{
	size_t len = strnlen(req->name, sizeof(req->name));
	u32 flags = KB_CREATE_BIND_CPU | (run ? KB_CREATE_WAIT_ENTRY : 0);

	if (req->reserved0 || !kb_zero(req->reserved, sizeof(req->reserved)) ||
	    (req->flags & ~flags))
		return -EINVAL;
	if (req->handle || req->pid || req->start_time_ns)
		return -EINVAL;
	if (kb_timeout_check(req->flags & KB_CREATE_WAIT_ENTRY,
			     req->timeout_ns))
		return -EINVAL;
	if (!len || len == sizeof(req->name))
		return -EINVAL;
	if (req->flags & KB_CREATE_BIND_CPU) {
		if (req->cpu >= nr_cpu_ids || !cpu_online(req->cpu))
			return -EINVAL;
	} else if (req->cpu) {
		return -EINVAL;
	}
	return kb_workload_check(req->workload, req->arg);
}

/*
 * kthread_create() (and wake_up_process() for run) of one checked
 * request. Returns the thread in the table under a new handle, with a
 * reference for the caller; its exit event waits for kb_event_announce().
 */
static struct kb_thread *kb_create_one(struct kb_file *f,
				       const struct kb_create *req, bool run)
{
	struct kb_thread *t;
	u32 handle;
	int ret;

	ret = kb_charge(f);
	if (ret)
		return ERR_PTR(ret);

	t = kb_thread_new(f, req);
	if (IS_ERR(t)) {
		kb_uncharge(f);
		return t;
	}

	/* confine it, reserve the handle, set it, then make it visible */
	ret = kb_confine(f, t, req);
	if (!ret)
		ret = xa_alloc_cyclic(&f->threads, &handle, NULL,
				      XA_LIMIT(1, INT_MAX), &f->next_handle,
				      GFP_KERNEL);
	if (ret >= 0) {
		t->handle = handle;
		kb_thread_get(t);	/* the table's; the first is the caller's */
		ret = xa_err(xa_store(&f->threads, handle, t, GFP_KERNEL));
		if (ret) {
			xa_release(&f->threads, handle);
			kb_thread_put(t);
		}
	}
	if (ret < 0) {
		/* never visible, never woken: no event, no handle */
		atomic_dec(&f->nr_threads);
		kb_thread_stop(t);
		kb_thread_put(t);
		return ERR_PTR(ret);
	}

	trace_kb_created(t);
	if (run)
		kb_thread_wake(t);
	else
		kb_thread_arm_autostop(t);
	return t;
}

/*
 * The call that made t fails: user space never learns its handle, so the
 * thread is stopped without an exit event. If a concurrent STOP took the
 * handle first, that caller has it: the event is due after all.
 */
static void kb_undo(struct kb_file *f, struct kb_thread *t)
{
	struct kb_thread *mine = kb_unpublish(f, t->handle);

	if (mine)
		kb_retire(mine, NULL);
	else
		kb_event_announce(t);
}

/* KB_IOC_CREATE (kthread_create) and KB_IOC_RUN (kthread_run). */
static int kb_create(struct kb_file *f, void __user *argp, bool run)
{
	struct kb_create req;
	struct kb_thread *t;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	ret = kb_create_check(&req, run);
	if (!ret)
		ret = kb_writable(argp, &req, sizeof(req));
	if (!ret)
		ret = kb_bind_allowed(f, &req);
	if (ret)
		return ret;

	t = kb_create_one(f, &req, run);
	if (IS_ERR(t))
		return PTR_ERR(t);
	if (req.flags & KB_CREATE_WAIT_ENTRY)
		ret = kb_thread_wait_entry(t, req.timeout_ns);
	if (!ret) {
		req.handle = t->handle;
		req.pid = t->pid;
		req.start_time_ns = t->start_time_ns;
		if (copy_to_user(argp, &req, sizeof(req)))
			ret = -EFAULT;
	}
	if (ret)
		kb_undo(f, t);
	else
		kb_event_announce(t);
	kb_thread_put(t);
	return ret;
}

/* KB_IOC_WAKE (wake_up_process). */
static int kb_wake(struct kb_file *f, void __user *argp)
{
	struct kb_wake req;
	struct kb_thread *t;
	int ret = 0;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if ((req.flags & ~KB_WAKE_WAIT_ENTRY) || req.woken || req.reserved0 ||
	    !kb_zero(req.reserved, sizeof(req.reserved)) ||
	    kb_timeout_check(req.flags & KB_WAKE_WAIT_ENTRY, req.timeout_ns))
		return -EINVAL;
	ret = kb_writable(argp, &req, sizeof(req));
	if (ret)
		return ret;

	t = kb_lookup(f, req.handle);
	if (!t)
		return -ENOENT;
	ret = kb_thread_wake(t);
	if (ret >= 0) {
		req.woken = ret;
		ret = 0;
		if (req.flags & KB_WAKE_WAIT_ENTRY)
			ret = kb_thread_wait_entry(t, req.timeout_ns);
		/* the wake-up happened: say so, unless the call restarts */
		if (ret != -ERESTARTSYS && copy_to_user(argp, &req, sizeof(req)))
			ret = -EFAULT;
	}
	kb_thread_put(t);
	return ret;
}

/* KB_IOC_STOP (kthread_stop): the handle is released. */
static int kb_stop(struct kb_file *f, void __user *argp)
{
	void __user *infop;
	struct kb_info info;
	struct kb_stop req;
	struct kb_thread *t;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.result || req.status ||
	    !kb_zero(req.reserved, sizeof(req.reserved)))
		return -EINVAL;
	infop = u64_to_user_ptr(req.info_ptr);
	ret = kb_writable(argp, &req, sizeof(req));
	if (!ret && infop && (copy_from_user(&info, infop, sizeof(info)) ||
			      copy_to_user(infop, &info, sizeof(info))))
		ret = -EFAULT;
	if (ret)
		return ret;

	t = kb_unpublish(f, req.handle);
	if (!t)
		return -ENOENT;
	req.result = (u32)kb_retire(t, &info);
	req.status = info.status;
	/* the stop is done: the main struct first, then the info */
	if (copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
	if (infop && copy_to_user(infop, &info, sizeof(info)))
		ret = -EFAULT;
	return ret;
}

/* Bytes of the kernel's whole CPU mask, as sched_getaffinity() lays it out. */
static u32 kb_mask_size(void)
{
	return BITS_TO_LONGS(nr_cpu_ids) * sizeof(long);
}

/* KB_IOC_INFO */
static int kb_info(struct kb_file *f, void __user *argp)
{
	struct kb_info_arg req;
	struct kb_info info;
	struct kb_thread *t;
	cpumask_var_t mask;
	int ret = 0;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.mask_size ||
	    !kb_zero(req.reserved, sizeof(req.reserved)))
		return -EINVAL;
	if (req.mask_len % sizeof(u64) || req.mask_len > KB_MASK_MAX ||
	    !req.mask_ptr != !req.mask_len)
		return -EINVAL;
	/* only when asked: INFO is a hot path */
	if (req.mask_ptr && !zalloc_cpumask_var(&mask, GFP_KERNEL))
		return -ENOMEM;

	t = kb_lookup(f, req.handle);
	if (!t) {
		ret = -ENOENT;
		goto free_mask;
	}
	kb_thread_info(t, &info, req.mask_ptr ? mask : NULL);
	kb_thread_put(t);

	req.mask_size = kb_mask_size();
	if (copy_to_user(argp, &req, sizeof(req)) ||
	    copy_to_user(u64_to_user_ptr(req.info_ptr), &info, sizeof(info)))
		ret = -EFAULT;
	else if (req.mask_ptr &&
		 copy_to_user(u64_to_user_ptr(req.mask_ptr), cpumask_bits(mask),
			      min(req.mask_len, req.mask_size)))
		ret = -EFAULT;
free_mask:
	if (req.mask_ptr)
		free_cpumask_var(mask);
	return ret;
}

/* KB_IOC_LIST: lockless, as the lookups are. */
static int kb_list(struct kb_file *f, void __user *argp)
{
	struct kb_thread *t;
	unsigned long handle;
	struct kb_list req;
	u32 *handles = NULL;
	u32 n, count = 0;
	int ret = 0;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.count || req.reserved0 ||
	    !kb_zero(req.reserved, sizeof(req.reserved)))
		return -EINVAL;

	/* a file never holds more than KB_THREADS_PER_FILE_MAX handles */
	n = min_t(u32, req.capacity, KB_THREADS_PER_FILE_MAX);
	if (n) {
		handles = kvmalloc_array(n, sizeof(*handles), GFP_KERNEL);
		if (!handles)
			return -ENOMEM;
	}
	xa_for_each(&f->threads, handle, t) {
		if (count < n)
			handles[count] = handle;
		count++;
	}

	req.count = count;
	if (copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
	n = min(n, count);
	if (!ret && n &&
	    copy_to_user(u64_to_user_ptr(req.handles_ptr), handles,
			 array_size(n, sizeof(*handles))))
		ret = -EFAULT;
	kvfree(handles);
	return ret;
}

/* KB_IOC_PARK (kthread_park) and KB_IOC_UNPARK (kthread_unpark). */
static int kb_park(struct kb_file *f, void __user *argp, bool park)
{
	struct kb_park req;
	struct kb_thread *t;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.was_parked || req.reserved0 ||
	    !kb_zero(req.reserved, sizeof(req.reserved)))
		return -EINVAL;
	if (!park) {
		ret = kb_writable(argp, &req, sizeof(req));
		if (ret)
			return ret;
	}

	t = kb_lookup(f, req.handle);
	if (!t)
		return -ENOENT;
	ret = park ? kb_thread_park(t) : kb_thread_unpark(t);
	kb_thread_put(t);
	if (park || ret < 0)
		return ret;
	req.was_parked = ret;
	return copy_to_user(argp, &req, sizeof(req)) ? -EFAULT : 0;
}

/* KB_IOC_SCHED (sched_set_normal, sched_set_fifo, sched_set_fifo_low). */
static int kb_sched(struct kb_file *f, void __user *argp)
{
	struct kb_sched req;
	struct kb_thread *t;
	int nice, ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	nice = (int)req.nice;
	if (req.flags || !kb_zero(req.reserved, sizeof(req.reserved)) ||
	    req.policy > KB_SCHED_FIFO_LOW)
		return -EINVAL;
	if (req.policy == KB_SCHED_NORMAL ?
	    (nice < MIN_NICE || nice > MAX_NICE) : nice)
		return -EINVAL;
	if (!f->may_nice && (req.policy != KB_SCHED_NORMAL || nice < 0))
		return -EPERM;

	t = kb_lookup(f, req.handle);
	if (!t)
		return -ENOENT;
	ret = kb_thread_sched(t, req.policy, nice);
	kb_thread_put(t);
	return ret;
}

/* KB_IOC_AFFINITY (set_cpus_allowed_ptr). */
static int kb_affinity(struct kb_file *f, void __user *argp)
{
	struct kb_affinity req;
	struct kb_thread *t;
	cpumask_var_t mask;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.reserved0 ||
	    !kb_zero(req.reserved, sizeof(req.reserved)))
		return -EINVAL;
	if (req.mask_len < sizeof(u64) || req.mask_len > KB_MASK_MAX ||
	    req.mask_len % sizeof(u64))
		return -EINVAL;
	if (!zalloc_cpumask_var(&mask, GFP_KERNEL))
		return -ENOMEM;
	if (copy_from_user(cpumask_bits(mask), u64_to_user_ptr(req.mask_ptr),
			   min_t(size_t, req.mask_len, cpumask_size()))) {
		ret = -EFAULT;
		goto free_mask;
	}
	/* a kthread may run on any online CPU (set_cpus_allowed_ptr()) */
	if (!cpumask_intersects(mask, cpu_online_mask)) {
		ret = -EINVAL;
		goto free_mask;
	}
	if (!kb_cpus_allowed(f, mask)) {
		ret = -EPERM;
		goto free_mask;
	}

	t = kb_lookup(f, req.handle);
	if (!t) {
		ret = -ENOENT;
		goto free_mask;
	}
	ret = kb_thread_affinity(t, mask);
	kb_thread_put(t);
free_mask:
	free_cpumask_var(mask);
	return ret;
}

/* KB_IOC_SIGNAL: wakes a WAIT workload, timed by the kernel. */
static int kb_signal(struct kb_file *f, void __user *argp)
{
	struct kb_signal req;
	struct kb_thread *t;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if ((req.flags & ~KB_SIGNAL_WAIT) || req.seq || req.signal_ns ||
	    req.running_ns || !kb_zero(req.reserved, sizeof(req.reserved)) ||
	    kb_timeout_check(req.flags & KB_SIGNAL_WAIT, req.timeout_ns))
		return -EINVAL;
	ret = kb_writable(argp, &req, sizeof(req));
	if (ret)
		return ret;

	t = kb_lookup(f, req.handle);
	if (!t)
		return -ENOENT;
	ret = kb_thread_signal(t, &req);
	if (!ret) {
		if (req.flags & KB_SIGNAL_WAIT)
			ret = kb_thread_signal_wait(t, &req);
		/* the signal was sent: say so, unless the call restarts */
		if (ret != -ERESTARTSYS && copy_to_user(argp, &req, sizeof(req)))
			ret = -EFAULT;
	}
	kb_thread_put(t);
	return ret;
}

/*
 * One item of KB_IOC_BATCH; returns 0 or -errno for the item. CREATE and
 * RUN leave the thread in made[], with the caller's reference.
 */
static int kb_batch_one(struct kb_file *f, const struct kb_batch *req,
			const struct kb_create *tmpl,
			struct kb_batch_item *item, struct kb_thread **made)
{
	struct kb_info info;
	struct kb_thread *t;
	int ret;

	switch (req->op) {
	case KB_BATCH_CREATE:
	case KB_BATCH_RUN:
		t = kb_create_one(f, tmpl, req->op == KB_BATCH_RUN);
		if (IS_ERR(t))
			return PTR_ERR(t);
		item->handle = t->handle;
		item->value = t->pid;
		*made = t;
		return 0;
	case KB_BATCH_WAKE:
		t = kb_lookup(f, item->handle);
		if (!t)
			return -ENOENT;
		ret = kb_thread_wake(t);
		kb_thread_put(t);
		if (ret < 0)
			return ret;
		item->value = ret;
		return 0;
	case KB_BATCH_STOP:
		t = kb_unpublish(f, item->handle);
		if (!t)
			return -ENOENT;
		item->value = (u32)kb_retire(t, &info);
		item->status = info.status;
		return 0;
	}
	return -EINVAL;
}

/* Every in field but handle is zero; handle only for WAKE and STOP. */
static int kb_batch_items_check(const struct kb_batch_item *items, u32 count,
				bool create)
{
	u32 i;

	for (i = 0; i < count; i++) {
		const struct kb_batch_item *item = &items[i];

		if (item->flags || item->error || item->value ||
		    item->status || item->reserved0 || item->reserved1 ||
		    (create && item->handle))
			return -EINVAL;
	}
	return 0;
}

/* KB_IOC_BATCH: create, run, wake or stop many threads in one call. */
static int kb_batch(struct kb_file *f, void __user *argp)
{
	struct kb_thread **made = NULL;
	struct kb_batch_item *items;
	void __user *itemsp;
	struct kb_create tmpl;
	struct kb_batch req;
	bool create;
	size_t size;
	int ret = 0;
	u32 i;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.done || !kb_zero(req.reserved, sizeof(req.reserved)) ||
	    req.op > KB_BATCH_STOP || !req.count || req.count > KB_BATCH_MAX)
		return -EINVAL;
	create = req.op == KB_BATCH_CREATE || req.op == KB_BATCH_RUN;
	if (create != !!req.create_ptr)
		return -EINVAL;
	if (create) {
		if (copy_from_user(&tmpl, u64_to_user_ptr(req.create_ptr),
				   sizeof(tmpl)))
			return -EFAULT;
		ret = kb_create_check(&tmpl, false);
		if (ret)
			return ret;
	}

	size = array_size(req.count, sizeof(*items));
	itemsp = u64_to_user_ptr(req.items_ptr);
	items = kvmalloc(size, GFP_KERNEL);
	if (!items)
		return -ENOMEM;
	if (create) {
		made = kvcalloc(req.count, sizeof(*made), GFP_KERNEL);
		if (!made) {
			ret = -ENOMEM;
			goto free;
		}
	}
	if (copy_from_user(items, itemsp, size)) {
		ret = -EFAULT;
		goto free;
	}
	ret = kb_batch_items_check(items, req.count, create);
	if (!ret)
		ret = kb_writable(argp, &req, sizeof(req));
	if (!ret)
		ret = kb_writable(itemsp, items, size);
	if (!ret && create)
		ret = kb_bind_allowed(f, &tmpl);
	if (ret)
		goto free;

	for (i = 0; i < req.count; i++) {
		struct kb_batch_item *item = &items[i];
		int err;

		err = fatal_signal_pending(current) ? -EINTR :
		      kb_batch_one(f, &req, &tmpl, item, made ? &made[i] : NULL);
		item->error = (u32)err;
		if (!err)
			req.done++;
		cond_resched();
	}

	/* the main struct first, then the items */
	if (copy_to_user(argp, &req, sizeof(req)) ||
	    copy_to_user(itemsp, items, size))
		ret = -EFAULT;
	for (i = 0; made && i < req.count; i++) {
		if (!made[i])
			continue;
		if (ret)
			kb_undo(f, made[i]);
		else
			kb_event_announce(made[i]);
		kb_thread_put(made[i]);
	}
free:
	kvfree(made);
	kvfree(items);
	return ret;
}

/* KB_IOC_BENCH: the module's own lifecycle loop, one charged slot. */
static int kb_bench(struct kb_file *f, void __user *argp)
{
	struct kb_bench req;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.reserved0 || req.elapsed_ns || req.min_ns ||
	    req.max_ns || !kb_zero(req.reserved, sizeof(req.reserved)) ||
	    req.op != KB_BENCH_CYCLE || !req.count || req.count > KB_BENCH_MAX)
		return -EINVAL;
	ret = kb_writable(argp, &req, sizeof(req));
	if (ret)
		return ret;
	ret = kb_charge(f);
	if (ret)
		return ret;
	ret = kb_bench_cycles(&req);
	kb_uncharge(f);
	if (ret)
		return ret;
	return copy_to_user(argp, &req, sizeof(req)) ? -EFAULT : 0;
}

long kb_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct kb_file *f = file->private_data;
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case KB_IOC_VERSION:
		return kb_version(argp);
	case KB_IOC_CREATE:
		return kb_create(f, argp, false);
	case KB_IOC_RUN:
		return kb_create(f, argp, true);
	case KB_IOC_WAKE:
		return kb_wake(f, argp);
	case KB_IOC_STOP:
		return kb_stop(f, argp);
	case KB_IOC_INFO:
		return kb_info(f, argp);
	case KB_IOC_LIST:
		return kb_list(f, argp);
	case KB_IOC_PARK:
		return kb_park(f, argp, true);
	case KB_IOC_UNPARK:
		return kb_park(f, argp, false);
	case KB_IOC_SCHED:
		return kb_sched(f, argp);
	case KB_IOC_AFFINITY:
		return kb_affinity(f, argp);
	case KB_IOC_SIGNAL:
		return kb_signal(f, argp);
	case KB_IOC_BATCH:
		return kb_batch(f, argp);
	case KB_IOC_BENCH:
		return kb_bench(f, argp);
	default:
		return -ENOTTY;
	}
}
