// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: the font check that kb bench --png and kb plot run first. */
class PngSupportTest {

    @Test
    void aFailingFontSetupNamesTheFix() {
        RuntimeException cause = new RuntimeException("Fontconfig head is null, check your fonts or fonts configuration");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PngSupport.check(() -> {
            throw cause;
        }));
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().startsWith("PNG plots need fonts, and Java2D cannot render text here"
                + " (java.lang.RuntimeException: Fontconfig head is null"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install fontconfig fonts-dejavu-core, or leave out --png"),
                e.getMessage());
    }

    @Test
    void aMissingNativeLibraryIsCaughtToo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PngSupport.check(() -> {
            throw new UnsatisfiedLinkError("libfreetype.so.6: cannot open shared object file");
        }));
        assertTrue(e.getMessage().contains("libfreetype.so.6"), e.getMessage());
    }

    @Test
    void thisHostCanRenderText() {
        // the build host has fonts (the PNGs in docs/ were drawn here)
        assertDoesNotThrow(() -> PngSupport.check());
    }
}
