// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.guest;

import org.junit.platform.engine.TestEngine;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ServiceLoader;

/**
 * A launcher with the Jupiter engine alone and none of the auto-registered
 * extras: not the kernel-test engine (no guest inside a guest) and not its
 * host filter (which hides {@code @KernelTest} classes from Jupiter).
 * The host's discovery and the guest's run use the same one, so both see
 * the same tree.
 */
public final class JupiterLauncher {

    /** The Jupiter engine's id. */
    public static final String ENGINE_ID = "junit-jupiter";

    private JupiterLauncher() {
    }

    /** A new launcher; fails naming the missing artifact when Jupiter's engine is not on the class path. */
    public static Launcher create() {
        TestEngine jupiter = ServiceLoader.load(TestEngine.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(e -> ENGINE_ID.equals(e.getId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("creating the Jupiter launcher for @KernelTest classes:"
                        + " the Jupiter engine (org.junit.jupiter:junit-jupiter-engine) is not on the class path"));
        return LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .addTestEngines(jupiter)
                .build());
    }
}
