// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.internal.CommNames;
import dev.kthreadbridge.internal.CpuSets;
import dev.kthreadbridge.internal.Shim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationTest {

    @Test
    void spinRange() {
        assertDoesNotThrow(() -> Workload.spin(Duration.ofNanos(1)));
        assertDoesNotThrow(() -> Workload.spin(Duration.ofSeconds(60)));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Workload.spin(Duration.ZERO));
        assertTrue(zero.getMessage().contains("KB_SPIN_MAX_NS"), zero.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> Workload.spin(Duration.ofSeconds(60).plusNanos(1)));
        assertTrue(tooLong.getMessage().contains("60 s"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Workload.spin(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Workload.spin(Duration.ofSeconds(Long.MAX_VALUE)));
        assertThrows(NullPointerException.class, () -> Workload.spin(null));
    }

    @Test
    void periodicRange() {
        assertDoesNotThrow(() -> Workload.periodic(Duration.ofNanos(10_000)));
        assertDoesNotThrow(() -> Workload.periodic(Duration.ofSeconds(60)));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> Workload.periodic(Duration.ofNanos(9_999)));
        assertTrue(small.getMessage().contains("KB_PERIOD_MIN_NS"), small.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> Workload.periodic(Duration.ofSeconds(61)));
        assertTrue(big.getMessage().contains("KB_PERIOD_MAX_NS"), big.getMessage());
    }

    @Test
    void workloadIdsAndArgs() {
        assertEquals(0, Shim.workloadId(Workload.idle()));
        assertEquals(1, Shim.workloadId(Workload.exit(-4)));
        assertEquals(-4L, Shim.workloadArg(Workload.exit(-4)));
        assertEquals(2, Shim.workloadId(Workload.spin(Duration.ofMillis(2))));
        assertEquals(2_000_000L, Shim.workloadArg(Workload.spin(Duration.ofMillis(2))));
        assertEquals(3, Shim.workloadId(Workload.periodic(Duration.ofMillis(5))));
        assertEquals(Workload.exit(42), Shim.workloadOf(1, 42));
        assertEquals(Workload.periodic(Duration.ofMillis(5)), Shim.workloadOf(3, 5_000_000));
        assertEquals(null, Shim.workloadOf(99, 0));
    }

    @Test
    void names() {
        assertThrows(IllegalArgumentException.class, () -> ThreadSpec.of(Workload.idle(), null));
        assertThrows(IllegalArgumentException.class, () -> ThreadSpec.of(Workload.idle(), ""));
        assertThrows(IllegalArgumentException.class, () -> ThreadSpec.of(Workload.idle(), "a\0b"));
        // over-long names are the kernel's to refuse (EINVAL), not Java's
        ThreadSpec longName = ThreadSpec.of(Workload.idle(), "x".repeat(40));
        assertEquals(40, longName.nameBytes());
        assertEquals(4, ThreadSpec.of(Workload.idle(), "ü%s").nameBytes());
    }

    @Test
    void cpu() {
        assertEquals(OptionalInt.of(0), ThreadSpec.of(Workload.idle(), "x").boundTo(0).cpu());
        assertThrows(IllegalArgumentException.class, () -> ThreadSpec.of(Workload.idle(), "x").boundTo(-1));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"R,RUNNING", "S,SLEEPING", "D,DISK_SLEEP", "T,STOPPED", "t,TRACED", "X,DEAD", "Z,ZOMBIE",
            "P,PARKED", "I,IDLE", "?,UNKNOWN", "W,UNKNOWN"})
    void stateLetters(char letter, ThreadState state) {
        assertEquals(state, ThreadState.fromLetter(letter));
    }

    @Test
    void statusBits() {
        assertEquals(EnumSet.of(ThreadStatus.WOKEN, ThreadStatus.EXITED, ThreadStatus.STOPPED),
                ThreadStatus.fromBits(1 | 4 | 16 | 256));
        assertEquals(EnumSet.of(ThreadStatus.BOUND, ThreadStatus.MOVED), ThreadStatus.fromBits(8 | 128));
        assertEquals(EnumSet.of(ThreadStatus.PARKED, ThreadStatus.AUTOSTOPPED), ThreadStatus.fromBits(32 | 64));
        assertEquals(EnumSet.of(Feature.LIFECYCLE, Feature.STOP_INFO), Feature.fromBits(5));
        assertEquals(EnumSet.allOf(Feature.class), Feature.fromBits((1L << 12) - 1));
        assertEquals(EnumSet.of(Feature.BENCH), Feature.fromBits(1L << 11 | 1L << 12));
    }

    static ThreadInfo info(int status, ThreadInfo.Timestamps ts) {
        return new ThreadInfo(1, 100, Workload.idle(), ThreadStatus.fromBits(status), ThreadState.DEAD, 'X', 0,
                OptionalInt.empty(), OptionalInt.empty(), 0, 0, "x", ts,
                new ThreadInfo.SchedulingInfo(SchedPolicy.NORMAL, 0, 0), 2, 0, 12345);
    }

    static ThreadInfo.Timestamps ts(long create, long created, long wake, long entry, long stop, long exit,
                                    long stopped) {
        return new ThreadInfo.Timestamps(create, created, wake, entry, stop, exit, stopped, 0, 0);
    }

    @Test
    void scheduling() {
        assertEquals(-20, ((Scheduling.Normal) Scheduling.normal(-20)).nice());
        assertEquals(19, ((Scheduling.Normal) Scheduling.normal(19)).nice());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scheduling.normal(20));
        assertTrue(e.getMessage().contains("-20..19"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scheduling.normal(-21));
        assertEquals(SchedPolicy.FIFO, SchedPolicy.fromId(1));
        assertEquals(SchedPolicy.NORMAL, SchedPolicy.fromId(0));
        assertEquals(SchedPolicy.UNKNOWN, SchedPolicy.fromId(4));
    }

    @Test
    void affinityMaskWords() {
        assertArrayEquals(new long[] {1}, CpuSets.toWords(Set.of(0)));
        assertArrayEquals(new long[] {0b101, 1L << 63, 1}, CpuSets.toWords(Set.of(0, 2, 127, 128)));
        assertEquals(Set.of(0, 63), CpuSets.fromWords(new long[] {1L | 1L << 63}));
        assertEquals(Set.of(), CpuSets.fromWords(new long[] {0, 0}));
        // beyond 64 CPUs: what INFO's mask of an 8192-CPU kernel holds
        assertEquals(Set.of(0, 2, 127, 128, 8191), CpuSets.fromWords(words(Set.of(0, 2, 127, 128, 8191))));
        Set<Integer> sorted = CpuSets.fromWords(new long[] {0b1011});
        assertEquals(List.of(0, 1, 3), List.copyOf(sorted));
        assertThrows(UnsupportedOperationException.class, () -> sorted.add(7));
    }

    private static long[] words(Set<Integer> cpus) {
        return CpuSets.toWords(cpus);
    }

    @Test
    void threadInfoHasExited() {
        assertFalse(info(1 | 2, ts(1, 2, 3, 4, 0, 0, 0)).hasExited());
        assertTrue(info(1 | 2 | 4, ts(1, 2, 3, 4, 0, 5, 0)).hasExited(), "EXITED");
        assertTrue(info(16 | 64, ts(1, 2, 0, 0, 0, 0, 7)).hasExited(), "STOPPED by the autostop");
    }

    @Test
    void commNamesDecodeUpToTheNulAndKeepTheLastOne() {
        java.lang.foreign.MemorySegment a = java.lang.foreign.MemorySegment.ofArray(
                new byte[] {'k', 'b', '-', 'c', 'y', 0, 'x', 'x'});
        String first = CommNames.of(a);
        assertEquals("kb-cy", first);
        assertSame(first, CommNames.of(java.lang.foreign.MemorySegment.ofArray("kb-cy\0\0".getBytes())),
                "the same bytes again give the kept String");
        assertEquals("kb-cz", CommNames.of(java.lang.foreign.MemorySegment.ofArray("kb-cz\0".getBytes())));
        assertEquals("kb-c", CommNames.of(java.lang.foreign.MemorySegment.ofArray("kb-c\0y".getBytes())),
                "a prefix of the kept name is another name");
        assertEquals("0123456789abcdef", CommNames.of(java.lang.foreign.MemorySegment.ofArray(
                "0123456789abcdef".getBytes())), "no NUL: the whole field");
        assertEquals("", CommNames.of(java.lang.foreign.MemorySegment.ofArray(new byte[4])));
        assertEquals("é", CommNames.of(java.lang.foreign.MemorySegment.ofArray(
                new byte[] {(byte) 0xc3, (byte) 0xa9, 0})), "UTF-8");
    }

    @Test
    void statusFromBitsCoversEveryCombination() {
        for (int bits = 0; bits < 1 << ThreadStatus.values().length; bits++) {
            Set<ThreadStatus> s = ThreadStatus.fromBits(bits);
            for (ThreadStatus st : ThreadStatus.values()) {
                assertEquals((bits & st.bit()) != 0, s.contains(st), bits + " " + st);
            }
            assertSame(s, ThreadStatus.fromBits(bits | 1 << 30), "unknown bits are ignored");
            assertSame(s, Set.copyOf(s), "immutable, so ThreadInfo keeps it without copying");
        }
        assertThrows(UnsupportedOperationException.class, () -> ThreadStatus.fromBits(3).add(ThreadStatus.BOUND));
    }

    @Test
    void signalResult() {
        SignalResult waited = new SignalResult(3, 1000, 1250);
        assertTrue(waited.waited());
        assertEquals(Duration.ofNanos(250), waited.latency());
        SignalResult notWaited = new SignalResult(1, 1000, 0);
        assertFalse(notWaited.waited());
        assertThrows(IllegalStateException.class, notWaited::latency);
    }

    @Test
    void signalLatency() {
        ThreadInfo none = info(3, ts(1, 2, 3, 4, 0, 0, 0));
        assertEquals(Optional.empty(), none.signalLatency());
        ThreadInfo taken = info(3, new ThreadInfo.Timestamps(1, 2, 3, 4, 0, 0, 0, 100, 130));
        assertEquals(Optional.of(Duration.ofNanos(30)), taken.signalLatency());
        // a newer signal not taken yet: running is older than signal
        ThreadInfo pending = info(3, new ThreadInfo.Timestamps(1, 2, 3, 4, 0, 0, 0, 200, 130));
        assertEquals(Optional.empty(), pending.signalLatency());
    }

    @Test
    void waitWorkloadRoundTrips() {
        Workload w = Workload.waitForSignal();
        assertEquals(w, Shim.workloadOf(Shim.workloadId(w), Shim.workloadArg(w)));
        assertEquals(4, Shim.workloadId(w));
        assertEquals("wait", Shim.describe(w));
    }

    @Test
    void batchResult() {
        KthreadBridgeException err = new KthreadBridgeException("kb_batch(create, item 1)", 24);
        BatchResult<String> r = new BatchResult<>(List.of(new BatchResult.Item<>(0, null, "a", null),
                new BatchResult.Item<>(1, null, null, err), new BatchResult.Item<>(2, null, "c", null)));
        assertEquals(3, r.requested());
        assertEquals(List.of("a", "c"), r.succeeded());
        assertEquals(1, r.failures().size());
        assertEquals(24, r.failures().get(0).error().errno());
        assertFalse(r.allSucceeded());
    }

    @Test
    void kernelCycleBench() {
        KernelCycleBench b = new KernelCycleBench(4, Duration.ofNanos(400), Duration.ofNanos(50), Duration.ofNanos(200));
        assertEquals(Duration.ofNanos(100), b.mean());
    }

    @Test
    void stopResultDecidedByEnteredNotByValue() {
        ThreadInfo i = info(0, ts(1, 2, 0, 0, 5, 0, 7));
        // -4 (-EINTR) returned by a thread that ran is still Returned
        assertEquals(new StopResult.Returned(-4, 6, i), Shim.stopResult(-4, 1 | 2 | 4 | 16, 6, i));
        assertInstanceOf(StopResult.NeverRan.class, Shim.stopResult(-4, 16, 7, i));
        assertInstanceOf(StopResult.NeverRan.class, Shim.stopResult(0, 1 | 16, 7, i));
        assertEquals(6, Shim.endOf(1 | 2 | 4, ts(1, 2, 3, 4, 5, 6, 7)), "threadfn's return");
        assertEquals(7, Shim.endOf(16, ts(1, 2, 0, 0, 5, 0, 7)), "kthread_stop()'s, never ran");
    }

    @Test
    void durations() {
        ThreadInfo full = info(31, ts(100, 150, 200, 230, 1000, 1010, 1100));
        assertEquals(Optional.of(Duration.ofNanos(50)), full.createCost());
        assertEquals(Optional.of(Duration.ofNanos(30)), full.wakeToEntry());
        assertEquals(Optional.of(Duration.ofNanos(10)), full.stopToExit());
        assertEquals(Optional.of(Duration.ofNanos(100)), full.stopCost());
        assertEquals(Optional.of(Duration.ofNanos(780)), full.runTime());
        assertEquals(Optional.of(Duration.ofNanos(1000)), full.lifetime());
        ThreadInfo neverWoken = info(16, ts(100, 150, 0, 0, 1000, 0, 1100));
        assertEquals(Optional.empty(), neverWoken.wakeToEntry());
        assertEquals(Optional.empty(), neverWoken.stopToExit());
        assertEquals(Optional.of(Duration.ofNanos(100)), neverWoken.stopCost());
        // exit workload: threadfn returned before STOP
        ThreadInfo exitedEarly = info(255, ts(100, 150, 200, 230, 1000, 240, 1100));
        assertEquals(Optional.empty(), exitedEarly.stopToExit());
        assertEquals(Set.copyOf(EnumSet.allOf(ThreadStatus.class)), exitedEarly.status());
    }
}
