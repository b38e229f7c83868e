// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** The container of one kernel ({@code [kernel:6.12]}, shown as "6.12"): its classes run in its guests. */
final class KernelDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "kernel";

    private final String kernel;

    KernelDescriptor(UniqueId engineId, String kernel) {
        super(engineId.append(SEGMENT, kernel), kernel);
        this.kernel = kernel;
    }

    /** The kernel as named in {@code @KernelTest} (an alias or a release). */
    String kernel() {
        return kernel;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
