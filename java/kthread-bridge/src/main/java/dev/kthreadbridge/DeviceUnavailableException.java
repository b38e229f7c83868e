// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

/**
 * The device could not be opened because it is not there (ENOENT, ENODEV,
 * ENXIO): the module is not loaded, or the path is wrong.
 */
public final class DeviceUnavailableException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a failed open of the device.
     *
     * @param operation the shim call and its argument, e.g. {@code kb_open(/dev/kthread_bridge)}
     * @param errno     the positive errno: ENOENT, ENODEV or ENXIO
     */
    public DeviceUnavailableException(String operation, int errno) {
        super(operation, errno, "module not loaded? sudo insmod kthread_bridge.ko, or check the device path");
    }
}
