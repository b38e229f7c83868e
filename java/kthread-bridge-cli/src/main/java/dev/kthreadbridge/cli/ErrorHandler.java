// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.DeviceUnavailableException;
import dev.kthreadbridge.IncompatibleModuleException;
import dev.kthreadbridge.KthreadBridgeException;
import dev.kthreadbridge.LibraryUnavailableException;
import dev.kthreadbridge.PermissionDeniedException;
import dev.kthreadbridge.bench.InvalidJsonException;
import dev.kthreadbridge.trace.TraceException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;

/**
 * Turns every failure into one line on stderr, {@code kb: error: WHAT — FIX},
 * and an exit status of {@link ExitCodes}: usage errors 64, a missing device
 * or module 69, permission denied 77, a refusal of the kernel 1, a bug 70.
 * The stack trace follows only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** The global option that adds the stack trace. */
    static final String VERBOSE = "--verbose";

    /** An error as kb reports it: the exit status and the line's text. */
    record Outcome(int exitCode, String what, String fix) {

        /** The line printed on stderr, without a line break. */
        String line() {
            return "kb: error: " + oneLine(what) + (fix == null ? "" : " — " + oneLine(fix));
        }
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        boolean verbose = Arrays.asList(args).contains(VERBOSE);
        return report(usage(ex), ex, ex.getCommandLine().getErr(), verbose);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        boolean verbose = verbose(parseResult);
        if (ex instanceof ParameterException pe) {
            // a check that needs more than one option (name with index too long), made before any work
            return report(usage(pe), ex, cmd.getErr(), verbose);
        }
        return report(classify(ex), ex, cmd.getErr(), verbose);
    }

    private static int report(Outcome o, Throwable ex, PrintWriter err, boolean verbose) {
        err.println(o.line());
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return o.exitCode();
    }

    /** Whether --verbose was given on the top command or any subcommand of this parse. */
    static boolean verbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** A usage error: picocli's message, and where to read the usage. */
    static Outcome usage(ParameterException ex) {
        String help = "see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'";
        String fix = help;
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                fix = "did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                        + "? " + help;
            }
        }
        return new Outcome(ExitCodes.USAGE, ex.getMessage(), fix);
    }

    /** The exit status and line for an exception a command threw. */
    static Outcome classify(Throwable ex) {
        return switch (ex) {
            case CommandFailure f -> new Outcome(f.exitCode(), f.getMessage(), f.fix());
            case DeviceUnavailableException e -> new Outcome(ExitCodes.UNAVAILABLE, e.getMessage(), null);
            case IncompatibleModuleException e -> new Outcome(ExitCodes.UNAVAILABLE, e.getMessage(), null);
            case PermissionDeniedException e -> new Outcome(ExitCodes.NO_PERM, e.getMessage(), null);
            case KthreadBridgeException e -> new Outcome(ExitCodes.FAILED, e.getMessage(), null);
            case LibraryUnavailableException e -> new Outcome(ExitCodes.UNAVAILABLE, e.getMessage(), null);
            case TraceException e -> new Outcome(ExitCodes.UNAVAILABLE, e.getMessage(), e.fix());
            case UncheckedIOException e -> classify(e.getCause());
            case IOException e -> io(e);
            default -> new Outcome(ExitCodes.SOFTWARE, "internal error: " + ex,
                    "a bug in kb; " + VERBOSE + " shows the stack trace");
        };
    }

    private static Outcome io(IOException e) {
        return switch (e) {
            case InvalidJsonException j -> new Outcome(ExitCodes.DATA, j.getMessage(),
                    "give a file that kb bench (or the tool it names) wrote in full");
            case NoSuchFileException f -> new Outcome(ExitCodes.NO_INPUT, f.getFile() + ": no such file",
                    "check the path" + (f.getFile().endsWith("bench.json") ? " (a directory of kb bench --out)" : ""));
            case AccessDeniedException f -> new Outcome(ExitCodes.IO, f.getFile() + ": permission denied",
                    "check the file's permissions or choose another path");
            case FileSystemException f -> new Outcome(ExitCodes.IO, f.getFile() + ": "
                    + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName()), null);
            default -> new Outcome(ExitCodes.IO, "I/O error: " + e, null);
        };
    }

    /** The text with line breaks folded, so that an error is always one line. */
    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
