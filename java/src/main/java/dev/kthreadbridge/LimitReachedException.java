package dev.kthreadbridge;

/**
 * The module's thread limit is reached: EMFILE for the per-file limit
 * (module parameter {@code max_threads_per_file}), ENFILE for the global
 * one ({@code max_threads}).
 */
public final class LimitReachedException extends KthreadBridgeException {

    private static final long serialVersionUID = 1L;

    public LimitReachedException(String operation, int errno) {
        super(operation, errno, hint(errno));
    }

    private static String hint(int errno) {
        return errno == dev.kthreadbridge.internal.Errno.ENFILE
                ? "global thread limit reached (module parameter max_threads)"
                : "per-file thread limit reached (module parameter max_threads_per_file)";
    }

    /** True for the global limit (ENFILE, max_threads), false for the per-file one (EMFILE). */
    public boolean global() {
        return errno() == dev.kthreadbridge.internal.Errno.ENFILE;
    }
}
