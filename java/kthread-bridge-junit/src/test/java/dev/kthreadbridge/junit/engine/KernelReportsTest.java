// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelReportsTest {

    private final List<String> seen = new ArrayList<>();
    private final EngineExecutionListener recorder = new EngineExecutionListener() {
        @Override
        public void executionStarted(TestDescriptor d) {
            seen.add("start " + d.getDisplayName());
        }

        @Override
        public void executionFinished(TestDescriptor d, TestExecutionResult r) {
            seen.add("end " + d.getDisplayName());
        }
    };

    private final UniqueId engineId = UniqueId.forEngine(KernelTestEngine.ID);
    private final KernelDescriptor first = new KernelDescriptor(engineId, "6.1");
    private final KernelDescriptor second = new KernelDescriptor(engineId, "6.12");
    private final KernelDescriptor third = new KernelDescriptor(engineId, "6.1-rt");
    private final KernelReports reports = new KernelReports(recorder, List.of(first, second, third));

    @Test
    void laterKernelsAreHeldUntilEveryKernelBeforeThemHasEnded() {
        EngineExecutionListener a = reports.kernel(first);
        EngineExecutionListener b = reports.kernel(second);
        EngineExecutionListener c = reports.kernel(third);
        c.executionStarted(third);
        b.executionStarted(second);
        a.executionStarted(first);
        assertEquals(List.of("start 6.1"), seen, "only the first kernel is reported live");
        c.executionFinished(third, TestExecutionResult.successful());
        reports.ended(third);
        assertEquals(List.of("start 6.1"), seen, "an ended later kernel still waits its turn");
        b.executionFinished(second, TestExecutionResult.successful());
        a.executionFinished(first, TestExecutionResult.successful());
        reports.ended(first);
        assertEquals(List.of("start 6.1", "end 6.1", "start 6.12", "end 6.12"), seen,
                "the second kernel's held events follow the first kernel's end");
        reports.ended(second);
        assertEquals(List.of("start 6.1", "end 6.1", "start 6.12", "end 6.12", "start 6.1-rt", "end 6.1-rt"), seen);
    }

    @Test
    void theCurrentKernelIsReportedLive() {
        reports.ended(first);
        reports.kernel(second).executionStarted(second);
        assertEquals(List.of("start 6.12"), seen);
    }

    @Test
    void releaseAllSendsWhatIsHeldInKernelOrder() {
        reports.kernel(third).executionStarted(third);
        reports.kernel(second).executionStarted(second);
        reports.releaseAll();
        assertEquals(List.of("start 6.12", "start 6.1-rt"), seen);
    }
}
