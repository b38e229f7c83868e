// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

/**
 * A guest test's exception, carried to the host: the Java-serialized
 * original when it serializes (same class path on both sides, so the
 * host gets the real {@code AssertionFailedError} with expected/actual),
 * and its class, message and frames always, for when it does not.
 */
public record RemoteThrowable(String className, String message, List<StackTraceElement> frames,
                              RemoteThrowable cause, byte[] serialized) {

    /** Captures {@code t} (its cause chain too, up to a depth of 8). */
    public static RemoteThrowable of(Throwable t) {
        return of(t, 0);
    }

    private static RemoteThrowable of(Throwable t, int depth) {
        RemoteThrowable cause = t.getCause() != null && t.getCause() != t && depth < 8
                ? of(t.getCause(), depth + 1) : null;
        return new RemoteThrowable(t.getClass().getName(), t.getMessage(), List.of(t.getStackTrace()),
                cause, depth == 0 ? serialize(t) : new byte[0]);
    }

    private static byte[] serialize(Throwable t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
        return bytes.toByteArray();
    }

    /**
     * The exception for the host's report: the deserialized original when
     * possible, else a {@link GuestException} with the same message and frames.
     */
    public Throwable toThrowable() {
        if (serialized.length > 0) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
                if (in.readObject() instanceof Throwable t) {
                    return t;
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // fall through to the portable form
            }
        }
        GuestException e = new GuestException(className, message,
                cause == null ? null : cause.toThrowable());
        e.setStackTrace(frames.toArray(StackTraceElement[]::new));
        return e;
    }

    /** An exception of the guest whose class the host could not rebuild. */
    public static final class GuestException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        GuestException(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        /** The class name of the exception thrown in the guest. */
        public String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String m = getLocalizedMessage();
            return m == null ? originalClass : originalClass + ": " + m;
        }
    }
}
