// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The module's ABI version and features (KB_IOC_VERSION). */
@Name("dev.kthreadbridge.Version")
@Label("ABI Version")
@Description("The module's ABI version and features (KB_IOC_VERSION)")
public final class VersionEvent extends KernelOperationEvent {

    @Label("ABI Version")
    @Description("The module's ABI version")
    public int abiVersion;

    @Label("Features")
    @Description("The feature bits")
    public long features;

    public VersionEvent() {
        super("version");
    }
}
