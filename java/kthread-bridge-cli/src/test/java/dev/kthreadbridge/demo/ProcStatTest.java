// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A /proc/PID/stat line counts only when its start time is the thread's (pid reuse). */
class ProcStatTest {

    /** A kthread's stat line as 6.1 prints it, starttime (field 22) 1234 ticks. */
    private static final String LINE = "321 (kb-idle (x) y) S 2 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 1234"
            + " 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

    @Test
    void theStateOfTheSameTask() {
        assertEquals("S", ProcStat.parse(LINE, 12_340_000_000L));
        assertEquals("S", ProcStat.parse(LINE, 12_349_999_999L), "ns within the tick");
    }

    @Test
    void anotherTaskWithTheSamePidIsNotTheThread() {
        assertEquals("?", ProcStat.parse(LINE, 99_000_000_000L));
        assertEquals("?", ProcStat.parse("321 (short) S 2", 12_340_000_000L));
        assertEquals("-", ProcStat.state(0, 1), "pid 0: the module's pid of an exited thread");
    }
}
