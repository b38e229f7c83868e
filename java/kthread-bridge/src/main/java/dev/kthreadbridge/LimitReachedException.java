// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * The module's thread limit is reached: EMFILE for the per-file limit
 * (module parameter {@code max_threads_per_file}), ENFILE for the global
 * one ({@code max_threads}).
 */
public final class LimitReachedException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; the hint names the module parameter for {@code errno}.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_thread_create(idle, name "w")}
     * @param errno     EMFILE (per-file limit) or ENFILE (global limit)
     */
    public LimitReachedException(String operation, int errno) {
        super(operation, errno, hint(errno));
    }

    private static String hint(int errno) {
        return errno == Errno.ENFILE.number()
                ? "global thread limit reached (module parameter max_threads)"
                : "per-file thread limit reached (module parameter max_threads_per_file)";
    }

    /**
     * Which limit was reached.
     *
     * @return true for the global limit (ENFILE, max_threads), false for the per-file one (EMFILE)
     */
    public boolean global() {
        return errno() == Errno.ENFILE.number();
    }
}
