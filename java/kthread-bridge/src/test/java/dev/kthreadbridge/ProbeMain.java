// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.nio.file.Path;

/**
 * Child JVM of the tests: opens the device at args[0], asks its ABI version
 * and prints "OK version" or "EXC class errno message" on one line. With a
 * second argument {@code wait}, it then prints "WAITING" and sleeps until
 * killed.
 */
public final class ProbeMain {

    private ProbeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (KthreadBridge bridge = KthreadBridge.open(Path.of(args[0]))) {
            System.out.println("OK " + bridge.abiVersion().version());
        } catch (KthreadBridgeException e) {
            System.out.println("EXC " + e.getClass().getSimpleName() + " " + e.errno() + " " + e.getMessage());
        } catch (RuntimeException e) {
            System.out.println("EXC " + e.getClass().getSimpleName() + " - " + e.getMessage());
        }
        if (args.length > 1 && args[1].equals("wait")) {
            System.out.println("WAITING");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
