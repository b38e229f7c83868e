// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * A wait with a caller-given timeout ended before the thread got there
 * (ETIMEDOUT): {@link KernelThread#wakeAndAwaitEntry(java.time.Duration)},
 * {@link KernelThread#signalAndWait(java.time.Duration)} or
 * {@link KthreadBridge#run(ThreadSpec, StartMode, java.time.Duration)}.
 *
 * <p>What happened before the wait stays done, and {@link #acted()} says
 * so: a wake-up or a signal was delivered (the thread and its handle
 * stay); a {@code run} that timed out left no thread and no handle
 * ({@code acted()} false).
 */
public final class WaitTimedOutException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    /** Whether the action before the wait (wake-up, signal) took place. */
    private final boolean acted;

    /**
     * Creates the exception.
     *
     * @param operation the shim call and its argument
     * @param errno     the positive errno, ETIMEDOUT
     * @param acted     whether the action before the wait took place and stays done
     */
    public WaitTimedOutException(String operation, int errno, boolean acted) {
        super(operation, errno, acted ? "timed out waiting, after the action took place"
                : "timed out waiting; nothing is left of the call");
        this.acted = acted;
    }

    /**
     * Whether the call acted before it waited.
     *
     * @return true when the wake-up or signal was delivered (and stays so),
     *         false when nothing of the call remains (a {@code run} whose
     *         thread was stopped again)
     */
    public boolean acted() {
        return acted;
    }
}
