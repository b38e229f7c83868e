// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.cli;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Create, wake, show, hold and stop kernel threads.",
        description = "Creates COUNT kthreads, wakes them, shows them, holds them for --hold (or until"
                + " Enter with --until-enter), then stops them and prints what each returned. The threads"
                + " belong to this process's open file: they end with it at the latest.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workload"}, defaultValue = "idle", converter = Converters.WorkloadConverter.class,
            paramLabel = "WORKLOAD", description = {"What each thread runs: " + Converters.WORKLOAD_FORM + "; DURATION"
                    + " like 500us, 10ms, 2s (spin 1 ns .. 60 s, periodic 10 us .. 60 s, 1ms if left out)"
                    + " (default: ${DEFAULT-VALUE})."})
    Workload workload;
    @Option(names = {"-n", "--name"}, defaultValue = "kb-run", paramLabel = "NAME",
            description = "Thread name, with the index appended if COUNT > 1; at most 31 bytes (default:"
                    + " ${DEFAULT-VALUE}).")
    String name;
    @Option(names = "--cpu", paramLabel = "CPU", converter = Converters.NonNegativeInt.class,
            description = "Bind the threads to this CPU (kthread_bind); it must be online.")
    Integer cpu;
    @Option(names = {"-c", "--count"}, defaultValue = "1", paramLabel = "COUNT", converter = Converters.PositiveInt.class,
            description = "How many threads (default: ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--hold", defaultValue = "0s", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "How long to keep them before stopping them, e.g. 5s (default: ${DEFAULT-VALUE}).")
    Duration hold;
    @Option(names = "--until-enter", description = "Hold until a line on stdin (or EOF) instead of --hold.")
    boolean untilEnter;
    @Option(names = "--no-wake", description = "Create only (kthread_create) and stop them unwoken.")
    boolean noWake;
    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        checkNames();
        ThreadSpec base = ThreadSpec.of(workload, name);
        List<KernelThread> ts = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        try (KthreadBridge b = device.open()) {
            for (int i = 0; i < count; i++) {
                ThreadSpec s = new ThreadSpec(base.workload(), count > 1 ? name + i : name, base.cpu());
                if (cpu != null) {
                    s = s.boundTo(cpu);
                }
                KernelThread t = b.create(s);
                ts.add(t);
                if (!noWake) {
                    t.wake();
                }
            }
            out.println(Main.HEADER);
            for (KernelThread t : ts) {
                out.println(Main.row(t.info()));
            }
            Duration d = hold;
            if (untilEnter) {
                out.println("holding; press Enter to stop them");
                new BufferedReader(new InputStreamReader(System.in)).readLine();
            } else if (!d.isZero()) {
                out.println("holding for " + d.toMillis() + " ms");
                Thread.sleep(d.toMillis());
                out.println(Main.HEADER);
                for (KernelThread t : ts) {
                    out.println(Main.row(t.info()));
                }
            }
            for (KernelThread t : ts) {
                StopResult r = t.stop();
                ThreadInfo i = r.info();
                String what = r instanceof StopResult.Returned ret ? "returned " + ret.value()
                        : "never ran (kthread_stop " + ((StopResult.NeverRan) r).result() + ")";
                out.printf("stopped %s (pid %d): %s; lifetime %s%n", t.name(), t.pid(), what,
                        i.lifetime().map(x -> x.toNanos() / 1000 + " us").orElse("-"));
            }
        }
        return 0;
    }

    /** The names the threads will get must fit the module's KB_NAME_LEN: checked before the device is opened. */
    private void checkNames() {
        String longest = count > 1 ? name + (count - 1) : name;
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--name': '" + name
                    + "' is not a thread name (not empty, no NUL)");
        }
        int bytes = longest.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= ThreadSpec.NAME_MAX_BYTES) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--name': '" + longest
                    + "' is " + bytes + " bytes" + (count > 1 ? " with the index appended" : "") + "; at most "
                    + (ThreadSpec.NAME_MAX_BYTES - 1));
        }
    }
}
