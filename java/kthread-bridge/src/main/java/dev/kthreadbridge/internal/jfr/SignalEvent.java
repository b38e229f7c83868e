// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** Wakes a wait workload (KB_IOC_SIGNAL), optionally until it ran again. */
@Name("dev.kthreadbridge.Signal")
@Label("Signal")
@Description("Wakes a wait workload (KB_IOC_SIGNAL), optionally until it ran again")
public final class SignalEvent extends KernelOperationEvent {

    @Label("Await Running")
    @Description("KB_SIGNAL_WAIT: returned once the thread ran again")
    public boolean await;

    @Label("Sequence")
    @Description("The signal number the module gave it")
    public long sequence;

    @Label("Signal Nanos")
    @Description("The module sent the signal (CLOCK_MONOTONIC ns)")
    public long signalNanos;

    @Label("Running Nanos")
    @Description("The thread ran again (CLOCK_MONOTONIC ns; 0 without wait)")
    public long runningNanos;

    public SignalEvent() {
        super("signal");
    }
}
