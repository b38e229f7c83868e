// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** CPU sets and the 64-bit words of a kernel CPU mask (sched_getaffinity()'s layout). */
public final class CpuSets {

    private CpuSets() {
    }

    /** The CPUs set in a mask's words (word i holds CPUs 64 i .. 64 i + 63), sorted and unmodifiable. */
    public static Set<Integer> fromWords(long[] words) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (int w = 0; w < words.length; w++) {
            long word = words[w];
            while (word != 0) {
                int bit = Long.numberOfTrailingZeros(word);
                cpus.add(w * Long.SIZE + bit);
                word &= word - 1;
            }
        }
        return Collections.unmodifiableSet(cpus);
    }

    /** The mask words of a non-empty set of CPUs, as many as its highest CPU needs. */
    public static long[] toWords(Set<Integer> cpus) {
        int max = Collections.max(cpus);
        long[] words = new long[max / Long.SIZE + 1];
        for (int cpu : cpus) {
            words[cpu / Long.SIZE] |= 1L << (cpu % Long.SIZE);
        }
        return words;
    }
}
