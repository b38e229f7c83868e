// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * A kernel thread ended: its threadfn returned, or it was stopped before
 * threadfn ran (the module's KB_EVENT_EXIT record).
 *
 * @param handle    the thread's handle
 * @param result    what threadfn returned if {@code ran}, else what kthread_stop() returned (-EINTR)
 * @param ran       whether threadfn was entered (KB_STATUS_ENTERED)
 * @param timeNanos CLOCK_MONOTONIC ns: threadfn's return if it ran, else kthread_stop()'s return
 */
public record ExitEvent(int handle, int result, boolean ran, long timeNanos) {
}
