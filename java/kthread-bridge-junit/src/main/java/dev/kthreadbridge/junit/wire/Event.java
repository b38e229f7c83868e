// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.wire;

import java.util.List;
import java.util.Map;

/**
 * One test event of the guest's run, as written to the results directory
 * by the guest runner and replayed by the engine on the host. Unique ids are
 * the guest Jupiter engine's ({@code [engine:junit-jupiter]/...}).
 */
public sealed interface Event {

    /** A test or container started. */
    record Started(String uniqueId) implements Event { }

    /** A test or container was skipped, with the reason. */
    record Skipped(String uniqueId, String reason) implements Event { }

    /** A test or container finished; {@code failure} is null unless it failed or was aborted. */
    record Finished(String uniqueId, Status status, RemoteThrowable failure) implements Event { }

    /** A test or container registered at run time (dynamic tests, parameterized invocations). */
    record Dynamic(String uniqueId, String parentId, String displayName, String legacyName,
                   boolean container, boolean test, String sourceClass, String sourceMethod,
                   String sourceParams, List<String> tags) implements Event { }

    /** A reporting entry (also captured standard output and error). */
    record Report(String uniqueId, Map<String, String> entries) implements Event { }

    /** The guest watchdog stopped the run: a top-level class ran past its timeout. */
    record Hung(String uniqueId, int timeoutSeconds, String threadDump) implements Event { }

    /** The guest runner finished the whole request. */
    record End() implements Event { }

    /** How a test or container finished. */
    enum Status { SUCCESSFUL, ABORTED, FAILED }
}
