// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The module's view of one thread (KB_IOC_INFO). */
@Name("dev.kthreadbridge.Info")
@Label("Info")
@Description("The module's view of one thread (KB_IOC_INFO)")
public final class InfoEvent extends KernelOperationEvent {

    @Label("State")
    @Description("The task state letter (R, S, D, ...)")
    public char state;

    @Label("Status")
    @Description("The module's status bits")
    public String status;

    public InfoEvent() {
        super("info");
    }
}
