// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * The thread is in a state the command cannot change (EBUSY): e.g.
 * {@link KernelThread#park()} of a thread that is already parked.
 */
public final class ThreadBusyException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_thread_park(handle 3)}
     * @param errno     the positive errno, EBUSY
     */
    public ThreadBusyException(String operation, int errno) {
        super(operation, errno, "the thread is busy: e.g. already parked");
    }
}
