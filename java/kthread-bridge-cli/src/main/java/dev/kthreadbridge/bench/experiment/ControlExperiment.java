// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StartMode;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.Lat;
import dev.kthreadbridge.bench.SnakeCase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * park() / unpark() of a sleeping (IDLE) and of a busy (SPIN) kthread,
 * onExit() of EXIT threads, and setAffinity() moving a busy one between the
 * first and the last CPU (with two CPUs or more): {@code iterations} of each
 * after a tenth as many not counted. Every move is checked in the thread's
 * info.
 */
public final class ControlExperiment implements Experiment {

    /** How long the busy thread spins at most: the experiment ends well before. */
    static final Duration SPIN = Duration.ofSeconds(60);

    /** @param iterations samples per series */
    public record Options(int iterations) {
    }

    /**
     * The series; the affinity moves made and those whose info then showed another CPU (absent with one
     * CPU).
     */
    @JsonNaming(SnakeCase.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String experiment, String description, Integer affinityMovesChecked,
            Integer affinityMovesNotOnTarget, List<SeriesSummary> series, List<Record> rows, List<String> notes)
            implements ExperimentResult {
    }

    private final Options options;

    public ControlExperiment(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "control";
    }

    @Override
    public Result run(ExperimentContext context) {
        KthreadBridge bridge = context.bridge();
        int iterations = options.iterations();
        SeriesSet r = new SeriesSet();
        List<String> notes = new ArrayList<>();
        int cpus = Runtime.getRuntime().availableProcessors();
        int warmup = Math.max(1, iterations / 10);
        Progress p = new Progress(name(), (cpus < 2 ? 3L : 4L) * (iterations + warmup));
        long done = parkUnpark(bridge, r, iterations, warmup, p);
        done = onExit(bridge, r, iterations, warmup, p, done);
        notes.add("onExit(): System.nanoTime() when join() returned minus the event's CLOCK_MONOTONIC time of"
                + " threadfn's return, through a bridge of its own; its event thread sleeps in poll() and"
                + " wakes when the module queues the event");
        String description = "park() (kthread_park: returns once the thread parked), unpark() (kthread_unpark) and"
                + " setAffinity() (set_cpus_allowed_ptr: returns once a running thread was moved) on a"
                + " sleeping (IDLE) and a busy (SPIN) kthread; user-space round trips, " + iterations
                + " of each; and how long after an EXIT thread's threadfn returned its onExit() future"
                + " completed in Java (the module's exit event, read by the bridge's event thread)";
        if (cpus < 2) {
            notes.add("affinity moves not measured: " + cpus + " CPU");
            return new Result(name(), description, null, null, r.summaries(), List.of(), notes);
        }
        int notMoved = moves(bridge, r, iterations, warmup, p, done, cpus);
        notes.add("affinity: the SPIN thread alternates between CPU 0 and CPU " + (cpus - 1) + "; after each"
                + " setAffinity() its info showed another CPU " + notMoved + " times of " + (iterations + warmup));
        return new Result(name(), description, iterations + warmup, notMoved, r.summaries(), List.of(), notes);
    }

    private static long parkUnpark(KthreadBridge bridge, SeriesSet r, int iterations, int warmup, Progress p) {
        long done = 0;
        for (Workload w : List.of(Workload.idle(), Workload.spin(SPIN))) {
            String kind = w instanceof Workload.Idle ? "idle" : "spin";
            Lat park = r.lat("park [" + kind + "]");
            Lat unpark = r.lat("unpark [" + kind + "]");
            try (KernelThread t = bridge.run(ThreadSpec.of(w, "kb-ctl-" + kind), StartMode.AWAIT_ENTRY)) {
                for (int i = 0; i < iterations + warmup; i++) {
                    long t0 = System.nanoTime();
                    t.park();
                    long t1 = System.nanoTime();
                    if (!t.unpark()) {
                        throw new IllegalStateException(t + " was not parked after park()");
                    }
                    long t2 = System.nanoTime();
                    if (i >= warmup) {
                        park.record(t1 - t0);
                        unpark.record(t2 - t1);
                    }
                    p.update(++done);
                }
            }
        }
        return done;
    }

    /**
     * A bridge of its own: the event thread that onExit() starts ends with it, and the later experiments
     * of this process do not share the CPU with it.
     */
    private static long onExit(KthreadBridge bridge, SeriesSet r, int iterations, int warmup, Progress p,
            long done) {
        Lat exit = r.lat("onExit() after threadfn returned [exit]");
        try (KthreadBridge own = KthreadBridge.open(bridge.path())) {
            for (int i = 0; i < iterations + warmup; i++) {
                try (KernelThread t = own.run(ThreadSpec.of(Workload.exit(i), "kb-ctl-ex"))) {
                    StopResult e = t.onExit().join();
                    long now = System.nanoTime(); // CLOCK_MONOTONIC, the clock of the module's timestamps
                    if (!(e instanceof StopResult.Returned ret) || ret.value() != i) {
                        throw new IllegalStateException("exit event " + e + " for " + t + ", expected " + i);
                    }
                    if (i >= warmup) {
                        exit.record(now - e.endNanos());
                    }
                }
                p.update(++done);
            }
        }
        return done;
    }

    /** A SPIN thread moved between the first and the last CPU; how many times its info showed another CPU. */
    private static int moves(KthreadBridge bridge, SeriesSet r, int iterations, int warmup, Progress p, long done,
            int cpus) {
        Lat move = r.lat("affinity move [spin]");
        int notMoved = 0;
        int[] ends = {0, cpus - 1};
        try (KernelThread t = bridge.run(ThreadSpec.of(Workload.spin(SPIN), "kb-ctl-mv"), StartMode.AWAIT_ENTRY)) {
            for (int i = 0; i < iterations + warmup; i++) {
                int cpu = ends[i & 1];
                long t0 = System.nanoTime();
                t.setAffinity(Set.of(cpu));
                long t1 = System.nanoTime();
                if (t.info().cpu() != cpu) {
                    notMoved++;
                }
                if (i >= warmup) {
                    move.record(t1 - t0);
                }
                p.update(++done);
            }
        }
        return notMoved;
    }
}
