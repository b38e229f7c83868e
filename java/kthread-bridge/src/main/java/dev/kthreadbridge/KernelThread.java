// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.internal.Shim;

import org.jspecify.annotations.Nullable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A kernel thread created through a {@link KthreadBridge}.
 *
 * <p>Thread-safe: calls on one thread are serialized. After {@link #stop()}
 * (or after its bridge was closed, which stops it in the kernel) every
 * call but {@link #close()} and the accessors throws
 * {@link IllegalStateException}. {@link #close()} stops the thread if it is
 * not stopped yet, and does nothing otherwise.
 */
public final class KernelThread implements AutoCloseable {

    private final KthreadBridge bridge;
    private final int handle;
    private final int pid;
    private final ThreadSpec spec;
    private volatile boolean stopped;
    private volatile @Nullable String stoppedBy;
    private volatile @Nullable StopResult stopResult;
    /**
     * How the thread ended, once known: the StopResult (from the module's
     * event or from stop()) or the Throwable that failed the wait for it.
     * Set once; the first wins.
     */
    private volatile @Nullable Object end;
    /**
     * True while stop() is in the module: the exit event that stop itself
     * causes must not complete the future first, so that onExit() gives
     * stop()'s own result. An event read meanwhile is kept in
     * eventDuringStop, for a stop() that fails.
     */
    private volatile boolean stopping;
    private volatile @Nullable StopResult eventDuringStop;
    /** Made by the first onExit() only: a create/stop loop that never asks allocates none. */
    private volatile @Nullable CompletableFuture<StopResult> exit;
    private static final VarHandle END;
    private static final VarHandle EXIT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            END = l.findVarHandle(KernelThread.class, "end", Object.class);
            EXIT = l.findVarHandle(KernelThread.class, "exit", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    KernelThread(KthreadBridge bridge, int handle, int pid, ThreadSpec spec) {
        this.bridge = bridge;
        this.handle = handle;
        this.pid = pid;
        this.spec = spec;
    }

    /**
     * The module's handle for the thread.
     *
     * @return the handle, per open file, {@code >= 1}
     */
    public int handle() {
        return handle;
    }

    /**
     * The kernel thread's pid.
     *
     * @return the pid the kernel gave the thread at creation
     */
    public int pid() {
        return pid;
    }

    /**
     * The name it was created with.
     *
     * @return {@link ThreadSpec#name()} of its spec
     */
    public String name() {
        return spec.name();
    }

    /**
     * What the thread runs.
     *
     * @return {@link ThreadSpec#workload()} of its spec
     */
    public Workload workload() {
        return spec.workload();
    }

    /**
     * The spec it was created from.
     *
     * @return the spec passed to {@link KthreadBridge#create}, {@link KthreadBridge#run} or a batch call
     */
    public ThreadSpec spec() {
        return spec;
    }

    /**
     * Whether it was stopped, by {@link #stop()}, {@link KthreadBridge#stopAll} or by closing its bridge.
     *
     * @return true once stopped; every call but {@link #close()} and the accessors then throws
     */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * wake_up_process(): true if that woke the thread, false if it was
     * already running. The first wake lets a created thread enter threadfn.
     *
     * @return true if that woke the thread, false if it was already running
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws KthreadBridgeException if the module refuses the call, e.g.
     *         {@link NoSuchThreadException} for a handle it no longer knows
     */
    public synchronized boolean wake() {
        ensureLive("wake");
        int fd = bridge.enter();
        try {
            return Shim.wake(fd, handle, pid);
        } finally {
            bridge.leave();
        }
    }

    /**
     * wake_up_process() with options; with {@link WakeOption#AWAIT_ENTRY}
     * it returns only once threadfn was entered (KB_WAKE_WAIT_ENTRY).
     *
     * @param options the wake options; none is the same as {@link #wake()}
     * @return true if that woke the thread, false if it was already running
     * @throws NullPointerException   if {@code options} is or holds null
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws ThreadExitedException if the thread has exited
     * @throws WaitTimedOutException  with {@link WakeOption#AWAIT_ENTRY}, if
     *         threadfn was not entered within {@link KthreadBridge#DEFAULT_WAIT}
     *         (the wake-up happened: {@link WaitTimedOutException#acted()})
     * @throws KthreadBridgeException with {@link WakeOption#AWAIT_ENTRY}:
     *         {@link ThreadExitedException} if the thread was stopped before
     *         it entered, errno EINTR if a signal interrupted the wait
     */
    public synchronized boolean wake(WakeOption... options) {
        boolean await = false;
        for (WakeOption o : options) {
            await |= Objects.requireNonNull(o, "option") == WakeOption.AWAIT_ENTRY;
        }
        return await ? wakeAndAwaitEntry(KthreadBridge.DEFAULT_WAIT) : wake();
    }

    /**
     * {@code wake(WakeOption.AWAIT_ENTRY)}: returns once threadfn was entered.
     *
     * @return true if that woke the thread, false if it was already running
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws WaitTimedOutException  if threadfn was not entered within
     *         {@link KthreadBridge#DEFAULT_WAIT}; the wake-up happened and
     *         the thread keeps its handle
     * @throws ThreadExitedException  if the thread exited, or was stopped before it entered
     */
    public boolean wakeAndAwaitEntry() {
        return wakeAndAwaitEntry(KthreadBridge.DEFAULT_WAIT);
    }

    /**
     * wake_up_process(), then waits until threadfn was entered or
     * {@code timeout} passed (KB_WAKE_WAIT_ENTRY with an absolute
     * CLOCK_MONOTONIC deadline). A timeout too long for a {@code long} of
     * nanoseconds waits without a limit; a zero or negative one checks once.
     *
     * @param timeout how long to wait for threadfn's entry
     * @return true if that woke the thread, false if it was already running
     * @throws NullPointerException   if {@code timeout} is null
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws WaitTimedOutException  if threadfn was not entered in time; the
     *         wake-up happened ({@link WaitTimedOutException#acted()}) and
     *         the thread keeps its handle
     * @throws ThreadExitedException  if the thread exited, or was stopped before it entered
     * @throws KthreadBridgeException errno EINTR if a signal interrupted the wait
     */
    public synchronized boolean wakeAndAwaitEntry(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureLive("wake");
        return bridge.call(fd -> Shim.wakeAwaitingEntry(fd, handle, pid, Shim.deadline(timeout)));
    }

    /**
     * kthread_park(): returns once the thread is parked. A never-woken
     * thread is parked before threadfn; {@link #unpark()} then enters it.
     *
     * @throws ThreadBusyException   if it is already parked (EBUSY)
     * @throws ThreadExitedException  if it exited or may exit by itself before
     *         parking (a woken {@link Workload.Exit}): ESRCH
     */
    public synchronized void park() {
        ensureLive("park");
        bridge.call(fd -> {
            Shim.park(fd, handle, pid);
            return null;
        });
    }

    /**
     * kthread_unpark() if the module parked it; returns whether it was parked.
     * A thread parked before it was ever woken enters threadfn now.
     *
     * @return true if it was parked and is now unparked, false if it was not parked
     * @throws IllegalStateException if the thread was stopped or its bridge closed
     */
    public synchronized boolean unpark() {
        ensureLive("unpark");
        return bridge.call(fd -> Shim.unpark(fd, handle, pid));
    }

    /**
     * Sets the scheduling policy (sched_set_normal(), sched_set_fifo(),
     * sched_set_fifo_low()).
     *
     * @param scheduling the policy to set
     * @throws NullPointerException   if {@code scheduling} is null
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws PermissionDeniedException EPERM for {@link Scheduling#fifo()},
     *         {@link Scheduling#fifoLow()} or a nice below 0 when the bridge
     *         was opened without CAP_SYS_NICE
     * @throws KthreadBridgeException errno ESRCH once threadfn returned, or
     *         at any time for a woken {@link Workload.Exit} (it may be gone)
     */
    public synchronized void setScheduling(Scheduling scheduling) {
        Objects.requireNonNull(scheduling, "scheduling");
        ensureLive("set the scheduling of");
        bridge.call(fd -> {
            Shim.sched(fd, handle, pid, scheduling);
            return null;
        });
    }

    /** Highest CPU number {@link #setAffinity} accepts: the module takes a mask of KB_MASK_MAX bytes. */
    public static final int AFFINITY_CPU_MAX = 1024 * 8 - 1;

    /**
     * set_cpus_allowed_ptr() to {@code cpus}.
     *
     * @param cpus the CPU numbers the thread may run on, not empty
     * @throws NullPointerException     if {@code cpus} is null
     * @throws IllegalStateException    if the thread was stopped or its bridge closed
     * @throws IllegalArgumentException if cpus is empty or holds a number outside 0..{@value #AFFINITY_CPU_MAX}
     * @throws PermissionDeniedException EPERM if it holds a CPU the calling thread may not run on and
     *                                  the bridge was opened without CAP_SYS_NICE
     * @throws KthreadBridgeException   errno EINVAL if no CPU in it is online, ESRCH once threadfn returned
     *                                  (or at any time for a woken {@link Workload.Exit})
     */
    public synchronized void setAffinity(Set<Integer> cpus) {
        Objects.requireNonNull(cpus, "cpus");
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("cpus must not be empty");
        }
        for (Integer cpu : cpus) {
            if (cpu == null || cpu < 0 || cpu > AFFINITY_CPU_MAX) {
                throw new IllegalArgumentException("cpu must be 0.." + AFFINITY_CPU_MAX + ", got " + cpu);
            }
        }
        Set<Integer> copy = Set.copyOf(cpus);
        ensureLive("set the affinity of");
        bridge.call(fd -> {
            Shim.affinity(fd, handle, pid, copy);
            return null;
        });
    }

    /**
     * Wakes a {@link Workload.Wait} thread (KB_IOC_SIGNAL) and returns at
     * once; {@link SignalResult#runningNanos()} is 0.
     *
     * @return the signal's number and the kernel's timestamp of it
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws KthreadBridgeException errno EINVAL for other workloads, EAGAIN
     *         while it is not in its wait loop (never woken, or parked), ESRCH once it exited
     */
    public synchronized SignalResult signal() {
        ensureLive("signal");
        return bridge.call(fd -> Shim.signal(fd, handle, pid, false, 0));
    }

    /**
     * As {@link #signal()}, but returns once the thread ran again
     * (KB_SIGNAL_WAIT), with the kernel's running timestamp.
     *
     * @return the signal's number and timestamps; {@link SignalResult#latency()} is the wake-up latency
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws WaitTimedOutException  if it did not run within
     *         {@link KthreadBridge#DEFAULT_WAIT} (the signal was sent)
     * @throws KthreadBridgeException as {@link #signal()};
     *         {@link ThreadExitedException} if it was stopped first
     */
    public SignalResult signalAndWait() {
        return signalAndWait(KthreadBridge.DEFAULT_WAIT);
    }

    /**
     * As {@link #signal()}, but returns once the thread ran again or
     * {@code timeout} passed (KB_SIGNAL_WAIT with an absolute CLOCK_MONOTONIC
     * deadline; a timeout too long for a {@code long} of nanoseconds waits
     * without a limit).
     *
     * @param timeout how long to wait for the thread to run
     * @return the signal's number and timestamps; {@link SignalResult#latency()} is the wake-up latency
     * @throws NullPointerException   if {@code timeout} is null
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws WaitTimedOutException  if it did not run in time; the signal was
     *         sent ({@link WaitTimedOutException#acted()})
     * @throws KthreadBridgeException as {@link #signal()};
     *         {@link ThreadExitedException} if it was stopped first, errno
     *         EINTR if a signal interrupted the wait
     */
    public synchronized SignalResult signalAndWait(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureLive("signal");
        return bridge.call(fd -> Shim.signal(fd, handle, pid, true, Shim.deadline(timeout)));
    }

    /**
     * The thread's whole affinity mask, as the kernel holds it (the task's
     * cpus_mask, read as sched_getaffinity() reads it), for any number of
     * CPUs: one call to the module.
     *
     * @return the CPUs it may run on, ascending, unmodifiable
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws KthreadBridgeException if the module refuses the call
     */
    public synchronized Set<Integer> affinity() {
        ensureLive("read the affinity of");
        return bridge.call(fd -> Shim.cpus(fd, handle, pid));
    }

    /**
     * Whether the thread is still alive: not stopped, and (asking the
     * module) its threadfn has not returned. An EXIT workload that
     * returned by itself is not alive, though its handle stays until
     * {@link #stop()}. One call to the module unless the end is known.
     *
     * @return true until the thread has exited
     * @throws KthreadBridgeException if the module refuses the call
     */
    public boolean isAlive() {
        if (stopped || end != null) {
            return false;
        }
        try {
            return !info().hasExited();
        } catch (IllegalStateException stoppedOrClosedMeanwhile) {
            return false;
        }
    }

    /**
     * Completes when the thread ends: from the module's exit event (its
     * threadfn returned, or it was stopped without ever running), or from
     * {@link #stop()}'s result, whichever comes first; both give the same
     * event. The events are read by one daemon thread per bridge, started
     * by the first call. If the bridge is closed first the future
     * completes exceptionally with {@link IllegalStateException}; if the
     * module dropped the event (queue full, see
     * {@link KthreadBridge#lostExitEvents()}) it completes only on
     * {@link #stop()} or close. Completing the returned future does not
     * affect the thread or other callers' futures.
     *
     * @return a new future on each call, completed with how the thread
     *         ended: the same {@link StopResult} {@link #stop()} returned,
     *         or, from the module's event, one without
     *         {@link StopResult#info() info}
     */
    @SuppressWarnings("unchecked")
    public CompletableFuture<StopResult> onExit() {
        CompletableFuture<StopResult> f = exit;
        if (f == null) {
            CompletableFuture<StopResult> made = new CompletableFuture<>();
            Object witness = EXIT.compareAndExchange(this, null, made);
            f = witness == null ? made : (CompletableFuture<StopResult>) witness;
            // the future is published before end is read, and finish() sets end before it reads
            // exit: whichever comes second sees the other
            settle(f, end);
        }
        if (!f.isDone()) {
            bridge.startEventPoller();
        }
        return f.copy();
    }

    void completeExit(StopResult event) {
        finish(event);
    }

    /** The module's exit event for this thread (the event thread, under the bridge's exitLock). */
    void exitEventArrived(StopResult fromEvent) {
        if (stopping) {
            eventDuringStop = fromEvent; // stop() completes the future with its own result
            return;
        }
        finish(fromEvent);
    }

    void failExit(Throwable error) {
        finish(error);
    }

    boolean exitDone() {
        return end != null;
    }

    private void finish(Object how) {
        if (END.compareAndSet(this, null, how)) {
            settle(exit, how);
        }
    }

    private static void settle(@Nullable CompletableFuture<StopResult> f, @Nullable Object how) {
        if (f == null || how == null) {
            return;
        }
        if (how instanceof StopResult e) {
            f.complete(e);
        } else {
            f.completeExceptionally((Throwable) how);
        }
    }

    /**
     * The module's current view of the thread (KB_IOC_INFO).
     *
     * @return a snapshot of the thread's status, state, counters and timestamps
     * @throws IllegalStateException  if the thread was stopped or its bridge closed
     * @throws KthreadBridgeException if the module refuses the call, e.g.
     *         {@link NoSuchThreadException} for a handle it no longer knows
     */
    public synchronized ThreadInfo info() {
        ensureLive("info");
        return bridge.call(fd -> Shim.info(fd, handle, pid));
    }

    /**
     * kthread_stop(): waits until the thread is gone and returns what
     * threadfn returned, or {@link StopResult.NeverRan} if it never ran.
     * The handle is released.
     *
     * @return {@link StopResult.Returned} with threadfn's value if it was
     *         entered, else {@link StopResult.NeverRan}; either with the final {@link ThreadInfo}
     * @throws IllegalStateException  if it was already stopped, or its bridge is closed
     * @throws NoSuchThreadException  if the module no longer knows the handle; the
     *         thread counts as stopped afterwards
     * @throws KthreadBridgeException if the module refuses the call otherwise
     */
    public synchronized StopResult stop() {
        ensureLive("stop");
        StopResult r;
        int fd = bridge.enter();
        stopping = true;
        try {
            r = Shim.stop(fd, handle, pid);
        } catch (NoSuchThreadException e) {
            // the handle is gone in the kernel either way
            stopFailed();
            markStopped("stop (handle unknown to the module)", true);
            throw e;
        } catch (RuntimeException e) {
            stopFailed();
            throw e;
        } finally {
            bridge.leave();
        }
        // the exit future completes here, with this result: the module's event for it is not awaited
        completeExit(r);
        stopResult = r;
        markStopped("stop()", false);
        return r;
    }

    /** stop() did not stop: an event that came meanwhile completes the future after all. */
    private void stopFailed() {
        stopping = false;
        StopResult e = eventDuringStop;
        if (e != null) {
            finish(e);
        }
    }

    /** Stopped through {@link KthreadBridge#stopAll}: the exit future is left to the module's event. */
    void markStoppedByBatch(StopResult r) {
        stopResult = r;
        markStopped("stopAll()", true);
    }

    void markStoppedUnknown() {
        markStopped("stopAll() (handle unknown to the module)", true);
    }

    boolean belongsTo(KthreadBridge b) {
        return bridge == b;
    }

    /**
     * The result of {@link #stop()} or {@link KthreadBridge#stopAll}.
     *
     * @return the stop result, or null if the thread was not stopped by either
     */
    public @Nullable StopResult stopResult() {
        return stopResult;
    }

    /** Stops the thread if it is not stopped yet. */
    @Override
    public synchronized void close() {
        if (!stopped && !bridge.isClosed()) {
            try {
                stop();
            } catch (IllegalStateException e) {
                // the bridge closed meanwhile: the module stopped the thread
            }
        }
    }

    void markStoppedByClose() {
        if (!stopped) {
            stoppedBy = "closing its bridge";
            stopped = true;
        }
    }

    /** awaitEvent: the exit future is left to the module's event (or to closing the bridge). */
    private void markStopped(String how, boolean awaitEvent) {
        stoppedBy = how;
        stopped = true;
        if (awaitEvent) {
            bridge.forgetAwaitingEvent(this);
        } else {
            bridge.forget(handle);
        }
    }

    private void ensureLive(String what) {
        if (stopped) {
            throw new IllegalStateException("cannot " + what + " kernel thread " + this
                    + ": already stopped by " + stoppedBy);
        }
    }

    @Override
    public String toString() {
        return "KernelThread[handle " + handle + ", pid " + pid + ", \"" + spec.name() + "\"]";
    }
}
