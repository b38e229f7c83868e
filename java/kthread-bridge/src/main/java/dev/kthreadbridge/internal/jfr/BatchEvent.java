// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** One KB_IOC_BATCH call: create, run, wake or stop of many threads. */
@Name("dev.kthreadbridge.Batch")
@Label("Batch")
@Description("One KB_IOC_BATCH call: create, run, wake or stop of many threads")
public final class BatchEvent extends KernelOperationEvent {

    @Label("Command")
    @Description("create, run, wake or stop")
    public String command;

    @Label("Count")
    @Description("Items in the call")
    public int count;

    @Label("Done")
    @Description("Items that succeeded")
    public int done;

    public BatchEvent() {
        super("batch");
    }
}
