// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trace that cannot start says why and what to do, before it touches anything. */
class TraceSessionErrorsTest {
    @Test
    void missingTracefsNamesTheKernelOption(@TempDir Path dir) {
        TraceException e = assertThrows(TraceException.class,
                () -> TraceSession.start(dir.resolve("none"), 1024, 1 << 20));
        assertEquals("trace: no " + dir.resolve("none"), e.getMessage());
        assertTrue(e.fix().contains("CONFIG_FTRACE"), e.fix());
    }

    @Test
    void unmountedTracefsSaysHowToMountIt(@TempDir Path dir) {
        TraceException e = assertThrows(TraceException.class, () -> TraceSession.start(dir, 1024, 1 << 20));
        assertEquals("trace: tracefs is not mounted at " + dir, e.getMessage());
        assertEquals("mount it (as root): mount -t tracefs tracefs " + dir, e.fix());
    }

    @Test
    void moduleWithoutTracepointsIsNamed(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("instances"));
        TraceException e = assertThrows(TraceException.class, () -> TraceSession.start(dir, 1024, 1 << 20));
        assertTrue(e.getMessage().startsWith("trace: the loaded kthread_bridge module has no tracepoints"),
                e.getMessage());
        assertTrue(e.fix().contains("kmod/"), e.fix());
    }

    @Test
    void boundsMustBePositive(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> TraceSession.start(dir, 0, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> TraceSession.start(dir, 1024, 0));
    }
}
