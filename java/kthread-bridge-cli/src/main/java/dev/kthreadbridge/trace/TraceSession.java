// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A kernel trace of this process's kthread-bridge calls in a tracefs instance of its own,
 * {@code instances/kb-<pid>} (global tracing is left alone; the instance is removed on close): trace_clock mono,
 * a bounded ring buffer per CPU, the scheduler events and the module's {@code kthread_bridge} events, filtered
 * by set_event_pid to this process's threads and kthreadd with event-fork (so the kthreads kthreadd creates and
 * the Java threads started meanwhile are followed). Needs root and tracefs mounted.
 */
public final class TraceSession implements AutoCloseable {
    /** Where tracefs is mounted on current kernels. */
    public static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    public static final int DEFAULT_BUFFER_KB = 8192;
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    private static final int KTHREADD = 2;
    static final List<String> SCHED_EVENTS = List.of("sched/sched_switch", "sched/sched_wakeup",
            "sched/sched_waking", "sched/sched_wakeup_new", "sched/sched_migrate_task", "sched/sched_process_exit",
            "task/task_newtask");
    private static final Pattern STAT = Pattern.compile("^(overrun|dropped events):\\s*(\\d+)", Pattern.MULTILINE);

    private final Path instance;
    private final int javaPid;
    private final long maxBytes;
    private final Set<Integer> javaThreads = new TreeSet<>();
    private boolean closed;

    private TraceSession(Path instance, int javaPid, long maxBytes) {
        this.instance = instance;
        this.javaPid = javaPid;
        this.maxBytes = maxBytes;
    }

    /** Starts a session on the tracefs at {@link #TRACEFS} with the default bounds. */
    public static TraceSession start() throws TraceException {
        return start(TRACEFS, DEFAULT_BUFFER_KB, DEFAULT_MAX_BYTES);
    }

    /**
     * Creates the instance, sets it up and turns tracing on.
     *
     * @param bufferKb ring buffer per CPU in KiB (buffer_size_kb)
     * @param maxBytes most bytes of text read back by {@link #stop()}
     */
    public static TraceSession start(Path tracefs, int bufferKb, long maxBytes) throws TraceException {
        if (bufferKb <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("trace: buffer and read bound must be positive");
        }
        check(tracefs);
        int pid = (int) ProcessHandle.current().pid();
        Path inst = tracefs.resolve("instances").resolve("kb-" + pid);
        try {
            Files.createDirectory(inst);
        } catch (AccessDeniedException e) {
            throw new TraceException("trace: cannot create " + inst + ": permission denied", "tracing needs root: run as root", e);
        } catch (IOException e) {
            throw new TraceException("trace: cannot create " + inst + ": " + e,
                    "if a stale instance is left from a killed run, rmdir " + inst, e);
        }
        TraceSession s = new TraceSession(inst, pid, maxBytes);
        try {
            s.setUp(bufferKb);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e instanceof TraceException te ? te
                    : new TraceException("trace: setting up " + inst + ": " + e, null, e);
        }
        return s;
    }

    private static void check(Path tracefs) throws TraceException {
        if (!Files.isDirectory(tracefs.resolve("instances"))) {
            if (Files.isDirectory(tracefs)) {
                throw new TraceException("trace: tracefs is not mounted at " + tracefs,
                        "mount it (as root): mount -t tracefs tracefs " + tracefs);
            }
            throw new TraceException("trace: no " + tracefs,
                    "a kernel with CONFIG_FTRACE (tracefs) and sysfs mounted at /sys is needed");
        }
        if (!Files.isWritable(tracefs.resolve("instances"))) {
            throw new TraceException("trace: " + tracefs + " is not writable", "tracing needs root: run as root");
        }
        if (!Files.isDirectory(tracefs.resolve("events/kthread_bridge"))) {
            throw new TraceException("trace: the loaded kthread_bridge module has no tracepoints (no "
                    + tracefs.resolve("events/kthread_bridge") + ")", "load a module built from this version's kmod/");
        }
    }

