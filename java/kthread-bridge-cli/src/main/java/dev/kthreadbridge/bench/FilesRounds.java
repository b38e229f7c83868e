// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of the files experiment and their statistics: also applied to
 * the rows of bench.json files written before a statistic existed.
 */
public final class FilesRounds {

    /** The ratio asked of one shared file against a file per thread: shared / separate at least this. */
    public static final double TARGET = 0.9;

    private FilesRounds() {
    }

    /**
     * One block of each side for an operation and a thread count in a round. Numbers are boxed: a row
     * read back from an older bench.json may lack them.
     */
    @JsonNaming(SnakeCase.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(Integer round, String operation, Integer threads, String first,
            Long sharedOps, Double sharedMs, Double sharedOpsPerS,
            Long separateOps, Double separateMs, Double separateOpsPerS, Double sharedOverSeparate) {

        /** shared / separate ops/s of this round; null if either is missing. */
        Double ratio() {
            return sharedOpsPerS == null || separateOpsPerS == null ? null : sharedOpsPerS / separateOpsPerS;
        }
    }

    /** The statistics of one (operation, threads) over the rounds. */
    @JsonNaming(SnakeCase.class)
    public record Median(String operation, int threads, int rounds, double sharedOpsPerSMedian,
            double separateOpsPerSMedian, double sharedOverSeparateRoundMedian,
            double sharedOverSeparateMedianCi95Low, double sharedOverSeparateMedianCi95High,
            double sharedOverSeparateRoundP25, double sharedOverSeparateRoundP75,
            double sharedOverSeparateOfMedians, double sharedOverSeparatePooled, boolean meetsTarget) {
    }

    /**
     * Per (operation, threads), in the order the rows first name them: the rounds, the medians of each
     * side's ops/s, the median of the per-round ratios shared / separate with a 95 % bootstrap interval
     * of it ({@link Stats#medianCi95}) and their quartiles, the ratio of the medians, the pooled ratio (all
     * rounds' operations / all rounds' time, per side) and whether the median ratio meets {@link #TARGET}.
     */
    public static List<Median> medians(List<Row> rows) {
        Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.threads() != null) {
                groups.computeIfAbsent(List.of(String.valueOf(row.operation()), row.threads()),
                        k -> new ArrayList<>()).add(row);
            }
        }
        List<Median> out = new ArrayList<>();
        for (var g : groups.entrySet()) {
            List<Row> group = g.getValue();
            double[] ratios = group.stream().map(Row::ratio).filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).toArray();
            double shared = Stats.medianOf(group, Row::sharedOpsPerS);
            double separate = Stats.medianOf(group, Row::separateOpsPerS);
            double ratio = Stats.median(ratios);
            double[] ci = Stats.medianCi95(ratios);
            out.add(new Median((String) g.getKey().get(0), (Integer) g.getKey().get(1), group.size(), shared,
                    separate, ratio, ci[0], ci[1], Stats.quantile(ratios, 0.25), Stats.quantile(ratios, 0.75),
                    shared / separate, pooledRate(group, true) / pooledRate(group, false), ratio >= TARGET));
        }
        return out;
    }

    /** The operations of one side over all rows / their time in seconds (NaN if a row lacks either). */
    private static double pooledRate(List<Row> rows, boolean shared) {
        double ops = 0;
        double ms = 0;
        for (Row r : rows) {
            Long o = shared ? r.sharedOps() : r.separateOps();
            Double t = shared ? r.sharedMs() : r.separateMs();
            if (o == null || t == null) {
                return Double.NaN;
            }
            ops += o;
            ms += t;
        }
        return ops * 1000 / ms;
    }
}
