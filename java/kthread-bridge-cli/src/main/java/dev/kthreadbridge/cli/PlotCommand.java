// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.bench.PngSupport;
import dev.kthreadbridge.bench.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "plot", mixinStandardHelpOptions = true,
        header = "Redraw a bench run's summary, CSV tables and PNG plots from its bench.json.",
        description = "Rewrites DIR/summary.txt, the CSV tables and the PNG plots of each run directory"
                + " from its bench.json, and prints the PNG files written. Needs fonts for Java2D.")
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "A run directory of kb bench (holds bench.json).")
    List<Path> dirs;

    @Override
    public Integer call() throws Exception {
        requirePngSupport();
        for (Path d : dirs) {
            Map<String, Object> root = Report.map(Json.read(d.resolve("bench.json")));
            Files.writeString(d.resolve("summary.txt"), Report.summary(root));
            Report.writeCsv(d, root);
            Report.writePngs(d, root).forEach(p -> spec.commandLine().getOut().println(p));
        }
        return 0;
    }

    /** Fails with {@link ExitCodes#UNAVAILABLE} and the fix unless Java2D can draw text here. */
    static void requirePngSupport() {
        try {
            PngSupport.check();
        } catch (IllegalStateException e) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE, e.getMessage(), null, e);
        }
    }
}
