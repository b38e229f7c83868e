// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

/** A kernel-test engine failure, naming the operation that failed and, where there is one, the fix. */
public class KernelTestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelTestException(String operation, String problem) {
        super(operation + ": " + problem);
    }

    public KernelTestException(String operation, String problem, Throwable cause) {
        super(operation + ": " + problem, cause);
    }
}
