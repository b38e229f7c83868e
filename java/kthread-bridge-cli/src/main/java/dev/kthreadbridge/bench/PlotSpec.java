// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import java.util.List;

/**
 * One plot of a run, as {@link Report#plots} selects it: drawn as PNG by
 * {@link Plot} and as inline SVG by {@link SvgPlot}. x on a log-10 axis
 * (logX) or linear, y linear from 0 to yMax (NaN: the data's max).
 *
 * @param name the file name without extension, e.g. "lifecycle-cdf"
 */
public record PlotSpec(String name, String title, String subtitle, String xLabel, String yLabel,
                       List<Plot.Series> series, boolean logX, double yMax, boolean markers) {
}
