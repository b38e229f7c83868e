// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every report states first: kernel, accelerator, machine, JVM, so an
 * emulated number is never mistaken for a bare-metal one.
 *
 * <p>Accelerator: the {@code KB_ACCEL} environment variable if set
 * (scripts/bench/run.sh passes what vm-run.sh chose: KVM or TCG); else a
 * guess from /proc/cpuinfo: a "QEMU" CPU model means TCG, a hypervisor flag
 * means some virtualization, neither means bare metal (as far as visible).
 */
public final class SystemInfo {

    private SystemInfo() {
    }

    public static Map<String, Object> collect() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", read("/proc/sys/kernel/osrelease").orElse(System.getProperty("os.version")));
        m.put("kernel_version", read("/proc/sys/kernel/version").orElse("?"));
        String cpuinfo = read("/proc/cpuinfo").orElse("");
        String model = field(cpuinfo, "model name");
        boolean hypervisor = cpuinfo.lines().anyMatch(l -> l.startsWith("flags") && l.contains(" hypervisor"));
        String env = System.getenv("KB_ACCEL");
        String accel;
        String source;
        if (env != null && !env.isBlank()) {
            accel = env.trim();
            source = "KB_ACCEL";
        } else if (model.contains("QEMU")) {
            accel = "TCG";
            source = "detected: QEMU CPU model";
        } else if (hypervisor) {
            accel = "virtualized";
            source = "detected: hypervisor CPU flag (KVM or another hypervisor)";
        } else {
            accel = "none";
            source = "detected: no hypervisor flag (bare metal as far as visible)";
        }
        m.put("accelerator", accel);
        m.put("accelerator_source", source);
        m.put("in_vm_runner", System.getenv("KB_VM") != null);
        m.put("cpu_model", model.isEmpty() ? "?" : model);
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("mem_total_kib", meminfo().getOrDefault("MemTotal", -1L));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("host_machine", System.getenv().getOrDefault("KB_HOST_MACHINE", ""));
        m.put("time", Instant.now().toString());
        return m;
    }

    /** One line for headers: kernel, accelerator, machine, JVM. */
    public static String headline(Map<?, ?> sys) {
        return "kernel " + sys.get("kernel") + " | accelerator " + sys.get("accelerator")
                + " (" + sys.get("accelerator_source") + ") | " + sys.get("cpus") + " CPU(s) "
                + sys.get("cpu_model") + " | " + sys.get("jvm")
                + (String.valueOf(sys.get("host_machine")).isEmpty() ? "" : " | host " + sys.get("host_machine"));
    }

    private static String field(String cpuinfo, String key) {
        return cpuinfo.lines().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
    }

    /** /proc/meminfo in KiB by key. */
    public static Map<String, Long> meminfo() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String l : read("/proc/meminfo").orElse("").split("\n")) {
            String[] kv = l.split(":\\s+");
            if (kv.length == 2) {
                try {
                    m.put(kv[0], Long.parseLong(kv[1].replace(" kB", "").trim()));
                } catch (NumberFormatException e) {
                    // not a number: skip
                }
            }
        }
        return m;
    }

    /** Where the loaded module shows itself in sysfs. */
    public static final Path MODULE_DIR = Path.of("/sys/module/kthread_bridge");

    /** The module's live thread count (parameter nr_threads), or -1 without the module. */
    public static long moduleThreads() {
        return moduleThreads(MODULE_DIR);
    }

    /** As {@link #moduleThreads()}, from the module's sysfs directory {@code moduleDir}. */
    public static long moduleThreads(Path moduleDir) {
        return read(moduleDir.resolve("parameters").resolve("nr_threads").toString()).map(s -> {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }

    /** Kernel threads (children of kthreadd, pid 2) whose comm starts with prefix: pid → comm. */
    public static Map<Integer, String> kthreadsWithPrefix(String prefix) {
        Map<Integer, String> out = new java.util.TreeMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String comm = read(d.resolve("comm").toString()).orElse("").trim();
                if (!comm.startsWith(prefix)) {
                    continue;
                }
                String stat = read(d.resolve("stat").toString()).orElse("");
                int close = stat.lastIndexOf(')');
                if (close < 0) {
                    continue;
                }
                List<String> f = List.of(stat.substring(close + 2).split(" "));
                if (f.size() > 1 && f.get(1).equals("2")) {
                    out.put(Integer.parseInt(name), comm + " " + f.get(0));
                }
            }
        } catch (IOException e) {
            // /proc unreadable: report nothing
        }
        return out;
    }

    public static java.util.Optional<String> read(String path) {
        try {
            return java.util.Optional.of(Files.readString(Path.of(path)).strip());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
