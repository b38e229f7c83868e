// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** kthread_stop() (KB_IOC_STOP), with the thread's lifecycle timestamps as the module recorded them (CLOCK_MONOTONIC ns, 0 = did not happen). */
@Name("dev.kthreadbridge.Stop")
@Label("Stop")
@Description("kthread_stop() (KB_IOC_STOP), with the thread's lifecycle timestamps as the module recorded them (CLOCK_MONOTONIC ns, 0 = did not happen)")
public final class StopEvent extends KernelOperationEvent {

    @Label("Result")
    @Description("What threadfn returned, or kthread_stop()'s value if it never ran")
    public int result;

    @Label("Entered")
    @Description("threadfn was entered")
    public boolean entered;

    @Label("Create Nanos")
    @Description("The module called kthread_create()")
    public long createNanos;

    @Label("Created Nanos")
    @Description("kthread_create() returned")
    public long createdNanos;

    @Label("Woken Nanos")
    @Description("The first wake_up_process()")
    public long wokenNanos;

    @Label("Entered Nanos")
    @Description("threadfn entered")
    public long enteredNanos;

    @Label("Stop Nanos")
    @Description("kthread_stop() called")
    public long stopNanos;

    @Label("Exit Nanos")
    @Description("threadfn returned")
    public long exitNanos;

    @Label("Stopped Nanos")
    @Description("kthread_stop() returned")
    public long stoppedNanos;

    public StopEvent() {
        super("stop");
    }
}
