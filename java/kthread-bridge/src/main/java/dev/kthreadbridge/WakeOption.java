// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/** Options of {@link KernelThread#wake(WakeOption...)}. */
public enum WakeOption {
    /**
     * Return only once threadfn was entered (KB_WAKE_WAIT_ENTRY). Fails
     * with {@link WaitTimedOutException} after {@link KthreadBridge#DEFAULT_WAIT}
     * (the thread was woken and keeps its handle; for another timeout use
     * {@link KernelThread#wakeAndAwaitEntry(java.time.Duration)}), or
     * {@link ThreadExitedException} if the thread was stopped before it entered.
     */
    AWAIT_ENTRY
}
