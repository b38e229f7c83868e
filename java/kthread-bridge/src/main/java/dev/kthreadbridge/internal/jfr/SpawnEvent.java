// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;

/** The fields of the two calls that make a kthread: {@link CreateEvent} and {@link RunEvent}. */
public abstract class SpawnEvent extends KernelOperationEvent {

    @Label("Workload")
    @Description("The workload and its argument")
    public String workload;

    @Label("Name")
    @Description("The thread name asked for")
    public String name;

    @Label("CPU")
    @Description("The CPU it is bound to, -1 for none")
    public int cpu;

    SpawnEvent(String operation) {
        super(operation);
    }
}
