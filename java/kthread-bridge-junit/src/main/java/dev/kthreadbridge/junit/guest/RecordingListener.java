// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.guest;

import dev.kthreadbridge.junit.wire.Event;
import dev.kthreadbridge.junit.wire.EventFile;
import dev.kthreadbridge.junit.wire.RemoteThrowable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.List;

/**
 * Writes every event of the guest's run to the event file, and tells the
 * watchdog when a top-level class starts and ends.
 */
final class RecordingListener implements TestExecutionListener {

    private final EventFile.Writer out;
    private final Watchdog watchdog;
    private volatile TestPlan plan;

    RecordingListener(EventFile.Writer out, Watchdog watchdog) {
        this.out = out;
        this.watchdog = watchdog;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        out.write(new Event.Started(id.getUniqueId()), true);
        String cls = topLevelClass(id);
        if (cls != null) {
            watchdog.classStarted(id.getUniqueId(), cls);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        out.write(new Event.Skipped(id.getUniqueId(), reason), true);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (topLevelClass(id) != null) {
            watchdog.classFinished(id.getUniqueId());
        }
        Event.Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> Event.Status.SUCCESSFUL;
            case ABORTED -> Event.Status.ABORTED;
            case FAILED -> Event.Status.FAILED;
        };
        RemoteThrowable failure = result.getThrowable().map(RemoteThrowable::of).orElse(null);
        out.write(new Event.Finished(id.getUniqueId(), status, failure), true);
    }

    @Override
    public void dynamicTestRegistered(TestIdentifier id) {
        String cls = null;
        String method = null;
        String params = null;
        if (id.getSource().orElse(null) instanceof MethodSource m) {
            cls = m.getClassName();
            method = m.getMethodName();
            params = m.getMethodParameterTypes();
        } else if (id.getSource().orElse(null) instanceof ClassSource c) {
            cls = c.getClassName();
        }
        out.write(new Event.Dynamic(id.getUniqueId(), id.getParentId().orElse(null), id.getDisplayName(),
                id.getLegacyReportingName(), id.isContainer(), id.isTest(), cls, method, params,
                id.getTags().stream().map(t -> t.getName()).toList()), true);
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        out.write(new Event.Report(id.getUniqueId(), entry.getKeyValuePairs()), true);
    }

    /** The class name when {@code id} is a class right under the engine. */
    private String topLevelClass(TestIdentifier id) {
        TestPlan p = plan;
        if (p == null || !(id.getSource().orElse(null) instanceof ClassSource source)) {
            return null;
        }
        List<TestIdentifier> roots = List.copyOf(p.getRoots());
        boolean underEngine = id.getParentIdObject().map(parent -> roots.stream()
                .anyMatch(r -> r.getUniqueIdObject().equals(parent))).orElse(false);
        return underEngine ? source.getClassName() : null;
    }
}
