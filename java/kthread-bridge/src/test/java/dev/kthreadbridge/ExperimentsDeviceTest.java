// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h;
import dev.kthreadbridge.junit.KernelTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel-behaviour experiments (park, scheduling, affinity, WAIT and
 * SIGNAL, batches, exit events, waiting for entry, autostop, the in-kernel
 * bench) through the Java API, against the real module. Runs in the VM
 * guest; skipped elsewhere.
 */
@KernelTest
@Tag("device")
class ExperimentsDeviceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path UNWOKEN_TIMEOUT = Path.of("/sys/module/kthread_bridge/parameters/unwoken_timeout_ms");

    private KthreadBridge bridge;

    @BeforeEach
    void open() {
        TestSupport.requireDevice();
        bridge = KthreadBridge.open();
    }

    @AfterEach
    void close() {
        if (bridge != null) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), bridge::close, "close() hung");
        }
    }

    private static ThreadInfo await(KernelThread t, String what, Predicate<ThreadInfo> until) throws InterruptedException {
        return TestSupport.await(t, what, until);
    }

    private static KthreadBridgeException assertErrno(Errno errno, Executable call) {
        return TestSupport.assertFails(KthreadBridgeException.class, errno, call);
    }

    private KernelThread runIdle(String name) throws InterruptedException {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.idle(), name));
        await(t, "sleeping in the idle loop", i -> i.has(ThreadStatus.ENTERED) && i.state() == ThreadState.SLEEPING);
        return t;
    }

    private static StopResult get(CompletableFuture<StopResult> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // ---- features ----

    @Test
    void everyFeatureIsReported() {
        assertEquals(EnumSet.allOf(Feature.class), bridge.abiVersion().features());
    }

    // ---- park / unpark ----

    @Test
    void parkThenSecondParkIsEbusyAndUnparkReportsIt() throws Exception {
        KernelThread t = runIdle("kb-park");
        t.park();
        ThreadInfo parked = t.info();
        assertTrue(parked.has(ThreadStatus.PARKED), parked.toString());
        assertEquals(ThreadState.PARKED, parked.state(), parked.toString());
        assertInstanceOf(ThreadBusyException.class, assertErrno(Errno.EBUSY, t::park));
        assertTrue(t.unpark());
        assertFalse(t.unpark());
        ThreadInfo after = await(t, "unparked and sleeping", i -> i.state() == ThreadState.SLEEPING);
        assertFalse(after.has(ThreadStatus.PARKED), after.toString());
        assertInstanceOf(StopResult.Returned.class, t.stop());
    }

    @Test
    void parkOfAWokenExitThreadIsEsrch() throws Exception {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.exit(7), "kb-park-exit"));
        assertInstanceOf(ThreadExitedException.class, assertErrno(Errno.ESRCH, t::park)); // may exit first
        await(t, "EXITED", i -> i.has(ThreadStatus.EXITED));
        assertErrno(Errno.ESRCH, t::park);  // exited
        StopResult r = t.stop();
        assertEquals(new StopResult.Returned(7, r.info().timestamps().exit(), r.info()), t.stopResult());
    }

    @Test
    void parkingANeverWokenThreadParksItBeforeThreadfn() throws Exception {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-park-new"));
        t.park();
        ThreadInfo parked = t.info();
        assertTrue(parked.has(ThreadStatus.PARKED), parked.toString());
        assertFalse(parked.has(ThreadStatus.ENTERED), parked.toString());
        assertTrue(t.unpark());
        ThreadInfo entered = await(t, "ENTERED after unpark", i -> i.has(ThreadStatus.ENTERED));
        assertFalse(entered.has(ThreadStatus.PARKED), entered.toString());
        assertInstanceOf(StopResult.Returned.class, t.stop());
    }

    @Test
    void unparkOfAThreadNeverParkedIsFalse() throws Exception {
        KernelThread t = runIdle("kb-unpark");
        assertFalse(t.unpark());
        t.stop();
    }

    // ---- scheduling ----

    @Test
    void schedulingIsReadBack() throws Exception {
        KernelThread t = runIdle("kb-sched");
        ThreadInfo.SchedulingInfo initial = t.info().scheduling();
        assertEquals(SchedPolicy.NORMAL, initial.policy(), initial.toString());

        // without CAP_SYS_NICE at open: PermissionDeniedException (EPERM) naming the call, nothing changed
        if (TestSupport.assertNeedsNice("kb_thread_sched(handle ", () -> t.setScheduling(Scheduling.fifo()))) {
            assertEquals(new ThreadInfo.SchedulingInfo(SchedPolicy.FIFO, 50, 0), t.info().scheduling());
        }
        if (TestSupport.assertNeedsNice("kb_thread_sched(handle ", () -> t.setScheduling(Scheduling.fifoLow()))) {
            assertEquals(new ThreadInfo.SchedulingInfo(SchedPolicy.FIFO, 1, 0), t.info().scheduling());
        } else {
            assertEquals(initial, t.info().scheduling());
        }
        t.setScheduling(Scheduling.normal(5));
        assertEquals(new ThreadInfo.SchedulingInfo(SchedPolicy.NORMAL, 0, 5), t.info().scheduling());
        boolean nice = TestSupport.assertNeedsNice("kb_thread_sched(handle ",
                () -> t.setScheduling(Scheduling.normal(-20)));
        assertEquals(nice ? -20 : 5, t.info().scheduling().nice());
        t.setScheduling(Scheduling.normal(0));
        assertEquals(0, t.info().scheduling().nice());
        t.stop();
    }

    @Test
    void schedulingOfAnExitedThreadIsEsrch() throws Exception {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.exit(0), "kb-sched-exit"));
        await(t, "EXITED", i -> i.has(ThreadStatus.EXITED));
        assertErrno(Errno.ESRCH, () -> t.setScheduling(Scheduling.normal(0)));
        // without CAP_SYS_NICE, EPERM comes before the thread's state
        assertErrno(TestSupport.mayNice() ? Errno.ESRCH : Errno.EPERM, () -> t.setScheduling(Scheduling.fifo()));
        assertErrno(Errno.ESRCH, () -> t.setAffinity(Set.of(0)));
        t.stop();
    }

    @Test
    void niceOutOfRangeIsRefusedInJavaAndByTheModule() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Scheduling.normal(20));
        assertThrows(IllegalArgumentException.class, () -> Scheduling.normal(-21));
        KernelThread t = runIdle("kb-nice");
        // the module's own check, past the Java validation
        int normal = kthread_bridge_shim_h.KB_SCHED_NORMAL();
        int fifo = kthread_bridge_shim_h.KB_SCHED_FIFO();
        for (int[] bad : new int[][] {{normal, 20}, {normal, -21}, {fifo, 1}, {3, 0}}) {
            int ret = bridge.call(fd -> kthread_bridge_shim_h.kb_thread_sched(fd, t.handle(), bad[0], bad[1]));
            assertEquals(-Errno.EINVAL.number(), ret, "policy " + bad[0] + " nice " + bad[1]);
        }
        assertEquals(new ThreadInfo.SchedulingInfo(SchedPolicy.NORMAL, 0, 0), t.info().scheduling());
        t.stop();
    }

    // ---- affinity ----

    @Test
    void affinityIsReadBack() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        KernelThread t = runIdle("kb-affinity");
        ThreadInfo before = t.info();
        assertEquals(cpus, t.affinity().size(), before.toString());
        assertEquals(cpus, before.nrCpusAllowed(), before.toString());
        t.setAffinity(Set.of(0));
        ThreadInfo one = t.info();
        assertEquals(List.of(0), List.copyOf(t.affinity()));
        assertEquals(1, one.nrCpusAllowed());
        t.wake();
        await(t, "ran on CPU 0", i -> i.cpu() == 0 && i.state() == ThreadState.SLEEPING);
        if (cpus > 1) {
            t.setAffinity(Set.of(0, 1));
            assertEquals(Set.of(0, 1), t.affinity());
        }
        t.stop();
    }

    @Test
    void affinityWithNoOnlineCpuIsEinval() throws Exception {
        KernelThread t = runIdle("kb-affinity-bad");
        int offline = Runtime.getRuntime().availableProcessors() + 100;
        assumeTrue(offline <= KernelThread.AFFINITY_CPU_MAX);
        assertErrno(Errno.EINVAL, () -> t.setAffinity(Set.of(offline)));
        assertThrows(IllegalArgumentException.class, () -> t.setAffinity(Set.of()));
        assertThrows(IllegalArgumentException.class, () -> t.setAffinity(Set.of(-1)));
        assertThrows(IllegalArgumentException.class, () -> t.setAffinity(Set.of(KernelThread.AFFINITY_CPU_MAX + 1)));
        t.stop();
    }

    // ---- WAIT and SIGNAL ----

    @Test
    void signalOfANeverWokenWaitThreadIsEagain() {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.waitForSignal(), "kb-wait-new"));
        assertErrno(Errno.EAGAIN, t::signal);
        assertErrno(Errno.EAGAIN, t::signalAndWait);
        assertInstanceOf(StopResult.NeverRan.class, t.stop());
    }

    @Test
    void signalOfAnotherWorkloadIsEinval() throws Exception {
        KernelThread t = runIdle("kb-signal-idle");
        assertErrno(Errno.EINVAL, t::signal);
        t.stop();
    }

    @Test
    void signalAndWaitMeasuresLatency() throws Exception {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.waitForSignal(), "kb-wait"));
        assertTrue(t.wakeAndAwaitEntry());
        await(t, "waiting", i -> i.state() == ThreadState.SLEEPING);
        assertEquals(java.util.Optional.empty(), t.info().signalLatency());
        long lastSeq = 0;
        for (int i = 0; i < 5; i++) {
            SignalResult r = t.signalAndWait();
            assertTrue(r.seq() > lastSeq, r.toString());
            assertEquals(lastSeq + 1, r.seq(), r.toString());
            lastSeq = r.seq();
            assertTrue(r.waited(), r.toString());
            assertTrue(r.signalNanos() > 0, r.toString());
            assertFalse(r.latency().isNegative(), r.toString());
            ThreadInfo info = t.info();
            assertEquals(r.seq(), info.signals());
            assertEquals(r.signalNanos(), info.timestamps().signal());
            assertEquals(r.runningNanos(), info.timestamps().running());
            assertEquals(r.latency(), info.signalLatency().orElseThrow());
        }
        SignalResult async = t.signal();
        assertEquals(lastSeq + 1, async.seq());
        assertFalse(async.waited());
        assertThrows(IllegalStateException.class, async::latency);
        ThreadInfo done = await(t, "iteration 6", i -> i.iterations() == 6);
        assertEquals(6, done.signals());
        StopResult.Returned r = assertInstanceOf(StopResult.Returned.class, t.stop());
        assertEquals(6, r.value());
    }

    @Test
    void signalOfAParkedWaitThreadIsEagainAndOfAStoppedOneIllegalState() throws Exception {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.waitForSignal(), "kb-wait-park"), StartMode.AWAIT_ENTRY);
        t.park();
        assertErrno(Errno.EAGAIN, t::signal);
        assertTrue(t.unpark());
        assertEquals(1, t.signalAndWait().seq());
        t.stop();
        assertThrows(IllegalStateException.class, t::signal);
    }

    // ---- waiting for entry ----

    @Test
    void runAwaitingEntryHasEnteredAtReturn() {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.idle(), "kb-await"), StartMode.AWAIT_ENTRY);
        ThreadInfo info = t.info();
        assertTrue(info.has(ThreadStatus.ENTERED), info.toString());
        assertTrue(info.timestamps().entry() > 0);
        assertInstanceOf(StopResult.Returned.class, t.stop());
        KernelThread exit = bridge.run(ThreadSpec.of(Workload.exit(3), "kb-await-exit"), StartMode.AWAIT_ENTRY);
        assertTrue(exit.info().has(ThreadStatus.ENTERED));
        StopResult r = exit.stop();
        assertEquals(new StopResult.Returned(3, r.info().timestamps().exit(), r.info()), exit.stopResult());
    }

    @Test
    void wakeAwaitingEntryHasEnteredAtReturn() {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-await-wake"));
        assertTrue(t.wake(WakeOption.AWAIT_ENTRY));
        assertTrue(t.info().has(ThreadStatus.ENTERED));
        t.stop();
    }

    // ---- batches ----

    @Test
    void batchOfFiftyCreateWakeStop() {
        BatchResult<KernelThread> created = bridge.createAll(ThreadSpec.of(Workload.idle(), "kb-batch"), 50);
        assertTrue(created.allSucceeded(), created.failures().toString());
        assertEquals(50, created.requested());
        List<KernelThread> threads = created.succeeded();
        assertEquals(50, threads.size());
        assertEquals(50, new TreeSet<>(threads.stream().map(KernelThread::handle).toList()).size());
        assertEquals(threads, bridge.threads());
        for (KernelThread t : threads) {
            assertFalse(t.info().has(ThreadStatus.WOKEN));
            assertTrue(t.pid() > 0);
        }

        BatchResult<Boolean> woken = bridge.wakeAll(threads);
        assertTrue(woken.allSucceeded(), woken.failures().toString());
        assertEquals(50, woken.succeeded().size());
        assertEquals(50, woken.succeeded().stream().filter(Boolean::booleanValue).count(), "first wakes wake");
        for (int i = 0; i < 50; i++) {
            assertEquals(threads.get(i), woken.items().get(i).thread());
        }

        BatchResult<StopResult> stopped = bridge.stopAll(threads);
        assertTrue(stopped.allSucceeded(), stopped.failures().toString());
        assertEquals(50, stopped.succeeded().size());
        for (StopResult r : stopped.succeeded()) {
            assertNull(r.info());
            if (r instanceof StopResult.Returned ret) {
                assertTrue(ret.value() >= 0, r.toString());
            } else {
                // woken but stopped before threadfn ran: kthread_stop() -EINTR
                assertEquals(-4, ((StopResult.NeverRan) r).result());
            }
        }
        assertTrue(threads.stream().allMatch(KernelThread::isStopped));
        assertEquals(List.of(), bridge.threads());
        assertThrows(IllegalStateException.class, () -> bridge.stopAll(threads));
    }

    @Test
    void runAllThenStopAllReturnsTheExitCodes() throws Exception {
        BatchResult<KernelThread> run = bridge.runAll(ThreadSpec.of(Workload.exit(3), "kb-batch-exit"), 10);
        assertTrue(run.allSucceeded(), run.failures().toString());
        for (KernelThread t : run.succeeded()) {
            await(t, "EXITED", i -> i.has(ThreadStatus.EXITED));
        }
        BatchResult<StopResult> stopped = bridge.stopAll(run.succeeded());
        assertEquals(10, stopped.succeeded().size());
        for (StopResult r : stopped.succeeded()) {
            assertEquals(3, assertInstanceOf(StopResult.Returned.class, r).value());
        }
        // their exit futures complete from the module's events
        for (KernelThread t : run.succeeded()) {
            StopResult e = get(t.onExit());
            assertEquals(3, assertInstanceOf(StopResult.Returned.class, e).value());
            assertTrue(e.endNanos() > 0, e.toString());
        }
    }

    @Test
    void batchWithABadSpecFailsAsAWhole() {
        String tooLong = "x".repeat(ThreadSpec.NAME_MAX_BYTES);
        assertErrno(Errno.EINVAL, () -> bridge.createAll(ThreadSpec.of(Workload.idle(), tooLong), 3));
        assertEquals(List.of(), bridge.threads());
        assertThrows(IllegalArgumentException.class, () -> bridge.createAll(ThreadSpec.of(Workload.idle(), "x"), 0));
        assertThrows(IllegalArgumentException.class,
                () -> bridge.createAll(ThreadSpec.of(Workload.idle(), "x"), KthreadBridge.BATCH_MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> bridge.wakeAll(List.of()));
    }

    @Test
    void batchItemsFailOneByOne() {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-batch-one"));
        try (KthreadBridge other = KthreadBridge.open()) {
            KernelThread foreign = other.create(ThreadSpec.of(Workload.idle(), "kb-foreign"));
            assertThrows(IllegalArgumentException.class, () -> bridge.wakeAll(List.of(t, foreign)));
        }
        // stop it behind the batch's back: the batch then meets an unknown handle
        int ret = bridge.call(fd -> kthread_bridge_shim_h.kb_thread_stop(fd, t.handle(),
                java.lang.foreign.MemorySegment.NULL, java.lang.foreign.MemorySegment.NULL,
                java.lang.foreign.MemorySegment.NULL));
        assertEquals(0, ret);
        KernelThread live = bridge.create(ThreadSpec.of(Workload.idle(), "kb-batch-live"));
        BatchResult<StopResult> r = bridge.stopAll(List.of(t, live));
        assertEquals(1, r.succeeded().size());
        assertEquals(1, r.failures().size());
        BatchResult.Item<StopResult> failed = r.failures().get(0);
        assertEquals(0, failed.index());
        assertEquals(t, failed.thread());
        assertInstanceOf(NoSuchThreadException.class, failed.error());
        assertEquals(Errno.ENOENT.number(), failed.error().errno());
        assertTrue(t.isStopped());
        assertInstanceOf(StopResult.NeverRan.class, r.items().get(1).value());
    }

    // ---- in-kernel bench ----

    @Test
    void benchCyclesIsSane() {
        KernelCycleBench b = bridge.benchCycles(20);
        assertEquals(20, b.count());
        assertTrue(b.min().isPositive(), b.toString());
        assertTrue(b.min().compareTo(b.max()) <= 0, b.toString());
        assertTrue(b.max().compareTo(b.elapsed()) <= 0, b.toString());
        assertTrue(b.min().multipliedBy(20).compareTo(b.elapsed()) <= 0, b.toString());
        assertThrows(IllegalArgumentException.class, () -> bridge.benchCycles(0));
        assertThrows(IllegalArgumentException.class, () -> bridge.benchCycles(KernelCycleBench.MAX_COUNT + 1));
        assertEquals(List.of(), bridge.threads());
    }

    // ---- exit events ----

    @Test
    void onExitOfAnExitThreadCompletesWithoutStop() throws Exception {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.exit(42), "kb-onexit"));
        StopResult e = get(t.onExit());
        assertEquals(42, assertInstanceOf(StopResult.Returned.class, e).value());
        assertEquals(null, e.info(), "from the module's event");
        assertFalse(t.isStopped());
        assertFalse(t.isAlive(), "threadfn returned");
        ThreadInfo info = t.info();
        assertEquals(info.timestamps().exit(), e.endNanos());
        assertEquals(42, assertInstanceOf(StopResult.Returned.class, t.stop()).value());
        assertEquals(e, get(t.onExit()));
    }

    @Test
    void onExitOfAStoppedIdleThreadCompletes() throws Exception {
        KernelThread t = runIdle("kb-onexit-idle");
        CompletableFuture<StopResult> f = t.onExit();
        assertFalse(f.isDone());
        assertTrue(t.isAlive());
        StopResult.Returned r = assertInstanceOf(StopResult.Returned.class, t.stop());
        StopResult e = get(f);
        assertSame(r, e, "onExit() completes with stop()'s own result");
        assertEquals(r.info().timestamps().exit(), e.endNanos());
        // completing the returned future does not touch the thread's
        CompletableFuture<StopResult> mine = t.onExit();
        mine.complete(null);
        assertEquals(e, get(t.onExit()));
    }

    @Test
    void onExitOfANeverWokenThread() throws Exception {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-onexit-new"));
        CompletableFuture<StopResult> f = t.onExit();
        StopResult.NeverRan r = assertInstanceOf(StopResult.NeverRan.class, t.stop());
        StopResult e = get(f);
        assertSame(r, e);
        assertEquals(-4, r.result());
        assertEquals(r.info().timestamps().stopped(), e.endNanos());
    }

    @Test
    void exitEventsOfThreadsEndingAtOnceAreNotLost() throws Exception {
        bridge.create(ThreadSpec.of(Workload.idle(), "kb-poller")).onExit(); // poller running from here
        List<KernelThread> threads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            threads.add(bridge.run(ThreadSpec.of(Workload.exit(i), "kb-quick-" + i)));
        }
        for (int i = 0; i < threads.size(); i++) {
            StopResult e = get(threads.get(i).onExit());
            assertEquals(i, assertInstanceOf(StopResult.Returned.class, e).value());
        }
        assertEquals(0, bridge.lostExitEvents());
    }

    @Test
    void closingTheBridgeFailsPendingExitFuturesAndDoesNotHang() throws Exception {
        KernelThread idle = runIdle("kb-onexit-close");
        CompletableFuture<StopResult> pending = idle.onExit();
        KernelThread exit = bridge.run(ThreadSpec.of(Workload.exit(9), "kb-onexit-close2"), StartMode.AWAIT_ENTRY);
        await(exit, "EXITED", i -> i.has(ThreadStatus.EXITED));
        CompletableFuture<StopResult> exited = exit.onExit();
        assertTimeoutPreemptively(Duration.ofSeconds(5), bridge::close);
        ExecutionException ee = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, ee.getCause());
        assertEquals(9, assertInstanceOf(StopResult.Returned.class, get(exited)).value());
        assertTrue(idle.isStopped());
    }

    // ---- autostop ----

    @Test
    void neverWokenThreadsAreAutostopped() throws Exception {
        assumeTrue(Files.isWritable(UNWOKEN_TIMEOUT), UNWOKEN_TIMEOUT + " not writable");
        String saved = Files.readString(UNWOKEN_TIMEOUT).trim();
        try {
            Files.writeString(UNWOKEN_TIMEOUT, "500");
            KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-autostop"));
            CompletableFuture<StopResult> f = t.onExit();
            ThreadInfo info = await(t, "AUTOSTOPPED", i -> i.has(ThreadStatus.AUTOSTOPPED));
            assertTrue(info.has(ThreadStatus.STOPPED), info.toString());
            assertFalse(info.has(ThreadStatus.ENTERED), info.toString());
            assertEquals(-4, assertInstanceOf(StopResult.NeverRan.class, get(f)).result());
            StopResult.NeverRan r = assertInstanceOf(StopResult.NeverRan.class, t.stop());
            assertEquals(-4, r.result());
            assertTrue(r.info().has(ThreadStatus.AUTOSTOPPED));
            // a woken thread is not autostopped
            KernelThread woken = bridge.create(ThreadSpec.of(Workload.idle(), "kb-autostop-woken"));
            woken.wake();
            Thread.sleep(1000);
            assertFalse(woken.info().has(ThreadStatus.AUTOSTOPPED));
            assertInstanceOf(StopResult.Returned.class, woken.stop());
        } finally {
            Files.writeString(UNWOKEN_TIMEOUT, saved);
        }
    }
}
