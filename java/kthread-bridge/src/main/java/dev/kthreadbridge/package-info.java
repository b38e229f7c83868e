// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/**
 * Real Linux kernel threads driven from Java: kthread_create(),
 * wake_up_process(), kthread_park(), kthread_stop() and the rest of the
 * kthread lifecycle, through the ioctls of the kthread_bridge kernel
 * module's device {@code /dev/kthread_bridge} and a C shim
 * (libkthreadbridge.so, inside the jar) called through the FFM API.
 *
 * <h2>The API</h2>
 * <ul>
 *   <li>{@link KthreadBridge} is one open file of the device
 *       ({@link KthreadBridge#open()}). It creates threads, one at a time
 *       or in batches, and owns them: it is {@link AutoCloseable}, and
 *       closing it makes the module stop every thread it still owns.
 *       {@link KthreadBridge#abiVersion()} tells which {@link Feature}s the
 *       loaded module has.</li>
 *   <li>{@link KernelThread} is the handle to one kernel thread: wake,
 *       park and unpark it, set its {@link Scheduling} and CPU affinity,
 *       signal it, read its {@link ThreadInfo}, stop it, or wait for its
 *       end with {@link KernelThread#onExit()}.</li>
 *   <li>{@link ThreadSpec} says what to create: a {@link Workload}, a name
 *       and optionally a CPU to bind the thread to. A workload is one of
 *       the module's fixed thread functions, picked by id (idle, exit,
 *       spin, periodic, wait); no code is passed to the kernel.</li>
 *   <li>{@link StopResult}, what a stop gave, is sealed:
 *       {@link StopResult.Returned} with threadfn's return value, or
 *       {@link StopResult.NeverRan} if the thread was stopped before
 *       threadfn ran (kthread_stop() then returns -EINTR). The module's
 *       {@link ThreadStatus#ENTERED} bit decides, never the value.</li>
 *   <li>{@link ThreadInfo} is the module's snapshot of a thread: its
 *       {@link ThreadStatus} bits, scheduler {@link ThreadState}, counters,
 *       scheduling, affinity, and the kernel's CLOCK_MONOTONIC timestamps of
 *       each lifecycle phase, with durations derived from them.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * A call the module refuses throws {@link KthreadBridgeException}, which
 * carries the operation and the errno; its subtypes are
 * {@link DeviceUnavailableException} (the module is not loaded),
 * {@link IncompatibleModuleException} (the file opened is not a
 * kthread_bridge device of this library's ABI version),
 * {@link PermissionDeniedException} (EPERM, EACCES: opening without the
 * right, or a real-time policy, negative nice or foreign CPU asked of a
 * bridge opened without CAP_SYS_NICE; docs/security.md),
 * {@link NoSuchThreadException} (ENOENT: unknown handle),
 * {@link ThreadExitedException} (ESRCH: the thread has exited; info and
 * stop still work), {@link WaitTimedOutException} (ETIMEDOUT: a wait with
 * a caller-given {@link java.time.Duration} ended first),
 * {@link ThreadBusyException} (EBUSY: e.g. already parked) and
 * {@link LimitReachedException} (EMFILE, ENFILE: thread limits); the class
 * is sealed, and {@link KthreadBridgeException#error()} gives the
 * {@link Errno} of any failure to switch on. A native
 * library that cannot be used throws {@link LibraryUnavailableException},
 * which is not a {@code KthreadBridgeException}. All are unchecked.
 * Arguments outside the module's ranges throw
 * {@link IllegalArgumentException} before any native call (a thread name
 * too long is left to the module: EINVAL); using a closed
 * bridge or a stopped thread throws {@link IllegalStateException}.
 *
 * <h2>Nullness</h2>
 * The package is {@code @NullMarked} (JSpecify): no parameter or result is
 * null unless marked {@code @Nullable}. The annotations are needed only to
 * compile; the library has no dependency at run time.
 *
 * <h2>Thread safety</h2>
 * {@link KthreadBridge} and {@link KernelThread} are thread-safe: a bridge
 * may be shared by any number of Java threads, calls on one kernel thread
 * are serialized, and {@link KthreadBridge#close()} waits until the calls
 * in flight have returned. The records and enums are immutable.
 *
 * <h2>Native access</h2>
 * The library calls native code, so native access must be enabled for it:
 * {@code --enable-native-access=dev.kthreadbridge} on the module path, or
 * {@code --enable-native-access=ALL-UNNAMED} on the class path. Otherwise
 * {@link KthreadBridge#open()} throws {@link LibraryUnavailableException}.
 *
 * <h2>JDK Flight Recorder</h2>
 * Every call into the module (one ioctl: create, run, wake, stop, park,
 * unpark, scheduling, affinity, signal, batch, info, list, version, bench)
 * emits a JFR event of the category {@code kthread-bridge}, named
 * {@code dev.kthreadbridge.Create}, {@code .Wake}, {@code .Stop}, ..., also
 * when it fails (with the errno), with the handle, the kthread's pid,
 * {@code System.nanoTime()} around the ioctl and the kernel's own
 * timestamps where the module returns them. They are <em>enabled by
 * default</em> (with stack traces), so any recording, e.g.
 * {@code -XX:StartFlightRecording}, holds them; the exit-event reader's
 * polls ({@code dev.kthreadbridge.ReadEvents}) are the one event disabled
 * by default. Until a first recording starts JFR in the JVM the library
 * makes no event object at all (one flag read per call). See docs/jfr.md.
 *
 * <h2>Example</h2>
 * {@snippet :
 * try (KthreadBridge bridge = KthreadBridge.open()) {      // root, or the node's group (docs/security.md)
 *     ThreadSpec spec = ThreadSpec.of(Workload.periodic(Duration.ofMillis(1)), "tick");
 *     KernelThread t = bridge.run(spec, StartMode.AWAIT_ENTRY);
 *     Thread.sleep(100);
 *     ThreadInfo info = t.info();
 *     System.out.println(info.comm() + " pid " + t.pid() + ": " + info.iterations() + " periods");
 *     switch (t.stop()) {
 *         case StopResult.Returned r -> System.out.println("threadfn returned " + r.value());
 *         case StopResult.NeverRan n -> System.out.println("threadfn never ran");
 *     }
 * }
 * }
 */
@NullMarked
package dev.kthreadbridge;

import org.jspecify.annotations.NullMarked;
