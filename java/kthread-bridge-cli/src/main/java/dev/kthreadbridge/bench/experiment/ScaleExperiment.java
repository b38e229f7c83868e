// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kthreadbridge.BatchResult;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.Lat;
import dev.kthreadbridge.bench.SystemInfo;
import dev.kthreadbridge.bench.SnakeCase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * N live idle kthreads, N = 1, 10, 100 .. max: per-thread create and stop
 * cost, kernel memory per thread while they live, and after stopping them
 * that nothing is left; then the same N through KB_IOC_BATCH.
 */
public final class ScaleExperiment implements Experiment {

    /**
     * @param max           the most live threads
     * @param settleSeconds the wait before each memory reading
     */
    public record Options(int max, double settleSeconds) {
    }

    /** One N: costs, memory before / while live / after, and what was left. */
    @JsonNaming(SnakeCase.class)
    public record Row(int threads, int files, long createNsPerThread, long stopNsPerThread,
            Long kernelStackKibBefore, Long kernelStackKibLive, Long kernelStackKibAfter,
            Long slabKibBefore, Long slabKibLive, Long slabKibAfter,
            double kernelStackKibPerThread, double slabKibPerThread,
            long moduleNrThreadsLive, int kthreadsVisibleLive, long moduleNrThreadsAfter, int kthreadsLeftAfter,
            long kernelStackKibLeftAfter, long slabKibLeftAfter,
            long batchCreateNsPerThread, long batchStopNsPerThread, long batchModuleNrThreadsAfter,
            long batchKthreadsLeftAfter, boolean leak) {
    }

    /** A row per N. */
    @JsonNaming(SnakeCase.class)
    public record Result(String experiment, String description, List<SeriesSummary> series, List<Row> rows,
            List<String> notes) implements ExperimentResult {
    }

    /** The batch phase of one N: times and what was left. */
    private record Batch(long createNs, long stopNs, long nrThreadsAfter, long kthreadsLeft) {
    }

    private final Options options;

    public ScaleExperiment(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "scale";
    }

