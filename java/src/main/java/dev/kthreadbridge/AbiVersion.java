package dev.kthreadbridge;

import java.util.Set;

/**
 * The module's ABI version and feature bits.
 *
 * @param version     KB_ABI_VERSION of the loaded module
 * @param featureBits the raw KB_FEATURE_* bits, unknown ones included
 * @param features    the known features among them
 */
public record AbiVersion(int version, long featureBits, Set<Feature> features) {

    /** The ABI version this library was built for. */
    public static final int SUPPORTED = 1;

    public AbiVersion {
        features = Set.copyOf(features);
    }

    public boolean has(Feature feature) {
        return features.contains(feature);
    }
}
