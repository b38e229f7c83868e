// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * A scheduling policy to give a kernel thread, through the helpers the
 * kernel exports for kernel threads (KB_IOC_SCHED):
 * {@code sched_set_normal(task, nice)}, {@code sched_set_fifo(task)}
 * (SCHED_FIFO at priority MAX_RT_PRIO / 2 = 50) and
 * {@code sched_set_fifo_low(task)} (SCHED_FIFO at priority 1).
 * No other priority can be picked: these helpers are all a module may use.
 */
public sealed interface Scheduling {

    /** Lowest nice value (MIN_NICE). */
    int NICE_MIN = -20;
    /** Highest nice value (MAX_NICE). */
    int NICE_MAX = 19;

    /**
     * SCHED_NORMAL with {@code nice} in {@value #NICE_MIN}..{@value #NICE_MAX}.
     *
     * @param nice the nice value, {@value #NICE_MIN} (most CPU) to {@value #NICE_MAX} (least)
     */
    record Normal(int nice) implements Scheduling {
        /**
         * Checks the nice value.
         *
         * @param nice the nice value, {@value #NICE_MIN}..{@value #NICE_MAX}
         * @throws IllegalArgumentException if nice is outside {@value #NICE_MIN}..{@value #NICE_MAX}
         */
        public Normal {
            if (nice < NICE_MIN || nice > NICE_MAX) {
                throw new IllegalArgumentException("nice must be " + NICE_MIN + ".." + NICE_MAX + ", got " + nice);
            }
        }
    }

    /** SCHED_FIFO at priority 50 (sched_set_fifo()). */
    record Fifo() implements Scheduling {
    }

    /** SCHED_FIFO at priority 1 (sched_set_fifo_low()). */
    record FifoLow() implements Scheduling {
    }

    /**
     * SCHED_NORMAL at {@code nice}.
     *
     * @param nice the nice value, {@value #NICE_MIN}..{@value #NICE_MAX}
     * @return a {@link Normal}
     * @throws IllegalArgumentException if nice is outside -20..19 (the module would refuse it: EINVAL)
     */
    static Scheduling normal(int nice) {
        return new Normal(nice);
    }

    /**
     * SCHED_FIFO at priority 50 (sched_set_fifo()).
     *
     * @return a {@link Fifo}
     */
    static Scheduling fifo() {
        return new Fifo();
    }

    /**
     * SCHED_FIFO at priority 1 (sched_set_fifo_low()).
     *
     * @return a {@link FifoLow}
     */
    static Scheduling fifoLow() {
        return new FifoLow();
    }
}
