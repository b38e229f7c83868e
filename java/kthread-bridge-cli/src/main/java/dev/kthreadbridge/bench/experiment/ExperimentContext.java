// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import dev.kthreadbridge.KthreadBridge;

import java.nio.file.Path;

/**
 * What an experiment runs against.
 *
 * @param bridge the bridge the bench opened (experiments that need files of their own open them on
 *               {@code device})
 * @param device the device node
 */
public record ExperimentContext(KthreadBridge bridge, Path device) {
}
