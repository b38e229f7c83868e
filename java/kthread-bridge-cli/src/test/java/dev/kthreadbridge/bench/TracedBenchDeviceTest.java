// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import dev.kthreadbridge.TestSupport;
import dev.kthreadbridge.cli.Main;
import dev.kthreadbridge.junit.KernelTest;
import dev.kthreadbridge.trace.PerfettoTrace;
import dev.kthreadbridge.trace.TraceChecks;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kb bench lifecycle --trace --jfr FILE --html} on the real module in
 * each guest of the matrix: the trace file read back has every phase once
 * per kthread and every flow's two ends (TraceChecks), the JFR file one
 * create, wake and stop event per kthread, and report.html embeds the trace.
 * With -Dkb.test.benchRuns=DIR the run goes to DIR/&lt;kernel release&gt;, where
 * BenchRunReportsBrowserTest opens each report in headless chromium on the
 * host after the guests.
 */
@KernelTest
@Tag("device")
class TracedBenchDeviceTest {

    /** Measured cycles; lifecycle adds a tenth as many warm-up cycles, each a kthread too. */
    private static final int N = 50;

    @Test
    void benchLifecycleWritesATraceAJfrFileAndAReportThatAgree(@TempDir Path tmp) throws Exception {
        TestSupport.requireDevice();
        TestSupport.requireRoot("tracefs");
        String runs = System.getProperty("kb.test.benchRuns");
        Path out = runs == null ? tmp : Path.of(runs, System.getProperty("os.version"));
        Path jfr = out.resolve("bench.jfr");
        long t0 = System.nanoTime();
        int rc = Main.run(new String[] {"bench", "lifecycle", "-i", String.valueOf(N), "--trace", "--jfr",
            jfr.toString(), "--html", "--out", out.toString()},
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, rc);
        int kthreads = N + Math.min(100, N / 10);

        Path trace = out.resolve("trace.json");
        TraceChecks.Checked checked = TraceChecks.assertRunTrace(trace, kthreads, ProcessHandle.current().pid());

        Map<String, Long> events = RecordingFile.readAllEvents(jfr).stream()
                .map(RecordedEvent::getEventType).map(t -> t.getName())
                .filter(n -> n.startsWith("dev.kthreadbridge.")).collect(Collectors.groupingBy(n -> n,
                        Collectors.counting()));
        for (String op : new String[] {"Create", "Wake", "Stop"}) {
            assertEquals(kthreads, events.getOrDefault("dev.kthreadbridge." + op, 0L), op + ": " + events);
        }

        Path html = out.resolve("report.html");
        String page = Files.readString(html);
        assertTrue(page.contains("href=\"trace.json\""), "the report links the trace");
        assertTrue(page.contains("id=\"trace-data\"") && page.contains(PerfettoTrace.FORMAT),
                "the report embeds the trace");
        System.out.printf("kb bench lifecycle -i %d --trace --jfr --html on %s: %d ms; trace.json %d bytes"
                + " (%d kthreads, %d flows, %d CPUs), bench.jfr %d bytes, report.html %d bytes%n", N,
                System.getProperty("os.version"), ms, Files.size(trace), checked.kthreadPids().size(),
                checked.flows(), checked.cpus().size(), Files.size(jfr), Files.size(html));
    }
}
