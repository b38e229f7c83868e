// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import dev.kthreadbridge.AbiVersion;
import dev.kthreadbridge.DeviceUnavailableException;
import dev.kthreadbridge.Errno;
import dev.kthreadbridge.Feature;
import dev.kthreadbridge.KernelCycleBench;
import dev.kthreadbridge.KthreadBridgeException;
import dev.kthreadbridge.LimitReachedException;
import dev.kthreadbridge.NoSuchThreadException;
import dev.kthreadbridge.PermissionDeniedException;
import dev.kthreadbridge.SchedPolicy;
import dev.kthreadbridge.Scheduling;
import dev.kthreadbridge.SignalResult;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadBusyException;
import dev.kthreadbridge.ThreadExitedException;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.ThreadState;
import dev.kthreadbridge.ThreadStatus;
import dev.kthreadbridge.WaitTimedOutException;
import dev.kthreadbridge.Workload;
import dev.kthreadbridge.internal.bindings.kb_batch_item;
import dev.kthreadbridge.internal.bindings.kb_create;
import dev.kthreadbridge.internal.bindings.kb_event;
import dev.kthreadbridge.internal.bindings.kb_info;
import dev.kthreadbridge.internal.jfr.AffinityEvent;
import dev.kthreadbridge.internal.jfr.BatchEvent;
import dev.kthreadbridge.internal.jfr.BenchEvent;
import dev.kthreadbridge.internal.jfr.CpusEvent;
import dev.kthreadbridge.internal.jfr.CreateEvent;
import dev.kthreadbridge.internal.jfr.InfoEvent;
import dev.kthreadbridge.internal.jfr.Jfr;
import dev.kthreadbridge.internal.jfr.KernelOperationEvent;
import dev.kthreadbridge.internal.jfr.ListEvent;
import dev.kthreadbridge.internal.jfr.ParkEvent;
import dev.kthreadbridge.internal.jfr.ReadEventsEvent;
import dev.kthreadbridge.internal.jfr.RunEvent;
import dev.kthreadbridge.internal.jfr.SchedEvent;
import dev.kthreadbridge.internal.jfr.SignalEvent;
import dev.kthreadbridge.internal.jfr.SpawnEvent;
import dev.kthreadbridge.internal.jfr.StopEvent;
import dev.kthreadbridge.internal.jfr.UnparkEvent;
import dev.kthreadbridge.internal.jfr.VersionEvent;
import dev.kthreadbridge.internal.jfr.WakeEvent;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import static dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h.*;

/**
 * The glue between the public API and the generated bindings: plain values
 * in, API types out. Every call into the module emits its JFR event here
 * (package {@code internal.jfr}), with the errno when it fails.
 */
public final class Shim {

    private Shim() {
    }

    public static void load() {
        NativeLibrary.load();
    }

    /** Maps a failed shim call to the exception for its errno. */
    public static KthreadBridgeException error(String operation, int errno, boolean opening) {
        return switch (Errno.of(errno).orElse(null)) {
            case ENOENT, ENODEV, ENXIO -> opening
                    ? new DeviceUnavailableException(operation, errno)
                    : errno == Errno.ENOENT.number() ? new NoSuchThreadException(operation, errno)
                    : new KthreadBridgeException(operation, errno);
            case EPERM, EACCES -> new PermissionDeniedException(operation, errno, opening);
            case EMFILE, ENFILE -> opening
                    ? new KthreadBridgeException(operation, errno)
                    : new LimitReachedException(operation, errno);
            case ESRCH -> new ThreadExitedException(operation, errno);
            case EBUSY -> new ThreadBusyException(operation, errno);
            case ETIMEDOUT -> new WaitTimedOutException(operation, errno, false);
            case null, default -> new KthreadBridgeException(operation, errno);
        };
    }

    /**
     * The error of a call that acted (woke, signalled) before it waited: a
     * timeout then says the action stays done; any other errno maps as
     * {@link #error}.
     */
    private static KthreadBridgeException afterAction(String operation, int errno) {
        return errno == Errno.ETIMEDOUT.number() ? new WaitTimedOutException(operation, errno, true)
                : error(operation, errno, false);
    }

