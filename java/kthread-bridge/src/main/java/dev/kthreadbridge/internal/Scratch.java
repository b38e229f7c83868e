// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import dev.kthreadbridge.internal.bindings.kb_info;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Per-thread native memory for the calls of the create -> wake -> stop
 * path, so that they open no arena and allocate no native memory per call.
 *
 * <p>Each platform or virtual thread gets its own block from an automatic
 * arena: the GC frees it once the thread and its {@code Scratch} are gone.
 * The shim is handed views of the block in the global scope, so a call
 * does not acquire and release the automatic arena's shared session; the
 * views are only used while {@link #owner} keeps the block alive. A Shim
 * method takes the block, fills its in-arguments, makes one shim call and
 * copies the results out before returning: no two uses of one thread's
 * block overlap.
 */
public final class Scratch {

    private static final long OUT_A = 0;
    private static final long OUT_B = 8;
    private static final long NAME = 16;
    /** Names of NAME_ROOM bytes or more (the module refuses 32 and more) take an arena instead. */
    public static final int NAME_ROOM = 112;
    private static final long INFO = NAME + NAME_ROOM;

    private static final ThreadLocal<Scratch> BLOCK = ThreadLocal.withInitial(Scratch::new);

    /**
     * Keeps the native block alive as long as this Scratch is: the thread-local
     * map holds it strongly while its thread runs, so no call can outlive it.
     */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final MemorySegment owner;
    /** int out-parameters: pid or result, status. */
    public final MemorySegment outA;
    public final MemorySegment outB;
    /** A NUL-terminated name. */
    public final MemorySegment name;
    /** One struct kb_info. */
    public final MemorySegment info;
    /** The name now in {@link #name}, compared by identity. */
    private String nameHeld;

    private Scratch() {
        owner = Arena.ofAuto().allocate(INFO + kb_info.sizeof(), 8);
        MemorySegment global = MemorySegment.ofAddress(owner.address()).reinterpret(owner.byteSize());
        outA = global.asSlice(OUT_A, Integer.BYTES);
        outB = global.asSlice(OUT_B, Integer.BYTES);
        name = global.asSlice(NAME, NAME_ROOM);
        info = global.asSlice(INFO, kb_info.sizeof());
    }

    public static Scratch get() {
        return BLOCK.get();
    }

    /**
     * Puts {@code s} and a NUL into {@link #name}, unless it is already
     * there (the same String object as last time); false if it does not fit.
     */
    public boolean putName(String s) {
        if (s == nameHeld) {
            return true;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= NAME_ROOM) {
            return false;
        }
        MemorySegment.copy(bytes, 0, name, ValueLayout.JAVA_BYTE, 0, bytes.length);
        name.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        nameHeld = s;
        return true;
    }
}
