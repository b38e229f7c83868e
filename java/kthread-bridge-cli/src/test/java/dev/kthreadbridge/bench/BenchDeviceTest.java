// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.TestSupport;
import dev.kthreadbridge.bench.experiment.ControlExperiment;
import dev.kthreadbridge.bench.experiment.ExperimentContext;
import dev.kthreadbridge.bench.experiment.FilesExperiment;
import dev.kthreadbridge.cli.Main;
import dev.kthreadbridge.junit.KernelTest;
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
@KernelTest
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
                "--warmup", "0", "--warmup-cycles", "0", "--c-cycle", cCycle.toString(), "--files-threads", "2",
                "--files-duration", "100ms", "--files-rounds", "1", "--files-warmup", "0", "--out", out.toString(),
                "--csv", "--png", "--html"}, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        assertEquals(0, rc);
        for (String f : List.of("bench.json", "summary.txt", "report.html", "latency.csv", "scale.csv", "cycles.csv", "files.csv",
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
        assertEquals(List.of("lifecycle", "wakeup", "control", "scale", "files", "cycles"),
                Report.list(root.get("experiments")).stream().map(e -> Report.map(e).get("experiment")).toList());
        assertEquals(2, Report.list(Report.experiment(root, "files").get("rows")).size());
        assertControl(Report.experiment(root, "control"), 10);
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("accelerator"), summary.substring(0, Math.min(400, summary.length())));
        assertFalse(summary.contains("LEAK"), summary);
    }

    /**
     * `kb bench files` with short blocks: a row per round, operation and T with both sides measured, the
     * first side alternating; a median and a ratio per operation and T; and afterwards no kthread of it,
     * the module's nr_threads where it was, and no descriptor of the device left open in this process.
     */
    @Test
    void benchFilesMeasuresBothSidesAndLeavesNothing(@TempDir Path out) throws Exception {
        long nrBefore = SystemInfo.moduleThreads();
        assertTrue(nrBefore >= 0, "no nr_threads parameter in " + SystemInfo.MODULE_DIR);
        long fdsBefore = deviceDescriptors();
        int rc = Main.run(new String[] {"bench", "files", "--files-threads", "2,1", "--files-duration", "150ms",
                "--files-rounds", "3", "--files-warmup", "0", "--out", out.toString(), "--csv", "--png"},
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        assertEquals(0, rc);
        assertEquals(nrBefore, SystemInfo.moduleThreads(), "module nr_threads after kb bench files");
        assertEquals(Map.of(), SystemInfo.kthreadsWithPrefix(FilesExperiment.PREFIX));
        assertEquals(fdsBefore, deviceDescriptors(), "descriptors of the device open in this process");
        for (String f : List.of("bench.json", "summary.txt", "files.csv", "files-medians.csv", "files-info.png",
                "files-create-stop.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }

        Map<String, Object> files = Report.experiment(Report.load(out), "files");
        assertNotNull(files);
        assertEquals(Runtime.getRuntime().availableProcessors(), ((Number) files.get("cpus")).intValue());
        assertEquals(List.of(1, 2), Report.list(files.get("threads")).stream().map(t -> ((Number) t).intValue())
                .toList());
        // the shared bridge and one per thread of the largest T, all closed again
        assertEquals(3, ((Number) files.get("bridges_opened")).intValue());
        assertEquals(Boolean.TRUE, files.get("bridges_closed"));
        assertEquals(Boolean.FALSE, files.get("leak"), String.valueOf(files.get("notes")));
        assertEquals(nrBefore, ((Number) files.get("module_nr_threads_after")).longValue());
        assertEquals(0, ((Number) files.get("kthreads_left_after")).intValue());

        List<String> series = new ArrayList<>();
        Map<String, List<String>> firsts = new LinkedHashMap<>();
        for (Object o : Report.list(files.get("rows"))) {
            Map<String, Object> r = Report.map(o);
            String key = r.get("operation") + "/" + r.get("threads");
            if (((Number) r.get("round")).intValue() == 1) {
                series.add(key);
            }
            firsts.computeIfAbsent(key, k -> new ArrayList<>()).add(String.valueOf(r.get("first")));
            for (String side : List.of("shared", "separate")) {
                assertTrue(((Number) r.get(side + "_ops")).longValue() > 0, side + " in " + r);
                assertTrue(Report.num(r.get(side + "_ops_per_s")) > 0, side + " in " + r);
            }
            double ratio = Report.num(r.get("shared_over_separate"));
            assertTrue(ratio > 0 && Double.isFinite(ratio), r.toString());
        }
        assertEquals(List.of("info/1", "info/2", "create+stop/1", "create+stop/2"), series);
        assertEquals(12, Report.list(files.get("rows")).size());
        for (var e : firsts.entrySet()) {
            List<String> f = e.getValue();
            assertEquals(3, f.size(), e.getKey());
            // the side that goes first alternates from round to round
            assertEquals(List.of(f.get(0), f.get(0).equals("shared") ? "separate" : "shared", f.get(0)), f,
                    e.getKey());
        }

        List<String> medianKeys = new ArrayList<>();
        for (Object o : Report.list(files.get("medians"))) {
            Map<String, Object> m = Report.map(o);
            medianKeys.add(m.get("operation") + "/" + m.get("threads"));
            assertEquals(3, ((Number) m.get("rounds")).intValue(), m.toString());
            for (String k : List.of("shared_ops_per_s_median", "separate_ops_per_s_median",
                    "shared_over_separate_round_median", "shared_over_separate_median_ci95_low",
                    "shared_over_separate_median_ci95_high", "shared_over_separate_round_p25",
                    "shared_over_separate_round_p75", "shared_over_separate_of_medians",
                    "shared_over_separate_pooled")) {
                double v = Report.num(m.get(k));
                assertTrue(v > 0 && Double.isFinite(v), k + " in " + m);
            }
            assertTrue(m.get("meets_target") instanceof Boolean, m.toString());
        }
        assertEquals(series, medianKeys);
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("== files ==") && summary.contains("medians of the rounds:"), summary);
        assertFalse(summary.contains("LEAK"), summary);
    }

    /** Descriptors of this process open on the device. */
    private static long deviceDescriptors() throws Exception {
        Path device = Path.of("/dev/kthread_bridge").toRealPath();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(device);
                } catch (Exception e) {
                    return false; // the directory's own descriptor, closed meanwhile
                }
            }).count();
        }
    }

    /** Called directly: every series is full, every affinity move landed, and no thread is left. */
    @Test
    void controlLeavesNoThreadAndEveryMoveLands() {
        try (KthreadBridge bridge = KthreadBridge.open()) {
            ControlExperiment.Result r = new ControlExperiment(new ControlExperiment.Options(12))
                    .run(new ExperimentContext(bridge, bridge.path()));
            assertControl(Json.tree(r), 12);
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
