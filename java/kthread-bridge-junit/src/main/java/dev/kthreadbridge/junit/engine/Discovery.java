// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.HostFilter;
import dev.kthreadbridge.junit.KernelTest;
import dev.kthreadbridge.junit.KernelTestParameters;
import dev.kthreadbridge.junit.guest.JupiterLauncher;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.NestedClassSelector;
import org.junit.platform.engine.discovery.NestedMethodSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Builds the engine's tree: finds the selected {@link KernelTest} classes,
 * lets the host's Jupiter discover them (the same tree the guest's Jupiter
 * will run) and copies that tree under one container per kernel.
 */
final class Discovery {

    static final String JUPITER = JupiterLauncher.ENGINE_ID;

    private final EngineDiscoveryRequest request;
    private final EngineDescriptor engine;
    private final List<DiscoverySelector> jupiterSelectors = new ArrayList<>();
    /** Kernels a class was selected for by unique id; absent: every kernel of the class. */
    private final Map<String, Set<String>> kernelsByUniqueId = new HashMap<>();
    private final Set<String> selectedWhole = new LinkedHashSet<>();

    Discovery(EngineDiscoveryRequest request, EngineDescriptor engine) {
        this.request = request;
        this.engine = engine;
    }

    void run() {
        Predicate<String> names = className -> request.getFiltersByType(ClassNameFilter.class).stream()
                .allMatch(f -> f.apply(className).included());
        for (DiscoverySelector selector : request.getSelectorsByType(DiscoverySelector.class)) {
            select(selector, names);
        }
        if (jupiterSelectors.isEmpty()) {
            return;
        }
        TestPlan plan = JupiterLauncher.create().discover(jupiterRequest());
        boolean kernelInClassName = request.getConfigurationParameters()
                .getBoolean(KernelTestParameters.KERNEL_IN_CLASS_NAME).orElse(false);
        Map<String, KernelDescriptor> kernels = new LinkedHashMap<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier cls : plan.getChildren(root)) {
                Class<?> javaClass = javaClass(cls);
                if (javaClass == null) {
                    continue;
                }
                for (String kernel : kernelsOf(javaClass)) {
                    KernelDescriptor k = kernels.computeIfAbsent(kernel, name -> {
                        KernelDescriptor d = new KernelDescriptor(engine.getUniqueId(), name);
                        engine.addChild(d);
                        return d;
                    });
                    k.addChild(mirror(plan, cls, k, kernelInClassName));
                }
            }
        }
    }

    private void select(DiscoverySelector selector, Predicate<String> names) {
        switch (selector) {
            case ClassSelector s -> addClass(s.getJavaClass(), s);
            case MethodSelector s -> addClass(s.getJavaClass(), s);
            case NestedClassSelector s -> addClass(s.getEnclosingClasses().getFirst(), s);
            case NestedMethodSelector s -> addClass(s.getEnclosingClasses().getFirst(), s);
            case PackageSelector s -> ReflectionSupport.findAllClassesInPackage(
                    s.getPackageName(), HostFilter::isKernelTest, names).forEach(c -> addClass(c, null));
            case ClasspathRootSelector s -> ReflectionSupport.findAllClassesInClasspathRoot(
                    s.getClasspathRoot(), HostFilter::isKernelTest, names).forEach(c -> addClass(c, null));
            case UniqueIdSelector s -> selectUniqueId(s.getUniqueId());
            default -> { }
        }
    }

    private void addClass(Class<?> cls, DiscoverySelector selector) {
        if (!cls.isAnnotationPresent(KernelTest.class) && !HostFilter.isKernelTest(cls)) {
            return;
        }
        jupiterSelectors.add(selector != null ? selector : DiscoverySelectors.selectClass(cls));
        selectedWhole.add(topLevel(cls).getName());
    }

    /** {@code [engine:kernel-test]/[kernel:K]/rest...}: Jupiter's {@code [engine:junit-jupiter]/rest...} on K. */
    private void selectUniqueId(UniqueId id) {
        List<UniqueId.Segment> segments = id.getSegments();
        if (!KernelTestEngine.ID.equals(id.getEngineId().orElse(null))) {
            return;
        }
        if (segments.size() < 2) {
            for (Class<?> c : ReflectionSupport.findAllClassesInPackage("", HostFilter::isKernelTest, n -> true)) {
                addClass(c, null);
            }
            return;
        }
        if (!KernelDescriptor.SEGMENT.equals(segments.get(1).getType())) {
            return;
        }
        String kernel = segments.get(1).getValue();
        UniqueId guest = UniqueId.forEngine(JUPITER);
        for (UniqueId.Segment segment : segments.subList(2, segments.size())) {
            guest = guest.append(segment);
        }
        if (segments.size() == 2) {
            for (Class<?> c : ReflectionSupport.findAllClassesInPackage("", HostFilter::isKernelTest, n -> true)) {
                if (Arrays.asList(kernelsOf(c)).contains(kernel)) {
                    jupiterSelectors.add(DiscoverySelectors.selectClass(c));
                    kernelsByUniqueId.computeIfAbsent(c.getName(), n -> new LinkedHashSet<>()).add(kernel);
                }
            }
            return;
        }
        jupiterSelectors.add(DiscoverySelectors.selectUniqueId(guest));
        kernelsByUniqueId.computeIfAbsent(segments.get(2).getValue(), n -> new LinkedHashSet<>()).add(kernel);
    }

    private LauncherDiscoveryRequest jupiterRequest() {
        ConfigurationParameters config = request.getConfigurationParameters();
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(jupiterSelectors)
                .filters(EngineFilter.includeEngines(JUPITER))
                .configurationParameter(KernelTestParameters.IN_GUEST, "true");
        for (String key : config.keySet()) {
            config.get(key).ifPresent(value -> builder.configurationParameter(key, value));
        }
        return builder.configurationParameter(KernelTestParameters.IN_GUEST, "true").build();
    }

    private String[] kernelsOf(Class<?> cls) {
        ConfigurationParameters config = request.getConfigurationParameters();
        KernelTest annotation = topLevel(cls).getAnnotation(KernelTest.class);
        String[] kernels = annotation != null ? annotation.kernels() : new String[0];
        if (kernels.length == 0) {
            kernels = split(config.get(KernelTestParameters.DEFAULT_KERNELS).orElse("6.1"));
        }
        Set<String> wanted = new LinkedHashSet<>(Arrays.asList(kernels));
        config.get(KernelTestParameters.KERNELS).map(Discovery::split)
                .ifPresent(only -> wanted.retainAll(Arrays.asList(only)));
        Set<String> byId = kernelsByUniqueId.get(topLevel(cls).getName());
        if (byId != null && !selectedWhole.contains(topLevel(cls).getName())) {
            wanted.retainAll(byId);
        }
        return wanted.toArray(String[]::new);
    }

    static String[] split(String list) {
        return Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private static Class<?> topLevel(Class<?> cls) {
        Class<?> c = cls;
        while (c.getEnclosingClass() != null && !c.isAnnotationPresent(KernelTest.class)) {
            c = c.getEnclosingClass();
        }
        return c;
    }

    private static Class<?> javaClass(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).map(s -> ((ClassSource) s).getJavaClass())
                .orElse(null);
    }

    private static MirrorDescriptor mirror(TestPlan plan, TestIdentifier node, KernelDescriptor kernel,
                                           boolean kernelInClassName) {
        UniqueId guestId = node.getUniqueIdObject();
        MirrorDescriptor d = new MirrorDescriptor(hostId(kernel, guestId), guestId, node.getDisplayName(),
                reportSource(node.getSource().orElse(null), kernel, kernelInClassName), type(node), node.getTags(),
                legacyName(node.getLegacyReportingName(), node.isTest(), kernel.kernel()),
                plan.getChildren(node).isEmpty());
        for (TestIdentifier child : plan.getChildren(node)) {
            d.addChild(mirror(plan, child, kernel, kernelInClassName));
        }
        return d;
    }

    /** The host id of a guest node: the kernel's id, then the guest id's segments after the engine's. */
    static UniqueId hostId(TestDescriptor kernel, UniqueId guestId) {
        UniqueId id = kernel.getUniqueId();
        List<UniqueId.Segment> segments = guestId.getSegments();
        for (UniqueId.Segment s : segments.subList(1, segments.size())) {
            id = id.append(s);
        }
        return id;
    }

    /**
     * The node's source, with the kernel in a class container's class name
     * when asked ({@code kerneltest.reportKernelInClassName}): surefire and
     * failsafe name a report after the class container's source, so each
     * kernel gets its own report ({@code TEST-a.BTest_6_12.xml}) instead of
     * the kernels overwriting one file. Tests keep the real class: surefire
     * runs a scanned class only if some node's source names it, filters
     * {@code -Dit.test} by it, and IDEs navigate to it.
     */
    static TestSource reportSource(TestSource source, KernelDescriptor kernel, boolean kernelInClassName) {
        if (!kernelInClassName) {
            return source;
        }
        String suffix = "_" + kernel.kernel().replaceAll("[^A-Za-z0-9]", "_");
        return switch (source) {
            case ClassSource c -> ClassSource.from(c.getClassName() + suffix);
            case null, default -> source;
        };
    }

    /** Tests carry the kernel in their report name, so one class's report lists each kernel's run apart. */
    static String legacyName(String name, boolean test, String kernel) {
        return test ? name + " [" + kernel + "]" : name;
    }

    private static TestDescriptor.Type type(TestIdentifier id) {
        return id.getType();
    }
}
