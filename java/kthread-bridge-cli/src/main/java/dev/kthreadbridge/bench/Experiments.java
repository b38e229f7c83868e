// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import dev.kthreadbridge.BatchResult;
import dev.kthreadbridge.KernelCycleBench;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.PermissionDeniedException;
import dev.kthreadbridge.Scheduling;
import dev.kthreadbridge.StartMode;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bench experiments. Each returns a JSON-ready map with "series"
 * (latency summaries plus their Lat objects for plots, kept apart in
 * {@link Result#lats}), "rows" (tables) and "notes" (what was not measured
 * and why).
 */
public final class Experiments {

    private Experiments() {
    }

    /** One experiment's outcome. */
    public static final class Result {
        public final String name;
        public final Map<String, Object> json = new LinkedHashMap<>();
        public final List<Lat> lats = new ArrayList<>();
        public final List<Map<String, Object>> rows = new ArrayList<>();
        public final List<String> notes = new ArrayList<>();

        Result(String name, String description) {
            this.name = name;
            json.put("experiment", name);
            json.put("description", description);
        }

        Lat lat(String series) {
            Lat l = new Lat(series);
            lats.add(l);
            return l;
        }

        /** The JSON tree with series summaries and CDFs, rows and notes. */
        public Map<String, Object> toJson() {
            List<Object> series = new ArrayList<>();
            for (Lat l : lats) {
                Map<String, Object> s = l.summary();
                List<Object> cdf = new ArrayList<>();
                for (double[] p : l.cdf(50)) {
                    cdf.add(List.of((long) p[0], p[1]));
                }
                s.put("cdf_ns_percent", cdf);
                List<Object> hist = new ArrayList<>();
                if (l.count() > 0) {
                    for (var v : l.hist.logarithmicBucketValues(500, Math.sqrt(2))) {
                        hist.add(List.of(v.getValueIteratedTo(), v.getCountAddedInThisIterationStep()));
                    }
                }
                s.put("hist_ns_count", hist);
                series.add(s);
            }
            json.put("series", series);
            json.put("rows", rows);
            json.put("notes", notes);
            return json;
        }
    }

    private static long since(long t0) {
        return System.nanoTime() - t0;
    }

    private static void rec(Lat l, Optional<Duration> d) {
        d.ifPresent(x -> l.record(x.toNanos()));
    }

    // ---------------------------------------------------------------- lifecycle

    public static Result lifecycle(KthreadBridge bridge, int iterations, int warmup) {
        Result r = new Result("lifecycle",
                "create -> wake -> stop of an idle kthread, " + iterations + " times (" + warmup
                        + " warm-up cycles not counted): kernel timestamps (CLOCK_MONOTONIC in the module)"
                        + " and user-space round trips (System.nanoTime around each Java API call)");
        Lat kCreate = r.lat("kernel create (kthread_create)");
        Lat kWake = r.lat("kernel wake->entry (first wake_up_process to threadfn)");
        Lat kStopExit = r.lat("kernel stop->exit (kthread_stop to threadfn return)");
        Lat kStop = r.lat("kernel stop (kthread_stop call)");
        Lat uCreate = r.lat("user create() round trip");
        r.notes.add("each cycle waits for threadfn entry before stop (wakeAndAwaitEntry(): KB_WAKE_WAIT_ENTRY),"
                + " so every cycle has a"
                + " wake->entry sample; the 'cycles' experiment does not wait, like kb_cycle and KB_IOC_BENCH");
        Lat uWake = r.lat("user wake until threadfn entered");
        Lat uStop = r.lat("user stop() round trip");
        Lat uCycle = r.lat("user create+wake(await entry)+stop cycle");
        ThreadSpec spec = ThreadSpec.of(Workload.idle(), "kb-lc");
        Progress p = new Progress("lifecycle", iterations + warmup);
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
            rec(kCreate, info.createCost());
            rec(kWake, info.wakeToEntry());
            rec(kStopExit, info.stopToExit());
            rec(kStop, info.stopCost());
            uCreate.record(t1 - t0);
            uWake.record(t2 - t1);
            uStop.record(t3 - t2);
            uCycle.record(t3 - t0);
        }
        return r;
    }

    // ---------------------------------------------------------------- control

    /** How long the busy thread of {@link #control} spins at most: the experiment ends well before. */
    static final Duration CONTROL_SPIN = Duration.ofSeconds(60);

    /**
     * park() / unpark() of a sleeping (IDLE) and of a busy (SPIN) kthread,
     * onExit() of EXIT threads, and setAffinity() moving a busy one between
     * the first and the last CPU (with two CPUs or more): {@code iterations}
     * of each after a tenth as many not counted. Every move is checked in
     * the thread's info.
     */
    public static Result control(KthreadBridge bridge, int iterations) {
        Result r = new Result("control",
                "park() (kthread_park: returns once the thread parked), unpark() (kthread_unpark) and"
                        + " setAffinity() (set_cpus_allowed_ptr: returns once a running thread was moved) on a"
                        + " sleeping (IDLE) and a busy (SPIN) kthread; user-space round trips, " + iterations
                        + " of each; and how long after an EXIT thread's threadfn returned its onExit() future"
                        + " completed in Java (the module's exit event, read by the bridge's event thread)");
        int cpus = Runtime.getRuntime().availableProcessors();
        int warmup = Math.max(1, iterations / 10);
        Progress p = new Progress("control", (cpus < 2 ? 3L : 4L) * (iterations + warmup));
        long done = 0;
        for (Workload w : List.of(Workload.idle(), Workload.spin(CONTROL_SPIN))) {
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
        // a bridge of its own: the event thread that onExit() starts ends with it, and the later
        // experiments of this process do not share the CPU with it
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
        r.notes.add("onExit(): System.nanoTime() when join() returned minus the event's CLOCK_MONOTONIC time of"
                + " threadfn's return, through a bridge of its own; its event thread sleeps in poll() and"
                + " wakes when the module queues the event");
        if (cpus < 2) {
            r.notes.add("affinity moves not measured: " + cpus + " CPU");
            return r;
        }
        Lat move = r.lat("affinity move [spin]");
        int notMoved = 0;
        int[] ends = {0, cpus - 1};
        try (KernelThread t = bridge.run(ThreadSpec.of(Workload.spin(CONTROL_SPIN), "kb-ctl-mv"),
                StartMode.AWAIT_ENTRY)) {
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
        r.json.put("affinity_moves_checked", iterations + warmup);
        r.json.put("affinity_moves_not_on_target", notMoved);
        r.notes.add("affinity: the SPIN thread alternates between CPU 0 and CPU " + (cpus - 1) + "; after each"
                + " setAffinity() its info showed another CPU " + notMoved + " times of " + (iterations + warmup));
        return r;
    }

    // ---------------------------------------------------------------- wakeup

    /** CPU burners for the "loaded" condition: one busy Java thread per CPU. */
    static final class Load implements AutoCloseable {
        private volatile boolean run = true;
        private final List<Thread> threads = new ArrayList<>();

        Load(int n) {
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (run) {
                        x += System.nanoTime() & 1;
                    }
                    if (x == 42) {
                        System.err.print("");
                    }
                }, "kb-load-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            run = false;
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    public static Result wakeup(KthreadBridge bridge, int iterations) throws InterruptedException {
        Result r = new Result("wakeup",
                "wake-up latency in the kernel's own timestamps: the first wake_up_process() of a created"
                        + " idle kthread to threadfn entry, and a WAIT kthread's signal to running again"
                        + " (signalAndWait); idle vs loaded CPUs (one busy Java thread per CPU), pinned"
                        + " (kthread_bind to the last CPU) vs not, SCHED_NORMAL vs SCHED_FIFO; "
                        + iterations + " samples per condition");
        int cpus = Runtime.getRuntime().availableProcessors();
        List<String> policies = List.of("normal", "fifo");
        if (!mayUseFifo(bridge)) {
            policies = List.of("normal");
            r.notes.add("SCHED_FIFO not measured: the device was opened without CAP_SYS_NICE (docs/security.md)");
        }
        int conditions = 2 * 2 * policies.size();
        Progress p = new Progress("wakeup", (long) conditions * iterations * 2);
        long done = 0;
        for (boolean loaded : new boolean[] {false, true}) {
            try (Load load = loaded ? new Load(cpus) : null) {
                if (loaded) {
                    Thread.sleep(200);
                }
                for (boolean pinned : new boolean[] {false, true}) {
                    for (String policy : policies) {
                        String cond = (loaded ? "loaded" : "idle") + ", " + (pinned ? "pinned" : "unpinned")
                                + ", " + policy;
                        Lat first = r.lat("first wake->entry [" + cond + "]");
                        ThreadSpec spec = ThreadSpec.of(Workload.idle(), "kb-wk");
                        if (pinned) {
                            spec = spec.boundTo(cpus - 1);
                        }
                        for (int i = 0; i < iterations; i++) {
                            try (KernelThread t = bridge.create(spec)) {
                                if (policy.equals("fifo")) {
                                    t.setScheduling(Scheduling.fifo());
                                }
                                t.wakeAndAwaitEntry();
                                rec(first, t.stop().info().wakeToEntry());
                            }
                            p.update(++done);
                        }
                        Lat sig = r.lat("signal->running WAIT [" + cond + "]");
                        ThreadSpec ws = ThreadSpec.of(Workload.waitForSignal(), "kb-wt");
                        if (pinned) {
                            ws = ws.boundTo(cpus - 1);
                        }
                        try (KernelThread t = bridge.create(ws)) {
                            if (policy.equals("fifo")) {
                                t.setScheduling(Scheduling.fifo());
                            }
                            t.wake();
                            waitUntilWaiting(t);
                            for (int i = 0; i < iterations; i++) {
                                sig.record(t.signalAndWait().latency().toNanos());
                                p.update(++done);
                            }
                        }
                    }
                }
            }
        }
        return r;
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

    // ---------------------------------------------------------------- scale

    static long param(String name, long dflt) {
        return SystemInfo.read("/sys/module/kthread_bridge/parameters/" + name).map(s -> {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return dflt;
            }
        }).orElse(dflt);
    }

    public static Result scale(Path device, int max, double settleSeconds) throws InterruptedException {
        Result r = new Result("scale",
                "N live idle kthreads (kthread_run through the Java API, one call each), N = 1 .. " + max
                        + ": per-thread create and stop cost (wall time / N), kernel memory from /proc/meminfo"
                        + " (KernelStack, Slab) per thread while they live, and after stopping them: module"
                        + " nr_threads back to its start value, no kthread named kb-sc* left, memory back;"
                        + " then the same N through KB_IOC_BATCH (runAll / stopAll, up to "
                        + KthreadBridge.BATCH_MAX + " threads per ioctl)");
        long perFile = param("max_threads_per_file", 4096);
        long maxAll = param("max_threads", 16384);
        if (max > maxAll) {
            r.notes.add("capped at the module's max_threads " + maxAll);
            max = (int) maxAll;
        }
        List<Integer> levels = new ArrayList<>();
        for (int n = 1; n <= max; n *= 10) {
            levels.add(n);
        }
        if (levels.get(levels.size() - 1) != max) {
            levels.add(max);
        }
        long total = levels.stream().mapToLong(Integer::longValue).sum() * 4;
        Progress p = new Progress("scale", total);
        long done = 0;
        Lat createCall = r.lat("create (kthread_run) call, all N");
        Lat stopCall = r.lat("stop (kthread_stop) call, all N");
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
        long nr0 = SystemInfo.moduleThreads();
        for (int n : levels) {
            int files = (int) ((n + perFile - 1) / perFile);
            List<KthreadBridge> bridges = new ArrayList<>();
            List<KernelThread> threads = new ArrayList<>(n);
            try {
                for (int f = 0; f < files; f++) {
                    bridges.add(KthreadBridge.open(device));
                }
                settle(settleSeconds);
                Map<String, Long> before = SystemInfo.meminfo();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long c0 = System.nanoTime();
                    threads.add(bridges.get((int) (i / perFile)).run(ThreadSpec.of(Workload.idle(), "kb-sc" + i)));
                    createCall.record(since(c0));
                    p.update(++done);
                }
                long createNs = since(t0);
                settle(settleSeconds);
                Map<String, Long> live = SystemInfo.meminfo();
                long nrLive = SystemInfo.moduleThreads();
                int visible = SystemInfo.kthreadsWithPrefix("kb-sc").size();
                long t1 = System.nanoTime();
                for (KernelThread t : threads) {
                    long c0 = System.nanoTime();
                    t.stop();
                    stopCall.record(since(c0));
                    p.update(++done);
                }
                long stopNs = since(t1);
                threads.clear();
                for (KthreadBridge b : bridges) {
                    b.close();
                }
                bridges.clear();
                settle(Math.max(settleSeconds, 1.0));
                Map<String, Long> after = SystemInfo.meminfo();
                long nrAfter = SystemInfo.moduleThreads();
                int left = SystemInfo.kthreadsWithPrefix("kb-sc").size();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("threads", n);
                row.put("files", files);
                row.put("create_ns_per_thread", createNs / n);
                row.put("stop_ns_per_thread", stopNs / n);
                row.put("kernel_stack_kib_before", before.get("KernelStack"));
                row.put("kernel_stack_kib_live", live.get("KernelStack"));
                row.put("kernel_stack_kib_after", after.get("KernelStack"));
                row.put("slab_kib_before", before.get("Slab"));
                row.put("slab_kib_live", live.get("Slab"));
                row.put("slab_kib_after", after.get("Slab"));
                row.put("kernel_stack_kib_per_thread",
                        (double) (live.get("KernelStack") - before.get("KernelStack")) / n);
                row.put("slab_kib_per_thread", (double) (live.get("Slab") - before.get("Slab")) / n);
                row.put("module_nr_threads_live", nrLive);
                row.put("kthreads_visible_live", visible);
                row.put("module_nr_threads_after", nrAfter);
                row.put("kthreads_left_after", left);
                row.put("kernel_stack_kib_left_after", after.get("KernelStack") - before.get("KernelStack"));
                row.put("slab_kib_left_after", after.get("Slab") - before.get("Slab"));
                long[] batch = batchPhase(device, n, perFile);
                row.put("batch_create_ns_per_thread", batch[0] / n);
                row.put("batch_stop_ns_per_thread", batch[1] / n);
                row.put("batch_module_nr_threads_after", batch[2]);
                row.put("batch_kthreads_left_after", batch[3]);
                done += 2L * n;
                p.update(done);
                boolean leak = left != 0 || (nr0 >= 0 && nrAfter != nr0)
                        || batch[3] != 0 || (nr0 >= 0 && batch[2] != nr0);
                row.put("leak", leak);
                r.rows.add(row);
                if (leak) {
                    r.notes.add("LEAK at N=" + n + ": " + left + " kb-sc* kthreads left, module nr_threads "
                            + nrAfter + " (was " + nr0 + "); after the batch phase " + batch[3] + " left, nr_threads "
                            + batch[2]);
                }
            } finally {
                for (KernelThread t : threads) {
                    t.close();
                }
                for (KthreadBridge b : bridges) {
                    b.close();
                }
            }
        }
        r.notes.add("memory deltas are system-wide /proc/meminfo (other activity in the guest adds noise;"
                + " Slab is freed lazily, so 'left after' is an upper bound, not a leak by itself; the"
                + " leak verdict uses nr_threads and /proc only)");
        return r;
    }

    /**
     * N idle kthreads started and stopped through KB_IOC_BATCH, in chunks of
     * up to BATCH_MAX per ioctl and perFile per open file: {create ns,
     * stop ns, module nr_threads after, kb-sb* kthreads left after}.
     */
    static long[] batchPhase(Path device, int n, long perFile) throws InterruptedException {
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
                    createNs += since(t0);
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
                stopNs += since(t0);
                requireAll(res, "stopAll(" + mine.size() + ")");
            }
            for (KthreadBridge b : bridges) {
                b.close();
            }
            bridges.clear();
            settle(1.0);
            return new long[] {createNs, stopNs, SystemInfo.moduleThreads(),
                SystemInfo.kthreadsWithPrefix("kb-sb").size()};
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

    private static void settle(double seconds) throws InterruptedException {
        if (seconds > 0) {
            Thread.sleep((long) (seconds * 1000));
        }
    }

    // ---------------------------------------------------------------- files

    /** What each user thread of the {@link #files} experiment repeats. */
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

    /** The ratio asked of one shared file against a file per thread: shared / separate at least this. */
    public static final double FILES_TARGET = 0.9;

    /** Every kthread the files experiment makes has a name starting with this. */
    static final String FILES_PREFIX = "kb-f";

    /** info() calls a worker makes between two looks at the clock. */
    static final int INFO_CHECK = 16;

    /** One side of the files experiment: worker i calls through bridges.get(i) on targets.get(i). */
    private record FilesSide(String name, List<KthreadBridge> bridges, List<KernelThread> targets) {
    }

    /** One block: the operations of all workers, and the wall time from the start signal to the last one's end. */
    record FilesBlock(long ops, long nanos) {
        double rate() {
            return ops * 1e9 / nanos;
        }
    }

    /**
     * Operations per second of T user threads working on one shared open
     * file of the device against one file each. Each worker repeats an
     * operation for {@code duration} per block: info() on an idle kthread of
     * its own, created beforehand, or run() + stop() of an idle kthread.
     * Shared: every worker on one {@link KthreadBridge} (one file);
     * separate: each on a bridge of its own. Per round, per operation and
     * per T, one block of each side back to back, the side that goes first
     * alternating; rows per round, and {@code medians} per (operation, T)
     * with the median of the per-round ratios shared / separate.
     *
     * @param device       the device node
     * @param threadCounts the T to measure (sorted, duplicates dropped)
     * @param duration     how long each block runs
     * @param rounds       rounds of blocks
     * @param warmup       unmeasured rounds, as the measured ones, until this much time has passed
     *                     (at least one; zero: none, and no wait for the JIT)
     */
    public static Result files(Path device, List<Integer> threadCounts, Duration duration, int rounds,
            Duration warmup) throws InterruptedException {
        List<Integer> ts = threadCounts.stream().distinct().sorted().toList();
        if (ts.isEmpty() || ts.get(0) < 1 || duration.isZero() || duration.isNegative() || rounds < 1) {
            throw new IllegalArgumentException("files: thread counts >= 1, a positive duration and rounds >= 1, got "
                    + threadCounts + ", " + duration + ", " + rounds);
        }
        int maxT = ts.get(ts.size() - 1);
        int cpus = Runtime.getRuntime().availableProcessors();
        Result r = new Result("files",
                "operations per second of T Java platform threads (T = " + ts + ") on one shared open file"
                        + " of the device (one KthreadBridge) vs one file each (a KthreadBridge per thread):"
                        + " each thread repeats info() on an idle kthread of its own, created beforehand (a handle"
                        + " lookup and a snapshot: ABI 2 takes no file-wide lock for it), or run() + stop() of an"
                        + " idle kthread, for " + duration.toMillis() + " ms per block; per round, operation and T"
                        + " one block of each side back to back, the side that goes first alternating; " + rounds
                        + " rounds; medians of the rounds and the median of the per-round ratios shared / separate");
        r.json.put("cpus", cpus);
        r.json.put("threads", ts);
        r.json.put("duration_s", duration.toNanos() / 1e9);
        r.json.put("rounds", rounds);
        r.json.put("warmup_s", warmup.toNanos() / 1e9);
        r.json.put("target_shared_over_separate", FILES_TARGET);
        long nr0 = SystemInfo.moduleThreads();
        List<KthreadBridge> opened = new ArrayList<>();
        try {
            KthreadBridge shared = KthreadBridge.open(device);
            opened.add(shared);
            List<KernelThread> sharedTargets = new ArrayList<>();
            List<KthreadBridge> own = new ArrayList<>();
            List<KernelThread> ownTargets = new ArrayList<>();
            for (int i = 0; i < maxT; i++) {
                // woken and entered: an idle thread never woken would fall to the module's autostop
                sharedTargets.add(shared.run(ThreadSpec.of(Workload.idle(), FILES_PREFIX + "i-s" + i),
                        StartMode.AWAIT_ENTRY));
                KthreadBridge b = KthreadBridge.open(device);
                opened.add(b);
                own.add(b);
                ownTargets.add(b.run(ThreadSpec.of(Workload.idle(), FILES_PREFIX + "i-o" + i), StartMode.AWAIT_ENTRY));
            }
            FilesSide sharedSide = new FilesSide("shared", Collections.nCopies(maxT, shared), sharedTargets);
            FilesSide ownSide = new FilesSide("separate", own, ownTargets);
            // warm-up: unmeasured rounds through the very code the measured ones run, every operation, T and
            // side, so that the JIT has compiled all of it before the first measured block
            long jitWaitMs = 0;
            int warmupRounds = 0;
            if (!warmup.isZero()) {
                long warmupEnd = System.nanoTime() + warmup.toNanos();
                Progress wp = new Progress("files warm-up", warmup.toSeconds());
                long warmupStart = System.nanoTime();
                do {
                    filesRound(warmupRounds++, ts, sharedSide, ownSide, duration, null, null);
                    wp.update(Math.min(warmup.toSeconds(), (System.nanoTime() - warmupStart) / 1_000_000_000L));
                } while (System.nanoTime() < warmupEnd);
                jitWaitMs = awaitJitIdle();
            }
            r.json.put("warmup_rounds", warmupRounds);
            r.json.put("jit_idle_wait_ms", jitWaitMs);
            Progress p = new Progress("files", 2L * rounds * FileOp.values().length * ts.size());
            JvmActivity before = JvmActivity.now();
            for (int round = 0; round < rounds; round++) {
                filesRound(round, ts, sharedSide, ownSide, duration, r.rows, p);
            }
            JvmActivity during = JvmActivity.now().minus(before);
            r.json.put("jvm_gc_count_during_rounds", during.gcCount());
            r.json.put("jvm_gc_ms_during_rounds", during.gcMillis());
            r.json.put("jvm_jit_ms_during_rounds", during.jitMillis());
            for (KernelThread t : sharedTargets) {
                t.stop();
            }
            for (KernelThread t : ownTargets) {
                t.stop();
            }
            r.notes.add("warm-up: " + (warmup.isZero() ? "none"
                    : warmupRounds + " unmeasured round(s) as the measured ones (at least " + warmup.toMillis()
                    + " ms), then waited " + jitWaitMs + " ms for the JIT to go idle (no compile finished for 1 s,"
                    + " at most 30 s)") + "; during the rounds the JVM collected garbage " + during.gcCount()
                    + " times (" + during.gcMillis() + " ms) and compiled for " + during.jitMillis() + " ms");
        } finally {
            for (KthreadBridge b : opened) {
                b.close(); // stops whatever an exception left behind
            }
        }
        r.json.put("medians", filesMedians(r.rows));
        long nrAfter = awaitModuleThreads(nr0);
        int left = SystemInfo.kthreadsWithPrefix(FILES_PREFIX).size();
        boolean closed = opened.stream().allMatch(KthreadBridge::isClosed);
        boolean leak = left != 0 || (nr0 >= 0 && nrAfter != nr0) || !closed;
        r.json.put("bridges_opened", opened.size());
        r.json.put("bridges_closed", closed);
        r.json.put("module_nr_threads_before", nr0);
        r.json.put("module_nr_threads_after", nrAfter);
        r.json.put("kthreads_left_after", left);
        r.json.put("leak", leak);
        if (leak) {
            r.notes.add("LEAK: " + left + " " + FILES_PREFIX + "* kthreads left, module nr_threads " + nrAfter
                    + " (was " + nr0 + "), bridges closed: " + closed);
        }
        r.notes.add(cpus + " CPU(s): with more threads than CPUs the workers take turns on them on both sides");
        r.notes.add("T = 1 is the control: one thread on one file on either side (the shared file also holds the"
                + " other workers' idle kthreads), so its ratio shows how far two blocks run back to back differ");
        r.notes.add("the shared side also shares the Java object: KthreadBridge's call gate (an atomic add in and"
                + " out of every call) and, for create+stop, its handle map; the ratio is what a program sharing"
                + " one bridge gets, not the kernel's share alone");
        r.notes.add("ops/s = the operations of all workers / the wall time from the start signal to the last"
                + " worker's end; a worker looks at the clock every " + INFO_CHECK + " info() calls and after"
                + " every create+stop, and does at least one round of them");
        return r;
    }

    /**
     * One round: per operation and T a block of each side back to back, the side that goes first
     * alternating with the round, T and operation. Rows go to {@code rows} (null: a warm-up round).
     */
    private static void filesRound(int round, List<Integer> ts, FilesSide sharedSide, FilesSide ownSide,
            Duration duration, List<Map<String, Object>> rows, Progress p) throws InterruptedException {
        for (FileOp op : FileOp.values()) {
            for (int ti = 0; ti < ts.size(); ti++) {
                int t = ts.get(ti);
                boolean sharedFirst = (round + ti + op.ordinal()) % 2 == 0;
                FilesSide first = sharedFirst ? sharedSide : ownSide;
                FilesSide second = sharedFirst ? ownSide : sharedSide;
                FilesBlock a = filesBlock(op, first, t, duration);
                FilesBlock b = filesBlock(op, second, t, duration);
                if (rows == null) {
                    continue;
                }
                FilesBlock s = sharedFirst ? a : b;
                FilesBlock o = sharedFirst ? b : a;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", round + 1);
                row.put("operation", op.label);
                row.put("threads", t);
                row.put("first", first.name());
                row.put("shared_ops", s.ops());
                row.put("shared_ms", s.nanos() / 1e6);
                row.put("shared_ops_per_s", s.rate());
                row.put("separate_ops", o.ops());
                row.put("separate_ms", o.nanos() / 1e6);
                row.put("separate_ops_per_s", o.rate());
                row.put("shared_over_separate", s.rate() / o.rate());
                rows.add(row);
                p.update(rows.size() * 2L);
            }
        }
    }

    /**
     * T platform threads, worker i doing {@code op} through side.bridges().get(i) on
     * side.targets().get(i) until {@code duration} after a common start.
     */
    private static FilesBlock filesBlock(FileOp op, FilesSide side, int t, Duration duration)
            throws InterruptedException {
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
                    ops[me] = op == FileOp.INFO ? repeatInfo(target, deadline[0])
                            : repeatCreateStop(bridge, deadline[0]);
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
        return new FilesBlock(total, end - start);
    }

    /**
     * info() on {@code target} until the deadline, at least {@value #INFO_CHECK} times; how many. A method
     * of its own, as is {@link #repeatCreateStop}: the JIT compiles each loop for its one operation.
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
        ThreadSpec spec = ThreadSpec.of(Workload.idle(), FILES_PREFIX + "c");
        long n = 0;
        do {
            bridge.run(spec).stop();
            n++;
        } while (System.nanoTime() < deadline);
        return n;
    }

    /**
     * Per (operation, threads), in the order the rows first name them: the
     * rounds, the medians of each side's ops/s, the median of the per-round
     * ratios shared / separate with a 95 % bootstrap interval of it
     * ({@link #medianCi95}) and their quartiles, the ratio of the medians, the
     * pooled ratio (all rounds' operations / all rounds' time, per side; with
     * {@code *_ops} and {@code *_ms} in the rows) and whether the median
     * ratio meets {@link #FILES_TARGET}.
     */
    public static List<Map<String, Object>> filesMedians(List<Map<String, Object>> rows) {
        Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            if (row.get("threads") instanceof Number n) {
                groups.computeIfAbsent(List.of(String.valueOf(row.get("operation")), n.intValue()),
                        k -> new ArrayList<>()).add(row);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (var g : groups.entrySet()) {
            double[] ratios = g.getValue().stream()
                    .filter(x -> x.get("shared_ops_per_s") instanceof Number && x.get("separate_ops_per_s") instanceof Number)
                    .mapToDouble(x -> ((Number) x.get("shared_ops_per_s")).doubleValue()
                            / ((Number) x.get("separate_ops_per_s")).doubleValue())
                    .toArray();
            double shared = medianOf(g.getValue(), "shared_ops_per_s");
            double separate = medianOf(g.getValue(), "separate_ops_per_s");
            double ratio = median(ratios);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("operation", g.getKey().get(0));
            m.put("threads", g.getKey().get(1));
            m.put("rounds", g.getValue().size());
            m.put("shared_ops_per_s_median", shared);
            m.put("separate_ops_per_s_median", separate);
            m.put("shared_over_separate_round_median", ratio);
            double[] ci = medianCi95(ratios);
            m.put("shared_over_separate_median_ci95_low", ci[0]);
            m.put("shared_over_separate_median_ci95_high", ci[1]);
            m.put("shared_over_separate_round_p25", quantile(ratios, 0.25));
            m.put("shared_over_separate_round_p75", quantile(ratios, 0.75));
            m.put("shared_over_separate_of_medians", shared / separate);
            m.put("shared_over_separate_pooled", pooledRate(g.getValue(), "shared") / pooledRate(g.getValue(), "separate"));
            m.put("meets_target", ratio >= FILES_TARGET);
            out.add(m);
        }
        return out;
    }

    /** The operations of one side over all rows / their time in seconds (NaN if a row lacks either). */
    private static double pooledRate(List<Map<String, Object>> rows, String side) {
        double ops = 0;
        double ms = 0;
        for (Map<String, Object> r : rows) {
            if (!(r.get(side + "_ops") instanceof Number o) || !(r.get(side + "_ms") instanceof Number t)) {
                return Double.NaN;
            }
            ops += o.doubleValue();
            ms += t.doubleValue();
        }
        return ops * 1000 / ms;
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

    // ---------------------------------------------------------------- cycles

    /**
     * Full create -> wake -> stop cycles per second through the Java API,
     * the raw FFM bindings and the C shim, in blocks of {@code count} cycles
     * per path per round, with the module's in-kernel loop of the same
     * cycle (KB_IOC_BENCH) as the floor.
     */
    public static Result cycles(KthreadBridge bridge, int count, int rounds, Path cCycle) throws Exception {
        return cycles(bridge, count, rounds, cCycle, Duration.ZERO, 0);
    }

    /**
     * As above, after running Java cycles for at least {@code warmup} and at
     * least {@code warmupCycles} of them (and max(10, count / 10)): the JIT
     * compiles the path while they run, which under TCG takes tens of
     * seconds, so a short warm-up measures the interpreter and the compiler
     * threads rather than the steady state. Time alone is not enough: on
     * 6.1-rt under TCG 20 s gave 4,353 warm-up cycles (13,540-15,507 on the
     * other kernels) and the Java rounds still sped up from one to the next.
     */
    public static Result cycles(KthreadBridge bridge, int count, int rounds, Path cCycle,
            Duration warmup, long warmupCycles) throws Exception {
        boolean c = cCycle != null && Files.isExecutable(cCycle);
        Result r = new Result("cycles",
                "create -> wake -> stop cycles per second: Java API, raw FFM bindings"
                        + (c ? ", C through the shim (" + cCycle + ", a child process per block)" : "")
                        + " and the module's in-kernel loop of the same cycle (KB_IOC_BENCH, the floor);"
                        + " per round a block of " + count + " cycles of each, the order of the user-space"
                        + " paths rotating round by round, " + rounds + " rounds; medians of the rounds");
        if (!c) {
            r.notes.add("C shim cycles not measured in this run: " + (cCycle == null ? "no --c-cycle given"
                    : cCycle + " is not an executable (make -C native builds build/native/kb_cycle)"));
        }
        ThreadSpec spec = ThreadSpec.of(Workload.idle(), "kb-cy");
        Path cPath = c ? cCycle : null;
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long warmed = 0;
        Progress wp = warmup.isZero() ? null : new Progress("cycles warm-up", (int) warmup.toSeconds());
        try (RawFfmCycles raw = new RawFfmCycles(bridge.path())) {
            long minCycles = Math.max(warmupCycles, Math.max(10, count / 10));
            long warmupStart = System.nanoTime();
            // warm-up: unmeasured rounds through the very code the measured ones run, so that the
            // JIT has compiled all of it and does not compile beside a measured block
            long[] ns = new long[count];
            for (int round = 0; warmed < minCycles || System.nanoTime() < warmupEnd; round++) {
                cycleRound(round, bridge, spec, raw, cPath, ns);
                warmed += count;
                if (wp != null) {
                    wp.update(Math.min(warmup.toSeconds(), (System.nanoTime() - warmupStart) / 1_000_000_000L));
                }
            }
            long jitWaitMs = awaitJitIdle();
            r.notes.add("Java warm-up before the rounds: " + warmed + " cycles (at least " + minCycles + ") in "
                    + (warmup.isZero() ? "no set time" : "at least " + warmup.toSeconds() + " s")
                    + " (the JIT compiles the path"
                    + " meanwhile), as many through the raw FFM bindings, in rounds as the measured ones;"
                    + " kb_cycle warms up max(10, N/10) cycles per block (C needs no JIT)");
            r.notes.add("raw FFM = the same three shim calls through the generated bindings alone (own fd, memory"
                    + " allocated once, no API objects or locks): raw FFM vs C is the JVM's share of a gap,"
                    + " Java API vs raw FFM the API's share");
            r.notes.add("then waited " + jitWaitMs + " ms for the JIT to go idle (no compile time added for 1 s,"
                    + " at most 30 s)");
            r.json.put("jit_idle_wait_ms", jitWaitMs);
            r.json.put("java_warmup_cycles", warmed);
            r.json.put("java_warmup_s", warmup.toMillis() / 1000.0);
            Progress p = new Progress("cycles", rounds);
            JvmActivity before = JvmActivity.now();
            for (int round = 0; round < rounds; round++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", round + 1);
                row.putAll(cycleRound(round, bridge, spec, raw, cPath, ns));
                r.rows.add(row);
                p.update(round + 1);
            }
            JvmActivity during = JvmActivity.now().minus(before);
            r.json.put("jvm_gc_count_during_rounds", during.gcCount());
            r.json.put("jvm_gc_ms_during_rounds", during.gcMillis());
            r.json.put("jvm_jit_ms_during_rounds", during.jitMillis());
            r.notes.add("during the rounds the JVM collected garbage " + during.gcCount() + " times ("
                    + during.gcMillis() + " ms) and compiled for " + during.jitMillis() + " ms: both take the"
                    + " one vCPU from the Java blocks");
        }
        double jm = medianOf(r.rows, "java_cycles_per_s");
        r.json.put("java_cycles_per_s_median", jm);
        r.json.put("ffm_raw_cycles_per_s_median", medianOf(r.rows, "ffm_raw_cycles_per_s"));
        if (c) {
            double cm = medianOf(r.rows, "c_cycles_per_s");
            r.json.put("c_cycles_per_s_median", cm);
            r.json.put("java_over_c", jm / cm);
        }
        r.json.putAll(roundRatios(r.rows));
        double km = medianOf(r.rows, "kernel_cycles_per_s");
        r.json.put("kernel_cycles_per_s_median", km);
        r.json.put("java_over_kernel", jm / km);
        r.json.put("user_space_overhead_percent_vs_kernel", 100.0 * (1 / jm - 1 / km) / (1 / jm));
        return r;
    }

    /**
     * One round: a block of ns.length cycles per user-space path (C only if
     * cCycle is given), then the in-kernel loop; the round's numbers. Each
     * path runs a block of its own, as a program repeating one operation
     * would: alternating API and raw cycle by cycle made each pay for the
     * other's footprint in the caches (TCG's translation and TLB caches above
     * all) while C ran alone. The order rotates with {@code round} so that no
     * path always runs first or after the same one.
     */
    private static Map<String, Object> cycleRound(int round, KthreadBridge bridge, ThreadSpec spec,
            RawFfmCycles raw, Path cCycle, long[] ns) throws IOException, InterruptedException {
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
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("java_cycles_per_s", javaRate);
        row.put("java_median_cycle_ns", javaMedian);
        row.put("ffm_raw_cycles_per_s", rawRate);
        row.put("ffm_raw_median_cycle_ns", rawMedian);
        row.put("kernel_cycles_per_s", count * 1e9 / kb.elapsed().toNanos());
        row.put("kernel_min_cycle_ns", kb.min().toNanos());
        row.put("kernel_max_cycle_ns", kb.max().toNanos());
        if (cCycle != null) {
            row.put("c_cycles_per_s", c.get("c_cycles_per_s"));
            row.put("c_median_cycle_ns", c.get("c_median_ns"));
            row.put("kb_cycle_kernel_cycles_per_s", c.get("kernel_cycles_per_s"));
        }
        return row;
    }

    /** The median of a numeric column of the rows (NaN if none has it). */
    private static double medianOf(List<Map<String, Object>> rows, String key) {
        return median(rows.stream().filter(x -> x.get(key) instanceof Number)
                .mapToDouble(x -> ((Number) x.get(key)).doubleValue()).toArray());
    }

    /**
     * Waits until the JIT has compiled nothing for 1 s (at most 30 s): under TCG with one vCPU a
     * compile that runs beside a measured block takes the CPU from it. Returns the ms waited.
     */
    private static long awaitJitIdle() throws InterruptedException {
        long start = System.nanoTime();
        long last = JvmActivity.now().jitMillis();
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() - start < 30_000_000_000L) {
            Thread.sleep(200);
            long now = JvmActivity.now().jitMillis();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return (System.nanoTime() - start) / 1_000_000;
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
        return Report.map(Json.parse(out.lines().reduce((a, b) -> b).orElseThrow(), cCycle + "'s output"));
    }

    /** One create -> wake -> stop cycle through the Java API; its duration in ns. */
    private static long apiCycle(KthreadBridge bridge, ThreadSpec spec) {
        long t0 = System.nanoTime();
        KernelThread t = bridge.create(spec);
        t.wake();
        t.stop();
        return System.nanoTime() - t0;
    }

    /**
     * Medians of the per-round ratios: the three paths of one round ran
     * seconds apart, so a round's ratio is less exposed to the host's load
     * drifting between rounds than the ratio of the medians.
     */
    public static Map<String, Object> roundRatios(List<Map<String, Object>> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        String[][] pairs = {{"java_cycles_per_s", "c_cycles_per_s", "java_over_c_round_median"},
            {"ffm_raw_cycles_per_s", "c_cycles_per_s", "ffm_raw_over_c_round_median"},
            {"java_cycles_per_s", "ffm_raw_cycles_per_s", "java_over_ffm_raw_round_median"},
            {"c_median_cycle_ns", "java_median_cycle_ns", "java_over_c_by_median_cycle_round_median"},
            {"c_median_cycle_ns", "ffm_raw_median_cycle_ns", "ffm_raw_over_c_by_median_cycle_round_median"},
            {"java_cycles_per_s", "kernel_cycles_per_s", "java_over_kernel_round_median"},
            {"c_cycles_per_s", "kernel_cycles_per_s", "c_over_kernel_round_median"}};
        for (String[] p : pairs) {
            double[] v = rows.stream().filter(x -> x.get(p[0]) instanceof Number && x.get(p[1]) instanceof Number)
                    .mapToDouble(x -> ((Number) x.get(p[0])).doubleValue() / ((Number) x.get(p[1])).doubleValue())
                    .toArray();
            if (v.length > 0) {
                m.put(p[2], median(v));
            }
        }
        return m;
    }

    /** Resamples of {@link #medianCi95}. */
    static final int BOOTSTRAP_RESAMPLES = 2000;

    /**
     * A 95 % percentile-bootstrap interval of the median of v: the 2.5th and 97.5th percentile of the
     * medians of {@value #BOOTSTRAP_RESAMPLES} resamples (v.length values drawn with replacement), with a
     * fixed seed, so that the same rows always give the same interval; {NaN, NaN} if v is empty.
     */
    static double[] medianCi95(double[] v) {
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(0x6b62L);
        double[] medians = new double[BOOTSTRAP_RESAMPLES];
        double[] sample = new double[v.length];
        for (int b = 0; b < medians.length; b++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = v[random.nextInt(v.length)];
            }
            medians[b] = median(sample);
        }
        return new double[] {quantile(medians, 0.025), quantile(medians, 0.975)};
    }

    /** The q-quantile of v (0 <= q <= 1), interpolated between the nearest ranks; NaN if v is empty. */
    static double quantile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] c = v.clone();
        Arrays.sort(c);
        double pos = q * (c.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return c[lo] + (pos - lo) * (c[hi] - c[lo]);
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length == 0 ? Double.NaN
                : c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
