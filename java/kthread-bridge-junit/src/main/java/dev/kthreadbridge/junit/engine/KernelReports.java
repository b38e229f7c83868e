// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reports the kernels' runs, which go on in parallel, to the one listener
 * of the build tool.
 *
 * <p>Live (the kernel is in the class names,
 * {@link dev.kthreadbridge.junit.KernelTestParameters#KERNEL_IN_CLASS_NAME}):
 * every kernel's events go out as they come, so the durations that
 * surefire and failsafe measure between a test's start and its end are
 * the guest's. Their JUnit Platform provider (3.5.3+, SUREFIRE-1643)
 * keeps a test set per class name, so the classes of different kernels
 * ({@code a.BTest_6_1}, {@code a.BTest_6_12}) may interleave.
 *
 * <p>Held (otherwise: every kernel has the same class names): the first
 * kernel's events go out as they come, a later kernel's are held until
 * every kernel before it has finished, then replayed, so each class of each
 * kernel is reported whole, in kernel order (interleaved events of one
 * class name would mix the kernels in one report). A held kernel's
 * durations are then the replay's, about 0.
 *
 * <p>Every method holds this object's monitor, so the delegate is called
 * by one thread at a time.
 */
final class KernelReports {

    private final EngineExecutionListener delegate;
    private final List<KernelDescriptor> order;
    /** Every kernel is reported as its events come (none is held). */
    private final boolean live;
    /** Held events of kernels after the current one; guarded by this. */
    private final Map<KernelDescriptor, List<Consumer<EngineExecutionListener>>> held = new HashMap<>();
    /** Kernels whose run has ended; guarded by this. */
    private final Set<KernelDescriptor> ended = new HashSet<>();
    /** Index in {@link #order} of the kernel reported live; guarded by this. */
    private int current;

    /**
     * @param order the kernels in the order they are reported when held
     * @param live  report every kernel as its events come (the kernel is in the class names)
     */
    KernelReports(EngineExecutionListener delegate, List<KernelDescriptor> order, boolean live) {
        this.delegate = delegate;
        this.order = List.copyOf(order);
        this.live = live;
    }

    /** The engine's own events (before and after the kernels). */
    EngineExecutionListener engine() {
        return new Forwarder(null);
    }

    /** The listener one kernel's run reports to. */
    EngineExecutionListener kernel(KernelDescriptor kernel) {
        return new Forwarder(kernel);
    }

    /** The kernel's run has ended: the next kernels' held events go out (nothing is held when live). */
    synchronized void ended(KernelDescriptor kernel) {
        ended.add(kernel);
        while (current < order.size() && ended.contains(order.get(current))) {
            current++;
            if (current < order.size()) {
                release(order.get(current));
            }
        }
    }

    /** Sends whatever is still held, in kernel order (a run that ended abnormally). */
    synchronized void releaseAll() {
        for (; current < order.size(); current++) {
            release(order.get(current));
        }
    }

    private void release(KernelDescriptor kernel) {
        List<Consumer<EngineExecutionListener>> events = held.remove(kernel);
        if (events != null) {
            events.forEach(e -> e.accept(delegate));
        }
    }

    private synchronized void event(KernelDescriptor kernel, Consumer<EngineExecutionListener> event) {
        if (live || kernel == null || current >= order.size() || order.get(current) == kernel) {
            event.accept(delegate);
        } else {
            held.computeIfAbsent(kernel, k -> new ArrayList<>()).add(event);
        }
    }

    private final class Forwarder implements EngineExecutionListener {

        private final KernelDescriptor kernel;

        Forwarder(KernelDescriptor kernel) {
            this.kernel = kernel;
        }

        @Override
        public void dynamicTestRegistered(TestDescriptor d) {
            event(kernel, l -> l.dynamicTestRegistered(d));
        }

        @Override
        public void executionSkipped(TestDescriptor d, String reason) {
            event(kernel, l -> l.executionSkipped(d, reason));
        }

        @Override
        public void executionStarted(TestDescriptor d) {
            event(kernel, l -> l.executionStarted(d));
        }

        @Override
        public void executionFinished(TestDescriptor d, TestExecutionResult result) {
            event(kernel, l -> l.executionFinished(d, result));
        }

        @Override
        public void reportingEntryPublished(TestDescriptor d, ReportEntry entry) {
            event(kernel, l -> l.reportingEntryPublished(d, entry));
        }

        @Override
        public void fileEntryPublished(TestDescriptor d, FileEntry file) {
            event(kernel, l -> l.fileEntryPublished(d, file));
        }
    }
}
