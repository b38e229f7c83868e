// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFileTest {

    @TempDir
    Path dir;

    @Test
    void everyEventComesBackAsWritten() throws IOException {
        Path file = dir.resolve(EventFile.NAME);
        List<Event> events = List.of(
                new Event.Started("[engine:junit-jupiter]/[class:a.B]"),
                new Event.Skipped("[engine:junit-jupiter]/[class:a.B]/[method:c()]", "ünïcode reason"),
                new Event.Dynamic("[engine:junit-jupiter]/[class:a.B]/[test-template:d(int)]/[test-template-invocation:#1]",
                        "[engine:junit-jupiter]/[class:a.B]/[test-template:d(int)]", "[1] 1", "d(int)[1]",
                        false, true, "a.B", "d", "int", List.of("device")),
                new Event.Report("[engine:junit-jupiter]", Map.of("stdout", "line\n")),
                new Event.Hung("[engine:junit-jupiter]/[class:a.B]", 15, "\"main\" TIMED_WAITING"),
                new Event.End());
        try (EventFile.Writer w = new EventFile.Writer(file)) {
            events.forEach(e -> w.write(e, false));
        }
        try (EventFile.Reader r = new EventFile.Reader(file)) {
            assertEquals(events, r.poll());
            assertEquals(List.of(), r.poll());
        }
    }

    @Test
    void aFailureComesBackAsTheOriginalException() throws IOException {
        Path file = dir.resolve(EventFile.NAME);
        AssertionFailedError original = new AssertionFailedError("expected: <1> but was: <2>", 1, 2);
        try (EventFile.Writer w = new EventFile.Writer(file)) {
            w.write(new Event.Finished("[engine:junit-jupiter]/[class:a.B]/[method:c()]", Event.Status.FAILED,
                    RemoteThrowable.of(original)), true);
        }
        try (EventFile.Reader r = new EventFile.Reader(file)) {
            Event.Finished f = (Event.Finished) r.poll().getFirst();
            AssertionFailedError back = assertInstanceOf(AssertionFailedError.class, f.failure().toThrowable());
            assertEquals(original.getMessage(), back.getMessage());
            assertEquals(2, back.getActual().getValue());
            assertArrayEquals(original.getStackTrace(), back.getStackTrace());
        }
    }

    @Test
    void anExceptionThatDoesNotSerializeKeepsClassMessageAndFrames() {
        RuntimeException original = new IllegalStateException("boom", new NotSerializable());
        RemoteThrowable r = RemoteThrowable.of(original);
        RemoteThrowable portable = new RemoteThrowable(r.className(), r.message(), r.frames(), r.cause(), new byte[0]);
        Throwable back = portable.toThrowable();
        assertEquals("java.lang.IllegalStateException: boom", back.toString());
        assertArrayEquals(original.getStackTrace(), back.getStackTrace());
        assertTrue(back.getCause().toString().startsWith(NotSerializable.class.getName()), back.getCause().toString());
    }

    @Test
    void aRecordStillBeingWrittenIsReadWhenComplete() throws IOException {
        Path file = dir.resolve(EventFile.NAME);
        Path whole = dir.resolve("whole");
        try (EventFile.Writer w = new EventFile.Writer(whole)) {
            w.write(new Event.Started("[engine:junit-jupiter]/[class:a.B]"), false);
        }
        byte[] bytes = Files.readAllBytes(whole);
        try (EventFile.Reader r = new EventFile.Reader(file)) {
            assertEquals(List.of(), r.poll(), "no file yet");
            Files.write(file, java.util.Arrays.copyOf(bytes, 7));
            assertEquals(List.of(), r.poll());
            assertEquals(7, r.pendingBytes());
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                out.write(bytes, 7, bytes.length - 7);
            }
            assertEquals(List.of(new Event.Started("[engine:junit-jupiter]/[class:a.B]")), r.poll());
            assertEquals(0, r.pendingBytes());
        }
    }

    @Test
    void aCorruptLengthFailsNamingTheFileAndOffset() throws IOException {
        Path file = dir.resolve(EventFile.NAME);
        Files.write(file, new byte[] {(byte) 0xff, 0, 0, 0, 1});
        try (EventFile.Reader r = new EventFile.Reader(file)) {
            IOException e = assertThrows(IOException.class, r::poll);
            assertTrue(e.getMessage().contains(file + ": bad record length") && e.getMessage().contains("offset 0"),
                    e.getMessage());
        }
    }

    private static final class NotSerializable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"})
        private final Object field = new Object();
    }
}
