// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kthreadbridge.junit.KernelTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs inside each listed kernel, never on the host: what this JVM sees is
 * the guest's kernel.
 */
@KernelTest(kernels = {"6.1", "6.12"}, loadModule = false, timeoutSeconds = 120)
class KernelReleaseIT {

    @Test
    void theJvmRunsOnTheBootedDebianKernel() throws IOException {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        assertEquals(release, System.getProperty("os.version"));
        assertTrue(Files.readString(Path.of("/proc/version")).contains("Debian"),
                "a Debian kernel package: " + release);
    }

    @Test
    void eachKernelHasItsOwnFeatures() throws IOException {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        // Per-size transparent huge pages (mTHP) came in 6.8: the kind of
        // difference between kernels these tests are for.
        assumeTrue(release.startsWith("6.12"), "mTHP controls are a 6.8+ feature");
        assertTrue(Files.isDirectory(Path.of("/sys/kernel/mm/transparent_hugepage/hugepages-2048kB")),
                "6.12 has the per-size THP controls");
    }
}
