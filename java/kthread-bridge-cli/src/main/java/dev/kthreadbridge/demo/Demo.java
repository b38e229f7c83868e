package dev.kthreadbridge.demo;

import dev.kthreadbridge.DeviceUnavailableException;
import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.KthreadBridgeException;
import dev.kthreadbridge.LibraryUnavailableException;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.ThreadStatus;
import dev.kthreadbridge.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Creates a handful of kernel threads with different workloads, shows them
 * before and after waking them, stops them and prints each result with its
 * lifecycle latencies from the kernel timestamps.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -jar kthread-bridge.jar [--json] [--device PATH]</pre>
 */
public final class Demo {

    private record Entry(String label, KernelThread thread, boolean wake) {
    }

    private final boolean json;
    private final StringBuilder doc = new StringBuilder();

    private Demo(boolean json) {
        this.json = json;
    }

    public static void main(String[] args) {
        boolean json = false;
        Path device = KthreadBridge.DEFAULT_PATH;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--device" -> {
                    if (i + 1 >= args.length) {
                        usage("--device needs a path");
                    }
                    device = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.println("usage: Demo [--json] [--device PATH]");
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (!Files.exists(device)) {
            fail(device + " does not exist: load the module first (sudo insmod kthread_bridge.ko)");
        }
        try {
            new Demo(json).run(device);
        } catch (DeviceUnavailableException | LibraryUnavailableException e) {
            fail(e.getMessage());
        } catch (KthreadBridgeException e) {
            fail(e.getMessage());
        }
    }

    private static void usage(String message) {
        System.err.println("demo: " + message + " (usage: Demo [--json] [--device PATH])");
        System.exit(2);
    }

    private static void fail(String message) {
        System.err.println("demo: " + message);
        System.exit(1);
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
                doc.append("{\"device\":").append(str(device.toString()))
                        .append(",\"abi_version\":").append(bridge.abiVersion().version());
            } else {
                System.out.println("kthread_bridge " + device + ", ABI " + bridge.abiVersion().version());
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
                System.out.println(doc.append('}'));
            }
        }
    }

    private void table(String title, List<Entry> entries) {
        if (json) {
            doc.append(",\"").append(title).append("\":[");
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                ThreadInfo info = e.thread().info();
                doc.append(i == 0 ? "" : ",").append("{\"pid\":").append(info.pid())
                        .append(",\"comm\":").append(str(info.comm()))
                        .append(",\"proc_state\":").append(str(procState(info.pid())))
                        .append(",\"state\":").append(str(info.state().name()))
                        .append(",\"cpu\":").append(info.cpu())
                        .append(",\"workload\":").append(str(e.label()))
                        .append(",\"status\":[").append(info.status().stream().sorted()
                                .map(s -> str(s.name())).collect(Collectors.joining(","))).append("]")
                        .append(",\"iterations\":").append(info.iterations())
                        .append(",\"wakeups\":").append(info.wakeups()).append('}');
            }
            doc.append(']');
            return;
        }
        System.out.println();
        System.out.println(title + ":");
        String fmt = "%7s  %-16s %-5s %-13s %3s  %-18s %s%n";
        System.out.printf(fmt, "PID", "COMM", "PROC", "STATE", "CPU", "WORKLOAD", "STATUS");
        for (Entry e : entries) {
            ThreadInfo info = e.thread().info();
            System.out.printf(fmt, info.pid(), info.comm(), procState(info.pid()),
                    info.state() + "(" + info.stateLetter() + ")", info.cpu(), e.label(),
                    info.status().stream().sorted().map(ThreadStatus::name).collect(Collectors.joining(",")));
        }
    }

    private void results(List<Entry> entries) {
        if (json) {
            doc.append(",\"stopped\":[");
        } else {
            System.out.println();
            System.out.println("stopped:");
            System.out.printf("%7s  %-16s %-18s %-13s %13s %13s %13s%n",
                    "PID", "COMM", "WORKLOAD", "RESULT", "CREATE µs", "WAKE→ENTRY µs", "STOP→EXIT µs");
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            StopResult r = e.thread().stop();
            ThreadInfo info = r.info();
            String result = switch (r) {
                case StopResult.Returned ret -> "Returned " + ret.value();
                case StopResult.NeverRan never -> "NeverRan";
            };
            if (json) {
                doc.append(i == 0 ? "" : ",").append("{\"pid\":").append(info.pid())
                        .append(",\"comm\":").append(str(info.comm()))
                        .append(",\"workload\":").append(str(e.label()))
                        .append(",\"result\":").append(str(result))
                        .append(",\"value\":").append(r instanceof StopResult.Returned ret ? ret.value() : "null")
                        .append(",\"create_cost_ns\":").append(ns(info.createCost()))
                        .append(",\"wake_to_entry_ns\":").append(ns(info.wakeToEntry()))
                        .append(",\"stop_to_exit_ns\":").append(ns(info.stopToExit()))
                        .append(",\"stop_cost_ns\":").append(ns(info.stopCost())).append('}');
            } else {
                System.out.printf("%7d  %-16s %-18s %-13s %13s %13s %13s%n", info.pid(), info.comm(), e.label(),
                        result, us(info.createCost()), us(info.wakeToEntry()), us(info.stopToExit()));
            }
        }
        if (json) {
            doc.append(']');
        }
    }

    private static String procState(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() ? String.valueOf(stat.charAt(close + 2)) : "?";
        } catch (IOException e) {
            return "-";
        }
    }

    private static String us(Optional<Duration> d) {
        return d.map(x -> String.format("%.1f", x.toNanos() / 1000.0)).orElse("-");
    }

    private static String ns(Optional<Duration> d) {
        return d.map(x -> Long.toString(x.toNanos())).orElse("null");
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
