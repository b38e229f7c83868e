package dev.kthreadbridge;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Feature bits the module reports with its ABI version (KB_FEATURE_*). */
public enum Feature {
    /** CREATE RUN WAKE STOP INFO LIST. */
    LIFECYCLE(1L),
    /** Binding to a CPU at creation. */
    BIND_CPU(1L << 1),
    /** STOP returns the final thread info. */
    STOP_INFO(1L << 2);

    private final long bit;

    Feature(long bit) {
        this.bit = bit;
    }

    public long bit() {
        return bit;
    }

    /** The known features set in {@code bits}, unmodifiable. */
    public static Set<Feature> fromBits(long bits) {
        EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
        for (Feature f : values()) {
            if ((bits & f.bit) != 0) {
                set.add(f);
            }
        }
        return Collections.unmodifiableSet(set);
    }
}
