package dev.kthreadbridge.bench;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.Workload;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;

/**
 * Parts of the Java API that were being added while the experiments were
 * written (WAIT + signalAndWait, setScheduling, benchCycles), looked up by
 * name at run time so the CLI builds and runs against either API state; an
 * experiment whose call is missing says so in its report instead of
 * measuring something else.
 */
final class Extras {

    private Extras() {
    }

    private static Optional<Method> method(Class<?> c, String name, Class<?>... params) {
        try {
            return Optional.of(c.getMethod(name, params));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Optional<Class<?>> type(String name) {
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Workload.waitForSignal(), if the API has it. */
    static Optional<Workload> waitWorkload() {
        return method(Workload.class, "waitForSignal").map(m -> (Workload) invoke(m, null));
    }

    static boolean hasSignalAndWait() {
        return method(KernelThread.class, "signalAndWait").isPresent();
    }

    /** KernelThread.signalAndWait().latency() in ns. */
    static long signalAndWaitNanos(KernelThread t) {
        Method m = method(KernelThread.class, "signalAndWait").orElseThrow();
        Object r = invoke(m, t);
        Duration d = (Duration) invoke(method(r.getClass(), "latency").orElseThrow(), r);
        return d.toNanos();
    }

    /** Scheduling.fifo() setter, if the API has setScheduling. */
    static boolean hasScheduling() {
        return fifoMethod().isPresent();
    }

    private static Optional<Method[]> fifoMethod() {
        Optional<Class<?>> s = type("dev.kthreadbridge.Scheduling");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Optional<Method> fifo = method(s.get(), "fifo");
        Optional<Method> set = method(KernelThread.class, "setScheduling", s.get());
        return fifo.isPresent() && set.isPresent() ? Optional.of(new Method[] {fifo.get(), set.get()})
                : Optional.empty();
    }

    static void setFifo(KernelThread t) {
        Method[] m = fifoMethod().orElseThrow();
        invoke(m[1], t, invoke(m[0], null));
    }

    static boolean hasBenchCycles() {
        return method(KthreadBridge.class, "benchCycles", int.class).isPresent();
    }

    /** KthreadBridge.benchCycles(count): elapsed, min, max ns. */
    static long[] benchCycles(KthreadBridge b, int count) {
        Object r = invoke(method(KthreadBridge.class, "benchCycles", int.class).orElseThrow(), b, count);
        long[] out = new long[3];
        String[] names = {"elapsed", "min", "max"};
        for (int i = 0; i < 3; i++) {
            out[i] = ((Duration) invoke(method(r.getClass(), names[i]).orElseThrow(), r)).toNanos();
        }
        return out;
    }

    static boolean hasAwaitEntry() {
        return method(KernelThread.class, "wakeAndAwaitEntry").isPresent();
    }

    /**
     * Wakes t and returns once threadfn was entered: KernelThread.wakeAndAwaitEntry()
     * (KB_WAKE_WAIT_ENTRY) if the API has it, else wake() and polling info()
     * for ENTERED every 50 us (at most 10 s). Without this a stop() right
     * after wake() often comes before the woken thread ran, and kthread()
     * then never calls threadfn (no wake->entry sample).
     */
    static void wakeAndAwaitEntry(KernelThread t) throws InterruptedException {
        Optional<Method> m = method(KernelThread.class, "wakeAndAwaitEntry");
        if (m.isPresent()) {
            invoke(m.get(), t);
            return;
        }
        t.wake();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!t.info().has(dev.kthreadbridge.ThreadStatus.ENTERED)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(t + " did not enter threadfn within 10 s of its wake-up");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
    }
}
