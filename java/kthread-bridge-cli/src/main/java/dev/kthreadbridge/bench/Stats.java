// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Medians, quantiles and a bootstrap interval of the median, as the experiments report them. */
public final class Stats {

    /** Resamples of {@link #medianCi95}. */
    static final int BOOTSTRAP_RESAMPLES = 2000;

    private Stats() {
    }

    /** The median of v; NaN if v is empty. */
    public static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length == 0 ? Double.NaN
                : c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    /** The median of a column of the rows, those that have it (null: absent); NaN if none has it. */
    public static <T> double medianOf(List<T> rows, Function<T, ? extends Number> column) {
        return median(rows.stream().map(column).filter(Objects::nonNull).mapToDouble(Number::doubleValue).toArray());
    }

    /** The q-quantile of v (0 <= q <= 1), interpolated between the nearest ranks; NaN if v is empty. */
    public static double quantile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] c = v.clone();
        Arrays.sort(c);
        double pos = q * (c.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return c[lo] + (pos - lo) * (c[hi] - c[lo]);
    }

    /**
     * A 95 % percentile-bootstrap interval of the median of v: the 2.5th and 97.5th percentile of the
     * medians of {@value #BOOTSTRAP_RESAMPLES} resamples (v.length values drawn with replacement), with a
     * fixed seed, so that the same rows always give the same interval; {NaN, NaN} if v is empty.
     */
    public static double[] medianCi95(double[] v) {
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(0x6b62L);
        double[] medians = new double[BOOTSTRAP_RESAMPLES];
        double[] sample = new double[v.length];
        for (int b = 0; b < medians.length; b++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = v[random.nextInt(v.length)];
            }
            medians[b] = median(sample);
        }
        return new double[] {quantile(medians, 0.025), quantile(medians, 0.975)};
    }
}
