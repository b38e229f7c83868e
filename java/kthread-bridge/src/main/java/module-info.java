// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/**
 * kthread-bridge: real Linux kernel threads from Java.
 *
 * <p>Exports {@link dev.kthreadbridge} only. The module calls native code
 * (libkthreadbridge.so, inside the jar) through the FFM API, so it needs
 * {@code --enable-native-access=dev.kthreadbridge} on the module path (or
 * {@code ALL-UNNAMED} on the class path).
 */
module dev.kthreadbridge {
    // JSpecify's nullness annotations: needed to compile this module only.
    // Not transitive: a user's module compiles and runs without them (the
    // annotations in the class files are then ignored); the consumer check
    // (java/consumer-check) compiles one that way.
    requires static org.jspecify;
    // JFR events for every call into the module (package internal.jfr, not
    // exported): static, so that a runtime image without jdk.jfr still runs
    // the library (without events). On the class path, and with any JFR
    // option (-XX:StartFlightRecording adds the module), jdk.jfr is there.
    requires static jdk.jfr;

    exports dev.kthreadbridge;
}
