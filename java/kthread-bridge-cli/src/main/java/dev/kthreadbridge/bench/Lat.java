// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import org.HdrHistogram.Histogram;


/** A named latency series in ns (HdrHistogram, 3 significant digits) and its summary. */
public final class Lat {

    public static final double[] PERCENTILES = {50, 90, 99, 99.9};

    public final String name;
    public final Histogram hist = new Histogram(1, 600_000_000_000L, 3);

    public Lat(String name) {
        this.name = name;
    }

    public void record(long ns) {
        hist.recordValue(Math.max(1, Math.min(ns, hist.getHighestTrackableValue())));
    }

    public long count() {
        return hist.getTotalCount();
    }

    /** CDF points (value ns, percentile 0..100) for plots and JSON. */
    public java.util.List<double[]> cdf(int points) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        if (hist.getTotalCount() == 0) {
            return out;
        }
        for (int i = 0; i <= points; i++) {
            double p = 100.0 * i / points;
            out.add(new double[] {hist.getValueAtPercentile(p), p});
        }
        return out;
    }
}
