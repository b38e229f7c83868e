// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kthreadbridge.bench.Lat;
import dev.kthreadbridge.bench.SnakeCase;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * A latency series in bench.json: count, min, percentiles, max and mean in
 * ns (absent when empty), its CDF (50 steps) and a log-bucket histogram.
 */
@JsonNaming(SnakeCase.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeriesSummary(String name, long count, Long minNs, Long p50Ns, Long p90Ns, Long p99Ns,
        @JsonProperty("p99.9_ns") Long p999Ns, Long maxNs, Long meanNs,
        List<List<Number>> cdfNsPercent, List<List<Long>> histNsCount) {

    /** The summary of {@code lat}. */
    public static SeriesSummary of(Lat lat) {
        var h = lat.hist;
        List<List<Number>> cdf = new ArrayList<>();
        for (double[] p : lat.cdf(50)) {
            cdf.add(List.of((long) p[0], p[1]));
        }
        List<List<Long>> hist = new ArrayList<>();
        if (lat.count() == 0) {
            return new SeriesSummary(lat.name, 0, null, null, null, null, null, null, null, cdf, hist);
        }
        for (HistogramIterationValue v : h.logarithmicBucketValues(500, Math.sqrt(2))) {
            hist.add(List.of(v.getValueIteratedTo(), v.getCountAddedInThisIterationStep()));
        }
        return new SeriesSummary(lat.name, h.getTotalCount(), h.getMinValue(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                h.getMaxValue(), Math.round(h.getMean()), cdf, hist);
    }
}
