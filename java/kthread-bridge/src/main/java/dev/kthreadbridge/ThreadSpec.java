// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What to create: a workload, the thread's name and optionally a CPU to
 * bind it to (kthread_bind() before the first wake-up).
 *
 * <p>The name must not be null or empty ({@link IllegalArgumentException}).
 * It is passed to the kernel as a plain string ({@code "%s"}, so {@code %}
 * is shown literally). Names of {@value #NAME_MAX_BYTES} UTF-8 bytes or more
 * are <em>not</em> refused here: the module refuses them and the call
 * throws {@link KthreadBridgeException} with errno EINVAL. The kernel shows
 * at most 15 bytes of it in {@code /proc/PID/comm}.
 *
 * @param workload what the thread runs
 * @param name     the thread's name
 * @param cpu      the CPU to bind to, or empty
 */
public record ThreadSpec(Workload workload, String name, OptionalInt cpu) {

    /** Longest name the module accepts is one byte less (KB_NAME_LEN, with the NUL). */
    public static final int NAME_MAX_BYTES = 32;

    /**
     * Checks the spec.
     *
     * @param workload what the thread runs
     * @param name     the thread's name
     * @param cpu      the CPU to bind to, or empty
     * @throws NullPointerException     if {@code workload} or {@code cpu} is null
     * @throws IllegalArgumentException if {@code name} is null, empty or holds a NUL character,
     *                                  or {@code cpu} holds a negative number
     */
    public ThreadSpec {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(cpu, "cpu");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("thread name must not be null or empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("thread name must not contain NUL");
        }
        if (cpu.isPresent() && cpu.getAsInt() < 0) {
            throw new IllegalArgumentException("cpu must be >= 0, got " + cpu.getAsInt());
        }
    }

    /**
     * An unbound thread.
     *
     * @param workload what the thread runs
     * @param name     the thread's name
     * @return a spec with no CPU
     * @throws NullPointerException     if {@code workload} is null
     * @throws IllegalArgumentException if {@code name} is null, empty or holds a NUL character
     */
    public static ThreadSpec of(Workload workload, String name) {
        return new ThreadSpec(workload, name, OptionalInt.empty());
    }

    /**
     * The same spec, bound to {@code cpu} (the module checks that it is online: EINVAL otherwise;
     * a bridge opened without CAP_SYS_NICE may bind only to a CPU the calling thread may run on:
     * {@link PermissionDeniedException}, EPERM, otherwise).
     *
     * @param cpu the CPU number to kthread_bind() the thread to, {@code >= 0}
     * @return a new spec with this workload and name
     * @throws IllegalArgumentException if {@code cpu} is negative
     */
    public ThreadSpec boundTo(int cpu) {
        return new ThreadSpec(workload, name, OptionalInt.of(cpu));
    }

    /**
     * The name's length in UTF-8 bytes, as the kernel sees it.
     *
     * @return the byte count, without a terminating NUL; must be below {@value #NAME_MAX_BYTES}
     */
    public int nameBytes() {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
