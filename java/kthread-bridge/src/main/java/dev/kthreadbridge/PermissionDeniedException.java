// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * The module or the device node refused the caller (EPERM or EACCES).
 *
 * <p>Opening: {@code /dev/kthread_bridge} is root's (CAP_SYS_ADMIN) unless
 * the module was loaded with {@code node_access=1}, when the node's group
 * (kthread-bridge) may open it; the message then says what to do. A
 * command on an open bridge (EPERM): the device was opened without
 * CAP_SYS_NICE, and the call asked for a real-time policy, a nice below 0,
 * or a CPU the calling thread may not run on (docs/security.md).
 */
public final class PermissionDeniedException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    /** The fix for a refused open: the one place it is written. */
    static final String OPEN_FIX = "run as root, or load kthread_bridge with node_access=1"
            + " and add the user to group kthread-bridge (docs/security.md)";

    /** Why a command on an open bridge is refused. */
    static final String COMMAND_FIX = "the device was opened without CAP_SYS_NICE: real-time policies,"
            + " nice below 0 and CPUs outside the caller's affinity need it (docs/security.md)";

    /**
     * Creates the exception for a command on an open bridge.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_thread_sched(handle 3)}
     * @param errno     the positive errno, EPERM or EACCES
     */
    public PermissionDeniedException(String operation, int errno) {
        this(operation, errno, false);
    }

    /**
     * Creates the exception.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_open(/dev/kthread_bridge)}
     * @param errno     the positive errno, EPERM or EACCES
     * @param opening   whether opening the device failed (the message then
     *                  says how to be let in)
     */
    public PermissionDeniedException(String operation, int errno, boolean opening) {
        super(operation, errno, opening ? OPEN_FIX : COMMAND_FIX);
    }
}
