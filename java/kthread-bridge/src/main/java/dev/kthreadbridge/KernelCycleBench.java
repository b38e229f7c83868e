// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.time.Duration;

/**
 * The module's own lifecycle loop (KB_IOC_BENCH, KB_BENCH_CYCLE):
 * kthread_create() of an idle thread, wake_up_process(), kthread_stop(),
 * {@code count} times with no user space in between.
 *
 * @param count   cycles run
 * @param elapsed all cycles
 * @param min     the fastest cycle
 * @param max     the slowest cycle
 */
public record KernelCycleBench(int count, Duration elapsed, Duration min, Duration max) {

    /** Most cycles one call runs (KB_BENCH_MAX). */
    public static final int MAX_COUNT = 100_000;

    /**
     * The mean duration of one cycle.
     *
     * @return {@code elapsed} divided by {@code count}
     */
    public Duration mean() {
        return elapsed.dividedBy(count);
    }
}
