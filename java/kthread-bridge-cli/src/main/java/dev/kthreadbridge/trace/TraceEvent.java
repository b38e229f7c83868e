// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.trace;

import java.util.Map;

/**
 * One event of a tracefs text trace: the task it ran in (comm, pid = common_pid), its CPU, its timestamp in ns
 * of the trace clock (the text file prints microseconds), the event's name without its system and its fields.
 */
public record TraceEvent(String comm, int pid, int cpu, long timestampNanos, String name, Map<String, String> fields) {
    public TraceEvent {
        fields = Map.copyOf(fields);
    }

    /** The field as a number; {@code missing} if the event has no such field. */
    public long number(String field, long missing) {
        String v = fields.get(field);
        return v == null ? missing : Long.parseLong(v);
    }

    public String field(String name, String missing) {
        return fields.getOrDefault(name, missing);
    }
}
