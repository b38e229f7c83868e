// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The module's own create/wake/stop loop (KB_IOC_BENCH). */
@Name("dev.kthreadbridge.Bench")
@Label("Kernel Bench")
@Description("The module's own create/wake/stop loop (KB_IOC_BENCH)")
public final class BenchEvent extends KernelOperationEvent {

    @Label("Count")
    @Description("Cycles")
    public int count;

    @Label("Elapsed Nanos")
    @Description("All cycles, as the module timed them")
    public long elapsedNanos;

    @Label("Min Nanos")
    @Description("Fastest cycle")
    public long minNanos;

    @Label("Max Nanos")
    @Description("Slowest cycle")
    public long maxNanos;

    public BenchEvent() {
        super("bench");
    }
}
