// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.jmh;

/**
 * The JNI and C-loop paths of {@link IoctlPathBenchmark}: native/jni/kbjni.c,
 * built by {@code make -C native/jni} into build/native/jni/libkbjni.so
 * (system property {@code kb.jni.library} overrides the path).
 */
final class KbJni {

    private KbJni() {
    }

    static void load() {
        String path = System.getProperty("kb.jni.library", "build/native/jni/libkbjni.so");
        System.load(java.nio.file.Path.of(path).toAbsolutePath().toString());
    }

    /** One kb_ioctl(fd, cmd, NULL) per call. */
    static native int ioctl1(int fd, long cmd);

    /** n kb_ioctl(fd, cmd, NULL) calls in a C loop; the OR of the results. */
    static native int loop(int fd, long cmd, int n);
}
