// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.wire;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of one event record: a type byte, then the fields in order;
 * strings as a 4-byte length (-1 for null) and UTF-8 bytes. Framing (the
 * length prefix of each record) is {@link EventFile}'s.
 */
final class EventCodec {

    private static final int STARTED = 1;
    private static final int SKIPPED = 2;
    private static final int FINISHED = 3;
    private static final int DYNAMIC = 4;
    private static final int REPORT = 5;
    private static final int HUNG = 6;
    private static final int END = 7;
    private static final int MAX_STRING = 16 << 20;

    private EventCodec() {
    }

    static void write(DataOutput out, Event event) throws IOException {
        switch (event) {
            case Event.Started e -> {
                out.writeByte(STARTED);
                writeString(out, e.uniqueId());
            }
            case Event.Skipped e -> {
                out.writeByte(SKIPPED);
                writeString(out, e.uniqueId());
                writeString(out, e.reason());
            }
            case Event.Finished e -> {
                out.writeByte(FINISHED);
                writeString(out, e.uniqueId());
                out.writeByte(e.status().ordinal());
                writeThrowable(out, e.failure());
            }
            case Event.Dynamic e -> {
                out.writeByte(DYNAMIC);
                for (String s : new String[] {e.uniqueId(), e.parentId(), e.displayName(), e.legacyName()}) {
                    writeString(out, s);
                }
                out.writeBoolean(e.container());
                out.writeBoolean(e.test());
                writeString(out, e.sourceClass());
                writeString(out, e.sourceMethod());
                writeString(out, e.sourceParams());
                out.writeInt(e.tags().size());
                for (String tag : e.tags()) {
                    writeString(out, tag);
                }
            }
            case Event.Report e -> {
                out.writeByte(REPORT);
                writeString(out, e.uniqueId());
                out.writeInt(e.entries().size());
                for (Map.Entry<String, String> entry : e.entries().entrySet()) {
                    writeString(out, entry.getKey());
                    writeString(out, entry.getValue());
                }
            }
            case Event.Hung e -> {
                out.writeByte(HUNG);
                writeString(out, e.uniqueId());
                out.writeInt(e.timeoutSeconds());
                writeString(out, e.threadDump());
            }
            case Event.End e -> out.writeByte(END);
        }
    }

    static Event read(DataInput in) throws IOException {
        int type = in.readUnsignedByte();
        return switch (type) {
            case STARTED -> new Event.Started(readString(in));
            case SKIPPED -> new Event.Skipped(readString(in), readString(in));
            case FINISHED -> new Event.Finished(readString(in), status(in.readUnsignedByte()), readThrowable(in));
            case DYNAMIC -> {
                String id = readString(in);
                String parent = readString(in);
                String display = readString(in);
                String legacy = readString(in);
                boolean container = in.readBoolean();
                boolean test = in.readBoolean();
                String cls = readString(in);
                String method = readString(in);
                String params = readString(in);
                List<String> tags = new ArrayList<>();
                for (int i = count(in); i > 0; i--) {
                    tags.add(readString(in));
                }
                yield new Event.Dynamic(id, parent, display, legacy, container, test, cls, method, params, tags);
            }
            case REPORT -> {
                String id = readString(in);
                Map<String, String> entries = new LinkedHashMap<>();
                for (int i = count(in); i > 0; i--) {
                    entries.put(readString(in), readString(in));
                }
                yield new Event.Report(id, entries);
            }
            case HUNG -> new Event.Hung(readString(in), in.readInt(), readString(in));
            case END -> new Event.End();
            default -> throw new IOException("unknown event type " + type);
        };
    }

    private static Event.Status status(int ordinal) throws IOException {
        Event.Status[] all = Event.Status.values();
        if (ordinal >= all.length) {
            throw new IOException("unknown status " + ordinal);
        }
        return all[ordinal];
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    private static void writeThrowable(DataOutput out, RemoteThrowable t) throws IOException {
        out.writeBoolean(t != null);
        if (t == null) {
            return;
        }
        writeString(out, t.className());
        writeString(out, t.message());
        out.writeInt(t.frames().size());
        for (StackTraceElement f : t.frames()) {
            writeString(out, f.getClassName());
            writeString(out, f.getMethodName());
            writeString(out, f.getFileName());
            out.writeInt(f.getLineNumber());
        }
        out.writeInt(t.serialized().length);
        out.write(t.serialized());
        writeThrowable(out, t.cause());
    }

    private static RemoteThrowable readThrowable(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String cls = readString(in);
        String message = readString(in);
        List<StackTraceElement> frames = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            frames.add(new StackTraceElement(readString(in), readString(in), readString(in), in.readInt()));
        }
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("bad serialized length " + n);
        }
        byte[] serialized = new byte[n];
        in.readFully(serialized);
        return new RemoteThrowable(cls, message, frames, readThrowable(in), serialized);
    }

    private static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
