package dev.kthreadbridge;

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
    private volatile String stoppedBy;
    private volatile StopResult stopResult;

    KernelThread(KthreadBridge bridge, int handle, int pid, ThreadSpec spec) {
        this.bridge = bridge;
        this.handle = handle;
        this.pid = pid;
        this.spec = spec;
    }

    /** The module's handle for it, per open file, >= 1. */
    public int handle() {
        return handle;
    }

    /** The kernel thread's pid. */
    public int pid() {
        return pid;
    }

    /** The name it was created with. */
    public String name() {
        return spec.name();
    }

    public Workload workload() {
        return spec.workload();
    }

    public ThreadSpec spec() {
        return spec;
    }

    /** Whether it was stopped, by {@link #stop()} or by closing its bridge. */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * wake_up_process(): true if that woke the thread, false if it was
     * already running. The first wake lets a created thread enter threadfn.
     */
    public synchronized boolean wake() {
        ensureLive("wake");
        return bridge.call(fd -> Shim.wake(fd, handle));
    }

    /** The module's current view of the thread (KB_IOC_INFO). */
    public synchronized ThreadInfo info() {
        ensureLive("info");
        return bridge.call(fd -> Shim.info(fd, handle));
    }

    /**
     * kthread_stop(): waits until the thread is gone and returns what
     * threadfn returned, or {@link StopResult.NeverRan} if it never ran.
     * The handle is released.
     *
     * @throws IllegalStateException if it was already stopped
     */
    public synchronized StopResult stop() {
        ensureLive("stop");
        StopResult r = bridge.call(fd -> {
            try {
                return Shim.stop(fd, handle);
            } catch (NoSuchThreadException e) {
                // the handle is gone in the kernel either way
                markStopped("stop (handle unknown to the module)");
                throw e;
            }
        });
        stopResult = r;
        markStopped("stop()");
        return r;
    }

    /** The result of {@link #stop()}, or null if not stopped by it. */
    public StopResult stopResult() {
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

    private void markStopped(String how) {
        stoppedBy = how;
        stopped = true;
        bridge.forget(handle);
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
