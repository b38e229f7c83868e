// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** kthread_unpark() (KB_IOC_UNPARK). */
@Name("dev.kthreadbridge.Unpark")
@Label("Unpark")
@Description("kthread_unpark() (KB_IOC_UNPARK)")
public final class UnparkEvent extends KernelOperationEvent {

    @Label("Was Parked")
    @Description("The thread was parked (and is now unparked)")
    public boolean wasParked;

    public UnparkEvent() {
        super("unpark");
    }
}
