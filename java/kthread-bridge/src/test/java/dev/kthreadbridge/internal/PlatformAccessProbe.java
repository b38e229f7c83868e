package dev.kthreadbridge.internal;

/** Exposes the package-private platform check to the tests. */
public final class PlatformAccessProbe {

    private PlatformAccessProbe() {
    }

    public static void check(String os, String arch) {
        NativeLibrary.checkPlatform(os, arch);
    }
}
