// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sorted, unmodifiable CPU sets for {@link ThreadInfo#cpusAllowed()}, with
 * the last one kept: every info() and stop() of a thread reports a mask,
 * nearly always the same one, and building a TreeSet per call is a
 * measurable part of a create -> wake -> stop cycle.
 */
public final class CpuSets {

    private record Last(long word, Set<Integer> set) {
    }

    private static volatile Last last = new Last(0, Collections.unmodifiableSet(new TreeSet<>()));

    private CpuSets() {
    }

    /** The CPUs set in a 64-bit mask word. */
    public static Set<Integer> fromWord(long word) {
        Last l = last;
        if (l.word() == word) {
            return l.set();
        }
        TreeSet<Integer> cpus = new TreeSet<>();
        for (int cpu = 0; cpu < Long.SIZE; cpu++) {
            if ((word & (1L << cpu)) != 0) {
                cpus.add(cpu);
            }
        }
        Set<Integer> set = Collections.unmodifiableSet(cpus);
        last = new Last(word, set);
        return set;
    }

    /** {@code cpus} itself if it came from {@link #fromWord}'s cache, else a sorted unmodifiable copy. */
    public static Set<Integer> sortedCopy(Set<Integer> cpus) {
        if (cpus == last.set()) {
            return cpus;
        }
        return Collections.unmodifiableSet(new TreeSet<>(cpus));
    }
}
