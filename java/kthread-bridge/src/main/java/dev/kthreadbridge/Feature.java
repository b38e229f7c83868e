// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Feature bits the module reports with its ABI version (KB_FEATURE_*). */
public enum Feature {
    /** CREATE RUN WAKE STOP INFO LIST. */
    LIFECYCLE(1L),
    /** Binding to a CPU at creation. */
    BIND_CPU(1L << 1),
    /** STOP returns the final thread info. */
    STOP_INFO(1L << 2),
    /** PARK and UNPARK. */
    PARK(1L << 3),
    /** SCHED. */
    SCHED(1L << 4),
    /** AFFINITY. */
    AFFINITY(1L << 5),
    /** The WAIT workload and SIGNAL. */
    SIGNAL(1L << 6),
    /** BATCH. */
    BATCH(1L << 7),
    /** Exit events: poll() and read() on the device. */
    EVENTS(1L << 8),
    /** Waiting for threadfn's entry on RUN and WAKE. */
    WAIT_ENTRY(1L << 9),
    /** Never-woken threads are stopped by the module after a timeout. */
    AUTOSTOP(1L << 10),
    /** BENCH. */
    BENCH(1L << 11);

    private final long bit;

    Feature(long bit) {
        this.bit = bit;
    }

    /**
     * The KB_FEATURE_* bit of this feature.
     *
     * @return a mask with exactly one bit set
     */
    public long bit() {
        return bit;
    }

    /**
     * The known features set in {@code bits}, unmodifiable.
     *
     * @param bits KB_FEATURE_* bits as the module reports them; unknown bits are ignored
     * @return the features whose bit is set, possibly empty
     */
    public static Set<Feature> fromBits(long bits) {
        EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
        for (Feature f : values()) {
            if ((bits & f.bit) != 0) {
                set.add(f);
            }
        }
        return Collections.unmodifiableSet(set);
    }
}
