// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** kthread_run() (KB_IOC_RUN): created and woken, optionally until threadfn was entered. */
@Name("dev.kthreadbridge.Run")
@Label("Run")
@Description("kthread_run() (KB_IOC_RUN): created and woken, optionally until threadfn was entered")
public final class RunEvent extends KernelOperationEvent {

    @Label("Workload")
    @Description("The workload and its argument")
    public String workload;

    @Label("Name")
    @Description("The thread name asked for")
    public String name;

    @Label("CPU")
    @Description("The CPU it is bound to, -1 for none")
    public int cpu;

    @Label("Await Entry")
    @Description("KB_CREATE_WAIT_ENTRY: returned once threadfn was entered")
    public boolean awaitEntry;

    public RunEvent() {
        super("run");
    }
}
