package dev.kthreadbridge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
 * thread-safe. Each native call runs under the read side of a
 * read-write lock; {@link #close()} takes the write side, so the file
 * descriptor is never closed while a call on it is in flight, and, since
 * a closed bridge never calls native code again, a descriptor number the
 * process reuses later is never touched. {@code close()} may be called
 * any number of times, from any thread, also concurrently.
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

    private final Path path;
    private final int fd;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Integer, KernelThread> threads = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private KthreadBridge(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens {@link #DEFAULT_PATH}. */
    public static KthreadBridge open() {
        return open(DEFAULT_PATH);
    }

    /**
     * Opens the device at {@code path}.
     *
     * @throws DeviceUnavailableException  if there is no such device (module not loaded)
     * @throws PermissionDeniedException   if the caller lacks CAP_SYS_ADMIN or access to the node
     * @throws LibraryUnavailableException if the native shim cannot be used
     */
    public static KthreadBridge open(Path path) {
        Objects.requireNonNull(path, "path");
        Shim.load();
        return new KthreadBridge(path, Shim.open(path.toString()));
    }

    /** The device path this bridge opened. */
    public Path path() {
        return path;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** The module's ABI version and features (KB_IOC_VERSION). */
    public AbiVersion abiVersion() {
        return call(Shim::abiVersion);
    }

    /**
     * kthread_create(): the thread exists but stays stopped (threadfn not
     * entered) until {@link KernelThread#wake()}.
     */
    public KernelThread create(ThreadSpec spec) {
        return create(spec, false);
    }

    /** kthread_run(): kthread_create() and wake_up_process() in one. */
    public KernelThread run(ThreadSpec spec) {
        return create(spec, true);
    }

    private KernelThread create(ThreadSpec spec, boolean run) {
        Objects.requireNonNull(spec, "spec");
        return call(fd -> {
            Shim.Created c = Shim.create(fd, spec, run);
            KernelThread t = new KernelThread(this, c.handle(), c.pid(), spec);
            threads.put(c.handle(), t);
            return t;
        });
    }

    /**
     * The threads this bridge's file owns (KB_IOC_LIST), in ascending handle
     * order: every thread created and not yet stopped, also those whose
     * threadfn has returned.
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
     * Closes the device file: the module stops every thread it still owns,
     * and their {@link KernelThread} objects become stopped. Idempotent.
     */
    @Override
    public void close() {
        Lock w = lock.writeLock();
        w.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Shim.close(fd);
            for (KernelThread t : threads.values()) {
                t.markStoppedByClose();
            }
            threads.clear();
        } finally {
            w.unlock();
        }
    }

    @Override
    public String toString() {
        return "KthreadBridge[" + path + (closed ? ", closed" : ", fd " + fd) + "]";
    }

    // ---- for KernelThread ----

    /** Runs {@code op} with the fd, under the read lock, if the bridge is open. */
    <T> T call(IntFunction<T> op) {
        Lock r = lock.readLock();
        r.lock();
        try {
            if (closed) {
                throw new IllegalStateException("kthread bridge " + path + " is closed");
            }
            return op.apply(fd);
        } finally {
            r.unlock();
        }
    }

    void forget(int handle) {
        threads.remove(handle);
    }

    /** Test hook: WAKE on a raw handle this bridge may not own. */
    boolean wakeHandle(int handle) {
        return call(fd -> Shim.wake(fd, handle));
    }
}
