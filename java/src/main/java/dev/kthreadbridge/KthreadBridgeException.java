package dev.kthreadbridge;

import dev.kthreadbridge.internal.Errno;

/**
 * A call into the kernel module failed with an errno.
 *
 * <p>The message names the shim operation and its argument, the symbolic
 * errno and its text, e.g.
 * {@code kb_thread_wake(handle 3): ENOENT (No such file or directory)};
 * the subtypes add a hint. Errno numbers are those of Linux x86_64.
 */
public class KthreadBridgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;

    /**
     * @param operation the shim call and its argument, e.g. {@code kb_thread_wake(handle 3)}
     * @param errno     the positive errno the call failed with
     */
    public KthreadBridgeException(String operation, int errno) {
        this(operation, errno, null);
    }

    protected KthreadBridgeException(String operation, int errno, String hint) {
        super(operation + ": " + Errno.name(errno) + " (" + Errno.description(errno) + ")"
                + (hint == null ? "" : ": " + hint));
        this.operation = operation;
        this.errno = errno;
    }

    /** The shim call and its argument, e.g. {@code kb_thread_wake(handle 3)}. */
    public String operation() {
        return operation;
    }

    /** The positive errno, e.g. 2. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno, e.g. {@code ENOENT}; {@code "errno N"} for one not in the table. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
