// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A kernel thread as the module saw it at one moment (struct kb_info).
 * Immutable.
 *
 * <p>Timestamps are the kernel's CLOCK_MONOTONIC in ns (comparable with
 * {@code System.nanoTime()} only on Linux, where both use it), 0 when the
 * phase has not happened; the derived durations are empty then.
 *
 * <p>Identity: {@code pid} is the thread's pid until it has exited
 * ({@link #hasExited()}), then 0: from then on the kernel may reap the
 * task and give the number to another process. {@code startTimeNanos} is
 * the task's start time (CLOCK_BOOTTIME ns, the kernel's start_boottime),
 * which /proc/PID/stat shows in clock ticks (field 22): a reader of
 * /proc/PID can check it is looking at this thread.
 *
 * <p>The affinity mask itself is not part of it: {@link KernelThread#affinity()}
 * reads the whole mask, for any number of CPUs.
 *
 * @param handle     the per-file handle
 * @param pid        the thread's pid, 0 once it has exited
 * @param workload   the workload it was created with (null if the module reports one unknown to this library)
 * @param status     the lifecycle status bits
 * @param state      the scheduler state
 * @param stateLetter the raw state letter the kernel reported
 * @param cpu        the CPU the task last ran on
 * @param boundCpu   the CPU it was bound to at creation, if any
 * @param result     what threadfn returned, once it has (status EXITED)
 * @param iterations SPIN loops or PERIODIC periods
 * @param wakeups    wake-ups seen while sleeping (IDLE, SPIN)
 * @param comm       the task's comm (at most 15 bytes of the name)
 * @param timestamps the raw kernel timestamps of each phase
 * @param scheduling the task's scheduling policy, RT priority and nice value
 * @param nrCpusAllowed how many CPUs the task's affinity mask holds
 * @param signals    SIGNALs sent to it ({@link Workload.Wait})
 * @param startTimeNanos the task's start time, CLOCK_BOOTTIME ns (see above)
 */
public record ThreadInfo(int handle, int pid, @Nullable Workload workload, Set<ThreadStatus> status,
                         ThreadState state, char stateLetter, int cpu, OptionalInt boundCpu,
                         OptionalInt result, long iterations, long wakeups, String comm,
                         Timestamps timestamps, SchedulingInfo scheduling,
                         int nrCpusAllowed, long signals, long startTimeNanos) {

    /**
     * The task's scheduling as the kernel reports it.
     *
     * @param policy     SCHED_* policy
     * @param rtPriority 1..99 with FIFO or RR, 0 otherwise
     * @param nice       -20..19
     */
    public record SchedulingInfo(SchedPolicy policy, int rtPriority, int nice) {
    }

    /**
     * CLOCK_MONOTONIC ns of each phase of the lifecycle; 0 when it has not happened.
     *
     * @param create  CREATE/RUN called kthread_create()
     * @param created kthread_create() returned
     * @param wake    the first WAKE/RUN called wake_up_process()
     * @param entry   threadfn entered
     * @param stop    STOP called kthread_stop()
     * @param exit    threadfn returned
     * @param stopped kthread_stop() returned
     * @param signal  the last SIGNAL ({@link Workload.Wait})
     * @param running the thread ran again after a SIGNAL
     */
    public record Timestamps(long create, long created, long wake, long entry, long stop, long exit,
                             long stopped, long signal, long running) {
    }

    /**
     * Creates a thread info; {@code status} is copied into an unmodifiable set.
     *
     * @param handle     the per-file handle
     * @param pid        the thread's pid, 0 once it has exited
     * @param workload   the workload it was created with, or null if unknown to this library
     * @param status     the lifecycle status bits
     * @param state      the scheduler state
     * @param stateLetter the raw state letter the kernel reported
     * @param cpu        the CPU the task last ran on
     * @param boundCpu   the CPU it was bound to at creation, if any
     * @param result     what threadfn returned, once it has (status EXITED)
     * @param iterations SPIN loops or PERIODIC periods
     * @param wakeups    wake-ups seen while sleeping (IDLE, SPIN)
     * @param comm       the task's comm
     * @param timestamps the raw kernel timestamps of each phase
     * @param scheduling the task's scheduling policy, RT priority and nice value
     * @param nrCpusAllowed how many CPUs the task's affinity mask holds
     * @param signals    SIGNALs sent to it
     * @param startTimeNanos the task's start time, CLOCK_BOOTTIME ns
     * @throws NullPointerException if {@code status} is null or holds null
     */
    public ThreadInfo {
        status = Set.copyOf(status);
    }

    /**
     * Whether the thread has exited: its threadfn returned
     * ({@link ThreadStatus#EXITED}) or kthread_stop() returned for it
     * ({@link ThreadStatus#STOPPED}). Every command but info and stop then
     * throws {@link ThreadExitedException}.
     *
     * @return true once the thread has exited
     */
    public boolean hasExited() {
        return status.contains(ThreadStatus.EXITED) || status.contains(ThreadStatus.STOPPED);
    }

    /**
     * The last signal's wake-up latency as the kernel saw it: signal →
     * running. Empty before any signal, and while the last one has not
     * been taken by the thread yet (running is then older than signal).
     *
     * @return running - signal, or empty
     */
    public Optional<Duration> signalLatency() {
        return between(timestamps.signal(), timestamps.running());
    }

    /**
     * Whether a status bit is set.
     *
     * @param s the status to test
     * @return true if {@code s} is in {@link #status()}
     */
    public boolean has(ThreadStatus s) {
        return status.contains(s);
    }

    /**
     * kthread_create() itself: create → created.
     *
     * @return the duration, or empty if kthread_create() has not returned
     */
    public Optional<Duration> createCost() {
        return between(timestamps.create(), timestamps.created());
    }

    /**
     * From the first wake-up to threadfn's entry: wake → entry.
     *
     * @return the duration, or empty if the thread was not woken or has not entered threadfn yet
     */
    public Optional<Duration> wakeToEntry() {
        return between(timestamps.wake(), timestamps.entry());
    }

    /**
     * From kthread_stop() to threadfn's return: stop → exit (empty if threadfn returned by itself first).
     *
     * @return the duration, or empty if not stopped, not returned yet, or returned before the stop
     */
    public Optional<Duration> stopToExit() {
        return timestamps.exit() >= timestamps.stop() ? between(timestamps.stop(), timestamps.exit())
                : Optional.empty();
    }

    /**
     * kthread_stop() itself: stop → stopped.
     *
     * @return the duration, or empty if kthread_stop() was not called or has not returned
     */
    public Optional<Duration> stopCost() {
        return between(timestamps.stop(), timestamps.stopped());
    }

    /**
     * How long threadfn ran: entry → exit.
     *
     * @return the duration, or empty if threadfn was not entered or has not returned
     */
    public Optional<Duration> runTime() {
        return between(timestamps.entry(), timestamps.exit());
    }

    /**
     * The whole lifecycle: create → stopped.
     *
     * @return the duration, or empty until kthread_stop() returned
     */
    public Optional<Duration> lifetime() {
        return between(timestamps.create(), timestamps.stopped());
    }

    private static Optional<Duration> between(long from, long to) {
        if (from == 0 || to == 0 || to < from) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(to - from));
    }
}
