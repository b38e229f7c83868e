// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * The thread has exited, so the command cannot act on it (ESRCH): its
 * threadfn returned (an EXIT workload, or any workload after a stop), or
 * kthread_stop() returned for it. Its handle stays valid until
 * {@link KernelThread#stop()}: {@link KernelThread#info()} and
 * {@code stop()} still work and tell how it ended.
 */
public final class ThreadExitedException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_thread_park(handle 3)}
     * @param errno     the positive errno, ESRCH
     */
    public ThreadExitedException(String operation, int errno) {
        super(operation, errno, "the thread has exited: info() and stop() still work");
    }
}
