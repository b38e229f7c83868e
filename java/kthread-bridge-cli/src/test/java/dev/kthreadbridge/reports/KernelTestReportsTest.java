// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.reports;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failsafe reports that the kernel-test engine's run of the device
 * classes left, one per class per kernel ({@code TEST-a.BTest_6_12.xml},
 * -Dkerneltest.reportKernelInClassName=true): each holds exactly its own
 * class's test cases, every kernel has the same classes with the same
 * number of tests, and the durations are the guests', not those of a
 * replay of held events (about 0): ConcurrentLifecycleStressTest runs for
 * -Dkb.test.stressSeconds in the guest, so its report says at least about
 * that long on every kernel. Run by java/kernel-tests' failsafe execution
 * "reports" (tag reports) after the guests, with -Dkb.test.failsafeReports=DIR
 * and the run's kernels in -Dkerneltest.kernels or -Dkerneltest.defaultKernels.
 */
@Tag("reports")
class KernelTestReportsTest {

    static final String STRESS = "dev.kthreadbridge.stress.ConcurrentLifecycleStressTest";
    /** Allowance for the host reading the guest's events a little after they were written. */
    static final double READ_LAG_SECONDS = 1.0;

    /** One class's report on one kernel. */
    record Report(Path file, int tests, int skipped, double seconds, List<String> cases) {
    }

    @Test
    void everyKernelReportsItsOwnTestsWithTheGuestsDurations() throws Exception {
        Path dir = Path.of(System.getProperty("kb.test.failsafeReports", "target/failsafe-reports"));
        double stressSeconds = Double.parseDouble(System.getProperty("kb.test.stressSeconds", "5"));
        String kernels = System.getProperty("kerneltest.kernels", System.getProperty("kerneltest.defaultKernels", ""));
        List<String> run = List.of(kernels.trim().split("[\\s,]+"));
        assertFalse(kernels.isBlank(), "no kernels: set -Dkerneltest.kernels or -Dkerneltest.defaultKernels");

        Map<String, Map<String, Report>> byKernel = new TreeMap<>();
        for (String kernel : run) {
            Map<String, Report> reports = reports(dir, kernel);
            assertFalse(reports.isEmpty(), "no report of kernel " + kernel + " in " + dir);
            byKernel.put(kernel, reports);
            reports.forEach((cls, r) -> checkOwnTests(cls, r));
            Report stress = reports.get(STRESS);
            assertTrue(stress != null, kernel + ": no report of " + STRESS + " in " + dir);
            assertEquals(0, stress.skipped(), stress.file() + ": the stress test was skipped");
            assertTrue(stress.seconds() >= stressSeconds - READ_LAG_SECONDS, stress.file() + ": " + stress.seconds()
                    + " s for a test that runs " + stressSeconds + " s in the guest (a replay's duration?)");
            System.out.printf("%s: %d class reports, %s %.3f s%n", kernel, reports.size(), STRESS, stress.seconds());
        }
        Map<String, Report> first = byKernel.get(run.getFirst());
        byKernel.forEach((kernel, reports) -> {
            assertEquals(first.keySet(), reports.keySet(), kernel + ": the classes of kernel " + run.getFirst());
            reports.forEach((cls, r) -> assertEquals(first.get(cls).tests(), r.tests(),
                    r.file() + ": the number of tests of " + cls + " on kernel " + run.getFirst()));
        });
    }

    /** The test cases are the class's own: as many as the report counts, each once, of that class. */
    private static void checkOwnTests(String cls, Report r) {
        assertTrue(r.tests() > 0, r.file() + ": no tests");
        assertEquals(r.tests(), r.cases().size(), r.file() + ": test cases listed vs. counted");
        assertEquals(r.cases().size(), new HashSet<>(r.cases()).size(), r.file() + ": a test case twice " + r.cases());
        for (String c : r.cases()) {
            assertTrue(c.startsWith(cls + "#"), r.file() + ": " + c + " is not a test of " + cls);
        }
    }

    /** Kernel {@code kernel}'s reports in {@code dir} by class name (without the kernel). */
    static Map<String, Report> reports(Path dir, String kernel) throws Exception {
        String suffix = "_" + kernel.replaceAll("[^A-Za-z0-9]", "_") + ".xml";
        Map<String, Report> reports = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().startsWith("TEST-"))
                    .filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            reports.put(name.substring("TEST-".length(), name.length() - suffix.length()), read(f));
        }
        return reports;
    }

    static Report read(Path file) throws Exception {
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                .getDocumentElement();
        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("classname") + "#" + c.getAttribute("name"));
        }
        return new Report(file, Integer.parseInt(suite.getAttribute("tests")),
                Integer.parseInt(suite.getAttribute("skipped")), Double.parseDouble(suite.getAttribute("time")),
                names);
    }
}
