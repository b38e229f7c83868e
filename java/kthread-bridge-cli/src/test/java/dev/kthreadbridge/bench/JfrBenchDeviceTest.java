// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import dev.kthreadbridge.TestSupport;
import dev.kthreadbridge.cli.Main;
import dev.kthreadbridge.junit.KernelTest;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kb bench lifecycle -i N --jfr FILE} on the real module (VM guest):
 * FILE holds exactly N create, N wake and N stop events, one of each per
 * thread, and the JDK's own events beside them. Skipped without the device.
 */
@KernelTest
@Tag("device")
class JfrBenchDeviceTest {

    /** Below 10 iterations lifecycle runs no warm-up cycles: every cycle is one of the N. */
    private static final int N = 7;

    @Test
    void benchLifecycleWritesOneEventPerOperation(@TempDir Path dir) throws Exception {
        TestSupport.requireDevice();
        Path jfr = dir.resolve("sub/f.jfr");
        int rc = Main.run(new String[] {"bench", "lifecycle", "-i", String.valueOf(N), "--jfr", jfr.toString(),
                "--out", dir.resolve("out").toString()},
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        assertEquals(0, rc);
        assertTrue(Files.size(jfr) > 0);
        List<RecordedEvent> all = RecordingFile.readAllEvents(jfr);
        List<RecordedEvent> ours = all.stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.kthreadbridge.")).toList();
        Map<String, Long> byType = ours.stream().collect(Collectors.groupingBy(
                e -> e.getEventType().getName(), Collectors.counting()));
        // the bench's own abiVersion() and the ABI check of open: two Version events
        assertEquals(Map.of("dev.kthreadbridge.Create", (long) N, "dev.kthreadbridge.Wake", (long) N,
                "dev.kthreadbridge.Stop", (long) N, "dev.kthreadbridge.Version", 2L), byType, ours::toString);
        Map<Long, RecordedEvent> creates = ours.stream()
                .filter(e -> e.getString("operation").equals("create"))
                .collect(Collectors.toMap(e -> e.getLong("handle"), Function.identity()));
        assertEquals(N, creates.size(), "distinct handles");
        for (RecordedEvent e : ours) {
            assertEquals(0, e.getInt("errno"), e::toString);
            if (e.getString("operation").equals("version")) {
                continue;
            }
            RecordedEvent create = creates.get(e.getLong("handle"));
            assertEquals(create.getInt("pid"), e.getInt("pid"), e::toString);
            assertTrue(create.getInt("pid") > 0, create::toString);
            assertTrue(create.getLong("monotonicStart") <= e.getLong("monotonicStart"), e::toString);
        }
        for (RecordedEvent s : ours.stream().filter(e -> e.getString("operation").equals("stop")).toList()) {
            assertTrue(s.getBoolean("entered"), s::toString); // lifecycle waits for entry before it stops
            assertTrue(s.getLong("enteredNanos") > 0 && s.getLong("stoppedNanos") >= s.getLong("enteredNanos"),
                    s::toString);
        }
        assertTrue(all.stream().anyMatch(e -> e.getEventType().getName().startsWith("jdk.")),
                "the JDK's default events are recorded too");
    }
}
