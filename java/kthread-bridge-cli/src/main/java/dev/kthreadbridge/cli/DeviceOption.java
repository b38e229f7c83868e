// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.KthreadBridge;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --device PATH}: the device node the commands that create threads open (a picocli mixin). */
final class DeviceOption {

    @Option(names = "--device", paramLabel = "PATH", defaultValue = "/dev/kthread_bridge",
            description = "The kthread_bridge device node to open (default: ${DEFAULT-VALUE}).")
    Path path = KthreadBridge.DEFAULT_PATH;

    /** Opens {@link #path}; the library's exceptions say what is missing (exit 69, 77). */
    KthreadBridge open() {
        return KthreadBridge.open(path);
    }
}
