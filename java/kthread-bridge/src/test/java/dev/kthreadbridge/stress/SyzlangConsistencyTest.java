// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.stress;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The syzkaller description sys/linux/dev_kthread_bridge.txt agrees with the
 * uapi header: scripts/hardening/check-syzlang.py compares every ioctl
 * number, struct size and field offset with what gcc computes. A command
 * added to the header without a description fails here.
 */
class SyzlangConsistencyTest {

    static Path repoDir() {
        return Path.of(System.getProperty("kthreadbridge.test.repoDir", ".")).toAbsolutePath();
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void descriptionMatchesTheHeader() throws IOException, InterruptedException {
        Path script = repoDir().resolve("scripts/hardening/check-syzlang.py");
        assumeTrue(Files.isRegularFile(script), "no " + script);
        assumeTrue(onPath("python3") && onPath("gcc"), "python3 or gcc not installed");
        Process p = new ProcessBuilder("python3", script.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "check-syzlang.py hung");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.strip().endsWith(" 0 failed"), out);
    }
}
