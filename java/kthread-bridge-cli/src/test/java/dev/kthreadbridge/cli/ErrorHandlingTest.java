// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.DeviceUnavailableException;
import dev.kthreadbridge.KthreadBridgeException;
import dev.kthreadbridge.LibraryUnavailableException;
import dev.kthreadbridge.LimitReachedException;
import dev.kthreadbridge.PermissionDeniedException;
import dev.kthreadbridge.bench.InvalidJsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: every failure is one line on stderr and the exit status of its kind (sysexits.h). */
class ErrorHandlingTest {

    private static final int ENOENT = 2;
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int EINVAL = 22;
    private static final int EMFILE = 24;

    @Test
    void noCommandIsAUsageError() {
        String line = Kb.run().assertOneLineError(ExitCodes.USAGE);
        assertEquals("kb: error: Missing required subcommand — see 'kb --help'", line);
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithASuggestion() {
        String line = Kb.run("run", "--cont", "3").assertOneLineError(ExitCodes.USAGE);
        assertTrue(line.contains("'--cont'") && line.contains("did you mean --count?")
                && line.endsWith("see 'kb run --help'"), line);
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        String line = Kb.run("runn").assertOneLineError(ExitCodes.USAGE);
        assertTrue(line.contains("'runn'") && line.contains("did you mean run?"), line);
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheOption() {
        String line = Kb.run("bench", "lifecycle", "--iterations", "x").assertOneLineError(ExitCodes.USAGE);
        assertTrue(line.contains("'--iterations'") && line.contains("'x'"), line);
    }

    @Test
    void verboseAddsTheStackTraceToAUsageError() {
        Kb kb = Kb.run("--verbose", "bench", "lifecycle", "--iterations", "x");
        assertEquals(ExitCodes.USAGE, kb.status(), kb::toString);
        assertTrue(kb.errLines().get(0).startsWith("kb: error: "), kb::toString);
        assertTrue(kb.err().contains("ParameterException") && kb.err().contains("\tat picocli."), kb::toString);
    }

    @Test
    void aMissingDeviceIsUnavailable() {
        // 69 whether the shim loads here (ENOENT from open) or not (no native access: also 69)
        String line = Kb.run("run", "--device", "/nonexistent/kthread_bridge")
                .assertOneLineError(ExitCodes.UNAVAILABLE);
        assertTrue(line.contains("kb_open(/nonexistent/kthread_bridge): ENOENT")
                || line.contains("native access"), line);
    }

    @Test
    void verboseAfterTheSubcommandShowsTheTraceToo() {
        Kb kb = Kb.run("run", "--device", "/nonexistent/kthread_bridge", "--verbose");
        assertEquals(ExitCodes.UNAVAILABLE, kb.status(), kb::toString);
        assertTrue(kb.errLines().get(0).startsWith("kb: error: "), kb::toString);
        assertTrue(kb.errLines().size() > 2 && kb.err().contains("\tat dev.kthreadbridge."), kb::toString);
    }

    @Test
    void aMissingInputFileIsNoInput() {
        String line = Kb.run("report", "/nonexistent", "--out", "/nonexistent/out")
                .assertOneLineError(ExitCodes.NO_INPUT);
        assertTrue(line.startsWith("kb: error: /nonexistent/bench.json: no such file — "), line);
    }

    @Test
    void aTruncatedBenchJsonIsADataError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bench.json"), "{\"system\": {\"kernel\": \"6.1\"}, \"experiments\": [");
        String line = Kb.run("report", dir.toString(), "--out", dir.resolve("out").toString())
                .assertOneLineError(ExitCodes.DATA);
        assertTrue(line.contains(dir.resolve("bench.json") + ": not valid JSON at line 1"), line);
        assertFalse(line.contains("StringIndexOutOfBounds"), line);
    }

    @Test
    void stopOfAThreadOfAnotherProcessFails() {
        Kb kb = Kb.run("stop", "999999999");
        assertEquals(ExitCodes.FAILED, kb.status(), kb::toString);
        assertEquals("999999999: not a kernel thread (or gone)", kb.out().strip());
        assertEquals(List.of("kb: error: no kernel thread among the PIDs given — kb ps lists the kb-* kernel threads"),
                kb.errLines());
    }

    @Test
    void libraryExceptionsMapToTheirStatus() {
        String open = "kb_open(/dev/kthread_bridge)";
        assertEquals(ExitCodes.UNAVAILABLE, ErrorHandler.classify(new DeviceUnavailableException(open, ENOENT))
                .exitCode());
        assertEquals(ExitCodes.NO_PERM, ErrorHandler.classify(new PermissionDeniedException(open, EACCES))
                .exitCode());
        ErrorHandler.Outcome refusedOpen = ErrorHandler.classify(new PermissionDeniedException(open, EPERM, true));
        assertEquals(ExitCodes.NO_PERM, refusedOpen.exitCode());
        assertEquals("kb: error: kb_open(/dev/kthread_bridge): EPERM (Operation not permitted): run as root,"
                + " or load kthread_bridge with node_access=1 and add the user to group kthread-bridge"
                + " (docs/security.md)", refusedOpen.line());
        ErrorHandler.Outcome refused = ErrorHandler.classify(new KthreadBridgeException("kb_thread_wake(handle 3)",
                EINVAL));
        assertEquals(ExitCodes.FAILED, refused.exitCode());
        assertEquals("kb: error: kb_thread_wake(handle 3): EINVAL (Invalid argument)", refused.line());
        assertEquals(ExitCodes.FAILED, ErrorHandler.classify(new LimitReachedException("kb_thread_create", EMFILE))
                .exitCode());
        ErrorHandler.Outcome lib = ErrorHandler.classify(new LibraryUnavailableException(
                "native access is not enabled for the unnamed module: run java with"
                        + " --enable-native-access=ALL-UNNAMED"));
        assertEquals(ExitCodes.UNAVAILABLE, lib.exitCode());
        assertTrue(lib.line().endsWith("--enable-native-access=ALL-UNNAMED"), lib.line());
    }

    @Test
    void fileProblemsMapToTheirStatus() {
        assertEquals(ExitCodes.NO_INPUT, ErrorHandler.classify(new NoSuchFileException("/x/bench.json")).exitCode());
        assertEquals(ExitCodes.DATA, ErrorHandler.classify(new InvalidJsonException("x.json: not valid JSON", null))
                .exitCode());
        assertEquals(ExitCodes.IO, ErrorHandler.classify(new AccessDeniedException("/out")).exitCode());
        assertEquals(ExitCodes.IO, ErrorHandler.classify(new UncheckedIOException(new IOException("disk full")))
                .exitCode());
    }

    @Test
    void anythingElseIsAnInternalErrorOnOneLine() {
        ErrorHandler.Outcome o = ErrorHandler.classify(new IllegalStateException("broken\nsecond line"));
        assertEquals(ExitCodes.SOFTWARE, o.exitCode());
        assertEquals("kb: error: internal error: java.lang.IllegalStateException: broken second line"
                + " — a bug in kb; --verbose shows the stack trace", o.line());
    }

    @Test
    void aCommandFailureKeepsItsStatusAndFix() {
        ErrorHandler.Outcome o = ErrorHandler.classify(new CommandFailure(ExitCodes.UNAVAILABLE, "what", null));
        assertEquals("kb: error: what", o.line());
        assertNull(o.fix());
        assertEquals("kb: error: a — b", ErrorHandler.classify(new CommandFailure(1, "a", "b")).line());
    }

    @Test
    void theTopHelpListsTheExitStatuses() {
        Kb kb = Kb.run("--help");
        assertEquals(ExitCodes.OK, kb.status(), kb::toString);
        assertEquals("", kb.err());
        assertTrue(kb.out().contains("Exit status:"), kb.out());
        for (int code : new int[] {0, 1, 64, 65, 66, 69, 70, 74, 77}) {
            assertTrue(kb.out().lines().anyMatch(l -> l.strip().startsWith(code + "  ")), code + " in\n" + kb.out());
        }
    }
}
