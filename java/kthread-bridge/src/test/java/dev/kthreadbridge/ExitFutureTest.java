// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit future is made on the first onExit() only; an end known before
 * that completes it at once (no event thread is started: these threads
 * have no bridge), and the first end wins.
 */
class ExitFutureTest {

    private static KernelThread thread() {
        return new KernelThread(null, 5, 1005, ThreadSpec.of(Workload.exit(3), "kb-x"));
    }

    @Test
    void anEndBeforeOnExitCompletesTheFuture() {
        KernelThread t = thread();
        assertFalse(t.exitDone());
        StopResult e = new StopResult.Returned(3, 123, null);
        t.completeExit(e);
        assertTrue(t.exitDone());
        CompletableFuture<StopResult> f = t.onExit();
        assertTrue(f.isDone());
        assertEquals(e, f.join());
        // each caller gets a copy of its own
        CompletableFuture<StopResult> g = t.onExit();
        assertNotSame(f, g);
        assertSame(e, g.join());
    }

    @Test
    void theFirstEndWins() {
        KernelThread t = thread();
        StopResult e = new StopResult.Returned(3, 123, null);
        t.completeExit(e);
        t.failExit(new IllegalStateException("closed"));
        t.completeExit(new StopResult.Returned(4, 456, null));
        assertEquals(e, t.onExit().join());

        KernelThread u = thread();
        IllegalStateException closed = new IllegalStateException("closed");
        u.failExit(closed);
        u.completeExit(e);
        CompletionException thrown = assertThrows(CompletionException.class, () -> u.onExit().join());
        assertSame(closed, thrown.getCause());
    }
}
