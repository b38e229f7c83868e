// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

/**
 * One experiment of {@code kb bench}. An implementation takes its options
 * (a record of its own) in its constructor, runs against the device in
 * {@link #run} and returns its result as a record that the JSON library
 * serialises into bench.json. A new experiment is a new class implementing
 * this, plus its line in {@code BenchCommand}.
 */
public interface Experiment {

    /** The name on the command line and in bench.json's {@code "experiment"}. */
    String name();

    /**
     * Runs the experiment; leaves no thread behind, also when it fails.
     *
     * @param context the open bridge and the device node it was opened on
     * @return the result: series, rows, notes and the experiment's own figures
     * @throws Exception when the device or an operation fails (the bench stops)
     */
    ExperimentResult run(ExperimentContext context) throws Exception;
}
