// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a bench JSON tree ({"system": ..., "experiments": [...]}) as a
 * human summary, CSV and PNG plots, and merges several (one per kernel)
 * into a comparison.
 */
public final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String us(Object ns) {
        double v = num(ns);
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 1e5 ? "%.0f" : v >= 1e4 ? "%.1f" : "%.2f", v / 1000);
    }

    static String f(Object o) {
        double v = num(o);
        if (Double.isNaN(v)) {
            return o == null ? "-" : o.toString();
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static Map<String, Object> experiment(Map<String, Object> root, String name) {
        for (Object e : list(root.get("experiments"))) {
            if (name.equals(map(e).get("experiment"))) {
                return map(e);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- one run

    /** The warning that a run's numbers come from a virtual machine; null on bare metal. */
    static String vmNote(Map<String, Object> sys) {
        return "none".equals(sys.get("accelerator")) ? null : "measured in a virtual machine ("
                + sys.get("accelerator") + "): relative numbers only, not bare-metal latencies.";
    }

    public static String summary(Map<String, Object> root) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> sys = map(root.get("system"));
        sb.append("kthread-bridge bench: ").append(SystemInfo.headline(sys)).append('\n');
        if (vmNote(sys) != null) {
            sb.append("NOTE: ").append(vmNote(sys)).append('\n');
        }
        for (Object o : list(root.get("experiments"))) {
            Map<String, Object> e = map(o);
            sb.append("\n== ").append(e.get("experiment")).append(" ==\n").append(e.get("description")).append('\n');
            List<Object> series = list(e.get("series"));
            if (!series.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%-58s %7s %9s %9s %9s %9s %9s %9s%n", "series (us)", "n",
                        "min", "p50", "p90", "p99", "p99.9", "max"));
                for (Object so : series) {
                    Map<String, Object> s = map(so);
                    sb.append(String.format(Locale.ROOT, "%-58s %7s %9s %9s %9s %9s %9s %9s%n", s.get("name"),
                            f(s.get("count")), us(s.get("min_ns")), us(s.get("p50_ns")), us(s.get("p90_ns")),
                            us(s.get("p99_ns")), us(s.get("p99.9_ns")), us(s.get("max_ns"))));
                }
            }
            List<Object> rows = list(e.get("rows"));
            if (!rows.isEmpty()) {
                table(sb, rows);
            }
            List<Object> medians = medians(e);
            if (!medians.isEmpty()) {
                sb.append("medians of the rounds:\n");
                table(sb, medians);
            }
            for (String k : SUMMARY_KEYS) {
                if (e.containsKey(k)) {
                    sb.append(k).append(": ").append(f(e.get(k))).append('\n');
                }
            }
            for (Object n : list(e.get("notes"))) {
                sb.append("note: ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    /** The single values of an experiment that the summary (and the HTML report) show, in this order. */
    static final List<String> SUMMARY_KEYS = List.of("java_cycles_per_s_median", "ffm_raw_cycles_per_s_median",
            "c_cycles_per_s_median", "kernel_cycles_per_s_median", "java_over_c", "java_over_kernel", "java_over_c_round_median",
            "ffm_raw_over_c_round_median", "java_over_ffm_raw_round_median",
            "java_over_c_by_median_cycle_round_median", "ffm_raw_over_c_by_median_cycle_round_median",
            "java_over_kernel_round_median", "c_over_kernel_round_median",
            "user_space_overhead_percent_vs_kernel", "java_warmup_cycles", "java_warmup_s", "cpus",
            "target_shared_over_separate", "module_nr_threads_after", "kthreads_left_after", "leak");

    /** The columns of the latency table of the summary (and the HTML report): the series' name, then these. */
    static final List<String> SERIES_KEYS = List.of("count", "min_ns", "p50_ns", "p90_ns", "p99_ns", "p99.9_ns",
            "max_ns");

    /**
     * An experiment's medians: for files, computed again from its rows with
     * {@link FilesRounds#medians} (as the comparison does for the cycles
     * ratios), so that a run written before a statistic existed gets it;
     * otherwise as stored.
     */
    static List<Object> medians(Map<String, Object> e) {
        List<Object> rows = list(e.get("rows"));
        if (!"files".equals(e.get("experiment")) || rows.isEmpty()) {
            return list(e.get("medians"));
        }
        List<FilesRounds.Row> r = new ArrayList<>();
        rows.forEach(x -> r.add(Json.mapper().convertValue(x, FilesRounds.Row.class)));
        List<Object> out = new ArrayList<>();
        FilesRounds.medians(r).forEach(m -> out.add(Json.tree(m)));
        return out;
    }

    /** The columns of a table of rows: every key of any row, in order of appearance. */
    static List<String> columns(List<Object> rows) {
        Set<String> cols = new LinkedHashSet<>();
        for (Object r : rows) {
            cols.addAll(map(r).keySet());
        }
        return new ArrayList<>(cols);
    }

    static void table(StringBuilder sb, List<Object> rows) {
        List<String> c = columns(rows);
        sb.append(String.join(" | ", c)).append('\n');
        for (Object r : rows) {
            List<String> cells = new ArrayList<>();
            for (String k : c) {
                cells.add(f(map(r).get(k)));
            }
            sb.append(String.join(" | ", cells)).append('\n');
        }
    }

    /** Columns of latency.csv, one row per latency series of every experiment. */
    static final List<String> LATENCY_COLUMNS = List.of("kernel", "accelerator", "experiment", "series", "count",
            "min_ns", "p50_ns", "p90_ns", "p99_ns", "p99.9_ns", "max_ns", "mean_ns");

    /**
     * DIR/latency.csv (every series), DIR/EXPERIMENT.csv (each experiment's rows) and DIR/EXPERIMENT-medians.csv
     * (its medians, with the guest's CPUs: files), with kernel and accelerator.
     */
    public static void writeCsv(Path dir, Map<String, Object> root) throws IOException {
        Object kernel = map(root.get("system")).get("kernel");
        Object accel = map(root.get("system")).get("accelerator");
        List<Map<String, Object>> lat = new ArrayList<>();
        for (Object o : list(root.get("experiments"))) {
            Map<String, Object> e = map(o);
            for (Object so : list(e.get("series"))) {
                Map<String, Object> s = new LinkedHashMap<>(map(so));
                s.put("kernel", kernel);
                s.put("accelerator", accel);
                s.put("experiment", e.get("experiment"));
                s.put("series", s.get("name"));
                lat.add(s);
            }
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("kernel", kernel);
            run.put("accelerator", accel);
            writeTable(dir.resolve(e.get("experiment") + ".csv"), run, list(e.get("rows")));
            run.put("cpus", e.get("cpus"));
            writeTable(dir.resolve(e.get("experiment") + "-medians.csv"), run, medians(e));
        }
        Csv.write(dir.resolve("latency.csv"), LATENCY_COLUMNS, lat);
    }

    /** FILE with the columns of {@code run} (the same in every line) first, then the rows'; none if no rows. */
    private static void writeTable(Path file, Map<String, Object> run, List<Object> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        Set<String> cols = new LinkedHashSet<>(run.keySet());
        rows.forEach(r -> cols.addAll(map(r).keySet()));
        List<Map<String, Object>> table = new ArrayList<>();
        for (Object r : rows) {
            Map<String, Object> t = new LinkedHashMap<>(map(r));
            t.putAll(run);
            table.add(t);
        }
        Csv.write(file, List.copyOf(cols), table);
    }

    static List<double[]> pairs(Object o, double xScale, double yScale) {
        List<double[]> pts = new ArrayList<>();
        for (Object p : list(o)) {
            List<Object> l = list(p);
            pts.add(new double[] {num(l.get(0)) * xScale, num(l.get(1)) * yScale});
        }
        return pts;
    }

    static String sub(Map<String, Object> sys) {
        return SystemInfo.headline(sys);
    }

    /** PNGs of one run; returns the files written. */
    public static List<Path> writePngs(Path dir, Map<String, Object> root) throws IOException {
        List<Path> out = new ArrayList<>();
        for (PlotSpec spec : plots(root)) {
            Path p = dir.resolve(spec.name() + ".png");
            Plot.lines(p, spec);
            out.add(p);
        }
        return out;
    }

    /**
     * The plots of one run, each named as its PNG without ".png": drawn as PNG
     * by {@link #writePngs} and as inline SVG by {@link HtmlReport}.
     */
    public static List<PlotSpec> plots(Map<String, Object> root) {
        List<PlotSpec> out = new ArrayList<>();
        Map<String, Object> sys = map(root.get("system"));
        for (Object o : list(root.get("experiments"))) {
            Map<String, Object> e = map(o);
            String name = String.valueOf(e.get("experiment"));
            List<Object> series = list(e.get("series"));
            if (!series.isEmpty() && !name.equals("scale")) {
                // one plot per group of series ("first wake->entry [...]", "signal->running WAIT [...]")
                Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
                for (Object so : series) {
                    String n = String.valueOf(map(so).get("name"));
                    int b = n.indexOf(" [");
                    groups.computeIfAbsent(b < 0 ? "" : n.substring(0, b), x -> new ArrayList<>()).add(map(so));
                }
                for (var g : groups.entrySet()) {
                    String slug = groups.size() == 1 || g.getKey().isEmpty() ? ""
                            : "-" + g.getKey().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "").toLowerCase(Locale.ROOT);
                    String what = slug.isEmpty() ? name : name + ", " + g.getKey();
                    List<Plot.Series> cdf = new ArrayList<>();
                    List<Plot.Series> hist = new ArrayList<>();
                    for (Map<String, Object> s : g.getValue()) {
                        cdf.add(new Plot.Series(String.valueOf(s.get("name")), pairs(s.get("cdf_ns_percent"), 1e-3, 1)));
                        double total = num(s.get("count"));
                        hist.add(new Plot.Series(String.valueOf(s.get("name")),
                                pairs(s.get("hist_ns_count"), 1e-3, total > 0 ? 100 / total : 0)));
                    }
                    out.add(new PlotSpec(name + slug + "-cdf", what + ": latency CDF", sub(sys),
                            "latency (us, log scale)", "percentile", cdf, true, 100, false));
                    out.add(new PlotSpec(name + slug + "-hist", what + ": latency histogram (sqrt(2) log buckets)",
                            sub(sys), "latency (us, log scale)", "% of samples in bucket", hist, true, Double.NaN,
                            true));
                }
            }
            if (name.equals("files")) {
                out.addAll(filesPlots(e, sub(sys)));
            }
            if (name.equals("scale") && !list(e.get("rows")).isEmpty()) {
                List<Object> rows = list(e.get("rows"));
                List<Plot.Series> cost = new ArrayList<>(List.of(
                        new Plot.Series("create (kthread_run) per thread", col(rows, "create_ns_per_thread", 1e-3)),
                        new Plot.Series("stop (kthread_stop) per thread", col(rows, "stop_ns_per_thread", 1e-3))));
                if (rows.stream().anyMatch(r -> map(r).containsKey("batch_create_ns_per_thread"))) {
                    // runs before the batch phase existed have no such columns
                    cost.add(new Plot.Series("create via KB_IOC_BATCH per thread",
                            col(rows, "batch_create_ns_per_thread", 1e-3)));
                    cost.add(new Plot.Series("stop via KB_IOC_BATCH per thread",
                            col(rows, "batch_stop_ns_per_thread", 1e-3)));
                }
                double yMax = clipAbove(cost);
                out.add(new PlotSpec("scale-cost", "scale: cost per thread vs live kthreads" + clipNote(yMax),
                        sub(sys), "threads (log scale)", "us per thread", cost, true, yMax, true));
                out.add(new PlotSpec("scale-memory", "scale: kernel memory per live kthread (/proc/meminfo delta / N)",
                        sub(sys), "threads (log scale)", "KiB per thread", List.of(
                                new Plot.Series("KernelStack", col(rows, "kernel_stack_kib_per_thread", 1)),
                                new Plot.Series("Slab", col(rows, "slab_kib_per_thread", 1))),
                        true, Double.NaN, true));
            }
        }
        return out;
    }

    /** The files experiment: per operation, the median ops/s of each side against the number of threads. */
    static List<PlotSpec> filesPlots(Map<String, Object> e, String subtitle) {
        Map<String, List<Object>> byOp = new LinkedHashMap<>();
        for (Object m : medians(e)) {
            byOp.computeIfAbsent(String.valueOf(map(m).get("operation")), k -> new ArrayList<>()).add(m);
        }
        List<PlotSpec> out = new ArrayList<>();
        for (var op : byOp.entrySet()) {
            String slug = op.getKey().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
            out.add(new PlotSpec("files-" + slug, "files: " + op.getKey() + " ops/s, one shared file vs one file per"
                    + " thread (medians of " + f(e.get("rounds")) + " rounds)", subtitle, "Java threads",
                    "operations per second",
                    List.of(new Plot.Series("one shared file", col(op.getValue(), "shared_ops_per_s_median", 1)),
                            new Plot.Series("one file per thread", col(op.getValue(), "separate_ops_per_s_median", 1))),
                    false, Double.NaN, true));
        }
        return out;
    }

    static List<double[]> col(List<Object> rows, String key, double scale) {
        List<double[]> pts = new ArrayList<>();
        for (Object r : rows) {
            Map<String, Object> m = map(r);
            pts.add(new double[] {num(m.get("threads")), num(m.get(key)) * scale});
        }
        return pts;
    }

    /**
     * The y limit for a cost-per-thread plot: NaN (automatic) unless the
     * N = 1 points (one cold sample each) exceed 3x everything measured at
     * N >= 10, which would flatten every other point onto the axis.
     */
    static double clipAbove(List<Plot.Series> series) {
        double rest = 0;
        double first = 0;
        for (Plot.Series s : series) {
            for (double[] pt : s.points()) {
                if (Double.isNaN(pt[1])) {
                    continue;
                }
                if (pt[0] >= 10) {
                    rest = Math.max(rest, pt[1]);
                } else {
                    first = Math.max(first, pt[1]);
                }
            }
        }
        return rest > 0 && first > 3 * rest ? 1.5 * rest : Double.NaN;
    }

    static String clipNote(double yMax) {
        return Double.isNaN(yMax) ? "" : " (N = 1 off the scale: one cold sample)";
    }

    // ---------------------------------------------------------------- comparison

    /** Reads a run directory's bench.json, with the cycles run of DIR/cycles/ if there is one. */
    public static Map<String, Object> load(Path dir) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>(map(Json.read(dir.resolve("bench.json"))));
        Path cycles = dir.resolve("cycles").resolve("bench.json");
        if (Files.isRegularFile(cycles)) {
            // the cycles experiment of this kernel, run in its own guest (scripts/bench/run.sh: one vCPU)
            Map<String, Object> cy = map(Json.read(cycles));
            List<Object> exps = new ArrayList<>();
            for (Object e : list(root.get("experiments"))) {
                if (!"cycles".equals(map(e).get("experiment"))) {
                    exps.add(e);
                }
            }
            Map<String, Object> run = experiment(cy, "cycles");
            if (run != null) {
                exps.add(run);
                root.put("cycles_system", cy.get("system"));
            }
            root.put("experiments", exps);
        }
        return root;
    }

    public static String compare(List<Map<String, Object>> runs, Path out) throws IOException {
        StringBuilder sb = new StringBuilder("# kthread-bridge: kernel comparison\n\n");
        List<String> kernels = new ArrayList<>();
        for (Map<String, Object> r : runs) {
            Map<String, Object> sys = map(r.get("system"));
            kernels.add(String.valueOf(sys.get("kernel")));
            sb.append("- ").append(SystemInfo.headline(sys)).append('\n');
        }
        sb.append("\nAll numbers from virtual machines as stated above; compare kernels only within this table.\n");
        // cycles
        sb.append("\n## create -> wake -> stop cycles per second (medians of rounds; per-round ratios: median of"
                + " the ratios within each round of rotating blocks)\n\n");
        sb.append("| kernel | guest CPUs | Java API | raw FFM | C shim (kb_cycle) | in-kernel (KB_IOC_BENCH)"
                + " | Java / C | Java / kernel | Java / C per round | raw FFM / C per round"
                + " | Java / C by median cycle | Java / kernel per round | C / kernel per round |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> cy = experiment(runs.get(i), "cycles");
            double j = cy == null ? Double.NaN : num(cy.get("java_cycles_per_s_median"));
            double k = cy == null ? Double.NaN : num(cy.get("kernel_cycles_per_s_median"));
            double c = cy == null ? Double.NaN : num(cy.get("c_cycles_per_s_median"));
            List<CycleRounds.Row> rows = new ArrayList<>();
            if (cy != null) {
                list(cy.get("rows")).forEach(x -> rows.add(Json.mapper().convertValue(x, CycleRounds.Row.class)));
            }
            Map<String, Object> rr = Json.tree(CycleRounds.ratios(rows));
            Object cpus = map(runs.get(i).getOrDefault("cycles_system", runs.get(i).get("system"))).get("cpus");
            double raw = cy == null ? Double.NaN : num(cy.get("ffm_raw_cycles_per_s_median"));
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    kernels.get(i), cpus, f0(j), f0(raw), f0(c), f0(k), ratio(j, c), ratio(j, k),
                    r2(rr.get("java_over_c_round_median")), r2(rr.get("ffm_raw_over_c_round_median")),
                    r2(rr.get("java_over_c_by_median_cycle_round_median")),
                    r2(rr.get("java_over_kernel_round_median")), r2(rr.get("c_over_kernel_round_median"))));
        }
        // latency medians per series
        for (String exp : List.of("lifecycle", "wakeup", "control")) {
            Map<String, Map<String, String>> table = new LinkedHashMap<>();
            for (int i = 0; i < runs.size(); i++) {
                Map<String, Object> e = experiment(runs.get(i), exp);
                if (e == null) {
                    continue;
                }
                for (Object so : list(e.get("series"))) {
                    Map<String, Object> s = map(so);
                    table.computeIfAbsent(String.valueOf(s.get("name")), x -> new LinkedHashMap<>())
                            .put(kernels.get(i), us(s.get("p50_ns")) + " / " + us(s.get("p99_ns")));
                }
            }
            if (table.isEmpty()) {
                continue;
            }
            sb.append("\n## ").append(exp).append(": p50 / p99 in us\n\n| series | ")
                    .append(String.join(" | ", kernels)).append(" |\n| --- |")
                    .append(" ---: |".repeat(kernels.size())).append('\n');
            for (var en : table.entrySet()) {
                sb.append("| ").append(en.getKey());
                for (String k : kernels) {
                    sb.append(" | ").append(en.getValue().getOrDefault(k, "-"));
                }
                sb.append(" |\n");
            }
        }
        // scale
        List<Plot.Series> cost = new ArrayList<>();
        sb.append("\n## scale: per-thread cost and memory\n\n| kernel | N | create us/thread | stop us/thread"
                + " | batch create us/thread | batch stop us/thread"
                + " | KernelStack KiB/thread | Slab KiB/thread | leak |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> e = experiment(runs.get(i), "scale");
            if (e == null) {
                continue;
            }
            for (Object ro : list(e.get("rows"))) {
                Map<String, Object> r = map(ro);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", kernels.get(i),
                        f(r.get("threads")), us(r.get("create_ns_per_thread")), us(r.get("stop_ns_per_thread")),
                        us(r.get("batch_create_ns_per_thread")), us(r.get("batch_stop_ns_per_thread")),
                        f(r.get("kernel_stack_kib_per_thread")), f(r.get("slab_kib_per_thread")), r.get("leak")));
            }
            cost.add(new Plot.Series(kernels.get(i) + " create", col(list(e.get("rows")), "create_ns_per_thread", 1e-3)));
            cost.add(new Plot.Series(kernels.get(i) + " stop", col(list(e.get("rows")), "stop_ns_per_thread", 1e-3)));
        }
        filesTable(sb, runs, kernels);
        Files.createDirectories(out);
        String subtitle = String.join(", ", kernels) + " | accelerator "
                + map(runs.get(0).get("system")).get("accelerator");
        if (!cost.isEmpty()) {
            double yMax = clipAbove(cost);
            Plot.lines(out.resolve("compare-scale.png"), "per-thread create/stop cost by kernel" + clipNote(yMax),
                    subtitle, "threads (log scale)", "us per thread", cost, true, yMax, true);
        }
        List<Plot.Series> cdf = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> e = experiment(runs.get(i), "lifecycle");
            if (e == null) {
                continue;
            }
            for (Object so : list(e.get("series"))) {
                Map<String, Object> s = map(so);
                String n = String.valueOf(s.get("name"));
                if (n.startsWith("user create+wake") || n.startsWith("kernel wake->entry")) {
                    cdf.add(new Plot.Series(kernels.get(i) + ": " + n, pairs(s.get("cdf_ns_percent"), 1e-3, 1)));
                }
            }
        }
        if (!cdf.isEmpty()) {
            Plot.lines(out.resolve("compare-lifecycle-cdf.png"), "lifecycle CDF by kernel", subtitle,
                    "latency (us, log scale)", "percentile", cdf, true, 100, false);
        }
        Files.writeString(out.resolve("comparison.md"), sb);
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("runs", runs);
        Files.writeString(out.resolve("comparison.json"), Json.write(merged));
        return sb.toString();
    }

    /** The files experiment of each run: medians of both sides and the shared / separate ratios. */
    static void filesTable(StringBuilder sb, List<Map<String, Object>> runs, List<String> kernels) {
        StringBuilder t = new StringBuilder();
        Object target = null;
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> e = experiment(runs.get(i), "files");
            if (e == null) {
                continue;
            }
            target = e.getOrDefault("target_shared_over_separate", target);
            for (Object mo : medians(e)) {
                Map<String, Object> m = map(mo);
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s-%s | %s-%s | %s |%n",
                        kernels.get(i), f(e.get("cpus")), m.get("operation"), f(m.get("threads")),
                        f0(num(m.get("shared_ops_per_s_median"))), f0(num(m.get("separate_ops_per_s_median"))),
                        r2(m.get("shared_over_separate_round_median")), r2(m.get("shared_over_separate_median_ci95_low")),
                        r2(m.get("shared_over_separate_median_ci95_high")), r2(m.get("shared_over_separate_round_p25")),
                        r2(m.get("shared_over_separate_round_p75")), r2(m.get("shared_over_separate_pooled"))));
            }
        }
        if (t.isEmpty()) {
            return;
        }
        sb.append("\n## files: one shared open file vs one file per thread (ops/s, medians of rounds; target shared /"
                + " separate >= ").append(f(target)).append(")\n\n")
                .append("| kernel | guest CPUs | operation | threads | shared file | file per thread"
                        + " | shared / separate per round (median) | 95 % interval of that median (bootstrap)"
                        + " | middle half of the rounds (p25-p75) | shared / separate pooled |\n")
                .append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n").append(t);
    }

    static String r2(Object o) {
        double v = num(o);
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}
