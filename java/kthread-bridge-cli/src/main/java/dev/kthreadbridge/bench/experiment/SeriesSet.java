// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench.experiment;

import dev.kthreadbridge.bench.Lat;

import java.util.ArrayList;
import java.util.List;

/** The latency series of a run, in the order they were opened. */
final class SeriesSet {
    private final List<Lat> lats = new ArrayList<>();

    /** A new, empty series named {@code name}. */
    Lat lat(String name) {
        Lat l = new Lat(name);
        lats.add(l);
        return l;
    }

    List<SeriesSummary> summaries() {
        return lats.stream().map(SeriesSummary::of).toList();
    }
}
