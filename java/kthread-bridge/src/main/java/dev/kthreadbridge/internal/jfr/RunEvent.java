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
public final class RunEvent extends SpawnEvent {

    @Label("Await Entry")
    @Description("KB_CREATE_WAIT_ENTRY: returned once threadfn was entered")
    public boolean awaitEntry;

    public RunEvent() {
        super("run");
    }
}
