// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** set_cpus_allowed_ptr() (KB_IOC_AFFINITY). */
@Name("dev.kthreadbridge.Affinity")
@Label("Set Affinity")
@Description("set_cpus_allowed_ptr() (KB_IOC_AFFINITY)")
public final class AffinityEvent extends KernelOperationEvent {

    @Label("CPUs")
    @Description("The CPUs allowed")
    public String cpus;

    public AffinityEvent() {
        super("affinity");
    }
}
