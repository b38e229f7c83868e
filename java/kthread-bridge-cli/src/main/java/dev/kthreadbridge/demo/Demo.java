// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.demo;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.ThreadStatus;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.bench.Json;
import dev.kthreadbridge.cli.Main;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Creates a handful of kernel threads with different workloads, shows them
 * before and after waking them, stops them and prints each result with its
 * lifecycle latencies from the kernel timestamps.
 *
 * <p>{@code kb demo [--json] [--device PATH]}, or as before
 * {@code java -cp kb-cli.jar dev.kthreadbridge.demo.Demo [--json] [--device PATH]}:
 * both go through kb's command line, with its one-line errors and exit statuses.
 */
public final class Demo {

    private record Entry(String label, KernelThread thread, boolean wake) {
    }

    private final boolean json;
    private final PrintWriter out;
    private final Map<String, Object> doc = new LinkedHashMap<>();

    private Demo(boolean json, PrintWriter out) {
        this.json = json;
        this.out = out;
    }

    /** {@code kb demo ARGS}: exits with kb's status. */
    public static void main(String[] args) {
        String[] kb = new String[args.length + 1];
        kb[0] = "demo";
        System.arraycopy(args, 0, kb, 1, args.length);
        Main.main(kb);
    }

    /**
     * Runs the demo on the device at {@code device}.
     *
     * @param device the device node
     * @param json   one JSON object (device, abi_version, created, woken, stopped) instead of the tables
     * @param out    where it goes
     * @throws dev.kthreadbridge.KthreadBridgeException      if the device or the kernel refuses
     * @throws dev.kthreadbridge.LibraryUnavailableException if the native shim cannot be used
     */
    public static void run(Path device, boolean json, PrintWriter out) {
        new Demo(json, out).run(device);
    }

    private void run(Path device) {
        try (KthreadBridge bridge = KthreadBridge.open(device)) {
            List<Entry> entries = new ArrayList<>();
            entries.add(new Entry("idle", bridge.create(ThreadSpec.of(Workload.idle(), "kb-idle")), true));
            entries.add(new Entry("exit 42", bridge.create(ThreadSpec.of(Workload.exit(42), "kb-exit42")), true));
            entries.add(new Entry("spin 200 ms",
                    bridge.create(ThreadSpec.of(Workload.spin(Duration.ofMillis(200)), "kb-spin")), true));
            entries.add(new Entry("periodic 5 ms",
                    bridge.create(ThreadSpec.of(Workload.periodic(Duration.ofMillis(5)), "kb-periodic")), true));
            entries.add(new Entry("idle, cpu 0",
                    bridge.create(ThreadSpec.of(Workload.idle(), "kb-cpu0").boundTo(0)), true));
            entries.add(new Entry("idle, never woken",
                    bridge.create(ThreadSpec.of(Workload.idle(), "kb-never")), false));

            if (json) {
                doc.put("device", device.toString());
                doc.put("abi_version", bridge.abiVersion().version());
            } else {
                out.println("kthread_bridge " + device + ", ABI " + bridge.abiVersion().version());
            }
            table("created", entries);
            for (Entry e : entries) {
                if (e.wake()) {
                    e.thread().wake();
                }
            }
            sleep(50);
            table("woken", entries);
            results(entries);
            if (json) {
                out.println(Json.compact(doc));
            }
        }
    }

    private void table(String title, List<Entry> entries) {
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (Entry e : entries) {
                ThreadInfo info = e.thread().info();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("pid", e.thread().pid());
                m.put("comm", info.comm());
                m.put("proc_state", ProcStat.state(e.thread().pid(), info.startTimeNanos()));
                m.put("state", info.state().name());
                m.put("cpu", info.cpu());
                m.put("workload", e.label());
                m.put("status", info.status().stream().sorted().map(ThreadStatus::name).toList());
                m.put("iterations", info.iterations());
                m.put("wakeups", info.wakeups());
                rows.add(m);
            }
            doc.put(title, rows);
            return;
        }
        out.println();
        out.println(title + ":");
        String fmt = "%7s  %-16s %-5s %-13s %3s  %-18s %s%n";
        out.printf(fmt, "PID", "COMM", "PROC", "STATE", "CPU", "WORKLOAD", "STATUS");
        for (Entry e : entries) {
            ThreadInfo info = e.thread().info();
            // the pid it was created with: INFO reports 0 once it exited
            out.printf(fmt, e.thread().pid(), info.comm(), ProcStat.state(e.thread().pid(), info.startTimeNanos()),
                    info.state() + "(" + info.stateLetter() + ")", info.cpu(), e.label(),
                    info.status().stream().sorted().map(ThreadStatus::name).collect(Collectors.joining(",")));
        }
    }

    private void results(List<Entry> entries) {
        List<Object> stopped = new ArrayList<>();
        if (!json) {
            out.println();
            out.println("stopped:");
            out.printf("%7s  %-16s %-18s %-13s %13s %13s %13s%n",
                    "PID", "COMM", "WORKLOAD", "RESULT", "CREATE µs", "WAKE→ENTRY µs", "STOP→EXIT µs");
        }
        for (Entry e : entries) {
            StopResult r = e.thread().stop();
            ThreadInfo info = r.info();
            String result = switch (r) {
                case StopResult.Returned ret -> "Returned " + ret.value();
                case StopResult.NeverRan never -> "NeverRan";
            };
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("pid", e.thread().pid());
                m.put("comm", info.comm());
                m.put("workload", e.label());
                m.put("result", result);
                m.put("value", r instanceof StopResult.Returned ret ? ret.value() : null);
                m.put("create_cost_ns", ns(info.createCost()));
                m.put("wake_to_entry_ns", ns(info.wakeToEntry()));
                m.put("stop_to_exit_ns", ns(info.stopToExit()));
                m.put("stop_cost_ns", ns(info.stopCost()));
                stopped.add(m);
            } else {
                out.printf("%7d  %-16s %-18s %-13s %13s %13s %13s%n", e.thread().pid(), info.comm(), e.label(),
                        result, us(info.createCost()), us(info.wakeToEntry()), us(info.stopToExit()));
            }
        }
        if (json) {
            doc.put("stopped", stopped);
        }
    }

    private static String us(Optional<Duration> d) {
        return d.map(x -> String.format("%.1f", x.toNanos() / 1000.0)).orElse("-");
    }

    private static Long ns(Optional<Duration> d) {
        return d.map(Duration::toNanos).orElse(null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
