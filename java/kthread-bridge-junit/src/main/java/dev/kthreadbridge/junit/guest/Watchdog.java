// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.guest;

import dev.kthreadbridge.junit.wire.Event;
import dev.kthreadbridge.junit.wire.EventFile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Map;

/**
 * Ends the guest's run when a top-level class runs past its timeout:
 * writes a {@link Event.Hung} record with a thread dump, then halts the JVM
 * with {@link #EXIT_TIMEOUT} (the guest then powers off; the host fails
 * what was not reported).
 */
final class Watchdog implements Runnable {

    /** The guest runner's exit status after a class timed out (vm-run's timeout status). */
    static final int EXIT_TIMEOUT = 124;

    private final EventFile.Writer out;
    private final Map<String, Integer> timeouts;
    private final int defaultTimeout;
    private String classId;
    private long deadlineNanos;
    private int timeoutSeconds;

    Watchdog(EventFile.Writer out, Map<String, Integer> timeouts, int defaultTimeout) {
        this.out = out;
        this.timeouts = timeouts;
        this.defaultTimeout = defaultTimeout;
    }

    synchronized void classStarted(String uniqueId, String className) {
        classId = uniqueId;
        timeoutSeconds = timeouts.getOrDefault(className, defaultTimeout);
        deadlineNanos = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    }

    synchronized void classFinished(String uniqueId) {
        if (uniqueId.equals(classId)) {
            classId = null;
        }
    }

    @Override
    public void run() {
        while (true) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            String hung;
            int seconds;
            synchronized (this) {
                if (classId == null || System.nanoTime() - deadlineNanos < 0) {
                    continue;
                }
                hung = classId;
                seconds = timeoutSeconds;
            }
            out.write(new Event.Hung(hung, seconds, threadDump()), true);
            Runtime.getRuntime().halt(EXIT_TIMEOUT);
        }
    }

    /** The JVM's non-daemon threads (the test's among them) with up to 40 frames each. */
    private static String threadDump() {
        StringBuilder b = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (t.isDaemon()) {
                continue;
            }
            b.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState()).append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 40); i++) {
                b.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > 40) {
                b.append("\t...\n");
            }
        }
        return b.toString();
    }
}
