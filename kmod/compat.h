/* SPDX-License-Identifier: GPL-2.0-only */
/* SPDX-FileCopyrightText: 2026 The kthread-bridge authors */
/*
 * Kernel-version differences, force-included into every object of the
 * module by Kbuild. The .c files never test
 * LINUX_VERSION_CODE themselves; a difference found on a supported kernel
 * gets a kb_ wrapper here.
 *
 * Supported and built in CI: 6.1 (generic and PREEMPT_RT) and 6.12.
 *
 * Checked and needing no wrapper (Module.symvers of the three kernels):
 * kthread_create_on_cpu(), kthread_create_on_node() and kthread_bind() are
 * EXPORT_SYMBOL with the same signatures; schedule_hrtimeout(),
 * param_set_uint_minmax() and sysfs_emit() are EXPORT_SYMBOL_GPL on all.
 */
#ifndef KB_COMPAT_H
#define KB_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "kthread_bridge needs Linux 6.1 or later"
#endif

/*
 * 6.12 removed no_llseek (and FMODE_LSEEK decides): nonseekable_open()
 * alone makes the file unseekable there, so .llseek stays NULL.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#define kb_no_llseek	NULL
#else
#define kb_no_llseek	no_llseek
#endif

#endif /* KB_COMPAT_H */
