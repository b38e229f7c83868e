// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * The ioctls of /dev/kthread_bridge: one case per command, each a
 * kb_<verb>() helper that copies in, validates, acts and copies out.
 * Threads are found by handle in the file's table under kb_file.lock and
 * used under their own reference, so nothing slow runs under the lock.
 */
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "kb.h"

#define KB_FEATURES	(KB_FEATURE_LIFECYCLE | KB_FEATURE_BIND_CPU | \
			 KB_FEATURE_STOP_INFO | KB_FEATURE_PARK | \
			 KB_FEATURE_SCHED | KB_FEATURE_AFFINITY | \
			 KB_FEATURE_SIGNAL | KB_FEATURE_BATCH | \
			 KB_FEATURE_EVENTS | KB_FEATURE_WAIT_ENTRY | \
			 KB_FEATURE_AUTOSTOP | KB_FEATURE_BENCH)

/* Reserves a thread slot of the file and of the module. */
static int kb_charge(struct kb_file *f)
{
	int ret = 0;

	mutex_lock(&f->lock);
	if (f->nr_threads >= READ_ONCE(kb_max_threads_per_file)) {
		ret = -EMFILE;
	} else if (atomic_inc_return(&kb_nr_threads) >
		   READ_ONCE(kb_max_threads)) {
		atomic_dec(&kb_nr_threads);
		ret = -ENFILE;
	} else {
		f->nr_threads++;
	}
	mutex_unlock(&f->lock);
	return ret;
}

static void kb_uncharge_file(struct kb_file *f)
{
	mutex_lock(&f->lock);
	f->nr_threads--;
	mutex_unlock(&f->lock);
}

/* The thread of handle, with a reference for the caller, or NULL. */
static struct kb_thread *kb_lookup(struct kb_file *f, u32 handle)
{
	struct kb_thread *t;

	mutex_lock(&f->lock);
	t = xa_load(&f->threads, handle);
	if (t)
		kb_thread_get(t);
	mutex_unlock(&f->lock);
	return t;
}

/* Removes handle; the table's reference passes to the caller. */
static struct kb_thread *kb_unpublish(struct kb_file *f, u32 handle)
{
	struct kb_thread *t;

	mutex_lock(&f->lock);
	t = xa_erase(&f->threads, handle);
	if (t)
		f->nr_threads--;
	mutex_unlock(&f->lock);
	return t;
}

/* Stops a thread taken out of the table and drops the table's reference. */
static int kb_retire(struct kb_thread *t, struct kb_info *info)
{
	int ret = kb_thread_stop(t);

	if (info)
		kb_thread_info(t, info);
	kb_thread_put(t);
	return ret;
}

static int kb_version(void __user *argp)
{
	struct kb_version ver;

	memset(&ver, 0, sizeof(ver));
	ver.version = KB_ABI_VERSION;
	ver.features = KB_FEATURES;
	return copy_to_user(argp, &ver, sizeof(ver)) ? -EFAULT : 0;
}

