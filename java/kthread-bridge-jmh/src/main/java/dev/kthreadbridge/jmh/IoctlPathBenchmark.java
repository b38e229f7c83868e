// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.jmh;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * One syscall the kernel answers at once — the shim's
 * {@code kb_ioctl(fd, UNKNOWN, NULL)} on /dev/null, which returns -ENOTTY —
 * reached five ways in one JMH run, so the ratios come from one machine
 * state:
 *
 * <ul>
 *   <li>{@code c}: a C loop of {@value #LOOP} calls inside libkbjni (JMH divides by it): the floor;</li>
 *   <li>{@code ffm}: the project's jextract FFM bindings ({@code kthread_bridge_shim_h.kb_ioctl});</li>
 *   <li>{@code jni}: one JNI call per kb_ioctl;</li>
 *   <li>{@code jnaDirect}: JNA direct mapping ({@code Native.register});</li>
 *   <li>{@code jnaInterface}: JNA interface mapping ({@code Native.load}), what most users write.</li>
 * </ul>
 *
 * Run with {@code scripts/bench/jmh.sh} (or {@code mvn -Pjmh -Dvm.skip verify}):
 * needs build/native/libkthreadbridge.so and build/native/jni/libkbjni.so, no module.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class IoctlPathBenchmark {

    /** An ioctl number no driver of /dev/null knows: -ENOTTY at once. */
    static final long UNKNOWN_CMD = 0x4b420000L;
    static final int ENOTTY = 25;
    static final int LOOP = 1000;

    /** JNA interface mapping of the shim. */
    public interface ShimLibrary extends Library {
        int kb_ioctl(int fd, NativeLong cmd, Pointer arg);
    }

    /** JNA direct mapping of the shim. */
    static final class ShimDirect {
        static native int kb_ioctl(int fd, NativeLong cmd, Pointer arg);
    }

    private int fd = -1;
    private ShimLibrary jna;
    private NativeLong jnaCmd;

    @Setup(Level.Trial)
    public void setup() {
        String shim = dev.kthreadbridge.internal.NativeLibrary.load().toString();
        KbJni.load();
        try (Arena arena = Arena.ofConfined()) {
            fd = kthread_bridge_shim_h.kb_open(arena.allocateFrom("/dev/null"));
        }
        if (fd < 0) {
            throw new IllegalStateException("kb_open(/dev/null) = " + fd);
        }
        jna = Native.load(shim, ShimLibrary.class);
        Native.register(ShimDirect.class, NativeLibrary.getInstance(shim));
        jnaCmd = new NativeLong(UNKNOWN_CMD);
        expect("ffm", ffm());
        expect("jni", jni());
        expect("jnaInterface", jnaInterface());
        expect("jnaDirect", jnaDirect());
        expect("c", KbJni.loop(fd, UNKNOWN_CMD, 1));
    }

    private static void expect(String path, int ret) {
        if (ret != -ENOTTY) {
            throw new IllegalStateException(path + ": kb_ioctl on /dev/null gave " + ret + ", not -ENOTTY");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (fd >= 0) {
            kthread_bridge_shim_h.kb_close(fd);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public int c() {
        return KbJni.loop(fd, UNKNOWN_CMD, LOOP);
    }

    @Benchmark
    public int ffm() {
        return kthread_bridge_shim_h.kb_ioctl(fd, UNKNOWN_CMD, MemorySegment.NULL);
    }

    @Benchmark
    public int jni() {
        return KbJni.ioctl1(fd, UNKNOWN_CMD);
    }

    @Benchmark
    public int jnaDirect() {
        return ShimDirect.kb_ioctl(fd, jnaCmd, Pointer.NULL);
    }

    @Benchmark
    public int jnaInterface() {
        return jna.kb_ioctl(fd, jnaCmd, Pointer.NULL);
    }
}
