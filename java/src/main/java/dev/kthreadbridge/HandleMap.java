package dev.kthreadbridge;

import java.util.ArrayList;
import java.util.List;

/**
 * The live threads of a bridge by handle: an int-keyed open-addressing
 * table (linear probing, backward-shift removal) under its own monitor.
 * It replaces a ConcurrentHashMap&lt;Integer, KernelThread&gt; on the
 * create/stop path: no boxing, no nodes, and no JDK code shared with
 * (and profiled by) the rest of the JVM, whose type profiles made the
 * JIT deoptimize the map's removal in the middle of a measurement.
 */
final class HandleMap {

    /** Handles are >= 1 (the module allocates 1..INT_MAX), so 0 marks a free slot. */
    private static final int FREE = 0;

    private int[] keys = new int[16];
    private KernelThread[] values = new KernelThread[16];
    private int size;

    synchronized void put(int handle, KernelThread t) {
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

    synchronized KernelThread get(int handle) {
        int mask = keys.length - 1;
        for (int i = slot(handle, mask); keys[i] != FREE; i = (i + 1) & mask) {
            if (keys[i] == handle) {
                return values[i];
            }
        }
        return null;
    }

    synchronized KernelThread remove(int handle) {
        int mask = keys.length - 1;
        int i = slot(handle, mask);
        while (keys[i] != handle) {
            if (keys[i] == FREE) {
                return null;
            }
            i = (i + 1) & mask;
        }
        KernelThread old = values[i];
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

    synchronized int size() {
        return size;
    }

    /** A snapshot of the threads, in no particular order. */
    synchronized List<KernelThread> values() {
        List<KernelThread> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                out.add(values[i]);
            }
        }
        return out;
    }

    synchronized void clear() {
        keys = new int[16];
        values = new KernelThread[16];
        size = 0;
    }

    private void grow() {
        int[] oldKeys = keys;
        KernelThread[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new KernelThread[oldKeys.length * 2];
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

    /** Handles are sequential: spread them (Fibonacci hashing) so runs stay short. */
    private static int slot(int handle, int mask) {
        int h = handle * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
