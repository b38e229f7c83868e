// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.util.Optional;

/**
 * A call into the kernel module failed with an errno.
 *
 * <p>The message names the shim operation and its argument, the symbolic
 * errno and its text, e.g.
 * {@code kb_thread_wake(handle 3): ENOENT (No such file or directory)};
 * the subtypes add a hint. Errno numbers are those of Linux x86_64.
 *
 * <p>The subtypes are the failures callers act on:
 * {@link ThreadExitedException} (ESRCH), {@link WaitTimedOutException}
 * (ETIMEDOUT), {@link ThreadBusyException} (EBUSY),
 * {@link NoSuchThreadException} (ENOENT), {@link LimitReachedException}
 * (EMFILE, ENFILE), {@link PermissionDeniedException} (EPERM, EACCES),
 * {@link DeviceUnavailableException} and {@link IncompatibleModuleException}
 * (opening). Any other errno is this class itself; {@link #error()} names it.
 */
public sealed class KthreadBridgeException extends RuntimeException
        permits DeviceUnavailableException, IncompatibleModuleException, LimitReachedException,
        NoSuchThreadException, PermissionDeniedException, ThreadBusyException, ThreadExitedException,
        WaitTimedOutException {

    private static final long serialVersionUID = 1L;

    /** The shim call and its argument, e.g. {@code kb_thread_wake(handle 3)}. */
    private final String operation;
    /** The positive errno the call failed with. */
    private final int errno;

    /**
     * Creates the exception for a failed shim call, with no hint.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_thread_wake(handle 3)}
     * @param errno     the positive errno the call failed with
     */
    public KthreadBridgeException(String operation, int errno) {
        this(operation, errno, null);
    }

    /**
     * Creates the exception for a failed shim call, with a hint for the
     * subtypes to append to the message.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_thread_wake(handle 3)}
     * @param errno     the positive errno the call failed with
     * @param hint      what to check or do, appended after the errno text; null for none
     */
    protected KthreadBridgeException(String operation, int errno, String hint) {
        super(operation + ": " + Errno.nameOf(errno) + " (" + Errno.describe(errno) + ")"
                + (hint == null ? "" : ": " + hint));
        this.operation = operation;
        this.errno = errno;
    }

    /** With a message of the subtype's own ({@code errno} 0: the kernel reported no error). */
    KthreadBridgeException(String message, String operation, int errno) {
        super(message);
        this.operation = operation;
        this.errno = errno;
    }

    /**
     * The shim call that failed.
     *
     * @return the call and its argument, e.g. {@code kb_thread_wake(handle 3)}
     */
    public String operation() {
        return operation;
    }

    /**
     * The errno the call failed with.
     *
     * @return the positive errno, e.g. 2 for ENOENT; 0 when the kernel
     *         reported no error ({@link IncompatibleModuleException} for
     *         another ABI version)
     */
    public int errno() {
        return errno;
    }

    /**
     * The symbolic name of {@link #errno()}.
     *
     * @return e.g. {@code ENOENT}; {@code "errno N"} for one not in the table
     */
    public String errnoName() {
        return Errno.nameOf(errno);
    }

    /**
     * The errno as a constant, to switch on.
     *
     * @return the constant of {@link #errno()}, or empty when it is 0 (no
     *         errno) or a number {@link Errno} does not know
     */
    public Optional<Errno> error() {
        return Errno.of(errno);
    }
}
