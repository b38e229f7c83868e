// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real system calls through the shim on the host, without the module. */
class HostNativeTest {

    @BeforeAll
    static void library() {
        TestSupport.requireLibrary();
    }

    @Test
    void missingDeviceIsDeviceUnavailableWithEnoent() {
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
                () -> KthreadBridge.open(Path.of("/nonexistent/kthread_bridge")));
        assertEquals(2, e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertEquals("kb_open(/nonexistent/kthread_bridge)", e.operation());
        assertTrue(e.getMessage().startsWith(
                "kb_open(/nonexistent/kthread_bridge): ENOENT (No such file or directory): module not loaded?"),
                e.getMessage());
    }

    @Test
    void openOfAFileThatIsNoKthreadBridgeDeviceIsRefusedAndClosed() throws Exception {
        // the first call loads the shim and classes from jars the class loader then keeps open: not counted
        assertThrows(IncompatibleModuleException.class, () -> KthreadBridge.open(Path.of("/dev/null")));
        long before = openFds();
        IncompatibleModuleException e = assertThrows(IncompatibleModuleException.class,
                () -> KthreadBridge.open(Path.of("/dev/null")));
        assertEquals(25, e.errno());
        assertEquals("ENOTTY", e.errnoName());
        assertEquals("kb_abi_version(/dev/null)", e.operation());
        assertEquals(java.util.OptionalInt.empty(), e.moduleAbi());
        assertEquals(AbiVersion.SUPPORTED, e.libraryAbi());
        assertEquals(before, openFds(), "the refused file is closed again");
    }

    @Test
    void anotherAbiVersionNamesBoth() {
        IncompatibleModuleException e = IncompatibleModuleException.otherVersion("kb_abi_version(/dev/kthread_bridge)",
                AbiVersion.SUPPORTED + 1, AbiVersion.SUPPORTED);
        assertEquals("kb_abi_version(/dev/kthread_bridge): module ABI " + (AbiVersion.SUPPORTED + 1)
                + ", library expects " + AbiVersion.SUPPORTED
                + ": load the kthread_bridge module of this library's release", e.getMessage());
        assertEquals(0, e.errno());
        assertEquals(java.util.OptionalInt.of(AbiVersion.SUPPORTED + 1), e.moduleAbi());
    }

    private static long openFds() throws java.io.IOException {
        try (java.util.stream.Stream<Path> fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void ioctlOnDevNullIsEnotty() {
        try (KthreadBridge bridge = KthreadBridge.openWithoutAbiCheck(Path.of("/dev/null"))) {
            KthreadBridgeException e = assertThrows(KthreadBridgeException.class, bridge::abiVersion);
            assertEquals(KthreadBridgeException.class, e.getClass());
            assertEquals(25, e.errno());
            assertEquals("ENOTTY", e.errnoName());
            assertTrue(e.getMessage().endsWith(": ENOTTY (Inappropriate ioctl for device)"), e.getMessage());
            KthreadBridgeException c = assertThrows(KthreadBridgeException.class,
                    () -> bridge.create(ThreadSpec.of(Workload.idle(), "x")));
            assertEquals(25, c.errno());
            assertEquals("kb_thread_create(idle, name \"x\")", c.operation());
            String longName = "n".repeat(200); // beyond the per-thread scratch block: an arena carries it
            KthreadBridgeException l = assertThrows(KthreadBridgeException.class,
                    () -> bridge.run(ThreadSpec.of(Workload.exit(3), longName).boundTo(1)));
            assertEquals(25, l.errno());
            assertEquals("kb_thread_run(exit 3, name \"" + longName + "\", cpu 1)", l.operation());
            assertEquals(25, assertThrows(KthreadBridgeException.class, bridge::threads).errno());
            assertEquals(25, assertThrows(KthreadBridgeException.class, () -> bridge.wakeHandle(3)).errno());
        }
    }

    @Test
    void closedBridgeIsIllegalState() {
        KthreadBridge bridge = KthreadBridge.openWithoutAbiCheck(Path.of("/dev/null"));
        bridge.close();
        bridge.close(); // idempotent
        assertTrue(bridge.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, bridge::abiVersion);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> bridge.create(ThreadSpec.of(Workload.idle(), "x")));
        assertThrows(IllegalStateException.class, () -> bridge.run(ThreadSpec.of(Workload.idle(), "x")));
        assertThrows(IllegalStateException.class, bridge::threads);
    }

    @Test
    void concurrentCallsAndClose() throws Exception {
        KthreadBridge bridge = KthreadBridge.openWithoutAbiCheck(Path.of("/dev/null"));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int j = 0; j < 2000; j++) {
                        try {
                            bridge.abiVersion();
                        } catch (KthreadBridgeException e) {
                            if (e.errno() != 25) {
                                unexpected.add(e); // EBADF would mean a closed fd was used
                            }
                        } catch (IllegalStateException e) {
                            return;
                        }
                    }
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }));
        }
        threads.add(Thread.ofPlatform().start(() -> {
            try {
                start.await();
                Thread.sleep(5);
                bridge.close();
            } catch (Throwable t) {
                unexpected.add(t);
            }
        }));
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), unexpected);
        assertTrue(bridge.isClosed());
    }
}
