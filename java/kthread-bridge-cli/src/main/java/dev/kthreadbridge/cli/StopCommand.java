// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.cli;

import dev.kthreadbridge.bench.SystemInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Threads can be stopped only through the open file that created them: by the",
                "process that holds it (kb run stops its own threads when --hold ends), or by that",
                "process exiting, which closes the file and makes the module stop every thread it",
                "owns. This command shows the PIDs given (or all kb-* kthreads) and says so."})
final class StopCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "PID")
    List<Integer> pids = new ArrayList<>();

    @Override
    public Integer call() {
        Map<Integer, String> k = SystemInfo.kthreadsWithPrefix("");
        Map<Integer, String> mine = SystemInfo.kthreadsWithPrefix("kb-");
        List<Integer> list = pids.isEmpty() ? new ArrayList<>(mine.keySet()) : pids;
        for (int pid : list) {
            System.out.printf("%d: %s%n", pid, k.containsKey(pid) ? "kthread " + k.get(pid)
                    + ": owned by another process's open file; stop it there or end that process"
                    : "not a kernel thread (or gone)");
        }
        System.err.println("kb stop: cross-process stop is not possible by design (handles are per open file)");
        return list.isEmpty() ? 0 : 3;
    }
}
