// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kb ARGS} run in this JVM through {@link Main#run}: its status, stdout and stderr. */
record Kb(int status, String out, String err) {

    static Kb run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Kb(status, out.toString(), err.toString());
    }

    /** stderr's lines. */
    List<String> errLines() {
        return err.lines().toList();
    }

    /**
     * Asserts a failure as kb reports one: the status, nothing on stdout, and
     * exactly one line on stderr, {@code kb: error: ...}, with no stack trace.
     *
     * @return that line
     */
    String assertOneLineError(int expectedStatus) {
        assertEquals(expectedStatus, status, this::toString);
        assertEquals("", out, this::toString);
        assertEquals(1, errLines().size(), this::toString);
        String line = errLines().get(0);
        assertTrue(line.startsWith("kb: error: "), line);
        assertFalse(err.contains("\tat "), err);
        return line;
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
}
