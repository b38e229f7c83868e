// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Jupiter test class inside booted Linux kernels instead of the
 * host JVM: the kernel-test engine boots one QEMU guest per kernel (shared
 * by every {@code @KernelTest} class of the run with the same guest
 * settings), runs the class's tests there in a JVM with the host's class
 * path, and reports them under a per-kernel container
 * ({@code 6.12 > DeviceTest > wakeTwice()}).
 *
 * <p>On the host, Jupiter does not run these classes: a post-discovery
 * filter of this artifact removes them from every other engine's tree, and
 * {@link HostGuard} disables them should that filter be switched off.
 *
 * <p>{@code -Dkerneltest.kernels=6.12} (a configuration parameter)
 * restricts a run to some kernels.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(HostGuard.class)
public @interface KernelTest {

    /**
     * The kernels: {@code "6.1"}, {@code "6.12"}, {@code "6.1-rt"}, {@code "6.12-rt"} (the
     * project runner's aliases) or an installed release such as
     * {@code "6.12.118+deb12-amd64"}. Empty: the configuration parameter
     * {@code kerneltest.defaultKernels}, else {@code "6.1"}.
     */
    String[] kernels() default {};

    /** Guest vCPUs. */
    int cpus() default 2;

    /** Guest memory in MiB. */
    int memoryMiB() default 2048;

    /**
     * Whether to build and load the kthread_bridge module in the guest: from a kthread-bridge checkout
     * ({@code kerneltest.projectRoot}). {@code false} needs only this artifact.
     */
    boolean loadModule() default true;

    /** Extra kernel command line, e.g. {@code "hung_task_timeout_secs=5"}. */
    String appendCmdline() default "";

    /**
     * Seconds the class may run in the guest; past that the guest runner
     * stops the run, the class's unfinished tests fail with a thread dump,
     * and the class's tests not yet run fail too.
     */
    int timeoutSeconds() default 300;
}
