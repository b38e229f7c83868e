// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.JfrRecording;
import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.trace.JfrSpans;
import dev.kthreadbridge.trace.TraceSession;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    @Option(names = "--json", description = "Print one JSON object (device, abi_version, created, held,"
            + " stopped) on stdout instead of the tables.")
    boolean json;
    @Option(names = "--trace", paramLabel = "FILE", description = "Trace the run in the kernel (tracefs, needs root)"
            + " and write it to FILE in the Trace Event Format (Perfetto, chrome://tracing): CPU and kthread tracks,"
            + " the lifecycle phases, the Java calls linked to them.")
    Path trace;
    @Mixin
    TraceOptions traceOptions;
    @Option(names = "--jfr", paramLabel = "FILE", description = "Record a JFR file of the run: one event per"
            + " kernel operation and the JDK's default events (docs/jfr.md).")
    Path jfr;
    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        checkNames();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> doc = new LinkedHashMap<>();
        List<KernelThread> ts = new ArrayList<>();
        try (JfrRecording rec = JfrRecording.start(jfr); JfrSpans spans = trace == null ? null : JfrSpans.start();
                KthreadBridge b = device.open(); TraceSession session = trace == null ? null : traceOptions.start()) {
            doc.put("device", device.path.toString());
            doc.put("abi_version", b.abiVersion().version());
            for (int i = 0; i < count; i++) {
                ThreadSpec s = ThreadSpec.of(workload, count > 1 ? name + i : name);
                KernelThread t = b.create(cpu == null ? s : s.boundTo(cpu));
                ts.add(t);
                if (!noWake) {
                    t.wake();
                }
            }
            table(out, doc, "created", ts);
            // in --json mode stdout holds the document alone: what kb waits for goes to stderr
            PrintWriter note = json ? spec.commandLine().getErr() : out;
            if (untilEnter) {
                note.println("holding; press Enter to stop them");
                note.flush();
                new BufferedReader(new InputStreamReader(System.in)).readLine();
            } else if (!hold.isZero()) {
                note.println("holding for " + hold.toMillis() + " ms");
                note.flush();
                Thread.sleep(hold.toMillis());
                table(out, doc, "held", ts);
            }
            List<Object> stopped = new ArrayList<>();
            for (KernelThread t : ts) {
                StopResult r = t.stop();
                stopped.add(ThreadJson.stopped(t.name(), t.pid(), r));
                if (!json) {
                    String what = switch (r) {
                        case StopResult.Returned ret -> "returned " + ret.value();
                        case StopResult.NeverRan never -> "never ran (kthread_stop " + never.result() + ")";
                    };
                    out.printf("stopped %s (pid %d): %s; lifetime %s%n", t.name(), t.pid(), what,
                            r.info().lifetime().map(x -> x.toNanos() / 1000 + " us").orElse("-"));
                }
            }
            doc.put("stopped", stopped);
            if (session != null) {
                TraceOptions.finish(session, trace, spans.stop(), spec.commandLine().getErr());
            }
        }
        if (json) {
            out.println(Json.compact(doc));
        }
        return ExitCodes.OK;
    }

    /** The threads as the module sees them now: a table, or (--json) the array {@code key} of the document. */
    private void table(PrintWriter out, Map<String, Object> doc, String key, List<KernelThread> ts) {
        List<Object> rows = new ArrayList<>();
        if (!json) {
            out.println(HEADER);
        }
        for (KernelThread t : ts) {
            ThreadInfo i = t.info();
            rows.add(ThreadJson.info(i));
            if (!json) {
                out.println(row(i));
            }
        }
        doc.put(key, rows);
    }

    static final String HEADER = String.format("%6s %7s %-16s %-5s %3s %10s %8s  %s", "HANDLE", "PID", "COMM",
            "STATE", "CPU", "ITERS", "WAKEUPS", "STATUS");

    static String row(ThreadInfo i) {
        return String.format(Locale.ROOT, "%6d %7d %-16s %-5s %3s %10d %8d  %s", i.handle(), i.pid(), i.comm(),
                i.state(), i.cpu(), i.iterations(), i.wakeups(), i.status());
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
