// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.KernelTestParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The kernel-test engine ({@code kernel-test}): runs {@code @KernelTest}
 * classes inside QEMU guests booted by the project's scripts/vm-run.sh, one
 * guest per kernel (and guest settings) per run, kernels in parallel up to
 * {@code kerneltest.parallelism}, and reports the guests' results as its own
 * tree: engine, kernel, class, method.
 */
public final class KernelTestEngine implements TestEngine {

    /** The engine id. */
    public static final String ID = "kernel-test";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.kthreadbridge");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("kthread-bridge-junit");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "Kernel tests");
        if (request.getConfigurationParameters().getBoolean(KernelTestParameters.IN_GUEST).orElse(false)
                || request.getConfigurationParameters().getBoolean(KernelTestParameters.ON_HOST).orElse(false)) {
            return engine;
        }
        new Discovery(request, engine).run();
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor engine = request.getRootTestDescriptor();
        List<KernelDescriptor> kernels = engine.getChildren().stream()
                .filter(KernelDescriptor.class::isInstance).map(KernelDescriptor.class::cast).toList();
        boolean kernelInClassName = request.getConfigurationParameters()
                .getBoolean(KernelTestParameters.KERNEL_IN_CLASS_NAME).orElse(false);
        KernelReports reports = new KernelReports(request.getEngineExecutionListener(), kernels, kernelInClassName);
        EngineExecutionListener listener = reports.engine();
        listener.executionStarted(engine);
        if (kernels.isEmpty()) {
            listener.executionFinished(engine, TestExecutionResult.successful());
            return;
        }
        if (request.getConfigurationParameters().getBoolean(KernelTestParameters.SKIP).orElse(false)) {
            kernels.forEach(k -> listener.executionSkipped(k, "kerneltest.skip=true: no guest booted"));
            listener.executionFinished(engine, TestExecutionResult.successful());
            return;
        }
        Settings settings;
        try {
            settings = Settings.from(request.getConfigurationParameters());
        } catch (KernelTestException e) {
            listener.executionFinished(engine, TestExecutionResult.failed(e));
            return;
        }
        listener.reportingEntryPublished(engine, ReportEntry.from("accelerator", Prerequisites.accelerator()));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(kernels.size(), settings.parallelism()),
                r -> new Thread(r, "kerneltest-guest"));
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (KernelDescriptor k : kernels) {
                runs.add(pool.submit(() -> {
                    try {
                        runKernel(settings, k, reports.kernel(k));
                    } finally {
                        reports.ended(k);
                    }
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            reports.releaseAll();
            listener.executionFinished(engine, TestExecutionResult.failed(e.getCause()));
            return;
        } finally {
            pool.shutdownNow();
            reports.releaseAll();
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    private static void runKernel(Settings settings, KernelDescriptor kernel, EngineExecutionListener listener) {
        listener.executionStarted(kernel);
        Throwable failure = null;
        try {
            Map<GuestGroup, List<MirrorDescriptor>> groups = new LinkedHashMap<>();
            for (TestDescriptor c : kernel.getChildren()) {
                if (c instanceof MirrorDescriptor m) {
                    groups.computeIfAbsent(GuestGroup.of(GuestRun.annotation(m)), g -> new ArrayList<>()).add(m);
                }
            }
            for (Map.Entry<GuestGroup, List<MirrorDescriptor>> g : groups.entrySet()) {
                String release = Prerequisites.check(settings, kernel.kernel(), g.getKey().loadModule());
                Throwable t = new GuestRun(settings, kernel, g.getKey(), g.getValue(), listener).run(release);
                if (failure == null) {
                    failure = t;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (Exception | AssertionError e) {
            failure = e;
        }
        listener.executionFinished(kernel, failure == null ? TestExecutionResult.successful()
                : TestExecutionResult.failed(failure));
    }
}
