// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
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
    public static final int SUPPORTED = 2;

    /**
     * Creates an ABI version; {@code features} is copied into an unmodifiable set.
     *
     * @param version     KB_ABI_VERSION of the loaded module
     * @param featureBits the raw KB_FEATURE_* bits, unknown ones included
     * @param features    the known features among them
     * @throws NullPointerException if {@code features} is null or holds null
     */
    public AbiVersion {
        features = Set.copyOf(features);
    }

    /**
     * Whether the module reports {@code feature}.
     *
     * @param feature the feature to look for
     * @return true if {@code feature} is among {@link #features()}
     */
    public boolean has(Feature feature) {
        return features.contains(feature);
    }
}
