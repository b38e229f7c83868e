// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

/**
 * A command could not do its work for a reason it can name: what went
 * wrong, how to fix it and the exit status ({@link ExitCodes}). The error
 * handler prints it as {@code kb: error: WHAT — FIX}, without a stack trace.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String fix;

    /**
     * Creates the failure.
     *
     * @param exitCode the exit status, one of {@link ExitCodes}
     * @param what     what went wrong
     * @param fix      what to do about it, or null if the message already says
     */
    CommandFailure(int exitCode, String what, String fix) {
        super(what);
        this.exitCode = exitCode;
        this.fix = fix;
    }

    /** As {@link #CommandFailure(int, String, String)}, keeping the exception that caused it. */
    CommandFailure(int exitCode, String what, String fix, Throwable cause) {
        super(what, cause);
        this.exitCode = exitCode;
        this.fix = fix;
    }

    int exitCode() {
        return exitCode;
    }

    /** What to do about it; null if the message says already. */
    String fix() {
        return fix;
    }
}
