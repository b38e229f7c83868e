// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * /dev/kthread_bridge: the misc device, its open files and the module's
 * limits. Each open file owns the threads it created, by handle; closing
 * it stops them all, on the module's workqueue. The ioctls are in
 * kb_ioctl.c.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/stringify.h>
#include <linux/sysfs.h>
#include <linux/user_namespace.h>
#include <linux/workqueue.h>

#include "kb.h"

#define CREATE_TRACE_POINTS
#include "kb_trace.h"

unsigned int kb_max_threads = 16384;
module_param_named(max_threads, kb_max_threads, uint, 0644);
MODULE_PARM_DESC(max_threads, "Live threads of all open files at most (-ENFILE)");

/*
 * Bounded by KB_THREADS_PER_FILE_MAX: closing a file stops its threads one
 * by one on kb_wq, and that work must stay bounded too.
 */
unsigned int kb_max_threads_per_file = KB_THREADS_PER_FILE_MAX;

static int kb_per_file_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 0, KB_THREADS_PER_FILE_MAX);
}

static const struct kernel_param_ops kb_per_file_ops = {
	.set = kb_per_file_set,
	.get = param_get_uint,
};
module_param_cb(max_threads_per_file, &kb_per_file_ops,
		&kb_max_threads_per_file, 0644);
MODULE_PARM_DESC(max_threads_per_file,
		 "Live threads of one open file at most (-EMFILE), 0.."
		 __stringify(KB_THREADS_PER_FILE_MAX));

/* Below the hung-task detector's default 120 s; 0 disables the autostop. */
unsigned int kb_unwoken_timeout_ms = 20000;
module_param_named(unwoken_timeout_ms, kb_unwoken_timeout_ms, uint, 0644);
MODULE_PARM_DESC(unwoken_timeout_ms, "Stop threads never woken after this long (0: never)");

/*
 * Who may open the device: N (default) requires CAP_SYS_ADMIN, Y only the
 * node's own permissions (a udev rule gives them to a group). Read-only
 * once loaded: set at load time only.
 */
static bool kb_node_access;
module_param_named(node_access, kb_node_access, bool, 0444);
MODULE_PARM_DESC(node_access,
		 "N (default): open() needs CAP_SYS_ADMIN; Y: the node's mode and group alone decide (set at load time only)");

/* Threads of all files, from kb_charge() until their last reference. */
atomic_t kb_nr_threads = ATOMIC_INIT(0);

/*
 * Teardown of closed files and the autostop: unbound, so a long stop
 * neither runs on the closing task nor holds up system_wq or one CPU.
 */
struct workqueue_struct *kb_wq;

static int kb_nr_threads_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&kb_nr_threads));
}

static const struct kernel_param_ops kb_nr_threads_ops = {
	.get = kb_nr_threads_get,
};
module_param_cb(nr_threads, &kb_nr_threads_ops, NULL, 0444);
MODULE_PARM_DESC(nr_threads, "Live threads of all open files (read-only)");

void kb_thread_uncount(void)
{
	atomic_dec(&kb_nr_threads);
}

static void kb_file_teardown(struct work_struct *work);

static int kb_open(struct inode *inode, struct file *file)
{
	struct kb_file *f;

	if (!kb_node_access && !capable(CAP_SYS_ADMIN))
		return -EPERM;

	f = kvzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	/* the opener's, from the file's credentials: kept with the file */
	f->may_nice = file_ns_capable(file, &init_user_ns, CAP_SYS_NICE);
	xa_init_flags(&f->threads, XA_FLAGS_ALLOC1);
	atomic_set(&f->nr_threads, 0);
	kb_events_init(f);
	INIT_WORK(&f->teardown, kb_file_teardown);
	file->private_data = f;
	return nonseekable_open(inode, file);
}

/*
 * On kb_wq: stops every thread the closed file left, then frees it. No
 * ioctl can run any more; the threads' exit events go to a file nobody
 * reads, which is still valid until the end of this function.
 */
static void kb_file_teardown(struct work_struct *work)
{
	struct kb_file *f = container_of(work, struct kb_file, teardown);
	struct kb_thread *t;
	unsigned long handle;

	xa_for_each(&f->threads, handle, t) {
		xa_erase(&f->threads, handle);
		kb_thread_stop(t);
		kb_thread_put(t);	/* the table's */
		cond_resched();
	}
	xa_destroy(&f->threads);
	mutex_destroy(&f->events_read);
	kvfree(f);
}

/* The last reference is gone: the stops happen on kb_wq, not here. */
static int kb_release(struct inode *inode, struct file *file)
{
	struct kb_file *f = file->private_data;

	queue_work(kb_wq, &f->teardown);
	return 0;
}

static ssize_t kb_read(struct file *file, char __user *buf, size_t count,
		       loff_t *ppos)
{
	return kb_events_read(file->private_data, buf, count,
			      file->f_flags & O_NONBLOCK);
}

static __poll_t kb_poll(struct file *file, struct poll_table_struct *wait)
{
	return kb_events_poll(file->private_data, file, wait);
}

static const struct file_operations kb_fops = {
	.owner		= THIS_MODULE,
	.open		= kb_open,
	.release	= kb_release,
	.read		= kb_read,
	.poll		= kb_poll,
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

static int __init kb_init(void)
{
	int ret;

	kb_wq = alloc_workqueue("kthread_bridge", WQ_UNBOUND, 0);
	if (!kb_wq)
		return -ENOMEM;
	ret = misc_register(&kb_misc);
	if (ret)
		destroy_workqueue(kb_wq);
	return ret;
}

/*
 * No file is open (each held a module reference), but teardowns queued by
 * the last closes may still run: destroy_workqueue() drains them, so every
 * thread is stopped before the module's code goes away.
 */
static void __exit kb_exit(void)
{
	misc_deregister(&kb_misc);
	destroy_workqueue(kb_wq);
}

module_init(kb_init);
module_exit(kb_exit);

MODULE_VERSION(KB_MODULE_VERSION);
MODULE_AUTHOR("kthread-bridge developers");
MODULE_DESCRIPTION("Drive the kernel's kthread lifecycle from user space");
MODULE_LICENSE("GPL");
