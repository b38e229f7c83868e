// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.TestSupport;
import dev.kthreadbridge.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `kb bench all` end to end on the real module (in the VM guest), with
 * small sizes: every experiment runs, and summary, JSON, CSV and PNGs are
 * written with the fields the reports and docs read. Skipped without the
 * device.
 */
@Tag("device")
class BenchDeviceTest {

    @BeforeAll
    static void requireDevice() {
        TestSupport.requireDevice();
    }

    @Test
    void benchAllWritesEveryReport(@TempDir Path out) throws Exception {
        Path cCycle = TestSupport.repoDir().resolve("build/native/kb_cycle");
        int rc = Main.run(new String[] {"bench", "all",
                "--iterations", "20", "--scale-max", "10", "--settle", "0", "--cycles", "20", "--rounds", "2",
                "--warmup", "0", "--warmup-cycles", "0", "--c-cycle", cCycle.toString(), "--out", out.toString(),
                "--csv", "--png"}, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        assertEquals(0, rc);
        for (String f : List.of("bench.json", "summary.txt", "latency.csv", "scale.csv", "cycles.csv",
                "lifecycle-cdf.png", "scale-cost.png", "scale-memory.png", "control-park-cdf.png",
                "control-unpark-hist.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Map<String, Object> root = Report.load(out);
        Map<String, Object> sys = Report.map(root.get("system"));
        assertNotNull(sys.get("kernel"));
        assertNotNull(sys.get("accelerator"));

        Map<String, Object> scale = Report.experiment(root, "scale");
        List<Object> rows = Report.list(scale.get("rows"));
        assertEquals(List.of(1, 10), rows.stream().map(r -> ((Number) Report.map(r).get("threads")).intValue())
                .toList());
        for (Object o : rows) {
            Map<String, Object> r = Report.map(o);
            assertEquals(Boolean.FALSE, r.get("leak"), r.toString());
            assertEquals(0, ((Number) r.get("kthreads_left_after")).intValue());
            assertEquals(0, ((Number) r.get("batch_kthreads_left_after")).intValue());
            assertTrue(((Number) r.get("batch_create_ns_per_thread")).longValue() > 0);
        }

        Map<String, Object> cycles = Report.experiment(root, "cycles");
        assertEquals(2, Report.list(cycles.get("rows")).size());
        for (String k : List.of("java_cycles_per_s_median", "ffm_raw_cycles_per_s_median",
                "kernel_cycles_per_s_median")) {
            assertTrue(Report.num(cycles.get(k)) > 0, k + " in " + cycles);
        }
        if (Files.isExecutable(cCycle)) {
            assertTrue(Report.num(cycles.get("c_cycles_per_s_median")) > 0);
            assertTrue(Report.num(cycles.get("java_over_c_round_median")) > 0);
        }
        for (String k : List.of("jit_idle_wait_ms", "jvm_gc_count_during_rounds", "jvm_jit_ms_during_rounds")) {
            assertTrue(Report.num(cycles.get(k)) >= 0, k + " in " + cycles);
        }
        assertTrue(Report.experiment(root, "lifecycle") != null && Report.experiment(root, "wakeup") != null);
        assertControl(Report.experiment(root, "control"), 10);
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("accelerator"), summary.substring(0, Math.min(400, summary.length())));
        assertFalse(summary.contains("LEAK"), summary);
    }

    /** Called directly: every series is full, every affinity move landed, and no thread is left. */
    @Test
    void controlLeavesNoThreadAndEveryMoveLands() {
        try (KthreadBridge bridge = KthreadBridge.open()) {
            Experiments.Result r = Experiments.control(bridge, 12);
            assertControl(r.toJson(), 12);
            assertEquals(List.of(), bridge.threads());
        }
    }

    private static void assertControl(Map<String, Object> control, int samples) {
        assertNotNull(control);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Object so : Report.list(control.get("series"))) {
            Map<String, Object> s = Report.map(so);
            counts.put(String.valueOf(s.get("name")), ((Number) s.get("count")).intValue());
        }
        boolean moves = Runtime.getRuntime().availableProcessors() >= 2;
        List<String> names = new ArrayList<>(List.of("park [idle]", "unpark [idle]", "park [spin]", "unpark [spin]",
                "onExit() after threadfn returned [exit]"));
        if (moves) {
            names.add("affinity move [spin]");
        }
        assertEquals(names, List.copyOf(counts.keySet()));
        for (var e : counts.entrySet()) {
            assertEquals(samples, e.getValue(), e.getKey());
        }
        if (moves) {
            assertEquals(0, ((Number) control.get("affinity_moves_not_on_target")).intValue(), control.toString());
        }
    }
}
