// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The part of a guest's console that explains a failure: from the first
 * line vm-run.sh counts as a kernel failure (its PANIC_RE), some lines of
 * it; else the console's last lines. Also the guest's kernel-failure note.
 */
final class ConsoleExcerpt {

    /** scripts/vm-run.sh's PANIC_RE. */
    private static final Pattern PANIC = Pattern.compile("^\\[ *[0-9]+\\.[0-9]+\\] .*(Kernel panic|BUG:|WARNING:|Oops"
            + "|blocked for more than|soft lockup|hard LOCKUP|general protection fault|kernel BUG|Call Trace:)");
    private static final int BEFORE = 3;
    private static final int AFTER = 40;
    private static final int TAIL = 25;

    private ConsoleExcerpt() {
    }

    /** The excerpt of {@code results}: kernel-failure, the console around the first failure (or its tail). */
    static String of(Path results) {
        StringBuilder b = new StringBuilder();
        List<String> note = lines(results.resolve("kernel-failure"));
        if (!note.isEmpty()) {
            b.append("guest kernel-failure: ").append(String.join("; ", note)).append('\n');
        }
        List<String> console = lines(results.resolve("console.log"));
        int first = -1;
        for (int i = 0; i < console.size() && first < 0; i++) {
            if (PANIC.matcher(console.get(i)).find()) {
                first = i;
            }
        }
        if (first >= 0) {
            b.append("console.log from the first kernel failure:\n");
            append(b, console.subList(Math.max(0, first - BEFORE), Math.min(console.size(), first + AFTER)));
        } else {
            b.append("console.log, last lines:\n");
            append(b, console.subList(Math.max(0, console.size() - TAIL), console.size()));
        }
        b.append("(full console and dmesg: ").append(results.resolve("console.log")).append(", ")
                .append(results.resolve("dmesg.log")).append(')');
        return b.toString();
    }

    /** The last {@code n} lines of {@code file} (none when it does not exist). */
    static String tail(Path file, int n) {
        List<String> all = lines(file);
        StringBuilder b = new StringBuilder();
        append(b, all.subList(Math.max(0, all.size() - n), all.size()));
        return b.toString();
    }

    private static void append(StringBuilder b, List<String> lines) {
        for (String line : lines) {
            b.append("  ").append(line.replace("\r", "")).append('\n');
        }
    }

    private static List<String> lines(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1)).stream()
                    .filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
