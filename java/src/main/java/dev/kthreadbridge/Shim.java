package dev.kthreadbridge;

import dev.kthreadbridge.internal.Errno;
import dev.kthreadbridge.internal.NativeLibrary;
import dev.kthreadbridge.internal.bindings.kb_info;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;

import static dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h.*;

/** Package-private glue between the public API and the generated bindings. */
final class Shim {

    private Shim() {
    }

    static void load() {
        NativeLibrary.load();
    }

    /** Maps a failed shim call to the exception for its errno. */
    static KthreadBridgeException error(String operation, int errno, boolean opening) {
        return switch (errno) {
            case Errno.ENOENT, Errno.ENODEV, Errno.ENXIO -> opening
                    ? new DeviceUnavailableException(operation, errno)
                    : errno == Errno.ENOENT ? new NoSuchThreadException(operation, errno)
                    : new KthreadBridgeException(operation, errno);
            case Errno.EPERM, Errno.EACCES -> new PermissionDeniedException(operation, errno);
            case Errno.EMFILE, Errno.ENFILE -> opening
                    ? new KthreadBridgeException(operation, errno)
                    : new LimitReachedException(operation, errno);
            default -> new KthreadBridgeException(operation, errno);
        };
    }

    static int check(int ret, String operation) {
        if (ret < 0) {
            throw error(operation, -ret, false);
        }
        return ret;
    }

    static int open(String path) {
        String op = "kb_open(" + path + ")";
        try (Arena arena = Arena.ofConfined()) {
            int ret = kb_open(arena.allocateFrom(path));
            if (ret < 0) {
                throw error(op, -ret, true);
            }
            return ret;
        }
    }

    static int close(int fd) {
        return kb_close(fd);
    }

    static AbiVersion abiVersion(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment version = arena.allocate(C_INT);
            MemorySegment features = arena.allocate(C_LONG);
            check(kb_abi_version(fd, version, features), "kb_abi_version(fd " + fd + ")");
            long bits = features.get(C_LONG, 0);
            return new AbiVersion(version.get(C_INT, 0), bits, Feature.fromBits(bits));
        }
    }

    record Created(int handle, int pid) {
    }

    static Created create(int fd, ThreadSpec spec, boolean run) {
        String fn = run ? "kb_thread_run" : "kb_thread_create";
        String op = fn + "(" + describe(spec.workload()) + ", name \"" + spec.name() + "\""
                + (spec.cpu().isPresent() ? ", cpu " + spec.cpu().getAsInt() : "") + ")";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pid = arena.allocate(C_INT);
            MemorySegment name = arena.allocateFrom(spec.name(), StandardCharsets.UTF_8);
            int cpu = spec.cpu().orElse(-1);
            int id = workloadId(spec.workload());
            long arg = workloadArg(spec.workload());
            int handle = check(run ? kb_thread_run(fd, id, arg, name, cpu, 0, pid)
                    : kb_thread_create(fd, id, arg, name, cpu, 0, pid), op);
            return new Created(handle, pid.get(C_INT, 0));
        }
    }

    static boolean wake(int fd, int handle) {
        return check(kb_thread_wake(fd, handle), "kb_thread_wake(handle " + handle + ")") == 1;
    }

    static ThreadInfo info(int fd, int handle) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = kb_info.allocate(arena);
            check(kb_thread_info(fd, handle, info), "kb_thread_info(handle " + handle + ")");
            return toInfo(info);
        }
    }

    static StopResult stop(int fd, int handle) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment result = arena.allocate(C_INT);
            MemorySegment status = arena.allocate(C_INT);
            MemorySegment info = kb_info.allocate(arena);
            check(kb_thread_stop(fd, handle, result, status, info), "kb_thread_stop(handle " + handle + ")");
            return stopResult(result.get(C_INT, 0), status.get(C_INT, 0), toInfo(info));
        }
    }

    /** Returned iff threadfn was entered (KB_STATUS_ENTERED), whatever the value (-EINTR included). */
    static StopResult stopResult(int value, int status, ThreadInfo info) {
        return (status & KB_STATUS_ENTERED()) != 0
                ? new StopResult.Returned(value, info)
                : new StopResult.NeverRan(value, info);
    }

    static int[] list(int fd) {
        String op = "kb_thread_list(fd " + fd + ")";
        int capacity = 64;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment handles = arena.allocate(C_INT, capacity);
                int count = check(kb_thread_list(fd, handles, capacity), op);
                if (count <= capacity) {
                    return handles.asSlice(0, (long) count * Integer.BYTES).toArray(ValueLayout.JAVA_INT);
                }
                capacity = count;
            }
        }
    }

    static int workloadId(Workload w) {
        return switch (w) {
            case Workload.Idle i -> KB_WORKLOAD_IDLE();
            case Workload.Exit e -> KB_WORKLOAD_EXIT();
            case Workload.Spin s -> KB_WORKLOAD_SPIN();
            case Workload.Periodic p -> KB_WORKLOAD_PERIODIC();
        };
    }

    static long workloadArg(Workload w) {
        return switch (w) {
            case Workload.Idle i -> 0;
            case Workload.Exit e -> e.code();
            case Workload.Spin s -> s.duration().toNanos();
            case Workload.Periodic p -> p.period().toNanos();
        };
    }

    static String describe(Workload w) {
        return switch (w) {
            case Workload.Idle i -> "idle";
            case Workload.Exit e -> "exit " + e.code();
            case Workload.Spin s -> "spin " + s.duration().toNanos() + " ns";
            case Workload.Periodic p -> "periodic " + p.period().toNanos() + " ns";
        };
    }

    /** The workload the kernel reports, or null if it is not one this library knows. */
    static Workload workloadOf(int id, long arg) {
        try {
            if (id == KB_WORKLOAD_IDLE()) {
                return Workload.idle();
            } else if (id == KB_WORKLOAD_EXIT()) {
                return Workload.exit((int) arg);
            } else if (id == KB_WORKLOAD_SPIN()) {
                return Workload.spin(Duration.ofNanos(arg));
            } else if (id == KB_WORKLOAD_PERIODIC()) {
                return Workload.periodic(Duration.ofNanos(arg));
            }
        } catch (IllegalArgumentException e) {
            // out of range: the module would not have created it; report as unknown
        }
        return null;
    }

    static ThreadInfo toInfo(MemorySegment s) {
        int status = kb_info.status(s);
        byte[] comm = kb_info.comm(s).toArray(ValueLayout.JAVA_BYTE);
        int len = 0;
        while (len < comm.length && comm[len] != 0) {
            len++;
        }
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
                new String(comm, 0, len, StandardCharsets.UTF_8),
                new ThreadInfo.Timestamps(kb_info.create_ns(s), kb_info.created_ns(s), kb_info.wake_ns(s),
                        kb_info.entry_ns(s), kb_info.stop_ns(s), kb_info.exit_ns(s), kb_info.stopped_ns(s)));
    }
}
