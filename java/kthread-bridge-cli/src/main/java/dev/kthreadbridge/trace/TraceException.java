// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import java.io.IOException;

/** A trace could not be taken: what went wrong (naming the operation) and the fix, if there is one. */
public final class TraceException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String fix;

    public TraceException(String what, String fix, Throwable cause) {
        super(what, cause);
        this.fix = fix;
    }

    public TraceException(String what, String fix) {
        this(what, fix, null);
    }

    /** What to do about it, or null. */
    public String fix() {
        return fix;
    }
}
