// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import java.util.List;

/**
 * An experiment's outcome: a record serialised (snake_case names) into one
 * element of bench.json's {@code "experiments"}. Every result has these
 * members; each experiment adds its own figures.
 */
public sealed interface ExperimentResult permits LifecycleExperiment.Result, ControlExperiment.Result,
        WakeupExperiment.Result, ScaleExperiment.Result, FilesExperiment.Result, CyclesExperiment.Result {

    /** The experiment's name. */
    String experiment();

    /** What was measured and how, in a sentence or two. */
    String description();

    /** The latency series. */
    List<SeriesSummary> series();

    /** The table rows (a record type per experiment). */
    List<? extends Record> rows();

    /** What was not measured and why, and how to read the numbers. */
    List<String> notes();
}
