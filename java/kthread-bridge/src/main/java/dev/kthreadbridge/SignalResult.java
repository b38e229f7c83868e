// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.time.Duration;

/**
 * What a SIGNAL to a {@link Workload.Wait} thread gave (KB_IOC_SIGNAL).
 * Timestamps are the kernel's CLOCK_MONOTONIC ns.
 *
 * @param seq          this signal's number for the thread, from 1
 * @param signalNanos  when the module signalled (woke) the thread
 * @param runningNanos when the thread ran again, stamped by the thread itself;
 *                     0 unless the signal was sent with {@link KernelThread#signalAndWait()}
 */
public record SignalResult(long seq, long signalNanos, long runningNanos) {

    /**
     * Whether the call waited for the thread to run ({@link KernelThread#signalAndWait()}).
     *
     * @return true if {@link #runningNanos()} is set (not 0)
     */
    public boolean waited() {
        return runningNanos != 0;
    }

    /**
     * The wake-up latency as the kernel saw it: signal to running again.
     *
     * @return {@code runningNanos - signalNanos}
     *
     * @throws IllegalStateException if the call did not wait for the thread ({@link KernelThread#signal()})
     */
    public Duration latency() {
        if (!waited()) {
            throw new IllegalStateException("no running timestamp: signal() does not wait, use signalAndWait()");
        }
        return Duration.ofNanos(runningNanos - signalNanos);
    }
}
