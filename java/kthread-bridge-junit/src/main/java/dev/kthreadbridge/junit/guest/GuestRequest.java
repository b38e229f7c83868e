// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.guest;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the host asks one guest to run, as {@code request.properties} in
 * the results directory: the Jupiter unique ids to select
 * ({@code selector.N}) and each top-level class's timeout
 * ({@code timeout.<class>}, seconds).
 */
public record GuestRequest(List<String> selectors, Map<String, Integer> timeouts) {

    /** The file name in the results directory. */
    public static final String NAME = "request.properties";

    public GuestRequest {
        selectors = List.copyOf(selectors);
        timeouts = Map.copyOf(timeouts);
    }

    /** Writes the request to {@code dir}. */
    public void write(Path dir) throws IOException {
        Properties p = new Properties();
        for (int i = 0; i < selectors.size(); i++) {
            p.setProperty("selector." + i, selectors.get(i));
        }
        timeouts.forEach((cls, s) -> p.setProperty("timeout." + cls, Integer.toString(s)));
        try (Writer w = Files.newBufferedWriter(dir.resolve(NAME), StandardCharsets.UTF_8)) {
            p.store(w, "kernel-test guest request");
        }
    }

    /** Reads the request from {@code dir}; a bad file fails naming it. */
    public static GuestRequest read(Path dir) throws IOException {
        Properties p = new Properties();
        Path file = dir.resolve(NAME);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<String> selectors = new ArrayList<>();
        for (int i = 0; p.containsKey("selector." + i); i++) {
            selectors.add(p.getProperty("selector." + i));
        }
        Map<String, Integer> timeouts = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("timeout.")) {
                try {
                    timeouts.put(key.substring("timeout.".length()), Integer.parseInt(p.getProperty(key)));
                } catch (NumberFormatException e) {
                    throw new IOException("reading " + file + ": " + key + " is not a number of seconds", e);
                }
            }
        }
        if (selectors.isEmpty()) {
            throw new IOException("reading " + file + ": no selector.0");
        }
        return new GuestRequest(selectors, timeouts);
    }
}
