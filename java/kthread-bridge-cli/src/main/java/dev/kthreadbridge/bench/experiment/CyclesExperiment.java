// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kthreadbridge.KernelCycleBench;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.bench.Stats;
import dev.kthreadbridge.bench.SnakeCase;
import dev.kthreadbridge.bench.CycleRounds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Full create -> wake -> stop cycles per second through the Java API, the
 * raw FFM bindings and the C shim, in blocks of {@code count} cycles per path
 * per round, with the module's in-kernel loop of the same cycle
 * (KB_IOC_BENCH) as the floor.
 *
 * <p>Before the rounds, Java cycles run for at least {@code warmup} and at
 * least {@code warmupCycles} of them (and max(10, count / 10)): the JIT
 * compiles the path while they run, which under TCG takes tens of seconds,
 * so a short warm-up measures the interpreter and the compiler threads
 * rather than the steady state. Time alone is not enough: on 6.1-rt under
 * TCG 20 s gave 4,353 warm-up cycles (13,540-15,507 on the other kernels)
 * and the Java rounds still sped up from one to the next.
 */
public final class CyclesExperiment implements Experiment {

    /**
     * @param count        cycles per block
     * @param rounds       rounds
     * @param cCycle       the C program (kb_cycle); null or not executable: C is left out
     * @param warmup       the least time of Java cycles before the rounds
     * @param warmupCycles the least number of them
     */
    public record Options(int count, int rounds, Path cCycle, Duration warmup, long warmupCycles) {
    }

    /** The rows, the medians of the rounds, their ratios and the JVM's activity during the rounds. */
    @JsonNaming(SnakeCase.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String experiment, String description, long jitIdleWaitMs, long javaWarmupCycles,
            double javaWarmupS, long jvmGcCountDuringRounds, long jvmGcMsDuringRounds, long jvmJitMsDuringRounds,
            List<SeriesSummary> series, List<CycleRounds.Row> rows, List<String> notes,
            double javaCyclesPerSMedian, double ffmRawCyclesPerSMedian, Double cCyclesPerSMedian, Double javaOverC,
            @JsonUnwrapped CycleRounds.Ratios ratios, double kernelCyclesPerSMedian, double javaOverKernel,
            double userSpaceOverheadPercentVsKernel) implements ExperimentResult {
    }

    private final Options options;

    public CyclesExperiment(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "cycles";
    }

    @Override
    public Result run(ExperimentContext context) throws Exception {
        KthreadBridge bridge = context.bridge();
        int count = options.count();
        Path cCycle = options.cCycle();
        Duration warmup = options.warmup();
        boolean c = cCycle != null && Files.isExecutable(cCycle);
        List<String> notes = new ArrayList<>();
        if (!c) {
            notes.add("C shim cycles not measured in this run: " + (cCycle == null ? "no --c-cycle given"
                    : cCycle + " is not an executable (make -C native builds build/native/kb_cycle)"));
        }
        ThreadSpec spec = ThreadSpec.of(Workload.idle(), "kb-cy");
        Path cPath = c ? cCycle : null;
        List<CycleRounds.Row> rows = new ArrayList<>();
        long warmed = 0;
        long jitWaitMs;
        JvmActivity during;
        try (RawFfmCycles raw = new RawFfmCycles(bridge.path())) {
            long minCycles = Math.max(options.warmupCycles(), Math.max(10, count / 10));
            long warmupEnd = System.nanoTime() + warmup.toNanos();
            Progress wp = warmup.isZero() ? null : new Progress("cycles warm-up", (int) warmup.toSeconds());
            long warmupStart = System.nanoTime();
            // warm-up: unmeasured rounds through the very code the measured ones run, so that the
            // JIT has compiled all of it and does not compile beside a measured block
            long[] ns = new long[count];
            for (int round = 0; warmed < minCycles || System.nanoTime() < warmupEnd; round++) {
                round(round, bridge, spec, raw, cPath, ns);
                warmed += count;
                if (wp != null) {
                    wp.update(Math.min(warmup.toSeconds(), (System.nanoTime() - warmupStart) / 1_000_000_000L));
                }
            }
            jitWaitMs = JvmActivity.awaitJitIdle();
            notes.add("Java warm-up before the rounds: " + warmed + " cycles (at least " + minCycles + ") in "
                    + (warmup.isZero() ? "no set time" : "at least " + warmup.toSeconds() + " s")
                    + " (the JIT compiles the path meanwhile), as many through the raw FFM bindings, in rounds as"
                    + " the measured ones; kb_cycle warms up max(10, N/10) cycles per block (C needs no JIT)");
            notes.add("raw FFM = the same three shim calls through the generated bindings alone (own fd, memory"
                    + " allocated once, no API objects or locks): raw FFM vs C is the JVM's share of a gap,"
                    + " Java API vs raw FFM the API's share");
            notes.add("then waited " + jitWaitMs + " ms for the JIT to go idle (no compile time added for 1 s,"
                    + " at most 30 s)");
            Progress p = new Progress(name(), options.rounds());
            JvmActivity before = JvmActivity.now();
            for (int round = 0; round < options.rounds(); round++) {
                rows.add(round(round, bridge, spec, raw, cPath, ns));
                p.update(round + 1);
            }
            during = JvmActivity.now().minus(before);
            notes.add("during the rounds the JVM collected garbage " + during.gcCount() + " times ("
                    + during.gcMillis() + " ms) and compiled for " + during.jitMillis() + " ms: both take the"
                    + " one vCPU from the Java blocks");
        }
        double jm = Stats.medianOf(rows, CycleRounds.Row::javaCyclesPerS);
        Double cm = c ? Stats.medianOf(rows, CycleRounds.Row::cCyclesPerS) : null;
        double km = Stats.medianOf(rows, CycleRounds.Row::kernelCyclesPerS);
        return new Result(name(), description(c, cCycle), jitWaitMs, warmed, warmup.toMillis() / 1000.0,
                during.gcCount(), during.gcMillis(), during.jitMillis(), List.of(), rows, notes,
                jm, Stats.medianOf(rows, CycleRounds.Row::ffmRawCyclesPerS), cm, cm == null ? null : jm / cm,
                CycleRounds.ratios(rows), km, jm / km, 100.0 * (1 / jm - 1 / km) / (1 / jm));
    }

