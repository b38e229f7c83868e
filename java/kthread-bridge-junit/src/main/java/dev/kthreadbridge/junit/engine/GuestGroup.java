// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.KernelTest;

/**
 * The guest settings that classes must agree on to share a guest (one per
 * kernel per run when they use the defaults).
 */
record GuestGroup(int cpus, int memoryMiB, boolean loadModule, String appendCmdline) {

    static GuestGroup of(KernelTest annotation) {
        if (annotation.cpus() < 1 || annotation.memoryMiB() < 128 || annotation.timeoutSeconds() < 1) {
            throw new KernelTestException("reading @KernelTest",
                    "cpus >= 1, memoryMiB >= 128 and timeoutSeconds >= 1 are needed, not " + annotation);
        }
        return new GuestGroup(annotation.cpus(), annotation.memoryMiB(), annotation.loadModule(),
                annotation.appendCmdline().trim());
    }
}
