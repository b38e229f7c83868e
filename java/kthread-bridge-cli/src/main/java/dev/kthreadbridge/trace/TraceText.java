// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser of the tracefs {@code trace} text file: comment lines (#) are skipped, "CPU:n [LOST k EVENTS]" lines
 * are counted, every other line is {@code <comm>-<pid> [(tgid)] [cpu] [flags] <secs>.<usecs>: <event>: <fields>}.
 */
public final class TraceText {
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(.*?)-(\\d+)\\s+(?:\\(\\s*[-\\d]+\\)\\s+)?\\[(\\d+)]\\s+(?:\\S+\\s+)?(\\d+)\\.(\\d+):\\s+(\\w+):\\s?(.*)$");
    private static final Pattern LOST = Pattern.compile("^CPU:(\\d+) \\[LOST (\\d+) EVENTS]");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(.*?)(?=\\s+\\w+=|\\s+==>|$)");

    /** What a text trace held: its events and the events the kernel said it lost ("[LOST n EVENTS]"). */
    public record Parsed(List<TraceEvent> events, long lostInText, long unparsedLines) {
    }

    private TraceText() {
    }

    public static Parsed parse(BufferedReader in) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        long lost = 0;
        long unparsed = 0;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher l = LOST.matcher(line);
            if (l.find()) {
                lost += Long.parseLong(l.group(2));
                continue;
            }
            TraceEvent e = parseLine(line);
            if (e == null) {
                unparsed++;
            } else {
                events.add(e);
            }
        }
        return new Parsed(events, lost, unparsed);
    }

    /** One event line, or null if the line is not one. */
    public static TraceEvent parseLine(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String frac = m.group(5);
        long fracNanos = Long.parseLong(frac) * pow10(9 - frac.length());
        long ts = Long.parseLong(m.group(4)) * 1_000_000_000L + fracNanos;
        return new TraceEvent(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), ts,
                m.group(6), fields(m.group(7)));
    }

    static Map<String, String> fields(String text) {
        Map<String, String> f = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            f.putIfAbsent(m.group(1), m.group(2).trim());
        }
        return f;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
