// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a {@link TraceCapture} and the Java spans of the run as one Trace Event Format file (JSON object form,
 * format "kthread-bridge-trace/1", contract C of issue 15) that Perfetto and chrome://tracing open: a track per
 * CPU (who ran, from sched_switch), a track per kthread of the run (its lifecycle phases as slices, scheduler
 * instants), the Java threads' spans, and flow events from each Java call to the phase it caused.
 */
public final class PerfettoTrace {
    public static final String FORMAT = "kthread-bridge-trace/1";
    public static final int CPU_PID = 1_000_000;
    public static final int KTHREAD_PID = 1_000_001;
    private static final int KTHREADD = 2;
    /** The phase each Java operation causes (the flow event's target). */
    private static final Map<String, String> CAUSES = Map.of("create", "created", "run", "created",
            "wake", "woken", "stop", "stopped");

    /** What was written: counts for the caller's summary line and tests. */
    public record Summary(int kthreads, int cpus, int cpuSlices, int javaSpans, int flows, long bytes) {
    }

    private final JsonGenerator g;
    private final TraceCapture capture;
    private final Map<Integer, String> comms = new HashMap<>();
    private int cpuSlices;

    private PerfettoTrace(JsonGenerator g, TraceCapture capture) {
        this.g = g;
        this.capture = capture;
    }

