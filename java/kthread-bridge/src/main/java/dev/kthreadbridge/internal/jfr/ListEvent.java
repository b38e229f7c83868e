// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The handles the open file owns (KB_IOC_LIST). */
@Name("dev.kthreadbridge.List")
@Label("List")
@Description("The handles the open file owns (KB_IOC_LIST)")
public final class ListEvent extends KernelOperationEvent {

    @Label("Count")
    @Description("Handles listed")
    public int count;

    public ListEvent() {
        super("list");
    }
}
