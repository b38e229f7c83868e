// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** sched_set_normal()/sched_set_fifo()/sched_set_fifo_low() (KB_IOC_SCHED). */
@Name("dev.kthreadbridge.Sched")
@Label("Set Scheduling")
@Description("sched_set_normal()/sched_set_fifo()/sched_set_fifo_low() (KB_IOC_SCHED)")
public final class SchedEvent extends KernelOperationEvent {

    @Label("Scheduling")
    @Description("The policy set")
    public String scheduling;

    public SchedEvent() {
        super("sched");
    }
}
