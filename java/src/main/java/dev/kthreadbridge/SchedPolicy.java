package dev.kthreadbridge;

/** A task's scheduling policy as the kernel reports it (kb_info.policy: the SCHED_* number). */
public enum SchedPolicy {
    NORMAL(0),
    FIFO(1),
    RR(2),
    BATCH(3),
    IDLE(5),
    DEADLINE(6),
    /** A number this library does not know. */
    UNKNOWN(-1);

    private final int id;

    SchedPolicy(int id) {
        this.id = id;
    }

    /** The SCHED_* number; -1 for {@link #UNKNOWN}. */
    public int id() {
        return id;
    }

    /** The policy for a SCHED_* number; {@link #UNKNOWN} for any other. */
    public static SchedPolicy fromId(int id) {
        for (SchedPolicy p : values()) {
            if (p != UNKNOWN && p.id == id) {
                return p;
            }
        }
        return UNKNOWN;
    }
}