    private void setUp(int bufferKb) throws IOException {
        write("tracing_on", "0");
        write("trace_clock", "mono");
        write("buffer_size_kb", Integer.toString(bufferKb));
        write("options/event-fork", "1");
        javaThreads.addAll(threadsOf(javaPid));
        StringBuilder pids = new StringBuilder().append(KTHREADD);
        for (int t : javaThreads) {
            pids.append(' ').append(t);
        }
        write("set_event_pid", pids.toString());
        for (String e : SCHED_EVENTS) {
            Path enable = instance.resolve("events").resolve(e).resolve("enable");
            if (Files.exists(enable)) {
                Files.writeString(enable, "1");
            }
        }
        write("events/kthread_bridge/enable", "1");
        write("trace", "");
        write("tracing_on", "1");
    }

    /** Turns tracing off and reads the trace (at most the bound given at start) and the lost-event counts. */
    public TraceCapture stop() throws TraceException {
        long t0 = System.nanoTime();
        try {
            write("tracing_on", "0");
            javaThreads.addAll(threadsOf(javaPid));
            long lost = lostEvents();
            TraceText.Parsed parsed;
            long[] count = new long[1];
            boolean[] truncated = new boolean[1];
            try (InputStream raw = Files.newInputStream(instance.resolve("trace"));
                 BufferedReader in = new BufferedReader(bounded(new InputStreamReader(raw, StandardCharsets.UTF_8),
                         count, truncated), 1 << 16)) {
                parsed = TraceText.parse(in);
            }
            return new TraceCapture(parsed.events(), javaPid, javaThreads, kernelRelease(),
                    lost + parsed.lostInText(), count[0], truncated[0], System.nanoTime() - t0);
        } catch (IOException e) {
            throw new TraceException("trace: reading " + instance + ": " + e, null, e);
        }
    }

    /** Overruns and dropped events summed over per_cpu/cpu{@literal *}/stats. */
    private long lostEvents() throws IOException {
        long lost = 0;
        try (DirectoryStream<Path> cpus = Files.newDirectoryStream(instance.resolve("per_cpu"), "cpu*")) {
            for (Path cpu : cpus) {
                Matcher m = STAT.matcher(Files.readString(cpu.resolve("stats")));
                while (m.find()) {
                    lost += Long.parseLong(m.group(2));
                }
            }
        }
        return lost;
    }

    private Reader bounded(Reader in, long[] count, boolean[] truncated) {
        return new Reader() {
            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                if (count[0] >= maxBytes) {
                    truncated[0] = in.read() >= 0;
                    return -1;
                }
                int n = in.read(buf, off, (int) Math.min(len, maxBytes - count[0]));
                if (n > 0) {
                    count[0] += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    static Set<Integer> threadsOf(long pid) throws IOException {
        Set<Integer> tids = new TreeSet<>();
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            s.forEach(p -> tids.add(Integer.parseInt(p.getFileName().toString())));
        }
        return tids;
    }

    static String kernelRelease() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    }

    private void write(String file, String value) throws IOException {
        Files.writeString(instance.resolve(file), value);
    }

    public Path instance() {
        return instance;
    }

    /** Turns tracing off and removes the instance (its events and buffers go with it). */
    @Override
    public void close() throws TraceException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Files.exists(instance.resolve("tracing_on"))) {
                write("tracing_on", "0");
            }
            Files.deleteIfExists(instance);
        } catch (IOException e) {
            throw new TraceException("trace: cannot remove " + instance + ": " + e, "rmdir " + instance + " as root", e);
        }
    }

    /** The line on stderr when events were lost. */
    public static void warnLost(TraceCapture c, PrintWriter err) {
        if (c.lostEvents() > 0) {
            err.println("kb: trace: " + c.lostEvents() + " events lost: raise --trace-buffer (KiB per CPU)");
        }
        if (c.truncated()) {
            err.println("kb: trace: read stopped at " + c.bytesRead() + " bytes: the rest of the trace is left out");
        }
    }
}
