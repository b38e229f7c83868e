// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.cli;

import dev.kthreadbridge.bench.SystemInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ps", mixinStandardHelpOptions = true,
        header = "List kernel threads by name prefix, and the module's live thread count.",
        description = "Kernel threads (children of kthreadd) whose name starts with PREFIX, and the module's"
                + " live thread count (nr_threads, over all open files). Handles are per open file, so"
                + " other processes' threads are shown by pid and name only. Reads /proc and /sys: no"
                + " need to open the device, nor to be root.")
final class PsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", defaultValue = "kb-",
            description = "Name prefix: kb run and kb bench name their threads kb-...; plain \"kb\" would also"
                    + " match the kernel's kblockd (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<Integer, String> k = SystemInfo.kthreadsWithPrefix(prefix);
        out.printf("module nr_threads: %s%n", SystemInfo.moduleThreads() < 0 ? "(module not loaded)"
                : SystemInfo.moduleThreads());
        out.printf("%7s %-16s %s%n", "PID", "COMM", "STATE");
        k.forEach((pid, v) -> {
            int sp = v.lastIndexOf(' ');
            out.printf("%7d %-16s %s%n", pid, v.substring(0, sp), v.substring(sp + 1));
        });
        out.printf("%d kthread(s) named %s*%n", k.size(), prefix);
        return 0;
    }
}
