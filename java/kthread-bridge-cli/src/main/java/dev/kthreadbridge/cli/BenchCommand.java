// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.cli;

import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.bench.Experiments;
import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.bench.Report;
import dev.kthreadbridge.bench.SystemInfo;
import picocli.CommandLine.Command;
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
        description = {"Runs experiments and writes DIR/bench.json, summary.txt and (with --csv / --png)",
                "CSV tables and PNG plots. Every report states kernel, accelerator, CPU and JVM."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EXPERIMENT",
            description = "lifecycle | wakeup | control | scale | cycles | all")
    List<Which> which;
    @Option(names = {"-i", "--iterations"}, defaultValue = "1000", converter = Converters.PositiveInt.class,
            description = "lifecycle samples (wakeup, control: a fifth of it per series) (default ${DEFAULT-VALUE})")
    int iterations;
    @Option(names = "--scale-max", defaultValue = "1000", converter = Converters.PositiveInt.class,
            description = "most live threads (default ${DEFAULT-VALUE})")
    int scaleMax;
    @Option(names = "--settle", defaultValue = "0.5", converter = Converters.Seconds.class,
            description = "seconds to wait before memory readings")
    Duration settle;
    @Option(names = "--cycles", defaultValue = "500", converter = Converters.PositiveInt.class,
            description = "cycles per path and round (cycles experiment)")
    int cycles;
    @Option(names = "--rounds", defaultValue = "9", converter = Converters.PositiveInt.class)
    int rounds;
    @Option(names = "--warmup", defaultValue = "20", converter = Converters.Seconds.class,
            description = "seconds of Java cycles before the cycles rounds, for the JIT (default ${DEFAULT-VALUE})")
    Duration warmup;
    @Option(names = "--warmup-cycles", defaultValue = "20000", converter = Converters.NonNegativeLong.class,
            description = "and at least this many Java cycles before the cycles rounds (default ${DEFAULT-VALUE})")
    long warmupCycles;
    @Option(names = "--c-cycle", defaultValue = "build/native/kb_cycle",
            description = "the C cycle program run per round beside Java (default ${DEFAULT-VALUE})")
    Path cCycle;
    @Option(names = "--out", defaultValue = "build/bench/run")
    Path out;
    @Option(names = "--json", description = "also print the JSON to stdout")
    boolean json;
    @Option(names = "--csv")
    boolean csv;
    @Option(names = "--png")
    boolean png;
    @Option(names = "--device", defaultValue = "/dev/kthread_bridge")
    Path device;

    @Override
    public Integer call() throws Exception {
        if (png) {
            PlotCommand.requirePngSupport();
        }
        List<Which> w = which.contains(Which.all)
                ? List.of(Which.lifecycle, Which.wakeup, Which.control, Which.scale, Which.cycles) : which;
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("system", SystemInfo.collect());
        spec.commandLine().getErr().println("kb bench: " + SystemInfo.headline(Report.map(root.get("system"))));
        List<Object> exps = new ArrayList<>();
        root.put("experiments", exps);
        try (KthreadBridge b = KthreadBridge.open(device)) {
            Map<String, Object> sys = Report.map(root.get("system"));
            sys.put("abi", b.abiVersion().toString());
            for (Which x : w) {
                Experiments.Result r = switch (x) {
                    case lifecycle -> Experiments.lifecycle(b, iterations, Math.min(100, iterations / 10));
                    case wakeup -> Experiments.wakeup(b, Math.max(10, iterations / 5));
                    case control -> Experiments.control(b, Math.max(10, iterations / 5));
                    case scale -> Experiments.scale(device, scaleMax, settle.toNanos() / 1e9);
                    case cycles -> Experiments.cycles(b, cycles, rounds, cCycle,
                            warmup, warmupCycles);
                    case all -> throw new AssertionError();
                };
                exps.add(r.toJson());
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
        spec.commandLine().getOut().print(json ? text : summary);
        spec.commandLine().getErr().println("kb bench: results in " + out.toAbsolutePath());
        return 0;
    }

    enum Which { lifecycle, wakeup, control, scale, cycles, all }
}
