// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Checks, before a guest is booted, what it needs, and fails naming the
 * fix: the runner script, QEMU, busybox, the kernel image and, for the
 * module, the kernel's headers. Tells whether KVM or TCG will be used.
 */
final class Prerequisites {

    private Prerequisites() {
    }

    /** The installed release for {@code kernel} (an alias or a release); throws naming the fix. */
    static String check(Settings settings, String kernel, boolean loadModule) {
        String op = "preparing a guest for kernel " + kernel;
        Path vmRun = settings.vmRun();
        if (vmRun == null || !Files.isExecutable(vmRun)) {
            throw new KernelTestException(op, "no kthread-bridge runner (scripts/vm-run.sh) found upwards of "
                    + System.getProperty("user.dir") + ": set -Dkerneltest.projectRoot=<a kthread-bridge checkout>");
        }
        requireCommand(op, "qemu-system-x86_64", "apt-get install qemu-system-x86");
        requireCommand(op, "busybox", "apt-get install busybox-static");
        String release = resolve(settings.projectRoot(), kernel, op);
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

    private static void requireCommand(String op, String name, String fix) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return;
            }
        }
        throw new KernelTestException(op, name + " is not on the PATH: " + fix);
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
