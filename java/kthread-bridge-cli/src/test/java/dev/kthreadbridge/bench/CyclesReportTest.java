// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: the per-round ratios of the cycles experiment and how a kernel's run merges its cycles guest. */
class CyclesReportTest {

    private static Map<String, Object> row(double java, double raw, double c, double kernel, long javaMed, long cMed) {
        return Map.of("java_cycles_per_s", java, "ffm_raw_cycles_per_s", raw, "c_cycles_per_s", c,
                "kernel_cycles_per_s", kernel, "java_median_cycle_ns", javaMed, "c_median_cycle_ns", cMed);
    }

    /** The per-round ratios of map rows, as the comparison computes them from bench.json. */
    private static Map<String, Object> ratios(List<Map<String, Object>> rows) {
        return Json.tree(CycleRounds.ratios(
                rows.stream().map(r -> Json.mapper().convertValue(r, CycleRounds.Row.class)).toList()));
    }

    @Test
    void roundRatiosAreMediansOfTheRatiosWithinEachRound() {
        // round 2 ran while the host was busy: every path slower, the ratios within it still hold
        List<Map<String, Object>> rows = List.of(
                row(900, 1000, 1000, 2000, 200_000, 180_000),
                row(90, 95, 100, 200, 2_000_000, 1_000_000),
                row(800, 1000, 1000, 1000, 250_000, 200_000));
        Map<String, Object> m = ratios(rows);
        assertEquals(0.9, (double) m.get("java_over_c_round_median"), 1e-9);
        assertEquals(1.0, (double) m.get("ffm_raw_over_c_round_median"), 1e-9);
        assertEquals(0.9, (double) m.get("java_over_ffm_raw_round_median"), 1e-9);
        assertEquals(0.8, (double) m.get("java_over_c_by_median_cycle_round_median"), 1e-9);
        assertEquals(0.45, (double) m.get("java_over_kernel_round_median"), 1e-9);
        assertEquals(0.5, (double) m.get("c_over_kernel_round_median"), 1e-9);
    }

    @Test
    void missingColumnsGiveNoRatio() {
        Map<String, Object> m = ratios(List.of(Map.of("java_cycles_per_s", 5.0)));
        assertTrue(m.isEmpty(), m.toString());
    }

    @Test
    void loadMergesTheCyclesGuestOfAKernel(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bench.json"), """
                {"system": {"kernel": "6.1.0-56-amd64", "cpus": 2},
                 "experiments": [{"experiment": "lifecycle"}, {"experiment": "cycles", "java_cycles_per_s_median": 1}]}
                """);
        Files.createDirectories(dir.resolve("cycles"));
        Files.writeString(dir.resolve("cycles/bench.json"), """
                {"system": {"kernel": "6.1.0-56-amd64", "cpus": 1},
                 "experiments": [{"experiment": "cycles", "java_cycles_per_s_median": 4000,
                                  "ffm_raw_cycles_per_s_median": 5000, "c_cycles_per_s_median": 5200,
                                  "kernel_cycles_per_s_median": 7000, "rows": []}]}
                """);
        Map<String, Object> root = Report.load(dir);
        List<Object> exps = Report.list(root.get("experiments"));
        assertEquals(2, exps.size());
        Map<String, Object> cycles = Report.experiment(root, "cycles");
        assertEquals(4000, ((Number) cycles.get("java_cycles_per_s_median")).intValue());
        assertEquals(1, ((Number) Report.map(root.get("cycles_system")).get("cpus")).intValue());
        String md = Report.compare(List.of(root), dir.resolve("compare"));
        String line = md.lines().filter(l -> l.startsWith("| 6.1.0-56-amd64 | 1 |")).findFirst().orElseThrow(
                () -> new AssertionError(md));
        assertTrue(line.startsWith("| 6.1.0-56-amd64 | 1 | 4000 | 5000 | 5200 | 7000 | 0.77 | 0.57 |"), line);
    }

    @Test
    void costPlotsClipOnlyAColdFirstSample() {
        Plot.Series cold = new Plot.Series("create", List.of(new double[] {1, 170_000}, new double[] {10, 2_000},
                new double[] {1000, 900}));
        assertEquals(3_000, Report.clipAbove(List.of(cold)), 1e-9);
        Plot.Series warm = new Plot.Series("create", List.of(new double[] {1, 5_000}, new double[] {10, 2_000}));
        assertTrue(Double.isNaN(Report.clipAbove(List.of(warm))));
        assertEquals("", Report.clipNote(Double.NaN));
    }

    @Test
    void loadWithoutACyclesGuestKeepsTheRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bench.json"), """
                {"system": {"kernel": "6.12.117+deb12-amd64", "cpus": 2}, "experiments": [{"experiment": "scale"}]}
                """);
        Map<String, Object> root = Report.load(dir);
        assertEquals(1, Report.list(root.get("experiments")).size());
        assertFalse(root.containsKey("cycles_system"));
    }
}
