// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/** How {@link KthreadBridge#run(ThreadSpec, StartMode)} returns. */
public enum StartMode {
    /** As kthread_run(): return once the thread was woken; it may not have entered threadfn yet. */
    WOKEN,
    /**
     * Return only once threadfn was entered (KB_CREATE_WAIT_ENTRY): a
     * deterministic start. Fails with {@link WaitTimedOutException} when
     * the timeout passes first ({@link KthreadBridge#DEFAULT_WAIT}, or the
     * one given to {@link KthreadBridge#run(ThreadSpec, StartMode, java.time.Duration)};
     * the module then stops the thread and no handle is left) or
     * {@link ThreadExitedException} if it was stopped before entering.
     */
    AWAIT_ENTRY
}