    static long param(String name, long dflt) {
        return SystemInfo.read("/sys/module/kthread_bridge/parameters/" + name).map(s -> {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return dflt;
            }
        }).orElse(dflt);
    }

    @Override
    public Result run(ExperimentContext context) throws InterruptedException {
        Path device = context.device();
        int max = options.max();
        List<String> notes = new ArrayList<>();
        String description = "N live idle kthreads (kthread_run through the Java API, one call each), N = 1 .. "
                + max + ": per-thread create and stop cost (wall time / N), kernel memory from /proc/meminfo"
                + " (KernelStack, Slab) per thread while they live, and after stopping them: module"
                + " nr_threads back to its start value, no kthread named kb-sc* left, memory back;"
                + " then the same N through KB_IOC_BATCH (runAll / stopAll, up to "
                + KthreadBridge.BATCH_MAX + " threads per ioctl)";
        long perFile = param("max_threads_per_file", 4096);
        long maxAll = param("max_threads", 16384);
        if (max > maxAll) {
            notes.add("capped at the module's max_threads " + maxAll);
            max = (int) maxAll;
        }
        List<Integer> levels = new ArrayList<>();
        for (int n = 1; n <= max; n *= 10) {
            levels.add(n);
        }
        if (levels.get(levels.size() - 1) != max) {
            levels.add(max);
        }
        SeriesSet series = new SeriesSet();
        Lat createCall = series.lat("create (kthread_run) call, all N");
        Lat stopCall = series.lat("stop (kthread_stop) call, all N");
        Progress p = new Progress(name(), levels.stream().mapToLong(Integer::longValue).sum() * 4);
        warmUp(device);
        long nr0 = SystemInfo.moduleThreads();
        List<Row> rows = new ArrayList<>();
        long done = 0;
        for (int n : levels) {
            Row row = level(device, n, perFile, nr0, createCall, stopCall, p, done);
            done += 4L * n;
            p.update(done);
            rows.add(row);
            if (row.leak()) {
                notes.add("LEAK at N=" + n + ": " + row.kthreadsLeftAfter() + " kb-sc* kthreads left, module"
                        + " nr_threads " + row.moduleNrThreadsAfter() + " (was " + nr0 + "); after the batch phase "
                        + row.batchKthreadsLeftAfter() + " left, nr_threads " + row.batchModuleNrThreadsAfter());
            }
        }
        notes.add("memory deltas are system-wide /proc/meminfo (other activity in the guest adds noise;"
                + " Slab is freed lazily, so 'left after' is an upper bound, not a leak by itself; the"
                + " leak verdict uses nr_threads and /proc only)");
        return new Result(name(), description, series.summaries(), rows, notes);
    }

    /** The single and the batch path, compiled before the first N = 1 is measured. */
    private static void warmUp(Path device) {
        try (KthreadBridge warm = KthreadBridge.open(device)) {
            for (int i = 0; i < 50; i++) {
                warm.run(ThreadSpec.of(Workload.idle(), "kb-sc-warm")).stop();
            }
            // the batch path too: its first call loaded classes and ran interpreted (270-313 ms at N = 1)
            for (int i = 0; i < 10; i++) {
                BatchResult<KernelThread> b = warm.runAll(ThreadSpec.of(Workload.idle(), "kb-sc-warm"), 5);
                warm.stopAll(b.succeeded());
            }
        }
    }

    /** N threads through one run() each on ceil(N / perFile) files, then the batch phase; the row. */
    private Row level(Path device, int n, long perFile, long nr0, Lat createCall, Lat stopCall, Progress p,
            long done) throws InterruptedException {
        double settle = options.settleSeconds();
        int files = (int) ((n + perFile - 1) / perFile);
        List<KthreadBridge> bridges = new ArrayList<>();
        List<KernelThread> threads = new ArrayList<>(n);
        try {
            for (int f = 0; f < files; f++) {
                bridges.add(KthreadBridge.open(device));
            }
            settle(settle);
            Map<String, Long> before = SystemInfo.meminfo();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long c0 = System.nanoTime();
                threads.add(bridges.get((int) (i / perFile)).run(ThreadSpec.of(Workload.idle(), "kb-sc" + i)));
                createCall.record(System.nanoTime() - c0);
                p.update(++done);
            }
            long createNs = System.nanoTime() - t0;
            settle(settle);
            Map<String, Long> live = SystemInfo.meminfo();
            long nrLive = SystemInfo.moduleThreads();
            int visible = SystemInfo.kthreadsWithPrefix("kb-sc").size();
            long t1 = System.nanoTime();
            for (KernelThread t : threads) {
                long c0 = System.nanoTime();
                t.stop();
                stopCall.record(System.nanoTime() - c0);
                p.update(++done);
            }
            long stopNs = System.nanoTime() - t1;
            threads.clear();
            for (KthreadBridge b : bridges) {
                b.close();
            }
            bridges.clear();
            settle(Math.max(settle, 1.0));
            Map<String, Long> after = SystemInfo.meminfo();
            long nrAfter = SystemInfo.moduleThreads();
            int left = SystemInfo.kthreadsWithPrefix("kb-sc").size();
            Batch batch = batchPhase(device, n, perFile);
            boolean leak = left != 0 || (nr0 >= 0 && nrAfter != nr0)
                    || batch.kthreadsLeft() != 0 || (nr0 >= 0 && batch.nrThreadsAfter() != nr0);
            long stack0 = before.get("KernelStack");
            long slab0 = before.get("Slab");
            return new Row(n, files, createNs / n, stopNs / n,
                    stack0, live.get("KernelStack"), after.get("KernelStack"),
                    slab0, live.get("Slab"), after.get("Slab"),
                    (double) (live.get("KernelStack") - stack0) / n, (double) (live.get("Slab") - slab0) / n,
                    nrLive, visible, nrAfter, left,
                    after.get("KernelStack") - stack0, after.get("Slab") - slab0,
                    batch.createNs() / n, batch.stopNs() / n, batch.nrThreadsAfter(), batch.kthreadsLeft(), leak);
        } finally {
            for (KernelThread t : threads) {
                t.close();
            }
            for (KthreadBridge b : bridges) {
                b.close();
            }
        }
    }

    /**
     * N idle kthreads started and stopped through KB_IOC_BATCH, in chunks of up to BATCH_MAX per ioctl
     * and perFile per open file.
     */
    static Batch batchPhase(Path device, int n, long perFile) throws InterruptedException {
        List<KthreadBridge> bridges = new ArrayList<>();
        List<List<KernelThread>> threads = new ArrayList<>();
        ThreadSpec spec = ThreadSpec.of(Workload.idle(), "kb-sb");
        try {
            long createNs = 0;
            for (int left = n; left > 0; ) {
                KthreadBridge b = KthreadBridge.open(device);
                bridges.add(b);
                List<KernelThread> mine = new ArrayList<>();
                threads.add(mine);
                for (int inFile = (int) Math.min(left, perFile); inFile > 0; ) {
                    int chunk = Math.min(inFile, KthreadBridge.BATCH_MAX);
                    long t0 = System.nanoTime();
                    BatchResult<KernelThread> res = b.runAll(spec, chunk);
                    createNs += System.nanoTime() - t0;
                    mine.addAll(res.succeeded());
                    requireAll(res, "runAll(" + chunk + ")");
                    inFile -= chunk;
                    left -= chunk;
                }
            }
            long stopNs = 0;
            for (int f = 0; f < bridges.size(); f++) {
                List<KernelThread> mine = threads.get(f);
                long t0 = System.nanoTime();
                BatchResult<StopResult> res = bridges.get(f).stopAll(mine); // one ioctl per BATCH_MAX threads
                stopNs += System.nanoTime() - t0;
                requireAll(res, "stopAll(" + mine.size() + ")");
            }
            for (KthreadBridge b : bridges) {
                b.close();
            }
            bridges.clear();
            settle(1.0);
            return new Batch(createNs, stopNs, SystemInfo.moduleThreads(), SystemInfo.kthreadsWithPrefix("kb-sb").size());
        } finally {
            for (KthreadBridge b : bridges) {
                b.close(); // stops what is left in the module
            }
        }
    }

    private static void requireAll(BatchResult<?> res, String call) {
        if (!res.allSucceeded()) {
            throw new IllegalStateException(call + ": " + res.failures().size() + " failed, first: "
                    + res.failures().get(0).error().getMessage());
        }
    }

    static void settle(double seconds) throws InterruptedException {
        if (seconds > 0) {
            Thread.sleep((long) (seconds * 1000));
        }
    }
}
