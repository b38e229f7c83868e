// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.guest;

import dev.kthreadbridge.junit.KernelTestParameters;
import dev.kthreadbridge.junit.wire.Event;
import dev.kthreadbridge.junit.wire.EventFile;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.nio.file.Path;
import java.util.List;

/**
 * The guest runner: {@code java -cp <host class path> dev.kthreadbridge.junit.guest.GuestMain RESULTS_DIR}
 * inside the guest that scripts/vm-run.sh booted. Runs the request in
 * RESULTS_DIR/request.properties with Jupiter and writes every event to
 * RESULTS_DIR/events.bin. Exits 0 when the run finished (whatever the
 * tests' outcome), 124 when the watchdog stopped a class past its timeout,
 * 2 on bad usage or request.
 */
public final class GuestMain {

    private static final int DEFAULT_TIMEOUT = 300;

    private GuestMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: GuestMain RESULTS_DIR (run by the kernel-test engine inside a guest)");
            System.exit(2);
        }
        Path results = Path.of(args[0]);
        GuestRequest request;
        try {
            request = GuestRequest.read(results);
        } catch (java.io.IOException e) {
            System.err.println("GuestMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (EventFile.Writer out = new EventFile.Writer(results.resolve(EventFile.NAME))) {
            Watchdog watchdog = new Watchdog(out, request.timeouts(), DEFAULT_TIMEOUT);
            Thread dog = new Thread(watchdog, "kerneltest-watchdog");
            dog.setDaemon(true);
            dog.start();
            JupiterLauncher.create().execute(discoveryRequest(request.selectors()),
                    new RecordingListener(out, watchdog));
            out.write(new Event.End(), true);
        }
        System.exit(0);
    }

    private static LauncherDiscoveryRequest discoveryRequest(List<String> selectors) {
        List<DiscoverySelector> s = selectors.stream().map(id -> (DiscoverySelector) DiscoverySelectors.selectUniqueId(id))
                .toList();
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(s)
                .configurationParameter(KernelTestParameters.IN_GUEST, "true")
                .configurationParameter("junit.platform.output.capture.stdout", "true")
                .configurationParameter("junit.platform.output.capture.stderr", "true")
                .build();
    }
}
