// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The text-trace parser and the export on an excerpt of a real trace: kb-run-6.12.trace.txt is the header and
 * lines 12185-12352 and 12812-12925 of the `trace` file of a tracefs instance (trace_clock mono, the sched and
 * task events and events/kthread_bridge, set_event_pid 2 and the shell, event-fork) around
 * `kb run --count 2` in the 6.12.118+deb12-amd64 guest (scripts/vm-run.sh --kernel 6.12, 2 CPUs): the Java
 * thread 169 created kb-run0 (pid 189, handle 1) and kb-run1 (pid 190, handle 2), woke and stopped them.
 */
class TraceTextTest {
    private static TraceText.Parsed excerpt() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                TraceTextTest.class.getResourceAsStream("kb-run-6.12.trace.txt")), StandardCharsets.UTF_8))) {
            return TraceText.parse(in);
        }
    }

    @Test
    void parsesEveryLineOfTheRealExcerpt() throws IOException {
        TraceText.Parsed p = excerpt();
        assertEquals(282, p.events().size());
        assertEquals(0, p.unparsedLines());
        assertEquals(0, p.lostInText());
        Map<String, Integer> byName = new TreeMap<>();
        p.events().forEach(e -> byName.merge(e.name(), 1, Integer::sum));
        assertEquals(Map.ofEntries(Map.entry("sched_switch", 144), Map.entry("sched_waking", 58),
                Map.entry("sched_wakeup", 55), Map.entry("sched_migrate_task", 7), Map.entry("task_newtask", 2),
                Map.entry("sched_wakeup_new", 2), Map.entry("sched_process_exit", 2), Map.entry("kb_created", 2),
                Map.entry("kb_woken", 2), Map.entry("kb_entered", 2), Map.entry("kb_stop", 2),
                Map.entry("kb_exited", 2), Map.entry("kb_stopped", 2)), byName);
    }

    @Test
    void readsTaskCpuTimestampAndFields() throws IOException {
        List<TraceEvent> events = excerpt().events();
        TraceEvent created = events.stream().filter(e -> e.name().equals("kb_created")).findFirst().orElseThrow();
        assertEquals(new TraceEvent("java", 169, 0, 14_355_470_000L, "kb_created",
                Map.of("handle", "1", "pid", "189", "workload", "0", "comm", "kb-run0")), created);
        TraceEvent sw = events.stream().filter(e -> e.name().equals("sched_switch")
                && e.field("prev_comm", "").equals("kb-run0")).findFirst().orElseThrow();
        assertEquals("kb-run0", sw.comm());
        assertEquals(189, sw.pid());
        assertEquals("D", sw.field("prev_state", null));
        assertEquals(169, sw.number("next_pid", -1));
        assertEquals("java", sw.field("next_comm", null));
        TraceEvent fork = events.stream().filter(e -> e.name().equals("task_newtask")).findFirst().orElseThrow();
        assertEquals("kthreadd", fork.comm());
        assertEquals(2, fork.pid());
        assertEquals(189, fork.number("pid", -1));
    }

    @Test
    void oddLines() {
        // comm with a space and a dash, tgid column, no flags column (options/irq-info off), nine decimals
        TraceEvent e = TraceText.parseLine(" VM Periodic Ta-42  (   40) [003]  123.000000001: kb_stop: handle=7"
                + " pid=99 val=0");
        assertEquals(new TraceEvent("VM Periodic Ta", 42, 3, 123_000_000_001L, "kb_stop",
                Map.of("handle", "7", "pid", "99", "val", "0")), e);
        assertEquals(Map.of("prev_comm", "VM Thread", "prev_pid", "5", "prev_state", "R+", "next_comm", "a b",
                "next_pid", "6"), TraceText.fields("prev_comm=VM Thread prev_pid=5 prev_state=R+ ==> next_comm=a b"
                + " next_pid=6"));
        assertNull(TraceText.parseLine("garbage"));
    }

    @Test
    void countsLostEventLines() throws IOException {
        // the kernel's line for events the reader missed (kernel/trace/trace.c: "CPU:%d [LOST %lu EVENTS]")
        TraceText.Parsed p = TraceText.parse(new BufferedReader(new StringReader(
                "CPU:1 [LOST 17 EVENTS]\nCPU:0 [LOST 3 EVENTS]\n")));
        assertEquals(20, p.lostInText());
    }

    @Test
    void exportsTheExcerptWithPhasesAndFlows(@TempDir Path dir) throws IOException {
        List<TraceEvent> events = excerpt().events();
        TraceCapture c = new TraceCapture(events, 168, Set.of(168, 169), "6.12.118+deb12-amd64", 0, 41858, false, 0);
        // Java spans of thread 169 around its calls, as a recorder would take them
        List<JavaSpan> spans = List.of(new JavaSpan("create", 1, 189, 169, 14_355_000_000L, 14_356_000_000L, 0),
                new JavaSpan("wake", 1, 189, 169, 14_532_000_000L, 14_533_000_000L, 0),
                new JavaSpan("stop", 1, 189, 169, 15_116_000_000L, 15_124_000_000L, 0),
                new JavaSpan("create", 2, 190, 169, 14_544_000_000L, 14_553_000_000L, 0));
        Path file = dir.resolve("t.json");
        PerfettoTrace.Summary s = PerfettoTrace.write(file, c, spans);
        assertEquals(2, s.kthreads());
        assertEquals(2, s.cpus());
        assertEquals(4, s.flows());
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        Map<String, Integer> phases = new TreeMap<>();
        for (JsonNode e : root.get("traceEvents")) {
            if (e.path("cat").asText().equals("phase")) {
                phases.merge(e.get("name").asText(), 1, Integer::sum);
                if (e.get("tid").asInt() == 189 && e.get("name").asText().equals("created")) {
                    assertEquals(14_355_470.0, e.get("ts").asDouble());
                    // until kb_woken at 14.532169
                    assertEquals(176_699.0, e.get("dur").asDouble());
                }
            }
            if (e.get("ph").asText().equals("s") && e.get("name").asText().equals("stop -> stopped")) {
                assertEquals(15_116_419.0, e.get("ts").asDouble());
            }
        }
        assertEquals(Map.of("created", 2, "woken", 2, "running", 2, "stopped", 2, "exited", 2), phases);
        assertEquals("kthread-bridge-trace/1", root.get("otherData").get("format").asText());
        assertEquals(2, root.get("otherData").get("threads").asInt());
    }
}
