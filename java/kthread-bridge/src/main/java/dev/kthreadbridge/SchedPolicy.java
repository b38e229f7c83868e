// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/** A task's scheduling policy as the kernel reports it (kb_info.policy: the SCHED_* number). */
public enum SchedPolicy {
    /** SCHED_NORMAL (0): the default time-sharing policy, weighted by nice value. */
    NORMAL(0),
    /** SCHED_FIFO (1): real-time, first in first out at an RT priority. */
    FIFO(1),
    /** SCHED_RR (2): real-time, round-robin among tasks of one RT priority. */
    RR(2),
    /** SCHED_BATCH (3): time-sharing for CPU-bound, non-interactive work. */
    BATCH(3),
    /** SCHED_IDLE (5): runs only when no other task wants the CPU. */
    IDLE(5),
    /** SCHED_DEADLINE (6): earliest deadline first, with runtime and period. */
    DEADLINE(6),
    /** A number this library does not know. */
    UNKNOWN(-1);

    private final int id;

    SchedPolicy(int id) {
        this.id = id;
    }

    /**
     * The kernel's number for this policy.
     *
     * @return the SCHED_* number; -1 for {@link #UNKNOWN}
     */
    public int id() {
        return id;
    }

    /**
     * The policy for a SCHED_* number.
     *
     * @param id a SCHED_* number, as in kb_info.policy
     * @return the policy with that number; {@link #UNKNOWN} for any other
     */
    public static SchedPolicy fromId(int id) {
        for (SchedPolicy p : values()) {
            if (p != UNKNOWN && p.id == id) {
                return p;
            }
        }
        return UNKNOWN;
    }
}
