// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.internal.NativeLibrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared helpers of the tests (public for the tests of dev.kthreadbridge.bench). */
public final class TestSupport {

    static final Path DEVICE = Path.of("/dev/kthread_bridge");

    private TestSupport() {
    }

    /** The repository root (surefire's kthreadbridge.test.repoDir, else the working directory). */
    public static Path repoDir() {
        return Path.of(System.getProperty("kthreadbridge.test.repoDir", ".")).toAbsolutePath();
    }

    /**
     * The shim to load: -Dkthreadbridge.library.path, the class path copy, or
     * build/native/libkthreadbridge.so (when the build skipped antrun).
     * Returns null if there is none.
     */
    static Path libraryFile() {
        String prop = System.getProperty(NativeLibrary.PATH_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        if (TestSupport.class.getResource(NativeLibrary.RESOURCE) != null) {
            return null; // NativeLibrary extracts it
        }
        Path dir = Path.of(System.getProperty("kthreadbridge.test.nativeDir",
                repoDir().resolve("build/native").toString()));
        Path file = dir.resolve("libkthreadbridge.so");
        return Files.isRegularFile(file) ? file : null;
    }

    /** Makes the shim loadable in this JVM, or skips the test. */
    static void requireLibrary() {
        if (TestSupport.class.getResource(NativeLibrary.RESOURCE) == null
                && System.getProperty(NativeLibrary.PATH_PROPERTY) == null) {
            Path file = libraryFile();
            assumeTrue(file != null, "libkthreadbridge.so not built (make -C native)");
            System.setProperty(NativeLibrary.PATH_PROPERTY, file.toString());
        }
    }

    /**
     * The system property that lets device tests use this machine's
     * /dev/kthread_bridge: the guests' test runners set it
     * (scripts/guest/kernel-tests.sh, scripts/hardening/guest.sh), and
     * failsafe does on the host only with
     * {@code -Dkthreadbridge.test.hostDevice=true}.
     */
    public static final String DEVICE_PROPERTY = "kthreadbridge.test.device";

    /**
     * Skips the test unless device tests were asked for on this machine
     * ({@link #DEVICE_PROPERTY}) and the device is there: never the host's
     * own kernel by accident.
     */
    public static void requireDevice() {
        assumeTrue(Boolean.getBoolean(DEVICE_PROPERTY), "device tests run in the VM guests"
                + " (set -D" + DEVICE_PROPERTY + "=true to run them against this machine's kernel)");
        assumeTrue(Files.exists(DEVICE), DEVICE + " missing: is the module loaded?");
        requireLibrary();
    }

    /** CAP_SYS_NICE: its bit in the capability sets (linux/capability.h). */
    static final int CAP_SYS_NICE = 23;

    /** Field {@code index} of line {@code key} of /proc/self/status, e.g. ("Uid", 1): the effective uid. */
    private static String procStatus(String key, int index) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith(key + ":"))
                    .map(l -> l.substring(key.length() + 1).trim().split("\\s+")[index])
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + key + " in /proc/self/status"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this JVM holds capability {@code cap} in its effective set (CapEff). */
    public static boolean hasCapability(int cap) {
        return (Long.parseUnsignedLong(procStatus("CapEff", 0), 16) >>> cap & 1) != 0;
    }

    /**
     * Whether bridges this JVM opens may use real-time policies, negative
     * nice and CPUs outside its affinity: the module checks CAP_SYS_NICE at
     * open (docs/security.md).
     */
    public static boolean mayNice() {
        return hasCapability(CAP_SYS_NICE);
    }

    /** Skips the test unless this JVM runs as root (euid 0): writing module parameters and such. */
    public static void requireRoot(String why) {
        String euid = procStatus("Uid", 1);
        assumeTrue("0".equals(euid), "needs root (" + why + "); running as euid " + euid);
    }

