// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import java.util.List;
import java.util.Set;

/**
 * What a {@link TraceSession} read: the events, the Java process and its threads seen during the session, the
 * kernel release, the events lost (ring buffer overruns and drops, plus "[LOST n EVENTS]" lines), the bytes of
 * text read and whether the read stopped at its bound, and how long reading took.
 */
public record TraceCapture(List<TraceEvent> events, int javaPid, Set<Integer> javaThreads, String kernel,
        long lostEvents, long bytesRead, boolean truncated, long readNanos) {
    public TraceCapture {
        events = List.copyOf(events);
        javaThreads = Set.copyOf(javaThreads);
    }
}
