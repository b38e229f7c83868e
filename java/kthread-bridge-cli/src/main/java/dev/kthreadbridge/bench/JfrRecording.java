// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * A JFR recording around a run, for {@code --jfr FILE}: the library's
 * kthread-bridge events (one per call into the module, enabled by default)
 * and the JDK's own "default" settings (about 1% overhead: GC, JIT,
 * threads, CPU load), written to FILE when closed. {@link #none()} when
 * the option was not given.
 */
public final class JfrRecording implements AutoCloseable {

    private final Recording recording;
    private final Path file;

    private JfrRecording(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /**
     * Starts a recording that {@link #close()} writes to {@code file}, or,
     * for a null file, a recording that does nothing.
     *
     * @param file where the recording goes, or null for none
     * @return the running recording; close it after the run
     */
    public static JfrRecording start(Path file) {
        if (file == null) {
            return none();
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent + " for the JFR file " + file, e);
        }
        Configuration defaults;
        try {
            defaults = Configuration.getConfiguration("default");
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("the JDK's JFR configuration \"default\" is unreadable: " + e, e);
        }
        Recording r = new Recording(defaults);
        r.setName("kb " + file.getFileName());
        r.setToDisk(true);
        r.start();
        return new JfrRecording(r, file);
    }

    /**
     * A recording that records nothing and writes no file.
     *
     * @return the no-op recording
     */
    public static JfrRecording none() {
        return new JfrRecording(null, null);
    }

    /**
     * The file the recording goes to.
     *
     * @return the path given to {@link #start(Path)}, or null for {@link #none()}
     */
    public Path file() {
        return file;
    }

    /** Stops the recording and writes the file (also when the run failed: what it did is in it). */
    @Override
    public void close() {
        if (recording == null) {
            return;
        }
        try (recording) {
            recording.stop();
            recording.dump(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JFR file " + file, e);
        }
    }
}
