// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The comm field of a kb_info as a String, with the last one kept (as
 * {@link CpuSets} does for masks): a stop() or info() in a loop reports the
 * same name again and again, and decoding it each time allocates twice.
 */
public final class CommNames {

    private record Last(byte[] bytes, String name) {
    }

    private static volatile Last last = new Last(new byte[0], "");

    private CommNames() {
    }

    /** The bytes of {@code comm} up to its first NUL (or all of it), decoded as UTF-8. */
    public static String of(MemorySegment comm) {
        int len = 0;
        long max = comm.byteSize();
        while (len < max && comm.get(ValueLayout.JAVA_BYTE, len) != 0) {
            len++;
        }
        Last l = last;
        if (l.bytes().length == len && same(comm, l.bytes())) {
            return l.name();
        }
        byte[] bytes = new byte[len];
        MemorySegment.copy(comm, ValueLayout.JAVA_BYTE, 0, bytes, 0, len);
        String name = new String(bytes, StandardCharsets.UTF_8);
        last = new Last(bytes, name);
        return name;
    }

    private static boolean same(MemorySegment comm, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (comm.get(ValueLayout.JAVA_BYTE, i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
