// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/** The scheduler state of a task, from the letter the kernel reports (as in /proc/PID/stat). */
public enum ThreadState {
    /** {@code 'R'}: running or runnable (on a run queue). */
    RUNNING('R'),
    /** {@code 'S'}: interruptible sleep. */
    SLEEPING('S'),
    /** {@code 'D'}: uninterruptible sleep. */
    DISK_SLEEP('D'),
    /** {@code 'T'}: stopped by a job-control signal. */
    STOPPED('T'),
    /** {@code 't'}: stopped by a tracer. */
    TRACED('t'),
    /** {@code 'X'}: dead, being removed. */
    DEAD('X'),
    /** {@code 'Z'}: exited, not yet reaped. */
    ZOMBIE('Z'),
    /** {@code 'P'}: parked (kthread_park()). */
    PARKED('P'),
    /** {@code 'I'}: idle, an uninterruptible sleep that does not count toward the load average (TASK_IDLE). */
    IDLE('I'),
    /** A letter this library does not know. */
    UNKNOWN('?');

    private final char letter;

    ThreadState(char letter) {
        this.letter = letter;
    }

    /**
     * The kernel's letter for this state.
     *
     * @return the state letter; {@code '?'} for {@link #UNKNOWN}
     */
    public char letter() {
        return letter;
    }

    /**
     * The state for a letter.
     *
     * @param letter a state letter as the kernel reports it (kb_info.state)
     * @return the state with that letter; {@link #UNKNOWN} for any other
     */
    public static ThreadState fromLetter(int letter) {
        for (ThreadState s : values()) {
            if (s != UNKNOWN && s.letter == letter) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
