// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.stress;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.NoSuchThreadException;
import dev.kthreadbridge.ThreadExitedException;
import dev.kthreadbridge.TestSupport;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.junit.KernelTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Eight Java threads share one open file doing create/run/wake/info/stop
 * loops while another thread closes it and opens a new one, for
 * -Dkthreadbridge.stress.seconds (the test is skipped without that property,
 * so the ordinary device suite does not pay for it; scripts/hardening/guest.sh
 * sets it). Checks: only expected exceptions; each KernelThread is stopped
 * exactly once, by a stop() or by the close, and per file created = stopped
 * + listed at close; afterwards no kbj-* kthread and nr_threads 0.
 */
@KernelTest
@Tag("stress")
class ConcurrentLifecycleStressTest {

    static final Path DEVICE = Path.of("/dev/kthread_bridge");
    static final int WORKERS = 8;

    /** One open file and what happened on it. */
    static final class Gen {
        final KthreadBridge bridge = KthreadBridge.open();
        final ConcurrentLinkedQueue<KernelThread> live = new ConcurrentLinkedQueue<>();
        final Map<Integer, KernelThread> all = new ConcurrentHashMap<>();
        final AtomicLong created = new AtomicLong();
        final AtomicLong stopped = new AtomicLong();
        long closed;
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private volatile Gen gen;
    private final AtomicLong ops = new AtomicLong();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private long created;
    private long stopped;
    private long closedStops;
    private int files;

    @Test
    void eightThreadsShareAFileWhileItIsReopened() throws Exception {
        String secs = System.getProperty("kthreadbridge.stress.seconds");
        assumeTrue(secs != null, "set -Dkthreadbridge.stress.seconds to run the stress test");
        TestSupport.requireDevice();
        long seed = Long.getLong("kthreadbridge.stress.seed", System.nanoTime());
        Duration length = Duration.ofSeconds(Long.parseLong(secs));
        System.out.printf("# java stress: %d workers, %s, seed %d%n", WORKERS, length, seed);

        gen = new Gen();
        long end = System.nanoTime() + length.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            long s = seed + i;
            int id = i;
            workers.add(Thread.ofPlatform().name("stress-" + i).start(() -> work(id, s, end + 2_000_000_000L)));
        }
        SplittableRandom r = new SplittableRandom(seed);
        while (System.nanoTime() < end) {
            Thread.sleep(200 + r.nextInt(300));
            lock.writeLock().lock();
            try {
                Gen old = gen;
                gen = new Gen();
                closeGen(old);
            } finally {
                lock.writeLock().unlock();
            }
        }
        for (Thread t : workers) {
            t.join();
        }
        closeGen(gen);

        System.out.printf("# java stress: ops %d, files %d, created %d, stopped by stop() %d, by close %d%n",
                ops.get(), files, created, stopped, closedStops);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertTrue(created > 0, "nothing was created");
        assertEquals(created, stopped + closedStops, "created = stopped + closed");
        assertEquals(0, waitForNoKthreads("kbj-"), "kbj-* kthreads left");
        long nr = nrThreads();
        assertTrue(nr <= 0, "nr_threads reads " + nr);
    }

    private void closeGen(Gen g) {
        // quiesced (write lock held or workers done): LIST is what close stops
        int listed = g.bridge.threads().size();
        g.closed = listed;
        g.bridge.close();
        for (KernelThread t : g.all.values()) {
            if (!t.isStopped()) {
                problems.add("not stopped after close: " + t);
            }
        }
        if (g.created.get() != g.stopped.get() + listed) {
            problems.add("file " + files + ": created " + g.created + " != stopped " + g.stopped
                    + " + listed at close " + listed);
        }
        created += g.created.get();
        stopped += g.stopped.get();
        closedStops += listed;
        files++;
    }

    private void work(int id, long seed, long deadline) {
        SplittableRandom r = new SplittableRandom(seed);
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            lock.readLock().lock();
            try {
                Gen g = gen;
                if (g.bridge.isClosed()) {
                    return;
                }
                step(id, r, g);
            } catch (RuntimeException e) {
                problems.add("worker " + id + ": " + e);
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    private void step(int id, SplittableRandom r, Gen g) {
        int k = r.nextInt(10);
        if (k < 4) {
            Workload w = switch (r.nextInt(4)) {
                case 0 -> new Workload.Idle();
                case 1 -> new Workload.Exit(r.nextInt(100));
                case 2 -> new Workload.Spin(Duration.ofNanos(100_000));
                default -> new Workload.Periodic(Duration.ofMillis(1));
            };
            ThreadSpec spec = ThreadSpec.of(w, "kbj-" + id);
            KernelThread t = (k & 1) == 0 ? g.bridge.create(spec) : g.bridge.run(spec);
            ops.incrementAndGet();
            g.created.incrementAndGet();
            if (g.all.put(t.handle(), t) != null) {
                problems.add("handle " + t.handle() + " handed out twice");
            }
            g.live.add(t);
            try {
                // another worker may stop it from the queue at any point:
                // the API then refuses (exactly once), the kernel never sees it
                t.info();
                t.wake();
                ops.addAndGet(2);
            } catch (IllegalStateException stolen) {
                ops.incrementAndGet();
            } catch (ThreadExitedException exited) {
                // ABI 2: an EXIT thread run() started may have returned already (ESRCH);
                // any other workload only ends by a stop, which the API refuses first
                if (!(t.workload() instanceof Workload.Exit)) {
                    problems.add("worker " + id + ": " + exited);
                }
                ops.addAndGet(2);
            }
        } else if (k < 9) {
            KernelThread t = g.live.poll();
            if (t != null) {
                t.stop();
                ops.incrementAndGet();
                g.stopped.incrementAndGet();
            }
        } else {
            // stopping again must be refused by the API, not reach the kernel twice
            KernelThread t = g.all.values().stream().filter(KernelThread::isStopped).findAny().orElse(null);
            if (t != null) {
                try {
                    t.stop();
                    problems.add("second stop() of " + t + " succeeded");
                } catch (IllegalStateException | NoSuchThreadException expected) {
                    ops.incrementAndGet();
                }
            }
        }
    }

    static long nrThreads() throws IOException {
        Path p = Path.of("/sys/module/kthread_bridge/parameters/nr_threads");
        return Files.exists(p) ? Long.parseLong(Files.readString(p).strip()) : -1;
    }

    /** Kernel threads whose comm starts with prefix, after up to 10 s. */
    static int waitForNoKthreads(String prefix) throws Exception {
        int n = 0;
        for (int i = 0; i < 100; i++) {
            n = countKthreads(prefix);
            if (n == 0) {
                return 0;
            }
            Thread.sleep(100);
        }
        return n;
    }

    static int countKthreads(String prefix) throws IOException {
        int n = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int lp = stat.indexOf('('), rp = stat.lastIndexOf(')');
                    String[] rest = stat.substring(rp + 2).split(" ");
                    if (rest[1].equals("2") && stat.substring(lp + 1, rp).startsWith(prefix)) {
                        n++;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the task exited meanwhile
                }
            }
        }
        return n;
    }
}
