// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit;

import dev.kthreadbridge.junit.engine.KernelTestEngine;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Removes {@link KernelTest} classes from the trees of every engine but the
 * kernel-test engine, so that Jupiter does not also run them on the host
 * (registered with the launcher through ServiceLoader). Inside a guest
 * ({@code kerneltest.inGuest}) the guest runner does not register it; with the
 * system property {@code kerneltest.host=true} it removes nothing.
 */
public final class HostFilter implements PostDiscoveryFilter {

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (Boolean.getBoolean(KernelTestParameters.ON_HOST)
                || KernelTestEngine.ID.equals(descriptor.getUniqueId().getEngineId().orElse(null))) {
            return FilterResult.included("the kernel-test engine's own");
        }
        Class<?> cls = sourceClass(descriptor.getSource().orElse(null));
        if (cls != null && isKernelTest(cls)) {
            return FilterResult.excluded("@KernelTest: runs in kernel guests through the kernel-test engine");
        }
        return FilterResult.included("not a @KernelTest class");
    }

    /** Whether {@code cls} or a class enclosing it is annotated {@link KernelTest}. */
    public static boolean isKernelTest(Class<?> cls) {
        for (Class<?> c = cls; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(KernelTest.class)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> sourceClass(TestSource source) {
        try {
            return switch (source) {
                case ClassSource s -> s.getJavaClass();
                case MethodSource s -> s.getJavaClass();
                case null, default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }
}
