// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.cli;

import dev.kthreadbridge.AbiVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Host-only: kb --version prints the build's version, the ABI and the Java runtime. */
class VersionProviderTest {

    /** The pom's version, passed by surefire (kthread-bridge-cli/pom.xml). */
    private static String projectVersion() {
        String v = System.getProperty("kb.test.projectVersion");
        assertNotNull(v, "surefire sets kb.test.projectVersion");
        return v;
    }

    @Test
    void theVersionIsTheBuildsNotAHardCodedOne() {
        assertEquals(projectVersion(), VersionProvider.version());
        assertFalse(VersionProvider.version().contains("${"));
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
