// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import java.util.Set;

/**
 * A node of a guest's Jupiter tree under a kernel container: a class, a
 * method, a nested class, a template or a dynamic test, with the guest's
 * display name, source and tags and a unique id of this engine
 * ({@code [engine:kernel-test]/[kernel:6.12]/[class:...]/[method:...]}).
 */
final class MirrorDescriptor extends AbstractTestDescriptor {

    private final Type type;
    private final Set<TestTag> tags;
    private final String legacyName;
    private final UniqueId guestId;
    private final boolean leaf;

    /**
     * {@code leaf}: the node had no children in the guest's tree when it
     * was discovered (a test, or a container that registers its tests at
     * run time); only leaves are selected in the guest, so a class whose
     * tests a filter removed is pruned, not run whole.
     */
    MirrorDescriptor(UniqueId uniqueId, UniqueId guestId, String displayName, TestSource source, Type type,
                     Set<TestTag> tags, String legacyName, boolean leaf) {
        super(uniqueId, displayName, source);
        this.type = type;
        this.tags = Set.copyOf(tags);
        this.legacyName = legacyName;
        this.guestId = guestId;
        this.leaf = leaf;
    }

    /** Whether the node had no children in the guest's tree when discovered. */
    boolean leaf() {
        return leaf;
    }

    /** The unique id of the same node in the guest's Jupiter engine. */
    UniqueId guestId() {
        return guestId;
    }

    @Override
    public Type getType() {
        return type;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public String getLegacyReportingName() {
        return legacyName;
    }

    @Override
    public boolean mayRegisterTests() {
        return type != Type.TEST && leaf;
    }
}
