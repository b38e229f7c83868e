// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.fixtures.HangFixture;
import dev.kthreadbridge.junit.fixtures.OopsFixture;
import dev.kthreadbridge.junit.fixtures.OutcomesFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The engine with real guests (scripts/vm-run.sh, QEMU): each fixture runs
 * on one kernel (kerneltest.selftest.kernel, 6.12 unless the pom or the CI
 * job says otherwise) and every outcome is
 * checked as the engine reports it. Boots three guests.
 */
class KernelTestEngineIT {

    private static final String KERNEL = System.getProperty("kerneltest.selftest.kernel", "6.12");
    private static Path root;

    @BeforeAll
    static void projectRoot() {
        root = Path.of(System.getProperty("kerneltest.projectRoot"));
    }

    /** The runner self-test's kb_provoke.ko for the kernel, into build/provoke/RELEASE. */
    private static void buildProvokeModule() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", """
                set -euo pipefail
                source scripts/lib/common.sh
                release=$(kb_resolve_kernel "$1")
                out=build/provoke/$release
                mkdir -p "$out"
                cp -p scripts/tests/provoke/Kbuild scripts/tests/provoke/kb_provoke.c "$out/"
                make -s -C "/lib/modules/$release/build" M="$PWD/$out" modules >&2
                """, "build-provoke", KERNEL).directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "building kb_provoke.ko: " + out);
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        EngineExecutionResults r = EngineTestKit.engine(KernelTestEngine.ID)
                .selectors(selectClass(fixture))
                .configurationParameter("kerneltest.kernels", KERNEL)
                .configurationParameter("kerneltest.defaultKernels", KERNEL)
                .configurationParameter("kerneltest.resultsDir", root.resolve("build/kerneltest-selftest").toString())
                .execute();
        // what failed above the tests, for the report when an assertion below fails
        r.containerEvents().failed().stream().forEach(e -> System.err.println(e.getTestDescriptor().getDisplayName()
                + ": " + e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::toString).orElse("?")));
        return r;
    }

    private static Throwable failure(Events events, String method) {
        Event e = events.filter(ev -> ev.getTestDescriptor().getDisplayName().equals(method + "()")).toList().stream()
                .filter(ev -> ev.getPayload(TestExecutionResult.class).isPresent()).findFirst().orElseThrow(
                        () -> new AssertionError("no finished event for " + method));
        return e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElse(null);
    }

    @Test
    void passFailAbortAndSkipAreReportedUnderTheKernel() {
        EngineExecutionResults r = run(OutcomesFixture.class);
        r.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(1).aborted(1).skipped(1));
        Event passed = r.testEvents().succeeded().stream().findFirst().orElseThrow();
        assertEquals("[engine:kernel-test]/[kernel:" + KERNEL + "]/[class:" + OutcomesFixture.class.getName()
                + "]/[method:passesInsideTheGuest()]", passed.getTestDescriptor().getUniqueId().toString());
        AssertionFailedError failed = assertInstanceOf(AssertionFailedError.class, failure(r.testEvents().failed(), "fails"));
        assertEquals("deliberately ==> expected: <1> but was: <2>", failed.getMessage());
        assertTrue(failed.getStackTrace()[0].getClassName().startsWith("org.junit"), "the guest's own frames");
        TestAbortedException aborted = assertInstanceOf(TestAbortedException.class,
                failure(r.testEvents().aborted(), "skippedByAssumption"));
        assertEquals("Assumption failed: deliberately assumed away", aborted.getMessage());
        assertEquals("deliberately disabled", r.testEvents().skipped().stream().findFirst().orElseThrow()
                .getPayload(String.class).orElseThrow());
        r.containerEvents().assertStatistics(s -> s.failed(0).succeeded(3));
    }

    @Test
    void aTestHangingPastTheTimeoutFailsWithAThreadDump() {
        Instant start = Instant.now();
        EngineExecutionResults r = run(HangFixture.class);
        Duration took = Duration.between(start, Instant.now());
        r.testEvents().assertStatistics(s -> s.started(2).failed(2).succeeded(0));
        GuestFailure hung = assertInstanceOf(GuestFailure.class, failure(r.testEvents().failed(), "hangs"));
        assertEquals(GuestFailure.Kind.CLASS_TIMEOUT, hung.kind());
        assertTrue(hung.getMessage().startsWith("HangFixture timed out after 15 s in the guest on kernel " + KERNEL),
                hung.getMessage());
        assertTrue(hung.getMessage().contains("HangFixture.hangs"), "the thread dump shows the hanging test: "
                + hung.getMessage());
        GuestFailure notRun = assertInstanceOf(GuestFailure.class, failure(r.testEvents().failed(), "neverRuns"));
        assertTrue(notRun.getMessage().startsWith("not run: the guest on kernel " + KERNEL), notRun.getMessage());
        assertTrue(took.toSeconds() < 180, "stopped by the class timeout, not the guest's: " + took);
    }

    @Test
    void aKernelWarningFailsTheRunningTestAndWhatFollowsWithTheConsole() throws Exception {
        buildProvokeModule();
        EngineExecutionResults r = run(OopsFixture.class);
        r.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        GuestFailure oops = assertInstanceOf(GuestFailure.class, failure(r.testEvents().failed(), "warnsTheKernel"));
        assertEquals(GuestFailure.Kind.KERNEL, oops.kind());
        assertTrue(oops.getMessage().contains("kb_provoke: requested warning"), oops.getMessage());
        assertTrue(oops.getMessage().contains("console.log from the first kernel failure"), oops.getMessage());
        GuestFailure notRun = assertInstanceOf(GuestFailure.class, failure(r.testEvents().failed(), "neverRuns"));
        assertTrue(notRun.getMessage().startsWith("not run: guest kernel failure on kernel " + KERNEL), notRun.getMessage());
        Event kernel = r.containerEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(KERNEL)).findFirst().orElseThrow();
        assertInstanceOf(GuestFailure.class, kernel.getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow());
        assertTrue(Files.isDirectory(root.resolve("build/kerneltest-selftest").resolve(KERNEL)));
    }
}
