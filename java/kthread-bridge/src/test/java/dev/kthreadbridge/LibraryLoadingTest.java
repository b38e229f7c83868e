package dev.kthreadbridge;

import dev.kthreadbridge.internal.NativeLibrary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Library loading in child JVMs, each with its own once-per-JVM state. */
class LibraryLoadingTest {

    private static List<String> libraryArgs() {
        List<String> args = new ArrayList<>();
        Path lib = TestSupport.libraryFile();
        if (lib != null) {
            args.add("-D" + NativeLibrary.PATH_PROPERTY + "=" + lib);
        }
        return args;
    }

    @Test
    void missingLibraryFileIsNamed() throws Exception {
        TestSupport.Result r = TestSupport.probe(List.of(),
                List.of("--enable-native-access=ALL-UNNAMED", "-D" + NativeLibrary.PATH_PROPERTY + "=/nonexistent/libkb.so"),
                "/dev/null");
        assertTrue(r.out().startsWith("EXC LibraryUnavailableException - libkthreadbridge.so not found at /nonexistent/libkb.so"
                + " (from -Dkthreadbridge.library.path)"), r.out());
    }

    @Test
    void nativeAccessNotEnabledNamesTheFlag() throws Exception {
        TestSupport.Result r = TestSupport.probe(List.of(), libraryArgs(), "/dev/null");
        assertTrue(r.out().startsWith("EXC LibraryUnavailableException - native access is not enabled for the unnamed module:"
                + " run java with --enable-native-access=ALL-UNNAMED"), r.out());
        assertTrue(r.out().contains("Enable-Native-Access: ALL-UNNAMED"), r.out());
    }

    @Test
    void childWithNativeAccessReachesTheKernel() throws Exception {
        TestSupport.requireLibrary();
        List<String> args = new ArrayList<>(libraryArgs());
        args.add("--enable-native-access=ALL-UNNAMED");
        TestSupport.Result r = TestSupport.probe(List.of(), args, "/dev/null");
        assertTrue(r.out().startsWith("EXC KthreadBridgeException 25 kb_abi_version(fd "), r.out());
        assertTrue(r.out().contains("): ENOTTY (Inappropriate ioctl for device)"), r.out());
    }

    @Test
    void unsupportedPlatformMessage() {
        LibraryUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(LibraryUnavailableException.class,
                () -> dev.kthreadbridge.internal.PlatformAccessProbe.check("Mac OS X", "aarch64"));
        assertTrue(e.getMessage().startsWith("kthread-bridge supports linux-x86_64 only (this is Mac OS X-aarch64)"),
                e.getMessage());
        dev.kthreadbridge.internal.PlatformAccessProbe.check("Linux", "amd64");
    }
}
