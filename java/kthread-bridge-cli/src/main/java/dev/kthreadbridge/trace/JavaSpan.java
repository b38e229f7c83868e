// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

/**
 * One Java API call on a kthread: its operation ("create", "wake", "stop", ...), the kthread's handle and kernel
 * pid (0 when unknown), the calling OS thread, its start and end in CLOCK_MONOTONIC ns (System.nanoTime() on
 * Linux, the clock of a trace taken with trace_clock=mono) and its errno (0: it succeeded). The only Java input
 * of {@link PerfettoTrace}; {@link JfrSpans} makes them from the library's JFR events.
 */
public record JavaSpan(String operation, long handle, int pid, long osThreadId, long startNanos, long endNanos,
        int errno) {
    public JavaSpan {
        if (operation == null || operation.isEmpty()) {
            throw new IllegalArgumentException("JavaSpan: an operation is required");
        }
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("JavaSpan " + operation + ": ends (" + endNanos + ") before it starts ("
                    + startNanos + ")");
        }
    }
}
