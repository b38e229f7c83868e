package dev.kthreadbridge;

/** The scheduler state of a task, from the letter the kernel reports (as in /proc/PID/stat). */
public enum ThreadState {
    RUNNING('R'),
    SLEEPING('S'),
    DISK_SLEEP('D'),
    STOPPED('T'),
    TRACED('t'),
    DEAD('X'),
    ZOMBIE('Z'),
    PARKED('P'),
    IDLE('I'),
    UNKNOWN('?');

    private final char letter;

    ThreadState(char letter) {
        this.letter = letter;
    }

    /** The state letter; {@code '?'} for {@link #UNKNOWN}. */
    public char letter() {
        return letter;
    }

    /** The state for a letter; {@link #UNKNOWN} for any other. */
    public static ThreadState fromLetter(int letter) {
        for (ThreadState s : values()) {
            if (s != UNKNOWN && s.letter == letter) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
