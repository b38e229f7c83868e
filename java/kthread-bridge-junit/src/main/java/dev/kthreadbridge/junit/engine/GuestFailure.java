// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

/**
 * Why a guest's tests were not (all) reported: the guest kernel failed
 * (oops, WARN, panic, hung task), the guest or a class timed out, or the
 * runner failed. The message carries the console/dmesg excerpt.
 */
public final class GuestFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** What happened, as vm-run.sh's exit status tells it. */
    public enum Kind { KERNEL, TIMEOUT, CLASS_TIMEOUT, RUNNER, GUEST_JVM }

    private final Kind kind;

    GuestFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** What happened. */
    public Kind kind() {
        return kind;
    }
}
