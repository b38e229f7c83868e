// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The runner (scripts/vm-run.sh and the scripts it uses), bundled in this
 * jar at build time, for projects without a kthread-bridge checkout. It is
 * extracted once per content: to {@code CACHE/<hash>/scripts/...}, written
 * in a temporary directory and renamed into place, so a run sees it whole or
 * not at all, and several JVMs may extract it at once. {@code CACHE/<hash>/build}
 * (vm-run.sh's build directory: the extracted vmlinux, the initramfs) links
 * to {@code CACHE/build}, shared by every version of the runner.
 */
final class BundledRunner {

    /** Where the files are in the jar (pom.xml copies them from scripts/). */
    static final String RESOURCE_DIR = "/dev/kthreadbridge/junit/runner/scripts/";
    /** The files under scripts/: vm-run.sh, what it sources, the initramfs /init and the guest script. */
    static final List<String> FILES = List.of("vm-run.sh", "lib/common.sh", "lib/vm-init.sh", "lib/vm-guest.sh");

    private static final Set<PosixFilePermission> RWXR_XR_X = PosixFilePermissions.fromString("rwxr-xr-x");

    private BundledRunner() {
    }

    /**
     * The cache of extracted runners: {@code $KB_CACHE/runner} as the scripts
     * have it (lib/common.sh), else {@code ${XDG_CACHE_HOME:-HOME/.cache}/kthread-bridge/runner}.
     */
    static Path cacheDir(Map<String, String> env, String home) {
        String kbCache = env.get("KB_CACHE");
        if (kbCache != null && !kbCache.isEmpty()) {
            return Path.of(kbCache, "runner").toAbsolutePath();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(home, ".cache");
        return base.resolve("kthread-bridge").resolve("runner").toAbsolutePath();
    }

    /** The bundled files by path under scripts/, in {@link #FILES} order. */
    static Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = BundledRunner.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new IOException("the runner file " + RESOURCE_DIR + name + " is not in the kthread-bridge-junit jar");
                }
                files.put(name, in.readAllBytes());
            }
        }
        return files;
    }

    /** SHA-256 over each file's path and content, as 16 hex digits: the directory the runner goes to. */
    static String hash(Map<String, byte[]> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Long.toString(f.getValue().length).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(f.getValue());
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    /** Extracts the bundled runner into {@code cache} unless it is there intact; returns its root. */
    static Path extract(Path cache) throws IOException {
        Map<String, byte[]> files = files();
        Path root = cache.resolve(hash(files));
        // what ROOT/build links to (mkdir -p fails on a dangling link)
        Files.createDirectories(cache.resolve("build"));
        if (intact(root, files)) {
            return root;
        }
        Path tmp = Files.createTempDirectory(cache, "." + root.getFileName() + ".tmp-");
        try {
            Files.setPosixFilePermissions(tmp, RWXR_XR_X);
            write(tmp, files);
            Files.createSymbolicLink(tmp.resolve("build"), Path.of("..", "build"));
            install(tmp, root, files);
        } finally {
            deleteTree(tmp);
        }
        if (!intact(root, files)) {
            throw new IOException(root + " does not hold the runner after extracting it there");
        }
        return root;
    }

    private static void write(Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = dir.resolve("scripts").resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
            Files.setPosixFilePermissions(file, RWXR_XR_X);
        }
    }

    /** Renames {@code tmp} to {@code root}; another JVM's intact copy wins, a damaged one is replaced. */
    private static void install(Path tmp, Path root, Map<String, byte[]> files) throws IOException {
        try {
            Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (IOException e) {
            // root is there (rename(2) onto a non-empty directory fails): another JVM's, or damaged
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            if (intact(root, files)) {
                return;
            }
        }
        Path stale = Files.createTempDirectory(root.getParent(), "." + root.getFileName() + ".stale-");
        Path aside = stale.resolve("old");
        Files.move(root, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(stale);
        }
    }

    /** Every file there, executable, with the bundled content. */
    static boolean intact(Path root, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = root.resolve("scripts").resolve(f.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.isExecutable(file)
                    || Files.size(file) != f.getValue().length || !Arrays.equals(Files.readAllBytes(file), f.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
