// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * What stopping a kernel thread (kthread_stop()) gave.
 *
 * <p>{@link Returned} if threadfn was entered (KB_STATUS_ENTERED), with
 * the value it returned, which may be any int, {@code -4} included;
 * {@link NeverRan} if the thread was stopped before threadfn ran, where
 * kthread_stop() returns -EINTR. The decision is made on the ENTERED bit,
 * never on the value.
 */
public sealed interface StopResult {

    /**
     * The thread's final state as the module reported it on STOP; null
     * when it was stopped through {@link KthreadBridge#stopAll}, whose
     * batch call reports only the result and the status bits.
     *
     * @return the final {@link ThreadInfo}, or null after {@link KthreadBridge#stopAll}
     */
    ThreadInfo info();

    /**
     * threadfn ran and returned {@code value}.
     *
     * @param value what threadfn returned, also when it is -4 (the value of -EINTR)
     * @param info  the thread's final state, or null after {@link KthreadBridge#stopAll}
     */
    record Returned(int value, ThreadInfo info) implements StopResult {
    }

    /**
     * threadfn never ran; {@code result} is what kthread_stop() returned (-EINTR).
     *
     * @param result what kthread_stop() returned: -EINTR (-4)
     * @param info   the thread's final state, or null after {@link KthreadBridge#stopAll}
     */
    record NeverRan(int result, ThreadInfo info) implements StopResult {
    }
}
