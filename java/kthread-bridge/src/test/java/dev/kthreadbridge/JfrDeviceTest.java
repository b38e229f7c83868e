// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.junit.KernelTest;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JFR events against the real module: a recording around a known
 * sequence of calls, every kind once and one that fails with a known
 * errno, read back with jdk.jfr.consumer. Each call must give exactly one
 * event, with its handle, pid, errno and monotonic times inside the call.
 */
@KernelTest
@Tag("device")
class JfrDeviceTest {

    /** One API call as the test saw it: System.nanoTime() just before and after. */
    private record Call(String operation, long handle, int pid, int errno, long before, long after) {
    }

    private final List<Call> calls = new ArrayList<>();

    private <T> T call(String operation, long handle, int pid, Supplier<T> body) {
        long before = System.nanoTime();
        T value = body.get();
        calls.add(new Call(operation, handle, pid, 0, before, System.nanoTime()));
        return value;
    }

    private void run(String operation, KernelThread t, Runnable body) {
        call(operation, t.handle(), t.pid(), () -> {
            body.run();
            return null;
        });
    }

    @Test
    void oneEventPerKernelOperation(@TempDir Path dir) throws Exception {
        TestSupport.requireDevice();
        Path file = dir.resolve("ops.jfr");
        KernelThread idle;
        KernelThread waiter;
        StopResult stopped;
        try (Recording rec = new Recording()) {
            rec.start();
            long openBefore = System.nanoTime();
            try (KthreadBridge bridge = KthreadBridge.open()) {
                calls.add(new Call("version", 0, 0, 0, openBefore, System.nanoTime()));
                long before = System.nanoTime();
                idle = bridge.create(ThreadSpec.of(Workload.idle(), "kb-jfr-idle"));
                calls.add(new Call("create", idle.handle(), idle.pid(), 0, before, System.nanoTime()));
                KernelThread t = idle;
                call("info", t.handle(), t.pid(), t::info);
                run("sched", t, () -> t.setScheduling(Scheduling.normal(5)));
                run("affinity", t, () -> t.setAffinity(Set.of(0)));
                call("cpus", t.handle(), t.pid(), t::affinity);
                call("wake", t.handle(), t.pid(), t::wake);
                run("park", t, t::park);
                call("unpark", t.handle(), t.pid(), t::unpark);
                // the failure: SIGNAL is only for wait workloads (EINVAL)
                before = System.nanoTime();
                KthreadBridgeException e = TestSupport.assertFails(KthreadBridgeException.class, Errno.EINVAL,
                        t::signal);
                calls.add(new Call("signal", t.handle(), t.pid(), e.errno(), before, System.nanoTime()));
                stopped = call("stop", t.handle(), t.pid(), t::stop);

                before = System.nanoTime();
                waiter = bridge.run(ThreadSpec.of(Workload.waitForSignal(), "kb-jfr-wait"), StartMode.AWAIT_ENTRY);
                calls.add(new Call("run", waiter.handle(), waiter.pid(), 0, before, System.nanoTime()));
                KernelThread w = waiter;
                call("signal", w.handle(), w.pid(), w::signalAndWait);
                call("list", 0, 0, bridge::threads);
                call("stop", w.handle(), w.pid(), w::stop);

                BatchResult<KernelThread> made = call("batch", 0, 0, () -> bridge.createAll(
                        ThreadSpec.of(Workload.idle(), "kb-jfr-batch"), 2));
                assertTrue(made.allSucceeded(), made.toString());
                call("batch", 0, 0, () -> bridge.wakeAll(made.succeeded()));
                call("batch", 0, 0, () -> bridge.stopAll(made.succeeded()));
                call("bench", 0, 0, () -> bridge.benchCycles(2));
            }
            rec.stop();
            rec.dump(file);
        }

        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(ev -> ev.getEventType().getName().startsWith("dev.kthreadbridge."))
                .toList();
        assertEquals(calls.size(), events.size(), () -> "one event per call: " + events);
        for (Call c : calls) {
            List<RecordedEvent> mine = events.stream()
                    .filter(ev -> ev.getString("operation").equals(c.operation())
                            && ev.getLong("handle") == c.handle()
                            && ev.getLong("monotonicStart") >= c.before()
                            && ev.getLong("monotonicEnd") <= c.after())
                    .toList();
            assertEquals(1, mine.size(), () -> c + " has " + mine + " among " + events);
            RecordedEvent ev = mine.getFirst();
            assertEquals(c.pid(), ev.getInt("pid"), ev::toString);
            assertEquals(c.errno(), ev.getInt("errno"), ev::toString);
            assertTrue(ev.getLong("monotonicStart") <= ev.getLong("monotonicEnd"), ev::toString);
            assertEquals("kthread-bridge", ev.getEventType().getCategoryNames().getFirst());
            assertTrue(ev.getThread().getOSThreadId() > 0, ev::toString);
        }

        // the kernel's own timestamps, where the ABI returns them
        RecordedEvent stop = only(events, "dev.kthreadbridge.Stop", idle.handle());
        ThreadInfo.Timestamps ts = stopped.info().timestamps();
        assertEquals(ts.create(), stop.getLong("createNanos"));
        assertEquals(ts.entry(), stop.getLong("enteredNanos"));
        assertEquals(ts.stopped(), stop.getLong("stoppedNanos"));
        assertTrue(stop.getBoolean("entered"), stop::toString);
        Call create = calls.get(1);
        assertTrue(create.before() <= stop.getLong("createNanos")
                && stop.getLong("createNanos") <= stop.getLong("createdNanos")
                && stop.getLong("createdNanos") <= create.after(), stop::toString);
        assertTrue(stop.getLong("wokenNanos") <= stop.getLong("enteredNanos")
                && stop.getLong("stopNanos") <= stop.getLong("stoppedNanos")
                && stop.getLong("stoppedNanos") <= stop.getLong("monotonicEnd"), stop::toString);
        RecordedEvent signal = only(events, "dev.kthreadbridge.Signal", waiter.handle());
        assertTrue(signal.getBoolean("await"));
        assertTrue(signal.getLong("monotonicStart") <= signal.getLong("signalNanos")
                && signal.getLong("signalNanos") <= signal.getLong("runningNanos")
                && signal.getLong("runningNanos") <= signal.getLong("monotonicEnd"), signal::toString);
        assertEquals(List.of("create", "wake", "stop"), events.stream()
                .filter(ev -> ev.getEventType().getName().equals("dev.kthreadbridge.Batch"))
                .sorted(Comparator.comparingLong(ev -> ev.getLong("monotonicStart")))
                .peek(ev -> assertEquals(2, ev.getInt("done"), ev::toString))
                .map(ev -> ev.getString("command")).toList());
        RecordedEvent bench = only(events, "dev.kthreadbridge.Bench", 0);
        assertTrue(bench.getLong("minNanos") > 0 && bench.getLong("minNanos") <= bench.getLong("maxNanos"),
                bench::toString);
    }

    private static RecordedEvent only(List<RecordedEvent> events, String type, long handle) {
        List<RecordedEvent> found = events.stream()
                .filter(ev -> ev.getEventType().getName().equals(type) && ev.getLong("handle") == handle
                        && ev.getInt("errno") == 0)
                .toList();
        assertEquals(1, found.size(), () -> type + " of handle " + handle + ": " + found);
        return found.getFirst();
    }
}
