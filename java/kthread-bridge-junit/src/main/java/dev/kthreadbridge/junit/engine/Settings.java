// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.KernelTestParameters;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The engine's configuration for one run (see {@link KernelTestParameters}). */
record Settings(Path projectRoot, Path resultsDir, List<String> guestJvmArgs, int bootSeconds, int parallelism,
                boolean kernelInClassName) {

    static Settings from(ConfigurationParameters config) {
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = config.get(KernelTestParameters.PROJECT_ROOT).map(Path::of).map(Path::toAbsolutePath)
                .orElseGet(() -> findProjectRoot(cwd));
        Path results = config.get(KernelTestParameters.RESULTS_DIR).map(Path::of)
                .orElse(cwd.resolve("target").resolve("kerneltest")).toAbsolutePath();
        List<String> jvmArgs = config.get(KernelTestParameters.GUEST_JVM_ARGS)
                .map(s -> List.of(Discovery.split(s))).orElse(List.of());
        int boot = number(config, KernelTestParameters.BOOT_SECONDS, 180);
        int parallel = number(config, KernelTestParameters.PARALLELISM, Runtime.getRuntime().availableProcessors());
        boolean kernelInClassName = config.getBoolean(KernelTestParameters.KERNEL_IN_CLASS_NAME).orElse(false);
        return new Settings(root, results, jvmArgs, boot, Math.max(1, parallel), kernelInClassName);
    }

    /** The runner script, scripts/vm-run.sh of the project root. */
    Path vmRun() {
        return projectRoot == null ? null : projectRoot.resolve("scripts/vm-run.sh");
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
