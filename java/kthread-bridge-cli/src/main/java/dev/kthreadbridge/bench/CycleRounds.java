// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.function.Function;

/**
 * The rows of the cycles experiment and the medians of their per-round
 * ratios: also applied to the rows of bench.json files written before a
 * ratio existed.
 */
public final class CycleRounds {

    private CycleRounds() {
    }

    /** One round: a block per path. Numbers are boxed: C is absent without kb_cycle, and older rows lack some. */
    @JsonNaming(SnakeCase.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(Integer round, Double javaCyclesPerS, Long javaMedianCycleNs, Double ffmRawCyclesPerS,
            Long ffmRawMedianCycleNs, Double kernelCyclesPerS, Long kernelMinCycleNs, Long kernelMaxCycleNs,
            Double cCyclesPerS, Long cMedianCycleNs, Double kbCycleKernelCyclesPerS) {
    }

    /**
     * Medians of the per-round ratios (null where no round has both sides): the paths of one round ran
     * seconds apart, so a round's ratio is less exposed to the host's load drifting between rounds than
     * the ratio of the medians.
     */
    @JsonNaming(SnakeCase.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ratios(Double javaOverCRoundMedian, Double ffmRawOverCRoundMedian,
            Double javaOverFfmRawRoundMedian, Double javaOverCByMedianCycleRoundMedian,
            Double ffmRawOverCByMedianCycleRoundMedian, Double javaOverKernelRoundMedian,
            Double cOverKernelRoundMedian) {
    }

    /** The medians of the per-round ratios of {@code rows}. */
    public static Ratios ratios(List<Row> rows) {
        return new Ratios(
                ratio(rows, Row::javaCyclesPerS, Row::cCyclesPerS),
                ratio(rows, Row::ffmRawCyclesPerS, Row::cCyclesPerS),
                ratio(rows, Row::javaCyclesPerS, Row::ffmRawCyclesPerS),
                ratio(rows, Row::cMedianCycleNs, Row::javaMedianCycleNs),
                ratio(rows, Row::cMedianCycleNs, Row::ffmRawMedianCycleNs),
                ratio(rows, Row::javaCyclesPerS, Row::kernelCyclesPerS),
                ratio(rows, Row::cCyclesPerS, Row::kernelCyclesPerS));
    }

    private static Double ratio(List<Row> rows, Function<Row, ? extends Number> top,
            Function<Row, ? extends Number> bottom) {
        double[] v = rows.stream().filter(r -> top.apply(r) != null && bottom.apply(r) != null)
                .mapToDouble(r -> top.apply(r).doubleValue() / bottom.apply(r).doubleValue()).toArray();
        return v.length == 0 ? null : Stats.median(v);
    }
}
