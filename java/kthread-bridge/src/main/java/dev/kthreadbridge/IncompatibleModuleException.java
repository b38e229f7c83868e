// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The file opened is not a kthread_bridge device of the ABI this library
 * speaks: {@link KthreadBridge#open(Path)} asks the module for its ABI
 * version first and refuses to go on otherwise.
 *
 * <p>Either the module answered with another version ({@link #moduleAbi()}
 * present, {@link #errno()} 0): load the module built from the same
 * release as this library; or the version ioctl itself failed
 * ({@link #moduleAbi()} empty, {@link #errno()} e.g. ENOTTY): the path
 * names some other device.
 */
public final class IncompatibleModuleException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    /** The module's ABI version, or -1 when the device did not answer. */
    private final int moduleAbi;
    /** The ABI version this library was built for ({@link AbiVersion#SUPPORTED}). */
    private final int libraryAbi;

    private IncompatibleModuleException(String message, String operation, int errno, int moduleAbi,
                                        int libraryAbi) {
        super(message, operation, errno);
        this.moduleAbi = moduleAbi;
        this.libraryAbi = libraryAbi;
    }

    /** The module answered the version ioctl with another version. */
    static IncompatibleModuleException otherVersion(String operation, int moduleAbi, int libraryAbi) {
        return new IncompatibleModuleException(operation + ": module ABI " + moduleAbi + ", library expects "
                + libraryAbi + ": load the kthread_bridge module of this library's release",
                operation, 0, moduleAbi, libraryAbi);
    }

    /** The version ioctl failed with {@code errno}: not a kthread_bridge device. */
    static IncompatibleModuleException notADevice(String operation, int errno, int libraryAbi) {
        return new IncompatibleModuleException(operation + ": " + Errno.nameOf(errno) + " (" + Errno.describe(errno)
                + "): not a kthread_bridge device (library expects ABI " + libraryAbi + "): open "
                + KthreadBridge.DEFAULT_PATH + " with the module loaded", operation, errno, -1, libraryAbi);
    }

    /**
     * The ABI version the module reported.
     *
     * @return the module's KB_ABI_VERSION, or empty when the file did not
     *         answer the version ioctl (not a kthread_bridge device)
     */
    public OptionalInt moduleAbi() {
        return moduleAbi < 0 ? OptionalInt.empty() : OptionalInt.of(moduleAbi);
    }

    /**
     * The ABI version this library was built for.
     *
     * @return {@link AbiVersion#SUPPORTED}
     */
    public int libraryAbi() {
        return libraryAbi;
    }
}
