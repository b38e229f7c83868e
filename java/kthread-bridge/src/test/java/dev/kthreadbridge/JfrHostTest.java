// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JFR events of failed calls, on the host: real ioctls on /dev/null,
 * which the kernel answers with ENOTTY. Each call still gives its event,
 * with errno 25. (The device test JfrDeviceTest covers the successes.)
 */
class JfrHostTest {

    @BeforeAll
    static void library() {
        TestSupport.requireLibrary();
    }

    @Test
    void failedCallsEmitTheirEventWithTheErrno(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("host.jfr");
        long before;
        long after;
        try (Recording rec = new Recording()) {
            rec.start();
            before = System.nanoTime();
            try (KthreadBridge bridge = KthreadBridge.openWithoutAbiCheck(Path.of("/dev/null"))) {
                assertThrows(KthreadBridgeException.class, bridge::abiVersion);
                assertThrows(KthreadBridgeException.class, () -> bridge.create(ThreadSpec.of(Workload.idle(), "x")));
                assertThrows(KthreadBridgeException.class, () -> bridge.run(ThreadSpec.of(Workload.idle(), "y")));
                assertThrows(KthreadBridgeException.class, bridge::threads);
                assertThrows(KthreadBridgeException.class, () -> bridge.wakeHandle(3));
                assertThrows(KthreadBridgeException.class, () -> bridge.benchCycles(1));
                assertThrows(KthreadBridgeException.class,
                        () -> bridge.createAll(ThreadSpec.of(Workload.idle(), "z"), 2));
            }
            after = System.nanoTime();
            rec.stop();
            rec.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.kthreadbridge.")).toList();
        assertEquals(List.of("dev.kthreadbridge.Version/version", "dev.kthreadbridge.Create/create",
                        "dev.kthreadbridge.Run/run", "dev.kthreadbridge.List/list", "dev.kthreadbridge.Wake/wake",
                        "dev.kthreadbridge.Bench/bench", "dev.kthreadbridge.Batch/batch"),
                events.stream().sorted(java.util.Comparator.comparingLong(e -> e.getLong("monotonicStart")))
                        .map(e -> e.getEventType().getName() + "/" + e.getString("operation")).toList());
        for (RecordedEvent e : events) {
            assertEquals(25, e.getInt("errno"), e::toString);
            assertEquals(e.getString("operation").equals("wake") ? 3 : 0, e.getLong("handle"), e::toString);
            assertEquals(0, e.getInt("pid"), e::toString);
            assertTrue(before <= e.getLong("monotonicStart") && e.getLong("monotonicStart") <= e.getLong("monotonicEnd")
                    && e.getLong("monotonicEnd") <= after, e::toString);
            assertEquals(List.of("kthread-bridge"), e.getEventType().getCategoryNames());
            assertTrue(e.getStackTrace() != null && !e.getStackTrace().getFrames().isEmpty(), "stack trace");
        }
        RecordedEvent create = events.stream().filter(e -> e.getString("operation").equals("create")).findFirst()
                .orElseThrow();
        assertEquals("idle", create.getString("workload"));
        assertEquals("x", create.getString("name"));
        assertEquals(-1, create.getInt("cpu"));
        RecordedEvent run = events.stream().filter(e -> e.getString("operation").equals("run")).findFirst()
                .orElseThrow();
        assertEquals(List.of("idle", "y", -1, false), List.of(run.getString("workload"), run.getString("name"),
                run.getInt("cpu"), run.getBoolean("awaitEntry")));
    }
}
