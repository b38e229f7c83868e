// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** One read of the module's exit event queue (disabled by default: the bridge's reader polls every 100 ms). */
@Name("dev.kthreadbridge.ReadEvents")
@Label("Read Exit Events")
@Enabled(false)
@Description("One read of the module's exit event queue (disabled by default: the bridge's reader polls every 100 ms)")
public final class ReadEventsEvent extends KernelOperationEvent {

    @Label("Count")
    @Description("Events read")
    public int count;

    @Label("Lost")
    @Description("Events the module dropped, reported with these")
    public long lost;

    public ReadEventsEvent() {
        super("read-events");
    }
}
