// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Headless Java2D line plots with a log-10 x axis (latency CDFs, cost vs thread count). */
public final class Plot {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x393b79), new Color(0xad494a),
    };

    /** The colour of the i-th series as #rrggbb (the SVG plots use the same palette). */
    static String color(int i) {
        return String.format(Locale.ROOT, "#%06x", COLORS[i % COLORS.length].getRGB() & 0xffffff);
    }

    /** A named line of (x, y) points. */
    public record Series(String name, List<double[]> points) {
    }

    private Plot() {
    }

    /** Writes the PNG of a run's plot. */
    public static void lines(Path file, PlotSpec p) throws IOException {
        lines(file, p.title(), p.subtitle(), p.xLabel(), p.yLabel(), p.series(), p.logX(), p.yMax(), p.markers());
    }

    /**
     * Writes a PNG: x on a log-10 axis (logX) or linear, y linear from 0 to yMax
     * (NaN: the data's max).
     */
    public static void lines(Path file, String title, String subtitle, String xLabel, String yLabel,
                             List<Series> series, boolean logX, double yMax, boolean markers) throws IOException {
        int w = 1000;
        int h = 620;
        int left = 100;
        int right = 45;
        int top = 60;
        int legendH = 18 * series.size() + 10;
        int bottom = 60 + legendH;
        BufferedImage img = new BufferedImage(w, h + legendH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h + legendH);
        Axes ax = axes(series, logX, yMax);
        double lo = ax.lo();
        double hi = ax.hi();
        double yHi = ax.yHi();
        int pw = w - left - right;
        int ph = h + legendH - top - bottom;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, left, 24);
        int size = 12;
        do {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size--));
        } while (size > 7 && g.getFontMetrics().stringWidth(subtitle) > w - left - 10);
        g.drawString(subtitle, left, 44);
        // grid and ticks
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            double yv = yHi * i / 5;
            int y = top + ph - (int) (ph * i / 5.0);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(left, y, left + pw, y);
            g.setColor(Color.BLACK);
            String yl = fmt(yv);
            g.drawString(yl, left - 8 - g.getFontMetrics().stringWidth(yl), y + 4);
        }
        if (logX) {
            for (int e = (int) lo; e <= (int) hi; e++) {
                int x = left + (int) (pw * (e - lo) / (hi - lo));
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(x, top, x, top + ph);
                g.setColor(Color.BLACK);
                g.drawString(fmtX(Math.pow(10, e)), x - 14, top + ph + 18);
                for (int k = 2; k < 10 && e < (int) hi; k++) {
                    int xm = left + (int) (pw * (e + Math.log10(k) - lo) / (hi - lo));
                    g.setColor(new Color(0xf2f2f2));
                    g.drawLine(xm, top, xm, top + ph);
                }
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                int x = left + pw * i / 5;
                g.setColor(Color.BLACK);
                g.drawString(fmt(hi * i / 5), x - 14, top + ph + 18);
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.drawString(xLabel, left + pw / 2 - 60, top + ph + 38);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + ph / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 18);
        g.rotate(Math.PI / 2);
        // lines
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            g.setColor(COLORS[si % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (double[] p : s.points()) {
                if (logX && p[0] <= 0) {
                    continue;
                }
                int x = left + (int) (pw * ax.xf(p[0], logX));
                int y = top + ph - (int) (ph * Math.min(p[1], yHi) / yHi);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                if (markers) {
                    g.fillOval(x - 4, y - 4, 8, 8);
                }
                px = x;
                py = y;
            }
            int ly = top + ph + 58 + 18 * si;
            g.fillRect(left, ly - 9, 22, 5);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), left + 30, ly - 3);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /**
     * The ranges of a plot, shared by the PNG and the SVG renderer: x from lo
     * to hi (decades when logX), y from 0 to yHi.
     */
    record Axes(double lo, double hi, double yHi) {
        /** x of a point as a fraction of the plot's width. */
        double xf(double x, boolean logX) {
            return logX ? (Math.log10(x) - lo) / (hi - lo) : x / hi;
        }
    }

    static Axes axes(List<Series> series, boolean logX, double yMax) {
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yHi = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (logX && p[0] <= 0) {
                    continue;
                }
                xMin = Math.min(xMin, p[0]);
                xMax = Math.max(xMax, p[0]);
                yHi = Math.max(yHi, p[1]);
            }
        }
        if (xMin == Double.MAX_VALUE) {
            xMin = 1;
            xMax = 10;
        }
        if (!Double.isNaN(yMax)) {
            yHi = yMax;
        }
        yHi = yHi <= 0 ? 1 : Double.isNaN(yMax) ? 5 * niceStep(yHi * 1.02 / 5) : yHi;
        double lo = logX ? Math.floor(Math.log10(xMin)) : 0;
        double hi = logX ? Math.ceil(Math.log10(xMax)) : xMax;
        if (hi <= lo) {
            hi = lo + 1;
        }
        return new Axes(lo, hi, yHi);
    }

    /** The smallest of 1, 2, 2.5, 5 x 10^k that is >= v. */
    static double niceStep(double v) {
        double e = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * e >= v) {
                return m * e;
            }
        }
        return 10 * e;
    }

    static String fmt(double v) {
        if (v >= 1e6) {
            return trim(String.format(Locale.ROOT, "%.3g", v / 1e6)) + "M";
        }
        if (v >= 1e3) {
            return trim(String.format(Locale.ROOT, "%.3g", v / 1e3)) + "k";
        }
        return trim(String.format(Locale.ROOT, "%.3g", v));
    }

    private static String trim(String s) {
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static String fmtX(double v) {
        return fmt(v);
    }
}
