// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kernel thread's line in /proc/PID/stat, read only when it is that
 * thread: a pid can be reused once the thread exited, so the task's start
 * time (field 22, in clock ticks) must match the module's start_time_ns.
 */
public final class ProcStat {

    /** USER_HZ: /proc's clock ticks per second, 100 on every Linux architecture this runs on. */
    static final long TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /**
     * The scheduler state letter /proc shows for the thread.
     *
     * @param pid            the pid the thread was created with
     * @param startTimeNanos the module's start_time_ns of the thread
     * @return the state letter, "-" when the task is gone, "?" when the
     *         pid now names another task (or the line cannot be parsed)
     */
    public static String state(int pid, long startTimeNanos) {
        if (pid <= 0) {
            return "-";
        }
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            return "-";
        }
        return parse(stat, startTimeNanos);
    }

    /** The state letter of a stat line whose start time matches, "?" otherwise. */
    static String parse(String stat, long startTimeNanos) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return "?";
        }
        // the fields after the comm: field 3 (state) is the first, field 22 (starttime) the 20th
        String[] f = stat.substring(close + 2).trim().split(" ");
        if (f.length < 20) {
            return "?";
        }
        long ticks;
        try {
            ticks = Long.parseLong(f[19]);
        } catch (NumberFormatException e) {
            return "?";
        }
        return ticks == startTimeNanos / (1_000_000_000L / TICKS_PER_SECOND) ? f[0] : "?";
    }
}
