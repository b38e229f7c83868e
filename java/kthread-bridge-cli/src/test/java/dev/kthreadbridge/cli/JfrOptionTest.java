// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.bench.JfrRecording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --jfr FILE} on the host, where no module is loaded: the recording
 * is written also when the run fails, and holds the refused ABI check of
 * /dev/null (a real ioctl, ENOTTY) as a dev.kthreadbridge.Version event.
 * JfrBenchDeviceTest checks a successful run in the guest.
 */
class JfrOptionTest {

    @Test
    void kbRunJfrWritesTheRecordingOfAFailedRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/run.jfr");
        Kb kb = Kb.run("run", "--device", "/dev/null", "--jfr", file.toString());
        kb.assertOneLineError(kb.status());
        assertTrue(kb.status() != 0, kb::toString);
        assertTrue(Files.size(file) > 0);
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> versions = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.kthreadbridge.Version")).toList();
        assertEquals(1, versions.size(), versions::toString);
        assertEquals(25, versions.getFirst().getInt("errno"), "ENOTTY from /dev/null");
        assertEquals("version", versions.getFirst().getString("operation"));
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().startsWith("jdk.")),
                "the JDK's default events");
    }

    @Test
    void noOptionNoRecording(@TempDir Path dir) {
        try (JfrRecording r = JfrRecording.start(null)) {
            assertNull(r.file());
        }
        try (JfrRecording r = JfrRecording.none()) {
            assertNull(r.file());
        }
        assertFalse(Files.exists(dir.resolve("run.jfr")));
    }
}
