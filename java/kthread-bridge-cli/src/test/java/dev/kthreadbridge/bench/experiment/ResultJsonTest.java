// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.bench.Lat;
import dev.kthreadbridge.bench.Report;
import dev.kthreadbridge.bench.SnakeCase;
import dev.kthreadbridge.bench.CycleRounds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result records serialise to the names bench.json has always had, which the reports read. */
class ResultJsonTest {

    private static CycleRounds.Row row(double java, double raw, double kernel) {
        return new CycleRounds.Row(1, java, 1000L, raw, 900L, kernel, 10L, 20L, null, null, null);
    }

    @Test
    void cyclesResultHasTheRatiosAtTopLevelAndLeavesOutWhatCDidNotMeasure() {
        List<CycleRounds.Row> rows = List.of(row(800, 1000, 2000), row(900, 1000, 1800));
        CyclesExperiment.Result r = new CyclesExperiment.Result("cycles", "d", 5, 20000, 20.0, 1, 2, 3, List.of(),
                rows, List.of("n"), 850, 1000, null, null, CycleRounds.ratios(rows), 1900, 850 / 1900.0, 55.3);
        Map<String, Object> json = Json.tree(r);
        assertEquals(850.0, json.get("java_cycles_per_s_median"));
        assertEquals(1000.0, json.get("ffm_raw_cycles_per_s_median"));
        assertEquals(0.85, (double) json.get("java_over_ffm_raw_round_median"), 1e-9);
        assertFalse(json.containsKey("c_cycles_per_s_median"), json.keySet().toString());
        assertFalse(json.containsKey("java_over_c_round_median"), json.keySet().toString());
        assertFalse(json.containsKey("ratios"), json.keySet().toString());
        Map<String, Object> first = Report.map(Report.list(json.get("rows")).get(0));
        assertEquals(List.of("round", "java_cycles_per_s", "java_median_cycle_ns", "ffm_raw_cycles_per_s",
                "ffm_raw_median_cycle_ns", "kernel_cycles_per_s", "kernel_min_cycle_ns", "kernel_max_cycle_ns"),
                List.copyOf(first.keySet()));
        String summary = Report.summary(Map.of("system", Map.of("kernel", "k", "accelerator", "TCG"),
                "experiments", List.of(json)));
        assertTrue(summary.contains("java_over_ffm_raw_round_median: 0.85"), summary);
    }

    @Test
    void aSeriesHasItsPercentilesUnderTheirOldNamesAndNoneWhenEmpty() {
        Lat l = new Lat("s");
        for (long ns = 1000; ns <= 100_000; ns += 1000) {
            l.record(ns);
        }
        Map<String, Object> s = Json.tree(SeriesSummary.of(l));
        assertEquals(List.of("name", "count", "min_ns", "p50_ns", "p90_ns", "p99_ns", "p99.9_ns", "max_ns", "mean_ns",
                "cdf_ns_percent", "hist_ns_count"), List.copyOf(s.keySet()));
        assertEquals(100L, s.get("count"));
        assertEquals(51, Report.list(s.get("cdf_ns_percent")).size());
        Map<String, Object> empty = Json.tree(SeriesSummary.of(new Lat("e")));
        assertEquals(List.of("name", "count", "cdf_ns_percent", "hist_ns_count"), List.copyOf(empty.keySet()));
        assertNull(empty.get("p50_ns"));
    }

    @Test
    void namesSplitAtEveryCapital() {
        SnakeCase n = new SnakeCase();
        assertEquals("shared_ops_per_s_median", n.translate("sharedOpsPerSMedian"));
        assertEquals("java_over_c", n.translate("javaOverC"));
        assertEquals("shared_over_separate_median_ci95_low", n.translate("sharedOverSeparateMedianCi95Low"));
    }
}
