package dev.kthreadbridge.internal;

import dev.kthreadbridge.LibraryUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
 * (owner-only) temporary directory deleted on exit.
 */
public final class NativeLibrary {

    /** System property naming the shim file to load instead of the jar's copy. */
    public static final String PATH_PROPERTY = "kthreadbridge.library.path";
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
        Path file = property != null && !property.isBlank()
                ? Path.of(property).toAbsolutePath()
                : extract();
        loaded = loadFile(file, property != null && !property.isBlank());
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

    private static Path loadFile(Path file, boolean fromProperty) {
        String origin = fromProperty ? " (from -D" + PATH_PROPERTY + ")" : "";
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

    private static Path extract() {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LibraryUnavailableException("libkthreadbridge.so is not in the class path at " + RESOURCE
                        + ": use the kthread-bridge jar, or set -D" + PATH_PROPERTY
                        + "=/path/to/libkthreadbridge.so (e.g. build/native/libkthreadbridge.so)");
            }
            Path dir = Files.createTempDirectory("kthreadbridge-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("libkthreadbridge.so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new LibraryUnavailableException("cannot extract " + RESOURCE + " to a temporary directory: " + e, e);
        }
    }
}
