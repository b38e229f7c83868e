// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import dev.kthreadbridge.LibraryUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Loads libkthreadbridge.so once per JVM, before the bindings look up its
 * symbols with {@code SymbolLookup.loaderLookup()}.
 *
 * <p>Order: native access must be enabled for this module; then the file
 * named by the system property {@value #PATH_PROPERTY} if set, else the copy
 * in the class path at {@value #RESOURCE}, extracted into a private
 * (owner-only) directory under {@value #TMPDIR_PROPERTY} (default
 * {@code java.io.tmpdir}) and deleted right after loading: the mapping stays,
 * the file does not, so nothing is left behind even after {@code kill -9}.
 */
public final class NativeLibrary {

    /** System property naming the shim file to load instead of the jar's copy. */
    public static final String PATH_PROPERTY = "kthreadbridge.library.path";
    /**
     * System property naming the directory the shim is extracted into
     * (default {@code java.io.tmpdir}); set it when /tmp is mounted noexec.
     */
    public static final String TMPDIR_PROPERTY = "kthreadbridge.tmpdir";
    /** Where the build puts the shim in the class path. */
    public static final String RESOURCE = "/dev/kthreadbridge/native/linux-x86_64/libkthreadbridge.so";

    private static Path loaded;

    private NativeLibrary() {
    }

    /**
     * Loads the shim if this JVM has not yet, and returns the file loaded.
     *
     * @throws LibraryUnavailableException with what to do about it
     */
    public static synchronized Path load() {
        if (loaded != null) {
            return loaded;
        }
        checkPlatform(System.getProperty("os.name"), System.getProperty("os.arch"));
        checkNativeAccess(NativeLibrary.class.getModule());
        String property = System.getProperty(PATH_PROPERTY);
        if (property != null && !property.isBlank()) {
            loaded = loadFile(Path.of(property).toAbsolutePath(), " (from -D" + PATH_PROPERTY + ")");
        } else {
            loaded = extractAndLoad();
        }
        return loaded;
    }

    static void checkPlatform(String os, String arch) {
        String o = os == null ? "" : os.toLowerCase(Locale.ROOT);
        String a = arch == null ? "" : arch.toLowerCase(Locale.ROOT);
        if (!o.equals("linux") || !(a.equals("amd64") || a.equals("x86_64"))) {
            throw new LibraryUnavailableException("kthread-bridge supports linux-x86_64 only (this is "
                    + os + "-" + arch + "): the kernel module and libkthreadbridge.so exist for it alone");
        }
    }

    /** Throws unless native access is enabled for {@code module}. */
    public static void checkNativeAccess(Module module) {
        if (!module.isNativeAccessEnabled()) {
            String who = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            throw new LibraryUnavailableException("native access is not enabled for "
                    + (module.isNamed() ? "module " + who : "the unnamed module")
                    + ": run java with --enable-native-access=" + who
                    + " (or put 'Enable-Native-Access: ALL-UNNAMED' in an executable jar's manifest);"
                    + " kthread-bridge calls libkthreadbridge.so through the FFM API");
        }
    }

    private static Path loadFile(Path file, String origin) {
        if (!Files.isRegularFile(file)) {
            throw new LibraryUnavailableException("libkthreadbridge.so not found at " + file + origin
                    + ": build it with 'make -C native' or fix -D" + PATH_PROPERTY);
        }
        try {
            System.load(file.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new LibraryUnavailableException("cannot load " + file + origin + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * Copies the jar's shim into a new owner-only directory, loads it and
     * deletes both at once, whether the load worked or not.
     *
     * @return the path it was loaded from (which no longer exists)
     */
    private static Path extractAndLoad() {
        String base = System.getProperty(TMPDIR_PROPERTY, System.getProperty("java.io.tmpdir"));
        String where = " in " + base + " (-D" + TMPDIR_PROPERTY + "=DIR picks another directory,"
                + " e.g. when it is mounted noexec)";
        Path dir = null;
        Path file = null;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LibraryUnavailableException("libkthreadbridge.so is not in the class path at " + RESOURCE
                        + ": use the kthread-bridge jar, or set -D" + PATH_PROPERTY
                        + "=/path/to/libkthreadbridge.so (e.g. build/native/libkthreadbridge.so)");
            }
            dir = Files.createTempDirectory(Path.of(base), "kthreadbridge-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            file = dir.resolve("libkthreadbridge.so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return loadFile(file, " (extracted" + where + ")");
        } catch (IOException | InvalidPathException e) {
            throw new LibraryUnavailableException("cannot extract " + RESOURCE + where + ": " + e, e);
        } finally {
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort: an owner-only directory in a temporary place
            }
        }
    }
}
