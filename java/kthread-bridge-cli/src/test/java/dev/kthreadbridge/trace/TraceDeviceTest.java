// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.TestSupport;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.cli.Main;
import dev.kthreadbridge.junit.KernelTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kernel trace of N kthreads through create -> wake -> stop on the real module (in the VM guest, as root):
 * the exported file, read back with Jackson, has per lifecycle phase exactly one slice per kthread on the
 * kthread's own track, both ends of every flow event, CPU tracks, no lost events, and the tracefs instance is
 * gone afterwards. Thread count: -Dkthreadbridge.trace.threads (default 100).
 */
@KernelTest
@Tag("device")
class TraceDeviceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void requireTracing() {
        TestSupport.requireDevice();
        TestSupport.requireRoot("tracefs");
    }

    @Test
    void createWakeStopTraceHasEveryPhaseOncePerThreadAndEveryFlowEnd(@TempDir Path dir) throws Exception {
        int n = Integer.getInteger("kthreadbridge.trace.threads", 100);
        List<KernelThread> threads = new ArrayList<>();
        TraceCapture capture;
        Path instance;
        List<JavaSpan> spans;
        try (JfrSpans jfr = JfrSpans.start(); KthreadBridge b = KthreadBridge.open();
                TraceSession session = TraceSession.start()) {
            instance = session.instance();
            assertTrue(Files.isDirectory(instance));
            for (int i = 0; i < n; i++) {
                threads.add(b.create(ThreadSpec.of(Workload.idle(), "kb-trace" + i)));
            }
            threads.forEach(KernelThread::wake);
            threads.forEach(KernelThread::stop);
            capture = session.stop();
            spans = jfr.stop();
        }
        assertFalse(Files.exists(instance), "the instance is removed on close");
        long t0 = System.nanoTime();
        Path file = dir.resolve("trace.json");
        PerfettoTrace.Summary sum = PerfettoTrace.write(file, capture, spans);
        long writeNanos = System.nanoTime() - t0;
        System.out.printf("trace of %d kthreads on %s: %d events, %d bytes of text read in %d ms, file %d bytes"
                + " written in %d ms, %d lost%n", n, capture.kernel(), capture.events().size(), capture.bytesRead(),
                capture.readNanos() / 1_000_000, sum.bytes(), writeNanos / 1_000_000, capture.lostEvents());
        assertEquals(0, capture.lostEvents(), "events lost with the default buffer");
        assertFalse(capture.truncated());

        TraceChecks.Checked checked = TraceChecks.assertRunTrace(file, n, ProcessHandle.current().pid());
        Set<Integer> pids = new TreeSet<>();
        threads.forEach(t -> pids.add(t.pid()));
        assertEquals(pids, checked.kthreadPids(), "the tracks are the run's kthreads");
        assertEquals(capture.kernel(), JSON.readTree(file.toFile()).get("otherData").get("kernel").asText());
    }

    @Test
    void kbRunTraceWritesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.json");
        StringWriter err = new StringWriter();
        int rc = Main.run(new String[] {"run", "--count", "3", "--trace", file.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, rc, err.toString());
        assertTrue(err.toString().contains("kb: trace: " + file), err.toString());
        JsonNode root = JSON.readTree(file.toFile());
        assertEquals(3, root.get("otherData").get("threads").asInt());
        int flows = 0;
        for (JsonNode e : root.get("traceEvents")) {
            flows += e.get("ph").asText().equals("s") ? 1 : 0;
        }
        assertEquals(9, flows, "create, wake and stop of 3 threads");
    }
}
