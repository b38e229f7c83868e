// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** Garbage collections and JIT compile time of this JVM so far, to subtract: what ran beside a measurement. */
record JvmActivity(long gcCount, long gcMillis, long jitMillis) {

    static JvmActivity now() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        return new JvmActivity(count, millis, jitMillis);
    }

    JvmActivity minus(JvmActivity earlier) {
        return new JvmActivity(gcCount - earlier.gcCount, gcMillis - earlier.gcMillis, jitMillis - earlier.jitMillis);
    }

    /**
     * Waits until the JIT has compiled nothing for 1 s (at most 30 s): under TCG with one vCPU a
     * compile that runs beside a measured block takes the CPU from it. Returns the ms waited.
     */
    static long awaitJitIdle() throws InterruptedException {
        long start = System.nanoTime();
        long last = now().jitMillis();
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() - start < 30_000_000_000L) {
            Thread.sleep(200);
            long now = now().jitMillis();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
