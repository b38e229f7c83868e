// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: kb report --html writes DIR/report.html per run directory, and says which input is wrong. */
class HtmlReportCommandTest {

    private static void copy(String name, Path dir) throws IOException {
        try (InputStream in = HtmlReportCommandTest.class.getResourceAsStream("/dev/kthreadbridge/bench/report/"
                + name)) {
            Files.copy(in, dir.resolve(name));
        }
    }

    @Test
    void writesOnePagePerRunDirectory(@TempDir Path tmp) throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        copy("bench.json", a);
        copy("trace.json", a);
        copy("bench.json", b);
        Kb kb = Kb.run("report", "--html", a.toString(), b.toString());
        assertEquals(0, kb.status(), kb::toString);
        assertEquals(a.resolve("report.html") + "\n" + b.resolve("report.html") + "\n", kb.out());
        assertTrue(Files.readString(a.resolve("report.html")).contains("id=\"trace-link\""));
        assertFalse(Files.readString(b.resolve("report.html")).contains("id=\"trace-link\""));
        assertEquals("", kb.err(), "no comparison with --html");
    }

    @Test
    void aTruncatedTraceIsADataError(@TempDir Path dir) throws IOException {
        copy("bench.json", dir);
        Files.writeString(dir.resolve("trace.json"), "{\"traceEvents\": [");
        String line = Kb.run("report", "--html", dir.toString()).assertOneLineError(ExitCodes.DATA);
        assertTrue(line.contains(dir.resolve("trace.json") + ": not valid JSON"), line);
        assertFalse(Files.exists(dir.resolve("report.html")));
    }
}
