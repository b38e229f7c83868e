// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.fixtures.OutcomesFixture;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

/** The engine's tree, on the host (no guest is booted by discovery). */
class DiscoveryTest {

    private static final String CLASS = OutcomesFixture.class.getName();
    /** The fixture names no kernel: it runs on the default kernels, two here. */
    private static final String DEFAULTS = "kerneltest.defaultKernels";

    @Test
    void treeIsEngineKernelClassMethod() {
        TestDescriptor engine = discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class)).configurationParameter(DEFAULTS, "6.12,6.1").build());
        assertEquals(List.of("6.12", "6.1"), engine.getChildren().stream().map(TestDescriptor::getDisplayName).toList());
        TestDescriptor kernel = engine.getChildren().iterator().next();
        assertEquals(UniqueId.parse("[engine:kernel-test]/[kernel:6.12]"), kernel.getUniqueId());
        TestDescriptor cls = kernel.getChildren().iterator().next();
        assertEquals("OutcomesFixture", cls.getDisplayName());
        assertEquals(UniqueId.parse("[engine:kernel-test]/[kernel:6.12]/[class:" + CLASS + "]"), cls.getUniqueId());
        assertEquals(List.of("disabled()", "fails()", "passesInsideTheGuest()", "skippedByAssumption()"),
                cls.getChildren().stream().map(TestDescriptor::getDisplayName).sorted().toList());
        TestDescriptor method = cls.getChildren().stream().filter(d -> d.getDisplayName().equals("fails()"))
                .findFirst().orElseThrow();
        assertEquals("[engine:kernel-test]/[kernel:6.12]/[class:" + CLASS + "]/[method:fails()]",
                method.getUniqueId().toString());
        assertEquals("fails() [6.12]", method.getLegacyReportingName());
    }

    @Test
    void reportKernelInClassNameGivesEachKernelItsOwnReportClass() {
        TestDescriptor engine = discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class)).configurationParameter(DEFAULTS, "6.12,6.1")
                .configurationParameter("kerneltest.reportKernelInClassName", "true").build());
        List<String> reportClasses = engine.getDescendants().stream()
                .filter(d -> d.getSource().orElse(null) instanceof ClassSource)
                .map(d -> ((ClassSource) d.getSource().orElseThrow()).getClassName()).sorted().toList();
        assertEquals(List.of(CLASS + "_6_1", CLASS + "_6_12"), reportClasses);
        assertEquals(List.of(CLASS), engine.getDescendants().stream().filter(TestDescriptor::isTest)
                .map(d -> ((MethodSource) d.getSource().orElseThrow()).getClassName()).distinct().toList(),
                "tests keep the real class: surefire selects and filters (-Dit.test) by it, IDEs navigate to it");
        assertEquals(List.of("[engine:kernel-test]/[kernel:6.1]/[class:" + CLASS + "]"),
                engine.getDescendants().stream().filter(d -> d.getSource().orElse(null) instanceof ClassSource c
                        && c.getClassName().equals(CLASS + "_6_1")).map(d -> d.getUniqueId().toString()).toList(),
                "unique ids keep the real class");
    }

    @Test
    void kernelsParameterSelectsKernels() {
        TestDescriptor engine = discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class)).configurationParameter(DEFAULTS, "6.12,6.1")
                .configurationParameter("kerneltest.kernels", "6.1").build());
        assertEquals(List.of("6.1"), engine.getChildren().stream().map(TestDescriptor::getDisplayName).toList());
    }

    @Test
    void aUniqueIdSelectsOneMethodOnOneKernel() {
        String id = "[engine:kernel-test]/[kernel:6.1]/[class:" + CLASS + "]/[method:fails()]";
        TestDescriptor engine = discover(LauncherDiscoveryRequestBuilder.request().selectors(selectUniqueId(id))
                .configurationParameter(DEFAULTS, "6.12,6.1").build());
        assertEquals(List.of(id), engine.getDescendants().stream().filter(TestDescriptor::isTest)
                .map(d -> d.getUniqueId().toString()).toList());
    }

    @Test
    void jupiterDoesNotAlsoListKernelTestClassesOnTheHost() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class)).configurationParameter(DEFAULTS, "6.12,6.1").build());
        long jupiterTests = 0;
        long kernelTests = 0;
        for (TestIdentifier root : plan.getRoots()) {
            long tests = plan.getDescendants(root).stream().filter(TestIdentifier::isTest).count();
            if (root.getUniqueId().equals("[engine:junit-jupiter]")) {
                jupiterTests = tests;
            } else if (root.getUniqueId().equals("[engine:kernel-test]")) {
                kernelTests = tests;
            }
        }
        assertEquals(0, jupiterTests, "Jupiter must leave @KernelTest classes to the kernel-test engine");
        assertEquals(8, kernelTests, "4 tests on each of 2 kernels");
    }

    @Test
    void aClassWhoseTestsATagFilterRemovesIsPrunedNotRunWhole() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class)).configurationParameter(DEFAULTS, "6.12,6.1")
                .filters(TagFilter.excludeTags("kernel-fixture")).build());
        TestIdentifier root = plan.getRoots().stream().filter(r -> r.getUniqueId().equals("[engine:kernel-test]"))
                .findFirst().orElseThrow();
        assertEquals(Set.of(), plan.getDescendants(root), "nothing left to boot a guest for");
    }

    private static TestDescriptor discover(LauncherDiscoveryRequest request) {
        return EngineTestKit.discover("kernel-test", request).getEngineDescriptor();
    }
}
