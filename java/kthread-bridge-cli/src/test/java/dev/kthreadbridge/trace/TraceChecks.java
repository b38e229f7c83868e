// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
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
 * Reads a trace file back (format kthread-bridge-trace/1) and checks it as
 * the record of a run of n kthreads each created, woken and stopped once by
 * Java: per phase exactly n slices, one per kthread; one Java slice per call;
 * a flow from each call to the phase it caused with both ends present, each
 * "f" on a phase slice's start; CPU tracks; nothing lost.
 */
public final class TraceChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the file held.
     *
     * @param kthreadPids the kthreads' pids (the tids of their tracks)
     * @param javaCalls   Java slices per operation
     * @param flows       flow pairs
     * @param cpus        CPUs with slices
     */
    public record Checked(Set<Integer> kthreadPids, Map<String, Integer> javaCalls, int flows, Set<Integer> cpus) {
    }

    private TraceChecks() {
    }

    /** Checks {@code file} as the trace of n create -> wake -> stop cycles made by process {@code javaPid}. */
    public static Checked assertRunTrace(Path file, int n, long javaPid) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode other = root.get("otherData");
        assertEquals(PerfettoTrace.FORMAT, other.get("format").asText());
        assertEquals("mono", other.get("clock").asText());
        assertEquals(n, other.get("threads").asInt());
        assertEquals(0, other.get("lostEvents").asLong());
        assertEquals(javaPid, other.get("javaPid").asLong());

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
                assertEquals(javaPid, pid);
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
        Set<Integer> pids = phaseTids.getOrDefault("created", Set.of());
        assertEquals(n, pids.size(), "kthreads created");
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
        for (Map.Entry<Long, JsonNode> s : flowStarts.entrySet()) {
            JsonNode f = flowEnds.get(s.getKey());
            assertEquals(s.getValue().get("name").asText(), f.get("name").asText());
            assertEquals(javaPid, s.getValue().get("pid").asLong());
            assertEquals(PerfettoTrace.KTHREAD_PID, f.get("pid").asInt());
            assertTrue(pids.contains(f.get("tid").asInt()), f.toString());
            assertTrue(phaseStarts.contains(f.get("tid").asInt() + "@" + f.get("ts").decimalValue().toPlainString()),
                    "flow end on a phase slice's start: " + f);
        }
        return new Checked(pids, javaCalls, flowStarts.size(), cpuSliceTids);
    }
}
