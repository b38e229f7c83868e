// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner bundled in the jar and its extraction (host only, no guest). */
class BundledRunnerTest {

    private static final Path SCRIPTS = Path.of(System.getProperty("kerneltest.projectRoot"), "scripts");

    @TempDir
    Path cache;

    @Test
    void theJarBundlesTheProjectsRunnerScriptsAsTheyAre() throws Exception {
        Map<String, byte[]> files = BundledRunner.files();
        assertEquals(BundledRunner.FILES, List.copyOf(files.keySet()));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertArrayEquals(Files.readAllBytes(SCRIPTS.resolve(f.getKey())), f.getValue(), f.getKey());
        }
    }

    @Test
    void theHashNamesTheContentAndThePaths() throws Exception {
        Map<String, byte[]> files = BundledRunner.files();
        String hash = BundledRunner.hash(files);
        assertTrue(hash.matches("[0-9a-f]{16}"), hash);
        assertEquals(hash, BundledRunner.hash(new LinkedHashMap<>(files)));
        Map<String, byte[]> edited = new LinkedHashMap<>(files);
        edited.put("lib/vm-guest.sh", (new String(files.get("lib/vm-guest.sh"), StandardCharsets.UTF_8) + "#\n")
                .getBytes(StandardCharsets.UTF_8));
        assertNotEquals(hash, BundledRunner.hash(edited));
        // the same bytes under another name, or moved from one file to the next, are another runner
        Map<String, byte[]> renamed = new LinkedHashMap<>();
        files.forEach((k, v) -> renamed.put(k.replace("vm-run", "vm-start"), v));
        assertNotEquals(hash, BundledRunner.hash(renamed));
        assertNotEquals(BundledRunner.hash(Map.of("a", "xy".getBytes(StandardCharsets.UTF_8))),
                BundledRunner.hash(orderedOf("a", "x", "", "y")));
    }

    @Test
    void extractionWritesEveryFileExecutableUnderTheHash() throws Exception {
        Map<String, byte[]> files = BundledRunner.files();
        Path root = BundledRunner.extract(cache);
        assertEquals(cache.resolve(BundledRunner.hash(files)), root);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = root.resolve("scripts").resolve(f.getKey());
            assertArrayEquals(f.getValue(), Files.readAllBytes(file), f.getKey());
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), f.getKey());
        }
        assertEquals(Path.of("..", "build"), Files.readSymbolicLink(root.resolve("build")));
        assertTrue(Files.isDirectory(root.resolve("build")), "the shared build directory is there");
        assertEquals(Set.of(BundledRunner.hash(files), "build"), names(cache), "no temporary directory left");
        // what vm-run.sh sources resolves in the copy: its usage, exit 0
        Process p = new ProcessBuilder(root.resolve("scripts/vm-run.sh").toString(), "--help")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith("Usage: scripts/vm-run.sh"), out);
    }

    @Test
    void aSecondExtractionKeepsTheFirstCopy() throws Exception {
        Path root = BundledRunner.extract(cache);
        Path vmRun = root.resolve("scripts/vm-run.sh");
        Object key = Files.readAttributes(vmRun, "unix:ino").get("ino");
        Files.writeString(root.resolve("build").resolve("vmlinux-cache-marker"), "kept");
        assertEquals(root, BundledRunner.extract(cache));
        assertEquals(key, Files.readAttributes(vmRun, "unix:ino").get("ino"), "the same file, not rewritten");
        assertEquals("kept", Files.readString(root.resolve("build").resolve("vmlinux-cache-marker")));
    }

    @Test
    void aDamagedCopyIsReplaced() throws Exception {
        Path root = BundledRunner.extract(cache);
        Files.writeString(root.resolve("scripts/lib/common.sh"), "# edited\n");
        Files.setPosixFilePermissions(root.resolve("scripts/vm-run.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(root, BundledRunner.extract(cache));
        assertTrue(BundledRunner.intact(root, BundledRunner.files()));
        assertEquals(Set.of(root.getFileName().toString(), "build"), names(cache));
    }

    @Test
    void concurrentExtractionsAgreeOnOneWholeCopy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Path>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit((Callable<Path>) () -> BundledRunner.extract(cache)));
            }
            Path first = runs.get(0).get();
            for (Future<Path> f : runs) {
                assertEquals(first, f.get());
            }
            assertTrue(BundledRunner.intact(first, BundledRunner.files()));
            assertEquals(Set.of(first.getFileName().toString(), "build"), names(cache));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCacheIsWhereTheScriptsKeepTheirs() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/c/kb/runner"), BundledRunner.cacheDir(Map.of("KB_CACHE", "/c/kb",
                "XDG_CACHE_HOME", "/x"), home.toString()));
        assertEquals(Path.of("/x/kthread-bridge/runner"), BundledRunner.cacheDir(Map.of("XDG_CACHE_HOME", "/x"),
                home.toString()));
        assertEquals(Path.of("/home/u/.cache/kthread-bridge/runner"), BundledRunner.cacheDir(Map.of("XDG_CACHE_HOME",
                ""), home.toString()));
    }

    private static Map<String, byte[]> orderedOf(String k1, String v1, String k2, String v2) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(k1, v1.getBytes(StandardCharsets.UTF_8));
        m.put(k2, v2.getBytes(StandardCharsets.UTF_8));
        return m;
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
