// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: the medians of the files experiment and how the reports render them. */
class FilesReportTest {

    private static Map<String, Object> row(int round, String op, int threads, double shared, double separate) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("round", round);
        r.put("operation", op);
        r.put("threads", threads);
        // one-second blocks: as many operations as ops/s
        r.put("shared_ops", (long) shared);
        r.put("shared_ms", 1000.0);
        r.put("shared_ops_per_s", shared);
        r.put("separate_ops", (long) separate);
        r.put("separate_ms", 1000.0);
        r.put("separate_ops_per_s", separate);
        return r;
    }

    /** The medians of map rows, as the reports compute them from bench.json. */
    private static List<FilesRounds.Median> medians(List<Map<String, Object>> rows) {
        return FilesRounds.medians(rows.stream().map(r -> Json.mapper().convertValue(r, FilesRounds.Row.class)).toList());
    }

    /** Three rounds of info at T = 1 and 2, one of create+stop; round 2 ran while the host was busy. */
    private static List<Map<String, Object>> rows() {
        return List.of(
                row(1, "info", 1, 1000, 1000), row(1, "info", 2, 1800, 2000), row(1, "create+stop", 1, 200, 250),
                row(2, "info", 1, 110, 100), row(2, "info", 2, 190, 200),
                row(3, "info", 1, 900, 1000), row(3, "info", 2, 2100, 2000));
    }

    @Test
    void mediansPerOperationAndThreadsWithTheMedianOfTheRoundRatios() {
        List<FilesRounds.Median> m = medians(rows());
        assertEquals(List.of("info/1", "info/2", "create+stop/1"),
                m.stream().map(x -> x.operation() + "/" + x.threads()).toList());
        FilesRounds.Median info1 = m.get(0);
        assertEquals(3, info1.rounds());
        assertEquals(900.0, (double) info1.sharedOpsPerSMedian(), 1e-9);
        assertEquals(1000.0, (double) info1.separateOpsPerSMedian(), 1e-9);
        // per round 1.0, 1.1, 0.9: the busy round's ratio counts, its rates do not drag the medians
        assertEquals(1.0, (double) info1.sharedOverSeparateRoundMedian(), 1e-9);
        double low = (double) info1.sharedOverSeparateMedianCi95Low();
        double high = (double) info1.sharedOverSeparateMedianCi95High();
        // a resample's median is one of the three ratios or between two of them
        assertTrue(0.9 <= low && low <= 1.0 && 1.0 <= high && high <= 1.1, low + " " + high);
        assertEquals(0.95, (double) info1.sharedOverSeparateRoundP25(), 1e-9);
        assertEquals(1.05, (double) info1.sharedOverSeparateRoundP75(), 1e-9);
        assertEquals(0.9, (double) info1.sharedOverSeparateOfMedians(), 1e-9);
        // pooled: (1000 + 110 + 900) / (1000 + 100 + 1000) operations in as many seconds per side
        assertEquals(2010.0 / 2100, (double) info1.sharedOverSeparatePooled(), 1e-9);
        assertEquals(true, info1.meetsTarget());
        FilesRounds.Median info2 = m.get(1);
        assertEquals(0.95, (double) info2.sharedOverSeparateRoundMedian(), 1e-9);
        assertEquals(0.9, (double) info2.sharedOverSeparateOfMedians(), 1e-9);
        assertEquals(0.925, (double) info2.sharedOverSeparateRoundP25(), 1e-9);
        assertEquals(1.0, (double) info2.sharedOverSeparateRoundP75(), 1e-9);
        FilesRounds.Median cs = m.get(2);
        assertEquals(1, cs.rounds());
        assertEquals(0.8, (double) cs.sharedOverSeparateRoundMedian(), 1e-9);
        assertEquals(0.8, (double) cs.sharedOverSeparateMedianCi95Low(), 1e-9);
        assertEquals(0.8, (double) cs.sharedOverSeparateMedianCi95High(), 1e-9);
        assertEquals(false, cs.meetsTarget());
    }

    @Test
    void theBootstrapIntervalIsTheSameForTheSameRoundsAndNarrowsWithMoreOfThem() {
        double[] ratios = new double[60];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = 0.8 + 0.4 * ((i * 37) % 60) / 59.0; // 0.8 .. 1.2, shuffled
        }
        double[] ci = Stats.medianCi95(ratios);
        assertEquals(List.of(ci[0], ci[1]), List.of(Stats.medianCi95(ratios)[0], Stats.medianCi95(ratios)[1]));
        assertTrue(ci[0] < 1.0 && 1.0 < ci[1], ci[0] + "-" + ci[1]);
        double[] few = java.util.Arrays.copyOf(ratios, 6);
        double[] wide = Stats.medianCi95(few);
        assertTrue(wide[1] - wide[0] > ci[1] - ci[0], wide[0] + "-" + wide[1] + " vs " + ci[0] + "-" + ci[1]);
        assertTrue(Double.isNaN(Stats.medianCi95(new double[0])[0]));
    }

    @Test
    void rowsWithoutRatesGiveNoRatio() {
        Map<String, Object> broken = new LinkedHashMap<>(Map.of("operation", "info", "threads", 4,
                "shared_ops_per_s", 5.0));
        FilesRounds.Median m = medians(List.of(broken)).get(0);
        assertTrue(Double.isNaN((double) m.sharedOverSeparateRoundMedian()), m.toString());
        assertTrue(Double.isNaN((double) m.sharedOverSeparateRoundP25()), m.toString());
        assertTrue(Double.isNaN((double) m.sharedOverSeparatePooled()), m.toString());
        assertEquals(false, m.meetsTarget());
    }

    @Test
    void summaryCsvAndComparisonShowTheMedians(@TempDir Path dir) throws Exception {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("experiment", "files");
        files.put("description", "d");
        files.put("cpus", 2);
        files.put("rounds", 3);
        files.put("target_shared_over_separate", 0.9);
        files.put("rows", new ArrayList<>(rows()));
        files.put("medians", medians(rows()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("system", Map.of("kernel", "6.1.0-56-amd64", "accelerator", "TCG", "cpus", 2));
        root.put("experiments", List.of(files));
        // through the JSON text, as kb report and kb plot read it
        Files.writeString(dir.resolve("bench.json"), Json.write(root));
        Map<String, Object> read = Report.load(dir);

        String summary = Report.summary(read);
        assertTrue(summary.contains("medians of the rounds:\n"), summary);
        assertTrue(summary.contains("info | 2 | 3 | 1800 | 2000 | 0.95 | "), summary);
        assertTrue(summary.contains("target_shared_over_separate: 0.90"), summary);

        Report.writeCsv(dir, read);
        List<String> csv = Files.readAllLines(dir.resolve("files-medians.csv"));
        assertEquals("kernel,accelerator,cpus,operation,threads,rounds,shared_ops_per_s_median,"
                + "separate_ops_per_s_median,shared_over_separate_round_median,shared_over_separate_median_ci95_low,"
                + "shared_over_separate_median_ci95_high,shared_over_separate_round_p25,"
                + "shared_over_separate_round_p75,shared_over_separate_of_medians,shared_over_separate_pooled,"
                + "meets_target", csv.get(0));
        assertEquals("6.1.0-56-amd64,TCG,2,create+stop,1,1,200,250,0.8,0.8,0.8,0.8,0.8,0.8,0.8,false", csv.get(3));
        assertEquals(8, Files.readAllLines(dir.resolve("files.csv")).size());

        String md = Report.compare(List.of(read), dir.resolve("compare"));
        assertTrue(md.contains("## files: one shared open file vs one file per thread"), md);
        assertTrue(md.contains("target shared / separate >= 0.90)"), md);
        assertTrue(md.contains("| 6.1.0-56-amd64 | 2 | info | 1 | 900 | 1000 | 1.00 | "), md);
        assertTrue(md.contains(" | 0.95-1.05 | 0.96 |\n"), md);
        assertTrue(md.contains("| 6.1.0-56-amd64 | 2 | create+stop | 1 | 200 | 250 | 0.80 | 0.80-0.80 | 0.80-0.80 | 0.80 |\n"),
                md);
    }

    @Test
    void theReportsComputeTheMediansFromTheRows(@TempDir Path dir) throws Exception {
        // a run written before a statistic existed: stale medians stored, the rows are what counts
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("experiment", "files");
        files.put("cpus", 2);
        files.put("rows", new ArrayList<>(rows()));
        files.put("medians", List.of(Map.of("operation", "info", "threads", 1, "shared_ops_per_s_median", 1)));
        Map<String, Object> root = Map.of("system", Map.of("kernel", "6.12", "accelerator", "TCG"),
                "experiments", List.of(files));
        String md = Report.compare(List.of(root), dir);
        assertTrue(md.contains("| 6.12 | 2 | info | 2 | 1800 | 2000 | 0.95 | "), md);
        assertTrue(md.contains("| 6.12 | 2 | create+stop | 1 | 200 | 250 | 0.80 | 0.80-0.80 | 0.80-0.80 | 0.80 |"), md);
        assertEquals(3, Report.medians(files).size());
        Map<String, Object> noRows = new LinkedHashMap<>(files);
        noRows.put("rows", List.of());
        assertEquals(files.get("medians"), Report.medians(noRows));
    }

    @Test
    void aComparisonWithoutTheExperimentHasNoFilesSection(@TempDir Path dir) throws Exception {
        Map<String, Object> root = Map.of("system", Map.of("kernel", "6.12", "accelerator", "TCG"),
                "experiments", List.of(Map.of("experiment", "scale")));
        assertTrue(!Report.compare(List.of(root), dir).contains("## files"));
    }
}
