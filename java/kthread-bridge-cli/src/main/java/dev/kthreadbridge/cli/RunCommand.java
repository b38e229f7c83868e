// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.cli;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
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

    @Option(names = {"-w", "--workload"}, defaultValue = "idle",
            description = "idle | exit:N | spin:DURATION | periodic:DURATION | wait (default ${DEFAULT-VALUE})")
    String workload;
    @Option(names = {"-n", "--name"}, defaultValue = "kb-run", description = "name (index appended if COUNT > 1)")
    String name;
    @Option(names = "--cpu", description = "bind to this CPU (kthread_bind)")
    Integer cpu;
    @Option(names = {"-c", "--count"}, defaultValue = "1")
    int count;
    @Option(names = "--hold", defaultValue = "0s", description = "how long to keep them (e.g. 5s)")
    String hold;
    @Option(names = "--until-enter", description = "hold until a line on stdin (or EOF)")
    boolean untilEnter;
    @Option(names = "--no-wake", description = "create only (kthread_create); stop them unwoken")
    boolean noWake;
    @Option(names = "--device", defaultValue = "/dev/kthread_bridge")
    Path device;

    @Override
    public Integer call() throws Exception {
        ThreadSpec base = ThreadSpec.of(Main.workload(workload), name);
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
            Duration d = Main.duration(hold);
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
}
