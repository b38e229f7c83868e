// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
    AUTOSTOPPED(1 << 6),
    /**
     * Bound at creation, but no longer on its CPU alone: CPU hotplug took
     * the CPU away and the scheduler moved the thread (KB_STATUS_MOVED).
     */
    MOVED(1 << 7);

    private final int bit;

    ThreadStatus(int bit) {
        this.bit = bit;
    }

    /**
     * The KB_STATUS_* bit of this status.
     *
     * @return a mask with exactly one bit set
     */
    public int bit() {
        return bit;
    }

    /**
     * The statuses set in {@code bits} (unknown bits are ignored), unmodifiable.
     *
     * @param bits KB_STATUS_* bits as the module reports them
     * @return the statuses whose bit is set, possibly empty
     */
    public static Set<ThreadStatus> fromBits(int bits) {
        return BY_BITS.get(bits & ALL_BITS);
    }

    /** Every combination, built once: info() and stop() need one per call. */
    private static final int ALL_BITS;
    private static final List<Set<ThreadStatus>> BY_BITS;

    static {
        ThreadStatus[] all = values();
        int mask = 0;
        for (ThreadStatus s : all) {
            if (s.bit != 1 << s.ordinal()) {
                throw new ExceptionInInitializerError("ThreadStatus bits must be 1 << ordinal: " + s);
            }
            mask |= s.bit;
        }
        ALL_BITS = mask;
        List<Set<ThreadStatus>> sets = new ArrayList<>(mask + 1);
        for (int bits = 0; bits <= mask; bits++) {
            EnumSet<ThreadStatus> set = EnumSet.noneOf(ThreadStatus.class);
            for (ThreadStatus s : all) {
                if ((bits & s.bit) != 0) {
                    set.add(s);
                }
            }
            sets.add(Set.copyOf(set)); // immutable: ThreadInfo's Set.copyOf keeps it as is
        }
        BY_BITS = List.copyOf(sets);
    }
}
