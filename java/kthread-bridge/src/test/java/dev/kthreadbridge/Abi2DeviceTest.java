// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.internal.Shim;
import dev.kthreadbridge.internal.bindings.kb_info_arg;
import dev.kthreadbridge.internal.bindings.kb_version;
import dev.kthreadbridge.internal.bindings.kb_wake;
import dev.kthreadbridge.junit.KernelTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The items of ABI 2 (issue 12) through the Java API, each beside the C
 * test of kb_test that shows it for the kernel side (docs/abi2.md).
 */
@KernelTest
@Tag("device")
class Abi2DeviceTest {

    private static final Path PARAMS = Path.of("/sys/module/kthread_bridge/parameters");
    private static final Duration SHORT = Duration.ofMillis(50);
    private KthreadBridge bridge;

    @BeforeEach
    void open() {
        TestSupport.requireDevice();
        bridge = KthreadBridge.open();
    }

    @AfterEach
    void close() {
        if (bridge != null) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), bridge::close, "close() hung");
        }
    }

    private static int lastCpu() {
        return Runtime.getRuntime().availableProcessors() - 1;
    }

    private static void needTwoCpus() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two CPUs");
    }

    private static ThreadInfo await(KernelThread t, String what, java.util.function.Predicate<ThreadInfo> until)
            throws InterruptedException {
        return TestSupport.await(t, what, until);
    }

    private KernelThread runIdleBound(String name, int cpu) throws InterruptedException {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.idle(), name).boundTo(cpu));
        await(t, "sleeping", i -> i.has(ThreadStatus.ENTERED) && i.state() == ThreadState.SLEEPING);
        return t;
    }

    /**
     * A SCHED_FIFO SPIN thread bound to {@code cpu} for 1.5 s: nothing else of ours runs there meanwhile.
     * Without CAP_SYS_NICE the FIFO is refused (checked) and the test is skipped.
     */
    private KernelThread hog(int cpu) throws InterruptedException {
        KernelThread h = bridge.run(ThreadSpec.of(Workload.spin(Duration.ofSeconds(10)), "kb-hog").boundTo(cpu));
        if (!TestSupport.assertNeedsNice("kb_thread_sched(handle ", () -> h.setScheduling(Scheduling.fifo()))) {
            h.stop();
            assumeTrue(false, "a SCHED_FIFO hog needs CAP_SYS_NICE (EPERM checked)");
        }
        await(h, "spinning", i -> i.has(ThreadStatus.ENTERED));
        return h;
    }

    /** A raw ioctl on the bridge's file, past the Java API's own checks. */
    private int ioctl(long request, MemorySegment arg) {
        return bridge.<Integer>call(fd -> kb_ioctl(fd, request, arg));
    }

    private static String param(String name) throws IOException {
        return Files.readString(PARAMS.resolve(name)).trim();
    }

    private static void setParam(String name, String value) throws IOException {
        Files.writeString(PARAMS.resolve(name), value);
    }

    // ---- 1: AFFINITY does not undo a bind (C: affinity_bound_refused) ----

    @Test
    void affinityOfABoundThreadIsRefusedAndTheBindStays() throws Exception {
        needTwoCpus();
        int cpu = lastCpu();
        KernelThread t = runIdleBound("kb-j-bound", cpu);
        TestSupport.assertFails(KthreadBridgeException.class, Errno.EINVAL, () -> t.setAffinity(Set.of(0)));
        ThreadInfo i = t.info();
        assertTrue(i.has(ThreadStatus.BOUND), i.toString());
        assertFalse(i.has(ThreadStatus.MOVED), i.toString());
        assertEquals(cpu, i.boundCpu().orElseThrow());
        assertEquals(Set.of(cpu), t.affinity());
        t.stop();
    }

    // ---- 2: events only for handles user space received (C: run_wait_entry_timeout_leaves_nothing) ----

    @Test
    void aRunWhoseWaitTimesOutLeavesNoThreadAndNoEvent() throws Exception {
        needTwoCpus();
        int cpu = lastCpu();
        // The hog keeps the CPU only until RT throttling (sched_rt_runtime_us)
        // lends it to SCHED_OTHER; under a loaded TCG host that can fall inside
        // the wait. Such an attempt tests nothing: it is cleaned up and retried.
        for (int attempt = 1; ; attempt++) {
            KernelThread hog = hog(cpu);
            KernelThread ran;
            try {
                ran = bridge.run(ThreadSpec.of(Workload.exit(7), "kb-j-wentry").boundTo(cpu),
                        StartMode.AWAIT_ENTRY, SHORT);
            } catch (WaitTimedOutException e) {
                TestSupport.assertFails(WaitTimedOutException.class, Errno.ETIMEDOUT, () -> { throw e; });
                assertFalse(e.acted(), "nothing of the run is left");
                assertEquals(List.of(hog), bridge.threads());
                hog.stop();
                // the only record in the queue is the hog's
                List<Shim.RawEvent> events = bridge.call(fd -> Shim.readEvents(fd, 8, 5000));
                assertEquals(List.of(hog.handle()), events.stream().map(Shim.RawEvent::handle).toList());
                assertEquals(List.of(), bridge.call(fd -> Shim.readEvents(fd, 8, 300)));
                return;
            }
            ran.stop();
            hog.stop();
            drainEvents();
            assertTrue(attempt < 3, "the SCHED_FIFO hog never kept CPU " + cpu + " for " + SHORT);
        }
    }

    private void drainEvents() {
        while (!bridge.call(fd -> Shim.readEvents(fd, 8, 300)).isEmpty()) {
            // the events of an attempt that proved nothing
        }
    }

    // ---- 3: room to grow, checked (C: structs_room_to_grow_checked) ----

    @Test
    void flagsAndReservedSpaceMustBeZero() {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-j-reserved"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = kb_version.allocate(arena);
            assertEquals(0, ioctl(KB_IOC_VERSION(), v));
            assertEquals(AbiVersion.SUPPORTED, kb_version.version(v));
            kb_version.flags(v, 1);
            assertEquals(-Errno.EINVAL.number(), ioctl(KB_IOC_VERSION(), v));

            MemorySegment w = kb_wake.allocate(arena);
            kb_wake.handle(w, t.handle());
            kb_wake.reserved(w, 1, 1L);
            assertEquals(-Errno.EINVAL.number(), ioctl(KB_IOC_WAKE(), w));

            MemorySegment info = arena.allocate(kb_info_arg.sizeof() + 512);
            MemorySegment a = kb_info_arg.allocate(arena);
            kb_info_arg.handle(a, t.handle());
            kb_info_arg.info_ptr(a, info.address());
            kb_info_arg.mask_size(a, 8); // an out-only field set on input
            assertEquals(-Errno.EINVAL.number(), ioctl(KB_IOC_INFO(), a));
        }
        assertFalse(t.info().has(ThreadStatus.WOKEN), "the refused WAKE did nothing");
        t.stop();
    }

    // ---- 4: CPU masks of any size (C: info_cpu_mask_any_size) ----

    @Test
    void theWholeAffinityMaskIsReadAsProcShowsIt() throws Exception {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.idle(), "kb-j-mask"));
        await(t, "sleeping", i -> i.state() == ThreadState.SLEEPING);
        Set<Integer> mask = t.affinity();
        assertEquals(procCpusAllowed(t.pid()), mask);
        assertEquals(t.info().nrCpusAllowed(), mask.size());
        // the kernel's mask is as long as nr_cpu_ids needs, in 64-bit words
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = kb_info_arg.allocate(arena);
            MemorySegment info = arena.allocate(1024);
            MemorySegment words = arena.allocate(KB_MASK_MAX());
            kb_info_arg.handle(a, t.handle());
            kb_info_arg.info_ptr(a, info.address());
            kb_info_arg.mask_ptr(a, words.address());
            kb_info_arg.mask_len(a, KB_MASK_MAX());
            assertEquals(0, ioctl(KB_IOC_INFO(), a));
            assertEquals((possibleCpus() + 63) / 64 * 8, kb_info_arg.mask_size(a));
        }
        if (Runtime.getRuntime().availableProcessors() > 1) {
            t.setAffinity(Set.of(1));
            assertEquals(Set.of(1), t.affinity());
            assertEquals(Set.of(1), procCpusAllowed(t.pid()));
        }
        t.stop();
    }

    /** Cpus_allowed_list of /proc/PID/status, e.g. "0-1,4". */
    private static Set<Integer> procCpusAllowed(int pid) throws IOException {
        String list = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                .substring("Cpus_allowed_list:".length()).trim();
        return ranges(list);
    }

    private static int possibleCpus() throws IOException {
        Set<Integer> possible = ranges(Files.readString(Path.of("/sys/devices/system/cpu/possible")).trim());
        return possible.stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
    }

    private static Set<Integer> ranges(String list) {
        Set<Integer> cpus = new TreeSet<>();
        for (String part : list.split(",")) {
            String[] ab = part.split("-");
            int a = Integer.parseInt(ab[0]);
            int b = ab.length > 1 ? Integer.parseInt(ab[1]) : a;
            for (int c = a; c <= b; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    // ---- 5: one errno for an exited thread (C: exited_thread_esrch_everywhere) ----

    @Test
    void everyCommandOnAnExitedThreadSaysItExited() throws Exception {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.exit(5), "kb-j-exited"));
        await(t, "EXITED", ThreadInfo::hasExited);
        assertFalse(t.isAlive());
        List<Executable> calls = List.of(t::wake, t::wakeAndAwaitEntry, t::park, t::unpark,
                () -> t.setScheduling(Scheduling.normal(0)), () -> t.setAffinity(Set.of(0)));
        for (Executable call : calls) {
            TestSupport.assertFails(ThreadExitedException.class, Errno.ESRCH, call);
        }
        assertTrue(t.info().hasExited(), "INFO still works");
        assertEquals(5, assertInstanceOf(StopResult.Returned.class, t.stop()).value(), "and STOP");

        // a WAIT thread stopped by the module's autostop keeps its handle, and has exited too
        TestSupport.requireRoot("writes the module parameter unwoken_timeout_ms");
        String saved = param("unwoken_timeout_ms");
        try {
            setParam("unwoken_timeout_ms", "300");
            KernelThread w = bridge.create(ThreadSpec.of(Workload.waitForSignal(), "kb-j-exited-w"));
            await(w, "AUTOSTOPPED", i -> i.has(ThreadStatus.AUTOSTOPPED));
            assertFalse(w.isAlive());
            TestSupport.assertFails(ThreadExitedException.class, Errno.ESRCH, w::signal);
            TestSupport.assertFails(ThreadExitedException.class, Errno.ESRCH, w::wake);
            assertInstanceOf(StopResult.NeverRan.class, w.stop());
        } finally {
            setParam("unwoken_timeout_ms", saved);
        }
    }

    // ---- 6: results of a timed-out wait are not lost (C: wait_timeouts_report_the_action) ----

    @Test
    void aTimedOutWaitStillReportsTheWakeUpAndTheSignal() throws Exception {
        needTwoCpus();
        int cpu = lastCpu();
        KernelThread waiter = bridge.run(ThreadSpec.of(Workload.waitForSignal(), "kb-j-to-wait").boundTo(cpu));
        await(waiter, "waiting", i -> i.has(ThreadStatus.ENTERED) && i.state() == ThreadState.SLEEPING);
        KernelThread sleeper = bridge.create(ThreadSpec.of(Workload.idle(), "kb-j-to-wake").boundTo(cpu));
        KernelThread hog = hog(cpu);
        WaitTimedOutException w = TestSupport.assertFails(WaitTimedOutException.class, Errno.ETIMEDOUT,
                () -> sleeper.wakeAndAwaitEntry(SHORT));
        assertTrue(w.acted(), "the wake-up happened");
        assertTrue(sleeper.info().has(ThreadStatus.WOKEN), "and the thread kept its handle");
        WaitTimedOutException s = TestSupport.assertFails(WaitTimedOutException.class, Errno.ETIMEDOUT,
                () -> waiter.signalAndWait(SHORT));
        assertTrue(s.acted(), "the signal was sent");
        hog.stop();
        await(sleeper, "entered once the CPU was free", i -> i.has(ThreadStatus.ENTERED));
        ThreadInfo w2 = await(waiter, "ran once the CPU was free", i -> i.iterations() == 1);
        assertEquals(1, w2.signals());
        sleeper.stop();
        waiter.stop();
    }

    // ---- 7: lost events are visible (C: events_overflow_lost) ----

    @Test
    void exitEventsBeyondTheQueueAreCountedAsLost() throws Exception {
        int n = KB_EVENTS_MAX() + 20;
        BatchResult<KernelThread> ran = bridge.runAll(ThreadSpec.of(Workload.exit(1), "kb-j-lost"), n);
        assertEquals(n, ran.succeeded().size());
        for (KernelThread t : ran.succeeded()) {
            await(t, "EXITED", ThreadInfo::hasExited);
        }
        // nothing read the queue so far: the first reader sees the loss
        KernelThread last = ran.succeeded().get(n - 1);
        last.onExit();
        long deadline = System.nanoTime() + TestSupport.WAIT.toNanos();
        while (bridge.lostExitEvents() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(20, bridge.lostExitEvents());
        bridge.stopAll(ran.succeeded());
    }

    // ---- 8: caller-given timeouts (C: waits_interruptible_and_restartable, wake_wait_entry_parked_times_out) ----

    @Test
    void waitsTakeTheCallersDuration() throws Exception {
        KernelThread parked = bridge.create(ThreadSpec.of(Workload.idle(), "kb-j-parked"));
        parked.park();
        WaitTimedOutException e = TestSupport.assertFails(WaitTimedOutException.class, Errno.ETIMEDOUT,
                () -> parked.wakeAndAwaitEntry(Duration.ZERO));
        assertTrue(e.acted());
        assertTrue(parked.unpark());
        await(parked, "entered after unpark", i -> i.has(ThreadStatus.ENTERED));
        parked.stop();
        // a timeout too long for a long of ns: no limit (KB_TIMEOUT_INFINITE)
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-j-forever"));
        assertTrue(t.wakeAndAwaitEntry(ChronoUnit.FOREVER.getDuration()));
        assertTrue(t.info().has(ThreadStatus.ENTERED));
        t.stop();
        KernelThread r = bridge.run(ThreadSpec.of(Workload.idle(), "kb-j-run-to"), StartMode.AWAIT_ENTRY,
                Duration.ofSeconds(30));
        assertTrue(r.info().has(ThreadStatus.ENTERED));
        r.stop();
        assertThrows(NullPointerException.class, () -> r.signalAndWait(null));
    }

    // ---- 9: teardown off the caller's back (C: close_full_file_returns_at_once) ----

    @Test
    void closingAFileOfManyThreadsLeavesTheStopsToTheModule() throws Exception {
        int n = 2000;
        KthreadBridge full = KthreadBridge.open();
        BatchResult<KernelThread> made = full.runAll(ThreadSpec.of(Workload.idle(), "kb-j-full"), n);
        assertEquals(n, made.succeeded().size());
        KernelThread other = bridge.create(ThreadSpec.of(Workload.idle(), "kb-j-other"));
        full.close();
        long left = Long.parseLong(param("nr_threads"));
        // the caller did not wait for 2000 kthread_stop()s; another file is served meanwhile
        for (int k = 0; k < 10; k++) {
            bridge.run(ThreadSpec.of(Workload.idle(), "kb-j-meanwhile")).stop();
        }
        assertTrue(other.info().timestamps().create() > 0);
        System.out.printf("# close() of %d threads returned with %d still live in the module%n", n, left);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (Long.parseLong(param("nr_threads")) > 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("1", param("nr_threads"), "the module stopped them all; only 'other' is left");
        assertTrue(Integer.parseInt(param("max_threads_per_file")) <= KB_THREADS_PER_FILE_MAX());
        other.stop();
    }

    // ---- 10: identity that survives pid reuse (C: pid_and_start_time_identify_the_task) ----

    @Test
    void thePidIsZeroOnceExitedAndTheStartTimeNamesTheTask() throws Exception {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.idle(), "kb-j-ident"));
        ThreadInfo i = await(t, "sleeping", x -> x.state() == ThreadState.SLEEPING);
        assertEquals(t.pid(), i.pid());
        String[] stat = Files.readString(Path.of("/proc/" + t.pid() + "/stat")).split("\\) ", 2)[1].split(" ");
        assertEquals(Long.parseLong(stat[19]), i.startTimeNanos() / 10_000_000L, "field 22 in USER_HZ ticks");
        assertSame(t, bridge.threadByPid(t.pid()).orElseThrow());
        t.stop();
        assertTrue(bridge.threadByPid(t.pid()).isEmpty());

        KernelThread e = bridge.run(ThreadSpec.of(Workload.exit(0), "kb-j-ident-x"));
        ThreadInfo exited = await(e, "EXITED", ThreadInfo::hasExited);
        assertEquals(0, exited.pid(), "the number may belong to another task now");
        assertTrue(exited.startTimeNanos() > 0);
        assertEquals(0, e.stop().info().pid());
    }

    // ---- 11: bound threads and hotplug (C: bound_thread_moved_by_hotplug) ----

    @Test
    void aBoundThreadMovedOffItsCpuSaysSo() throws Exception {
        int cpu = lastCpu();
        Path online = Path.of("/sys/devices/system/cpu/cpu" + cpu + "/online");
        assumeTrue(cpu >= 1 && Files.isWritable(online), "needs a CPU to take offline");
        KernelThread t = runIdleBound("kb-j-hotplug", cpu);
        assertFalse(t.info().has(ThreadStatus.MOVED));
        try {
            Files.writeString(online, "0");
            t.wake();
            ThreadInfo moved = await(t, "MOVED", i -> i.has(ThreadStatus.MOVED) && i.state() == ThreadState.SLEEPING);
            assertTrue(moved.has(ThreadStatus.BOUND));
            assertEquals(cpu, moved.boundCpu().orElseThrow());
            assertTrue(moved.cpu() != cpu, moved.toString());
        } finally {
            Files.writeString(online, "1");
        }
        assertTrue(t.info().has(ThreadStatus.MOVED), "the kernel does not bind it again");
        t.stop();
    }

    // ---- 12: the module's version (C: module_version_and_shim_details) ----

    @Test
    void theModuleReportsItsVersion() throws Exception {
        assertEquals("0.1.0", Files.readString(Path.of("/sys/module/kthread_bridge/version")).trim());
        assertEquals(AbiVersion.SUPPORTED, bridge.abiVersion().version());
    }

    // ---- 13: the header is the whole contract ----

    @Test
    void aWaitThreadThatIsNotInItsLoopCannotBeSignalled() throws Exception {
        KernelThread never = bridge.create(ThreadSpec.of(Workload.waitForSignal(), "kb-j-sig-new"));
        TestSupport.assertFails(KthreadBridgeException.class, Errno.EAGAIN, never::signal);
        KernelThread parked = bridge.run(ThreadSpec.of(Workload.waitForSignal(), "kb-j-sig-park"));
        await(parked, "waiting", i -> i.has(ThreadStatus.ENTERED));
        parked.park();
        TestSupport.assertFails(KthreadBridgeException.class, Errno.EAGAIN, parked::signal);
        parked.unpark();
        never.stop();
        parked.stop();
    }

    @Test
    void unparkingANeverWokenThreadEntersItWithoutWoken() throws Exception {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-j-unpark"));
        t.park();
        assertTrue(t.unpark());
        ThreadInfo i = await(t, "ENTERED", x -> x.has(ThreadStatus.ENTERED));
        assertFalse(i.has(ThreadStatus.WOKEN), i.toString());
        t.stop();
    }

    @Test
    void stoppingAParkedNeverWokenThreadRunsThreadfn() throws Exception {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-j-stop-parked"));
        t.park();
        StopResult.Returned r = assertInstanceOf(StopResult.Returned.class, t.stop());
        assertEquals(0, r.value());
        assertTrue(r.info().has(ThreadStatus.ENTERED));
    }

    @Test
    void aPerFileLimitOfZeroMeansNoThreads() throws Exception {
        TestSupport.requireRoot("writes the module parameter max_threads_per_file");
        String saved = param("max_threads_per_file");
        try {
            setParam("max_threads_per_file", "0");
            LimitReachedException e = TestSupport.assertFails(LimitReachedException.class, Errno.EMFILE,
                    () -> bridge.create(ThreadSpec.of(Workload.idle(), "kb-j-zero")));
            assertFalse(e.global());
        } finally {
            setParam("max_threads_per_file", saved);
        }
        bridge.create(ThreadSpec.of(Workload.idle(), "kb-j-zero")).stop();
        assertEquals(List.of(), bridge.threads());
    }
}
