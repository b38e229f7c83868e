// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit;

/**
 * The configuration parameters of the kernel-test engine (system
 * properties, {@code junit-platform.properties}, or the launcher's
 * configuration parameters).
 */
public final class KernelTestParameters {

    /** Comma-separated kernels to run; others are left out of the tree. */
    public static final String KERNELS = "kerneltest.kernels";
    /** Comma-separated kernels for classes whose {@link KernelTest#kernels()} is empty (default 6.1). */
    public static final String DEFAULT_KERNELS = "kerneltest.defaultKernels";
    /**
     * The kthread-bridge checkout whose scripts/vm-run.sh boots the guests (default: found upwards of user.dir).
     * Without one, classes with {@code loadModule = false} run the runner bundled in this jar; the module needs it.
     */
    public static final String PROJECT_ROOT = "kerneltest.projectRoot";
    /** Where each guest's results go (default target/kerneltest under user.dir). */
    public static final String RESULTS_DIR = "kerneltest.resultsDir";
    /** Extra JVM arguments of the guest JVM, whitespace-separated. */
    public static final String GUEST_JVM_ARGS = "kerneltest.guest.jvmArgs";
    /** Seconds allowed for booting a guest and starting its JVM, on top of the classes' timeouts (default 180). */
    public static final String BOOT_SECONDS = "kerneltest.bootSeconds";
    /** Guests booted at once (default: the host's processors). */
    public static final String PARALLELISM = "kerneltest.parallelism";
    /**
     * {@code true}: run {@code @KernelTest} classes on the host with Jupiter, against the host's own
     * kernel, and boot no guest (a system property, read by the launcher's filter too).
     */
    public static final String ON_HOST = "kerneltest.host";
    /**
     * {@code true}: the kernel goes into the class names of the sources
     * ({@code a.BTest_6_12}), so surefire/failsafe write one report per
     * class per kernel, and every kernel is reported live, with the guest's
     * durations; IDEs cannot navigate to such a class. Otherwise (default
     * false) a kernel's results wait until the kernels before it have
     * finished, and their durations are the replay's.
     */
    public static final String KERNEL_IN_CLASS_NAME = "kerneltest.reportKernelInClassName";
    /** {@code true}: boot no guest; every kernel container is reported skipped. */
    public static final String SKIP = "kerneltest.skip";
    /** Set by the guest runner: the tests are inside a guest, run them. Not for users. */
    public static final String IN_GUEST = "kerneltest.inGuest";

    private KernelTestParameters() {
    }
}
