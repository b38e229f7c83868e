// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import dev.kthreadbridge.DeviceUnavailableException;
import dev.kthreadbridge.Errno;
import dev.kthreadbridge.KthreadBridgeException;
import dev.kthreadbridge.LimitReachedException;
import dev.kthreadbridge.NoSuchThreadException;
import dev.kthreadbridge.PermissionDeniedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrnoMappingTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"1,EPERM", "2,ENOENT", "4,EINTR", "6,ENXIO", "12,ENOMEM", "13,EACCES", "14,EFAULT",
            "19,ENODEV", "22,EINVAL", "23,ENFILE", "24,EMFILE", "25,ENOTTY", "110,ETIMEDOUT"})
    void names(int errno, String name) {
        assertEquals(name, Errno.nameOf(errno));
        assertEquals(errno, Errno.valueOf(name).number());
        assertEquals(name, new KthreadBridgeException("op", errno).errnoName());
    }

    @Test
    void unknownErrno() {
        assertEquals("errno 4000", Errno.nameOf(4000));
        assertEquals(java.util.Optional.empty(), Errno.of(4000));
        assertEquals(java.util.Optional.empty(), new KthreadBridgeException("op", 4000).error());
        assertEquals("op: errno 4000 (Unknown error 4000)", new KthreadBridgeException("op", 4000).getMessage());
    }

    @Test
    void messageHasOperationNameAndText() {
        KthreadBridgeException e = Shim.error("kb_thread_wake(handle 3)", 2, false);
        assertInstanceOf(NoSuchThreadException.class, e);
        assertEquals("kb_thread_wake(handle 3)", e.operation());
        assertEquals(2, e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertTrue(e.getMessage().startsWith("kb_thread_wake(handle 3): ENOENT (No such file or directory)"),
                e.getMessage());
    }

    @ParameterizedTest(name = "{0} on open -> {1}")
    @CsvSource({"2,DeviceUnavailableException", "19,DeviceUnavailableException", "6,DeviceUnavailableException",
            "1,PermissionDeniedException", "13,PermissionDeniedException", "24,KthreadBridgeException",
            "22,KthreadBridgeException"})
    void openErrors(int errno, String type) {
        KthreadBridgeException e = Shim.error("kb_open(/dev/kthread_bridge)", errno, true);
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(errno, e.errno());
    }

    @ParameterizedTest(name = "{0} on a call -> {1}")
    @CsvSource({"2,NoSuchThreadException", "1,PermissionDeniedException", "13,PermissionDeniedException",
            "24,LimitReachedException", "23,LimitReachedException", "22,KthreadBridgeException",
            "25,KthreadBridgeException", "4,KthreadBridgeException", "12,KthreadBridgeException",
            "19,KthreadBridgeException"})
    void callErrors(int errno, String type) {
        KthreadBridgeException e = Shim.error("kb_thread_create(idle, name \"x\")", errno, false);
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(errno, e.errno());
    }

    @Test
    void deviceUnavailableSaysHowToLoadTheModule() {
        String m = Shim.error("kb_open(/dev/kthread_bridge)", 2, true).getMessage();
        assertEquals("kb_open(/dev/kthread_bridge): ENOENT (No such file or directory): module not loaded?"
                + " sudo insmod kthread_bridge.ko, or check the device path", m);
    }

    @Test
    void permissionDeniedOnOpenSaysHowToBeLetIn() {
        String fix = ": run as root, or load kthread_bridge with node_access=1"
                + " and add the user to group kthread-bridge (docs/security.md)";
        assertEquals("kb_open(/dev/kthread_bridge): EPERM (Operation not permitted)" + fix,
                Shim.error("kb_open(/dev/kthread_bridge)", 1, true).getMessage());
        assertEquals("kb_open(/dev/kthread_bridge): EACCES (Permission denied)" + fix,
                Shim.error("kb_open(/dev/kthread_bridge)", 13, true).getMessage());
    }

    @Test
    void permissionDeniedOnACallNamesItAndCapSysNice() {
        String m = Shim.error("kb_thread_sched(handle 3, FIFO)", 1, false).getMessage();
        assertEquals("kb_thread_sched(handle 3, FIFO): EPERM (Operation not permitted): the device was opened"
                + " without CAP_SYS_NICE: real-time policies, nice below 0 and CPUs outside the caller's"
                + " affinity need it (docs/security.md)", m);
    }

    @Test
    void limitsNameTheModuleParameter() {
        LimitReachedException perFile = (LimitReachedException) Shim.error("kb_thread_create(idle, name \"x\")", 24, false);
        assertEquals("kb_thread_create(idle, name \"x\"): EMFILE (Too many open files):"
                + " per-file thread limit reached (module parameter max_threads_per_file)", perFile.getMessage());
        assertFalse(perFile.global());
        LimitReachedException global = (LimitReachedException) Shim.error("kb_thread_run(idle, name \"x\")", 23, false);
        assertEquals("kb_thread_run(idle, name \"x\"): ENFILE (Too many open files in system):"
                + " global thread limit reached (module parameter max_threads)", global.getMessage());
        assertTrue(global.global());
    }
}
