// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.junit.KernelTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kthread contract through the Java API, against the real module.
 * Needs /dev/kthread_bridge and root: runs in the VM guest, skipped elsewhere.
 */
@KernelTest
@Tag("device")
class DeviceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private KthreadBridge bridge;

    @BeforeEach
    void open() {
        TestSupport.requireDevice();
        bridge = KthreadBridge.open();
    }

    @AfterEach
    void close() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static ThreadInfo await(KernelThread t, String what, Predicate<ThreadInfo> until) throws InterruptedException {
        return TestSupport.await(t, what, until);
    }

    @Test
    void abiVersion() {
        AbiVersion v = bridge.abiVersion();
        assertEquals(AbiVersion.SUPPORTED, v.version());
        assertTrue(v.has(Feature.LIFECYCLE));
        assertTrue(v.has(Feature.STOP_INFO));
    }

    @Test
    void createLeavesTheThreadStoppedAndNotEntered() throws Exception {
        try (KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-created"))) {
            ThreadInfo info = t.info();
            assertEquals(ThreadState.DISK_SLEEP, info.state(), info.toString());
            assertFalse(info.has(ThreadStatus.ENTERED));
            assertFalse(info.has(ThreadStatus.WOKEN));
            assertEquals(0, info.timestamps().entry());
            assertEquals(t.pid(), info.pid());
            assertEquals(t.handle(), info.handle());
        }
    }

    @Test
    void wakeReturnsTrueThenFalseWhileRunning() throws Exception {
        // long enough that it still spins when the second wake comes; stop ends it early
        KernelThread t = bridge.create(ThreadSpec.of(Workload.spin(Duration.ofSeconds(30)), "kb-spin"));
        assertTrue(t.wake());
        await(t, "ENTERED", i -> i.has(ThreadStatus.ENTERED));
        assertFalse(t.wake());
        assertInstanceOf(StopResult.Returned.class, t.stop());
    }

    @Test
    void stopReturnsThreadfnResult() throws Exception {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-idle"));
        assertTrue(t.wake());       // lets threadfn start: not a wake-up of the idle loop
        await(t, "sleeping in the idle loop", i -> i.has(ThreadStatus.ENTERED) && i.state() == ThreadState.SLEEPING);
        assertTrue(t.wake());       // wakes the sleeping idle loop: counted
        await(t, "one wake-up counted", i -> i.wakeups() == 1);
        StopResult r = t.stop();
        StopResult.Returned returned = assertInstanceOf(StopResult.Returned.class, r);
        assertEquals(1, returned.value(), r.toString());
        assertEquals(1, r.info().wakeups());
        assertTrue(r.info().has(ThreadStatus.STOPPED));
        assertTrue(t.isStopped());
    }

    @Test
    void stopWithoutWakeNeverRan() {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-never"));
        StopResult r = t.stop();
        StopResult.NeverRan never = assertInstanceOf(StopResult.NeverRan.class, r);
        assertEquals(-4, never.result());
        assertEquals(0, r.info().timestamps().entry());
        assertTrue(r.info().wakeToEntry().isEmpty());
        assertFalse(r.info().has(ThreadStatus.ENTERED));
    }

    @Test
    void exitWorkloadEndsByItselfAndStopStillReturnsItsCode() throws Exception {
        for (int code : new int[] {42, -4}) {
            KernelThread t = bridge.run(ThreadSpec.of(Workload.exit(code), "kb-exit"));
            ThreadInfo exited = await(t, "EXITED", i -> i.has(ThreadStatus.EXITED));
            assertEquals(code, exited.result().orElseThrow());
            StopResult r = t.stop();
            assertEquals(new StopResult.Returned(code, r.info().timestamps().exit(), r.info()), r, "code " + code);
        }
    }

    @Test
    void runWakesAtOnce() throws Exception {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.idle(), "kb-run"));
        ThreadInfo info = await(t, "ENTERED", i -> i.has(ThreadStatus.ENTERED));
        assertTrue(info.has(ThreadStatus.WOKEN));
        assertInstanceOf(StopResult.Returned.class, t.stop());
    }

    @Test
    void periodicIterationsGrow() throws Exception {
        KernelThread t = bridge.run(ThreadSpec.of(Workload.periodic(Duration.ofMillis(1)), "kb-periodic"));
        long first = await(t, "iterations", i -> i.iterations() > 0).iterations();
        await(t, "more iterations", i -> i.iterations() > first);
        StopResult.Returned r = assertInstanceOf(StopResult.Returned.class, t.stop());
        assertTrue(r.value() > first, r.toString());
    }

    @Test
    void timestampsAreOrdered() throws Exception {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-times"));
        t.wake();
        await(t, "ENTERED", i -> i.has(ThreadStatus.ENTERED));
        ThreadInfo.Timestamps ts = t.stop().info().timestamps();
        long[] order = {ts.create(), ts.created(), ts.wake(), ts.entry(), ts.stop(), ts.exit(), ts.stopped()};
        for (int i = 0; i < order.length; i++) {
            assertTrue(order[i] > 0, "phase " + i + " " + ts);
            if (i > 0) {
                assertTrue(order[i - 1] <= order[i], "phase " + i + " " + ts);
            }
        }
    }

    @Test
    void commIsTheNameIncludingPercent() throws Exception {
        try (KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-%s%d%n"))) {
            assertEquals("kb-%s%d%n", Files.readString(Path.of("/proc/" + t.pid() + "/comm")).strip());
            assertEquals("kb-%s%d%n", t.info().comm());
        }
    }

    @Test
    void closeStopsEveryThread() throws Exception {
        List<KernelThread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(i % 2 == 0 ? bridge.run(ThreadSpec.of(Workload.idle(), "kb-close" + i))
                    : bridge.create(ThreadSpec.of(Workload.idle(), "kb-close" + i)));
        }
        assertEquals(threads, bridge.threads());
        bridge.close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (KernelThread t : threads) {
            assertTrue(t.isStopped());
            assertThrows(IllegalStateException.class, t::info);
            while (Files.exists(Path.of("/proc/" + t.pid()))) {
                assertTrue(System.nanoTime() < deadline, "pid " + t.pid() + " still in /proc");
                Thread.sleep(10);
            }
        }
    }

    @Test
    void cpuBinding() throws Exception {
        try (KernelThread t = bridge.run(ThreadSpec.of(Workload.idle(), "kb-bound").boundTo(0))) {
            ThreadInfo info = await(t, "ENTERED", i -> i.has(ThreadStatus.ENTERED));
            assertTrue(info.has(ThreadStatus.BOUND));
            assertEquals(0, info.boundCpu().orElseThrow());
            assertEquals(0, info.cpu());
        }
    }

    @Test
    void unknownHandleIsNoSuchThread() {
        NoSuchThreadException e = assertThrows(NoSuchThreadException.class, () -> bridge.wakeHandle(999_999));
        assertEquals(2, e.errno());
        assertEquals("kb_thread_wake(handle 999999)", e.operation());
    }

    @Test
    void stoppedThreadIsIllegalState() {
        KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "kb-twice"));
        t.stop();
        assertThrows(IllegalStateException.class, t::stop);
        assertThrows(IllegalStateException.class, t::wake);
        assertThrows(IllegalStateException.class, t::info);
        t.close(); // no-op
    }

    @Test
    void overLongNameIsEinvalFromTheKernel() {
        KthreadBridgeException e = assertThrows(KthreadBridgeException.class,
                () -> bridge.create(ThreadSpec.of(Workload.idle(), "x".repeat(32))));
        assertEquals(22, e.errno());
        assertEquals("EINVAL", e.errnoName());
        assertTrue(e.operation().startsWith("kb_thread_create("), e.operation());
        // 31 bytes fit
        bridge.create(ThreadSpec.of(Workload.idle(), "y".repeat(31))).close();
    }

    @Test
    void nonRootIsDenied() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv missing");
        TestSupport.requireRoot("setpriv to uid 65534");
        List<String> jvm = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        Path lib = TestSupport.libraryFile();
        if (lib != null) {
            jvm.add("-Dkthreadbridge.library.path=" + lib);
        }
        jvm.add("-Djava.io.tmpdir=/tmp");
        TestSupport.Result r = TestSupport.probeAsOtherUser(
                List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), jvm,
                TestSupport.DEVICE.toString());
        // the node is mode 0600 root: the VFS refuses before the module's
        // CAP_SYS_ADMIN check (EPERM) is reached
        assertTrue(r.out().contains("EXC PermissionDeniedException 13 "), r.out());
        assertTrue(r.out().contains(PermissionDeniedException.OPEN_FIX), r.out());
    }

    @Test
    void perFileLimit() throws Exception {
        Path param = Path.of("/sys/module/kthread_bridge/parameters/max_threads_per_file");
        assumeTrue(Files.isWritable(param), param + " not writable");
        String old = Files.readString(param).strip();
        try {
            Files.writeString(param, "2");
            bridge.create(ThreadSpec.of(Workload.idle(), "kb-lim1"));
            bridge.create(ThreadSpec.of(Workload.idle(), "kb-lim2"));
            LimitReachedException e = assertThrows(LimitReachedException.class,
                    () -> bridge.create(ThreadSpec.of(Workload.idle(), "kb-lim3")));
            assertEquals(24, e.errno());
            assertEquals("EMFILE", e.errnoName());
            assertTrue(e.getMessage().contains("max_threads_per_file"), e.getMessage());
        } finally {
            Files.writeString(param, old);
        }
    }

    @Test
    void manyJavaThreadsShareABridge() throws Exception {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger stopped = new AtomicInteger();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int id = w;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        KernelThread t = i % 2 == 0 ? bridge.run(ThreadSpec.of(Workload.idle(), "kb-w" + id))
                                : bridge.create(ThreadSpec.of(Workload.idle(), "kb-w" + id));
                        created.incrementAndGet();
                        assertEquals(t.pid(), t.info().pid());
                        t.stop();
                        stopped.incrementAndGet();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        assertEquals(List.of(), errors);
        assertEquals(80, created.get());
        assertEquals(80, stopped.get());
        assertEquals(Set.of(), Set.copyOf(bridge.threads()));
    }
}