    /**
     * The absolute CLOCK_MONOTONIC deadline, in ns, {@code timeout} from
     * now: KB_TIMEOUT_INFINITE when it does not fit.
     */
    public static long deadline(Duration timeout) {
        long ns;
        try {
            ns = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return KB_TIMEOUT_INFINITE();
        }
        long now = kb_monotonic_ns();
        long at = now + ns;
        return at < now ? KB_TIMEOUT_INFINITE() : at; // overflow: past any time this machine sees
    }

    /** CLOCK_MONOTONIC now, in ns: the clock of the module's timestamps. */
    public static long monotonicNanos() {
        return kb_monotonic_ns();
    }

    public static int check(int ret, String operation) {
        if (ret < 0) {
            throw error(operation, -ret, false);
        }
        return ret;
    }

    public static int open(String path) {
        String op = "kb_open(" + path + ")";
        try (Arena arena = Arena.ofConfined()) {
            int ret = kb_open(arena.allocateFrom(path));
            if (ret < 0) {
                throw error(op, -ret, true);
            }
            return ret;
        }
    }

    public static int close(int fd) {
        return kb_close(fd);
    }

    public static AbiVersion abiVersion(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment version = arena.allocate(C_INT);
            MemorySegment features = arena.allocate(C_LONG);
            VersionEvent ev = Jfr.begin(Jfr.on() ? new VersionEvent() : null, 0, 0);
            int ret = kb_abi_version(fd, version, features);
            if (Jfr.end(ev, ret) && ret >= 0) {
                ev.abiVersion = version.get(C_INT, 0);
                ev.features = features.get(C_LONG, 0);
            }
            commit(ev);
            check(ret, "kb_abi_version(fd " + fd + ")");
            long bits = features.get(C_LONG, 0);
            return new AbiVersion(version.get(C_INT, 0), bits, Feature.fromBits(bits));
        }
    }

    public record Created(int handle, int pid) {
    }

    public static Created create(int fd, ThreadSpec spec, boolean run) {
        return create(fd, spec, run, false, 0);
    }

    /** kthread_create() or kthread_run(); with awaitEntry, until the absolute deadline (ns). */
    public static Created create(int fd, ThreadSpec spec, boolean run, boolean awaitEntry, long deadline) {
        int cpu = spec.cpu().orElse(-1);
        int id = workloadId(spec.workload());
        long arg = workloadArg(spec.workload());
        int flags = awaitEntry ? KB_CREATE_WAIT_ENTRY() : 0;
        Scratch block = Scratch.get();
        int ret;
        SpawnEvent ev = Jfr.begin(!Jfr.on() ? null : run ? new RunEvent() : new CreateEvent(), 0, 0);
        // a name too long for the scratch block goes through an arena of its own
        try (Arena arena = block.putName(spec.name()) ? null : Arena.ofConfined()) {
            MemorySegment name = arena == null ? block.name : arena.allocateFrom(spec.name(), StandardCharsets.UTF_8);
            ret = run ? kb_thread_run(fd, id, arg, name, cpu, flags, awaitEntry ? deadline : 0, block.outA)
                    : kb_thread_create(fd, id, arg, name, cpu, flags, block.outA);
        }
        if (Jfr.end(ev, ret, Math.max(ret, 0), ret < 0 ? 0 : block.outA.get(C_INT, 0))) {
            createFields(ev, spec, awaitEntry);
            ev.commit();
        }
        if (ret < 0) {
            throw error(createOp(spec, run, awaitEntry), -ret, false);
        }
        return new Created(ret, block.outA.get(C_INT, 0));
    }

    private static void createFields(SpawnEvent ev, ThreadSpec spec, boolean awaitEntry) {
        ev.workload = describe(spec.workload());
        ev.name = spec.name();
        ev.cpu = spec.cpu().orElse(-1);
        if (ev instanceof RunEvent r) {
            r.awaitEntry = awaitEntry;
        }
    }

    /** Commits an event that end() returned true for (null-safe, for the calls that fill in nothing). */
    private static void commit(KernelOperationEvent ev) {
        if (ev != null && ev.shouldCommit()) {
            ev.commit();
        }
    }

    /** The operation named in a failed create's exception (built only then). */
    public static String createOp(ThreadSpec spec, boolean run, boolean awaitEntry) {
        return (run ? "kb_thread_run" : "kb_thread_create") + "(" + describe(spec.workload())
                + ", name \"" + spec.name() + "\""
                + (spec.cpu().isPresent() ? ", cpu " + spec.cpu().getAsInt() : "")
                + (awaitEntry ? ", KB_CREATE_WAIT_ENTRY" : "") + ")";
    }

    public static boolean wake(int fd, int handle, int pid) {
        WakeEvent ev = Jfr.begin(Jfr.on() ? new WakeEvent() : null, handle, pid);
        int ret = kb_thread_wake(fd, handle);
        if (Jfr.end(ev, ret)) {
            ev.woken = ret == 1;
            ev.commit();
        }
        if (ret < 0) {
            throw error("kb_thread_wake(handle " + handle + ")", -ret, false);
        }
        return ret == 1;
    }

    /** wake_up_process(), then waits for threadfn's entry until the absolute deadline (ns). */
    public static boolean wakeAwaitingEntry(int fd, int handle, int pid, long deadline) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment woken = arena.allocate(C_INT);
            WakeEvent ev = Jfr.begin(Jfr.on() ? new WakeEvent() : null, handle, pid);
            int ret = kb_thread_wake_flags(fd, handle, KB_WAKE_WAIT_ENTRY(), deadline, woken);
            if (Jfr.end(ev, ret)) {
                ev.awaitEntry = true;
                ev.woken = ret == 1;
                ev.commit();
            }
            if (ret < 0) {
                throw afterAction("kb_thread_wake_flags(handle " + handle + ", KB_WAKE_WAIT_ENTRY)", -ret);
            }
            return ret == 1;
        }
    }

    public static void park(int fd, int handle, int pid) {
        ParkEvent ev = Jfr.begin(Jfr.on() ? new ParkEvent() : null, handle, pid);
        int ret = kb_thread_park(fd, handle);
        if (Jfr.end(ev, ret)) {
            ev.commit();
        }
        check(ret, "kb_thread_park(handle " + handle + ")");
    }

    public static boolean unpark(int fd, int handle, int pid) {
        UnparkEvent ev = Jfr.begin(Jfr.on() ? new UnparkEvent() : null, handle, pid);
        int ret = kb_thread_unpark(fd, handle);
        if (Jfr.end(ev, ret)) {
            ev.wasParked = ret == 1;
            ev.commit();
        }
        return check(ret, "kb_thread_unpark(handle " + handle + ")") == 1;
    }

    public static void sched(int fd, int handle, int pid, Scheduling s) {
        int policy = switch (s) {
            case Scheduling.Normal n -> KB_SCHED_NORMAL();
            case Scheduling.Fifo f -> KB_SCHED_FIFO();
            case Scheduling.FifoLow f -> KB_SCHED_FIFO_LOW();
        };
        int nice = s instanceof Scheduling.Normal n ? n.nice() : 0;
        SchedEvent ev = Jfr.begin(Jfr.on() ? new SchedEvent() : null, handle, pid);
        int ret = kb_thread_sched(fd, handle, policy, nice);
        if (Jfr.end(ev, ret)) {
            ev.scheduling = s.toString();
            ev.commit();
        }
        check(ret, "kb_thread_sched(handle " + handle + ", " + s + ")");
    }

    public static void affinity(int fd, int handle, int pid, Set<Integer> cpus) {
        long[] words = CpuSets.toWords(cpus);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocateFrom(C_LONG, words);
            AffinityEvent ev = Jfr.begin(Jfr.on() ? new AffinityEvent() : null, handle, pid);
            int ret = kb_thread_affinity(fd, handle, mask, words.length);
            if (Jfr.end(ev, ret)) {
                ev.cpus = new TreeSet<>(cpus).toString();
                ev.commit();
            }
            check(ret,
                    "kb_thread_affinity(handle " + handle + ", cpus " + new TreeSet<>(cpus) + ")");
        }
    }

    /** SIGNAL; with await, waits for the thread to run until the absolute deadline (ns). */
    public static SignalResult signal(int fd, int handle, int pid, boolean await, long deadline) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seq = arena.allocate(C_LONG);
            MemorySegment signalNs = arena.allocate(C_LONG);
            MemorySegment runningNs = arena.allocate(C_LONG);
            SignalEvent ev = Jfr.begin(Jfr.on() ? new SignalEvent() : null, handle, pid);
            int ret = kb_thread_signal(fd, handle, await ? KB_SIGNAL_WAIT() : 0, await ? deadline : 0,
                    seq, signalNs, runningNs);
            if (Jfr.end(ev, ret)) {
                ev.await = await;
                // the module writes seq and signal_ns also with -ETIMEDOUT
                if (ret >= 0 || -ret == Errno.ETIMEDOUT.number()) {
                    ev.sequence = seq.get(C_LONG, 0);
                    ev.signalNanos = signalNs.get(C_LONG, 0);
                    ev.runningNanos = ret >= 0 && await ? runningNs.get(C_LONG, 0) : 0;
                }
                ev.commit();
            }
            if (ret < 0) {
                throw afterAction("kb_thread_signal(handle " + handle + (await ? ", KB_SIGNAL_WAIT)" : ")"), -ret);
            }
            return new SignalResult(seq.get(C_LONG, 0), signalNs.get(C_LONG, 0),
                    await ? runningNs.get(C_LONG, 0) : 0);
        }
    }

    /** The thread's whole affinity mask (cpus_mask), as CPU numbers. */
    public static Set<Integer> cpus(int fd, int handle, int pid) {
        String op = "kb_thread_cpus(handle " + handle + ")";
        int words = 1;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment mask = arena.allocate(C_LONG, words);
                CpusEvent ev = Jfr.begin(Jfr.on() ? new CpusEvent() : null, handle, pid);
                int ret = kb_thread_cpus(fd, handle, mask, words);
                boolean commit = Jfr.end(ev, ret);
                int total = check(ret, op);
                if (total <= words) {
                    Set<Integer> cpus = CpuSets.fromWords(
                            mask.asSlice(0, (long) total * Long.BYTES).toArray(ValueLayout.JAVA_LONG));
                    if (commit) {
                        ev.cpus = new TreeSet<>(cpus).toString();
                        ev.commit();
                    }
                    return cpus;
                }
                if (commit) {
                    ev.commit(); // a first try, too short: one more call follows
                }
                words = total; // the mask is longer than this buffer: once more, whole
            }
        }
    }

    /**
     * Constants of the bindings, in a holder: initialising the bindings
     * calls restricted methods, which must not happen before load() checked
     * that native access is enabled.
     */
    public static final class Op {
        public static final int BATCH_CREATE = KB_BATCH_CREATE();
        public static final int BATCH_RUN = KB_BATCH_RUN();
        public static final int BATCH_WAKE = KB_BATCH_WAKE();
        public static final int BATCH_STOP = KB_BATCH_STOP();
        public static final int EVENT_EXIT = KB_EVENT_EXIT();
        public static final int EVENT_LOST = KB_EVENT_LOST();

        private Op() {
        }
    }

    /** One item of a batch as the module filled it in. */
    public record Item(int handle, int error, int value, int status) {
    }

    /** KB_IOC_BATCH; items carry the handles for WAKE and STOP, none for CREATE and RUN. */
    public static List<Item> batch(int fd, int op, ThreadSpec spec, int[] handles, int count) {
        String command = op == KB_BATCH_CREATE() ? "create" : op == KB_BATCH_RUN() ? "run"
                : op == KB_BATCH_WAKE() ? "wake" : "stop";
        String opName = op == KB_BATCH_CREATE() ? "KB_BATCH_CREATE" : op == KB_BATCH_RUN() ? "KB_BATCH_RUN"
                : op == KB_BATCH_WAKE() ? "KB_BATCH_WAKE" : "KB_BATCH_STOP";
        String desc = "kb_batch(" + opName + ", " + count + " items"
                + (spec != null ? ", " + describe(spec.workload()) + ", name \"" + spec.name() + "\"" : "") + ")";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tmpl = MemorySegment.NULL;
            if (spec != null) {
                tmpl = kb_create.allocate(arena);
                kb_create.workload(tmpl, workloadId(spec.workload()));
                kb_create.arg(tmpl, workloadArg(spec.workload()));
                if (spec.cpu().isPresent()) {
                    kb_create.flags(tmpl, KB_CREATE_BIND_CPU());
                    kb_create.cpu(tmpl, spec.cpu().getAsInt());
                }
                byte[] name = spec.name().getBytes(StandardCharsets.UTF_8);
                MemorySegment.copy(name, 0, kb_create.name(tmpl), ValueLayout.JAVA_BYTE, 0,
                        Math.min(name.length, KB_NAME_LEN()));
            }
            MemorySegment items = kb_batch_item.allocateArray(count, arena);
            if (handles != null) {
                for (int i = 0; i < count; i++) {
                    kb_batch_item.handle(kb_batch_item.asSlice(items, i), handles[i]);
                }
            }
            BatchEvent ev = Jfr.begin(Jfr.on() ? new BatchEvent() : null, 0, 0);
            int ret = kb_batch(fd, op, tmpl, items, count);
            if (Jfr.end(ev, ret)) {
                ev.command = command;
                ev.count = count;
                ev.done = Math.max(ret, 0);
                ev.commit();
            }
            int done = check(ret, desc);
            List<Item> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                MemorySegment it = kb_batch_item.asSlice(items, i);
                out.add(new Item(kb_batch_item.handle(it), kb_batch_item.error(it), kb_batch_item.value(it),
                        kb_batch_item.status(it)));
            }
            long ok = out.stream().filter(i -> i.error() == 0).count();
            if (ok != done) {
                throw new IllegalStateException(desc + ": module reported " + done + " done but " + ok
                        + " items without error");
            }
            return out;
        }
    }

    public static KernelCycleBench benchCycles(int fd, int count) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment elapsed = arena.allocate(C_LONG);
            MemorySegment min = arena.allocate(C_LONG);
            MemorySegment max = arena.allocate(C_LONG);
            BenchEvent ev = Jfr.begin(Jfr.on() ? new BenchEvent() : null, 0, 0);
            int ret = kb_bench_cycles(fd, count, elapsed, min, max);
            if (Jfr.end(ev, ret)) {
                ev.count = count;
                if (ret >= 0) {
                    ev.elapsedNanos = elapsed.get(C_LONG, 0);
                    ev.minNanos = min.get(C_LONG, 0);
                    ev.maxNanos = max.get(C_LONG, 0);
                }
                ev.commit();
            }
            check(ret, "kb_bench_cycles(" + count + ")");
            return new KernelCycleBench(count, Duration.ofNanos(elapsed.get(C_LONG, 0)),
                    Duration.ofNanos(min.get(C_LONG, 0)), Duration.ofNanos(max.get(C_LONG, 0)));
        }
    }

    /**
     * A record of the event queue: for KB_EVENT_EXIT the thread's handle and
     * how it ended (a StopResult without info), and the count of records
     * dropped before this one (for KB_EVENT_LOST, handle 0, all of it).
     */
    public record RawEvent(int handle, StopResult end, int type, int lost) {
    }

    /** Reads up to capacity exit events, waiting up to timeoutMs for the first. */
    public static List<RawEvent> readEvents(int fd, int capacity, int timeoutMs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = kb_event.allocateArray(capacity, arena);
            ReadEventsEvent ev = Jfr.begin(Jfr.on() ? new ReadEventsEvent() : null, 0, 0);
            int ret = kb_read_events(fd, events, capacity, timeoutMs);
            boolean commit = Jfr.end(ev, ret);
            int n = Math.max(ret, 0);
            List<RawEvent> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                MemorySegment e = kb_event.asSlice(events, i);
                out.add(new RawEvent(kb_event.handle(e),
                        stopResult(kb_event.result(e), kb_event.status(e), kb_event.time_ns(e), null),
                        kb_event.type(e), kb_event.lost(e)));
            }
            if (commit) {
                ev.count = n;
                ev.lost = out.stream().mapToLong(r -> Integer.toUnsignedLong(r.lost())).sum();
                ev.commit();
            }
            check(ret, "kb_read_events(fd " + fd + ")");
            return out;
        }
    }

    public static ThreadInfo info(int fd, int handle, int pid) {
        Scratch block = Scratch.get();
        InfoEvent ev = Jfr.begin(Jfr.on() ? new InfoEvent() : null, handle, pid);
        int ret = kb_thread_info(fd, handle, block.info);
        boolean commit = Jfr.end(ev, ret);
        if (ret < 0) {
            if (commit) {
                ev.commit();
            }
            throw error("kb_thread_info(handle " + handle + ")", -ret, false);
        }
        ThreadInfo info = toInfo(block.info);
        if (commit) {
            ev.state = info.stateLetter();
            ev.status = info.status().toString();
            ev.commit();
        }
        return info;
    }

    public static StopResult stop(int fd, int handle, int pid) {
        Scratch block = Scratch.get();
        StopEvent ev = Jfr.begin(Jfr.on() ? new StopEvent() : null, handle, pid);
        int ret = kb_thread_stop(fd, handle, block.outA, block.outB, block.info);
        boolean commit = Jfr.end(ev, ret);
        if (ret < 0) {
            if (commit) {
                ev.commit();
            }
            throw error("kb_thread_stop(handle " + handle + ")", -ret, false);
        }
        int status = block.outB.get(C_INT, 0);
        ThreadInfo info = toInfo(block.info);
        StopResult r = stopResult(block.outA.get(C_INT, 0), status, endOf(status, info.timestamps()), info);
        if (commit) {
            stopFields(ev, r, info.timestamps());
            ev.commit();
        }
        return r;
    }

    private static void stopFields(StopEvent ev, StopResult r, ThreadInfo.Timestamps ts) {
        ev.entered = r instanceof StopResult.Returned;
        ev.result = r instanceof StopResult.Returned ret ? ret.value() : ((StopResult.NeverRan) r).result();
        ev.createNanos = ts.create();
        ev.createdNanos = ts.created();
        ev.wokenNanos = ts.wake();
        ev.enteredNanos = ts.entry();
        ev.stopNanos = ts.stop();
        ev.exitNanos = ts.exit();
        ev.stoppedNanos = ts.stopped();
    }

    /** When the thread ended: threadfn's return, or kthread_stop()'s for one that never ran. */
    public static long endOf(int status, ThreadInfo.Timestamps ts) {
        return (status & KB_STATUS_ENTERED()) != 0 ? ts.exit() : ts.stopped();
    }

    /** Returned iff threadfn was entered (KB_STATUS_ENTERED), whatever the value (-EINTR included). */
    public static StopResult stopResult(int value, int status, long endNanos, ThreadInfo info) {
        return (status & KB_STATUS_ENTERED()) != 0
                ? new StopResult.Returned(value, endNanos, info)
                : new StopResult.NeverRan(value, endNanos, info);
    }

    public static int[] list(int fd) {
        String op = "kb_thread_list(fd " + fd + ")";
        int capacity = 64;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment handles = arena.allocate(C_INT, capacity);
                ListEvent ev = Jfr.begin(Jfr.on() ? new ListEvent() : null, 0, 0);
                int ret = kb_thread_list(fd, handles, capacity);
                if (Jfr.end(ev, ret)) {
                    ev.count = Math.max(ret, 0);
                    ev.commit();
                }
                int count = check(ret, op);
                if (count <= capacity) {
                    return handles.asSlice(0, (long) count * Integer.BYTES).toArray(ValueLayout.JAVA_INT);
                }
                capacity = count;
            }
        }
    }

    public static int workloadId(Workload w) {
        return switch (w) {
            case Workload.Idle i -> KB_WORKLOAD_IDLE();
            case Workload.Exit e -> KB_WORKLOAD_EXIT();
            case Workload.Spin s -> KB_WORKLOAD_SPIN();
            case Workload.Periodic p -> KB_WORKLOAD_PERIODIC();
            case Workload.Wait wt -> KB_WORKLOAD_WAIT();
        };
    }

    public static long workloadArg(Workload w) {
        return switch (w) {
            case Workload.Idle i -> 0;
            case Workload.Exit e -> e.code();
            case Workload.Spin s -> s.duration().toNanos();
            case Workload.Periodic p -> p.period().toNanos();
            case Workload.Wait wt -> 0;
        };
    }

    public static String describe(Workload w) {
        return switch (w) {
            case Workload.Idle i -> "idle";
            case Workload.Exit e -> "exit " + e.code();
            case Workload.Spin s -> "spin " + s.duration().toNanos() + " ns";
            case Workload.Periodic p -> "periodic " + p.period().toNanos() + " ns";
            case Workload.Wait wt -> "wait";
        };
    }

    /** The workload the kernel reports, or null if it is not one this library knows. */
    public static Workload workloadOf(int id, long arg) {
        try {
            if (id == KB_WORKLOAD_IDLE()) {
                return Workload.idle();
            } else if (id == KB_WORKLOAD_EXIT()) {
                return Workload.exit((int) arg);
            } else if (id == KB_WORKLOAD_SPIN()) {
                return Workload.spin(Duration.ofNanos(arg));
            } else if (id == KB_WORKLOAD_PERIODIC()) {
                return Workload.periodic(Duration.ofNanos(arg));
            } else if (id == KB_WORKLOAD_WAIT()) {
                return Workload.waitForSignal();
            }
        } catch (IllegalArgumentException e) {
            // out of range: the module would not have created it; report as unknown
        }
        return null;
    }

    public static ThreadInfo toInfo(MemorySegment s) {
        int status = kb_info.status(s);
        char letter = (char) kb_info.state(s);
        return new ThreadInfo(
                kb_info.handle(s), kb_info.pid(s),
                workloadOf(kb_info.workload(s), kb_info.arg(s)),
                ThreadStatus.fromBits(status),
                ThreadState.fromLetter(letter), letter,
                kb_info.cpu(s),
                (status & KB_STATUS_BOUND()) != 0 ? OptionalInt.of(kb_info.bound_cpu(s)) : OptionalInt.empty(),
                (status & KB_STATUS_EXITED()) != 0 ? OptionalInt.of(kb_info.result(s)) : OptionalInt.empty(),
                kb_info.iterations(s), kb_info.wakeups(s),
                CommNames.of(kb_info.comm(s)),
                new ThreadInfo.Timestamps(kb_info.create_ns(s), kb_info.created_ns(s), kb_info.wake_ns(s),
                        kb_info.entry_ns(s), kb_info.stop_ns(s), kb_info.exit_ns(s), kb_info.stopped_ns(s),
                        kb_info.signal_ns(s), kb_info.running_ns(s)),
                new ThreadInfo.SchedulingInfo(SchedPolicy.fromId(kb_info.policy(s)), kb_info.rt_priority(s),
                        kb_info.nice(s)),
                kb_info.nr_cpus_allowed(s), kb_info.signals(s), kb_info.start_time_ns(s));
    }
}
