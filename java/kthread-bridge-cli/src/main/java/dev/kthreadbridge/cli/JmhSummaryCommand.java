// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "jmh-summary", mixinStandardHelpOptions = true,
        header = "Summarize a JMH run of IoctlPathBenchmark: ns/op per call path and ratios to C.",
        description = "Turns a JMH result.json of IoctlPathBenchmark into a Markdown table of ns/op"
                + " (mean, CI, median and minimum of the iterations) and ratios to C, prints it and"
                + " writes OUT/summary.md.")
final class JmhSummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULT_JSON", description = "JMH's result.json (-rf json).")
    Path result;
    @Option(names = "--c-loop", paramLabel = "FILE",
            description = "The JSON line of kb_ioctl_loop (C outside the JVM), added below the table if present.")
    Path cLoop;
    @Option(names = "--out", defaultValue = "build/bench/jmh", paramLabel = "OUT",
            description = "Directory for summary.md (default: ${DEFAULT-VALUE}).")
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
        spec.commandLine().getOut().print(sb);
        return 0;
    }

    static String ratio3(Double a, Double b) {
        return a == null || b == null || b == 0 ? "-" : String.format(Locale.ROOT, "%.3f", a / b);
    }
}
