// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

/**
 * Progress of long runs on stderr: a redrawn line on a terminal, otherwise
 * (VM output log) a line every ~10% or 5 s, so long TCG runs show life.
 */
public final class Progress {

    private final String what;
    private final long total;
    private final boolean tty = System.console() != null;
    private final long start = System.nanoTime();
    private long lastPrint;
    private int lastDecile = -1;

    public Progress(String what, long total) {
        this.what = what;
        this.total = Math.max(1, total);
    }

    public void update(long done) {
        long now = System.nanoTime();
        int decile = (int) (done * 10 / total);
        if (tty ? now - lastPrint > 200_000_000L || done == total
                : decile != lastDecile || now - lastPrint > 5_000_000_000L) {
            lastPrint = now;
            lastDecile = decile;
            double secs = (now - start) / 1e9;
            String eta = done > 0 && done < total ? String.format(" eta %.0fs", secs * (total - done) / done) : "";
            String line = String.format("[%s] %d/%d (%d%%) %.1fs%s", what, done, total, done * 100 / total, secs, eta);
            if (tty) {
                System.err.print("\r" + line + (done == total ? "\n" : ""));
            } else {
                System.err.println(line);
            }
            System.err.flush();
        }
    }
}
