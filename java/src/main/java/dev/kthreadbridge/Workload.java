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

    /** Returns {@code code} at once: the thread ends by itself. */
    record Exit(int code) implements Workload {
    }

    /** Busy-loops for {@code duration}, then sleeps as {@link Idle} until stopped; returns 0. */
    record Spin(Duration duration) implements Workload {
        public Spin {
            Objects.requireNonNull(duration, "duration");
            long ns = nanos(duration, "spin duration");
            if (ns < 1 || ns > SPIN_MAX.toNanos()) {
                throw new IllegalArgumentException("spin duration must be 1 ns .. 60 s (KB_SPIN_MAX_NS = "
                        + SPIN_MAX.toNanos() + " ns), got " + duration);
            }
        }
    }

    /** Sleeps {@code period} with an hrtimer, counting iterations; returns the iterations. */
    record Periodic(Duration period) implements Workload {
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

    static Workload idle() {
        return new Idle();
    }

    static Workload exit(int code) {
        return new Exit(code);
    }

    static Workload spin(Duration duration) {
        return new Spin(duration);
    }

    static Workload periodic(Duration period) {
        return new Periodic(period);
    }

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
