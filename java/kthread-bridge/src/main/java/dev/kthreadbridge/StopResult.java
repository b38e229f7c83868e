// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import org.jspecify.annotations.Nullable;

/**
 * How a kernel thread ended: what {@link KernelThread#stop()} returns and
 * what {@link KernelThread#onExit()} completes with, whichever way the
 * thread ended (stopped by this program, by {@link KthreadBridge#stopAll},
 * by the module's autostop, or an EXIT workload that returned by itself).
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
     * when the end came from a batch ({@link KthreadBridge#stopAll}, which
     * reports only the result and the status bits) or from the module's
     * exit event ({@link KernelThread#onExit()} of a thread not stopped
     * by {@link KernelThread#stop()}).
     *
     * @return the final {@link ThreadInfo}, or null (see above)
     */
    @Nullable ThreadInfo info();

    /**
     * When the thread ended, in the kernel's CLOCK_MONOTONIC ns: threadfn's
     * return for {@link Returned}, kthread_stop()'s for {@link NeverRan};
     * 0 when not known (after {@link KthreadBridge#stopAll}).
     *
     * @return the end time in ns, or 0
     */
    long endNanos();

    /**
     * threadfn ran and returned {@code value}.
     *
     * @param value    what threadfn returned, also when it is -4 (the value of -EINTR)
     * @param endNanos when threadfn returned (CLOCK_MONOTONIC ns), or 0 when not known
     * @param info     the thread's final state, or null (see {@link StopResult#info()})
     */
    record Returned(int value, long endNanos, @Nullable ThreadInfo info) implements StopResult {
    }

    /**
     * threadfn never ran; {@code result} is what kthread_stop() returned (-EINTR).
     *
     * @param result   what kthread_stop() returned: -EINTR (-4)
     * @param endNanos when kthread_stop() returned (CLOCK_MONOTONIC ns), or 0 when not known
     * @param info     the thread's final state, or null (see {@link StopResult#info()})
     */
    record NeverRan(int result, long endNanos, @Nullable ThreadInfo info) implements StopResult {
    }
}
