// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records a {@link JavaSpan} around each kthread call made through it (create, wake, stop), for a trace of
 * code that does not emit JFR events. Thread-safe; {@link #spans()} is the sink a trace export reads.
 */
public final class SpanRecorder {
    private static final ThreadLocal<Long> OS_TID = ThreadLocal.withInitial(SpanRecorder::readOsThreadId);
    private final List<JavaSpan> spans = Collections.synchronizedList(new ArrayList<>());

    public KernelThread create(KthreadBridge b, ThreadSpec spec) {
        long t0 = System.nanoTime();
        KernelThread t = b.create(spec);
        add("create", t, t0);
        return t;
    }

    public boolean wake(KernelThread t) {
        long t0 = System.nanoTime();
        boolean woken = t.wake();
        add("wake", t, t0);
        return woken;
    }

    public StopResult stop(KernelThread t) {
        long t0 = System.nanoTime();
        StopResult r = t.stop();
        add("stop", t, t0);
        return r;
    }

    /** Adds a span that ends now, started at {@code startNanos} (System.nanoTime()). */
    public void add(String operation, KernelThread t, long startNanos) {
        long end = System.nanoTime();
        spans.add(new JavaSpan(operation, t.handle(), t.pid(), OS_TID.get(), startNanos, end));
    }

    /** The sink: add spans recorded elsewhere (e.g. from JFR events) here. */
    public List<JavaSpan> sink() {
        return spans;
    }

    /** A copy of the spans so far. */
    public List<JavaSpan> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    /** The calling thread's kernel thread id (gettid), from /proc/thread-self -> {@code <pid>/task/<tid>}. */
    public static long osThreadId() {
        return OS_TID.get();
    }

    private static long readOsThreadId() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("trace: reading /proc/thread-self", e);
        }
    }
}
