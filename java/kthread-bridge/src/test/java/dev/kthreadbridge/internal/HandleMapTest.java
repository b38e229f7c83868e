// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HandleMapTest {

    /** A value with identity, as the API's KernelThread. */
    private record Entry(int handle) {
    }

    private static Entry thread(int handle) {
        return new Entry(handle);
    }

    @Test
    void putGetRemove() {
        HandleMap<Entry> m = new HandleMap<>();
        Entry a = thread(1);
        Entry b = thread(2);
        m.put(1, a);
        m.put(2, b);
        assertSame(a, m.get(1));
        assertSame(b, m.get(2));
        assertNull(m.get(3));
        assertEquals(2, m.size());
        assertSame(a, m.remove(1));
        assertNull(m.remove(1));
        assertNull(m.get(1));
        assertSame(b, m.get(2));
        assertEquals(1, m.size());
        Entry b2 = thread(2);
        m.put(2, b2);
        assertSame(b2, m.get(2));
        assertEquals(1, m.size());
        m.clear();
        assertEquals(0, m.size());
        assertNull(m.get(2));
        assertEquals(0, m.values().size());
    }

    @Test
    void refusesHandlesBelowOne() {
        HandleMap<Entry> m = new HandleMap<>();
        assertThrows(IllegalArgumentException.class, () -> m.put(0, thread(1)));
        assertThrows(IllegalArgumentException.class, () -> m.put(-5, thread(1)));
    }

    /** Random puts and removes (growth, collisions, backward shifts) against a HashMap. */
    @Test
    void agreesWithHashMap() {
        Random random = new Random(42);
        HandleMap<Entry> m = new HandleMap<>();
        Map<Integer, Entry> ref = new HashMap<>();
        for (int op = 0; op < 200_000; op++) {
            // a small key space forces runs, removals inside runs and re-use of slots
            int h = 1 + random.nextInt(op < 100_000 ? 300 : 5000);
            if (random.nextInt(3) == 0) {
                assertSame(ref.remove(h), m.remove(h), "remove " + h);
            } else {
                Entry t = thread(h);
                ref.put(h, t);
                m.put(h, t);
            }
            if (op % 997 == 0) {
                assertEquals(ref.size(), m.size());
                for (int k = 1; k <= 5000; k++) {
                    assertSame(ref.get(k), m.get(k), "get " + k);
                }
                assertEquals(new HashSet<>(ref.values()), new HashSet<>(m.values()));
            }
        }
        // sequential handles as the module allocates them, 10,000 live, then all removed
        HandleMap<Entry> seq = new HandleMap<>();
        for (int h = 1; h <= 10_000; h++) {
            seq.put(h, thread(h));
        }
        assertEquals(10_000, seq.size());
        for (int h = 1; h <= 10_000; h++) {
            assertEquals(h, seq.remove(h).handle());
        }
        assertEquals(0, seq.size());
        assertEquals(Integer.MAX_VALUE, putAndGet(seq, Integer.MAX_VALUE).handle());
    }

    private static Entry putAndGet(HandleMap<Entry> m, int h) {
        m.put(h, thread(h));
        return m.get(h);
    }
}
