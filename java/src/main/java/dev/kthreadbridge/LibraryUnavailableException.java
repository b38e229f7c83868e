package dev.kthreadbridge;

/**
 * The native shim libkthreadbridge.so cannot be used: it is missing or fails
 * to load, the platform is not linux-x86_64, or native access is not enabled
 * for the library's module ({@code --enable-native-access=ALL-UNNAMED} on
 * the command line, or {@code Enable-Native-Access: ALL-UNNAMED} in an
 * executable jar's manifest).
 */
public final class LibraryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LibraryUnavailableException(String message) {
        super(message);
    }

    public LibraryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
