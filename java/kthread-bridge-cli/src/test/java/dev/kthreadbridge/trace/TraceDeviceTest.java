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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

        JsonNode root = JSON.readTree(file.toFile());
        JsonNode other = root.get("otherData");
        assertEquals(PerfettoTrace.FORMAT, other.get("format").asText());
        assertEquals("mono", other.get("clock").asText());
        assertEquals(n, other.get("threads").asInt());
        assertEquals(0, other.get("lostEvents").asLong());
        assertEquals(ProcessHandle.current().pid(), other.get("javaPid").asLong());
        assertEquals(capture.kernel(), other.get("kernel").asText());

        Set<Integer> pids = new TreeSet<>();
        threads.forEach(t -> pids.add(t.pid()));
        assertEquals(n, pids.size());
        Map<String, Set<Integer>> phaseTids = new HashMap<>();
        Map<String, Integer> phaseCount = new HashMap<>();
        Set<String> phaseStarts = new HashSet<>();
        Map<Long, JsonNode> flowStarts = new HashMap<>();
        Map<Long, JsonNode> flowEnds = new HashMap<>();
        Set<Integer> cpuSliceTids = new TreeSet<>();
        Set<Integer> cpuNamed = new TreeSet<>();
        boolean cpusProcess = false;
        Map<String, Integer> javaCalls = new HashMap<>();
        for (JsonNode e : root.get("traceEvents")) {
            String ph = e.get("ph").asText();
            String cat = e.path("cat").asText();
            int pid = e.get("pid").asInt();
            int tid = e.path("tid").asInt();
            if (ph.equals("X") && cat.equals("phase")) {
                assertEquals(PerfettoTrace.KTHREAD_PID, pid);
                assertEquals(tid, e.get("args").get("pid").asInt());
                phaseTids.computeIfAbsent(e.get("name").asText(), k -> new TreeSet<>()).add(tid);
                phaseCount.merge(e.get("name").asText(), 1, Integer::sum);
                assertTrue(e.get("dur").asDouble() > 0, e.toString());
                phaseStarts.add(tid + "@" + e.get("ts").decimalValue().toPlainString());
            } else if (ph.equals("X") && cat.equals("cpu")) {
                assertEquals(PerfettoTrace.CPU_PID, pid);
                cpuSliceTids.add(tid);
            } else if (ph.equals("M") && pid == PerfettoTrace.CPU_PID) {
                if (e.get("name").asText().equals("process_name")) {
                    cpusProcess = e.get("args").get("name").asText().equals("CPUs");
                } else {
                    assertEquals("CPU " + tid, e.get("args").get("name").asText());
                    cpuNamed.add(tid);
                }
            } else if (ph.equals("X") && cat.equals("java")) {
                assertEquals(ProcessHandle.current().pid(), pid);
                assertEquals(0, e.get("args").get("errno").asInt(), e.toString());
                javaCalls.merge(e.get("name").asText(), 1, Integer::sum);
            } else if (ph.equals("s")) {
                assertEquals("call", cat);
                assertNull(flowStarts.put(e.get("id").asLong(), e), "duplicate s " + e);
            } else if (ph.equals("f")) {
                assertEquals("e", e.get("bp").asText());
                assertNull(flowEnds.put(e.get("id").asLong(), e), "duplicate f " + e);
            }
        }
        for (String phase : KthreadPhases.PHASES) {
            assertEquals(n, phaseCount.getOrDefault(phase, 0), "slices of phase " + phase);
            assertEquals(pids, phaseTids.get(phase), "kthreads with phase " + phase);
        }
        assertTrue(cpusProcess, "process_name CPUs");
        assertFalse(cpuSliceTids.isEmpty(), "CPU slices");
        assertTrue(cpuNamed.containsAll(cpuSliceTids), "every CPU with slices has a thread_name");
        // the Java calls, from the library's JFR events: one slice per call
        for (String op : List.of("create", "wake", "stop")) {
            assertEquals(n, javaCalls.getOrDefault(op, 0), "Java slices of " + op + ": " + javaCalls);
        }
        // one flow per call: create -> created, wake -> woken, stop -> stopped
        assertEquals(3 * n, flowStarts.size());
        assertEquals(flowStarts.keySet(), flowEnds.keySet());
        long javaPid = ProcessHandle.current().pid();
        for (Map.Entry<Long, JsonNode> s : flowStarts.entrySet()) {
            JsonNode f = flowEnds.get(s.getKey());
            assertEquals(s.getValue().get("name").asText(), f.get("name").asText());
            assertEquals(javaPid, s.getValue().get("pid").asLong());
            assertEquals(PerfettoTrace.KTHREAD_PID, f.get("pid").asInt());
            assertTrue(pids.contains(f.get("tid").asInt()), f.toString());
            assertTrue(phaseStarts.contains(f.get("tid").asInt() + "@" + f.get("ts").decimalValue().toPlainString()),
                    "flow end on a phase slice's start: " + f);
        }
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
