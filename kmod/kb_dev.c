// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * /dev/kthread_bridge: the misc device, its open files and the module's
 * limits. Each open file owns the threads it created, by handle; closing
 * it stops them all. The ioctls are in kb_ioctl.c.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/poll.h>
#include <linux/slab.h>

#include "kb.h"

unsigned int kb_max_threads = 16384;
module_param_named(max_threads, kb_max_threads, uint, 0644);
MODULE_PARM_DESC(max_threads, "Live threads of all open files at most (-ENFILE)");

unsigned int kb_max_threads_per_file = 4096;
module_param_named(max_threads_per_file, kb_max_threads_per_file, uint, 0644);
MODULE_PARM_DESC(max_threads_per_file, "Live threads of one open file at most (-EMFILE)");

/* Below the hung-task detector's default 120 s; 0 disables the autostop. */
unsigned int kb_unwoken_timeout_ms = 20000;
module_param_named(unwoken_timeout_ms, kb_unwoken_timeout_ms, uint, 0644);
MODULE_PARM_DESC(unwoken_timeout_ms, "Stop threads never woken after this long (0: never)");

/* Threads of all files, from kb_charge() until their last reference. */
atomic_t kb_nr_threads = ATOMIC_INIT(0);

static int kb_nr_threads_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%d\n", atomic_read(&kb_nr_threads));
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

static int kb_open(struct inode *inode, struct file *file)
{
	struct kb_file *f;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;

	f = kvzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	xa_init_flags(&f->threads, XA_FLAGS_ALLOC1);
	kb_events_init(f);
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
		kb_thread_stop(t);
		kb_thread_put(t);
	}
	xa_destroy(&f->threads);
	mutex_destroy(&f->events_read);
	mutex_destroy(&f->lock);
	kvfree(f);
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

module_misc_device(kb_misc);

MODULE_AUTHOR("kthread-bridge developers");
MODULE_DESCRIPTION("Drive the kernel's kthread lifecycle from user space");
MODULE_LICENSE("GPL");
