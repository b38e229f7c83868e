// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal;

import java.util.Map;

/**
 * Linux x86_64 errno numbers, their symbolic names and the glibc
 * {@code strerror} texts. Internal: the public API exposes them through
 * {@code KthreadBridgeException.errno()} and {@code errnoName()}.
 */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;
    public static final int ENOSYS = 38;
    public static final int ETIMEDOUT = 110;

    private record Entry(String name, String text) {
    }

    private static final Map<Integer, Entry> TABLE = Map.ofEntries(
            e(1, "EPERM", "Operation not permitted"),
            e(2, "ENOENT", "No such file or directory"),
            e(3, "ESRCH", "No such process"),
            e(4, "EINTR", "Interrupted system call"),
            e(5, "EIO", "Input/output error"),
            e(6, "ENXIO", "No such device or address"),
            e(7, "E2BIG", "Argument list too long"),
            e(8, "ENOEXEC", "Exec format error"),
            e(9, "EBADF", "Bad file descriptor"),
            e(10, "ECHILD", "No child processes"),
            e(11, "EAGAIN", "Resource temporarily unavailable"),
            e(12, "ENOMEM", "Cannot allocate memory"),
            e(13, "EACCES", "Permission denied"),
            e(14, "EFAULT", "Bad address"),
            e(15, "ENOTBLK", "Block device required"),
            e(16, "EBUSY", "Device or resource busy"),
            e(17, "EEXIST", "File exists"),
            e(18, "EXDEV", "Invalid cross-device link"),
            e(19, "ENODEV", "No such device"),
            e(20, "ENOTDIR", "Not a directory"),
            e(21, "EISDIR", "Is a directory"),
            e(22, "EINVAL", "Invalid argument"),
            e(23, "ENFILE", "Too many open files in system"),
            e(24, "EMFILE", "Too many open files"),
            e(25, "ENOTTY", "Inappropriate ioctl for device"),
            e(26, "ETXTBSY", "Text file busy"),
            e(27, "EFBIG", "File too large"),
            e(28, "ENOSPC", "No space left on device"),
            e(29, "ESPIPE", "Illegal seek"),
            e(30, "EROFS", "Read-only file system"),
            e(31, "EMLINK", "Too many links"),
            e(32, "EPIPE", "Broken pipe"),
            e(33, "EDOM", "Numerical argument out of domain"),
            e(34, "ERANGE", "Numerical result out of range"),
            e(35, "EDEADLK", "Resource deadlock avoided"),
            e(36, "ENAMETOOLONG", "File name too long"),
            e(37, "ENOLCK", "No locks available"),
            e(38, "ENOSYS", "Function not implemented"),
            e(39, "ENOTEMPTY", "Directory not empty"),
            e(40, "ELOOP", "Too many levels of symbolic links"),
            e(61, "ENODATA", "No data available"),
            e(62, "ETIME", "Timer expired"),
            e(75, "EOVERFLOW", "Value too large for defined data type"),
            e(95, "EOPNOTSUPP", "Operation not supported"),
            e(110, "ETIMEDOUT", "Connection timed out"),
            e(114, "EALREADY", "Operation already in progress"),
            e(115, "EINPROGRESS", "Operation now in progress"),
            e(125, "ECANCELED", "Operation canceled"),
            e(512, "ERESTARTSYS", "Interrupted system call (restart)"));

    private static Map.Entry<Integer, Entry> e(int errno, String name, String text) {
        return Map.entry(errno, new Entry(name, text));
    }

    private Errno() {
    }

    /** The symbolic name, e.g. {@code "ENOENT"}, or {@code "errno 200"} if unknown. */
    public static String name(int errno) {
        Entry entry = TABLE.get(errno);
        return entry != null ? entry.name() : "errno " + errno;
    }

    /** The strerror text, e.g. {@code "No such file or directory"}, or {@code "Unknown error 200"}. */
    public static String description(int errno) {
        Entry entry = TABLE.get(errno);
        return entry != null ? entry.text() : "Unknown error " + errno;
    }
}
