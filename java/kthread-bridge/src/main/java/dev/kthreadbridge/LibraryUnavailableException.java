// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * The native shim libkthreadbridge.so cannot be used: it is missing or fails
 * to load, the platform is not linux-x86_64, or native access is not enabled
 * for the library's module ({@code --enable-native-access=ALL-UNNAMED} on
 * the command line, or {@code Enable-Native-Access: ALL-UNNAMED} in an
 * executable jar's manifest).
 */
public final class LibraryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is missing and how to fix it
     */
    public LibraryUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what is missing and how to fix it
     * @param cause   the underlying failure, e.g. the I/O error extracting
     *                the library or the error loading it
     */
    public LibraryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
