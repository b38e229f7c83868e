// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * The device refused the caller (EPERM or EACCES): opening
 * /dev/kthread_bridge needs root, or CAP_SYS_ADMIN and access to the
 * device node.
 */
public final class PermissionDeniedException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_open(/dev/kthread_bridge)}
     * @param errno     the positive errno, EPERM or EACCES
     */
    public PermissionDeniedException(String operation, int errno) {
        super(operation, errno, "needs root / CAP_SYS_ADMIN and access to the device node");
    }
}
