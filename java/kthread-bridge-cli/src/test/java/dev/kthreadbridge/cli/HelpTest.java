// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: every command has a header and a description, every option a description and its default. */
class HelpTest {

    private static List<CommandSpec> commands() {
        CommandLine top = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<CommandSpec> all = new ArrayList<>(List.of(top.getCommandSpec()));
        top.getSubcommands().forEach((name, cl) -> {
            if (!name.equals("help")) {
                all.add(cl.getCommandSpec());
            }
        });
        return all;
    }

    @Test
    void everyCommandIsListed() {
        assertEquals(List.of("kb", "kb ps", "kb run", "kb stop", "kb demo", "kb bench", "kb report", "kb plot",
                "kb jmh-summary"), commands().stream().map(CommandSpec::qualifiedName).toList());
    }

    @Test
    void everyCommandHasAOneLineHeaderAndADescription() {
        for (CommandSpec c : commands()) {
            String[] header = c.usageMessage().header();
            assertEquals(1, header.length, c.qualifiedName());
            assertTrue(header[0].endsWith(".") && header[0].length() <= 100, c.qualifiedName() + ": " + header[0]);
            assertTrue(c.usageMessage().description().length > 0, c.qualifiedName());
            assertTrue(c.mixinStandardHelpOptions(), c.qualifiedName());
        }
    }

    @Test
    void everyOptionAndParameterIsDescribedWithItsDefault() {
        int withDefault = 0;
        for (CommandSpec c : commands()) {
            List<ArgSpec> args = new ArrayList<>(c.options());
            args.addAll(c.positionalParameters());
            for (ArgSpec a : args) {
                String what = c.qualifiedName() + " " + (a instanceof OptionSpec o ? o.longestName() : a.paramLabel());
                String text = String.join(" ", a.renderedDescription());
                assertFalse(text.isBlank(), what + " has no description");
                if (a.defaultValue() != null) {
                    withDefault++;
                    assertTrue(text.contains("(default: " + a.defaultValue() + ")"), what + ": " + text);
                }
            }
        }
        assertTrue(withDefault >= 15, "options with defaults: " + withDefault);
    }

    @Test
    void subcommandHelpGoesToStdoutAndShowsDefaults() {
        Kb kb = Kb.run("run", "--help");
        assertEquals(ExitCodes.OK, kb.status(), kb::toString);
        assertEquals("", kb.err());
        assertTrue(kb.out().startsWith("Create, wake, show, hold and stop kernel threads."), kb.out());
        String text = kb.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("(default: idle)") && text.contains("(default: /dev/kthread_bridge)")
                && text.contains("--verbose"), kb.out());
    }

    @Test
    void helpCommandWorksForEverySubcommand() {
        for (String cmd : List.of("ps", "run", "stop", "demo", "bench", "report", "plot", "jmh-summary")) {
            Kb kb = Kb.run("help", cmd);
            assertEquals(ExitCodes.OK, kb.status(), kb::toString);
            assertTrue(kb.out().contains("Usage: kb " + cmd), kb.out());
        }
    }
}
