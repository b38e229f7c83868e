// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.AbiVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: kb --version prints the build's version, the ABI and the Java runtime. */
class VersionProviderTest {

    /**
     * The pom's version: surefire passes it (kthread-bridge-cli/pom.xml); the guest's test launcher
     * does not, and then it must at least look like one.
     */
    private static String projectVersion() {
        String v = System.getProperty("kb.test.projectVersion");
        if (v == null) {
            v = VersionProvider.version();
            assertTrue(v.matches("[0-9]+\\.[0-9]+\\.[0-9]+([-.][A-Za-z0-9.-]+)?"), v);
        }
        return v;
    }

    @Test
    void theVersionIsTheBuildsNotAHardCodedOne() {
        assertEquals(projectVersion(), VersionProvider.version());
        assertFalse(VersionProvider.version().contains("${"));
        assertNotEquals("unknown", VersionProvider.version());
    }

    @Test
    void versionPrintsVersionAbiAndJava() {
        List<String> expected = List.of("kb " + projectVersion(), "kthread-bridge module ABI " + AbiVersion.SUPPORTED,
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vendor") + ")");
        for (String flag : new String[] {"--version", "-V"}) {
            Kb kb = Kb.run(flag);
            assertEquals(ExitCodes.OK, kb.status(), kb::toString);
            assertEquals(expected, kb.out().lines().toList());
            assertEquals("", kb.err());
        }
    }

    @Test
    void everySubcommandPrintsTheSameVersion() {
        String top = Kb.run("--version").out();
        for (String cmd : new String[] {"ps", "run", "stop", "demo", "bench", "report", "plot", "jmh-summary"}) {
            Kb kb = Kb.run(cmd, "--version");
            assertEquals(ExitCodes.OK, kb.status(), cmd + ": " + kb);
            assertEquals(top, kb.out(), cmd);
        }
    }
}
