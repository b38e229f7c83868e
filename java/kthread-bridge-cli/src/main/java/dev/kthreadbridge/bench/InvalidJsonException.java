// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import java.io.IOException;

/**
 * A JSON document that cannot be read: truncated, malformed (a {@code +5},
 * a trailing comma) or followed by more text. The message names the source,
 * the line and column and what was wrong, on one line.
 */
public final class InvalidJsonException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message where and what, e.g. {@code bench.json: not valid JSON at line 3, column 1: ...}
     * @param cause   the parser's exception
     */
    public InvalidJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
