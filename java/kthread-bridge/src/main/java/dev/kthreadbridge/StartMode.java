// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/** How {@link KthreadBridge#run(ThreadSpec, StartMode)} returns. */
public enum StartMode {
    /** As kthread_run(): return once the thread was woken; it may not have entered threadfn yet. */
    WOKEN,
    /**
     * Return only once threadfn was entered (KB_CREATE_WAIT_ENTRY): a
     * deterministic start. Fails with ETIMEDOUT after 10 s
     * (KB_WAIT_ENTRY_MS; the module then stops the thread and no handle is
     * left) or ESRCH if it was stopped before entering.
     */
    AWAIT_ENTRY
}