    public static Summary write(Path file, TraceCapture capture, List<JavaSpan> spans) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<KthreadPhases> kthreads = KthreadPhases.of(capture.events(), capture.javaThreads());
        int flows;
        Set<Integer> cpus;
        PerfettoTrace w;
        try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            w = new PerfettoTrace(g, capture);
            g.writeStartObject();
            g.writeArrayFieldStart("traceEvents");
            w.learnComms();
            cpus = w.cpuTracks(kthreads);
            w.kthreadTracks(kthreads);
            w.javaTracks(spans);
            flows = w.flows(spans, kthreads);
            g.writeEndArray();
            g.writeStringField("displayTimeUnit", "ns");
            g.writeObjectFieldStart("otherData");
            g.writeStringField("format", FORMAT);
            g.writeStringField("kernel", capture.kernel());
            g.writeStringField("clock", "mono");
            g.writeNumberField("threads", kthreads.size());
            g.writeNumberField("lostEvents", capture.lostEvents());
            g.writeNumberField("javaPid", capture.javaPid());
            g.writeBooleanField("truncated", capture.truncated());
            g.writeEndObject();
            g.writeEndObject();
        }
        return new Summary(kthreads.size(), cpus.size(), w.cpuSlices, spans.size(), flows, Files.size(file));
    }

    private void learnComms() {
        for (TraceEvent e : capture.events()) {
            comms.putIfAbsent(e.pid(), e.comm());
            if (e.name().equals("sched_switch")) {
                comms.put((int) e.number("next_pid", -1), e.field("next_comm", "?"));
            }
        }
    }

    /** One track per CPU with an "X" slice per stretch a kept task ran (between its sched_switch in and out). */
    private Set<Integer> cpuTracks(List<KthreadPhases> kthreads) throws IOException {
        Set<Integer> keep = new HashSet<>(capture.javaThreads());
        keep.add(KTHREADD);
        kthreads.forEach(k -> keep.add(k.pid()));
        Set<Integer> cpus = new TreeSet<>();
        Map<Integer, long[]> running = new HashMap<>(); // cpu -> {pid, since}
        Map<Integer, String> runningComm = new HashMap<>();
        for (TraceEvent e : capture.events()) {
            cpus.add(e.cpu());
            if (!e.name().equals("sched_switch")) {
                continue;
            }
            long[] cur = running.remove(e.cpu());
            int prev = (int) e.number("prev_pid", -1);
            if (cur != null && cur[0] == prev) {
                slice(CPU_PID, e.cpu(), runningComm.get(e.cpu()), "cpu", cur[1], e.timestampNanos() - cur[1]);
                g.writeNumberField("pid", prev);
                g.writeStringField("comm", runningComm.get(e.cpu()));
                endArgs();
                cpuSlices++;
            }
            int next = (int) e.number("next_pid", -1);
            if (keep.contains(next)) {
                running.put(e.cpu(), new long[] {next, e.timestampNanos()});
                runningComm.put(e.cpu(), e.field("next_comm", "?"));
            }
        }
        meta("process_name", CPU_PID, 0, "CPUs");
        for (int cpu : cpus) {
            meta("thread_name", CPU_PID, cpu, "CPU " + cpu);
        }
        return cpus;
    }

    /** A track per kthread: its phases as slices, each lasting until the next begins; scheduler instants. */
    private void kthreadTracks(List<KthreadPhases> kthreads) throws IOException {
        meta("process_name", KTHREAD_PID, 0, "kthreads");
        Map<Integer, KthreadPhases> byPid = new HashMap<>();
        for (KthreadPhases k : kthreads) {
            byPid.put(k.pid(), k);
            meta("thread_name", KTHREAD_PID, k.pid(), k.comm() + " #" + k.handle());
            long[] ts = k.phaseNanos();
            for (int i = 0; i < ts.length; i++) {
                if (ts[i] < 0) {
                    continue;
                }
                long end = -1;
                for (int j = i + 1; j < ts.length && end < 0; j++) {
                    end = ts[j];
                }
                long dur = end < 0 ? 1 : Math.max(1, end - ts[i]);
                slice(KTHREAD_PID, k.pid(), KthreadPhases.PHASES.get(i), "phase", ts[i], dur);
                g.writeNumberField("handle", k.handle());
                g.writeNumberField("pid", k.pid());
                endArgs();
            }
        }
        for (TraceEvent e : capture.events()) {
            String name = switch (e.name()) {
                case "sched_waking", "sched_wakeup", "sched_wakeup_new", "sched_migrate_task",
                     "sched_process_exit", "task_newtask" -> e.name();
                default -> null;
            };
            KthreadPhases k = name == null ? null : byPid.get((int) e.number("pid", -1));
            if (k == null) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("ph", "i");
            g.writeStringField("s", "t");
            g.writeStringField("name", name);
            g.writeStringField("cat", "sched");
            g.writeNumberField("pid", KTHREAD_PID);
            g.writeNumberField("tid", k.pid());
            g.writeFieldName("ts");
            g.writeNumber(micros(e.timestampNanos()));
            g.writeObjectFieldStart("args");
            g.writeNumberField("cpu", e.cpu());
            g.writeNumberField("by_pid", e.pid());
            g.writeStringField("by_comm", e.comm());
            for (String f : List.of("target_cpu", "orig_cpu", "dest_cpu", "prio")) {
                if (e.fields().containsKey(f)) {
                    g.writeNumberField(f, e.number(f, 0));
                }
            }
            endArgs();
        }
    }

    private void javaTracks(List<JavaSpan> spans) throws IOException {
        int pid = capture.javaPid();
        meta("process_name", pid, 0, "java");
        Set<Long> tids = new TreeSet<>();
        for (JavaSpan s : spans) {
            tids.add(s.osThreadId());
            slice(pid, s.osThreadId(), s.operation(), "java", s.startNanos(), s.endNanos() - s.startNanos());
            g.writeNumberField("handle", s.handle());
            g.writeNumberField("pid", s.pid());
            g.writeNumberField("errno", s.errno());
            endArgs();
        }
        for (long tid : tids) {
            meta("thread_name", pid, tid, comms.getOrDefault((int) tid, "java") + " " + tid);
        }
    }

    /** A flow from each Java span to the phase of its kthread the call caused; returns how many. */
    private int flows(List<JavaSpan> spans, List<KthreadPhases> kthreads) throws IOException {
        Map<Integer, KthreadPhases> byPid = new TreeMap<>();
        kthreads.forEach(k -> byPid.put(k.pid(), k));
        int id = 0;
        for (JavaSpan s : spans) {
            String phase = CAUSES.get(s.operation());
            KthreadPhases k = phase == null ? null : byPid.get(s.pid());
            long at = k == null ? -1 : k.begin(phase);
            if (at < 0) {
                continue;
            }
            id++;
            String name = s.operation() + " -> " + phase;
            long from = Math.min(Math.max(at, s.startNanos()), s.endNanos());
            flow("s", name, id, capture.javaPid(), s.osThreadId(), from);
            flow("f", name, id, KTHREAD_PID, k.pid(), at);
        }
        return id;
    }

    private void flow(String ph, String name, int id, long pid, long tid, long ts) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", ph);
        if (ph.equals("f")) {
            g.writeStringField("bp", "e");
        }
        g.writeStringField("name", name);
        g.writeStringField("cat", "call");
        g.writeNumberField("id", id);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(micros(ts));
        g.writeEndObject();
    }

    /** Starts an "X" event and its args object: the caller writes the args, then {@link #endArgs()}. */
    private void slice(long pid, long tid, String name, String cat, long tsNanos, long durNanos) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "X");
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(micros(tsNanos));
        g.writeFieldName("dur");
        g.writeNumber(micros(durNanos));
        g.writeObjectFieldStart("args");
    }

    private void endArgs() throws IOException {
        g.writeEndObject();
        g.writeEndObject();
    }

    private void meta(String name, long pid, long tid, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", name);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        g.writeStringField("name", value);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** ns as microseconds with up to three decimals, exactly. */
    static BigDecimal micros(long nanos) {
        return BigDecimal.valueOf(nanos, 3);
    }
}
