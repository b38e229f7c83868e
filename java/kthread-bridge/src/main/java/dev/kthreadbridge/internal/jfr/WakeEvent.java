// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** wake_up_process() (KB_IOC_WAKE), optionally until threadfn was entered. */
@Name("dev.kthreadbridge.Wake")
@Label("Wake")
@Description("wake_up_process() (KB_IOC_WAKE), optionally until threadfn was entered")
public final class WakeEvent extends KernelOperationEvent {

    @Label("Await Entry")
    @Description("KB_WAKE_WAIT_ENTRY: returned once threadfn was entered")
    public boolean awaitEntry;

    @Label("Woken")
    @Description("wake_up_process() woke the thread (it was not running)")
    public boolean woken;

    public WakeEvent() {
        super("wake");
    }
}
