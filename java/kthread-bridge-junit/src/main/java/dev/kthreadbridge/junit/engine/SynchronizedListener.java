// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;

/** Serializes the events of guests replayed in parallel: listeners need not be thread-safe. */
final class SynchronizedListener implements EngineExecutionListener {

    private final EngineExecutionListener delegate;

    SynchronizedListener(EngineExecutionListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void dynamicTestRegistered(TestDescriptor d) {
        delegate.dynamicTestRegistered(d);
    }

    @Override
    public synchronized void executionSkipped(TestDescriptor d, String reason) {
        delegate.executionSkipped(d, reason);
    }

    @Override
    public synchronized void executionStarted(TestDescriptor d) {
        delegate.executionStarted(d);
    }

    @Override
    public synchronized void executionFinished(TestDescriptor d, TestExecutionResult result) {
        delegate.executionFinished(d, result);
    }

    @Override
    public synchronized void reportingEntryPublished(TestDescriptor d, ReportEntry entry) {
        delegate.reportingEntryPublished(d, entry);
    }
}
