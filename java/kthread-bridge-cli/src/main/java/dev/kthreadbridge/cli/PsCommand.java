// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.bench.SystemInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ps", mixinStandardHelpOptions = true,
        header = "List kernel threads by name prefix, and the module's live thread count.",
        description = "Kernel threads (children of kthreadd) whose name starts with --prefix, and the module's"
                + " live thread count (nr_threads, over all open files). Handles are per open file, so"
                + " other processes' threads are shown by pid and name only. Reads /proc and /sys: no"
                + " need to open the device, nor to be root. Exit status 69 if the module is not loaded.")
final class PsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", defaultValue = "kb-",
            description = "Name prefix: kb run and kb bench name their threads kb-...; plain \"kb\" would also"
                    + " match the kernel's kblockd (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--json", description = "Print one JSON object (module_nr_threads, prefix, kthreads) on"
            + " stdout instead of the table.")
    boolean json;
    @Option(names = "--module-dir", hidden = true, paramLabel = "DIR", defaultValue = "/sys/module/kthread_bridge",
            description = "The module's sysfs directory, there when it is loaded (default: ${DEFAULT-VALUE}).")
    Path moduleDir;

    @Override
    public Integer call() {
        if (!Files.isDirectory(moduleDir)) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE, "the kthread_bridge module is not loaded (no "
                    + moduleDir + ")", "load it: sudo insmod kthread_bridge.ko");
        }
        long nr = SystemInfo.moduleThreads(moduleDir);
        Map<Integer, String> k = SystemInfo.kthreadsWithPrefix(prefix);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Object> threads = new ArrayList<>();
            k.forEach((pid, v) -> {
                int sp = v.lastIndexOf(' ');
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("pid", pid);
                t.put("comm", v.substring(0, sp));
                t.put("state", v.substring(sp + 1));
                threads.add(t);
            });
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("module_nr_threads", nr < 0 ? null : nr);
            doc.put("prefix", prefix);
            doc.put("kthreads", threads);
            out.println(Json.compact(doc));
            return ExitCodes.OK;
        }
        out.printf("module nr_threads: %s%n", nr < 0 ? "?" : nr);
        out.printf("%7s %-16s %s%n", "PID", "COMM", "STATE");
        k.forEach((pid, v) -> {
            int sp = v.lastIndexOf(' ');
            out.printf("%7d %-16s %s%n", pid, v.substring(0, sp), v.substring(sp + 1));
        });
        out.printf("%d kthread(s) named %s*%n", k.size(), prefix);
        return ExitCodes.OK;
    }
}
