// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** kthread_park() (KB_IOC_PARK): returned once parked. */
@Name("dev.kthreadbridge.Park")
@Label("Park")
@Description("kthread_park() (KB_IOC_PARK): returned once parked")
public final class ParkEvent extends KernelOperationEvent {

    public ParkEvent() {
        super("park");
    }
}
