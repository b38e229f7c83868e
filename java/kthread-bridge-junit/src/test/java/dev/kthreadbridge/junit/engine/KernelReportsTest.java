// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelReportsTest {

    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    /** Calls of the recorder under way at once, at most; 1 when the calls are serialized. */
    private final AtomicInteger overlap = new AtomicInteger();
    private final AtomicInteger inside = new AtomicInteger();
    private final EngineExecutionListener recorder = new EngineExecutionListener() {
        @Override
        public void executionStarted(TestDescriptor d) {
            record("start " + d.getDisplayName());
        }

        @Override
        public void executionFinished(TestDescriptor d, TestExecutionResult r) {
            record("end " + d.getDisplayName());
        }

        private void record(String event) {
            overlap.accumulateAndGet(inside.incrementAndGet(), Math::max);
            Thread.yield();
            seen.add(event);
            inside.decrementAndGet();
        }
    };

    private final UniqueId engineId = UniqueId.forEngine(KernelTestEngine.ID);
    private final KernelDescriptor first = new KernelDescriptor(engineId, "6.1");
    private final KernelDescriptor second = new KernelDescriptor(engineId, "6.12");
    private final KernelDescriptor third = new KernelDescriptor(engineId, "6.1-rt");
    private final List<KernelDescriptor> kernels = List.of(first, second, third);
    private final KernelReports held = new KernelReports(recorder, kernels, false);
    private final KernelReports live = new KernelReports(recorder, kernels, true);

    @Test
    void laterKernelsAreHeldUntilEveryKernelBeforeThemHasEnded() {
        EngineExecutionListener a = held.kernel(first);
        EngineExecutionListener b = held.kernel(second);
        EngineExecutionListener c = held.kernel(third);
        c.executionStarted(third);
        b.executionStarted(second);
        a.executionStarted(first);
        assertEquals(List.of("start 6.1"), seen, "only the first kernel is reported live");
        c.executionFinished(third, TestExecutionResult.successful());
        held.ended(third);
        assertEquals(List.of("start 6.1"), seen, "an ended later kernel still waits its turn");
        b.executionFinished(second, TestExecutionResult.successful());
        a.executionFinished(first, TestExecutionResult.successful());
        held.ended(first);
        assertEquals(List.of("start 6.1", "end 6.1", "start 6.12", "end 6.12"), seen,
                "the second kernel's held events follow the first kernel's end");
        held.ended(second);
        assertEquals(List.of("start 6.1", "end 6.1", "start 6.12", "end 6.12", "start 6.1-rt", "end 6.1-rt"), seen);
    }

    @Test
    void theCurrentKernelIsReportedLive() {
        held.ended(first);
        held.kernel(second).executionStarted(second);
        assertEquals(List.of("start 6.12"), seen);
    }

    @Test
    void releaseAllSendsWhatIsHeldInKernelOrder() {
        held.kernel(third).executionStarted(third);
        held.kernel(second).executionStarted(second);
        held.releaseAll();
        assertEquals(List.of("start 6.12", "start 6.1-rt"), seen);
    }

    @Test
    void liveEveryKernelIsReportedAsItsEventsCome() {
        live.kernel(third).executionStarted(third);
        live.kernel(second).executionStarted(second);
        live.kernel(first).executionStarted(first);
        live.kernel(third).executionFinished(third, TestExecutionResult.successful());
        assertEquals(List.of("start 6.1-rt", "start 6.12", "start 6.1", "end 6.1-rt"), seen,
                "no kernel waits for the ones before it");
        live.ended(third);
        live.kernel(first).executionFinished(first, TestExecutionResult.successful());
        live.ended(first);
        live.releaseAll();
        assertEquals(List.of("start 6.1-rt", "start 6.12", "start 6.1", "end 6.1-rt", "end 6.1"), seen,
                "nothing was held, nothing is repeated");
    }

    @Test
    void liveKernelsReportingAtOnceCallTheListenerOneAtATime() throws Exception {
        int events = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(kernels.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (KernelDescriptor k : kernels) {
                EngineExecutionListener listener = live.kernel(k);
                runs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < events; i++) {
                        listener.executionStarted(k);
                    }
                    live.ended(k);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(kernels.size() * events, seen.size(), "every event went out once");
        assertEquals(1, overlap.get(), "calls of the listener at once, at most");
    }
}
