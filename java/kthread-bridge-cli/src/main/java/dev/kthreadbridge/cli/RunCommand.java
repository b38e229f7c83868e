// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.cli;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Creates COUNT kthreads, wakes them, shows them, holds them for --hold (or until",
                "Enter with --until-enter), then stops them and prints what each returned. The threads",
                "belong to this process's open file: they end with it at the latest."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workload"}, defaultValue = "idle", converter = Converters.WorkloadConverter.class,
            description = "idle | exit:N | spin:DURATION | periodic:DURATION | wait (default ${DEFAULT-VALUE})")
    Workload workload;
    @Option(names = {"-n", "--name"}, defaultValue = "kb-run", description = "name (index appended if COUNT > 1)")
    String name;
    @Option(names = "--cpu", converter = Converters.NonNegativeInt.class, description = "bind to this CPU (kthread_bind)")
    Integer cpu;
    @Option(names = {"-c", "--count"}, defaultValue = "1", converter = Converters.PositiveInt.class)
    int count;
    @Option(names = "--hold", defaultValue = "0s", converter = Converters.DurationConverter.class,
            description = "how long to keep them (e.g. 5s)")
    Duration hold;
    @Option(names = "--until-enter", description = "hold until a line on stdin (or EOF)")
    boolean untilEnter;
    @Option(names = "--no-wake", description = "create only (kthread_create); stop them unwoken")
    boolean noWake;
    @Option(names = "--device", defaultValue = "/dev/kthread_bridge")
    Path device;

    @Override
    public Integer call() throws Exception {
        checkNames();
        ThreadSpec base = ThreadSpec.of(workload, name);
        List<KernelThread> ts = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        try (KthreadBridge b = KthreadBridge.open(device)) {
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
