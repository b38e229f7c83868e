// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.example;

import dev.kthreadbridge.KthreadBridge;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installed kthread-bridge jar as a user's module sees it: the README
 * sample in child JVMs on the module path, the module's exports, and a
 * compile against its internals.
 */
class ConsumerTest {

    private static final Path DEVICE = Path.of("/dev/kthread_bridge");

    /** The kthread-bridge jar this project resolved (from the local repository). */
    private static Path libraryJar() throws URISyntaxException {
        return Path.of(KthreadBridge.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** This project's compiled module (target/classes). */
    private static Path ownClasses() throws URISyntaxException {
        return Path.of(ReadmeExample.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private record Run(int exit, String out) {
    }

    private static Run java(List<String> args) throws IOException, InterruptedException {
        return jdkTool("java", args);
    }

    private static Run jdkTool(String tool, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Run(p.exitValue(), out);
    }

    private static List<String> runSample(String... jvmArgs) throws URISyntaxException {
        List<String> args = new ArrayList<>(List.of(jvmArgs));
        args.addAll(List.of("--module-path", ownClasses() + File.pathSeparator + libraryJar(),
                "--module", "dev.kthreadbridge.example/dev.kthreadbridge.example.ReadmeExample"));
        return args;
    }

    @Test
    void theLibraryIsANamedModuleExportingOnlyItsApi() throws Exception {
        Run r = java(List.of("--module-path", libraryJar().toString(), "--describe-module", "dev.kthreadbridge"));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("dev.kthreadbridge"), r.out());
        List<String> exports = r.out().lines().filter(l -> l.startsWith("exports ")).toList();
        assertEquals(List.of("exports dev.kthreadbridge"), exports, r.out());
        assertTrue(r.out().contains("contains dev.kthreadbridge.internal"), r.out());
        List<String> requires = r.out().lines().filter(l -> l.startsWith("requires ")).sorted().toList();
        // JSpecify's annotations and JFR (events only where jdk.jfr is there) are 'requires static'
        assertEquals(List.of("requires java.base mandated", "requires jdk.jfr static", "requires org.jspecify static"),
                requires,
                "no module but java.base at run time: " + r.out());
    }

    @Test
    void withoutNativeAccessTheSampleFailsNamingTheFlag() throws Exception {
        Run r = java(runSample());
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("dev.kthreadbridge.LibraryUnavailableException: native access is not enabled"
                + " for module dev.kthreadbridge: run java with --enable-native-access=dev.kthreadbridge"), r.out());
    }

    @Test
    void withNativeAccessTheSampleReachesTheDevice() throws Exception {
        Run r = java(runSample("--enable-native-access=dev.kthreadbridge"));
        if (Files.exists(DEVICE)) {
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("threadfn returned"), r.out());
        } else {
            // the library loaded and asked the kernel: the module is not there
            assertNotEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("dev.kthreadbridge.DeviceUnavailableException: kb_open(/dev/kthread_bridge):"
                    + " ENOENT (No such file or directory): module not loaded?"), r.out());
        }
    }

    @Test
    void theInternalsDoNotCompileAgainstTheModule(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/user");
        Files.createDirectories(src.resolve("p"));
        Files.writeString(src.resolve("module-info.java"), "module user { requires dev.kthreadbridge; }\n");
        Files.writeString(src.resolve("p/Use.java"), """
                package p;
                class Use {
                    Object o = dev.kthreadbridge.internal.NativeLibrary.RESOURCE;
                }
                """);
        Run r = jdkTool("javac", List.of("-d", dir.resolve("out").toString(),
                "--module-path", libraryJar().toString(),
                src.resolve("module-info.java").toString(), src.resolve("p/Use.java").toString()));
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("package dev.kthreadbridge.internal is not visible"), r.out());
    }
}
