// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/** The module knows no thread by that handle on this open file (ENOENT). */
public final class NoSuchThreadException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_thread_wake(handle 3)}
     * @param errno     the positive errno, ENOENT
     */
    public NoSuchThreadException(String operation, int errno) {
        super(operation, errno, "no such thread handle on this open device file");
    }
}
