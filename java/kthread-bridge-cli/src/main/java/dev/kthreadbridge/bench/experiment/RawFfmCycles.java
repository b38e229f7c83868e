// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import dev.kthreadbridge.internal.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

import static dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h.KB_WORKLOAD_IDLE;
import static dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h.kb_close;
import static dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h.kb_open;
import static dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h.kb_thread_create;
import static dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h.kb_thread_stop;
import static dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h.kb_thread_wake;

/**
 * The create -> wake -> stop cycle through the generated FFM bindings
 * alone: its own file descriptor, memory allocated once, no API objects,
 * locks or exceptions, the same three shim calls as kb_cycle. It splits a
 * gap between the Java API and C into the JVM's part (this path vs C) and
 * the API's part (the API vs this path).
 */
final class RawFfmCycles implements AutoCloseable {

    private final Arena arena = Arena.ofConfined();
    private final int fd;
    private final MemorySegment name;
    private final MemorySegment pid;
    private final MemorySegment result;
    private final MemorySegment status;

    RawFfmCycles(Path device) {
        NativeLibrary.load();
        int ret = kb_open(arena.allocateFrom(device.toString()));
        if (ret < 0) {
            arena.close();
            throw new IllegalStateException("kb_open(" + device + ") failed: errno " + -ret);
        }
        fd = ret;
        name = arena.allocateFrom("kb-cy");
        pid = arena.allocate(ValueLayout.JAVA_INT);
        result = arena.allocate(ValueLayout.JAVA_INT);
        status = arena.allocate(ValueLayout.JAVA_INT);
    }

    /** One cycle; its duration in ns. */
    long cycle() {
        long t0 = System.nanoTime();
        int h = kb_thread_create(fd, KB_WORKLOAD_IDLE(), 0, name, -1, 0, pid);
        if (h < 0) {
            throw new IllegalStateException("kb_thread_create failed: errno " + -h);
        }
        int ret = kb_thread_wake(fd, h);
        int stop = kb_thread_stop(fd, h, result, status, MemorySegment.NULL);
        if (ret < 0 || stop < 0) {
            throw new IllegalStateException("kb_thread_wake/stop failed: errno " + -(ret < 0 ? ret : stop));
        }
        return System.nanoTime() - t0;
    }

    @Override
    public void close() {
        kb_close(fd);
        arena.close();
    }
}
