// SPDX-License-Identifier: GPL-2.0-only
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * kb_provoke: a test-only module for scripts/tests/runner-selftest.sh.
 * Stock Debian kernels have no lkdtm, so this provokes, at load time,
 * the kernel failures the VM runner must report:
 *
 *   insmod kb_provoke.ko action=warn   WARN() (panics with panic_on_warn)
 *   insmod kb_provoke.ko action=hang   sleep in D state forever (hung task)
 *   insmod kb_provoke.ko action=freeze spin with interrupts off: with one
 *                                      CPU and nowatchdog the guest freezes
 *
 * Only ever loaded inside a throw-away guest.
 */
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>

static char *action = "none";
module_param(action, charp, 0444);
MODULE_PARM_DESC(action, "warn | hang | freeze | none");

static int __init kb_provoke_init(void)
{
	if (!strcmp(action, "warn")) {
		WARN(1, "kb_provoke: requested warning\n");
	} else if (!strcmp(action, "hang")) {
		pr_info("kb_provoke: sleeping in D state for ever\n");
		for (;;) {
			set_current_state(TASK_UNINTERRUPTIBLE);
			schedule();
		}
	} else if (!strcmp(action, "freeze")) {
		pr_info("kb_provoke: spinning with interrupts off\n");
		local_irq_disable();
		for (;;)
			cpu_relax();
	}
	return 0;
}

static void __exit kb_provoke_exit(void)
{
}

module_init(kb_provoke_init);
module_exit(kb_provoke_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Provoke kernel failures for the VM runner self-test");
