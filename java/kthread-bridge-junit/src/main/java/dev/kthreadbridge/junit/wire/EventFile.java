// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The guest's event file: records of a 4-byte big-endian length and an
 * {@link EventCodec} body, each written whole and flushed, so the host can
 * read it while the guest is still writing (over the 9p results share).
 * The guest runner fsyncs every record: a 9p write that is not synced is
 * lost when the guest kernel panics, and with it the tests that passed
 * before the panic.
 */
public final class EventFile {

    /** The file name in the results directory. */
    public static final String NAME = "events.bin";
    private static final int MAX_RECORD = 64 << 20;

    private EventFile() {
    }

    /** Appends records to a file; one writer per file. */
    public static final class Writer implements AutoCloseable {
        private final FileOutputStream file;

        public Writer(Path path) throws IOException {
            this.file = new FileOutputStream(path.toFile());
        }

        /** Writes one record and pushes it to the file; {@code sync} also fsyncs. */
        public synchronized void write(Event event, boolean sync) {
            try {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                EventCodec.write(new DataOutputStream(body), event);
                ByteArrayOutputStream record = new ByteArrayOutputStream(body.size() + 4);
                new DataOutputStream(record).writeInt(body.size());
                body.writeTo(record);
                file.write(record.toByteArray());
                file.flush();
                if (sync) {
                    file.getFD().sync();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing a test event to the results directory", e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            file.close();
        }
    }

    /**
     * Reads the records of a file that may still grow: {@link #poll()}
     * returns the records complete so far, keeping a partial one for later.
     */
    public static final class Reader implements AutoCloseable {
        private final Path path;
        private FileChannel channel;
        private byte[] pending = new byte[0];
        private long offset;

        public Reader(Path path) {
            this.path = path;
        }

        /** The complete records written since the last call (none while the file does not exist). */
        public List<Event> poll() throws IOException {
            if (channel == null) {
                if (!Files.exists(path)) {
                    return List.of();
                }
                channel = FileChannel.open(path, StandardOpenOption.READ);
            }
            ByteBuffer buf = ByteBuffer.allocate(64 << 10);
            ByteArrayOutputStream fresh = new ByteArrayOutputStream();
            fresh.write(pending);
            int n;
            while ((n = channel.read(buf)) > 0) {
                fresh.write(buf.array(), 0, n);
                buf.clear();
            }
            byte[] data = fresh.toByteArray();
            List<Event> events = new ArrayList<>();
            int pos = 0;
            while (data.length - pos >= 4) {
                int len = ByteBuffer.wrap(data, pos, 4).getInt();
                if (len <= 0 || len > MAX_RECORD) {
                    throw new IOException("reading " + path + ": bad record length " + len
                            + " at offset " + (offset + pos));
                }
                if (data.length - pos - 4 < len) {
                    break;
                }
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, pos + 4, len))) {
                    events.add(EventCodec.read(in));
                } catch (IOException e) {
                    throw new IOException("reading " + path + ": bad record at offset " + (offset + pos), e);
                }
                pos += 4 + len;
            }
            offset += pos;
            pending = Arrays.copyOfRange(data, pos, data.length);
            return events;
        }

        /** Bytes of a record that is not complete yet (0 when the file ends on a record). */
        public int pendingBytes() {
            return pending.length;
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
