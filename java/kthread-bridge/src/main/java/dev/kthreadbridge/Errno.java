// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import java.util.Optional;

/**
 * The Linux x86_64 errno values a call into the module can fail with, by
 * their symbolic names, with glibc's {@code strerror} texts.
 *
 * <p>{@link KthreadBridgeException#error()} gives the constant of a failure,
 * so callers can switch on it:
 * {@snippet :
 * try {
 *     thread.park();
 * } catch (KthreadBridgeException e) {
 *     switch (e.error().orElse(null)) {
 *         case ESRCH -> System.out.println("the thread has exited");
 *         case EBUSY -> System.out.println("already parked");
 *         case null, default -> throw e;
 *     }
 * }
 * }
 * The errnos the module documents per command are in its uapi header,
 * {@code kmod/include/uapi/linux/kthread_bridge.h}.
 */
public enum Errno {
    /** Operation not permitted (1). */
    EPERM(1, "Operation not permitted"),
    /** No such file or directory (2). */
    ENOENT(2, "No such file or directory"),
    /** No such process (3). */
    ESRCH(3, "No such process"),
    /** Interrupted system call (4). */
    EINTR(4, "Interrupted system call"),
    /** Input/output error (5). */
    EIO(5, "Input/output error"),
    /** No such device or address (6). */
    ENXIO(6, "No such device or address"),
    /** Argument list too long (7). */
    E2BIG(7, "Argument list too long"),
    /** Exec format error (8). */
    ENOEXEC(8, "Exec format error"),
    /** Bad file descriptor (9). */
    EBADF(9, "Bad file descriptor"),
    /** No child processes (10). */
    ECHILD(10, "No child processes"),
    /** Resource temporarily unavailable (11). */
    EAGAIN(11, "Resource temporarily unavailable"),
    /** Cannot allocate memory (12). */
    ENOMEM(12, "Cannot allocate memory"),
    /** Permission denied (13). */
    EACCES(13, "Permission denied"),
    /** Bad address (14). */
    EFAULT(14, "Bad address"),
    /** Block device required (15). */
    ENOTBLK(15, "Block device required"),
    /** Device or resource busy (16). */
    EBUSY(16, "Device or resource busy"),
    /** File exists (17). */
    EEXIST(17, "File exists"),
    /** Invalid cross-device link (18). */
    EXDEV(18, "Invalid cross-device link"),
    /** No such device (19). */
    ENODEV(19, "No such device"),
    /** Not a directory (20). */
    ENOTDIR(20, "Not a directory"),
    /** Is a directory (21). */
    EISDIR(21, "Is a directory"),
    /** Invalid argument (22). */
    EINVAL(22, "Invalid argument"),
    /** Too many open files in system (23). */
    ENFILE(23, "Too many open files in system"),
    /** Too many open files (24). */
    EMFILE(24, "Too many open files"),
    /** Inappropriate ioctl for device (25). */
    ENOTTY(25, "Inappropriate ioctl for device"),
    /** Text file busy (26). */
    ETXTBSY(26, "Text file busy"),
    /** File too large (27). */
    EFBIG(27, "File too large"),
    /** No space left on device (28). */
    ENOSPC(28, "No space left on device"),
    /** Illegal seek (29). */
    ESPIPE(29, "Illegal seek"),
    /** Read-only file system (30). */
    EROFS(30, "Read-only file system"),
    /** Too many links (31). */
    EMLINK(31, "Too many links"),
    /** Broken pipe (32). */
    EPIPE(32, "Broken pipe"),
    /** Numerical argument out of domain (33). */
    EDOM(33, "Numerical argument out of domain"),
    /** Numerical result out of range (34). */
    ERANGE(34, "Numerical result out of range"),
    /** Resource deadlock avoided (35). */
    EDEADLK(35, "Resource deadlock avoided"),
    /** File name too long (36). */
    ENAMETOOLONG(36, "File name too long"),
    /** No locks available (37). */
    ENOLCK(37, "No locks available"),
    /** Function not implemented (38). */
    ENOSYS(38, "Function not implemented"),
    /** Directory not empty (39). */
    ENOTEMPTY(39, "Directory not empty"),
    /** Too many levels of symbolic links (40). */
    ELOOP(40, "Too many levels of symbolic links"),
    /** No data available (61). */
    ENODATA(61, "No data available"),
    /** Timer expired (62). */
    ETIME(62, "Timer expired"),
    /** Value too large for defined data type (75). */
    EOVERFLOW(75, "Value too large for defined data type"),
    /** Operation not supported (95). */
    EOPNOTSUPP(95, "Operation not supported"),
    /** Connection timed out (110). */
    ETIMEDOUT(110, "Connection timed out"),
    /** Operation already in progress (114). */
    EALREADY(114, "Operation already in progress"),
    /** Operation now in progress (115). */
    EINPROGRESS(115, "Operation now in progress"),
    /** Operation canceled (125). */
    ECANCELED(125, "Operation canceled"),
    /** Interrupted system call (restart) (512). */
    ERESTARTSYS(512, "Interrupted system call (restart)");

    private static final Errno[] BY_NUMBER = new Errno[513];

    static {
        for (Errno e : values()) {
            BY_NUMBER[e.number] = e;
        }
    }

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    /**
     * The errno's number on Linux x86_64.
     *
     * @return the positive number, e.g. 3 for {@link #ESRCH}
     */
    public int number() {
        return number;
    }

    /**
     * glibc's {@code strerror} text of the errno.
     *
     * @return e.g. {@code "No such process"} for {@link #ESRCH}
     */
    public String description() {
        return description;
    }

    /**
     * The constant of an errno number.
     *
     * @param number an errno number
     * @return the constant, or empty for a number this enum does not know (or 0)
     */
    public static Optional<Errno> of(int number) {
        return Optional.ofNullable(number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null);
    }

    /**
     * The symbolic name of an errno number.
     *
     * @param number an errno number
     * @return e.g. {@code "ENOENT"}, or {@code "errno 200"} for an unknown number
     */
    public static String nameOf(int number) {
        return of(number).map(Errno::name).orElse("errno " + number);
    }

    /**
     * The {@code strerror} text of an errno number.
     *
     * @param number an errno number
     * @return e.g. {@code "No such file or directory"}, or {@code "Unknown error 200"}
     */
    public static String describe(int number) {
        return of(number).map(Errno::description).orElse("Unknown error " + number);
    }
}
