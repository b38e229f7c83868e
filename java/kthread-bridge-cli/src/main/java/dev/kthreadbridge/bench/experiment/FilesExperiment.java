// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StartMode;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.SystemInfo;
import dev.kthreadbridge.bench.SnakeCase;
import dev.kthreadbridge.bench.FilesRounds;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Operations per second of T user threads working on one shared open file of
 * the device against one file each. Each worker repeats an operation for
 * {@code duration} per block: info() on an idle kthread of its own, created
 * beforehand, or run() + stop() of an idle kthread. Per round, per operation
 * and per T, one block of each side back to back, the side that goes first
 * alternating; rows per round, and medians per (operation, T)
 * ({@link FilesRounds#medians}).
 */
public final class FilesExperiment implements Experiment {

    /** Every kthread the files experiment makes has a name starting with this. */
    public static final String PREFIX = "kb-f";

    /** info() calls a worker makes between two looks at the clock. */
    static final int INFO_CHECK = 16;

    /** What each user thread repeats. */
    public enum FileOp {
        /** info() on the worker's own pre-created idle kthread: a handle lookup and a snapshot. */
        INFO("info"),
        /** run() of an idle kthread, then stop() of it: kthread_run and kthread_stop. */
        CREATE_STOP("create+stop");

        /** The name in the JSON, CSV and tables. */
        public final String label;

        FileOp(String label) {
            this.label = label;
        }
    }

    /**
     * @param threadCounts the T to measure (sorted, duplicates dropped)
     * @param duration     how long each block runs
     * @param rounds       rounds of blocks
     * @param warmup       unmeasured rounds, as the measured ones, until this much time has passed (at
     *                     least one; zero: none, and no wait for the JIT)
     */
    public record Options(List<Integer> threadCounts, Duration duration, int rounds, Duration warmup) {
        public Options {
            threadCounts = threadCounts.stream().distinct().sorted().toList();
            if (threadCounts.isEmpty() || threadCounts.get(0) < 1 || duration.isZero() || duration.isNegative()
                    || rounds < 1) {
                throw new IllegalArgumentException("files: thread counts >= 1, a positive duration and rounds >= 1,"
                        + " got " + threadCounts + ", " + duration + ", " + rounds);
            }
        }
    }

    /** The rows, their medians, the JVM's activity during the rounds and what was left after. */
    @JsonNaming(SnakeCase.class)
    public record Result(String experiment, String description, int cpus, List<Integer> threads, double durationS,
            int rounds, double warmupS, double targetSharedOverSeparate, int warmupRounds, long jitIdleWaitMs,
            long jvmGcCountDuringRounds, long jvmGcMsDuringRounds, long jvmJitMsDuringRounds,
            List<SeriesSummary> series, List<FilesRounds.Row> rows, List<String> notes, List<FilesRounds.Median> medians,
            int bridgesOpened, boolean bridgesClosed, long moduleNrThreadsBefore, long moduleNrThreadsAfter,
            int kthreadsLeftAfter, boolean leak) implements ExperimentResult {
    }

    /** One side: worker i calls through bridges.get(i) on targets.get(i). */
    private record Side(String name, List<KthreadBridge> bridges, List<KernelThread> targets) {
    }

    /** One block: the operations of all workers, and the wall time from the start signal to the last one's end. */
    record Block(long ops, long nanos) {
        double rate() {
            return ops * 1e9 / nanos;
        }
    }

    /** What the warm-up and the rounds measured besides the rows. */
    private record Rounds(int warmupRounds, long jitWaitMs, JvmActivity during) {
    }

    private final Options options;

    public FilesExperiment(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public Result run(ExperimentContext context) throws InterruptedException {
        Path device = context.device();
        List<Integer> ts = options.threadCounts();
        Duration duration = options.duration();
        Duration warmup = options.warmup();
        int maxT = ts.get(ts.size() - 1);
        int cpus = Runtime.getRuntime().availableProcessors();
        List<String> notes = new ArrayList<>();
        List<FilesRounds.Row> rows = new ArrayList<>();
        long nr0 = SystemInfo.moduleThreads();
        List<KthreadBridge> opened = new ArrayList<>();
        Rounds measured;
        try {
            KthreadBridge shared = KthreadBridge.open(device);
            opened.add(shared);
            List<KernelThread> sharedTargets = new ArrayList<>();
            List<KthreadBridge> own = new ArrayList<>();
            List<KernelThread> ownTargets = new ArrayList<>();
            for (int i = 0; i < maxT; i++) {
                // woken and entered: an idle thread never woken would fall to the module's autostop
                sharedTargets.add(shared.run(ThreadSpec.of(Workload.idle(), PREFIX + "i-s" + i), StartMode.AWAIT_ENTRY));
                KthreadBridge b = KthreadBridge.open(device);
                opened.add(b);
                own.add(b);
                ownTargets.add(b.run(ThreadSpec.of(Workload.idle(), PREFIX + "i-o" + i), StartMode.AWAIT_ENTRY));
            }
            measured = rounds(new Side("shared", Collections.nCopies(maxT, shared), sharedTargets),
                    new Side("separate", own, ownTargets), rows);
            for (KernelThread t : sharedTargets) {
                t.stop();
            }
            for (KernelThread t : ownTargets) {
                t.stop();
            }
            JvmActivity during = measured.during();
            notes.add("warm-up: " + (warmup.isZero() ? "none"
                    : measured.warmupRounds() + " unmeasured round(s) as the measured ones (at least "
                    + warmup.toMillis() + " ms), then waited " + measured.jitWaitMs() + " ms for the JIT to go idle"
                    + " (no compile finished for 1 s, at most 30 s)") + "; during the rounds the JVM collected"
                    + " garbage " + during.gcCount() + " times (" + during.gcMillis() + " ms) and compiled for "
                    + during.jitMillis() + " ms");
        } finally {
            for (KthreadBridge b : opened) {
                b.close(); // stops whatever an exception left behind
            }
        }
        long nrAfter = awaitModuleThreads(nr0);
        int left = SystemInfo.kthreadsWithPrefix(PREFIX).size();
        boolean closed = opened.stream().allMatch(KthreadBridge::isClosed);
        boolean leak = left != 0 || (nr0 >= 0 && nrAfter != nr0) || !closed;
        if (leak) {
            notes.add("LEAK: " + left + " " + PREFIX + "* kthreads left, module nr_threads " + nrAfter
                    + " (was " + nr0 + "), bridges closed: " + closed);
        }
        addReadingNotes(notes, cpus);
        JvmActivity during = measured.during();
        return new Result(name(), description(ts, duration, options.rounds()), cpus, ts, duration.toNanos() / 1e9,
                options.rounds(), warmup.toNanos() / 1e9, FilesRounds.TARGET, measured.warmupRounds(),
                measured.jitWaitMs(), during.gcCount(), during.gcMillis(), during.jitMillis(), List.of(), rows, notes,
                FilesRounds.medians(rows), opened.size(), closed, nr0, nrAfter, left, leak);
    }

    private static String description(List<Integer> ts, Duration duration, int rounds) {
        return "operations per second of T Java platform threads (T = " + ts + ") on one shared open file"
                + " of the device (one KthreadBridge) vs one file each (a KthreadBridge per thread):"
                + " each thread repeats info() on an idle kthread of its own, created beforehand (a handle"
                + " lookup and a snapshot: ABI 2 takes no file-wide lock for it), or run() + stop() of an"
                + " idle kthread, for " + duration.toMillis() + " ms per block; per round, operation and T"
                + " one block of each side back to back, the side that goes first alternating; " + rounds
                + " rounds; medians of the rounds and the median of the per-round ratios shared / separate";
    }

    private static void addReadingNotes(List<String> notes, int cpus) {
        notes.add(cpus + " CPU(s): with more threads than CPUs the workers take turns on them on both sides");
        notes.add("T = 1 is the control: one thread on one file on either side (the shared file also holds the"
                + " other workers' idle kthreads), so its ratio shows how far two blocks run back to back differ");
        notes.add("the shared side also shares the Java object: KthreadBridge's call gate (an atomic add in and"
                + " out of every call) and, for create+stop, its handle map; the ratio is what a program sharing"
                + " one bridge gets, not the kernel's share alone");
        notes.add("ops/s = the operations of all workers / the wall time from the start signal to the last"
                + " worker's end; a worker looks at the clock every " + INFO_CHECK + " info() calls and after"
                + " every create+stop, and does at least one round of them");
    }

    /**
     * Warm-up: unmeasured rounds through the very code the measured ones run, every operation, T and side,
     * so that the JIT has compiled all of it before the first measured block; then the measured rounds.
     */
    private Rounds rounds(Side sharedSide, Side ownSide, List<FilesRounds.Row> rows) throws InterruptedException {
        List<Integer> ts = options.threadCounts();
        Duration warmup = options.warmup();
        long jitWaitMs = 0;
        int warmupRounds = 0;
        if (!warmup.isZero()) {
            long warmupEnd = System.nanoTime() + warmup.toNanos();
            Progress wp = new Progress("files warm-up", warmup.toSeconds());
            long warmupStart = System.nanoTime();
            do {
                round(warmupRounds++, sharedSide, ownSide, null, null);
                wp.update(Math.min(warmup.toSeconds(), (System.nanoTime() - warmupStart) / 1_000_000_000L));
            } while (System.nanoTime() < warmupEnd);
            jitWaitMs = JvmActivity.awaitJitIdle();
        }
        Progress p = new Progress(name(), 2L * options.rounds() * FileOp.values().length * ts.size());
        JvmActivity before = JvmActivity.now();
        for (int round = 0; round < options.rounds(); round++) {
            round(round, sharedSide, ownSide, rows, p);
        }
        return new Rounds(warmupRounds, jitWaitMs, JvmActivity.now().minus(before));
    }

    /**
     * One round: per operation and T a block of each side back to back, the side that goes first
     * alternating with the round, T and operation. Rows go to {@code rows} (null: a warm-up round).
     */
    private void round(int round, Side sharedSide, Side ownSide, List<FilesRounds.Row> rows, Progress p)
            throws InterruptedException {
        List<Integer> ts = options.threadCounts();
        for (FileOp op : FileOp.values()) {
            for (int ti = 0; ti < ts.size(); ti++) {
                int t = ts.get(ti);
                boolean sharedFirst = (round + ti + op.ordinal()) % 2 == 0;
                Side first = sharedFirst ? sharedSide : ownSide;
                Side second = sharedFirst ? ownSide : sharedSide;
                Block a = block(op, first, t, options.duration());
                Block b = block(op, second, t, options.duration());
                if (rows == null) {
                    continue;
                }
                Block s = sharedFirst ? a : b;
                Block o = sharedFirst ? b : a;
                rows.add(new FilesRounds.Row(round + 1, op.label, t, first.name(), s.ops(), s.nanos() / 1e6, s.rate(),
                        o.ops(), o.nanos() / 1e6, o.rate(), s.rate() / o.rate()));
                p.update(rows.size() * 2L);
            }
        }
    }

    /**
     * T platform threads, worker i doing {@code op} through side.bridges().get(i) on side.targets().get(i)
     * until {@code duration} after a common start.
     */
    private static Block block(FileOp op, Side side, int t, Duration duration) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(t);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1]; // written before go opens, read after
        long[] ops = new long[t];
        long[] ends = new long[t];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            int me = i;
            KthreadBridge bridge = side.bridges().get(i);
            KernelThread target = side.targets().get(i);
            workers.add(Thread.ofPlatform().name("files-" + side.name() + "-" + i).start(() -> {
                ready.countDown();
                try {
                    go.await();
                    ops[me] = op == FileOp.INFO ? repeatInfo(target, deadline[0]) : repeatCreateStop(bridge, deadline[0]);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                ends[me] = System.nanoTime();
            }));
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        long end = start;
        long total = 0;
        for (int i = 0; i < t; i++) {
            workers.get(i).join();
            end = Math.max(end, ends[i]);
            total += ops[i];
        }
        if (failure.get() != null) {
            throw new IllegalStateException("files: " + op.label + " with " + t + " threads on the " + side.name()
                    + " side failed: " + failure.get(), failure.get());
        }
        return new Block(total, end - start);
    }

    /**
     * info() on {@code target} until the deadline, at least {@value #INFO_CHECK} times; how many. A method of
     * its own, as is {@link #repeatCreateStop}: the JIT compiles each loop for its one operation.
     */
    private static long repeatInfo(KernelThread target, long deadline) {
        long n = 0;
        do {
            for (int k = 0; k < INFO_CHECK; k++) {
                target.info();
            }
            n += INFO_CHECK;
        } while (System.nanoTime() < deadline);
        return n;
    }

    /** run() + stop() of an idle kthread through {@code bridge} until the deadline, at least once; how many. */
    private static long repeatCreateStop(KthreadBridge bridge, long deadline) {
        ThreadSpec spec = ThreadSpec.of(Workload.idle(), PREFIX + "c");
        long n = 0;
        do {
            bridge.run(spec).stop();
            n++;
        } while (System.nanoTime() < deadline);
        return n;
    }

    /** Polls the module's nr_threads for up to 10 s until it is back at {@code expected}; the last reading. */
    private static long awaitModuleThreads(long expected) throws InterruptedException {
        long nr = SystemInfo.moduleThreads();
        // closing a file queues its stops on the module's workqueue: they may land a moment later
        for (int i = 0; i < 200 && expected >= 0 && nr != expected; i++) {
            Thread.sleep(50);
            nr = SystemInfo.moduleThreads();
        }
        return nr;
    }
}
