// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.FlightRecorder;
import org.jspecify.annotations.Nullable;

/**
 * The one helper the call sites use, so that each operation is three lines:
 *
 * <pre>{@code
 * WakeEvent ev = Jfr.begin(Jfr.on() ? new WakeEvent() : null, handle, pid);
 * int ret = kb_thread_wake(fd, handle);
 * if (Jfr.end(ev, ret)) { ev.woken = ret == 1; ev.commit(); }
 * }</pre>
 *
 * With no recording that wants the event, begin() returns null and end()
 * false: no clock is read and nothing escapes, so the JIT drops the event
 * object.
 */
public final class Jfr {

    /**
     * Whether to make events at all: not with {@link #ON} false, and not
     * before JFR was initialized in this JVM (by a recording:
     * {@code -XX:StartFlightRecording}, {@code jcmd JFR.start}, JDK Mission
     * Control, or {@code new Recording()}). The first event made starts
     * JFR's machinery (metadata, a PRNG holding /dev/random and
     * /dev/urandom open): a process that never records must not pay that.
     * Once a recording initialized JFR, events are made, and begin() keeps
     * only those a recording wants.
     *
     * @return true if the call site should make its event
     */
    public static boolean on() {
        return PRESENT && FlightRecorder.isInitialized();
    }

    /**
     * False with {@code -Dkthreadbridge.jfr=false}: the events are not even
     * made (a static final the JIT folds). For measuring what the events
     * cost when no recording runs; there is no other reason to set it.
     */
    public static final boolean ON = !"false".equalsIgnoreCase(System.getProperty("kthreadbridge.jfr"));

    /**
     * {@link #ON}, and jdk.jfr is in the boot layer (the module requires it
     * static: an image or module graph without it runs without events).
     */
    static final boolean PRESENT = ON && ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private Jfr() {
    }

    /**
     * Starts {@code e} if a recording wants it.
     *
     * @return e, begun and with handle and pid set; null if e is null or not enabled
     */
    public static <E extends KernelOperationEvent> @Nullable E begin(@Nullable E e, long handle, int pid) {
        if (e == null || !e.isEnabled()) {
            return null;
        }
        e.handle = handle;
        e.pid = pid;
        e.begin();
        e.monotonicStart = System.nanoTime();
        return e;
    }

    /**
     * Ends {@code e} (if begun) after the ioctl returned {@code ret}: a
     * negative ret is {@code -errno}.
     *
     * @return true if the caller should fill in its own fields and commit
     */
    public static boolean end(@Nullable KernelOperationEvent e, int ret) {
        if (e == null) {
            return false;
        }
        e.monotonicEnd = System.nanoTime();
        e.end();
        e.errno = ret < 0 ? -ret : 0;
        return e.shouldCommit();
    }

    /** As {@link #end(KernelOperationEvent, int)}, for a call whose handle became known only now (create). */
    public static boolean end(@Nullable KernelOperationEvent e, int ret, long handle, int pid) {
        if (!end(e, ret)) {
            return false;
        }
        e.handle = handle;
        e.pid = pid;
        return true;
    }
}