    /**
     * Runs {@code call}, which needs CAP_SYS_NICE at open: it must succeed
     * when this JVM has it, and otherwise throw PermissionDeniedException
     * (EPERM) naming {@code operation} and CAP_SYS_NICE. Returns whether it
     * succeeded.
     */
    public static boolean assertNeedsNice(String operation, org.junit.jupiter.api.function.Executable call) {
        if (mayNice()) {
            try {
                call.execute();
            } catch (Throwable t) {
                throw new AssertionError("failed with CAP_SYS_NICE: " + t, t);
            }
            return true;
        }
        PermissionDeniedException e = assertFails(PermissionDeniedException.class, Errno.EPERM, call);
        assertTrue(e.operation().startsWith(operation), e.getMessage());
        assertTrue(e.getMessage().contains("CAP_SYS_NICE"), e.getMessage());
        return false;
    }

    /**
     * Asserts that {@code call} throws {@code type} for {@code errno}, with
     * the number, the name and the enum constant all saying so.
     */
    static <T extends KthreadBridgeException> T assertFails(Class<T> type, Errno errno,
            org.junit.jupiter.api.function.Executable call) {
        T e = assertThrows(type, call);
        assertEquals(errno.name(), e.errnoName(), e.getMessage());
        assertEquals(errno.number(), e.errno());
        assertEquals(java.util.Optional.of(errno), e.error());
        return e;
    }

    /** How long device tests wait for a thread to get somewhere. */
    static final java.time.Duration WAIT = java.time.Duration.ofSeconds(10);

    /** Polls the thread's info every 5 ms until {@code until} holds; fails after {@link #WAIT}. */
    static ThreadInfo await(KernelThread t, String what, java.util.function.Predicate<ThreadInfo> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ThreadInfo info = t.info();
        while (!until.test(info)) {
            if (System.nanoTime() > deadline) {
                org.junit.jupiter.api.Assertions.fail("timed out waiting for " + what + ": " + info);
            }
            Thread.sleep(5);
            info = t.info();
        }
        return info;
    }

    /** The class path of main and test classes, for child JVMs. */
    static String classPath() {
        try {
            Path main = Path.of(KthreadBridge.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path test = Path.of(TestSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return main + java.io.File.pathSeparator + test;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    record Result(int exit, String out) {
    }

    /** Runs a command, merging stderr into stdout, with a time limit. */
    static Result exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * The parent's JIT and GC choice (scripts/guest/kernel-tests.sh runs
     * C1 only with SerialGC): a child JVM with the default tiered C2 on a
     * 2-vCPU TCG guest was seen dying with SIGSEGV at a patched method
     * entry (QEMU cross-modifying code), twice in two days, never on the
     * host; a child runs as its parent does.
     */
    static List<String> inheritedJitFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:TieredStopAtLevel=") || a.equals("-XX:-TieredCompilation")
                        || a.equals("-XX:+UseSerialGC"))
                .toList();
    }

    /** java [prefix...] [inherited JIT flags] [jvmArgs...] -cp main:test ProbeMain args... */
    static Result probe(List<String> prefix, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        return probe(prefix, jvmArgs, classPath(), args);
    }

    /**
     * {@link #probe} for a child that runs as another user: the class path is
     * first copied to a world-readable directory, because the classes may sit
     * where only their owner can read them (failsafe's test-jar in
     * /root/.m2 when the engine runs the tests in a guest).
     */
    static Result probeAsOtherUser(List<String> prefix, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "kb-probe-cp");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> entries = new ArrayList<>();
            int i = 0;
            for (String entry : classPath().split(java.io.File.pathSeparator)) {
                Path copy = dir.resolve(i++ + "-" + Path.of(entry).getFileName());
                copyReadable(Path.of(entry), copy);
                entries.add(copy.toString());
            }
            return probe(prefix, jvmArgs, String.join(java.io.File.pathSeparator, entries), args);
        } finally {
            deleteTree(dir);
        }
    }

    private static Result probe(List<String> prefix, List<String> jvmArgs, String classPath, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(javaExecutable().toString());
        cmd.addAll(inheritedJitFlags());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(ProbeMain.class.getName());
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    private static void copyReadable(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
