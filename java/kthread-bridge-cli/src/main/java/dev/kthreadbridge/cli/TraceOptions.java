// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.trace.JavaSpan;
import dev.kthreadbridge.trace.PerfettoTrace;
import dev.kthreadbridge.trace.TraceCapture;
import dev.kthreadbridge.trace.TraceSession;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The tracing bounds shared by the commands that take --trace, and the steps they share. */
final class TraceOptions {
    @Option(names = "--trace-buffer", defaultValue = "" + TraceSession.DEFAULT_BUFFER_KB, paramLabel = "KIB",
            converter = Converters.PositiveInt.class,
            description = "With --trace: the kernel's trace buffer per CPU in KiB (default: ${DEFAULT-VALUE}).")
    int bufferKb;
    @Option(names = "--trace-max", defaultValue = "256", paramLabel = "MIB", converter = Converters.PositiveInt.class,
            description = "With --trace: most MiB of trace text read back (default: ${DEFAULT-VALUE}).")
    int maxMib;

    TraceSession start() throws IOException {
        return TraceSession.start(TraceSession.TRACEFS, bufferKb, (long) maxMib << 20);
    }

    /** Stops the session, writes the trace file and says where, what it holds and what was lost on stderr. */
    static PerfettoTrace.Summary finish(TraceSession session, Path file, List<JavaSpan> spans, PrintWriter err)
            throws IOException {
        TraceCapture c = session.stop();
        session.close();
        PerfettoTrace.Summary s = PerfettoTrace.write(file, c, spans);
        err.printf("kb: trace: %s (%d kthreads, %d CPUs, %d events, %d Java spans, %d flows, %d bytes; read in %d ms,"
                + " %d events lost)%n", file, s.kthreads(), s.cpus(), c.events().size(), s.javaSpans(), s.flows(),
                s.bytes(), c.readNanos() / 1_000_000, c.lostEvents());
        TraceSession.warnLost(c, err);
        err.flush();
        return s;
    }
}
