// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import java.util.Locale;

/** A {@link PlotSpec} as an inline SVG element: the same axes, ticks, lines and legend as the PNG of {@link Plot}. */
final class SvgPlot {

    private static final int W = 1000;
    private static final int H = 620;
    private static final int LEFT = 100;
    private static final int RIGHT = 45;
    private static final int TOP = 60;

    private SvgPlot() {
    }

    static String svg(PlotSpec p) {
        int legendH = 18 * p.series().size() + 10;
        int bottom = 60 + legendH;
        int pw = W - LEFT - RIGHT;
        int ph = H + legendH - TOP - bottom;
        Plot.Axes ax = Plot.axes(p.series(), p.logX(), p.yMax());
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"plot\" data-plot=\"").append(Html.esc(p.name())).append("\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H + legendH).append("\" role=\"img\" aria-label=\"")
                .append(Html.esc(p.title())).append("\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        text(sb, LEFT, 24, "title", p.title());
        text(sb, LEFT, 44, "sub", p.subtitle());
        for (int i = 0; i <= 5; i++) {
            double y = TOP + ph - ph * i / 5.0;
            line(sb, LEFT, y, LEFT + pw, y, "#e0e0e0");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 8, y + 4, Html.esc(Plot.fmt(ax.yHi() * i / 5))));
        }
        if (p.logX()) {
            for (int e = (int) ax.lo(); e <= (int) ax.hi(); e++) {
                double x = LEFT + pw * (e - ax.lo()) / (ax.hi() - ax.lo());
                for (int k = 2; k < 10 && e < (int) ax.hi(); k++) {
                    double xm = LEFT + pw * (e + Math.log10(k) - ax.lo()) / (ax.hi() - ax.lo());
                    line(sb, xm, TOP, xm, TOP + ph, "#f2f2f2");
                }
                line(sb, x, TOP, x, TOP + ph, "#e0e0e0");
                tick(sb, x, TOP + ph + 18, Plot.fmtX(Math.pow(10, e)));
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                tick(sb, LEFT + pw * i / 5.0, TOP + ph + 18, Plot.fmt(ax.hi() * i / 5));
            }
        }
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#000\"/>%n", LEFT, TOP, pw, ph));
        tick(sb, LEFT + pw / 2.0, TOP + ph + 38, p.xLabel());
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %d) rotate(-90)\""
                + " text-anchor=\"middle\">%s</text>%n", TOP + ph / 2, Html.esc(p.yLabel())));
        for (int si = 0; si < p.series().size(); si++) {
            Plot.Series s = p.series().get(si);
            String c = Plot.color(si);
            StringBuilder pts = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (double[] pt : s.points()) {
                if (p.logX() && pt[0] <= 0 || Double.isNaN(pt[0]) || Double.isNaN(pt[1])) {
                    continue;
                }
                double x = LEFT + pw * ax.xf(pt[0], p.logX());
                double y = TOP + ph - ph * Math.min(pt[1], ax.yHi()) / ax.yHi();
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                if (p.markers()) {
                    marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", x, y));
                }
            }
            sb.append("<g class=\"series\" fill=\"").append(c).append("\"><title>").append(Html.esc(s.name()))
                    .append("</title><polyline fill=\"none\" stroke=\"").append(c)
                    .append("\" stroke-width=\"2\" points=\"").append(pts.toString().strip()).append("\"/>")
                    .append(marks).append("</g>\n");
            int ly = TOP + ph + 58 + 18 * si;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"5\" fill=\"%s\"/>",
                    LEFT, ly - 9, c));
            text(sb, LEFT + 30, ly - 3, "legend", s.name());
        }
        return sb.append("</svg>\n").toString();
    }

    private static void text(StringBuilder sb, int x, int y, String cls, String t) {
        sb.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" class=\"").append(cls).append("\">")
                .append(Html.esc(t)).append("</text>\n");
    }

    private static void tick(StringBuilder sb, double x, double y, String t) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", x, y,
                Html.esc(t)));
    }

    private static void line(StringBuilder sb, double x1, double y1, double x2, double y2, String stroke) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, stroke));
    }
}
