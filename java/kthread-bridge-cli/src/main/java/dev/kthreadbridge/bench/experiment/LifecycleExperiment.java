// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.Lat;
import dev.kthreadbridge.bench.SnakeCase;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * create -> wake (awaiting threadfn entry) -> stop of an idle kthread, over
 * and over: the kernel's own timestamps of each phase and the Java calls'
 * round trips.
 */
public final class LifecycleExperiment implements Experiment {

    /**
     * @param iterations the cycles measured
     * @param warmup     the cycles before them, not counted
     */
    public record Options(int iterations, int warmup) {
    }

    /** The series, no rows. */
    @JsonNaming(SnakeCase.class)
    public record Result(String experiment, String description, List<SeriesSummary> series, List<Record> rows,
            List<String> notes) implements ExperimentResult {
    }

    private final Options options;

    public LifecycleExperiment(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "lifecycle";
    }

    @Override
    public Result run(ExperimentContext context) {
        return run(context.bridge());
    }

    private Result run(KthreadBridge bridge) {
        int iterations = options.iterations();
        int warmup = options.warmup();
        SeriesSet r = new SeriesSet();
        Lat kCreate = r.lat("kernel create (kthread_create)");
        Lat kWake = r.lat("kernel wake->entry (first wake_up_process to threadfn)");
        Lat kStopExit = r.lat("kernel stop->exit (kthread_stop to threadfn return)");
        Lat kStop = r.lat("kernel stop (kthread_stop call)");
        Lat uCreate = r.lat("user create() round trip");
        Lat uWake = r.lat("user wake until threadfn entered");
        Lat uStop = r.lat("user stop() round trip");
        Lat uCycle = r.lat("user create+wake(await entry)+stop cycle");
        ThreadSpec spec = ThreadSpec.of(Workload.idle(), "kb-lc");
        Progress p = new Progress(name(), iterations + warmup);
        for (int i = 0; i < iterations + warmup; i++) {
            long t0 = System.nanoTime();
            KernelThread t = bridge.create(spec);
            long t1 = System.nanoTime();
            t.wakeAndAwaitEntry();
            long t2 = System.nanoTime();
            StopResult s = t.stop();
            long t3 = System.nanoTime();
            p.update(i + 1);
            if (i < warmup) {
                continue;
            }
            ThreadInfo info = s.info();
            record(kCreate, info.createCost());
            record(kWake, info.wakeToEntry());
            record(kStopExit, info.stopToExit());
            record(kStop, info.stopCost());
            uCreate.record(t1 - t0);
            uWake.record(t2 - t1);
            uStop.record(t3 - t2);
            uCycle.record(t3 - t0);
        }
        return new Result(name(),
                "create -> wake -> stop of an idle kthread, " + iterations + " times (" + warmup
                        + " warm-up cycles not counted): kernel timestamps (CLOCK_MONOTONIC in the module)"
                        + " and user-space round trips (System.nanoTime around each Java API call)",
                r.summaries(), List.of(),
                List.of("each cycle waits for threadfn entry before stop (wakeAndAwaitEntry(): KB_WAKE_WAIT_ENTRY),"
                        + " so every cycle has a wake->entry sample; the 'cycles' experiment does not wait, like"
                        + " kb_cycle and KB_IOC_BENCH"));
    }

    static void record(Lat l, Optional<Duration> d) {
        d.ifPresent(x -> l.record(x.toNanos()));
    }
}
