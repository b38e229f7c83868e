// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.internal.Shim;
import dev.kthreadbridge.internal.HandleMap;


import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open file of the kthread_bridge device: creates, wakes, stops and
 * inspects real Linux kernel threads (kthread_create, wake_up_process,
 * kthread_stop, kthread_run).
 *
 * <pre>{@code
 * try (KthreadBridge bridge = KthreadBridge.open();
 *      KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "demo"))) {
 *     t.wake();
 *     StopResult r = t.stop();
 * }
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * A bridge may be shared by any number of Java threads; every method is
 * thread-safe. Each native call is counted in and out of a gate;
 * {@link #close()} shuts the gate and waits until no call is in flight,
 * so the file descriptor is never closed while a call on it runs, and,
 * since a closed bridge never calls native code again, a descriptor
 * number the process reuses later is never touched. {@code close()} may
 * be called any number of times, from any thread, also concurrently.
 *
 * <h2>Closing</h2>
 * Closing the bridge closes the device file; the module then stops every
 * thread the file still owns, and every {@link KernelThread} of this
 * bridge reports {@link KernelThread#isStopped() stopped}. Any use of a
 * closed bridge, or of a thread after it was stopped, throws
 * {@link IllegalStateException} before any native call.
 *
 * <h2>Errors</h2>
 * Calls the module refuses throw {@link KthreadBridgeException} (or a
 * subtype) with the errno; a missing or unloadable native library, or
 * native access not enabled, throws {@link LibraryUnavailableException}.
 */
public final class KthreadBridge implements AutoCloseable {

    /** The device path used by {@link #open()}. */
    public static final Path DEFAULT_PATH = Path.of("/dev/kthread_bridge");

    /**
     * How long the waits without a timeout of their own wait:
     * {@link KernelThread#wakeAndAwaitEntry()},
     * {@link KernelThread#signalAndWait()} and
     * {@link #run(ThreadSpec, StartMode)}. Each has an overload that takes
     * the timeout.
     */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final Path path;
    private final int fd;
    /** Threads created and not yet stopped, by handle. */
    private final HandleMap<KernelThread> threads = new HandleMap<>();
    private volatile boolean closed;

    /**
     * The gate: native calls in flight, plus {@link #SHUT} once close()
     * began (no call enters then). One atomic add in and one out per call,
     * where a read-write lock costs several CAS and hold counts.
     */
    @SuppressWarnings("unused") // through CALLS
    private volatile int calls;
    private static final int SHUT = 1 << 30;
    private static final VarHandle CALLS;
    /** Serializes close(); the thread waiting for the gate to empty. */
    private final Object closeLock = new Object();
    private volatile Thread closer;

    static {
        try {
            CALLS = MethodHandles.lookup().findVarHandle(KthreadBridge.class, "calls", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Guards exitWatch, orphans and poller. Until the event reader starts
     * (pollerStarted), no event is read, so create and stop() skip it.
     */
    private final Object exitLock = new Object();
    private volatile boolean pollerStarted;
    /**
     * Threads stopped by stopAll() whose exit event is still expected, by
     * handle; a live thread's event finds it in {@link #threads}.
     */
    private final Map<Integer, KernelThread> exitWatch = new HashMap<>();
    /** Exit events read before their thread was registered (a thread that ended at once), by handle. */
    private final Map<Integer, StopResult> orphans = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, StopResult> eldest) {
            return size() > ORPHANS_MAX;
        }
    };
    private static final int ORPHANS_MAX = 4096;
    /** How long one read of exit events waits, so the poller notices close(). */
    static final int EVENT_POLL_MS = 100;
    private static final int EVENT_BATCH = 64;
    private Thread poller;
    private final AtomicLong lostEvents = new AtomicLong();

    private KthreadBridge(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens {@link #DEFAULT_PATH}.
     *
     * @return an open bridge; close it to stop the threads it still owns
     * @throws DeviceUnavailableException  if there is no such device (module not loaded)
     * @throws PermissionDeniedException   if the caller lacks CAP_SYS_ADMIN (or, with the module's
     *                                     node_access=1, the node's group); its message says what to do
     * @throws LibraryUnavailableException if the native shim cannot be used
     * @throws IncompatibleModuleException if the file is not a kthread_bridge
     *                                     device of {@link AbiVersion#SUPPORTED the ABI this library speaks}
     */
    public static KthreadBridge open() {
        return open(DEFAULT_PATH);
    }

    /**
     * Opens the device at {@code path}.
     *
     * @param path the device node, e.g. {@link #DEFAULT_PATH}
     * @return an open bridge; close it to stop the threads it still owns
     * @throws NullPointerException        if {@code path} is null
     * @throws DeviceUnavailableException  if there is no such device (module not loaded)
     * @throws PermissionDeniedException   if the caller lacks CAP_SYS_ADMIN (or, with the module's
     *                                     node_access=1, the node's group); its message says what to do
     * @throws LibraryUnavailableException if the native shim cannot be used
     * @throws IncompatibleModuleException if the file is not a kthread_bridge
     *                                     device of {@link AbiVersion#SUPPORTED the ABI this library speaks}
     */
    public static KthreadBridge open(Path path) {
        Objects.requireNonNull(path, "path");
        Shim.load();
        int fd = Shim.open(path.toString());
        try {
            checkAbi(path, fd);
        } catch (RuntimeException e) {
            Shim.close(fd);
            throw e;
        }
        return new KthreadBridge(path, fd);
    }

    /**
     * Opens {@code path} without the ABI check: for the host tests, which
     * drive the error paths against a file that is no such device.
     */
    static KthreadBridge openWithoutAbiCheck(Path path) {
        Shim.load();
        return new KthreadBridge(path, Shim.open(path.toString()));
    }

    /** Asks the file for its ABI version before anything else is sent to it. */
    private static void checkAbi(Path path, int fd) {
        String op = "kb_abi_version(" + path + ")";
        AbiVersion abi;
        try {
            abi = Shim.abiVersion(fd);
        } catch (KthreadBridgeException e) {
            throw IncompatibleModuleException.notADevice(op, e.errno(), AbiVersion.SUPPORTED);
        }
        if (abi.version() != AbiVersion.SUPPORTED) {
            throw IncompatibleModuleException.otherVersion(op, abi.version(), AbiVersion.SUPPORTED);
        }
    }

    /**
     * The device path this bridge opened.
     *
     * @return the path passed to {@link #open(Path)}, or {@link #DEFAULT_PATH}
     */
    public Path path() {
        return path;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once the bridge is closed; it cannot be reopened
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The module's ABI version and features (KB_IOC_VERSION).
     *
     * @return the version and feature bits of the loaded module
     * @throws IllegalStateException if the bridge is closed
     */
    public AbiVersion abiVersion() {
        return call(Shim::abiVersion);
    }

    /**
     * kthread_create(): the thread exists but stays stopped (threadfn not
     * entered) until {@link KernelThread#wake()}.
     *
     * @param spec what to create
     * @return the new thread, owned by this bridge
     * @throws NullPointerException   if {@code spec} is null
     * @throws IllegalStateException  if the bridge is closed
     * @throws LimitReachedException  at the module's per-file or global thread limit
     * @throws KthreadBridgeException if the module refuses the spec (EINVAL: a name
     *         of {@value ThreadSpec#NAME_MAX_BYTES} bytes or more, a CPU not online)
     *         or runs out of memory (ENOMEM)
     */
    public KernelThread create(ThreadSpec spec) {
        return create(spec, false);
    }

    /**
     * kthread_run(): kthread_create() and wake_up_process() in one. The
     * thread may not have entered threadfn yet at return; see
     * {@link #run(ThreadSpec, StartMode)}.
     *
     * @param spec what to create
     * @return the new thread, owned by this bridge
     * @throws NullPointerException   if {@code spec} is null
     * @throws IllegalStateException  if the bridge is closed
     * @throws LimitReachedException  at the module's per-file or global thread limit
     * @throws KthreadBridgeException if the module refuses the spec or runs out of memory,
     *         as for {@link #create(ThreadSpec)}
     */
    public KernelThread run(ThreadSpec spec) {
        return create(spec, true);
    }

    /**
     * kthread_run(); with {@link StartMode#AWAIT_ENTRY} returns only once
     * threadfn was entered (KB_CREATE_WAIT_ENTRY), so the thread's info
     * has {@link ThreadStatus#ENTERED} at return.
     *
     * @param spec what to create
     * @param mode when to return: once woken, or once threadfn was entered
     * @return the new thread, owned by this bridge
     * @throws NullPointerException   if {@code spec} or {@code mode} is null
     * @throws IllegalStateException  if the bridge is closed
     * @throws LimitReachedException  at the module's per-file or global thread limit
     * @throws WaitTimedOutException  with {@link StartMode#AWAIT_ENTRY}, if it did
     *         not enter within {@link #DEFAULT_WAIT}: the module stopped it
     *         again, no thread and no handle are left
     * @throws ThreadExitedException  if it was stopped before entering
     */
    public KernelThread run(ThreadSpec spec, StartMode mode) {
        return run(spec, mode, DEFAULT_WAIT);
    }

    /**
     * kthread_run(); with {@link StartMode#AWAIT_ENTRY} returns only once
     * threadfn was entered or {@code timeout} passed (KB_CREATE_WAIT_ENTRY
     * with an absolute CLOCK_MONOTONIC deadline; a timeout too long for a
     * {@code long} of nanoseconds waits without a limit). With
     * {@link StartMode#WOKEN} the timeout is not used.
     *
     * @param spec    what to create
     * @param mode    when to return: once woken, or once threadfn was entered
     * @param timeout how long to wait for threadfn's entry
     * @return the new thread, owned by this bridge
     * @throws NullPointerException   if an argument is null
     * @throws IllegalStateException  if the bridge is closed
     * @throws LimitReachedException  at the module's per-file or global thread limit
     * @throws WaitTimedOutException  if it did not enter in time: the module
     *         stopped it again; no thread, no handle and no exit event are left
     *         ({@link WaitTimedOutException#acted()} is false)
     * @throws ThreadExitedException  if it was stopped before entering
     * @throws KthreadBridgeException errno EINTR if a signal interrupted the
     *         wait (nothing is left either)
     */
    public KernelThread run(ThreadSpec spec, StartMode mode, Duration timeout) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(timeout, "timeout");
        boolean await = mode == StartMode.AWAIT_ENTRY;
        return call(fd -> register(Shim.create(fd, spec, true, await, await ? Shim.deadline(timeout) : 0), spec));
    }

    private KernelThread create(ThreadSpec spec, boolean run) {
        Objects.requireNonNull(spec, "spec");
        int fd = enter();
        try {
            return register(Shim.create(fd, spec, run), spec);
        } finally {
            leave();
        }
    }

    /**
     * Inside the gate. The put comes before the pollerStarted read, and
     * startEventPoller() writes it before the reader starts: either this
     * sees the reader, or the reader finds the thread in {@link #threads}.
     */
    private KernelThread register(Shim.Created c, ThreadSpec spec) {
        KernelThread t = new KernelThread(this, c.handle(), c.pid(), spec);
        threads.put(c.handle(), t);
        if (pollerStarted) {
            synchronized (exitLock) {
                StopResult early = orphans.remove(c.handle());
                if (early != null) {
                    t.completeExit(early);
                }
            }
        }
        return t;
    }

    /** Most items of one batch call (KB_BATCH_MAX). */
    public static final int BATCH_MAX = 4096;

    /**
     * kthread_create() of {@code count} threads from one spec in one call
     * (KB_IOC_BATCH). Every item is tried; the ones that failed carry
     * their errno (e.g. EMFILE at the per-file limit) and create nothing.
     *
     * @param spec  what to create, the same for every thread
     * @param count how many threads, 1..{@value #BATCH_MAX}
     * @return one item per thread, its value the new {@link KernelThread}
     * @throws NullPointerException     if {@code spec} is null
     * @throws IllegalArgumentException if count is outside 1..{@value #BATCH_MAX}
     * @throws IllegalStateException    if the bridge is closed
     * @throws KthreadBridgeException   if the call as a whole fails (e.g. EINVAL for a bad spec)
     */
    public BatchResult<KernelThread> createAll(ThreadSpec spec, int count) {
        return createAll(spec, count, false);
    }

    /**
     * As {@link #createAll}, each thread also woken (kthread_run()).
     *
     * @param spec  what to create, the same for every thread
     * @param count how many threads, 1..{@value #BATCH_MAX}
     * @return one item per thread, its value the new {@link KernelThread}
     * @throws NullPointerException     if {@code spec} is null
     * @throws IllegalArgumentException if count is outside 1..{@value #BATCH_MAX}
     * @throws IllegalStateException    if the bridge is closed
     * @throws KthreadBridgeException   if the call as a whole fails (e.g. EINVAL for a bad spec)
     */
    public BatchResult<KernelThread> runAll(ThreadSpec spec, int count) {
        return createAll(spec, count, true);
    }

    private BatchResult<KernelThread> createAll(ThreadSpec spec, int count, boolean run) {
        Objects.requireNonNull(spec, "spec");
        checkCount(count, BATCH_MAX, "batch count (KB_BATCH_MAX)");
        int op = run ? Shim.Op.BATCH_RUN : Shim.Op.BATCH_CREATE;
        return call(fd -> {
            List<Shim.Item> items = Shim.batch(fd, op, spec, null, count);
            List<BatchResult.Item<KernelThread>> out = new ArrayList<>(count);
            for (int i = 0; i < items.size(); i++) {
                Shim.Item it = items.get(i);
                if (it.error() == 0) {
                    KernelThread t = register(new Shim.Created(it.handle(), it.value()), spec);
                    out.add(new BatchResult.Item<>(i, t, t, null));
                } else {
                    out.add(new BatchResult.Item<>(i, null, null, itemError(op, i, -it.error())));
                }
            }
            return new BatchResult<>(out);
        });
    }

    /**
     * wake_up_process() on each thread in one call per {@value #BATCH_MAX}
     * threads; an item's value is whether that woke the thread.
     *
     * @param threads the threads to wake, all of this bridge, not empty
     * @return one item per thread, in the collection's iteration order
     * @throws NullPointerException     if {@code threads} is or holds null
     * @throws IllegalArgumentException if {@code threads} is empty or a thread belongs to another bridge
     * @throws IllegalStateException    if a thread was already stopped, or the bridge is closed
     * @throws KthreadBridgeException   if a batch call as a whole fails
     */
    public BatchResult<Boolean> wakeAll(Collection<KernelThread> threads) {
        return onEach(threads, "wake", Shim.Op.BATCH_WAKE, (t, it) -> it.value() == 1);
    }

    /**
     * kthread_stop() of each thread in one call per {@value #BATCH_MAX}
     * threads. The results' {@link StopResult#info() info} is null: the
     * batch call reports only the value and the status bits. Each thread
     * is stopped afterwards (also one the module did not know: ENOENT);
     * its {@link KernelThread#onExit()} completes from the module's exit
     * event.
     *
     * @param threads the threads to stop, all of this bridge, not empty
     * @return one item per thread, in the collection's iteration order
     * @throws NullPointerException     if {@code threads} is or holds null
     * @throws IllegalArgumentException if {@code threads} is empty or a thread belongs to another bridge
     * @throws IllegalStateException    if a thread was already stopped, or the bridge is closed
     * @throws KthreadBridgeException   if a batch call as a whole fails
     */
    public BatchResult<StopResult> stopAll(Collection<KernelThread> threads) {
        return onEach(threads, "stop", Shim.Op.BATCH_STOP, (t, it) -> {
            if (it.error() != 0) {
                if (-it.error() == Errno.ENOENT.number()) {
                    t.markStoppedUnknown();
                }
                return null;
            }
            StopResult r = Shim.stopResult(it.value(), it.status(), 0, null);
            t.markStoppedByBatch(r);
            return r;
        });
    }

    /**
     * WAKE or STOP on each thread, in calls of up to {@value #BATCH_MAX};
     * {@code result} sees every item and gives the value of one that succeeded.
     */
    private <T> BatchResult<T> onEach(Collection<KernelThread> threads, String what, int op,
                                      BiFunction<KernelThread, Shim.Item, T> result) {
        List<KernelThread> list = checkThreads(threads, what);
        return call(fd -> {
            List<BatchResult.Item<T>> out = new ArrayList<>(list.size());
            for (int from = 0; from < list.size(); from += BATCH_MAX) {
                List<KernelThread> chunk = list.subList(from, Math.min(list.size(), from + BATCH_MAX));
                List<Shim.Item> items = Shim.batch(fd, op, null, handles(chunk), chunk.size());
                for (int i = 0; i < items.size(); i++) {
                    Shim.Item it = items.get(i);
                    KernelThread t = chunk.get(i);
                    T value = result.apply(t, it);
                    out.add(it.error() == 0 ? new BatchResult.Item<>(from + i, t, value, null)
                            : new BatchResult.Item<>(from + i, t, null, itemError(op, from + i, -it.error())));
                }
            }
            return new BatchResult<>(out);
        });
    }

    /**
     * The module's own lifecycle loop, {@code count} times: kthread_create()
     * of an idle thread, wake_up_process(), kthread_stop(), with no user
     * space in between (KB_IOC_BENCH). The floor under the same cycle
     * driven through this API.
     *
     * @param count how many cycles, 1..{@value KernelCycleBench#MAX_COUNT}
     * @return the total, fastest and slowest cycle as the module timed them
     * @throws IllegalArgumentException if count is outside 1..{@value KernelCycleBench#MAX_COUNT}
     * @throws IllegalStateException    if the bridge is closed
     * @throws KthreadBridgeException   errno EINTR if a fatal signal interrupted the loop
     */
    public KernelCycleBench benchCycles(int count) {
        checkCount(count, KernelCycleBench.MAX_COUNT, "bench count (KB_BENCH_MAX)");
        return call(fd -> Shim.benchCycles(fd, count));
    }

    /**
     * Exit events the module dropped because its queue was full, as read so far.
     *
     * @return the count of dropped events reported with the events read; 0 before
     *         any {@link KernelThread#onExit()} started the reader
     */
    public long lostExitEvents() {
        return lostEvents.get();
    }

    private static void checkCount(int count, int max, String what) {
        if (count < 1 || count > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + ", got " + count);
        }
    }

    private List<KernelThread> checkThreads(Collection<KernelThread> threads, String what) {
        Objects.requireNonNull(threads, "threads");
        List<KernelThread> list = List.copyOf(threads);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no threads to " + what);
        }
        for (KernelThread t : list) {
            if (!t.belongsTo(this)) {
                throw new IllegalArgumentException(t + " belongs to another bridge");
            }
            if (t.isStopped()) {
                throw new IllegalStateException("cannot " + what + " kernel thread " + t + ": already stopped");
            }
        }
        return list;
    }

    private static int[] handles(List<KernelThread> threads) {
        return threads.stream().mapToInt(KernelThread::handle).toArray();
    }

    private static KthreadBridgeException itemError(int op, int index, int errno) {
        String name = op == Shim.Op.BATCH_CREATE ? "create" : op == Shim.Op.BATCH_RUN ? "run"
                : op == Shim.Op.BATCH_WAKE ? "wake" : "stop";
        return Shim.error("kb_batch(" + name + ", item " + index + ")", errno, false);
    }

    /**
     * The threads this bridge's file owns (KB_IOC_LIST), in ascending handle
     * order: every thread created and not yet stopped, also those whose
     * threadfn has returned.
     *
     * @return an unmodifiable list of this bridge's threads not yet stopped
     * @throws IllegalStateException if the bridge is closed
     */
    public List<KernelThread> threads() {
        int[] handles = call(Shim::list);
        List<KernelThread> out = new ArrayList<>(handles.length);
        for (int h : handles) {
            KernelThread t = threads.get(h);
            if (t != null) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The thread of this bridge with that pid, if any: a thread not
     * stopped yet, looked up among this bridge's threads (no call to the
     * module). The pid compared is the one the thread was created with;
     * a pid names a thread only while it is alive (the module reports 0
     * once it has exited, and the kernel may give the number to another
     * process then), so check {@link KernelThread#isAlive()} when it matters.
     *
     * @param pid a process id, e.g. from /proc or {@code ps}
     * @return the thread, or empty if no live thread of this bridge has it
     */
    public Optional<KernelThread> threadByPid(int pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        for (KernelThread t : threads.values()) {
            if (t.pid() == pid && !t.isStopped()) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Closes the device file: the module stops every thread it still owns,
     * and their {@link KernelThread} objects become stopped. Idempotent.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            shutGate();
            closed = true;
            boolean polling;
            synchronized (exitLock) {
                polling = poller != null;
            }
            if (polling) {
                drainEvents();
            }
            Shim.close(fd);
            for (KernelThread t : threads.values()) {
                t.markStoppedByClose();
            }
            synchronized (exitLock) {
                IllegalStateException gone = new IllegalStateException(
                        "kthread bridge " + path + " closed before the thread's exit event was read");
                failPending(gone);
                orphans.clear();
                threads.clear();
            }
        }
    }

    /** Shuts the gate and waits until the calls in flight have left it. */
    private void shutGate() {
        closer = Thread.currentThread();
        CALLS.getAndAdd(this, SHUT);
        boolean interrupted = false;
        while (((int) CALLS.getVolatile(this) & ~SHUT) != 0) {
            LockSupport.parkNanos(this, 10_000_000L);
            interrupted |= Thread.interrupted();
        }
        closer = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "KthreadBridge[" + path + (closed ? ", closed" : ", fd " + fd) + "]";
    }

    // ---- for KernelThread ----

    /** Runs {@code op} with the fd inside the gate, if the bridge is open. */
    <T> T call(IntFunction<T> op) {
        int fd = enter();
        try {
            return op.apply(fd);
        } finally {
            leave();
        }
    }

    /**
     * Enters the gate and returns the fd, or throws IllegalStateException if
     * the bridge is closed; every successful enter() is paired with a
     * leave() in a finally block. call() in the form the hot paths (create,
     * wake, stop) use, without a lambda.
     */
    int enter() {
        if (((int) CALLS.getAndAdd(this, 1) & SHUT) != 0) {
            leave();
            throw new IllegalStateException("kthread bridge " + path + " is closed");
        }
        return fd;
    }

    void leave() {
        if ((int) CALLS.getAndAdd(this, -1) == SHUT + 1) {
            LockSupport.unpark(closer); // the last call out of a shut gate
        }
    }

    /** Starts the exit event reader once, unless closed. */
    void startEventPoller() {
        synchronized (exitLock) {
            if (poller != null || closed) {
                return;
            }
            pollerStarted = true;
            poller = Thread.ofPlatform().daemon().name("kthread-bridge-events-" + fd).unstarted(this::pollEvents);
            poller.start();
        }
    }

    private void pollEvents() {
        while (true) {
            List<Shim.RawEvent> events;
            try {
                events = call(fd -> Shim.readEvents(fd, EVENT_BATCH, EVENT_POLL_MS));
            } catch (IllegalStateException closedMeanwhile) {
                return;
            } catch (KthreadBridgeException e) {
                if (e.errno() == Errno.EINTR.number()) {
                    continue;
                }
                failAll(e);
                return;
            } catch (RuntimeException | Error e) {
                failAll(e);
                return;
            }
            dispatch(events);
        }
    }

    /** With the gate shut, before closing: what is already queued still completes its futures. */
    private void drainEvents() {
        try {
            List<Shim.RawEvent> events;
            do {
                events = Shim.readEvents(fd, EVENT_BATCH, 0);
                dispatch(events);
            } while (!events.isEmpty());
        } catch (RuntimeException e) {
            // closing anyway: the futures fail below
        }
    }

    private void dispatch(List<Shim.RawEvent> events) {
        synchronized (exitLock) {
            for (Shim.RawEvent raw : events) {
                lostEvents.addAndGet(Integer.toUnsignedLong(raw.lost()));
                if (raw.type() != Shim.Op.EVENT_EXIT) {
                    continue;
                }
                KernelThread t = threads.get(raw.handle());
                if (t == null) {
                    t = exitWatch.remove(raw.handle());
                }
                if (t != null) {
                    t.exitEventArrived(raw.end());
                } else {
                    orphans.put(raw.handle(), raw.end());
                }
            }
        }
    }

    private void failAll(Throwable error) {
        synchronized (exitLock) {
            failPending(error);
            poller = null; // the next onExit() tries again
        }
    }

    /** Under exitLock: every future still waiting for an event fails. */
    private void failPending(Throwable error) {
        for (KernelThread t : threads.values()) {
            t.failExit(error);
        }
        for (KernelThread t : exitWatch.values()) {
            t.failExit(error);
        }
        exitWatch.clear();
    }

    /** stop() took the handle, and completed the exit future itself. */
    void forget(int handle) {
        threads.remove(handle);
    }

    /**
     * stopAll() took the handle; the exit future is left to the module's
     * event. The thread moves to exitWatch before it leaves threads, so the
     * reader finds it in one of the two.
     */
    void forgetAwaitingEvent(KernelThread t) {
        synchronized (exitLock) {
            if (!t.exitDone()) {
                exitWatch.put(t.handle(), t);
            }
        }
        threads.remove(t.handle());
    }

    /** Test hook: WAKE on a raw handle this bridge may not own. */
    boolean wakeHandle(int handle) {
        return call(fd -> Shim.wake(fd, handle, 0));
    }
}
