package dev.kthreadbridge;

import java.nio.file.Path;

/**
 * Child JVM of the tests: opens the device at args[0], asks its ABI version
 * and prints "OK version" or "EXC class errno message" on one line.
 */
public final class ProbeMain {

    private ProbeMain() {
    }

    public static void main(String[] args) {
        try (KthreadBridge bridge = KthreadBridge.open(Path.of(args[0]))) {
            System.out.println("OK " + bridge.abiVersion().version());
        } catch (KthreadBridgeException e) {
            System.out.println("EXC " + e.getClass().getSimpleName() + " " + e.errno() + " " + e.getMessage());
        } catch (RuntimeException e) {
            System.out.println("EXC " + e.getClass().getSimpleName() + " - " + e.getMessage());
        }
    }
}
