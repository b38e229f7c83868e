// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: what report.html holds, as text (HtmlReportBrowserTest opens it in chromium). */
class HtmlReportTest {

    private static final String EVIL = "</script><!--<script>alert(1)</script>\"'&";

    private static Map<String, Object> root() throws Exception {
        Object bench = Json.parse(new String(HtmlReportTest.class.getResourceAsStream("report/bench.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        return Report.map(bench);
    }

    @Test
    void nothingIsFetched() throws Exception {
        String html = HtmlReport.html(root(), Json.parse(new String(HtmlReportTest.class
                .getResourceAsStream("report/trace.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        for (String fetching : List.of("<link", "<img", "<iframe", " src=", "@import", "url(", "fetch(",
                "XMLHttpRequest")) {
            assertFalse(html.contains(fetching), fetching);
        }
        // the only URL is the SVG namespace, an identifier that is never fetched
        Matcher m = Pattern.compile("https?://[^'\"\\s<]*").matcher(html);
        while (m.find()) {
            assertEquals("http://www.w3.org/2000/svg", m.group());
        }
        assertTrue(html.contains("default-src 'none'"), "CSP forbids any fetch");
        assertEquals(Report.plots(root()).size(), html.split("<svg class=\"plot\"", -1).length - 1);
    }

    @Test
    void textFromTheDataIsEscaped() throws Exception {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("experiment", EVIL);
        e.put("description", EVIL);
        e.put("rows", List.of(Map.of(EVIL, EVIL)));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("system", Map.of("kernel", EVIL, "accelerator", "none"));
        root.put("experiments", List.of(e));
        Map<String, Object> trace = Map.of("traceEvents", List.of(Map.of("ph", "M", "name", "thread_name",
                "pid", 1000001, "tid", 1, "args", Map.of("name", EVIL))));
        String html = HtmlReport.html(root, trace);
        assertFalse(html.contains(EVIL));
        assertFalse(html.contains("alert(1)</script>"));
        // exactly two script elements: the embedded trace and the page's code
        assertEquals(2, html.split("<script", -1).length - 1);
        assertEquals(2, html.split("</script>", -1).length - 1);
        assertTrue(html.contains("&lt;/script&gt;&lt;!--&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"));
        // the embedded trace parses back to the same name
        String json = html.substring(html.indexOf("id=\"trace-data\">") + 16, html.lastIndexOf("</script>",
                html.indexOf("<script>\n")));
        assertTrue(json.contains("\\u003c/script>"), json);
        Object back = Json.parse(json);
        assertEquals(EVIL, Report.map(Report.map(Report.list(Report.map(back).get("traceEvents")).get(0)).get("args"))
                .get("name"));
    }

    @Test
    void aTraceOfAnotherKernelIsFlagged() throws Exception {
        Map<String, Object> root = root();
        Object kernel = Report.map(root.get("system")).get("kernel");
        String same = HtmlReport.html(root, Map.of("otherData", Map.of("kernel", kernel)));
        assertFalse(same.contains("trace-mismatch"));
        String other = HtmlReport.html(root, Map.of("otherData", Map.of("kernel", "6.1.0-99-amd64")));
        assertTrue(other.contains("This trace was taken on kernel 6.1.0-99-amd64, the bench run on " + kernel), other);
    }
}
