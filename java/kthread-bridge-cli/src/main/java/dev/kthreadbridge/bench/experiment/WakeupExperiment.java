// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.PermissionDeniedException;
import dev.kthreadbridge.Scheduling;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.Lat;
import dev.kthreadbridge.bench.SnakeCase;

import java.util.ArrayList;
import java.util.List;

/**
 * Wake-up latency in the kernel's own timestamps: the first wake-up of a
 * created idle kthread to threadfn entry, and a WAIT kthread's signal to
 * running again; idle vs loaded CPUs, pinned vs not, SCHED_NORMAL vs
 * SCHED_FIFO.
 */
public final class WakeupExperiment implements Experiment {

    /** @param iterations samples per condition */
    public record Options(int iterations) {
    }

    /** A series per condition, no rows. */
    @JsonNaming(SnakeCase.class)
    public record Result(String experiment, String description, List<SeriesSummary> series, List<Record> rows,
            List<String> notes) implements ExperimentResult {
    }

    /** One condition: loaded CPUs or not, bound to the last CPU or not, the policy. */
    private record Condition(boolean loaded, boolean pinned, String policy) {
        @Override
        public String toString() {
            return (loaded ? "loaded" : "idle") + ", " + (pinned ? "pinned" : "unpinned") + ", " + policy;
        }

        ThreadSpec place(ThreadSpec spec, int cpus) {
            return pinned ? spec.boundTo(cpus - 1) : spec;
        }

        void schedule(KernelThread t) {
            if (policy.equals("fifo")) {
                t.setScheduling(Scheduling.fifo());
            }
        }
    }

    private final Options options;

    public WakeupExperiment(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "wakeup";
    }

    @Override
    public Result run(ExperimentContext context) throws InterruptedException {
        KthreadBridge bridge = context.bridge();
        int iterations = options.iterations();
        SeriesSet r = new SeriesSet();
        List<String> notes = new ArrayList<>();
        int cpus = Runtime.getRuntime().availableProcessors();
        List<String> policies = List.of("normal", "fifo");
        if (!mayUseFifo(bridge)) {
            policies = List.of("normal");
            notes.add("SCHED_FIFO not measured: the device was opened without CAP_SYS_NICE (docs/security.md)");
        }
        Progress p = new Progress(name(), 2L * 2 * policies.size() * iterations * 2);
        long done = 0;
        for (boolean loaded : new boolean[] {false, true}) {
            try (CpuLoad load = loaded ? new CpuLoad(cpus) : null) {
                if (loaded) {
                    Thread.sleep(200);
                }
                for (boolean pinned : new boolean[] {false, true}) {
                    for (String policy : policies) {
                        Condition c = new Condition(loaded, pinned, policy);
                        done = firstWake(bridge, r.lat("first wake->entry [" + c + "]"), c, cpus, p, done);
                        done = signals(bridge, r.lat("signal->running WAIT [" + c + "]"), c, cpus, p, done);
                    }
                }
            }
        }
        return new Result(name(),
                "wake-up latency in the kernel's own timestamps: the first wake_up_process() of a created"
                        + " idle kthread to threadfn entry, and a WAIT kthread's signal to running again"
                        + " (signalAndWait); idle vs loaded CPUs (one busy Java thread per CPU), pinned"
                        + " (kthread_bind to the last CPU) vs not, SCHED_NORMAL vs SCHED_FIFO; "
                        + iterations + " samples per condition",
                r.summaries(), List.of(), notes);
    }

    private long firstWake(KthreadBridge bridge, Lat first, Condition c, int cpus, Progress p, long done) {
        ThreadSpec spec = c.place(ThreadSpec.of(Workload.idle(), "kb-wk"), cpus);
        for (int i = 0; i < options.iterations(); i++) {
            try (KernelThread t = bridge.create(spec)) {
                c.schedule(t);
                t.wakeAndAwaitEntry();
                LifecycleExperiment.record(first, t.stop().info().wakeToEntry());
            }
            p.update(++done);
        }
        return done;
    }

    private long signals(KthreadBridge bridge, Lat sig, Condition c, int cpus, Progress p, long done)
            throws InterruptedException {
        try (KernelThread t = bridge.create(c.place(ThreadSpec.of(Workload.waitForSignal(), "kb-wt"), cpus))) {
            c.schedule(t);
            t.wake();
            waitUntilWaiting(t);
            for (int i = 0; i < options.iterations(); i++) {
                sig.record(t.signalAndWait().latency().toNanos());
                p.update(++done);
            }
        }
        return done;
    }

    /** Whether this bridge may set SCHED_FIFO: without CAP_SYS_NICE at open the module refuses it. */
    private static boolean mayUseFifo(KthreadBridge bridge) {
        try (KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-wk-probe"))) {
            t.setScheduling(Scheduling.fifo());
            return true;
        } catch (PermissionDeniedException e) {
            return false;
        }
    }

    /** Retries the first signal while the thread has not reached its wait loop (EAGAIN). */
    private static void waitUntilWaiting(KernelThread t) throws InterruptedException {
        for (int i = 0; ; i++) {
            try {
                t.signalAndWait();
                return;
            } catch (RuntimeException e) {
                if (i > 500) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }
}
