// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.KernelTestParameters;
import org.junit.platform.engine.ConfigurationParameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The engine's configuration for one run (see {@link KernelTestParameters}). */
record Settings(Path projectRoot, Path runnerCache, Path resultsDir, List<String> guestJvmArgs, int bootSeconds,
                int parallelism, boolean kernelInClassName) {

    static Settings from(ConfigurationParameters config) {
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = config.get(KernelTestParameters.PROJECT_ROOT).filter(s -> !s.isBlank()).map(Path::of)
                .map(Path::toAbsolutePath).orElseGet(() -> findProjectRoot(cwd));
        Path runnerCache = BundledRunner.cacheDir(System.getenv(), System.getProperty("user.home"));
        Path results = config.get(KernelTestParameters.RESULTS_DIR).map(Path::of)
                .orElse(cwd.resolve("target").resolve("kerneltest")).toAbsolutePath();
        List<String> jvmArgs = config.get(KernelTestParameters.GUEST_JVM_ARGS)
                .map(s -> List.of(Discovery.split(s))).orElse(List.of());
        int boot = number(config, KernelTestParameters.BOOT_SECONDS, 180);
        int parallel = number(config, KernelTestParameters.PARALLELISM, Runtime.getRuntime().availableProcessors());
        boolean kernelInClassName = config.getBoolean(KernelTestParameters.KERNEL_IN_CLASS_NAME).orElse(false);
        return new Settings(root, runnerCache, results, jvmArgs, boot, Math.max(1, parallel), kernelInClassName);
    }

    /**
     * The directory whose scripts/vm-run.sh boots the guests: the project root (configured or found);
     * without one, for classes that load no module, the runner bundled in this jar, extracted into
     * {@link #runnerCache}. Throws naming the fix.
     */
    Path runnerRoot(boolean loadModule, String op) {
        if (projectRoot != null) {
            if (!Files.isExecutable(projectRoot.resolve("scripts/vm-run.sh"))) {
                throw new KernelTestException(op, "no kthread-bridge runner (scripts/vm-run.sh) in " + projectRoot
                        + ": set -Dkerneltest.projectRoot=<a kthread-bridge checkout>, or leave it unset for"
                        + " @KernelTest(loadModule = false) classes");
            }
            return projectRoot;
        }
        if (loadModule) {
            throw new KernelTestException(op, "@KernelTest(loadModule = true) needs a kthread-bridge checkout (the"
                    + " module is built from its kmod/) and none was found upwards of " + System.getProperty("user.dir")
                    + ": set -Dkerneltest.projectRoot=<the checkout> or use @KernelTest(loadModule = false)");
        }
        try {
            return BundledRunner.extract(runnerCache);
        } catch (IOException | UnsupportedOperationException e) {
            throw new KernelTestException(op, "cannot extract the bundled runner into " + runnerCache + " (" + e
                    + "): set KB_CACHE or XDG_CACHE_HOME to a writable directory, or -Dkerneltest.projectRoot="
                    + "<a kthread-bridge checkout>", e);
        }
    }

    /** Whether the guests run in the runner's own copy, not in a project checkout. */
    boolean bundled() {
        return projectRoot == null;
    }

    private static int number(ConfigurationParameters config, String key, int fallback) {
        String value = config.get(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new KernelTestException("reading configuration parameter " + key,
                    "'" + value + "' is not a whole number", e);
        }
    }

    /** The nearest directory upwards of {@code start} with scripts/vm-run.sh and kmod/, or null. */
    static Path findProjectRoot(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/vm-run.sh")) && Files.isDirectory(p.resolve("kmod"))) {
                return p;
            }
        }
        return null;
    }
}
