// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import java.util.ArrayList;
import java.util.List;

/** CPU burners for a "loaded" condition: busy Java threads until closed. */
final class CpuLoad implements AutoCloseable {
    private volatile boolean run = true;
    private final List<Thread> threads = new ArrayList<>();

    /** Starts {@code n} busy daemon threads. */
    CpuLoad(int n) {
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (run) {
                    x += System.nanoTime() & 1;
                }
                if (x == 42) {
                    System.err.print("");
                }
            }, "kb-load-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        run = false;
        for (Thread t : threads) {
            t.join();
        }
    }
}
