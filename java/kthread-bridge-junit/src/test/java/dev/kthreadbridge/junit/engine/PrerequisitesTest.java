// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.fixtures.MissingKernelFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Checks made before any guest boots: they fail the kernel's container naming the fix (host only). */
class PrerequisitesTest {

    @TempDir
    Path results;

    @Test
    void aKernelThatIsNotInstalledFailsItsContainerBeforeBooting() {
        EngineExecutionResults r = EngineTestKit.engine("kernel-test")
                .selectors(selectClass(MissingKernelFixture.class))
                .configurationParameter("kerneltest.resultsDir", results.toString())
                .execute();
        r.testEvents().assertStatistics(s -> s.started(0));
        Throwable t = r.containerEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertEquals(KernelTestException.class, t.getClass());
        assertTrue(t.getMessage().startsWith("preparing a guest for kernel 9.99-nosuch: kernel '9.99-nosuch' is not installed"),
                t.getMessage());
    }

    @Test
    void aMissingRunnerIsNamedWithTheParameterThatFixesIt() {
        EngineExecutionResults r = EngineTestKit.engine("kernel-test")
                .selectors(selectClass(MissingKernelFixture.class))
                .configurationParameter("kerneltest.projectRoot", results.toString())
                .configurationParameter("kerneltest.resultsDir", results.toString())
                .execute();
        String message = r.containerEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
        assertTrue(message.contains("set -Dkerneltest.projectRoot="), message);
    }

    @Test
    void withoutACheckoutAModuleClassFailsUpFrontInOneLine(@TempDir Path cache) {
        Settings noCheckout = new Settings(null, cache, results, List.of(), 180, 1, false);
        KernelTestException e = assertThrows(KernelTestException.class,
                () -> Prerequisites.check(noCheckout, "6.12", true));
        assertTrue(e.getMessage().startsWith("preparing a guest for kernel 6.12: @KernelTest(loadModule = true) needs"
                + " a kthread-bridge checkout"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": set -Dkerneltest.projectRoot=<the checkout> or use"
                + " @KernelTest(loadModule = false)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("build")), "nothing extracted");
    }

    @Test
    void withoutACheckoutANoModuleClassGetsTheBundledRunner(@TempDir Path cache) throws Exception {
        Settings noCheckout = new Settings(null, cache, results, List.of(), 180, 1, false);
        // the extracted copy's lib/common.sh resolves the kernel: it knows the aliases and says so
        KernelTestException e = assertThrows(KernelTestException.class,
                () -> Prerequisites.check(noCheckout, "9.99-nosuch", false));
        assertTrue(e.getMessage().contains("kernel '9.99-nosuch' is not installed (error: unknown kernel"
                + " '9.99-nosuch' (aliases: 6.1 6.12"), e.getMessage());
        Path root = noCheckout.runnerRoot(false, "test");
        assertEquals(cache.resolve(BundledRunner.hash(BundledRunner.files())), root);
        assertTrue(Files.isExecutable(root.resolve("scripts/vm-run.sh")));
    }

    @Test
    void kerneltestSkipBootsNothingAndSkipsEachKernel() {
        EngineExecutionResults r = EngineTestKit.engine("kernel-test")
                .selectors(selectClass(dev.kthreadbridge.junit.fixtures.OutcomesFixture.class))
                .configurationParameter("kerneltest.skip", "true")
                .configurationParameter("kerneltest.defaultKernels", "6.12,6.1")
                .configurationParameter("kerneltest.projectRoot", results.toString())
                .execute();
        r.containerEvents().assertStatistics(s -> s.skipped(2).failed(0));
        r.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void theAcceleratorIsSaid() {
        String accel = Prerequisites.accelerator();
        assertTrue(accel.equals("kvm") || accel.startsWith("tcg: no KVM"), accel);
    }
}
