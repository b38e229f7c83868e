// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Checks, before a guest is booted, what it needs, and fails naming the
 * fix: the runner (the project checkout's, or without one the runner
 * bundled in this jar; the module needs the checkout), the host commands
 * vm-run.sh runs (QEMU, busybox, cpio, modprobe, xz, zstd; make for the
 * module), the kernel image and, for the module, the kernel's headers.
 * Tells whether KVM or TCG will be used.
 */
final class Prerequisites {

    /** The commands vm-run.sh runs on the host for every guest, with the Debian package of each. */
    private static final Map<String, String> COMMANDS = commands("qemu-system-x86_64", "qemu-system-x86",
            "busybox", "busybox-static", "cpio", "cpio", "modprobe", "kmod", "xz", "xz-utils", "zstd", "zstd");

    private Prerequisites() {
    }

    /** The installed release for {@code kernel} (an alias or a release); throws naming the fix. */
    static String check(Settings settings, String kernel, boolean loadModule) {
        String op = "preparing a guest for kernel " + kernel;
        Path root = settings.runnerRoot(loadModule, op);
        Map<String, String> needed = new LinkedHashMap<>(COMMANDS);
        if (loadModule) {
            needed.put("make", "build-essential");
        }
        requireCommands(op, needed);
        String release = resolve(root, kernel, op);
        if (!Files.isReadable(Path.of("/boot/vmlinuz-" + release))) {
            throw new KernelTestException(op, "/boot/vmlinuz-" + release + " is not readable: install linux-image-"
                    + release + " (scripts/setup.sh installs the project's kernels)");
        }
        if (loadModule && !Files.isDirectory(Path.of("/lib/modules", release, "build"))) {
            throw new KernelTestException(op, "the module cannot be built for " + release
                    + ": no /lib/modules/" + release + "/build; install linux-headers-" + release
                    + " or use @KernelTest(loadModule = false)");
        }
        return release;
    }

    /** What accelerates the guests, as vm-run.sh decides it (kb_have_kvm). */
    static String accelerator() {
        boolean kvmModule = Files.isDirectory(Path.of("/sys/module/kvm_intel"))
                || Files.isDirectory(Path.of("/sys/module/kvm_amd"));
        if (Files.exists(Path.of("/dev/kvm")) && kvmModule) {
            return "kvm";
        }
        return "tcg: no KVM (" + (Files.exists(Path.of("/dev/kvm")) ? "kvm_intel/kvm_amd not loaded" : "no /dev/kvm")
                + "), so QEMU emulates the CPU; guests are several times slower";
    }

    private static Map<String, String> commands(String... commandAndPackage) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < commandAndPackage.length; i += 2) {
            m.put(commandAndPackage[i], commandAndPackage[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every command on the PATH (as vm-run.sh finds them), else one message naming the fix. */
    private static void requireCommands(String op, Map<String, String> commands) {
        String path = System.getenv("PATH");
        List<String> missing = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        Set<String> packages = new LinkedHashSet<>();
        for (Map.Entry<String, String> c : commands.entrySet()) {
            if (onPath(path, c.getKey())) {
                continue;
            }
            missing.add(c.getKey());
            if (onPath("/usr/sbin:/sbin", c.getKey())) {
                // modprobe is in /usr/sbin, which a user's PATH may lack
                fixes.add("add /usr/sbin and /sbin to the PATH");
            } else {
                packages.add(c.getValue());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (!packages.isEmpty()) {
            fixes.add("apt-get install " + String.join(" ", packages));
        }
        throw new KernelTestException(op, String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                + " not on the PATH: " + String.join("; ", new LinkedHashSet<>(fixes)));
    }

    private static boolean onPath(String path, String name) {
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /** kb_resolve_kernel of the project's scripts/lib/common.sh: the one place that knows the aliases. */
    private static String resolve(Path root, String kernel, String op) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "source \"$1/scripts/lib/common.sh\" && kb_resolve_kernel \"$2\"", "resolve", root.toString(), kernel);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                throw new KernelTestException(op, "kernel '" + kernel + "' is not installed ("
                        + err.replaceFirst("^[^:]*: ", "") + ")");
            }
            return out;
        } catch (IOException e) {
            throw new KernelTestException(op, "cannot run bash to resolve the kernel", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelTestException(op, "interrupted", e);
        }
    }
}
