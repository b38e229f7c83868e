// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.engine;

import dev.kthreadbridge.junit.KernelTest;
import dev.kthreadbridge.junit.guest.GuestMain;
import dev.kthreadbridge.junit.guest.GuestRequest;
import dev.kthreadbridge.junit.wire.Event;
import dev.kthreadbridge.junit.wire.EventFile;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One guest: writes the request, boots it with scripts/vm-run.sh running
 * {@link GuestMain}, replays its events while it runs, then fails what it
 * left unreported with the reason vm-run.sh's exit status gives.
 */
final class GuestRun {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final long POLL_MILLIS = 50;
    private static final int RC_TIMEOUT = 124;
    private static final int RC_KERNEL = 125;
    private static final int RC_RUNNER = 126;
    /** Boots of one guest when its kernel fails before the guest runner wrote an event. */
    private static final int BOOT_ATTEMPTS = 2;

    private final Settings settings;
    private final KernelDescriptor kernel;
    private final GuestGroup group;
    private final List<MirrorDescriptor> classes;
    private final EngineExecutionListener listener;

    GuestRun(Settings settings, KernelDescriptor kernel, GuestGroup group, List<MirrorDescriptor> classes,
             EngineExecutionListener listener) {
        this.settings = settings;
        this.kernel = kernel;
        this.group = group;
        this.classes = classes;
        this.listener = listener;
    }

    /** Runs the guest; returns why the kernel container must fail (null when the guest ran clean). */
    Throwable run(String release) throws IOException, InterruptedException {
        List<String> selectors = selectors();
        if (selectors.isEmpty()) {
            return null;
        }
        Map<String, Integer> timeouts = new LinkedHashMap<>();
        int total = settings.bootSeconds();
        for (MirrorDescriptor c : classes) {
            KernelTest a = annotation(c);
            timeouts.put(className(c), a.timeoutSeconds());
            total += a.timeoutSeconds();
        }
        GuestRequest request = new GuestRequest(selectors, timeouts);
        for (int attempt = 1; ; attempt++) {
            Path results = resultsDir();
            request.write(results);
            Replay replay = new Replay(kernel, listener, settings.kernelInClassName());
            int rc = boot(results, total, replay);
            if (rc == RC_KERNEL && replay.events() == 0 && attempt < BOOT_ATTEMPTS) {
                // The kernel failed before the guest runner wrote anything (seen under TCG: an int3
                // oops while patching static keys at boot): no test ran, so boot once more.
                listener.reportingEntryPublished(kernel, ReportEntry.from("bootRetried",
                        "the guest kernel failed before the test JVM started; console: "
                                + results.resolve("console.log")));
                continue;
            }
            return conclude(replay, rc, results, release, total);
        }
    }

