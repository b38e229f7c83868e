// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports that TracedBenchDeviceTest wrote in the guests, one per kernel
 * of the matrix (-Dkb.test.benchRuns=DIR, -Dkb.test.benchRuns.kernels="6.1
 * 6.12 ..."), opened on the host in headless chromium after the guests ran:
 * no console error, nothing fetched, the run's kernel in the header, every
 * plot drawn, and a timeline with one row per kthread of the trace that
 * zooms to a kthread's lifecycle. Run by
 * java/kernel-tests' failsafe execution "reports" (tag reports). With
 * -Dkb.report.screenshots=DIR it also saves DIR/report-page.png and
 * DIR/report-timeline.png from the first kernel's report (docs/img of
 * docs/experiments.md).
 */
@Tag("reports")
class BenchRunReportsBrowserTest {

    @Test
    void everyKernelsReportShowsItsRunAndItsTrace(@TempDir Path tmp) throws IOException {
        assertNull(HeadlessChromium.absentReason());
        Path runs = Path.of(System.getProperty("kb.test.benchRuns", "target/bench-runs"));
        // the kernels the guests ran: -Dkerneltest.kernels when a run picked some, else the matrix
        String kernels = System.getProperty("kerneltest.kernels",
                System.getProperty("kb.test.benchRuns.kernels", ""));
        List<Path> pages;
        try (Stream<Path> dirs = Files.list(runs)) {
            pages = dirs.map(d -> d.resolve("report.html")).filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(kernels.isBlank() ? pages.size() : kernels.trim().split("[\\s,]+").length, pages.size(),
                "a report per kernel (" + kernels + ") in " + runs);
        assertFalse(pages.isEmpty(), "no report in " + runs);
        ChromeDriver driver = HeadlessChromium.start(tmp.resolve("profile"));
        try {
            for (Path page : pages) {
                check(driver, page);
            }
            String shots = System.getProperty("kb.report.screenshots");
            if (shots != null && !shots.isBlank()) {
                // the pictures of docs/experiments.md, from the first kernel's real run
                driver.get(pages.get(0).toUri().toString());
                HeadlessChromium.screenshots(driver, Path.of(shots), "woken");
            }
        } finally {
            driver.quit();
        }
    }

    private static void check(ChromeDriver driver, Path page) throws IOException {
        Map<String, Object> root = Report.load(page.getParent());
        Map<String, Object> trace = Report.map(Json.read(page.resolveSibling(HtmlReport.TRACE)));
        long t0 = System.nanoTime();
        driver.get(page.toUri().toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        HeadlessChromium.assertNoConsoleErrorsNorFetches(driver);
        String kernel = String.valueOf(Report.map(root.get("system")).get("kernel"));
        assertTrue(driver.findElement(By.id("system")).getText().contains(kernel), page + ": header names " + kernel);
        assertEquals(Report.plots(root).size(), driver.findElements(By.cssSelector("#plots svg.plot")).size(),
                page + ": plots");
        assertEquals("trace.json", driver.findElement(By.id("trace-link")).getDomAttribute("href"));
        int threads = ((Number) Report.map(trace.get("otherData")).get("threads")).intValue();
        int rows = driver.findElements(By.cssSelector("#timeline-view g.kthread-row")).size();
        assertEquals(HtmlReportBrowserTest.kthreadTracks(trace).size(), rows, page + ": a row per kthread track");
        assertEquals(threads, rows, page + ": a row per kthread of the run");
        assertEquals(5 * threads, driver.findElements(By.cssSelector("g.kthread-row rect.phase")).size(),
                page + ": five phases per kthread");
        assertFalse(driver.findElements(By.cssSelector("g.java-row rect.java")).isEmpty(), page + ": Java calls");
        HtmlReportBrowserTest.assertZoom(driver, threads);
        System.out.printf("%s (%s, %d bytes): %d kthread rows, loaded in chromium in %d ms%n", page, kernel,
                Files.size(page), rows, ms);
    }
}
