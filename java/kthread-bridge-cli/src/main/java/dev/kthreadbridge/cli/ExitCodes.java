// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses of {@code kb}, after sysexits.h where one fits; the top
 * command's help lists them ({@link #descriptions()}).
 */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The operation failed: the kernel refused it (errno), or it cannot be done (kb stop). */
    public static final int FAILED = 1;
    /** EX_USAGE: a bad command line (unknown option, bad value, missing argument). */
    public static final int USAGE = 64;
    /** EX_DATAERR: an input file is not what it should be (truncated or malformed JSON). */
    public static final int DATA = 65;
    /** EX_NOINPUT: an input file is missing (a run directory without bench.json). */
    public static final int NO_INPUT = 66;
    /**
     * EX_UNAVAILABLE: the device or module is missing or of another ABI, the native
     * shim is unusable (native access not enabled), or fonts for --png are missing.
     */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: an unexpected internal error (a bug: --verbose shows the stack trace). */
    public static final int SOFTWARE = 70;
    /** EX_IOERR: reading or writing a file failed. */
    public static final int IO = 74;
    /** EX_NOPERM: the device refused the caller (the message says what to do; docs/security.md). */
    public static final int NO_PERM = 77;

    private ExitCodes() {
    }

    /** Each status and what it means, in order, for picocli's exit code list. */
    public static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(" " + OK, "success");
        m.put(" " + FAILED, "the operation failed: the kernel refused it (errno), or kb stop could not stop");
        m.put(String.valueOf(USAGE), "usage error: unknown option, bad value, missing argument (EX_USAGE)");
        m.put(String.valueOf(DATA), "an input file is malformed or truncated JSON (EX_DATAERR)");
        m.put(String.valueOf(NO_INPUT), "an input file is missing, e.g. DIR/bench.json (EX_NOINPUT)");
        m.put(String.valueOf(UNAVAILABLE), "the device or module is missing or of another ABI, native access is"
                + " not enabled, or --png has no fonts (EX_UNAVAILABLE)");
        m.put(String.valueOf(SOFTWARE), "internal error; --verbose shows the stack trace (EX_SOFTWARE)");
        m.put(String.valueOf(IO), "reading or writing a file failed (EX_IOERR)");
        m.put(String.valueOf(NO_PERM), "permission denied: opening needs root, or node_access=1 and group"
                + " kthread-bridge; FIFO, nice < 0 and foreign CPUs need CAP_SYS_NICE (EX_NOPERM)");
        return m;
    }
}
