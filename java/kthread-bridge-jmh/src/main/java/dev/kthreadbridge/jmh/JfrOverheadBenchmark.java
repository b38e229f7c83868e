// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.jmh;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
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

import java.util.concurrent.TimeUnit;

/**
 * What the JFR events cost on the create -> wake -> stop cycle of an idle
 * kthread, on the real module (in a VM guest: needs /dev/kthread_bridge
 * and root). The same cycle in three forks, one JMH run:
 *
 * <ul>
 *   <li>{@code eventsOff}: {@code -Dkthreadbridge.jfr=false}, no event is even made: the baseline;</li>
 *   <li>{@code eventsNoRecording}: the events compiled in, no recording running: the normal case
 *       (target: within 2% of the baseline);</li>
 *   <li>{@code eventsRecording}: {@code -XX:StartFlightRecording} (default settings, the events
 *       enabled, with stack traces): for information.</li>
 * </ul>
 *
 * SampleTime: every cycle is timed, so JMH reports the median (p0.50) of each.
 * Under TCG the cycle varies far more than 2% between iterations;
 * {@link JfrCallSiteBenchmark}, in the same run, resolves what the events
 * add per call. Run in the guest with {@code scripts/bench/jfr-overhead.sh}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class JfrOverheadBenchmark {

    private static final ThreadSpec SPEC = ThreadSpec.of(Workload.idle(), "kb-jmh-jfr");

    private KthreadBridge bridge;

    @Setup(Level.Trial)
    public void open() {
        bridge = KthreadBridge.open();
    }

    @TearDown(Level.Trial)
    public void close() {
        bridge.close();
    }

    private StopResult cycle() {
        KernelThread t = bridge.create(SPEC);
        t.wake();
        return t.stop();
    }

    @Benchmark
    @Fork(jvmArgsAppend = "-Dkthreadbridge.jfr=false")
    public StopResult eventsOff() {
        return cycle();
    }

    @Benchmark
    @Fork(jvmArgsAppend = "-Dkthreadbridge.jfr=true")
    public StopResult eventsNoRecording() {
        return cycle();
    }

    @Benchmark
    @Fork(jvmArgsAppend = {"-Dkthreadbridge.jfr=true",
            "-XX:StartFlightRecording=settings=default,filename=/tmp/kb-jmh-jfr.jfr"})
    public StopResult eventsRecording() {
        return cycle();
    }
}
