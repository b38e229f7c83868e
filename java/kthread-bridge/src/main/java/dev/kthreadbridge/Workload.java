// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.time.Duration;
import java.util.Objects;

/**
 * What a kernel thread runs: one of the module's fixed thread functions,
 * picked by id. No code is passed to the kernel.
 *
 * <p>The factories check the module's ranges and throw
 * {@link IllegalArgumentException} naming the limit.
 */
public sealed interface Workload {

    /** Longest {@link #spin} (KB_SPIN_MAX_NS): 60 s. */
    Duration SPIN_MAX = Duration.ofNanos(60_000_000_000L);
    /** Shortest {@link #periodic} period (KB_PERIOD_MIN_NS): 10 µs. */
    Duration PERIOD_MIN = Duration.ofNanos(10_000L);
    /** Longest {@link #periodic} period (KB_PERIOD_MAX_NS): 60 s. */
    Duration PERIOD_MAX = Duration.ofNanos(60_000_000_000L);

    /** Sleeps until stopped, counting wake-ups; threadfn returns the number of wake-ups. */
    record Idle() implements Workload {
    }

    /**
     * Returns {@code code} at once: the thread ends by itself.
     *
     * @param code the value threadfn returns, reported by {@link StopResult.Returned#value()}
     */
    record Exit(int code) implements Workload {
    }

    /**
     * Busy-loops for {@code duration}, then sleeps as {@link Idle} until stopped; returns 0.
     *
     * @param duration how long to busy-loop (with cond_resched()), 1 ns to {@link #SPIN_MAX}
     */
    record Spin(Duration duration) implements Workload {
        /**
         * Checks the duration.
         *
         * @param duration how long to busy-loop, 1 ns to {@link #SPIN_MAX}
         * @throws NullPointerException     if {@code duration} is null
         * @throws IllegalArgumentException if {@code duration} is outside 1 ns..{@link #SPIN_MAX}
         */
        public Spin {
            Objects.requireNonNull(duration, "duration");
            long ns = nanos(duration, "spin duration");
            if (ns < 1 || ns > SPIN_MAX.toNanos()) {
                throw new IllegalArgumentException("spin duration must be 1 ns .. 60 s (KB_SPIN_MAX_NS = "
                        + SPIN_MAX.toNanos() + " ns), got " + duration);
            }
        }
    }

    /**
     * Sleeps {@code period} with an hrtimer, counting iterations; returns the iterations.
     * Missed periods are skipped, not made up.
     *
     * @param period the hrtimer period, {@link #PERIOD_MIN} to {@link #PERIOD_MAX}
     */
    record Periodic(Duration period) implements Workload {
        /**
         * Checks the period.
         *
         * @param period the hrtimer period, {@link #PERIOD_MIN} to {@link #PERIOD_MAX}
         * @throws NullPointerException     if {@code period} is null
         * @throws IllegalArgumentException if {@code period} is outside {@link #PERIOD_MIN}..{@link #PERIOD_MAX}
         */
        public Periodic {
            Objects.requireNonNull(period, "period");
            long ns = nanos(period, "period");
            if (ns < PERIOD_MIN.toNanos() || ns > PERIOD_MAX.toNanos()) {
                throw new IllegalArgumentException("period must be 10 us (KB_PERIOD_MIN_NS = "
                        + PERIOD_MIN.toNanos() + " ns) .. 60 s (KB_PERIOD_MAX_NS = "
                        + PERIOD_MAX.toNanos() + " ns), got " + period);
            }
        }
    }

    /**
     * Sleeps until {@link KernelThread#signal() signalled}; each time it
     * runs again it stamps the time and counts an iteration. Returns the
     * iterations.
     */
    record Wait() implements Workload {
    }

    /**
     * Sleeps until stopped, counting wake-ups.
     *
     * @return an {@link Idle}
     */
    static Workload idle() {
        return new Idle();
    }

    /**
     * Returns {@code code} at once: the thread ends by itself.
     *
     * @param code the value threadfn returns
     * @return an {@link Exit}
     */
    static Workload exit(int code) {
        return new Exit(code);
    }

    /**
     * Busy-loops for {@code duration}, then sleeps until stopped.
     *
     * @param duration how long to busy-loop, 1 ns to {@link #SPIN_MAX}
     * @return a {@link Spin}
     * @throws NullPointerException     if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is outside 1 ns..{@link #SPIN_MAX}
     */
    static Workload spin(Duration duration) {
        return new Spin(duration);
    }

    /**
     * Sleeps one {@code period} at a time with an hrtimer until stopped.
     *
     * @param period the hrtimer period, {@link #PERIOD_MIN} to {@link #PERIOD_MAX}
     * @return a {@link Periodic}
     * @throws NullPointerException     if {@code period} is null
     * @throws IllegalArgumentException if {@code period} is outside {@link #PERIOD_MIN}..{@link #PERIOD_MAX}
     */
    static Workload periodic(Duration period) {
        return new Periodic(period);
    }

    /**
     * Sleeps until {@link KernelThread#signal() signalled}, counting each run.
     *
     * @return a {@link Wait}
     */
    static Workload waitForSignal() {
        return new Wait();
    }

    private static long nanos(Duration d, String what) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " out of range: " + d, e);
        }
    }
}
