// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * The fields every kthread-bridge JFR event has: one event per call into
 * the module (one ioctl), committed also when the call failed, then with
 * its errno.
 *
 * <p>Enabled by default: any recording ({@code -XX:StartFlightRecording},
 * JDK Mission Control, {@code kb bench --jfr}) includes them, with stack
 * traces, except {@link ReadEventsEvent} (see there). Until JFR was
 * initialized in the JVM (by any recording) no event object is made: one
 * read of a flag per call ({@link Jfr#on()}); after that, an event no
 * recording wants is made and dropped at once (isEnabled() is false).
 * {@code -Dkthreadbridge.jfr=false} removes even the flag read
 * ({@link Jfr#ON}), for measuring the cost (JfrOverheadBenchmark).
 *
 * <p>Times: JFR's own start time and duration, plus {@code monotonicStart}
 * and {@code monotonicEnd}, {@link System#nanoTime()} right around the
 * ioctl: CLOCK_MONOTONIC nanoseconds on Linux, the clock of the module's
 * timestamps (the {@code ...Nanos} fields) and of tracefs with
 * {@code trace_clock=mono}, so they line up with a kernel trace.
 */
@Category("kthread-bridge")
@Enabled(true)
@StackTrace(true)
public abstract class KernelOperationEvent extends Event {

    @Label("Operation")
    @Description("The API operation, e.g. create, wake, stop")
    String operation;

    @Label("Handle")
    @Description("The module's handle of the thread; 0 when there is none (yet), e.g. a failed create or a batch")
    long handle;

    @Label("PID")
    @Description("The kernel thread's pid; 0 when unknown")
    int pid;

    @Label("Errno")
    @Description("0 on success, else the errno the module returned")
    int errno;

    @Label("Monotonic Start")
    @Description("System.nanoTime() (CLOCK_MONOTONIC ns) just before the ioctl")
    long monotonicStart;

    @Label("Monotonic End")
    @Description("System.nanoTime() (CLOCK_MONOTONIC ns) just after the ioctl returned")
    long monotonicEnd;

    KernelOperationEvent(String operation) {
        this.operation = operation;
    }
}
