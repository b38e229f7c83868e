package dev.kthreadbridge.cli;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.Experiments;
import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.bench.PngSupport;
import dev.kthreadbridge.bench.Report;
import dev.kthreadbridge.bench.SystemInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kb}: hands-on use and experiments with kthread-bridge
 * ({@code java -jar target/kb-cli.jar COMMAND}).
 */
@Command(name = "kb", mixinStandardHelpOptions = true, version = "kb 0.1.0",
        description = "Hands-on use and experiments with kthread-bridge (/dev/kthread_bridge).",
        subcommands = {Main.Ps.class, Main.Run.class, Main.Stop.class, Main.Bench.class, Main.ReportCmd.class,
                Main.PlotCmd.class, Main.JmhSummary.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static Duration duration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"},
                {"m", "60000000000"}};
        for (String[] u : new String[][] {units[0], units[1], units[2], units[4], units[3]}) {
            if (t.endsWith(u[0]) && t.length() > u[0].length()
                    && Character.isDigit(t.charAt(t.length() - u[0].length() - 1))) {
                double v = Double.parseDouble(t.substring(0, t.length() - u[0].length()));
                return Duration.ofNanos((long) (v * Long.parseLong(u[1])));
            }
        }
        throw new IllegalArgumentException("duration like 500us, 10ms, 2s, 1m expected, got " + s);
    }

    /** idle | exit:N | spin:DURATION | periodic:DURATION | wait */
    static Workload workload(String s) {
        String[] p = s.split(":", 2);
        return switch (p[0].toLowerCase(Locale.ROOT)) {
            case "idle" -> Workload.idle();
            case "exit" -> Workload.exit(p.length > 1 ? Integer.parseInt(p[1]) : 0);
            case "spin" -> Workload.spin(duration(p.length > 1 ? p[1] : "1ms"));
            case "periodic" -> Workload.periodic(duration(p.length > 1 ? p[1] : "1ms"));
            case "wait" -> Workload.waitForSignal();
            default -> throw new IllegalArgumentException(
                    "workload must be idle, exit:N, spin:DURATION, periodic:DURATION or wait, got " + s);
        };
    }

    static String row(ThreadInfo i) {
        ThreadInfo.Timestamps ts = i.timestamps();
        return String.format(Locale.ROOT, "%6d %7d %-16s %-5s %3s %10d %8d  %s", i.handle(), i.pid(), i.comm(),
                i.state(), i.cpu(), i.iterations(), i.wakeups(), i.status());
    }

    static final String HEADER = String.format("%6s %7s %-16s %-5s %3s %10s %8s  %s", "HANDLE", "PID", "COMM",
            "STATE", "CPU", "ITERS", "WAKEUPS", "STATUS");

    // ------------------------------------------------------------------ ps

    @Command(name = "ps", mixinStandardHelpOptions = true,
            description = {"Kernel threads (children of kthreadd) whose name starts with PREFIX, and the module's",
                    "live thread count (nr_threads, over all open files). Handles are per open file, so",
                    "other processes' threads are shown by pid and name only."})
    static final class Ps implements Callable<Integer> {
        @Option(names = "--prefix", defaultValue = "kb-",
                description = "name prefix (default: ${DEFAULT-VALUE}, which kb run and kb bench use; plain"
                        + " \"kb\" would also match the kernel's kblockd)")
        String prefix;

        @Override
        public Integer call() {
            Map<Integer, String> k = SystemInfo.kthreadsWithPrefix(prefix);
            System.out.printf("module nr_threads: %s%n", SystemInfo.moduleThreads() < 0 ? "(module not loaded)"
                    : SystemInfo.moduleThreads());
            System.out.printf("%7s %-16s %s%n", "PID", "COMM", "STATE");
            k.forEach((pid, v) -> {
                int sp = v.lastIndexOf(' ');
                System.out.printf("%7d %-16s %s%n", pid, v.substring(0, sp), v.substring(sp + 1));
            });
            System.out.printf("%d kthread(s) named %s*%n", k.size(), prefix);
            return 0;
        }
    }

    // ------------------------------------------------------------------ run

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Creates COUNT kthreads, wakes them, shows them, holds them for --hold (or until",
                    "Enter with --until-enter), then stops them and prints what each returned. The threads",
                    "belong to this process's open file: they end with it at the latest."})
    static final class Run implements Callable<Integer> {
        @Option(names = {"-w", "--workload"}, defaultValue = "idle",
                description = "idle | exit:N | spin:DURATION | periodic:DURATION | wait (default ${DEFAULT-VALUE})")
        String workload;
        @Option(names = {"-n", "--name"}, defaultValue = "kb-run", description = "name (index appended if COUNT > 1)")
        String name;
        @Option(names = "--cpu", description = "bind to this CPU (kthread_bind)")
        Integer cpu;
        @Option(names = {"-c", "--count"}, defaultValue = "1")
        int count;
        @Option(names = "--hold", defaultValue = "0s", description = "how long to keep them (e.g. 5s)")
        String hold;
        @Option(names = "--until-enter", description = "hold until a line on stdin (or EOF)")
        boolean untilEnter;
        @Option(names = "--no-wake", description = "create only (kthread_create); stop them unwoken")
        boolean noWake;
        @Option(names = "--device", defaultValue = "/dev/kthread_bridge")
        Path device;

        @Override
        public Integer call() throws Exception {
            ThreadSpec base = ThreadSpec.of(workload(workload), name);
            List<KernelThread> ts = new ArrayList<>();
            try (KthreadBridge b = KthreadBridge.open(device)) {
                for (int i = 0; i < count; i++) {
                    ThreadSpec s = new ThreadSpec(base.workload(), count > 1 ? name + i : name, base.cpu());
                    if (cpu != null) {
                        s = s.boundTo(cpu);
                    }
                    KernelThread t = b.create(s);
                    ts.add(t);
                    if (!noWake) {
                        t.wake();
                    }
                }
                System.out.println(HEADER);
                for (KernelThread t : ts) {
                    System.out.println(row(t.info()));
                }
                Duration d = duration(hold);
                if (untilEnter) {
                    System.out.println("holding; press Enter to stop them");
                    new BufferedReader(new InputStreamReader(System.in)).readLine();
                } else if (!d.isZero()) {
                    System.out.println("holding for " + d.toMillis() + " ms");
                    Thread.sleep(d.toMillis());
                    System.out.println(HEADER);
                    for (KernelThread t : ts) {
                        System.out.println(row(t.info()));
                    }
                }
                for (KernelThread t : ts) {
                    StopResult r = t.stop();
                    ThreadInfo i = r.info();
                    String what = r instanceof StopResult.Returned ret ? "returned " + ret.value()
                            : "never ran (kthread_stop " + ((StopResult.NeverRan) r).result() + ")";
                    System.out.printf("stopped %s (pid %d): %s; lifetime %s%n", t.name(), t.pid(), what,
                            i.lifetime().map(x -> x.toNanos() / 1000 + " us").orElse("-"));
                }
            }
            return 0;
        }
    }

    // ------------------------------------------------------------------ stop

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Threads can be stopped only through the open file that created them: by the",
                    "process that holds it (kb run stops its own threads when --hold ends), or by that",
                    "process exiting, which closes the file and makes the module stop every thread it",
                    "owns. This command shows the PIDs given (or all kb-* kthreads) and says so."})
    static final class Stop implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "PID")
        List<Integer> pids = new ArrayList<>();

        @Override
        public Integer call() {
            Map<Integer, String> k = SystemInfo.kthreadsWithPrefix("");
            Map<Integer, String> mine = SystemInfo.kthreadsWithPrefix("kb-");
            List<Integer> list = pids.isEmpty() ? new ArrayList<>(mine.keySet()) : pids;
            for (int pid : list) {
                System.out.printf("%d: %s%n", pid, k.containsKey(pid) ? "kthread " + k.get(pid)
                        + ": owned by another process's open file; stop it there or end that process"
                        : "not a kernel thread (or gone)");
            }
            System.err.println("kb stop: cross-process stop is not possible by design (handles are per open file)");
            return list.isEmpty() ? 0 : 3;
        }
    }

    // ------------------------------------------------------------------ bench

    enum Which { lifecycle, wakeup, control, scale, cycles, all }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Runs experiments and writes DIR/bench.json, summary.txt and (with --csv / --png)",
                    "CSV tables and PNG plots. Every report states kernel, accelerator, CPU and JVM."})
    static final class Bench implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "EXPERIMENT",
                description = "lifecycle | wakeup | control | scale | cycles | all")
        List<Which> which;
        @Option(names = {"-i", "--iterations"}, defaultValue = "1000",
                description = "lifecycle samples (wakeup, control: a fifth of it per series) (default ${DEFAULT-VALUE})")
        int iterations;
        @Option(names = "--scale-max", defaultValue = "1000", description = "most live threads (default ${DEFAULT-VALUE})")
        int scaleMax;
        @Option(names = "--settle", defaultValue = "0.5", description = "seconds to wait before memory readings")
        double settle;
        @Option(names = "--cycles", defaultValue = "500", description = "cycles per path and round (cycles experiment)")
        int cycles;
        @Option(names = "--rounds", defaultValue = "9")
        int rounds;
        @Option(names = "--warmup", defaultValue = "20",
                description = "seconds of Java cycles before the cycles rounds, for the JIT (default ${DEFAULT-VALUE})")
        double warmup;
        @Option(names = "--warmup-cycles", defaultValue = "20000",
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
                try {
                    PngSupport.check();
                } catch (IllegalStateException e) {
                    System.err.println("kb bench: " + e.getMessage());
                    return 1;
                }
            }
            List<Which> w = which.contains(Which.all)
                    ? List.of(Which.lifecycle, Which.wakeup, Which.control, Which.scale, Which.cycles) : which;
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("system", SystemInfo.collect());
            System.err.println("kb bench: " + SystemInfo.headline(Report.map(root.get("system"))));
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
                        case scale -> Experiments.scale(device, scaleMax, settle);
                        case cycles -> Experiments.cycles(b, cycles, rounds, cCycle,
                                java.time.Duration.ofMillis((long) (warmup * 1000)), warmupCycles);
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
            System.out.print(json ? text : summary);
            System.err.println("kb bench: results in " + out.toAbsolutePath());
            return 0;
        }
    }

    // ------------------------------------------------------------------ report

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Merges the bench.json of several runs (one per kernel) into comparison.md/.json and plots.")
    static final class ReportCmd implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR")
        List<Path> dirs;
        @Option(names = "--out", defaultValue = "build/bench/compare")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<Map<String, Object>> runs = new ArrayList<>();
            for (Path d : dirs) {
                runs.add(Report.load(d));
            }
            System.out.print(Report.compare(runs, out));
            System.err.println("kb report: " + out.resolve("comparison.md"));
            return 0;
        }
    }

    static String ratio3(Double a, Double b) {
        return a == null || b == null || b == 0 ? "-" : String.format(Locale.ROOT, "%.3f", a / b);
    }

    // ------------------------------------------------------------------ plot

    @Command(name = "plot", mixinStandardHelpOptions = true,
            description = "Redraws summary.txt, CSV and PNGs of a bench run directory from its bench.json.")
    static final class PlotCmd implements Callable<Integer> {
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

    // ------------------------------------------------------------------ jmh-summary

    @Command(name = "jmh-summary", mixinStandardHelpOptions = true,
            description = "Turns a JMH result.json of IoctlPathBenchmark into a table of ns/op and ratios to C.")
    static final class JmhSummary implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RESULT_JSON")
        Path result;
        @Option(names = "--c-loop", description = "kb_ioctl_loop's JSON line (C outside the JVM)")
        Path cLoop;
        @Option(names = "--out", defaultValue = "build/bench/jmh")
        Path out;

        @Override
        public Integer call() throws Exception {
            Map<String, Double> score = new LinkedHashMap<>();
            Map<String, Double> err = new LinkedHashMap<>();
            Map<String, Double> med = new LinkedHashMap<>();
            Map<String, Double> min = new LinkedHashMap<>();
            for (Object o : Report.list(Json.read(result))) {
                Map<String, Object> m = Report.map(o);
                String b = String.valueOf(m.get("benchmark"));
                b = b.substring(b.lastIndexOf('.') + 1);
                Map<String, Object> pm = Report.map(m.get("primaryMetric"));
                score.put(b, ((Number) pm.get("score")).doubleValue());
                Object e = pm.get("scoreError");
                err.put(b, e instanceof Number n ? n.doubleValue() : Double.NaN);
                double[] raw = Report.list(pm.get("rawData")).stream().flatMap(x -> Report.list(x).stream())
                        .mapToDouble(x -> ((Number) x).doubleValue()).sorted().toArray();
                if (raw.length > 0) {
                    med.put(b, raw.length % 2 == 1 ? raw[raw.length / 2] : (raw[raw.length / 2 - 1] + raw[raw.length / 2]) / 2);
                    min.put(b, raw[0]);
                }
            }
            Double c = score.get("c");
            Map<String, Object> sys = SystemInfo.collect();
            StringBuilder sb = new StringBuilder();
            sb.append("JMH call-path comparison: ").append(SystemInfo.headline(sys)).append("\n\n");
            sb.append("| path | ns/op (mean) | ± (99.9% CI) | median of iterations | min of iterations"
                    + " | mean / C | median / C | min / C |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (String k : List.of("c", "ffm", "jni", "jnaDirect", "jnaInterface")) {
                if (score.containsKey(k)) {
                    sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %s | %s | %s |%n", k,
                            score.get(k), err.get(k), med.getOrDefault(k, Double.NaN), min.getOrDefault(k, Double.NaN),
                            ratio3(score.get(k), c), ratio3(med.get(k), med.get("c")), ratio3(min.get(k), min.get("c"))));
                }
            }
            if (cLoop != null && Files.isRegularFile(cLoop)) {
                Map<String, Object> cl = Report.map(Json.read(cLoop));
                double v = ((Number) cl.get("median_ns_per_call")).doubleValue();
                sb.append(String.format(Locale.ROOT,
                        "%nC outside the JVM (kb_ioctl_loop, median of rounds, run right after JMH): %.1f ns/call%n", v));
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("summary.md"), sb);
            System.out.print(sb);
            return 0;
        }
    }
}
