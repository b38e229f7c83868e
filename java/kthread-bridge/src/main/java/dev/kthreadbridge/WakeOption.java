// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/** Options of {@link KernelThread#wake(WakeOption...)}. */
public enum WakeOption {
    /**
     * Return only once threadfn was entered (KB_WAKE_WAIT_ENTRY). Fails
     * with ETIMEDOUT after 10 s (KB_WAIT_ENTRY_MS), ESRCH if the thread
     * was stopped before it entered.
     */
    AWAIT_ENTRY
}
