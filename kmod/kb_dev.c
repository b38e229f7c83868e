// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/kthread_bridge: the kthread lifecycle as ioctls. Each open file owns
 * the threads it created, by handle; closing it stops them all.
 */
#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "kb.h"

static unsigned int max_threads = 16384;
module_param(max_threads, uint, 0644);
MODULE_PARM_DESC(max_threads, "Live threads of all open files at most (-ENFILE)");

static unsigned int max_threads_per_file = 4096;
module_param(max_threads_per_file, uint, 0644);
MODULE_PARM_DESC(max_threads_per_file, "Live threads of one open file at most (-EMFILE)");

/* Threads of all files, created or being created; charged before creation. */
static atomic_t kb_nr_threads = ATOMIC_INIT(0);

struct kb_file {
	/*
	 * Guards threads, next_handle and nr_threads, and every use of a
	 * kb_thread while it is in threads. Never held across kthread_create()
	 * or kthread_stop(): a slow create or stop must not block the
	 * file's other threads.
	 */
	struct mutex lock;
	struct xarray threads;	/* handle -> struct kb_thread *, owned */
	u32 next_handle;	/* xa_alloc_cyclic() cursor */
	unsigned int nr_threads;	/* in threads, or being created */
};

#define KB_FEATURES	(KB_FEATURE_LIFECYCLE | KB_FEATURE_BIND_CPU | \
			 KB_FEATURE_STOP_INFO)

static int kb_charge(struct kb_file *f)
{
	int ret = 0;

	mutex_lock(&f->lock);
	if (f->nr_threads >= READ_ONCE(max_threads_per_file)) {
		ret = -EMFILE;
	} else if (atomic_inc_return(&kb_nr_threads) > READ_ONCE(max_threads)) {
		atomic_dec(&kb_nr_threads);
		ret = -ENFILE;
	} else {
		f->nr_threads++;
	}
	mutex_unlock(&f->lock);
	return ret;
}

static void kb_uncharge(struct kb_file *f)
{
	mutex_lock(&f->lock);
	f->nr_threads--;
	mutex_unlock(&f->lock);
	atomic_dec(&kb_nr_threads);
}

/* Stops a thread nobody else can reach any more and releases it. */
static int kb_finish(struct kb_thread *t, struct kb_info *info)
{
	int ret = kb_thread_stop(t);

	if (info)
		kb_thread_info(t, info);
	kb_thread_free(t);
	atomic_dec(&kb_nr_threads);
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

static int kb_create_check(const struct kb_create *req)
{
	size_t len = strnlen(req->name, sizeof(req->name));

	if (req->reserved || (req->flags & ~KB_CREATE_BIND_CPU))
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

/* KB_IOC_CREATE (kthread_create) and KB_IOC_RUN (kthread_run). */
static int kb_create(struct kb_file *f, void __user *argp, bool run)
{
	struct kb_create req;
	struct kb_thread *t;
	u32 handle;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	ret = kb_create_check(&req);
	if (ret)
		return ret;
	ret = kb_charge(f);
	if (ret)
		return ret;

	t = kb_thread_new(&req);
	if (IS_ERR(t)) {
		ret = PTR_ERR(t);
		goto uncharge;
	}

	mutex_lock(&f->lock);
	ret = xa_alloc_cyclic(&f->threads, &handle, t, XA_LIMIT(1, INT_MAX),
			      &f->next_handle, GFP_KERNEL);
	if (ret < 0) {
		mutex_unlock(&f->lock);
		goto stop_thread;
	}
	t->handle = handle;
	if (run)
		kb_thread_wake(t);
	mutex_unlock(&f->lock);

	req.handle = handle;
	req.pid = t->pid;
	if (copy_to_user(argp, &req, sizeof(req))) {
		/* Nobody learnt the handle: undo, unless a STOP took it. */
		mutex_lock(&f->lock);
		t = xa_erase(&f->threads, handle);
		if (t)
			f->nr_threads--;
		mutex_unlock(&f->lock);
		if (t)
			kb_finish(t, NULL);
		return -EFAULT;
	}
	return 0;

stop_thread:
	kb_thread_stop(t);
	kb_thread_free(t);
uncharge:
	kb_uncharge(f);
	return ret;
}

/* KB_IOC_WAKE (wake_up_process). */
static int kb_wake(struct kb_file *f, void __user *argp)
{
	struct kb_wake req;
	struct kb_thread *t;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.reserved)
		return -EINVAL;

	mutex_lock(&f->lock);
	t = xa_load(&f->threads, req.handle);
	if (t)
		req.woken = kb_thread_wake(t);
	mutex_unlock(&f->lock);
	if (!t)
		return -ENOENT;
	return copy_to_user(argp, &req, sizeof(req)) ? -EFAULT : 0;
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

	mutex_lock(&f->lock);
	t = xa_erase(&f->threads, req.handle);
	if (t)
		f->nr_threads--;
	mutex_unlock(&f->lock);
	if (!t)
		return -ENOENT;

	req.result = (u32)kb_finish(t, &info);
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

	mutex_lock(&f->lock);
	t = xa_load(&f->threads, req.handle);
	if (t)
		kb_thread_info(t, &info);
	mutex_unlock(&f->lock);
	if (!t)
		return -ENOENT;
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
	u32 n = 0, count = 0;
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

static long kb_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
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
	default:
		return -ENOTTY;
	}
}

static int kb_open(struct inode *inode, struct file *file)
{
	struct kb_file *f;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;

	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	xa_init_flags(&f->threads, XA_FLAGS_ALLOC1);
	file->private_data = f;
	return nonseekable_open(inode, file);
}

/* The last reference is gone: no ioctl can run, stop every thread left. */
static int kb_release(struct inode *inode, struct file *file)
{
	struct kb_file *f = file->private_data;
	struct kb_thread *t;
	unsigned long handle;

	xa_for_each(&f->threads, handle, t) {
		xa_erase(&f->threads, handle);
		kb_finish(t, NULL);
	}
	xa_destroy(&f->threads);
	mutex_destroy(&f->lock);
	kfree(f);
	return 0;
}

static const struct file_operations kb_fops = {
	.owner		= THIS_MODULE,
	.open		= kb_open,
	.release	= kb_release,
	.unlocked_ioctl	= kb_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= kb_no_llseek,
};

static struct miscdevice kb_misc = {
	.minor		= MISC_DYNAMIC_MINOR,
	.name		= KB_DEVICE_NAME,
	.fops		= &kb_fops,
	.mode		= 0600,
};

module_misc_device(kb_misc);

MODULE_AUTHOR("kthread-bridge developers");
MODULE_DESCRIPTION("Drive the kernel's kthread lifecycle from user space");
MODULE_LICENSE("GPL");
