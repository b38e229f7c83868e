// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.bench.HtmlReport;
import dev.kthreadbridge.bench.JfrRecording;
import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.bench.Report;
import dev.kthreadbridge.bench.SystemInfo;
import dev.kthreadbridge.bench.experiment.ControlExperiment;
import dev.kthreadbridge.bench.experiment.CyclesExperiment;
import dev.kthreadbridge.bench.experiment.Experiment;
import dev.kthreadbridge.bench.experiment.ExperimentContext;
import dev.kthreadbridge.bench.experiment.FilesExperiment;
import dev.kthreadbridge.bench.experiment.LifecycleExperiment;
import dev.kthreadbridge.bench.experiment.ScaleExperiment;
import dev.kthreadbridge.bench.experiment.WakeupExperiment;
import dev.kthreadbridge.trace.JfrSpans;
import dev.kthreadbridge.trace.TraceSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Run experiments; write bench.json, summary.txt and CSV, PNG and HTML reports.",
        description = "Runs the experiments and writes OUT/bench.json, summary.txt and (with --csv / --png)"
                + " CSV tables and PNG plots (with --html report.html); prints the summary (or with --json the"
                + " JSON document)."
                + " Every report states kernel, accelerator, CPU and JVM. Progress goes to stderr.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EXPERIMENT",
            description = "lifecycle | wakeup | control | scale | files | cycles | all (in this order).")
    List<Which> which;
    @Option(names = {"-i", "--iterations"}, defaultValue = "1000", paramLabel = "N",
            converter = Converters.PositiveInt.class,
            description = "Lifecycle samples; wakeup and control take a fifth of it per series, at least 10"
                    + " (default: ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--scale-max", defaultValue = "1000", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Most live threads of the scale experiment (default: ${DEFAULT-VALUE}).")
    int scaleMax;
    @Option(names = "--settle", defaultValue = "0.5", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Wait before each memory reading of scale: seconds (0.5) or a duration (500ms)"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration settle;
    @Option(names = "--cycles", defaultValue = "500", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Create -> wake -> stop cycles per path and round of the cycles experiment"
                    + " (default: ${DEFAULT-VALUE}).")
    int cycles;
    @Option(names = "--rounds", defaultValue = "9", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Rounds of the cycles experiment (default: ${DEFAULT-VALUE}).")
    int rounds;
    @Option(names = "--warmup", defaultValue = "20", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Java cycles for this long before the cycles rounds, for the JIT: seconds or a duration"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration warmup;
    @Option(names = "--warmup-cycles", defaultValue = "20000", paramLabel = "N",
            converter = Converters.NonNegativeLong.class,
            description = "And at least this many Java cycles before the cycles rounds (default: ${DEFAULT-VALUE}).")
    long warmupCycles;
    @Option(names = "--files-threads", defaultValue = "1,2,4", split = ",", paramLabel = "T",
            converter = Converters.PositiveInt.class,
            description = "Java threads per configuration of the files experiment, comma-separated"
                    + " (default: ${DEFAULT-VALUE}).")
    List<Integer> filesThreads;
    @Option(names = "--files-duration", defaultValue = "0.25", paramLabel = "SECONDS",
            converter = Converters.PositiveSeconds.class,
            description = "How long each block of the files experiment runs: seconds or a duration, more than 0"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration filesDuration;
    @Option(names = "--files-rounds", defaultValue = "60", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Rounds of the files experiment, each a block of shared and of separate files per"
                    + " operation and thread count, the first side alternating (default: ${DEFAULT-VALUE}).")
    int filesRounds;
    @Option(names = "--files-warmup", defaultValue = "20", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Unmeasured rounds before the files rounds, for the JIT: whole rounds until this much"
                    + " time has passed, at least one; 0 for none (default: ${DEFAULT-VALUE}).")
    Duration filesWarmup;
    @Option(names = "--c-cycle", defaultValue = "build/native/kb_cycle", paramLabel = "PATH",
            description = "The C cycle program run per round beside Java; left out if missing"
                    + " (default: ${DEFAULT-VALUE}).")
    Path cCycle;
    @Option(names = "--out", defaultValue = "build/bench/run", paramLabel = "OUT",
            description = "Directory for bench.json, summary.txt, CSV and PNGs (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--json", description = "Print the JSON document (as in bench.json) instead of the summary.")
    boolean json;
    @Option(names = "--csv", description = "Also write latency.csv and a CSV per experiment with rows.")
    boolean csv;
    @Option(names = "--png", description = "Also draw PNG plots (needs fonts: checked before any experiment runs).")
    boolean png;
    @Option(names = "--html", description = "Also write report.html: tables, SVG plots and, with OUT/trace.json,"
            + " its timeline, in one self-contained page.")
    boolean html;
    @Option(names = "--trace", description = "Trace the experiments in the kernel (tracefs, needs root) and write"
            + " OUT/trace.json in the Trace Event Format (Perfetto, chrome://tracing).")
    boolean trace;
    @Mixin
    TraceOptions traceOptions;
    @Option(names = "--jfr", paramLabel = "FILE", description = "Record a JFR file of the run: one event per"
            + " kernel operation (create, wake, stop, ...) and the JDK's default events; open it in JDK Mission"
            + " Control (docs/jfr.md).")
    Path jfr;
    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        if (png) {
            PlotCommand.requirePngSupport();
        }
        List<Experiment> experiments = experiments(which.contains(Which.all)
                ? List.of(Which.lifecycle, Which.wakeup, Which.control, Which.scale, Which.files, Which.cycles)
                : which);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("system", SystemInfo.collect());
        spec.commandLine().getErr().println("kb bench: " + SystemInfo.headline(Report.map(root.get("system"))));
        List<Object> exps = new ArrayList<>();
        root.put("experiments", exps);
        try (JfrRecording rec = JfrRecording.start(jfr); JfrSpans spans = trace ? JfrSpans.start() : null;
                KthreadBridge b = device.open(); TraceSession session = trace ? traceOptions.start() : null) {
            Map<String, Object> sys = Report.map(root.get("system"));
            sys.put("abi", b.abiVersion().toString());
            ExperimentContext context = new ExperimentContext(b, device.path);
            for (Experiment e : experiments) {
                exps.add(Json.tree(e.run(context)));
            }
            if (session != null) {
                Files.createDirectories(out);
                TraceOptions.finish(session, out.resolve("trace.json"), spans.stop(),
                        spec.commandLine().getErr());
            }
        }
        Files.createDirectories(out);
        String text = Json.write(root);
        Files.writeString(out.resolve("bench.json"), text);
        String summary = Report.summary(root);
        Files.writeString(out.resolve("summary.txt"), summary);
        if (csv) {
            Report.writeCsv(out, root);
        }
        if (png) {
            Report.writePngs(out, root);
        }
        if (html) {
            HtmlReport.write(out, root);
        }
        spec.commandLine().getOut().print(json ? text : summary);
        spec.commandLine().getErr().println("kb bench: results in " + out.toAbsolutePath());
        return 0;
    }

    /** The experiments asked for, with their options from the command line. */
    private List<Experiment> experiments(List<Which> names) {
        List<Experiment> out = new ArrayList<>();
        for (Which x : names) {
            out.add(switch (x) {
                case lifecycle -> new LifecycleExperiment(
                        new LifecycleExperiment.Options(iterations, Math.min(100, iterations / 10)));
                case wakeup -> new WakeupExperiment(new WakeupExperiment.Options(Math.max(10, iterations / 5)));
                case control -> new ControlExperiment(new ControlExperiment.Options(Math.max(10, iterations / 5)));
                case scale -> new ScaleExperiment(new ScaleExperiment.Options(scaleMax, settle.toNanos() / 1e9));
                case files -> new FilesExperiment(
                        new FilesExperiment.Options(filesThreads, filesDuration, filesRounds, filesWarmup));
                case cycles -> new CyclesExperiment(
                        new CyclesExperiment.Options(cycles, rounds, cCycle, warmup, warmupCycles));
                case all -> throw new AssertionError("expanded by call()");
            });
        }
        return out;
    }

    enum Which { lifecycle, wakeup, control, scale, files, cycles, all }
}
