// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Create, show, wake and stop a handful of kernel threads of each workload.",
        description = "Creates six kernel threads (idle, exit 42, spin 200 ms, periodic 5 ms, idle bound to"
                + " CPU 0, and one never woken), shows them before and after waking them, stops them"
                + " and prints each result with its lifecycle latencies from the kernel's timestamps.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object (device, abi_version, created, woken,"
            + " stopped) on stdout instead of the tables.")
    boolean json;
    @Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        Demo.run(device.path, json, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
