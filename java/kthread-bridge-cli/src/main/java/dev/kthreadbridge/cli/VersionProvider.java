// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.AbiVersion;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code kb --version}: the version of the build (version.properties, which
 * Maven fills in from the pom), the module ABI the library speaks and the
 * Java runtime.
 */
public final class VersionProvider implements IVersionProvider {

    /** The resource Maven filters, beside this class. */
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "kb " + version(),
            "kthread-bridge module ABI " + AbiVersion.SUPPORTED,
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")"};
    }

    /**
     * The project version of this build.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} if the resource is missing or was not filtered
     */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String v = p.getProperty("version", "").strip();
        return v.isEmpty() || v.contains("${") ? "unknown" : v;
    }
}