    /** Boots the guest and replays its events as they come; returns vm-run.sh's exit status. */
    private int boot(Path results, int total, Replay replay) throws IOException, InterruptedException {
        Process process = start(results, total);
        try (EventFile.Reader reader = new EventFile.Reader(results.resolve(EventFile.NAME))) {
            long hostDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(total + 120L);
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                reader.poll().forEach(replay::apply);
                if (System.nanoTime() - hostDeadline > 0) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
            reader.poll().forEach(replay::apply);
        } catch (IOException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
        return process.exitValue();
    }

    private Process start(Path results, int timeout) throws IOException {
        Path root = settings.runnerRoot(group.loadModule(), "starting a guest for kernel " + kernel.kernel());
        List<String> cmd = new ArrayList<>(List.of(root.resolve("scripts/vm-run.sh").toString(),
                "--kernel", kernel.kernel(), "--timeout", Integer.toString(timeout), "--results", results.toString(),
                "--smp", Integer.toString(group.cpus()), "--mem", Integer.toString(group.memoryMiB())));
        if (!group.loadModule()) {
            cmd.add("--no-module");
        }
        if (!group.appendCmdline().isEmpty()) {
            cmd.addAll(List.of("--append", group.appendCmdline()));
        }
        if (settings.bundled()) {
            // not the runner's cache directory: where this JVM runs (the user's project, read-only in the guest)
            cmd.addAll(List.of("--chdir", Path.of(System.getProperty("user.dir")).toAbsolutePath().toString()));
        }
        cmd.add("--");
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Under TCG the JIT's second tier and a parallel GC cost more than they give.
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(settings.guestJvmArgs());
        cmd.addAll(List.of("-cp", classPath(), GuestMain.class.getName(),
                results.toString()));
        return new ProcessBuilder(cmd)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(results.resolve("runner.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    /** This JVM's class path with absolute entries: the guest JVM starts elsewhere. */
    private static String classPath() {
        Path cwd = Path.of(System.getProperty("user.dir"));
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> cwd.resolve(e).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private Path resultsDir() throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = settings.resultsDir().resolve(kernel.kernel())
                .resolve(stamp + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        Files.createDirectories(dir);
        if (dir.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new KernelTestException("creating the results directory", dir + " has white space: vm-run.sh"
                    + " cannot share it; set -Dkerneltest.resultsDir to a path without");
        }
        return dir;
    }

    /** The Jupiter unique ids to select in the guest: the leaves the host tree still has. */
    private List<String> selectors() {
        List<String> ids = new ArrayList<>();
        for (MirrorDescriptor c : classes) {
            leaves(c, ids);
        }
        return ids;
    }

    private static void leaves(TestDescriptor d, List<String> ids) {
        if (d instanceof MirrorDescriptor m && m.leaf()) {
            ids.add(m.guestId().toString());
        }
        d.getChildren().forEach(c -> leaves(c, ids));
    }

    private Throwable conclude(Replay replay, int rc, Path results, String release, int total) {
        String where = "kernel " + kernel.kernel() + " (" + release + ")";
        GuestFailure cause;
        Event.Hung hung = replay.hung();
        if (rc == 0 && replay.ended()) {
            cause = new GuestFailure(GuestFailure.Kind.RUNNER, "the guest on " + where
                    + " finished without reporting this test; runner output:\n"
                    + ConsoleExcerpt.tail(results.resolve("output.log"), 20));
            replay.finishUnreported(classes, d -> cause, d -> cause);
            return replay.jupiterFailure();
        }
        if (hung != null) {
            String cls = replay.name(UniqueId.parse(hung.uniqueId()));
            GuestFailure timedOut = new GuestFailure(GuestFailure.Kind.CLASS_TIMEOUT, cls + " timed out after "
                    + hung.timeoutSeconds() + " s in the guest on " + where
                    + " (@KernelTest(timeoutSeconds)); guest threads:\n" + hung.threadDump());
            GuestFailure notRun = new GuestFailure(GuestFailure.Kind.CLASS_TIMEOUT, "not run: the guest on " + where
                    + " was stopped when " + cls + " timed out after " + hung.timeoutSeconds() + " s");
            replay.finishUnreported(classes, d -> timedOut, d -> notRun);
            return notRun;
        }
        GuestFailure failure = switch (rc) {
            case RC_KERNEL -> new GuestFailure(GuestFailure.Kind.KERNEL, "guest kernel failure on " + where
                    + " (oops, WARN, panic, hung task or module unload; vm-run.sh exit 125)\n" + ConsoleExcerpt.of(results));
            case RC_TIMEOUT -> new GuestFailure(GuestFailure.Kind.TIMEOUT, "the guest on " + where + " timed out after "
                    + total + " s (kerneltest.bootSeconds + the classes' timeoutSeconds; vm-run.sh exit 124)\n"
                    + ConsoleExcerpt.of(results));
            case RC_RUNNER -> new GuestFailure(GuestFailure.Kind.RUNNER, "the runner failed to boot " + where
                    + " (vm-run.sh exit 126):\n" + ConsoleExcerpt.tail(results.resolve("runner.log"), 30)
                    + ConsoleExcerpt.of(results));
            default -> new GuestFailure(GuestFailure.Kind.GUEST_JVM, "the guest JVM on " + where + " exited with "
                    + rc + (replay.ended() ? " after the run" : " before the run ended") + "; its output:\n"
                    + ConsoleExcerpt.tail(results.resolve("output.log"), 30));
        };
        GuestFailure notRun = new GuestFailure(failure.kind(), "not run: " + failure.getMessage());
        replay.finishUnreported(classes, d -> failure, d -> notRun);
        return failure;
    }

    /** The {@link KernelTest} of a top-level class node (its own or an enclosing class's). */
    static KernelTest annotation(MirrorDescriptor classDescriptor) {
        String name = className(classDescriptor);
        Class<?> c;
        try {
            c = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new KernelTestException("running " + name, "the class is not on the class path", e);
        }
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            KernelTest a = k.getAnnotation(KernelTest.class);
            if (a != null) {
                return a;
            }
        }
        throw new KernelTestException("running " + name, "no @KernelTest on the class");
    }

    /** The class name of a top-level class node: its guest id's class segment (its source may carry the kernel). */
    private static String className(MirrorDescriptor classDescriptor) {
        return classDescriptor.guestId().getSegments().get(1).getValue();
    }
}
