// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.wire.Event;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Replays a guest's events as this engine's events on the host, under one
 * kernel container; afterwards fails whatever the guest did not report.
 */
final class Replay {

    private final KernelDescriptor kernel;
    private final EngineExecutionListener listener;
    private final Map<UniqueId, TestDescriptor> byGuestId = new HashMap<>();
    private final Set<TestDescriptor> started = new LinkedHashSet<>();
    private final Set<TestDescriptor> done = new HashSet<>();
    private Event.Hung hung;
    private boolean ended;
    private Throwable jupiterFailure;
    private int reported;
    private int events;
    private final boolean kernelInClassName;

    Replay(KernelDescriptor kernel, EngineExecutionListener listener, boolean kernelInClassName) {
        this.kernel = kernel;
        this.listener = listener;
        this.kernelInClassName = kernelInClassName;
        index(kernel);
    }

    private void index(TestDescriptor d) {
        if (d instanceof MirrorDescriptor m) {
            byGuestId.put(m.guestId(), m);
        }
        d.getChildren().forEach(this::index);
    }

    void apply(Event event) {
        events++;
        switch (event) {
            case Event.Started e -> {
                TestDescriptor d = lookup(e.uniqueId());
                if (d != null) {
                    listener.executionStarted(d);
                    started.add(d);
                }
            }
            case Event.Skipped e -> {
                TestDescriptor d = lookup(e.uniqueId());
                if (d != null) {
                    listener.executionSkipped(d, e.reason());
                    done.add(d);
                    reported++;
                }
            }
            case Event.Finished e -> finished(e);
            case Event.Dynamic e -> dynamic(e);
            case Event.Report e -> {
                TestDescriptor d = lookup(e.uniqueId());
                listener.reportingEntryPublished(d != null ? d : kernel, ReportEntry.from(e.entries()));
            }
            case Event.Hung e -> hung = e;
            case Event.End e -> ended = true;
        }
    }

    private void finished(Event.Finished e) {
        TestDescriptor d = lookup(e.uniqueId());
        Throwable t = e.failure() == null ? null : e.failure().toThrowable();
        if (d == null) {
            if (e.status() == Event.Status.FAILED) {
                jupiterFailure = t;
            }
            return;
        }
        TestExecutionResult result = switch (e.status()) {
            case SUCCESSFUL -> TestExecutionResult.successful();
            case ABORTED -> TestExecutionResult.aborted(t);
            case FAILED -> TestExecutionResult.failed(t);
        };
        listener.executionFinished(d, result);
        done.add(d);
        reported++;
    }

    private void dynamic(Event.Dynamic e) {
        UniqueId guestId = UniqueId.parse(e.uniqueId());
        TestDescriptor parent = e.parentId() == null ? null : lookup(e.parentId());
        TestDescriptor.Type type = e.container() && e.test() ? TestDescriptor.Type.CONTAINER_AND_TEST
                : e.container() ? TestDescriptor.Type.CONTAINER : TestDescriptor.Type.TEST;
        TestSource source = null;
        if (e.sourceClass() != null && e.sourceMethod() != null) {
            source = MethodSource.from(e.sourceClass(), e.sourceMethod(), e.sourceParams());
        } else if (e.sourceClass() != null) {
            source = ClassSource.from(e.sourceClass());
        }
        Set<TestTag> tags = new HashSet<>();
        for (String tag : e.tags()) {
            if (TestTag.isValid(tag)) {
                tags.add(TestTag.create(tag));
            }
        }
        source = Discovery.reportSource(source, kernel, kernelInClassName);
        register(parent, guestId, e.displayName(),
                Discovery.legacyName(e.legacyName(), e.test(), kernel.kernel()), source, type, tags);
    }

    private TestDescriptor register(TestDescriptor parent, UniqueId guestId, String display, String legacy,
                                    TestSource source, TestDescriptor.Type type, Set<TestTag> tags) {
        TestDescriptor p = parent != null ? parent : kernel;
        MirrorDescriptor d = new MirrorDescriptor(Discovery.hostId(kernel, guestId), guestId, display, source,
                type, tags, legacy, true);
        p.addChild(d);
        byGuestId.put(guestId, d);
        listener.dynamicTestRegistered(d);
        return d;
    }

    /** The host node of a guest id; null for the guest's engine. Unknown ids are registered as dynamic nodes. */
    private TestDescriptor lookup(String uniqueId) {
        UniqueId id = UniqueId.parse(uniqueId);
        if (id.getSegments().size() <= 1) {
            return null;
        }
        TestDescriptor d = byGuestId.get(id);
        if (d != null) {
            return d;
        }
        TestDescriptor parent = lookup(id.removeLastSegment().toString());
        String name = id.getLastSegment().getValue();
        return register(parent, id, name, name, null, TestDescriptor.Type.CONTAINER_AND_TEST, Set.of());
    }

    /** How many events the guest wrote so far. */
    int events() {
        return events;
    }

    boolean ended() {
        return ended;
    }

    Event.Hung hung() {
        return hung;
    }

    Throwable jupiterFailure() {
        return jupiterFailure;
    }

    /** How many tests and containers the guest reported finished or skipped. */
    int reported() {
        return reported;
    }

    /** The guest id of the host node, for messages. */
    String name(UniqueId guestId) {
        TestDescriptor d = byGuestId.get(guestId);
        return d == null ? guestId.toString() : d.getDisplayName();
    }

    /**
     * Ends every node of {@code roots} the guest left open: started ones
     * (deepest first) fail with {@code inFlight}'s cause, never-started
     * tests fail with {@code notRun}'s, never-started containers succeed
     * around them.
     */
    void finishUnreported(List<? extends TestDescriptor> roots, Function<TestDescriptor, Throwable> inFlight,
                          Function<TestDescriptor, Throwable> notRun) {
        for (TestDescriptor root : roots) {
            finish(root, inFlight, notRun);
        }
    }

    private void finish(TestDescriptor d, Function<TestDescriptor, Throwable> inFlight,
                        Function<TestDescriptor, Throwable> notRun) {
        if (done.contains(d)) {
            return;
        }
        boolean wasStarted = started.contains(d);
        if (!wasStarted) {
            listener.executionStarted(d);
        }
        for (TestDescriptor child : List.copyOf(d.getChildren())) {
            finish(child, inFlight, notRun);
        }
        TestExecutionResult result;
        if (wasStarted) {
            result = TestExecutionResult.failed(inFlight.apply(d));
        } else if (d.isTest()) {
            result = TestExecutionResult.failed(notRun.apply(d));
        } else {
            result = TestExecutionResult.successful();
        }
        listener.executionFinished(d, result);
        done.add(d);
    }
}
