// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

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
}
