// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.bench.SystemInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "stop", mixinStandardHelpOptions = true,
        header = "Show kernel threads by PID and why kb cannot stop another process's threads.",
        description = "Threads can be stopped only through the open file that created them: by the"
                + " process that holds it (kb run stops its own threads when --hold ends), or by that"
                + " process exiting, which closes the file and makes the module stop every thread it"
                + " owns. This command shows the PIDs given (or all kb-* kthreads) and says so.")
final class StopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Strings, converted in {@link #call()}: picocli reports a bad varargs value as unmatched, not as bad. */
    @Parameters(arity = "0..*", paramLabel = "PID", description = "Process IDs to look at (default: every kb-* kthread).")
    List<String> pidArgs = new ArrayList<>();

    @Override
    public Integer call() {
        List<Integer> pids = new ArrayList<>();
        for (String p : pidArgs) {
            try {
                pids.add(new Converters.PositiveInt().convert(p));
            } catch (TypeConversionException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for positional parameter (PID): "
                        + e.getMessage());
            }
        }
        Map<Integer, String> k = SystemInfo.kthreadsWithPrefix("");
        Map<Integer, String> mine = SystemInfo.kthreadsWithPrefix("kb-");
        List<Integer> list = pids.isEmpty() ? new ArrayList<>(mine.keySet()) : pids;
        PrintWriter out = spec.commandLine().getOut();
        for (int pid : list) {
            out.printf("%d: %s%n", pid, k.containsKey(pid) ? "kthread " + k.get(pid)
                    + ": owned by another process's open file; stop it there or end that process"
                    : "not a kernel thread (or gone)");
        }
        if (list.isEmpty()) {
            out.println("no kb-* kernel threads");
            return ExitCodes.OK;
        }
        if (list.stream().noneMatch(k::containsKey)) {
            throw new CommandFailure(ExitCodes.FAILED, "no kernel thread among the PIDs given",
                    "kb ps lists the kb-* kernel threads");
        }
        throw new CommandFailure(ExitCodes.FAILED, "kb stop cannot stop kernel threads of another process:"
                + " handles belong to the open file that created them",
                "stop them in the process that holds it (kb run stops its own when --hold ends), or end that process");
    }
}