static int kb_create_check(const struct kb_create *req, bool run)
{
	size_t len = strnlen(req->name, sizeof(req->name));
	u32 flags = KB_CREATE_BIND_CPU | (run ? KB_CREATE_WAIT_ENTRY : 0);

	if (req->reserved || (req->flags & ~flags))
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
 * request; returns the published thread with a reference for the caller.
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
		kb_uncharge_file(f);
		kb_thread_uncount();
		return t;
	}

	mutex_lock(&f->lock);
	ret = xa_alloc_cyclic(&f->threads, &handle, t, XA_LIMIT(1, INT_MAX),
			      &f->next_handle, GFP_KERNEL);
	if (ret < 0) {
		f->nr_threads--;
		mutex_unlock(&f->lock);
		kb_retire(t, NULL);
		return ERR_PTR(ret);
	}
	kb_thread_publish(t, handle, !run);
	kb_thread_get(t);	/* the caller's; the first one is the table's */
	mutex_unlock(&f->lock);

	if (run)
		kb_thread_wake(t);
	return t;
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
	if (ret)
		return ret;

	t = kb_create_one(f, &req, run);
	if (IS_ERR(t))
		return PTR_ERR(t);
	if (req.flags & KB_CREATE_WAIT_ENTRY)
		ret = kb_thread_wait_entry(t);
	req.handle = t->handle;
	req.pid = t->pid;
	if (!ret && copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
	if (ret) {
		/* Nobody learnt the handle: undo, unless a STOP took it. */
		struct kb_thread *mine = kb_unpublish(f, t->handle);

		if (mine)
			kb_retire(mine, NULL);
	}
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
	if ((req.flags & ~KB_WAKE_WAIT_ENTRY) || req.reserved)
		return -EINVAL;

	t = kb_lookup(f, req.handle);
	if (!t)
		return -ENOENT;
	req.woken = kb_thread_wake(t);
	if (req.flags & KB_WAKE_WAIT_ENTRY)
		ret = kb_thread_wait_entry(t);
	kb_thread_put(t);
	if (!ret && copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
	return ret;
}

/* KB_IOC_STOP (kthread_stop): the handle is released. */
static int kb_stop(struct kb_file *f, void __user *argp)
{
	struct kb_info info;
	struct kb_stop req;
	struct kb_thread *t;
	int ret = 0;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags)
		return -EINVAL;

	t = kb_unpublish(f, req.handle);
	if (!t)
		return -ENOENT;
	req.result = (u32)kb_retire(t, &info);
	req.status = info.status;
	if (req.info_ptr &&
	    copy_to_user(u64_to_user_ptr(req.info_ptr), &info, sizeof(info)))
		ret = -EFAULT;
	if (!ret && copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
	return ret;
}

/* KB_IOC_INFO */
static int kb_info(struct kb_file *f, void __user *argp)
{
	struct kb_info_arg req;
	struct kb_info info;
	struct kb_thread *t;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags)
		return -EINVAL;

	t = kb_lookup(f, req.handle);
	if (!t)
		return -ENOENT;
	kb_thread_info(t, &info);
	kb_thread_put(t);
	if (copy_to_user(u64_to_user_ptr(req.info_ptr), &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

/* KB_IOC_LIST */
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

	mutex_lock(&f->lock);
	n = min(req.capacity, f->nr_threads);
	if (n) {
		handles = kvmalloc_array(n, sizeof(*handles), GFP_KERNEL);
		if (!handles) {
			mutex_unlock(&f->lock);
			return -ENOMEM;
		}
	}
	xa_for_each(&f->threads, handle, t) {
		if (count < n)
			handles[count] = handle;
		count++;
	}
	mutex_unlock(&f->lock);

	req.count = count;
	n = min(n, count);
	if (n && copy_to_user(u64_to_user_ptr(req.handles_ptr), handles,
			      array_size(n, sizeof(*handles))))
		ret = -EFAULT;
	if (!ret && copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
	kvfree(handles);
	return ret;
}

/* KB_IOC_PARK (kthread_park) and KB_IOC_UNPARK (kthread_unpark). */
static int kb_park(struct kb_file *f, void __user *argp, bool park)
{
	struct kb_park req;
	struct kb_thread *t;
	int ret = 0;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.reserved)
		return -EINVAL;

	t = kb_lookup(f, req.handle);
	if (!t)
		return -ENOENT;
	if (park)
		ret = kb_thread_park(t);
	else
		req.was_parked = kb_thread_unpark(t);
	kb_thread_put(t);
	if (!ret && !park && copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
	return ret;
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
	if (req.reserved || req.policy > KB_SCHED_FIFO_LOW)
		return -EINVAL;
	if (req.policy == KB_SCHED_NORMAL ?
	    (nice < MIN_NICE || nice > MAX_NICE) : nice)
		return -EINVAL;

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
	if (req.flags & ~KB_SIGNAL_WAIT)
		return -EINVAL;

	t = kb_lookup(f, req.handle);
	if (!t)
		return -ENOENT;
	req.seq = 0;
	req.signal_ns = 0;
	req.running_ns = 0;
	ret = kb_thread_signal(t, &req);
	kb_thread_put(t);
	if (!ret && copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
	return ret;
}

/* One item of KB_IOC_BATCH; returns 0 or -errno for the item. */
static int kb_batch_one(struct kb_file *f, const struct kb_batch *req,
			const struct kb_create *tmpl,
			struct kb_batch_item *item)
{
	struct kb_info info;
	struct kb_thread *t;

	switch (req->op) {
	case KB_BATCH_CREATE:
	case KB_BATCH_RUN:
		t = kb_create_one(f, tmpl, req->op == KB_BATCH_RUN);
		if (IS_ERR(t))
			return PTR_ERR(t);
		item->handle = t->handle;
		item->value = t->pid;
		kb_thread_put(t);
		return 0;
	case KB_BATCH_WAKE:
		t = kb_lookup(f, item->handle);
		if (!t)
			return -ENOENT;
		item->value = kb_thread_wake(t);
		kb_thread_put(t);
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

/* KB_IOC_BATCH: create, run, wake or stop many threads in one call. */
static int kb_batch(struct kb_file *f, void __user *argp)
{
	bool create;
	struct kb_batch_item *items;
	struct kb_create tmpl;
	struct kb_batch req;
	size_t size;
	int ret = 0;
	u32 i;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.op > KB_BATCH_STOP || !req.count ||
	    req.count > KB_BATCH_MAX)
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
	items = kvmalloc(size, GFP_KERNEL);
	if (!items)
		return -ENOMEM;
	if (copy_from_user(items, u64_to_user_ptr(req.items_ptr), size)) {
		ret = -EFAULT;
		goto free_items;
	}

	req.done = 0;
	for (i = 0; i < req.count; i++) {
		struct kb_batch_item *item = &items[i];
		int err;

		item->value = 0;
		item->status = 0;
		err = fatal_signal_pending(current) ? -EINTR :
		      kb_batch_one(f, &req, &tmpl, item);
		item->error = (u32)err;
		if (!err)
			req.done++;
		cond_resched();
	}

	/* Created threads stay owned by the file even if this fails. */
	if (copy_to_user(u64_to_user_ptr(req.items_ptr), items, size) ||
	    copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
free_items:
	kvfree(items);
	return ret;
}

/* KB_IOC_BENCH: the module's own lifecycle loop. */
static int kb_bench(void __user *argp)
{
	struct kb_bench req;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	req.elapsed_ns = 0;
	ret = kb_bench_cycles(&req);
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
		return kb_bench(argp);
	default:
		return -ENOTTY;
	}
}