    private String description(boolean c, Path cCycle) {
        return "create -> wake -> stop cycles per second: Java API, raw FFM bindings"
                + (c ? ", C through the shim (" + cCycle + ", a child process per block)" : "")
                + " and the module's in-kernel loop of the same cycle (KB_IOC_BENCH, the floor);"
                + " per round a block of " + options.count() + " cycles of each, the order of the user-space"
                + " paths rotating round by round, " + options.rounds() + " rounds; medians of the rounds";
    }

    /**
     * One round: a block of ns.length cycles per user-space path (C only if cCycle is given), then the
     * in-kernel loop; the round's row. Each path runs a block of its own, as a program repeating one
     * operation would: alternating API and raw cycle by cycle made each pay for the other's footprint in
     * the caches (TCG's translation and TLB caches above all) while C ran alone. The order rotates with
     * {@code round} so that no path always runs first or after the same one.
     */
    private static CycleRounds.Row round(int round, KthreadBridge bridge, ThreadSpec spec, RawFfmCycles raw,
            Path cCycle, long[] ns) throws IOException, InterruptedException {
        int count = ns.length;
        double javaRate = Double.NaN;
        long javaMedian = 0;
        double rawRate = Double.NaN;
        long rawMedian = 0;
        Map<String, Object> c = Map.of();
        int paths = cCycle != null ? 3 : 2;
        for (int k = 0; k < paths; k++) {
            switch ((round + k) % paths) {
                case 0 -> {
                    javaRate = apiBlock(bridge, spec, ns);
                    javaMedian = ns[count / 2];
                }
                case 1 -> {
                    rawRate = rawBlock(raw, ns);
                    rawMedian = ns[count / 2];
                }
                default -> c = cBlock(cCycle, count);
            }
        }
        KernelCycleBench kb = bridge.benchCycles(count);
        return new CycleRounds.Row(round + 1, javaRate, javaMedian, rawRate, rawMedian,
                count * 1e9 / kb.elapsed().toNanos(), kb.min().toNanos(), kb.max().toNanos(),
                number(c.get("c_cycles_per_s")), c.get("c_median_ns") instanceof Number n ? n.longValue() : null,
                number(c.get("kernel_cycles_per_s")));
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    /** ns.length cycles through the Java API, their times in ns; the block's rate (sorts ns). */
    private static double apiBlock(KthreadBridge bridge, ThreadSpec spec, long[] ns) {
        for (int i = 0; i < ns.length; i++) {
            ns[i] = apiCycle(bridge, spec);
        }
        return blockRate(ns);
    }

    /** As {@link #apiBlock} through the raw FFM bindings. */
    private static double rawBlock(RawFfmCycles raw, long[] ns) {
        for (int i = 0; i < ns.length; i++) {
            ns[i] = raw.cycle();
        }
        return blockRate(ns);
    }

    /** A block's rate, count / the sum of its cycle times; sorts {@code ns} for the median. */
    private static double blockRate(long[] ns) {
        long sum = 0;
        for (long x : ns) {
            sum += x;
        }
        Arrays.sort(ns);
        return ns.length * 1e9 / sum;
    }

    /** One block of the C program: its JSON summary line. */
    private static Map<String, Object> cBlock(Path cCycle, int count) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder(cCycle.toString(), "--cycles", String.valueOf(count),
                "--warmup", String.valueOf(Math.max(10, count / 10)), "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(proc.getInputStream().readAllBytes()).strip();
        if (proc.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException(cCycle + " failed (exit " + proc.exitValue() + ")");
        }
        String last = out.lines().reduce((a, b) -> b).orElseThrow();
        if (!(Json.parse(last, cCycle + "'s output") instanceof Map<?, ?> summary)) {
            throw new IllegalStateException(cCycle + " printed no JSON object last: " + last);
        }
        return Json.tree(summary);
    }

    /** One create -> wake -> stop cycle through the Java API; its duration in ns. */
    private static long apiCycle(KthreadBridge bridge, ThreadSpec spec) {
        long t0 = System.nanoTime();
        KernelThread t = bridge.create(spec);
        t.wake();
        t.stop();
        return System.nanoTime() - t0;
    }
}
