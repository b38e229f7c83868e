// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of one kthread of the run as the module's tracepoints saw it: its pid, handle and comm and the
 * trace time (ns) at which each phase began, -1 for a phase it never had.
 */
public record KthreadPhases(int pid, long handle, String comm, long[] phaseNanos) {
    /** The phases in order, as named in the trace file. */
    public static final List<String> PHASES = List.of("created", "woken", "running", "stopped", "exited");

    public long begin(String phase) {
        return phaseNanos[PHASES.indexOf(phase)];
    }

    /**
     * The kthreads created (kb_created) by the given threads (all creators if {@code creators} is empty), in
     * order of creation, with their phases: kb_woken, kb_entered, kb_stop, and kb_exited (or kb_stopped for a
     * thread stopped before it ran).
     */
    public static List<KthreadPhases> of(Collection<TraceEvent> events, Set<Integer> creators) {
        Map<Integer, KthreadPhases> byPid = new LinkedHashMap<>();
        Map<Integer, Long> stoppedUnrun = new LinkedHashMap<>();
        for (TraceEvent e : events) {
            if (e.name().equals("kb_created") && (creators.isEmpty() || creators.contains(e.pid()))) {
                long[] ts = {-1, -1, -1, -1, -1};
                ts[0] = e.timestampNanos();
                int pid = (int) e.number("pid", 0);
                byPid.putIfAbsent(pid, new KthreadPhases(pid, e.number("handle", 0), e.field("comm", "?"), ts));
                continue;
            }
            int phase = switch (e.name()) {
                case "kb_woken" -> 1;
                case "kb_entered" -> 2;
                case "kb_stop" -> 3;
                case "kb_exited" -> 4;
                case "kb_stopped" -> 5;
                default -> -1;
            };
            KthreadPhases k = phase < 0 ? null : byPid.get((int) e.number("pid", 0));
            if (k == null) {
                continue;
            }
            if (phase == 5) {
                stoppedUnrun.putIfAbsent(k.pid(), e.timestampNanos());
            } else if (k.phaseNanos[phase] < 0) {
                k.phaseNanos[phase] = e.timestampNanos();
            }
        }
        List<KthreadPhases> out = new ArrayList<>(byPid.values());
        for (KthreadPhases k : out) {
            Long s = stoppedUnrun.get(k.pid());
            if (k.phaseNanos[4] < 0 && k.phaseNanos[2] < 0 && s != null) {
                k.phaseNanos[4] = s;
            }
        }
        return out;
    }
}
