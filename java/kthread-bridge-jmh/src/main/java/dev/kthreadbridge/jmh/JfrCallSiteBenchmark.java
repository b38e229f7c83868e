// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.jmh;

import dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h;
import dev.kthreadbridge.internal.jfr.Jfr;
import dev.kthreadbridge.internal.jfr.WakeEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * What one call site's JFR instrumentation adds to one ioctl, resolved to
 * nanoseconds: the cycle of {@link JfrOverheadBenchmark} (hundreds of µs of
 * kernel work per cycle, under TCG ±30% from one iteration to the next)
 * cannot resolve it. The ioctl is the shim's {@code kb_ioctl} on /dev/null
 * (-ENOTTY at once, as in {@link IoctlPathBenchmark}), so it needs no
 * module and runs on the host or in a guest. Around it, exactly the
 * statements every kernel operation of the library has
 * ({@code Shim.wake}: {@code Jfr.begin(Jfr.on() ? new WakeEvent() : null, ...)},
 * the call, {@code Jfr.end}):
 *
 * <ul>
 *   <li>{@code bare}: the ioctl alone: the baseline;</li>
 *   <li>{@code instrumentedOff}: {@code -Dkthreadbridge.jfr=false} (the JIT folds the events away);</li>
 *   <li>{@code instrumented}: the normal case, events compiled in, no recording
 *       (what is added here, times three, over the cycle's median is the overhead
 *       JfrOverheadBenchmark's eventsNoRecording tries to measure);</li>
 *   <li>{@code instrumentedRecording}: a recording with default settings (each
 *       ioctl commits an event with a stack trace): for information.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class JfrCallSiteBenchmark {

    private int fd = -1;
    private int handle = 1;

    @Setup(Level.Trial)
    public void open() {
        dev.kthreadbridge.internal.NativeLibrary.load();
        try (Arena arena = Arena.ofConfined()) {
            fd = kthread_bridge_shim_h.kb_open(arena.allocateFrom("/dev/null"));
        }
        if (fd < 0) {
            throw new IllegalStateException("kb_open(/dev/null) = " + fd);
        }
        if (ioctl() != -IoctlPathBenchmark.ENOTTY) {
            throw new IllegalStateException("kb_ioctl on /dev/null did not give -ENOTTY");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (fd >= 0) {
            kthread_bridge_shim_h.kb_close(fd);
        }
    }

    private int ioctl() {
        return kthread_bridge_shim_h.kb_ioctl(fd, IoctlPathBenchmark.UNKNOWN_CMD, MemorySegment.NULL);
    }

    /** Shim.wake's statements around the ioctl (the handle varies so nothing is constant-folded). */
    private int instrumentedIoctl() {
        handle++;
        WakeEvent ev = Jfr.begin(Jfr.on() ? new WakeEvent() : null, handle, handle);
        int ret = ioctl();
        if (Jfr.end(ev, ret)) {
            ev.woken = ret == 1;
            ev.commit();
        }
        return ret;
    }

    @Benchmark
    public int bare() {
        handle++;
        return ioctl();
    }

    @Benchmark
    @Fork(jvmArgsAppend = "-Dkthreadbridge.jfr=false")
    public int instrumentedOff() {
        return instrumentedIoctl();
    }

    @Benchmark
    @Fork(jvmArgsAppend = "-Dkthreadbridge.jfr=true")
    public int instrumented() {
        return instrumentedIoctl();
    }

    @Benchmark
    @Fork(jvmArgsAppend = {"-Dkthreadbridge.jfr=true",
            "-XX:StartFlightRecording=settings=default,filename=/tmp/kb-jmh-callsite.jfr"})
    public int instrumentedRecording() {
        return instrumentedIoctl();
    }
}
