// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.SchedPolicy;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadState;
import dev.kthreadbridge.ThreadStatus;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.bench.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: --json puts one JSON object on stdout and nothing else; kb ps needs the module. */
class JsonOutputTest {

    /** A fake /sys/module/kthread_bridge with nr_threads. */
    private static Path moduleDir(Path dir, String nrThreads) throws Exception {
        Path m = dir.resolve("kthread_bridge");
        Files.createDirectories(m.resolve("parameters"));
        Files.writeString(m.resolve("parameters/nr_threads"), nrThreads + "\n");
        return m;
    }

    /** stdout as one JSON object on one line. */
    private static Map<String, Object> document(Kb kb) throws Exception {
        assertEquals(ExitCodes.OK, kb.status(), kb::toString);
        assertEquals(1, kb.out().lines().count(), kb::toString);
        return Report.map(Json.parse(kb.out(), "stdout"));
    }

    @Test
    void psWithoutTheModuleIsUnavailable() {
        String line = Kb.run("ps", "--module-dir", "/nonexistent/kthread_bridge")
                .assertOneLineError(ExitCodes.UNAVAILABLE);
        assertEquals("kb: error: the kthread_bridge module is not loaded (no /nonexistent/kthread_bridge)"
                + " — load it: sudo insmod kthread_bridge.ko", line);
        Kb.run("ps", "--json", "--module-dir", "/nonexistent/kthread_bridge").assertOneLineError(ExitCodes.UNAVAILABLE);
    }

    @Test
    void psJsonIsOneObject(@TempDir Path dir) throws Exception {
        Kb kb = Kb.run("ps", "--json", "--module-dir", moduleDir(dir, "3").toString());
        Map<String, Object> doc = document(kb);
        assertEquals("", kb.err());
        assertEquals(List.of("module_nr_threads", "prefix", "kthreads"), List.copyOf(doc.keySet()));
        assertEquals(3L, doc.get("module_nr_threads"));
        assertEquals("kb-", doc.get("prefix"));
        for (Object t : Report.list(doc.get("kthreads"))) {
            assertEquals(Set.of("pid", "comm", "state"), Report.map(t).keySet());
            assertTrue(String.valueOf(Report.map(t).get("comm")).startsWith("kb-"), t.toString());
        }
    }

    @Test
    void psJsonWithAnUnreadableCountSaysNull(@TempDir Path dir) throws Exception {
        Map<String, Object> doc = document(Kb.run("ps", "--json", "--prefix", "kworker",
                "--module-dir", moduleDir(dir, "garbage").toString()));
        assertTrue(doc.containsKey("module_nr_threads") && doc.get("module_nr_threads") == null, doc.toString());
    }

    @Test
    void psTableShowsTheCount(@TempDir Path dir) throws Exception {
        Kb kb = Kb.run("ps", "--module-dir", moduleDir(dir, "0").toString());
        assertEquals(ExitCodes.OK, kb.status(), kb::toString);
        assertEquals("module nr_threads: 0", kb.out().lines().findFirst().orElseThrow());
        assertTrue(kb.out().strip().endsWith("kthread(s) named kb-*"), kb.out());
    }

    @Test
    void runJsonWithoutTheDeviceWritesNothingToStdout() {
        Kb.run("run", "--json", "--device", "/nonexistent/kthread_bridge").assertOneLineError(ExitCodes.UNAVAILABLE);
    }

    @Test
    void theDemoWithoutTheDeviceIsUnavailableOnOneLine() {
        String line = Kb.run("demo", "--device", "/nonexistent/kthread_bridge")
                .assertOneLineError(ExitCodes.UNAVAILABLE);
        assertTrue(line.contains("/nonexistent/kthread_bridge") || line.contains("native access"), line);
        Kb.run("demo", "--json", "--device", "/nonexistent/kthread_bridge").assertOneLineError(ExitCodes.UNAVAILABLE);
        Kb.run("demo", "--bogus").assertOneLineError(ExitCodes.USAGE);
    }

    private static ThreadInfo info(Set<ThreadStatus> status, long create, long stopped) {
        return new ThreadInfo(3, 4242, Workload.exit(7), status, ThreadState.SLEEPING, 'S', 1,
                OptionalInt.empty(), OptionalInt.empty(), 0, 2, "kb-run", new ThreadInfo.Timestamps(
                create, create + 10, 0, 0, 0, 0, stopped, 0, 0),
                new ThreadInfo.SchedulingInfo(SchedPolicy.NORMAL, 0, 0), 2, 0, 5_000_000_000L);
    }

    @Test
    void aThreadAsRunJsonShowsIt() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("handle", 3);
        expected.put("pid", 4242);
        expected.put("start_time_ns", 5_000_000_000L);
        expected.put("comm", "kb-run");
        expected.put("state", "SLEEPING");
        expected.put("cpu", 1);
        expected.put("iterations", 0L);
        expected.put("wakeups", 2L);
        expected.put("status", List.of("WOKEN", "ENTERED"));
        Map<String, Object> m = ThreadJson.info(info(EnumSet.of(ThreadStatus.ENTERED, ThreadStatus.WOKEN), 100, 0));
        assertEquals(expected, m);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.keySet()));
    }

    @Test
    void howAThreadStoppedAsRunJsonShowsIt() throws Exception {
        Map<String, Object> returned = ThreadJson.stopped("kb-run", 4242,
                new StopResult.Returned(7, 1050, info(EnumSet.of(ThreadStatus.STOPPED), 100, 1100)));
        assertEquals("{\"name\":\"kb-run\",\"pid\":4242,\"result\":\"returned\",\"value\":7,\"kthread_stop\":null,"
                + "\"lifetime_ns\":1000}", Json.compact(returned));
        Map<String, Object> never = ThreadJson.stopped("kb-run", 4242,
                new StopResult.NeverRan(-4, 0, info(EnumSet.of(ThreadStatus.STOPPED), 100, 0)));
        assertEquals("{\"name\":\"kb-run\",\"pid\":4242,\"result\":\"never_ran\",\"value\":null,\"kthread_stop\":-4,"
                + "\"lifetime_ns\":null}", Json.compact(never));
    }
}
