// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
// SPDX-License-Identifier: Apache-2.0
package dev.kthreadbridge.example;

import dev.kthreadbridge.KernelThread;
import dev.kthreadbridge.KthreadBridge;
import dev.kthreadbridge.StopResult;
import dev.kthreadbridge.ThreadInfo;
import dev.kthreadbridge.ThreadSpec;
import dev.kthreadbridge.Workload;

/** The README's sample, verbatim: create, wake, inspect and stop one kernel thread. */
public class ReadmeExample {
    /**
     * Runs the sample against /dev/kthread_bridge.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (KthreadBridge bridge = KthreadBridge.open()) {           // /dev/kthread_bridge, needs root
            KernelThread t = bridge.create(ThreadSpec.of(Workload.idle(), "my-kthread"));
            System.out.println("created pid " + t.pid() + ", woken: " + t.wake());
            ThreadInfo info = t.info();
            System.out.println(info.comm() + " is " + info.state() + ", status " + info.status());
            switch (t.stop()) {
                case StopResult.Returned r -> System.out.println("threadfn returned " + r.value());
                case StopResult.NeverRan n -> System.out.println("threadfn never ran");
            }
        }
    }
}
