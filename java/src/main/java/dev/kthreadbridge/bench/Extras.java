package dev.kthreadbridge.bench;

import dev.kthreadbridge.KernelCycleBench;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.Scheduling;
import dev.kthreadbridge.Workload;

import java.util.Optional;

/**
 * The API calls of the newer features the experiments use (WAIT +
 * signalAndWait, setScheduling, wakeAndAwaitEntry, benchCycles), in one
 * place. They were looked up by reflection while the API was being
 * extended; since it landed (aaf461c) they are plain calls. The has*
 * methods are true with this API; the experiments keep their "not
 * measured because ..." branches for builds without these calls. A module
 * lacking a feature makes the call throw, which ends the experiment loudly.
 */
final class Extras {

    private Extras() {
    }

    static Optional<Workload> waitWorkload() {
        return Optional.of(Workload.waitForSignal());
    }

    static boolean hasSignalAndWait() {
        return true;
    }

    /** signalAndWait(): the kernel's signal -> running again, in ns. */
    static long signalAndWaitNanos(KernelThread t) {
        return t.signalAndWait().latency().toNanos();
    }

    static boolean hasScheduling() {
        return true;
    }

    static void setFifo(KernelThread t) {
        t.setScheduling(Scheduling.fifo());
    }

    static boolean hasBenchCycles() {
        return true;
    }

    /** benchCycles(count): elapsed, min, max ns of the module's own loop. */
    static long[] benchCycles(KthreadBridge b, int count) {
        KernelCycleBench r = b.benchCycles(count);
        return new long[] {r.elapsed().toNanos(), r.min().toNanos(), r.max().toNanos()};
    }

    static boolean hasAwaitEntry() {
        return true;
    }

    /**
     * Wakes t and returns once threadfn was entered (KB_WAKE_WAIT_ENTRY).
     * Without waiting, a stop() right after wake() often comes before the
     * woken thread ran, and kthread() then never calls threadfn (no
     * wake->entry sample).
     */
    static void wakeAndAwaitEntry(KernelThread t) {
        t.wakeAndAwaitEntry();
    }
}
