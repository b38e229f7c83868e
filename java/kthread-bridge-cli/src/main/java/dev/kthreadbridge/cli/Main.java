// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;

/**
 * {@code kb}: hands-on use and experiments with kthread-bridge
 * ({@code java -jar target/kb-cli.jar COMMAND}).
 *
 * <p>Errors are one line on stderr and an exit status of {@link ExitCodes}
 * ({@link ErrorHandler}); {@link #run(String[], PrintWriter, PrintWriter)}
 * runs the command line in-process, as {@link #main(String[])} and the tests do.
 */
@Command(name = "kb", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        header = "kthread-bridge from the command line: kernel threads, demo and experiments.",
        description = "Creates, shows and stops real Linux kernel threads through /dev/kthread_bridge (the"
                + " kthread_bridge module), and measures their lifecycle, wake-up and control latencies,"
                + " their cost and memory. kb COMMAND --help tells more; errors are one line on stderr"
                + " (--verbose adds the stack trace) and the exit status says what kind.",
        subcommands = {PsCommand.class, RunCommand.class, StopCommand.class, DemoCommand.class, BenchCommand.class,
                ReportCommand.class, PlotCommand.class, JmhSummaryCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    @Option(names = ErrorHandler.VERBOSE, scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace after the one-line message.")
    boolean verbose;

    /** Runs {@code kb ARGS} and exits with its status. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true);
        System.exit(run(args, out, err));
    }

    /**
     * Runs {@code kb ARGS} in this JVM.
     *
     * @param args the command line, without "kb"
     * @param out  where the commands' output goes (stdout)
     * @param err  where errors and progress go (stderr)
     * @return the exit status, one of {@link ExitCodes}
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            return commandLine(out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The kb command line, writing to out and err, with kb's error handling and exit codes. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        ErrorHandler handler = new ErrorHandler();
        CommandLine cl = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(handler)
                .setExecutionExceptionHandler(handler);
        cl.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit status:%n")
                .exitCodeList(ExitCodes.descriptions());
        return cl;
    }
}
