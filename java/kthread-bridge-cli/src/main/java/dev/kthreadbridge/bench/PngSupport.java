// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Whether this JVM can draw the PNG plots: Java2D needs fontconfig and at
 * least one font to render text, which minimal systems (a debootstrapped
 * VM, a container) lack. Checked before an experiment runs, so a missing
 * font costs no measurement.
 */
public final class PngSupport {

    /** The packages that give Java2D a font on Debian. */
    public static final String FIX = "apt-get install fontconfig fonts-dejavu-core";

    private PngSupport() {
    }

    /** Throws IllegalStateException with the fix if text cannot be rendered here. */
    public static void check() {
        check(PngSupport::renderText);
    }

    static void check(Runnable probe) {
        try {
            probe.run();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("PNG plots need fonts, and Java2D cannot render text here ("
                    + e + "): " + FIX + ", or leave out --png (JSON, CSV and the summary need no fonts)", e);
        }
    }

    private static void renderText() {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("x", 0, 7);
            g.getFontMetrics().stringWidth("x");
        } finally {
            g.dispose();
        }
    }
}
