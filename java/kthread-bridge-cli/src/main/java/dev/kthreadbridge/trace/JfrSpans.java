// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Java side of a trace: a JFR recording of the library's own events
 * (one per call into the module, docs/jfr.md) turned into {@link JavaSpan}s.
 * Each event carries the operation, handle, kernel pid, errno and
 * System.nanoTime() around the ioctl, and JFR adds the calling OS thread, so
 * every call of the process is covered, whoever made it, with nothing
 * wrapped by hand.
 */
public final class JfrSpans implements AutoCloseable {

    /** The library's events that are calls on kthreads or the device (ReadEvents, the event poll, is left out). */
    static final List<String> EVENTS = List.of("Create", "Run", "Wake", "Stop", "Park", "Unpark", "Sched", "Affinity",
            "Cpus", "Signal", "Batch", "Info", "List", "Version", "Bench");

    private final Recording recording;

    private JfrSpans(Recording recording) {
        this.recording = recording;
    }

    /** Starts recording the library's events (no stack traces, no threshold); nothing else. */
    public static JfrSpans start() {
        Recording r = new Recording();
        r.setName("kb trace spans");
        for (String e : EVENTS) {
            r.enable("dev.kthreadbridge." + e).withoutStackTrace().withoutThreshold();
        }
        r.start();
        return new JfrSpans(r);
    }

    /** Stops the recording; the spans of the calls it saw, by start time. */
    public List<JavaSpan> stop() {
        Path file = null;
        try {
            recording.stop();
            file = Files.createTempFile("kb-spans", ".jfr");
            recording.dump(file);
            List<JavaSpan> spans = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().startsWith("dev.kthreadbridge.") && e.hasField("monotonicStart")) {
                    spans.add(span(e));
                }
            }
            spans.sort(Comparator.comparingLong(JavaSpan::startNanos));
            return spans;
        } catch (IOException e) {
            throw new UncheckedIOException("trace: reading the JFR recording of the Java calls", e);
        } finally {
            recording.close();
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file; the spans are read
                }
            }
        }
    }

    static JavaSpan span(RecordedEvent e) {
        RecordedThread t = e.getThread();
        long start = e.getLong("monotonicStart");
        long end = Math.max(start, e.getLong("monotonicEnd"));
        return new JavaSpan(e.getString("operation"), e.getLong("handle"), e.getInt("pid"),
                t == null ? 0 : t.getOSThreadId(), start, end, e.getInt("errno"));
    }

    @Override
    public void close() {
        recording.close();
    }
}
