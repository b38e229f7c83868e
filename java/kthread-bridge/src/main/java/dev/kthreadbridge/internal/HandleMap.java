// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The live threads of a bridge by handle ({@code T} is the API's
 * KernelThread): an int-keyed open-addressing
 * table (linear probing, backward-shift removal) under its own monitor.
 * It replaces a ConcurrentHashMap&lt;Integer, KernelThread&gt; on the
 * create/stop path: no boxing, no nodes, and no JDK code shared with
 * (and profiled by) the rest of the JVM, whose type profiles made the
 * JIT deoptimize the map's removal in the middle of a measurement.
 */
public final class HandleMap<T> {

    /** Handles are >= 1 (the module allocates 1..INT_MAX), so 0 marks a free slot. */
    private static final int FREE = 0;

    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;

    public synchronized void put(int handle, T t) {
        if (handle <= 0) {
            throw new IllegalArgumentException("handle must be >= 1, got " + handle);
        }
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(handle, mask);
        while (keys[i] != FREE && keys[i] != handle) {
            i = (i + 1) & mask;
        }
        if (keys[i] == FREE) {
            size++;
        }
        keys[i] = handle;
        values[i] = t;
    }

    public synchronized T get(int handle) {
        int mask = keys.length - 1;
        for (int i = slot(handle, mask); keys[i] != FREE; i = (i + 1) & mask) {
            if (keys[i] == handle) {
                return value(i);
            }
        }
        return null;
    }

    public synchronized T remove(int handle) {
        int mask = keys.length - 1;
        int i = slot(handle, mask);
        while (keys[i] != handle) {
            if (keys[i] == FREE) {
                return null;
            }
            i = (i + 1) & mask;
        }
        T old = value(i);
        // backward shift: move each later entry of the run that may sit in the gap
        int gap = i;
        for (int j = (gap + 1) & mask; keys[j] != FREE; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = FREE;
        values[gap] = null;
        size--;
        return old;
    }

    public synchronized int size() {
        return size;
    }

    /** A snapshot of the threads, in no particular order. */
    public synchronized List<T> values() {
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                out.add(value(i));
            }
        }
        return out;
    }

    public synchronized void clear() {
        keys = new int[16];
        values = new Object[16];
        size = 0;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != FREE) {
                int i = slot(oldKeys[k], mask);
                while (keys[i] != FREE) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[k];
                values[i] = oldValues[k];
            }
        }
    }

    @SuppressWarnings("unchecked") // only put() stores, and only Ts
    private T value(int i) {
        return (T) values[i];
    }

    /** Handles are sequential: spread them (Fibonacci hashing) so runs stay short. */
    private static int slot(int handle, int mask) {
        int h = handle * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
