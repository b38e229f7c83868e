// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.cli;

import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.bench.PngSupport;
import dev.kthreadbridge.bench.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Redraws summary.txt, CSV and PNGs of a bench run directory from its bench.json.")
final class PlotCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR")
    List<Path> dirs;

    @Override
    public Integer call() throws Exception {
        try {
            PngSupport.check();
        } catch (IllegalStateException e) {
            System.err.println("kb plot: " + e.getMessage());
            return 1;
        }
        for (Path d : dirs) {
            Map<String, Object> root = Report.map(Json.read(d.resolve("bench.json")));
            Files.writeString(d.resolve("summary.txt"), Report.summary(root));
            Report.writeCsv(d, root);
            Report.writePngs(d, root).forEach(p -> System.out.println(p));
        }
        return 0;
    }
}
