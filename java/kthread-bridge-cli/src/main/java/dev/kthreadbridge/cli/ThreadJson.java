// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The JSON objects of {@code kb run --json}: a thread as the module sees it, and how it stopped. */
final class ThreadJson {

    private ThreadJson() {
    }

    /**
     * handle, pid (0 once the thread exited: the kernel may reuse the number),
     * start_time_ns (with the pid, the task in /proc), comm, state, cpu,
     * iterations, wakeups and status (names, sorted).
     */
    static Map<String, Object> info(ThreadInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handle", i.handle());
        m.put("pid", i.pid());
        m.put("start_time_ns", i.startTimeNanos());
        m.put("comm", i.comm());
        m.put("state", i.state().name());
        m.put("cpu", i.cpu());
        m.put("iterations", i.iterations());
        m.put("wakeups", i.wakeups());
        m.put("status", i.status().stream().sorted().map(ThreadStatus::name).toList());
        return m;
    }

    /**
     * name, pid (the one it had), result ("returned" or "never_ran"), value
     * (what threadfn returned, or null), kthread_stop (its result when the
     * thread never ran, or null) and lifetime_ns (or null).
     */
    static Map<String, Object> stopped(String name, int pid, StopResult r) {
        ThreadInfo i = java.util.Objects.requireNonNull(r.info(), "stop()'s result has the final info");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("pid", pid);
        switch (r) {
            case StopResult.Returned ret -> {
                m.put("result", "returned");
                m.put("value", ret.value());
                m.put("kthread_stop", null);
            }
            case StopResult.NeverRan never -> {
                m.put("result", "never_ran");
                m.put("value", null);
                m.put("kthread_stop", never.result());
            }
        }
        m.put("lifetime_ns", nanos(i.lifetime()));
        return m;
    }

    private static Long nanos(Optional<Duration> d) {
        return d.map(Duration::toNanos).orElse(null);
    }
}
