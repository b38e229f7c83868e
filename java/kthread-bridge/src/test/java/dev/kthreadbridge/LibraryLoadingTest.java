// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.internal.NativeLibrary;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void openOfAnotherDeviceIsRefusedWithTheAbiCheck() throws Exception {
        TestSupport.requireLibrary();
        List<String> args = new ArrayList<>(libraryArgs());
        args.add("--enable-native-access=ALL-UNNAMED");
        TestSupport.Result r = TestSupport.probe(List.of(), args, "/dev/null");
        assertEquals("EXC IncompatibleModuleException 25 kb_abi_version(/dev/null): ENOTTY (Inappropriate ioctl"
                + " for device): not a kthread_bridge device (library expects ABI " + AbiVersion.SUPPORTED
                + "): open /dev/kthread_bridge with the module loaded", r.out().strip());
    }

    /**
     * The jar's shim is extracted into -Dkthreadbridge.tmpdir and deleted
     * right after loading: the directory is empty while the JVM still runs,
     * and stays empty after kill -9.
     */
    @Test
    void extractedShimIsGoneRightAfterLoadingAndAfterKill9(@TempDir Path tmp) throws Exception {
        assumeTrue(LibraryLoadingTest.class.getResource(NativeLibrary.RESOURCE) != null,
                "the shim is not in the class path (run from the packaged jar or after mvn process-resources)");
        List<String> cmd = new ArrayList<>();
        cmd.add(TestSupport.javaExecutable().toString());
        cmd.addAll(TestSupport.inheritedJitFlags());
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-D" + NativeLibrary.TMPDIR_PROPERTY + "=" + tmp,
                "-cp", TestSupport.classPath(), ProbeMain.class.getName(), "/dev/null", "wait"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("EXC IncompatibleModuleException"),
                    "the child loaded the shim and reached the device: " + first);
            assertEquals("WAITING", out.readLine());
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), "extraction left behind while the JVM runs");
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no deleteOnExit
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "extraction left behind after kill -9");
        }
    }

    @Test
    void unusableExtractionDirectoryNamesTheProperty() throws Exception {
        assumeTrue(LibraryLoadingTest.class.getResource(NativeLibrary.RESOURCE) != null,
                "the shim is not in the class path");
        TestSupport.Result r = TestSupport.probe(List.of(), List.of("--enable-native-access=ALL-UNNAMED",
                "-D" + NativeLibrary.TMPDIR_PROPERTY + "=/nonexistent/dir"), "/dev/null");
        assertTrue(r.out().startsWith("EXC LibraryUnavailableException - cannot extract " + NativeLibrary.RESOURCE
                + " in /nonexistent/dir (-D" + NativeLibrary.TMPDIR_PROPERTY + "=DIR picks another directory,"
                + " e.g. when it is mounted noexec): java.nio.file.NoSuchFileException"), r.out());
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
