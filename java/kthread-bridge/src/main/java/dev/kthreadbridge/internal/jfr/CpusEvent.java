// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The thread's affinity mask read back (KB_IOC_INFO with a mask). */
@Name("dev.kthreadbridge.Cpus")
@Label("Read Affinity")
@Description("The thread's affinity mask read back (KB_IOC_INFO with a mask)")
public final class CpusEvent extends KernelOperationEvent {

    @Label("CPUs")
    @Description("The CPUs allowed, as read")
    public String cpus;

    public CpusEvent() {
        super("cpus");
    }
}
