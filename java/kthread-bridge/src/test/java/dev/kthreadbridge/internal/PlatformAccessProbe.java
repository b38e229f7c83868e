// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

/** Exposes the package-private platform check to the tests. */
public final class PlatformAccessProbe {

    private PlatformAccessProbe() {
    }

    public static void check(String os, String arch) {
        NativeLibrary.checkPlatform(os, arch);
    }
}
