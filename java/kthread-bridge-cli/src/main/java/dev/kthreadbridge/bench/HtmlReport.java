// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * OUT/report.html of one run: a single self-contained page (no network: CSS,
 * script, plots and the trace are all inside) with the system header, the
 * tables of summary.txt, the plots of {@link Report#plots} as inline SVG, a
 * link to trace.json when the run has one, and a timeline of that trace
 * (format kthread-bridge-trace/1, Trace Event Format) drawn by the page's
 * own script from a copy embedded as JSON.
 */
public final class HtmlReport {

    /** The file name of the report in a run directory. */
    public static final String FILE = "report.html";
    /** The trace a run directory may hold, linked relatively and embedded. */
    public static final String TRACE = "trace.json";

    private HtmlReport() {
    }

    /** Writes DIR/report.html from the run's bench tree and DIR/trace.json if present; returns the file. */
    public static Path write(Path dir, Map<String, Object> root) throws IOException {
        Path trace = dir.resolve(TRACE);
        Object traceTree = Files.isRegularFile(trace) ? Json.read(trace) : null;
        Path file = dir.resolve(FILE);
        Files.writeString(file, html(root, traceTree));
        return file;
    }

    /** The page; traceTree is the parsed trace.json, or null when the run has none. */
    public static String html(Map<String, Object> root, Object traceTree) {
        Map<String, Object> sys = Report.map(root.get("system"));
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // nothing may be fetched: the page is all there is
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>kthread-bridge bench: ").append(Html.esc(sys.get("kernel"))).append("</title>\n")
                .append("<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n");
        header(sb, sys);
        sb.append("<nav id=\"contents\"><a href=\"#tables\">tables</a> <a href=\"#plots\">plots</a>"
                + " <a href=\"#timeline\">timeline</a></nav>\n");
        tables(sb, root);
        plots(sb, root);
        timeline(sb, traceTree, sys.get("kernel"));
        sb.append("<div id=\"tip\" role=\"tooltip\" hidden></div>\n");
        sb.append("<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, Map<String, Object> sys) {
        sb.append("<header id=\"system\">\n<h1>kthread-bridge bench</h1>\n<p class=\"headline\">")
                .append(Html.esc(SystemInfo.headline(sys))).append("</p>\n");
        String note = Report.vmNote(sys);
        if (note != null) {
            sb.append("<p class=\"note\">").append(Html.esc(note)).append("</p>\n");
        }
        sb.append("<dl>\n");
        for (var en : sys.entrySet()) {
            if (!(en.getValue() instanceof Map || en.getValue() instanceof List)) {
                sb.append("<dt>").append(Html.esc(en.getKey())).append("</dt><dd>").append(Html.esc(en.getValue()))
                        .append("</dd>\n");
            }
        }
        sb.append("</dl>\n</header>\n");
    }

    private static void tables(StringBuilder sb, Map<String, Object> root) {
        sb.append("<section id=\"tables\">\n<h2>Tables</h2>\n");
        for (Object o : Report.list(root.get("experiments"))) {
            Map<String, Object> e = Report.map(o);
            sb.append("<article class=\"experiment\" data-experiment=\"").append(Html.esc(e.get("experiment")))
                    .append("\">\n<h3>").append(Html.esc(e.get("experiment"))).append("</h3>\n<p>")
                    .append(Html.esc(e.get("description"))).append("</p>\n");
            List<Object> series = Report.list(e.get("series"));
            if (!series.isEmpty()) {
                sb.append("<table class=\"series\">\n<thead><tr><th>series (us)</th><th>n</th><th>min</th>"
                        + "<th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr></thead>\n<tbody>\n");
                for (Object so : series) {
                    Map<String, Object> s = Report.map(so);
                    sb.append("<tr><th>").append(Html.esc(s.get("name"))).append("</th>");
                    for (String k : Report.SERIES_KEYS) {
                        sb.append("<td>").append(Html.esc(k.equals("count") ? Report.f(s.get(k))
                                : Report.us(s.get(k)))).append("</td>");
                    }
                    sb.append("</tr>\n");
                }
                sb.append("</tbody>\n</table>\n");
            }
            rows(sb, Report.list(e.get("rows")), "rows", null);
            rows(sb, Report.medians(e), "medians", "medians of the rounds");
            StringBuilder kv = new StringBuilder();
            for (String k : Report.SUMMARY_KEYS) {
                if (e.containsKey(k)) {
                    kv.append("<dt>").append(Html.esc(k)).append("</dt><dd>").append(Html.esc(Report.f(e.get(k))))
                            .append("</dd>\n");
                }
            }
            if (!kv.isEmpty()) {
                sb.append("<dl class=\"values\">\n").append(kv).append("</dl>\n");
            }
            for (Object n : Report.list(e.get("notes"))) {
                sb.append("<p class=\"note\">note: ").append(Html.esc(n)).append("</p>\n");
            }
            sb.append("</article>\n");
        }
        sb.append("</section>\n");
    }

    private static void rows(StringBuilder sb, List<Object> rows, String cls, String caption) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> cols = Report.columns(rows);
        sb.append("<table class=\"").append(cls).append("\">\n");
        if (caption != null) {
            sb.append("<caption>").append(Html.esc(caption)).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        cols.forEach(c -> sb.append("<th>").append(Html.esc(c)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (Object r : rows) {
            sb.append("<tr>");
            cols.forEach(c -> sb.append("<td>").append(Html.esc(Report.f(Report.map(r).get(c)))).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static void plots(StringBuilder sb, Map<String, Object> root) {
        sb.append("<section id=\"plots\">\n<h2>Plots</h2>\n");
        List<PlotSpec> plots = Report.plots(root);
        if (plots.isEmpty()) {
            sb.append("<p>No plots: no experiment of this run has latency series or rows to draw.</p>\n");
        }
        for (PlotSpec p : plots) {
            sb.append("<figure>\n").append(SvgPlot.svg(p)).append("<figcaption>").append(Html.esc(p.name()))
                    .append("</figcaption>\n</figure>\n");
        }
        sb.append("</section>\n");
    }

    private static void timeline(StringBuilder sb, Object traceTree, Object kernel) {
        sb.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        if (traceTree == null) {
            sb.append("<p id=\"no-trace\">This run has no ").append(TRACE)
                    .append(": run the experiment with <code>kb bench --trace</code> to get one.</p>\n</section>\n");
            return;
        }
        sb.append("<p>The kernel trace of this run: <a id=\"trace-link\" href=\"").append(TRACE).append("\">")
                .append(TRACE).append("</a> (open it in Perfetto or chrome://tracing). One row per kthread, its"
                        + " lifecycle phases coloured; hover a phase for the Java call that caused it. CPU rows"
                        + " show which task ran.</p>\n");
        Object traced = Report.map(Report.map(traceTree).get("otherData")).get("kernel");
        if (traced != null && kernel != null && !traced.equals(kernel)) {
            // e.g. a trace.json left in OUT by an earlier run on another kernel
            sb.append("<p class=\"note\" id=\"trace-mismatch\">This trace was taken on kernel ")
                    .append(Html.esc(traced)).append(", the bench run on ").append(Html.esc(kernel))
                    .append(": it may belong to another run.</p>\n");
        }
        sb.append("<div id=\"legend\"></div>\n<div id=\"timeline-view\"></div>\n")
                .append("<script type=\"application/json\" id=\"trace-data\">")
                .append(Html.scriptJson(Json.compact(traceTree))).append("</script>\n</section>\n");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the kb jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + name, e);
        }
    }
}
