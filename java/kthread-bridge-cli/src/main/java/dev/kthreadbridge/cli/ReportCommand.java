// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.bench.HtmlReport;
import dev.kthreadbridge.bench.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Merge bench runs of several kernels into one comparison.",
        description = "Merges the bench.json of several runs (one per kernel; with DIR/cycles/bench.json"
                + " if there is one) into OUT/comparison.md, comparison.json and plots, and prints"
                + " comparison.md. With --html instead: DIR/report.html for each DIR, one self-contained page"
                + " (tables, plots, system header, the timeline of DIR/trace.json if there is one).")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "A run directory of kb bench (holds bench.json).")
    List<Path> dirs;
    @Option(names = "--out", defaultValue = "build/bench/compare", paramLabel = "OUT",
            description = "Directory for comparison.md, comparison.json and the plots (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--html", description = "Write DIR/report.html for each DIR (no comparison); print their paths.")
    boolean html;

    @Override
    public Integer call() throws Exception {
        if (html) {
            for (Path d : dirs) {
                spec.commandLine().getOut().println(HtmlReport.write(d, Report.load(d)));
            }
            return 0;
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Path d : dirs) {
            runs.add(Report.load(d));
        }
        spec.commandLine().getOut().print(Report.compare(runs, out));
        spec.commandLine().getErr().println("kb report: " + out.resolve("comparison.md"));
        return 0;
    }
}
