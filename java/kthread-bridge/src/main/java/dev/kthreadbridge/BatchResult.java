// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one batch call (KB_IOC_BATCH): the module tries every
 * item and reports each one's success or errno. Nothing is thrown for a
 * failed item; a failure of the call as a whole throws
 * {@link KthreadBridgeException}.
 *
 * @param items one per requested item, in request order
 * @param <T>   what a successful item gives: the {@link KernelThread}
 *              (create, run), whether the wake-up woke it (wake) or the
 *              {@link StopResult} (stop)
 */
public record BatchResult<T>(List<Item<T>> items) {

    /**
     * One item.
     *
     * @param index  its position in the request
     * @param thread the thread it concerns: the new one (create, run;
     *               null if creating it failed) or the one passed in
     * @param value  its result, null if it failed
     * @param error  why it failed, null if it succeeded
     * @param <T>    what a successful item gives, as in {@link BatchResult}
     */
    public record Item<T>(int index, KernelThread thread, T value, KthreadBridgeException error) {

        /**
         * Whether this item succeeded.
         *
         * @return true if {@link #error()} is null
         */
        public boolean succeeded() {
            return error == null;
        }
    }

    /**
     * Creates a batch result; {@code items} is copied into an unmodifiable list.
     *
     * @param items one per requested item, in request order
     * @throws NullPointerException if {@code items} is null or holds null
     */
    public BatchResult {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /**
     * How many items were requested.
     *
     * @return the number of items, succeeded and failed
     */
    public int requested() {
        return items.size();
    }

    /**
     * The values of the items that succeeded, in request order.
     *
     * @return an unmodifiable list, empty if no item succeeded
     */
    public List<T> succeeded() {
        return items.stream().filter(Item::succeeded).map(Item::value).toList();
    }

    /**
     * The items that failed, in request order.
     *
     * @return an unmodifiable list, empty if every item succeeded
     */
    public List<Item<T>> failures() {
        return items.stream().filter(i -> !i.succeeded()).toList();
    }

    /**
     * Whether every item succeeded.
     *
     * @return true if no item carries an error
     */
    public boolean allSucceeded() {
        return items.stream().allMatch(Item::succeeded);
    }
}
