package dev.kthreadbridge;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Lifecycle status bits the module keeps per thread (KB_STATUS_*). */
public enum ThreadStatus {
    /** WAKE or RUN was called. */
    WOKEN(1),
    /** threadfn was entered. */
    ENTERED(1 << 1),
    /** threadfn returned; the result is valid. */
    EXITED(1 << 2),
    /** Bound to a CPU at creation. */
    BOUND(1 << 3),
    /** kthread_stop() returned. */
    STOPPED(1 << 4),
    /** kthread_park() returned and no kthread_unpark() followed yet. */
    PARKED(1 << 5),
    /** Never woken: the module stopped it after its unwoken_timeout_ms parameter. */
    AUTOSTOPPED(1 << 6);

    private final int bit;

    ThreadStatus(int bit) {
        this.bit = bit;
    }

    /** The KB_STATUS_* bit. */
    public int bit() {
        return bit;
    }

    /** The statuses set in {@code bits} (unknown bits are ignored), unmodifiable. */
    public static Set<ThreadStatus> fromBits(int bits) {
        EnumSet<ThreadStatus> set = EnumSet.noneOf(ThreadStatus.class);
        for (ThreadStatus s : values()) {
            if ((bits & s.bit) != 0) {
                set.add(s);
            }
        }
        return Collections.unmodifiableSet(set);
    }
}
